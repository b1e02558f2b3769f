export type * from "./types.js";
export { parseValue, parseValueOrNull, normalizeRaw, foldVi, isBlankRaw } from "./parse.js";
export {
  formatValue,
  formatNumber,
  toNumber,
  STATUS_LABELS,
  COMPARATOR_SYMBOLS,
  NEW_NOT_ASSESSED_LABEL,
} from "./format.js";
export {
  readCell,
  readingText,
  expectationFor,
  expectedText,
  fitsKind,
  isPercentKind,
  isNumericKind,
  shortNameOf,
  SHORT_NAME_MAX,
  READ_CODES,
  READING_RULES_VERSION,
} from "./read.js";
export type { Expectation, IndicatorLike, RowLike, Reading, ReadIssue, ReadCode, RawInput } from "./read.js";

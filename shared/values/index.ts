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

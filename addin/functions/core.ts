/**
 * The logic behind the CT.* custom functions, free of Office: every function takes the catalog (and, for
 * CT.ACTUAL, a fetcher) as a parameter and throws CtError, which functions.ts turns into CustomFunctions.Error.
 * Unit-tested in Node against the real catalog (test/addin/functions.test.ts).
 */
import type { CatalogCell, Direction, TargetYear } from "../../shared/catalog/types.js";
import { TARGET_YEARS } from "../../shared/catalog/types.js";
import { editDistance } from "../../shared/catalog/distance.js";
// The functions compute on the slim catalog of their first bundle or on a full one (saved, from the server).
import type { FnCatalog as Catalog, FnIndicator as Indicator } from "./slim-catalog.js";
import type { ParsedValue } from "../../shared/values/types.js";
import { expectationFor, readCell } from "../../shared/values/index.js";
import { judge, type Judgement } from "../../shared/assess/index.js";

/** The two Excel errors that can carry a message. */
export type CtErrorCode = "#N/A" | "#VALUE!";

export class CtError extends Error {
  readonly code: CtErrorCode;
  constructor(code: CtErrorCode, message: string) {
    super(message);
    this.name = "CtError";
    this.code = code;
  }
}

const notAvailable = (message: string) => new CtError("#N/A", message);
const invalidValue = (message: string) => new CtError("#VALUE!", message);

/** What Excel may hand to a parameter declared `any`: a cell's value, or null/undefined when empty or omitted. */
export type CellInput = string | number | boolean | null | undefined;

// ---------------------------------------------------------------------------------------------------------
// Looking up an indicator
// ---------------------------------------------------------------------------------------------------------

/** "chi nsnn-khcn " → "CHI_NSNN_KHCN": upper case, spaces and hyphens read as underscores. */
export function normalizeKey(text: string): string {
  // Most keys typed are plain ASCII ("5g", "chi_khcn"): of normalizeKeyFully only the upper-casing changes them.
  return isPlainAscii(text) ? text.toUpperCase() : normalizeKeyFully(text);
}

/**
 * Printable ASCII without spaces, quotes or hyphens: text that NFC, trimming, quote stripping and reading spaces
 * and hyphens as underscores all leave as it is.
 */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x22 /* " */ || c === 0x27 /* ' */ || c === 0x2d /* - */) return false;
  }
  return true;
}

/** normalizeKey without its shortcut, for any text. */
export function normalizeKeyFully(text: string): string {
  return text
    .normalize("NFC")
    .trim()
    .replace(/^['"“”‘’]+|['"“”‘’]+$/g, "")
    .trim()
    .toUpperCase()
    .replace(/[\s\-–]+/g, "_");
}

/** Lower-case ASCII without Vietnamese diacritics, for matching words in names. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** The catalog's keys nearest to what was typed (edit distance on the key, words of the name), best first. */
export function suggestKeys(catalog: Catalog, query: string, n = 3): string[] {
  // The same typo comes back in many cells (one per year, per row): remembered per catalog.
  const memo = indexOf(catalog).suggestions;
  const k = `${n}|${query}`;
  let hit = memo.get(k);
  if (!hit) {
    if (memo.size >= 1000) memo.clear();
    memo.set(k, (hit = computeSuggestions(catalog, query, n)));
  }
  return [...hit];
}

function computeSuggestions(catalog: Catalog, query: string, n: number): string[] {
  const q = normalizeKey(query);
  const words = fold(query)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
  if (!q) return [];
  const { foldedNames: folded, upperKeys } = indexOf(catalog);
  const limit = Math.max(2, Math.ceil(q.length / 2));
  const scored = catalog.indicators.map((ind, i) => {
    const key = upperKeys[i]!;
    let score = Infinity;
    if (key.startsWith(q) || q.startsWith(key)) score = 1;
    else if (key.includes(q) || q.includes(key)) score = 1.5;
    if (words.length > 0) {
      const name = folded[i]!;
      const hits = words.filter((w) => name.includes(w)).length;
      if (hits === words.length) score = Math.min(score, 1.2);
    }
    // The distance is at least the difference in length: when that is already no better than a rule's score, or
    // above the limit (the key is dropped, or keeps its rule's score, which is below any limit), it changes nothing.
    const gap = Math.abs(key.length - q.length);
    if (gap < score && gap <= limit) score = Math.min(score, editDistance(q, key));
    return { key: ind.key, score };
  });
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
    .slice(0, n)
    .map((s) => s.key);
}

/** Lookup tables per catalog object: a recalculation asks thousands of times, the catalog changes rarely. */
interface CatalogIndex {
  byKey: Map<string, Indicator>;
  byStt: Map<number, Indicator>;
  foldedNames: string[];
  upperKeys: string[];
  suggestions: Map<string, string[]>;
  /** resolveIndicator's answer per key as Excel passes it (text or number): the indicator, or the error it throws. */
  resolved: Map<string | number, Indicator | CtError>;
  /** CT.TARGET's answer per indicator for each of TARGET_YEARS (once asked): the value, or the error it throws. */
  targets: Map<Indicator, (number | string | CtError | undefined)[]>;
}
const indexes = new WeakMap<Catalog, CatalogIndex>();
function indexOf(catalog: Catalog): CatalogIndex {
  let ix = indexes.get(catalog);
  if (!ix) {
    // Folded names for suggestKeys: folding (NFD) 79 names on every unknown key was most of its cost.
    ix = { byKey: new Map(), byStt: new Map(), foldedNames: catalog.indicators.map((i) => fold(i.name)), upperKeys: catalog.indicators.map((i) => i.key.toUpperCase()), suggestions: new Map(), resolved: new Map(), targets: new Map() };
    for (const ind of catalog.indicators) {
      ix.byKey.set(normalizeKey(ind.key), ind);
      if (!ix.byStt.has(ind.stt)) ix.byStt.set(ind.stt, ind);
    }
    indexes.set(catalog, ix);
  }
  return ix;
}

/** By key (case-insensitive) or by STT (a number, or digits as text). Undefined when absent. */
export function findIndicator(catalog: Catalog, input: CellInput): Indicator | undefined {
  const ix = indexOf(catalog);
  if (typeof input === "number") return Number.isInteger(input) ? ix.byStt.get(input) : undefined;
  if (typeof input !== "string") return undefined;
  const text = input.trim();
  if (/^\d{1,3}$/.test(text)) return ix.byStt.get(Number(text));
  return ix.byKey.get(normalizeKey(text));
}

/**
 * Like findIndicator, but throws the Excel error users see: #VALUE! for no key, #N/A naming the nearest keys.
 * A key comes back in many cells (one per year, per sheet): the answer for a text or number is remembered per
 * catalog, an error too (the same CtError is thrown again).
 */
export function resolveIndicator(catalog: Catalog, input: CellInput): Indicator {
  const r = resolveOrError(catalog, input);
  if (r instanceof CtError) throw r;
  return r;
}

/** resolveIndicator's indicator, or the error it throws. */
function resolveOrError(catalog: Catalog, input: CellInput): Indicator | CtError {
  if (typeof input !== "string" && typeof input !== "number") return errorOf(() => resolveOnce(catalog, input));
  const resolved = indexOf(catalog).resolved;
  let r = resolved.get(input);
  if (r === undefined) {
    r = errorOf(() => resolveOnce(catalog, input));
    if (resolved.size >= 5000) resolved.clear();
    resolved.set(input, r);
  }
  return r;
}

/** fn's result, or the CtError it throws (anything else thrown goes on). */
function errorOf<T>(fn: () => T): T | CtError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CtError) return e;
    throw e;
  }
}

function resolveOnce(catalog: Catalog, input: CellInput): Indicator {
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) {
    throw invalidValue("Chưa nhập mã chỉ tiêu (ví dụ \"5G\") hoặc số thứ tự.");
  }
  if (typeof input === "boolean") throw invalidValue("Mã chỉ tiêu phải là chữ (ví dụ \"5G\") hoặc số thứ tự.");
  const found = findIndicator(catalog, input);
  if (found) return found;
  const asNumber = typeof input === "number" ? input : /^\d{1,3}$/.test(input.trim()) ? Number(input.trim()) : null;
  if (asNumber !== null) {
    if (!Number.isInteger(asNumber)) throw invalidValue(`Số thứ tự phải là số nguyên: ${asNumber}.`);
    const missing = catalog.missing.find((m) => m.stt === asNumber);
    if (missing) throw notAvailable(`Chỉ tiêu số thứ tự ${asNumber} không có trong danh mục: ${missing.reason}`);
    const stts = catalog.indicators.map((i) => i.stt);
    throw notAvailable(
      `Không có chỉ tiêu số thứ tự ${asNumber} (danh mục có ${Math.min(...stts)}–${Math.max(...stts)}).`,
    );
  }
  const shown = String(input).trim();
  const near = suggestKeys(catalog, shown);
  throw notAvailable(
    near.length > 0
      ? `Không có chỉ tiêu '${shown}'. Có phải: ${near.join(", ")}?`
      : `Không có chỉ tiêu '${shown}'. Xem danh sách mã chỉ tiêu trong ngăn Chỉ tiêu.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Years
// ---------------------------------------------------------------------------------------------------------

/** A calendar year 2000–2100 given as a number or digits; anything else is #VALUE!. */
export function parseYear(input: CellInput): number {
  let year: number | null = null;
  if (typeof input === "number") year = input;
  else if (typeof input === "string" && /^\s*\d{4}\s*$/.test(input)) year = Number(input.trim());
  if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100) {
    const shown = input === null || input === undefined || input === "" ? "(trống)" : String(input);
    throw invalidValue(`Năm không hợp lệ: ${shown}. Nhập năm dạng 2030.`);
  }
  return year;
}

function isTargetYear(year: number): year is TargetYear {
  return (TARGET_YEARS as readonly number[]).includes(year);
}

/** Years that have a target for this indicator (a non-empty cell). */
function yearsWithTarget(ind: Indicator): TargetYear[] {
  return TARGET_YEARS.filter((y) => ind.targets[y].value.kind !== "none");
}

/** The target cell of a milestone year, or #N/A if the plan sets no target for that year. */
function targetCell(ind: Indicator, yearInput: CellInput): { year: TargetYear; cell: CatalogCell } {
  const year = parseYear(yearInput);
  if (!isTargetYear(year)) {
    const ys = yearsWithTarget(ind);
    throw notAvailable(
      `Kế hoạch không đặt mục tiêu năm ${year}. ` +
        (ys.length > 0
          ? `Chỉ tiêu ${ind.key} có mục tiêu các năm ${ys.join(", ")}.`
          : `Các năm mốc: ${TARGET_YEARS.join(", ")}.`),
    );
  }
  return { year, cell: ind.targets[year] };
}

function noneReason(cell: CatalogCell): string {
  const v = cell.value;
  if (v.kind !== "none") return "";
  if (v.reason === "new_not_assessed") return " (chỉ tiêu mới, chưa đánh giá)";
  if (v.reason === "dash") return ` (ô ghi "${cell.printed.trim()}")`;
  return " (ô để trống)";
}

function doubtsOf(ind: Indicator, field: string): string[] {
  return ind.doubts.filter((d) => d.field === field).map((d) => d.reason ?? "");
}

// ---------------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------------

/** 60 → 0.6 without binary noise (14.3 / 100 would be 0.14300000000000002). */
function percentToFraction(x: number): number {
  return Number((x / 100).toPrecision(12));
}

/**
 * The number a printed cell stands for, as Excel should see it:
 * - a plain number as is, a percent as a fraction (60% → 0.6);
 * - a comparator (≥ 1,5% / ≤ 10) → its bound;
 * - a range → the end that must be reached: the lower end for "higher is better" (and for ≥ / >),
 *   the upper end for "lower is better" (and for ≤ / <);
 * - "Nhóm 10" → 10 (the rank group; lower is better);
 * - qualitative values (Có/Không, statuses, text) → null (callers return the printed text).
 */
export function cellNumber(value: ParsedValue, direction: Direction, asWritten = false): number | null {
  const scale = (x: number, percent: boolean) => (percent && !asWritten ? percentToFraction(x) : x);
  switch (value.kind) {
    case "number":
      return scale(value.value, value.percent);
    case "range":
      return scale(direction === "lower" ? value.max : value.min, value.percent);
    case "comparator": {
      const b = value.bound;
      if (b.kind === "number") return scale(b.value, b.percent);
      return scale(value.op === "<=" || value.op === "<" ? b.max : b.min, b.percent);
    }
    case "rankGroup":
      return value.group;
    default:
      return null;
  }
}

/**
 * What CT.TARGET / CT.BASELINE return for a cell: a number when it has one, else the printed text.
 * A percentage written without its % sign under a % unit ("≥ 50", unit %) is a fraction too (0.5).
 */
function cellResult(ind: Indicator, cell: CatalogCell): number | string | null {
  if (cell.value.kind === "none") return null;
  let n = cellNumber(cell.value, ind.direction);
  if (n !== null && cell.value.kind !== "rankGroup" && !hasPercentSign(cell.value) && isPercentTarget(ind, cell.value)) {
    n = percentToFraction(n);
  }
  if (n !== null) return n;
  const text = cell.printed.trim();
  return text || null;
}

// ---------------------------------------------------------------------------------------------------------
// The functions
// ---------------------------------------------------------------------------------------------------------

/** CT.TARGET: the target for a milestone year as a number (percent as a fraction), or its text if qualitative. */
export function ctTarget(catalog: Catalog, key: CellInput, year: CellInput): number | string {
  const a = ctTargetOrError(catalog, key, year);
  if (a instanceof CtError) throw a;
  return a;
}

/** CT.TARGET's answer, or the error it throws: for functions.ts, which keeps error answers (no throw and catch). */
export function ctTargetOrError(catalog: Catalog, key: CellInput, year: CellInput): number | string | CtError {
  const ind = resolveOrError(catalog, key);
  if (ind instanceof CtError) return ind;
  const k = typeof year === "number" ? TARGET_YEARS.indexOf(year as TargetYear) : -1;
  // A milestone year (as most cells give it): the indicator's answer for it, computed once per catalog.
  return k >= 0 ? milestoneAnswer(catalog, ind, k) : errorOf(() => targetAnswer(ind, year));
}

/** CT.TARGET for the k-th of TARGET_YEARS, made on the first cell that asks for it. */
function milestoneAnswer(catalog: Catalog, ind: Indicator, k: number): number | string | CtError {
  const targets = indexOf(catalog).targets;
  let answers = targets.get(ind);
  if (!answers) targets.set(ind, (answers = new Array<number | string | CtError | undefined>(TARGET_YEARS.length).fill(undefined)));
  return (answers[k] ??= targetAnswer(ind, TARGET_YEARS[k]!));
}

/** CT.TARGET for a known indicator: the value, or the error to throw (an invalid year throws at once). */
function targetAnswer(ind: Indicator, year: CellInput): number | string | CtError {
  const { year: y, cell } = targetCell(ind, year);
  const result = cellResult(ind, cell);
  if (result === null) return notAvailable(`Chỉ tiêu ${ind.key} không có mục tiêu năm ${y}${noneReason(cell)}.`);
  return result;
}

/** A target the Sở KH&CN corrected or settled (GET /api/catalog `targetOverrides`), with the document that settles it. */
export interface TargetOverride {
  key: string;
  year: number;
  text: string;
  source?: string;
}

/**
 * CT.TARGETTEXT: the target exactly as printed, with the catalog's doubt appended: "100% (nghi vấn: …)". A target the
 * Sở KH&CN settled (the server's catalog lists it in `targetOverrides`) reads as settled, with its source:
 * "85% (theo Công văn 123/SKHCN)" — for any year it was settled for, milestone or not.
 */
export function ctTargetText(catalog: Catalog & { targetOverrides?: TargetOverride[] }, key: CellInput, year: CellInput): string {
  const ind = resolveIndicator(catalog, key);
  const settled = catalog.targetOverrides?.find((o) => o.key === ind.key && o.year === parseYear(year));
  if (settled) return settled.source ? `${settled.text} (theo ${settled.source})` : settled.text;
  const { year: y, cell } = targetCell(ind, year);
  const printed = cell.printed.trim();
  if (!printed) throw notAvailable(`Chỉ tiêu ${ind.key} không có mục tiêu năm ${y}${noneReason(cell)}.`);
  const doubts = doubtsOf(ind, String(y));
  return doubts.length > 0 ? `${printed} (nghi vấn: ${doubts.join("; ")})` : printed;
}

/** CT.BASELINE: the baseline (hiện trạng), converted like CT.TARGET. */
export function ctBaseline(catalog: Catalog, key: CellInput): number | string {
  const ind = resolveIndicator(catalog, key);
  const result = cellResult(ind, ind.baseline);
  if (result === null) {
    throw notAvailable(`Chỉ tiêu ${ind.key} không có số liệu hiện trạng${noneReason(ind.baseline)}.`);
  }
  return result;
}

export function ctName(catalog: Catalog, key: CellInput): string {
  return resolveIndicator(catalog, key).name;
}

export function ctUnit(catalog: Catalog, key: CellInput): string {
  return resolveIndicator(catalog, key).unit;
}

export function ctAgency(catalog: Catalog, key: CellInput): string {
  return resolveIndicator(catalog, key).agencies.join("; ");
}

function hasPercentSign(v: ParsedValue): boolean {
  if (v.kind === "number" || v.kind === "range") return v.percent;
  if (v.kind === "comparator") return v.bound.percent;
  return false;
}

/**
 * Is the target a percentage? Yes when it carries a % sign ("60%", "≥ 1,5%"), or when the unit is % and the
 * target is written in percent points ("≥ 50" with unit %). Not when the unit says % but the target is a
 * fraction or an index (HDI: unit "%", target 0.7): then numbers are compared as they are.
 */
export function isPercentTarget(ind: Indicator, target: ParsedValue, direction: Direction = ind.direction): boolean {
  if (hasPercentSign(target)) return true;
  if (!ind.unit.includes("%")) return false;
  const n = cellNumber(target, direction, true);
  return n !== null && n > 1.5;
}

/**
 * CT.ASSESS and CT.PROGRESS read the actual exactly as the pane and the worker do: readCell
 * (shared/values/read.ts) against the indicator's expected kind, so "0,85" in a % indicator is 85% here
 * too, and a value the pane would reject (text or "Có" in a %, a number in Có/Không, 150% in a share) is
 * #VALUE! with the same message. A number handed over by Excel follows the same rule (a cell formatted as %
 * gives 0,6 for 60%); see docs/FUNCTIONS.md. The verdict is judge() for an annual report on this actual,
 * so the labels are the report's (CATEGORY_LABELS) and "(*) Chỉ tiêu mới" is never judged automatically.
 */
function assessFor(catalog: Catalog, key: CellInput, year: CellInput, actual: CellInput): { ind: Indicator; year: number; j: Judgement } {
  const ind = resolveIndicator(catalog, key);
  const { year: y, cell } = targetCell(ind, year);
  const reading = readCell(expectationFor(ind, undefined, y), actual);
  const error = reading.issues.find((i) => i.severity === "error");
  if (error || reading.value === null) {
    throw invalidValue(`Chỉ tiêu ${ind.stt} – ${ind.shortName}: ${error?.detail ?? "giá trị thực hiện không hợp lệ"}`);
  }
  const j = judge({
    target: cell.value,
    actual: reading.value,
    interim: false,
    newIndicator: ind.newNotAssessed,
    direction: ind.direction,
    expect: ind.expect,
  });
  return { ind, year: y, j };
}

/** CT.ASSESS: "Vượt" | "Đạt" | "Không đạt" | "Chưa đánh giá được" (CATEGORY_LABELS of shared/assess). */
export function ctAssess(catalog: Catalog, key: CellInput, year: CellInput, actual: CellInput): string {
  return assessFor(catalog, key, year, actual).j.label;
}

/** CT.PROGRESS: actual relative to target as a fraction (1 = exactly on target); #N/A when it cannot be computed. */
export function ctProgress(catalog: Catalog, key: CellInput, year: CellInput, actual: CellInput): number {
  const { ind, year: y, j } = assessFor(catalog, key, year, actual);
  if (j.progress === null || !Number.isFinite(j.progress)) {
    throw notAvailable(`Không tính được tiến độ của chỉ tiêu ${ind.key} năm ${y}: ${j.reason}.`);
  }
  return j.progress;
}

// ---------------------------------------------------------------------------------------------------------
// CT.ACTUAL
// ---------------------------------------------------------------------------------------------------------

export interface ActualRequest {
  /** The catalog key (canonical spelling). */
  key: string;
  year: number;
  /** Reporting unit id; absent = province level (the merged figure). */
  unit?: string;
}

export interface ActualResult {
  key: string;
  year: number;
  unit: string | null;
  /** The latest merged raw text, null when nothing was reported. */
  raw: string | null;
  /** toNumber(parseValue(raw)): percent as a fraction; null when not numeric or absent. */
  value: number | null;
  /** The period the value comes from ("2025-N", "2025-6T"), when the server says. */
  period?: string | null;
}

export type ActualFetcher = (request: ActualRequest) => Promise<ActualResult>;

/** CT.ACTUAL: validates locally (unknown key and bad year fail with no network), then asks the fetcher. */
export async function ctActual(
  catalog: Catalog,
  fetcher: ActualFetcher,
  key: CellInput,
  year: CellInput,
  unit?: CellInput,
): Promise<number | string> {
  const ind = resolveIndicator(catalog, key);
  const y = parseYear(year);
  const u = unit === null || unit === undefined ? "" : String(unit).trim();
  const request: ActualRequest = u ? { key: ind.key, year: y, unit: u } : { key: ind.key, year: y };
  const r = await fetcher(request);
  if (r.value !== null && Number.isFinite(r.value)) return r.value;
  const raw = r.raw?.trim();
  if (raw) return raw;
  throw notAvailable(`Chưa có số liệu thực hiện của chỉ tiêu ${ind.key} năm ${y}${u ? ` (đơn vị ${u})` : ""}.`);
}

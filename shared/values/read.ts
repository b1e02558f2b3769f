/**
 * THE reading of an input cell: what the clerk typed, read against what the indicator expects.
 * The pane's check and the worker (through shared/validate), the merge and the CT.* functions all call
 * `readCell`, so one text gives one value and one set of issues everywhere.
 *
 * Pure: no catalog JSON is imported here (the custom functions load a slim catalog). The caller builds an
 * {@link Expectation} with {@link expectationFor} from an indicator-like object (kind, unit, baseline, targets)
 * and, for commune forms, the form row that prints its own unit/target.
 *
 * RULES (docs/ASSESSMENT.md, "Reading a cell", says the same for people; change both together)
 *  1. Blank, "-", "_" and "Chỉ tiêu mới, chưa đánh giá" are "no data": no issue.
 *  2. Approximate text in a numeric kind: a leading "khoảng", "ước", "ước đạt", "ước tính", "gần",
 *     "xấp xỉ", "tầm", "chừng", "dự kiến", "~", "≈", or a trailing "(ước)", "(ước tính)", "(tạm tính)",
 *     "(dự kiến)" is removed and the rest is read → warning `approximate`, the number is taken.
 *     A comparator or a range typed as a result ("≥ 90%", "80-85%") is kept as typed → warning `approximate`
 *     (the assessment counts its worse end).
 *  3. Wrong kind → error `wrong_kind`: text, Có/Không or a status where a number is expected; a number
 *     where Có/Không or a status is expected; a % sign in a count, amount, index or rank; a decimal in a
 *     count or a rank; a unit other than % in a percent. Text that the parser rejects ("12,3,4", "abc%") → error `unparseable`.
 *     In a `text` indicator everything is accepted.
 *  4. Outside the kind's range → error `out_of_range`: a share below 0% or above 100%; a negative count
 *     or amount; an index outside 0–1; a rank below 1. "2.000" is two thousand (the dot groups
 *     thousands, see shared/values/parse.ts), so in a share it is out of range; the message says why.
 *  5. A percent typed as a fraction (THE FRACTION READING). In a percent kind, a number written without
 *     % and without a unit, 0 < v ≤ 1, is read as v × 100 % when every reference value of the indicator
 *     (baseline and targets, as printed, in percent points) is ≥ 1 — "0,85" is 85% → warning
 *     `fraction_as_percent` ("có phải 85%?"). Where some reference is below 1 (R&D spending 0,61% of
 *     GRDP, CHI_KHCN) the number is read as typed (0,85 → 0,85%), no warning. A number above 1 without
 *     % is percent points ("70" → 70%), no warning. Without any reference, the fraction reading applies.
 *     Numbers from Excel (CT.* functions receive the cell's value, not its text): the same, except where
 *     some reference is below 1, where the scale closer to the references (ratio) is chosen, because a
 *     cell formatted as % hands 1,2% over as 0,012.
 *  6. Implausible → warning `implausible`: a number (reading) more than 10× or less than 1/10 of BOTH the
 *     baseline and the target in force, when both are known positive numbers (percent, count, amount and
 *     index kinds; 0 is never implausible).
 *  7. A unit written in a count/amount/index cell that is not the indicator's unit → warning `unit_mismatch`.
 * The reading (`value`) is null exactly when there is an error. In percent kinds it always carries
 * `percent: true`, so downstream code never has to guess again.
 */
import { TARGET_YEARS } from "../catalog/types.js";
import type { CatalogCell, Direction, ExpectKind, TargetYear } from "../catalog/types.js";
import { formatNumber, formatValue } from "./format.js";
import { foldVi, normalizeRaw, parseValue } from "./parse.js";
import type { ComparatorValue, NumberValue, ParsedValue, RangeValue } from "./types.js";

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

export const SHORT_NAME_MAX = 60;

/**
 * The first words of a name, cut at a word boundary so that the result is at most `max` characters
 * including the final "…" (added only when cut); trailing commas and the like are dropped before "…".
 */
export function shortNameOf(name: string, max = SHORT_NAME_MAX): string {
  const n = name.replace(/\s+/g, " ").trim();
  if (n.length <= max) return n;
  const room = n.slice(0, max - 1);
  const cut = n[max - 1] === " " ? room.length : room.lastIndexOf(" ");
  const head = (cut > max / 3 ? room.slice(0, cut) : room).replace(/[\s,;:.(–-]+$/u, "");
  return `${head}…`;
}

// ---------------------------------------------------------------------------------------------------------
// Expectation
// ---------------------------------------------------------------------------------------------------------

/** What the reading needs from an indicator (a catalog Indicator fits). */
export interface IndicatorLike {
  expect: ExpectKind;
  unit: string;
  direction: Direction;
  baseline: CatalogCell;
  targets: Partial<Record<TargetYear, CatalogCell>>;
}

/** What the reading needs from a form row that prints its own unit/target (a FormRow of type indicator fits). */
export interface RowLike {
  unit?: string;
  expect?: ExpectKind;
  values?: Record<string, CatalogCell>;
}

export interface Expectation {
  kind: ExpectKind;
  /** The unit as printed ("%", "Doanh nghiệp"). */
  unit: string;
  direction: Direction;
  /** Every number printed in the baseline and targets (range ends, comparator bounds), as written (% points). */
  refs: number[];
  /** The baseline as one number, when it is one (for plausibility). */
  baseline: number | null;
  /** The target in force as one number, when it is one (for plausibility). */
  target: number | null;
  /** An example of a good value, from this very indicator ("70%", "32", "Có"); "" when there is none. */
  example: string;
}

const PERCENT_KINDS: ReadonlySet<ExpectKind> = new Set(["percentShare", "percentOpen"]);
const NUMERIC_KINDS: ReadonlySet<ExpectKind> = new Set(["percentShare", "percentOpen", "count", "amount", "index", "rank", "rankGroup"]);
const PLAUSIBLE_KINDS: ReadonlySet<ExpectKind> = new Set(["percentShare", "percentOpen", "count", "amount", "index"]);

export const isPercentKind = (k: ExpectKind): boolean => PERCENT_KINDS.has(k);
export const isNumericKind = (k: ExpectKind): boolean => NUMERIC_KINDS.has(k);

/** Every number a value carries (a range's two ends, a comparator's bound, a rank group's N). */
export function numbersOf(v: ParsedValue): number[] {
  switch (v.kind) {
    case "number":
      return [v.value];
    case "range":
      return [v.min, v.max];
    case "comparator":
      return numbersOf(v.bound);
    case "rankGroup":
      return [v.group];
    default:
      return [];
  }
}

/** One number for a printed reference cell: the number, a comparator's bound, a range's lower end. */
function refPoint(v: ParsedValue): number | null {
  switch (v.kind) {
    case "number":
      return v.value;
    case "range":
      return v.min;
    case "comparator":
      return refPoint(v.bound);
    case "rankGroup":
      return v.group;
    default:
      return null;
  }
}

function targetCells(ind: IndicatorLike): CatalogCell[] {
  return TARGET_YEARS.map((y) => ind.targets[y]).filter((c): c is CatalogCell => c !== undefined);
}

function rowTargetCells(row: RowLike | undefined): [string, CatalogCell][] {
  return Object.entries(row?.values ?? {}).filter(([k]) => /^target\d{4}$/.test(k));
}

/** The target in force for a year: the row's own, else the catalog's for that milestone or the next one. */
function targetInForce(ind: IndicatorLike, row: RowLike | undefined, year: number): CatalogCell | undefined {
  const own = row?.values?.[`target${year}`] ?? rowTargetCells(row)[0]?.[1];
  if (own) return own;
  const milestone = TARGET_YEARS.find((y) => y >= year);
  return milestone === undefined ? undefined : ind.targets[milestone];
}

function percentText(x: number): string {
  return `${formatNumber(x)}%`;
}

function exampleFrom(kind: ExpectKind, cells: CatalogCell[]): string {
  for (const c of cells) {
    const v = c.value;
    if (v.kind === "none" || v.kind === "text") continue;
    const p = refPoint(v);
    switch (kind) {
      case "percentShare":
      case "percentOpen":
        if (p !== null && v.kind !== "rankGroup") return percentText(p);
        break;
      case "count":
      case "rank":
        if (p !== null && Number.isInteger(p) && v.kind !== "rankGroup") return formatNumber(p);
        break;
      case "amount":
      case "index":
        if (p !== null && v.kind !== "rankGroup") return formatNumber(p);
        break;
      case "rankGroup":
        if (v.kind === "rankGroup") return formatValue(v);
        if (p !== null && Number.isInteger(p)) return formatNumber(p);
        break;
      case "yesno":
        if (v.kind === "yesno") return "Có";
        break;
      case "status":
        if (v.kind === "status" || v.kind === "yesno") return formatValue(v);
        break;
      case "text":
        break;
    }
  }
  const fallback: Record<ExpectKind, string> = {
    percentShare: "80%",
    percentOpen: "10%",
    count: "10",
    amount: "5,5",
    index: "0,75",
    rank: "10",
    rankGroup: "Nhóm 10",
    yesno: "Có",
    status: "Đang triển khai",
    text: "",
  };
  return fallback[kind];
}

/**
 * The expectation of an indicator's input cells for a reporting year (default: the first milestone, 2025).
 * A form row that prints its own unit, target or kind (commune forms) overrides the indicator's.
 */
export function expectationFor(ind: IndicatorLike, row?: RowLike, year: number = TARGET_YEARS[0]): Expectation {
  const kind = row?.expect ?? ind.expect;
  const unit = row?.unit ?? ind.unit;
  const own = rowTargetCells(row).map(([, c]) => c);
  const all = [...own, ind.baseline, ...targetCells(ind)];
  const refs = all.flatMap((c) => numbersOf(c.value));
  const target = targetInForce(ind, row, year);
  // A commune row's count is not comparable with the province's baseline; shares, indices and ranks are.
  const scaleFree = kind !== "count" && kind !== "amount";
  const baseline = own.length > 0 && !scaleFree ? null : refPoint(ind.baseline.value);
  const targetPoint = target ? refPoint(target.value) : null;
  const exampleCells = [...(target ? [target] : []), ...own, ...targetCells(ind), ind.baseline];
  return {
    kind,
    unit,
    direction: ind.direction,
    refs,
    baseline,
    target: targetPoint,
    example: exampleFrom(kind, exampleCells),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------

/**
 * Version of the reading rules above. The worker stores each cell's reading at push time tagged with this version (and
 * the catalog and forms versions); the merge re-reads cells stored under another version. Bump it whenever a rule
 * above changes what `readCell` returns as the value.
 */
export const READING_RULES_VERSION = 1;

export const READ_CODES = {
  /** error: text the value parser rejects ("12,3,4", "abc%"). */
  unparseable: "unparseable",
  /** error: a value of another kind than the indicator expects (text in a %, a number in Có/Không, 1,5 in a count). */
  wrongKind: "wrong_kind",
  /** error: outside the kind's range (a share above 100%, a negative count, an index above 1, a rank below 1). */
  outOfRange: "out_of_range",
  /** warning: a percent typed as a fraction ("0,85" where the indicator is in %): read as 85%, "có phải 85%?". */
  fractionAsPercent: "fraction_as_percent",
  /** warning: approximate text ("khoảng 80%", "~80", "80 (ước)") or a comparator/range as a result; the number is taken. */
  approximate: "approximate",
  /** warning: more than 10× or less than 1/10 of both the baseline and the target. */
  implausible: "implausible",
  /** warning: a unit written in the cell that is not the indicator's unit ("5 ha" in a count of doanh nghiệp). */
  unitMismatch: "unit_mismatch",
} as const;
export type ReadCode = (typeof READ_CODES)[keyof typeof READ_CODES];

export interface ReadIssue {
  severity: "error" | "warning";
  code: ReadCode;
  /** Vietnamese, without the row/column prefix (the caller names the row and the column). */
  detail: string;
}

export interface Reading {
  /** THE reading; null exactly when an issue is an error. */
  value: ParsedValue | null;
  issues: ReadIssue[];
}

/** What Excel or a form may hand over. */
export type RawInput = string | number | boolean | null | undefined;

const KIND_TEXT: Record<ExpectKind, { not: string; need: string }> = {
  percentShare: { not: "không phải là một tỷ lệ", need: "tỷ lệ từ 0 đến 100%" },
  percentOpen: { not: "không phải là một tỷ lệ phần trăm", need: "tỷ lệ phần trăm (có thể lớn hơn 100%)" },
  count: { not: "không phải là một số lượng", need: "số nguyên không âm" },
  amount: { not: "không phải là một số", need: "một số không âm (phần thập phân dùng dấu phẩy)" },
  index: { not: "không phải là một chỉ số", need: "chỉ số từ 0 đến 1 (phần thập phân dùng dấu phẩy)" },
  rank: { not: "không phải là một thứ hạng", need: "thứ hạng là số nguyên từ 1 trở lên (số nhỏ là xếp hạng cao)" },
  rankGroup: { not: "không phải là thứ hạng hay nhóm xếp hạng", need: "thứ hạng (số nguyên từ 1 trở lên) hoặc nhóm xếp hạng" },
  yesno: { not: "không phải là Có hoặc Không", need: "Có hoặc Không" },
  status: {
    not: "không phải là mức độ hoàn thành",
    need: "Có, Không hoặc một mức: Chưa triển khai, Đang triển khai, Cơ bản hoàn thành, Hoàn thành",
  },
  text: { not: "", need: "nội dung bằng lời" },
};

/** "Cần nhập tỷ lệ từ 0 đến 100%, ví dụ 70%" — what the indicator expects, with its own example. */
export function expectedText(exp: Expectation): string {
  const unit = exp.kind === "count" || exp.kind === "amount" ? unitNote(exp.unit) : "";
  const ex = exp.example ? `, ví dụ ${exp.example}` : "";
  return `Cần nhập ${KIND_TEXT[exp.kind].need}${unit}${ex}`;
}

function unitNote(unit: string): string {
  const u = unit.trim();
  return u && u !== "-" && !/^có$/i.test(u) ? ` (đơn vị: ${u})` : "";
}

function quoteRaw(shown: string): string {
  const t = shown.trim();
  return `"${t.length > 60 ? `${t.slice(0, 59)}…` : t}"`;
}

const APPROX_PREFIX =
  /^(?:ước\s+đạt\s+khoảng|ước\s+đạt|ước\s+tính|ước\s+khoảng|khoảng\s+chừng|xấp\s+xỉ|dự\s+kiến|uoc\s+dat|uoc\s+tinh|xap\s+xi|du\s+kien|khoảng|khoang|ước|uoc|gần|gan|tầm|tam|chừng|chung)(?=\s|\d)\s*|^(?:~|≈)\s*/iu;
const APPROX_SUFFIX = /\s*\((?:ước|ước\s+tính|ước\s+đạt|tạm\s+tính|dự\s+kiến|uoc|uoc\s+tinh|tam\s+tinh|du\s+kien)\)$/iu;

/** Removes an approximation marker; null when there is none (or nothing is left). */
function stripApprox(s: string): string | null {
  let rest = s;
  let hit = false;
  const p = APPROX_PREFIX.exec(rest);
  if (p) {
    rest = rest.slice(p[0].length);
    hit = true;
  }
  const q = APPROX_SUFFIX.exec(rest);
  if (q) {
    rest = rest.slice(0, q.index);
    hit = true;
  }
  rest = rest.trim();
  return hit && rest !== "" ? rest : null;
}

type Quantity = NumberValue | RangeValue;

function quantityOf(v: ParsedValue): Quantity | null {
  if (v.kind === "number" || v.kind === "range") return v;
  if (v.kind === "comparator") return v.bound;
  return null;
}

function withQuantity(v: ParsedValue, q: Quantity): ParsedValue {
  if (v.kind === "comparator") return { ...v, bound: q } as ComparatorValue;
  return q;
}

/** The quantity × k, marked as percent (the fraction reading: 0,85 → 85%). */
function scaleQuantity(q: Quantity, k: number): Quantity {
  const c = (x: number) => Number((x * k).toPrecision(12));
  return q.kind === "number" ? { kind: "number", value: c(q.value), percent: true } : { kind: "range", min: c(q.min), max: c(q.max), percent: true };
}

/** The same quantity marked as percent (a unit word such as "phần trăm" is dropped: % says it). */
function asPercent(q: Quantity): Quantity {
  if (q.percent && q.unit === undefined) return q;
  return q.kind === "number" ? { kind: "number", value: q.value, percent: true } : { kind: "range", min: q.min, max: q.max, percent: true };
}

/** The number as written ("60%" → 60, "50-60" → 55, "≥ 3" → 3, "Nhóm 10" → 10); null for Có, statuses, text, none. */
export function pointOf(v: ParsedValue): number | null {
  switch (v.kind) {
    case "number":
      return v.value;
    case "range":
      return (v.min + v.max) / 2;
    case "comparator":
      return pointOf(v.bound);
    case "rankGroup":
      return v.group;
    default:
      return null;
  }
}

function unitKey(u: string): string {
  return foldVi(u).replace(/\s+/g, "").replace(/\/1(?=\p{L})/gu, "/");
}

function initials(u: string): string {
  return foldVi(u)
    .split(/[\s/]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join("");
}

/** A unit written in the cell fits the indicator's unit when one folds to the other or to its initials ("DN"). */
function unitFits(cellUnit: string, unit: string): boolean {
  const a = unitKey(cellUnit);
  const b = unitKey(unit);
  if (!b || b === "-") return true;
  if (a === b || b.startsWith(a) || a.startsWith(b)) return true;
  const ia = foldVi(cellUnit).replace(/\s+/g, "");
  return ia === initials(unit) || ia === initials(unit.replace(/^số\s+/i, ""));
}

const VERDICTS = new Set(["dat", "vuot", "khong dat", "chua dat"]);

function isThousandsTyped(raw: string): boolean {
  return /\d\.\d{3}(?!\d)/.test(raw) && !raw.includes(",");
}

/** Does an already-read value fit the kind? (judge() uses it to refuse comparing values of another kind.) */
export function fitsKind(kind: ExpectKind, v: ParsedValue): boolean {
  if (v.kind === "none" || kind === "text") return true;
  switch (kind) {
    case "yesno":
      return v.kind === "yesno";
    case "status":
      return v.kind === "yesno" || v.kind === "status";
    case "rank":
    case "rankGroup":
      return v.kind === "rankGroup" || (quantityOf(v) !== null && !quantityOf(v)!.percent);
    case "count":
    case "amount":
    case "index":
      return quantityOf(v) !== null && !quantityOf(v)!.percent;
    case "percentShare":
    case "percentOpen":
      return quantityOf(v) !== null;
  }
}

function closerScale(n: number, refs: number[]): number {
  const pos = refs.filter((r) => r > 0);
  if (pos.length === 0 || n <= 0) return n;
  const dist = (x: number) => Math.min(...pos.map((r) => Math.abs(Math.log(x / r))));
  return dist(n * 100) < dist(n) ? Number((n * 100).toPrecision(12)) : n;
}

function fail(issues: ReadIssue[], code: ReadCode, detail: string): Reading {
  return { value: null, issues: [...issues, { severity: "error", code, detail }] };
}

function warn(issues: ReadIssue[], code: ReadCode, detail: string): void {
  issues.push({ severity: "warning", code, detail });
}

/** The out_of_range error when a number of the reading is outside [lo, hi], else null. */
function outOfRange(
  exp: Expectation,
  input: RawInput,
  shown: string,
  value: ParsedValue,
  nums: number[],
  lo: number,
  hi: number,
  fmt: (x: number) => string,
  issues: ReadIssue[],
): Reading | null {
  if (nums.every((x) => x >= lo && x <= hi)) return null;
  const dotHint = typeof input === "string" && isThousandsTyped(normalizeRaw(input));
  const readAs = formatValue(value);
  const high = nums.some((x) => x > hi);
  const bound = high ? `lớn hơn ${fmt(hi)}` : `nhỏ hơn ${fmt(lo)}`;
  const dot = dotHint && high ? ` (dấu chấm là dấu ngăn cách hàng nghìn; muốn ghi số thập phân thì dùng dấu phẩy, ví dụ 2,5)` : "";
  const as = readAs !== shown.trim() ? ` được đọc là ${readAs}${dot},` : dot ? `${dot},` : "";
  return fail(issues, READ_CODES.outOfRange, `${quoteRaw(shown)}${as} ${bound}. ${expectedText(exp)}`);
}

/**
 * Reads one input cell against an expectation. See the rules at the top of this file.
 * A string is what was typed; a number or boolean is a cell value handed over by Excel.
 */
export function readCell(exp: Expectation, input: RawInput): Reading {
  // Hot path (every value cell of every push): no closures (the bundler names each one at every call), and the texts
  // only an issue shows (what is expected, the reading as text) are built only when an issue is made.
  const issues: ReadIssue[] = [];
  const kind = exp.kind;

  if (input === null || input === undefined) return { value: { kind: "none", reason: "blank" }, issues };

  // --- Excel hands over a boolean or a number ---------------------------------------------------------
  let parsed: ParsedValue;
  let shown: string;
  let approxText = false;
  const fromExcel = typeof input === "number";
  if (typeof input === "boolean") {
    parsed = { kind: "yesno", value: input };
    shown = input ? "Có" : "Không";
  } else if (typeof input === "number") {
    if (!Number.isFinite(input)) return fail(issues, READ_CODES.unparseable, `Giá trị không phải là số hợp lệ. ${expectedText(exp)}`);
    parsed = { kind: "number", value: input, percent: false };
    shown = formatNumber(input);
  } else {
    shown = input;
    const norm = normalizeRaw(input);
    if (norm === "") return { value: { kind: "none", reason: "blank" }, issues };
    let text = norm;
    if (isNumericKind(kind)) {
      const rest = stripApprox(norm);
      if (rest !== null) {
        text = rest;
        approxText = true;
      }
    }
    const r = parseValue(text);
    if (!r.ok) {
      if (kind === "text") return { value: { kind: "text", text: norm }, issues };
      const msg = r.message.replace(/\s*(Ví dụ hợp lệ:.*)?$/u, "");
      return fail(issues, READ_CODES.unparseable, `${msg.replace(/\.$/, "")}. ${expectedText(exp)}`);
    }
    parsed = r.value;
  }
  const q0 = quoteRaw(shown);

  if (parsed.kind === "none" || kind === "text") return { value: parsed, issues };

  // --- Có/Không and statuses ---------------------------------------------------------------------------
  if (kind === "yesno" || kind === "status") {
    if (parsed.kind === "yesno" || (kind === "status" && parsed.kind === "status")) return { value: parsed, issues };
    const hint = kind === "yesno" && parsed.kind === "status" ? " (tiến độ thực hiện ghi ở cột Ghi chú)" : "";
    return fail(issues, READ_CODES.wrongKind, `${q0} ${KIND_TEXT[kind].not}. ${expectedText(exp)}${hint}`);
  }

  // --- numeric kinds -----------------------------------------------------------------------------------
  if (parsed.kind === "yesno" || parsed.kind === "status" || parsed.kind === "text") {
    const verdict = parsed.kind === "text" && VERDICTS.has(foldVi(parsed.text).replace(/[.!]+$/, "").trim());
    const what = verdict ? `là lời đánh giá, ${KIND_TEXT[kind].not}` : KIND_TEXT[kind].not;
    return fail(issues, READ_CODES.wrongKind, `${q0} ${what}. ${expectedText(exp)}`);
  }
  if (parsed.kind === "rankGroup") {
    if (kind === "rank" || kind === "rankGroup") return { value: parsed, issues };
    return fail(issues, READ_CODES.wrongKind, `${q0} ${KIND_TEXT[kind].not}. ${expectedText(exp)}`);
  }

  const q = quantityOf(parsed)!;
  let value: ParsedValue = parsed;
  if (isPercentKind(kind)) {
    if (q.unit !== undefined && !/^phan ?tram$/.test(foldVi(q.unit))) {
      return fail(issues, READ_CODES.wrongKind, `${q0} ${KIND_TEXT[kind].not} (có đơn vị «${q.unit}»). ${expectedText(exp)}`);
    }
    if (!q.percent) {
      const nums = numbersOf(q);
      const fractionLike = nums.every((x) => x >= 0 && x <= 1) && nums.some((x) => x > 0);
      const refsAtLeastOne = exp.refs.every((r) => r >= 1);
      if (fractionLike && refsAtLeastOne) {
        const scaled = scaleQuantity(q, 100);
        value = withQuantity(parsed, scaled);
        if (!fromExcel) {
          const as = formatValue(value);
          warn(
            issues,
            READ_CODES.fractionAsPercent,
            `${q0} được hiểu là ${as} — có phải ${as}? Nếu đúng là ${formatValue(withQuantity(parsed, asPercent(q)))}, hãy ghi rõ dấu %`,
          );
        }
      } else if (fractionLike && fromExcel && q.kind === "number") {
        value = { kind: "number", value: closerScale(q.value, exp.refs), percent: true };
      } else {
        value = withQuantity(parsed, asPercent(q));
      }
    }
  } else {
    if (q.percent) return fail(issues, READ_CODES.wrongKind, `${q0} là tỷ lệ phần trăm, ${KIND_TEXT[kind].not}. ${expectedText(exp)}`);
    const nums = numbersOf(q);
    if ((kind === "count" || kind === "rank" || kind === "rankGroup") && nums.some((x) => !Number.isInteger(x))) {
      const what = kind === "count" ? "số lượng phải là số nguyên" : "thứ hạng phải là số nguyên";
      return fail(issues, READ_CODES.wrongKind, `${q0} không phải là số nguyên: ${what}. ${expectedText(exp)}`);
    }
    if (q.unit !== undefined && !unitFits(q.unit, exp.unit)) {
      warn(issues, READ_CODES.unitMismatch, `${q0}: đơn vị «${q.unit}» khác đơn vị tính của chỉ tiêu («${exp.unit || "không ghi"}»); kiểm tra lại`);
    }
  }

  // Range of the kind.
  const vq = quantityOf(value)!;
  const nums = numbersOf(vq);
  let out: Reading | null = null;
  if (kind === "percentShare") out = outOfRange(exp, input, shown, value, nums, 0, 100, percentText, issues);
  else if (kind === "count" || kind === "amount") out = outOfRange(exp, input, shown, value, nums, 0, Infinity, formatNumber, issues);
  else if (kind === "index") out = outOfRange(exp, input, shown, value, nums, 0, 1, formatNumber, issues);
  else if (kind === "rank" || kind === "rankGroup") out = outOfRange(exp, input, shown, value, nums, 1, Infinity, formatNumber, issues);
  if (out) return out;

  // Approximate values.
  if (approxText) {
    warn(issues, READ_CODES.approximate, `${q0} là số ước tính; hệ thống lấy ${formatValue(value)}. Nếu đã có số chính thức, hãy ghi số đó`);
  } else if (value.kind === "comparator" || value.kind === "range") {
    warn(issues, READ_CODES.approximate, `${q0} không phải là một số cụ thể; khi đánh giá sẽ tính theo đầu bất lợi của khoảng. Nên ghi số cụ thể`);
  }

  // Plausibility against baseline and target.
  if (PLAUSIBLE_KINDS.has(kind)) {
    const v = pointOf(value);
    const b = exp.baseline;
    const t = exp.target;
    if (v !== null && v > 0 && b !== null && t !== null && b > 0 && t > 0) {
      const fmt = isPercentKind(kind) ? percentText : formatNumber;
      const big = v > 10 * b && v > 10 * t;
      const small = v * 10 < b && v * 10 < t;
      if (big || small) {
        const readAs = formatValue(value);
        const as = readAs !== shown.trim() ? ` (đọc là ${readAs})` : "";
        warn(
          issues,
          READ_CODES.implausible,
          `${q0}${as} ${big ? "lớn hơn 10 lần" : "nhỏ hơn 1/10"} cả hiện trạng (${fmt(b)}) và mục tiêu (${fmt(t)}) của chỉ tiêu; kiểm tra lại dấu phẩy, dấu chấm hoặc đơn vị`,
        );
      }
    }
  }
  return { value, issues };
}

/** The reading as canonical text ("85%", "2.000", "Nhóm 10", "Có"); "" for no data; null when there is an error. */
export function readingText(r: Reading): string | null {
  return r.value === null ? null : formatValue(r.value);
}

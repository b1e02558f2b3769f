/**
 * The expected value kind of every indicator (shared/catalog/types.ts, ExpectKind), derived once from the
 * printed unit, baseline and targets. Where the rules below are unsure, the kind is decided by hand in
 * MANUAL_KINDS (key → kind + the reason, in Vietnamese, which goes into the catalog as `expectNote`).
 *
 * Rules, in order (values = the baseline and the five targets that are not blank/"-"/"chỉ tiêu mới"):
 *  1. Unit "Thứ bậc…": a "Nhóm N" value → rankGroup; only qualitative text → text; only numbers
 *     (plain, ≤ / <) → rank.
 *  2. Only Có/Không → yesno. Statuses (Đang triển khai, Cơ bản hoàn thành…) with or without Có → status.
 *     Có/statuses mixed with numbers → UNSURE.
 *  3. No values at all: unit "Có" → yesno; otherwise UNSURE.
 *  4. Only qualitative text → text.
 *  5. Percent (unit "%" or "Tỷ lệ", or a value written with %): a name that speaks of growth ("tăng")
 *     → UNSURE (a growth rate is not a share); numbers written without % that are all ≤ 1 → UNSURE
 *     (an index under a % unit); a value above 100% → percentOpen; otherwise percentShare.
 *  6. A name starting "Chỉ số" with every number in 0–1 → index.
 *  7. A unit with "/" ("Số doanh nghiệp/ 1.000 dân") → amount (a rate).
 *  8. Whole numbers (range ends, bounds) under a non-empty unit → count; a decimal → amount.
 *  9. Anything else → UNSURE.
 * An UNSURE row without a MANUAL_KINDS entry stops the build; a MANUAL_KINDS entry that the rules would
 * give anyway (sure, same kind), or whose key is not in the catalog, stops it too, so the table stays exact.
 */
import type { CatalogCell, ExpectKind, Indicator } from "../../shared/catalog/types.js";
import { foldVi } from "../../shared/values/parse.js";
import { numbersOf } from "../../shared/values/read.js";
import type { ParsedValue } from "../../shared/values/types.js";

export interface KindInput {
  key: string;
  name: string;
  unit: string;
  baseline: CatalogCell;
  targets: CatalogCell[];
}

export interface DerivedKind {
  kind: ExpectKind;
  /** false: the rules cannot decide (kind is only the best guess); a hand decision is required. */
  sure: boolean;
  /** Which rule decided, in English, for the derivation report. */
  rule: string;
}

/** Kinds decided by hand, with the reason shown to users (Vietnamese). Keep in step with docs/ASSESSMENT.md. */
export const MANUAL_KINDS: Readonly<Record<string, { kind: ExpectKind; note: string }>> = {
  TT_DULIEU: {
    kind: "count",
    note: "Mục tiêu các năm là «03» (trung tâm dữ liệu) nhưng hiện trạng ghi «Đang triển khai»: kết quả ghi số trung tâm dữ liệu đã hoàn thiện, kết nối (số nguyên); tiến độ ghi ở cột Ghi chú.",
  },
  HDI: {
    kind: "index",
    note: "Đơn vị tính in là «%» nhưng mục tiêu năm 2030 là 0.7: chỉ số phát triển con người (HDI) là chỉ số từ 0 đến 1, không phải tỷ lệ phần trăm.",
  },
  CONGBO_QT: {
    kind: "percentOpen",
    note: "Tên là «Số lượng công bố khoa học quốc tế tăng trung bình», mục tiêu 10%: đây là tốc độ tăng, có thể lớn hơn 100% hoặc âm, không phải tỷ lệ của một tổng.",
  },
  TFP: {
    kind: "percentOpen",
    note: "Đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng (40% → 55%) là phần của tốc độ tăng trưởng: có thể lớn hơn 100% hoặc âm khi tăng trưởng thấp, nên không giới hạn 0–100%.",
  },
  CQ_DANG_CDS: {
    kind: "status",
    note: "Đơn vị tính là «Mức độ hoàn thành», không có hiện trạng và mục tiêu bằng số: ghi theo thang Chưa triển khai / Đang triển khai / Cơ bản hoàn thành / Hoàn thành.",
  },
  HTTT_THONGMINH: {
    kind: "text",
    note: "Đơn vị tính in là «-», không có hiện trạng và mục tiêu: chỉ tiêu định tính, kết quả ghi bằng lời và đánh giá thủ công.",
  },
};


function hasPercentSign(v: ParsedValue): boolean {
  if (v.kind === "number" || v.kind === "range") return v.percent;
  if (v.kind === "comparator") return v.bound.percent;
  return false;
}

const isQuantity = (v: ParsedValue) => v.kind === "number" || v.kind === "range" || v.kind === "comparator";

/** The kind the rules give (see the header), and whether they are sure. */
export function deriveKind(input: KindInput): DerivedKind {
  const values = [input.baseline, ...input.targets].map((c) => c.value).filter((v) => v.kind !== "none");
  const unit = foldVi(input.unit).replace(/\s+/g, " ").trim();
  const name = input.name.normalize("NFC");
  const sure = (kind: ExpectKind, rule: string): DerivedKind => ({ kind, sure: true, rule });
  const unsure = (kind: ExpectKind, rule: string): DerivedKind => ({ kind, sure: false, rule });
  const all = (p: (v: ParsedValue) => boolean) => values.length > 0 && values.every(p);
  const some = (p: (v: ParsedValue) => boolean) => values.some(p);

  // 1. Ranks.
  if (unit.startsWith("thu bac")) {
    if (some((v) => v.kind === "rankGroup")) return sure("rankGroup", "rank unit with a Nhóm N value");
    if (all((v) => v.kind === "text")) return sure("text", "rank unit with qualitative values only");
    if (all((v) => v.kind === "number" || (v.kind === "comparator" && (v.op === "<=" || v.op === "<"))))
      return sure("rank", "rank unit with numbers");
    return unsure("rank", "rank unit with mixed values");
  }
  // 2. Có / statuses.
  const ladder = (v: ParsedValue) => v.kind === "yesno" || v.kind === "status";
  if (all((v) => v.kind === "yesno")) return sure("yesno", "Có/Không values only");
  if (all(ladder)) return sure("status", "status values (with Có)");
  if (some(ladder)) return unsure("status", "Có/status mixed with other values");
  // 3. No values.
  if (values.length === 0) {
    if (unit === "co") return sure("yesno", "no values, unit Có");
    return unsure("text", "no values and no telling unit");
  }
  // 4. Qualitative.
  if (all((v) => v.kind === "text")) return sure("text", "qualitative values only");
  const nums = values.filter(isQuantity).flatMap(numbersOf);
  // 5. Percent.
  const percentUnit = unit.includes("%") || unit === "ty le" || unit === "ti le";
  if (percentUnit || some(hasPercentSign)) {
    if (/(^|\s)tăng(\s|$)/iu.test(name)) return unsure("percentOpen", "percent, but the name speaks of growth");
    if (!some(hasPercentSign) && nums.every((x) => x <= 1)) return unsure("index", "percent unit, values ≤ 1 without %");
    if (nums.some((x) => x > 100)) return sure("percentOpen", "percent above 100");
    return sure("percentShare", "percent unit or % values");
  }
  // 6. Index.
  if (/^chỉ số/iu.test(name) && nums.length > 0 && nums.every((x) => x >= 0 && x <= 1)) return sure("index", "Chỉ số with values in 0–1");
  // 7. Rates.
  if (unit.includes("/")) return sure("amount", "a rate unit (…/…)");
  // 8. Counts and amounts.
  if (unit !== "" && unit !== "-" && nums.length > 0 && all(isQuantity)) {
    if (nums.every((x) => Number.isInteger(x))) return sure("count", "whole numbers under a unit");
    return sure("amount", "decimal numbers under a unit");
  }
  return unsure("amount", "no rule applies");
}

export interface IndicatorKind {
  expect: ExpectKind;
  expectBy: "derived" | "manual";
  expectNote?: string;
}

/** The kind of an indicator: the manual decision when there is one, else the derived kind (which must be sure). */
export function kindOf(input: KindInput): IndicatorKind {
  const d = deriveKind(input);
  const m = MANUAL_KINDS[input.key];
  if (m) {
    if (d.sure && d.kind === m.kind) {
      throw new Error(`MANUAL_KINDS.${input.key}: các quy tắc đã cho «${d.kind}» (${d.rule}); bỏ dòng thủ công này`);
    }
    return { expect: m.kind, expectBy: "manual", expectNote: m.note };
  }
  if (!d.sure) {
    throw new Error(`Chỉ tiêu ${input.key}: không tự xác định được loại giá trị (${d.rule}); thêm vào MANUAL_KINDS`);
  }
  return { expect: d.kind, expectBy: "derived" };
}

/** Every MANUAL_KINDS key must name an indicator of the catalog. */
export function checkManualKinds(keys: string[]): void {
  const known = new Set(keys);
  const stale = Object.keys(MANUAL_KINDS).filter((k) => !known.has(k));
  if (stale.length) throw new Error(`MANUAL_KINDS có khóa không có trong danh mục: ${stale.join(", ")}`);
}

/**
 * The kind of a form row that prints its own unit and target (commune Phụ lục 1), when it differs from the
 * linked indicator's; undefined when the indicator's kind applies. Rows of a hand-classified indicator keep
 * the hand decision unless the row prints another unit; an unsure row keeps the indicator's kind.
 */
export function rowKind(row: { name: string; unit: string; target: CatalogCell }, ind: Indicator): ExpectKind | undefined {
  if (ind.expectBy === "manual" && row.unit === ind.unit) return undefined;
  const none: CatalogCell = { printed: "", value: { kind: "none", reason: "blank" } };
  const d = deriveKind({ key: ind.key, name: row.name, unit: row.unit, baseline: none, targets: [row.target] });
  if (!d.sure || d.kind === ind.expect) return undefined;
  return d.kind;
}

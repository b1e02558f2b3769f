// The province aggregate of what communes and wards reported for one indicator (docs/WORKER.md, "Commune aggregate").
//
//  A1. The rule comes from the indicator's expected kind, never from the values present (one "Có" in a % row no longer
//      turns the row into a count): Có/Không and statuses → number of units with Có / Hoàn thành; ranks → the best
//      (smallest); shares, open percents and indices → the mean; counts and amounts → the sum; text → none.
//  A2. Only readings enter (shared/values/read.ts): "0,85" is 85%, a value that does not read is left out.
//      A range counts as its midpoint and "≥ 3" as 3 (shared/values/format.ts `toNumber` without the % scaling).
//  A3. Coverage: units with a value (actual or projection) out of the active communes/wards expected to report,
//      written in words ("12/166 xã có số liệu"), never as a bare "12/166", which a spreadsheet turns into a date.
//  A4. Low coverage: fewer than half of the active communes/wards have a value. The aggregate is shown, but not labelled
//      Vượt / Đạt / Không đạt: Chưa đánh giá được, with the reason.
import type { ExpectKind } from "../../shared/catalog/types.js";
import { CATEGORY_LABELS, type Judgement } from "../../shared/assess/index.js";
import type { NumberValue, ParsedValue } from "../../shared/values/types.js";
import { formatValue } from "../../shared/values/index.js";
import { pointOf } from "../../shared/values/read.js";

export type Rule = "sum" | "mean" | "min" | "max" | "count_yes" | "count_reached" | "none";
export const RULE_LABELS: Record<Rule, string> = {
  sum: "Tổng các xã",
  mean: "Trung bình các xã",
  min: "Thứ hạng tốt nhất",
  max: "Lớn nhất",
  count_yes: "Số xã đạt Có/Hoàn thành",
  count_reached: "Số xã đạt mục tiêu",
  none: "Không tổng hợp (định tính)",
};

/** A1: the aggregate rule of an indicator's kind. */
export function ruleForKind(kind: ExpectKind | undefined): Rule {
  switch (kind) {
    case "yesno":
    case "status":
      return "count_yes";
    case "rank":
    case "rankGroup":
      return "min";
    case "percentShare":
    case "percentOpen":
    case "index":
      return "mean";
    case "count":
    case "amount":
      return "sum";
    case "text":
      return "none";
    default:
      return "sum";
  }
}

/** The number as written ("60%" → 60, "50-60" → 55, "≥ 3" → 3, "Nhóm 10" → 10): shared/values pointOf. */
export const magnitude = pointOf;

export const present = (v: ParsedValue | null | undefined): v is ParsedValue => v !== null && v !== undefined && v.kind !== "none";

export function aggregate(rule: Rule, values: readonly ParsedValue[]): number | null {
  if (rule === "count_yes") {
    const known = values.filter((v) => v.kind === "yesno" || v.kind === "status");
    if (known.length === 0) return null;
    return known.filter((v) => (v.kind === "yesno" && v.value) || (v.kind === "status" && v.status === "hoan_thanh")).length;
  }
  if (rule === "none") return null;
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    const x = magnitude(v);
    if (x === null || !Number.isFinite(x)) continue;
    n++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return null;
  const round = (x: number) => Math.round(x * 100) / 100;
  switch (rule) {
    case "sum":
      return round(sum);
    case "mean":
      return round(sum / n);
    case "min":
      return min;
    case "max":
      return max;
    default:
      return null;
  }
}

/** The aggregate as a value that can be judged (mean of %, best rank, sum); null for counts of Có and text. */
export function aggregateValue(rule: Rule, value: number | null, kind: ExpectKind | undefined): NumberValue | null {
  if (value === null || rule === "count_yes" || rule === "none" || rule === "count_reached") return null;
  return { kind: "number", value, percent: rule === "mean" && (kind === "percentShare" || kind === "percentOpen") };
}

/** The aggregate as text: "60%", "2.150", "3 trong 12 đơn vị" (never "3/12", which a spreadsheet turns into a date). */
export function aggregateText(rule: Rule, value: number | null, kind: ExpectKind | undefined, known: number): string {
  if (value === null) return "";
  if (rule === "count_yes") return `${value} trong ${known} đơn vị`;
  const v = aggregateValue(rule, value, kind);
  return v ? formatValue(v) : "";
}

/** A4: fewer than half of the active communes/wards have a value. */
export function lowCoverage(reporting: number, active: number): boolean {
  return reporting * 2 < Math.max(active, reporting, 1);
}

/** A3: "12/166 xã có số liệu". */
export function coverageText(reporting: number, active: number): string {
  return `${reporting}/${Math.max(active, reporting)} xã có số liệu`;
}

/** A4 applied to a judgement of the aggregate. */
export function capLowCoverage(j: Judgement, reporting: number, active: number): Judgement {
  if (!lowCoverage(reporting, active) || j.category === "chua_danh_gia") return j;
  return {
    ...j,
    category: "chua_danh_gia",
    label: CATEGORY_LABELS.chua_danh_gia,
    reason: `Chỉ ${coverageText(reporting, active)}, dưới một nửa số xã, phường đang hoạt động: số tổng hợp chỉ để tham khảo, chưa đánh giá (theo số hiện có: ${j.label})`,
  };
}

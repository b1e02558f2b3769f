/**
 * Assessment of an actual result against a target: Vượt / Đạt / Không đạt / Chưa đánh giá + progress.
 * The same rules are written for people in docs/ASSESSMENT.md; keep the two in step.
 *
 * RULES
 *  0. Missing: target or actual is blank, "-" or "Chỉ tiêu mới, chưa đánh giá" → Chưa đánh giá.
 *     A text target (qualitative, "Thuộc nhóm … ở mức Khá") → Chưa đánh giá, "chỉ tiêu định tính,
 *     cần đánh giá thủ công". A text actual → Chưa đánh giá, except the unit's own verdict written as
 *     the whole cell: "Đạt" → Đạt, "Không đạt"/"Chưa đạt" → Không đạt, "Vượt" → Vượt (progress null).
 *  1. Numbers are compared as written: the % sign is ignored on both sides, so 60% and 60 are equal
 *     (a reason notes it when only one side had %). 0,6 against 60% is NOT recognised as 60%.
 *     If both sides carry a unit and the units differ ("ha" vs "m2") → Chưa đánh giá.
 *     Tolerance: |a − b| ≤ 1e-9 · max(1, |b|) counts as equal.
 *  2. The actual is reduced to one number, conservatively: a range actual counts as its worse end
 *     (min when higher is better, max when lower is better); a comparator actual counts as its bound
 *     ("≥ 90%" → 90; with a range bound, min for ≥/>, max for ≤/<); "Nhóm 5" counts as rank 5.
 *  3. Which way is better comes from the target when it says so, otherwise from `direction`:
 *     ≥ and > are higher-better, ≤ and < and "Nhóm N" are lower-better; plain numbers and ranges
 *     use `direction` (ranks / "Thứ bậc" indicators are "lower").
 *  4. Higher-better, with target T: plain T or "≥ T": a > T Vượt, a = T Đạt, a < T Không đạt.
 *     "> T": a > T Đạt (exceeding is the target itself), otherwise Không đạt.
 *     Range "50-60" or "≥ 50-60": inside Đạt, above max Vượt, below min Không đạt.
 *     "> 3-4 lần": a ≤ 3 Không đạt, 3 < a ≤ 4 Đạt, a > 4 Vượt.
 *     Progress = a / T (a / min for ranges); can exceed 1; null when T ≤ 0.
 *  5. Lower-better (ranks), mirrored: plain T or "≤ T": a < T Vượt, a = T Đạt, a > T Không đạt;
 *     "< T": a < T Đạt, otherwise Không đạt; ranges: below min Vượt, inside Đạt, above max Không đạt.
 *     Progress = T / a (max / a for ranges); null when a ≤ 0.
 *  6. "Nhóm N" target: an actual rank r ≤ N (inside the group) → Đạt, r > N → Không đạt (a better rank
 *     inside the group is still Đạt; there are no finer steps). An actual group "Nhóm M": M < N Vượt,
 *     M = N Đạt, M > N Không đạt. Progress = N / r (or N / M).
 *  7. Có and statuses are a ladder: Chưa triển khai (0) < Đang triển khai (1) < Cơ bản hoàn thành (2)
 *     < Hoàn thành = Có (3); Không = 0. Actual above the target step → Vượt, equal → Đạt, below →
 *     Không đạt. So target Có with actual "Cơ bản hoàn thành" or "Đang triển khai" is Không đạt
 *     (with a reason: not fully achieved); target "Cơ bản hoàn thành" with actual "Hoàn thành" is Vượt.
 *     A number against Có (or a status) is not comparable (rule 8): "1.234" is not "Có", and the reading
 *     (shared/values/read.ts) rejects a number in a yes/no indicator anyway. A "Không" target is not
 *     assessed automatically.
 *     Progress: 1 when the target step is reached, 0 for Không / Chưa triển khai, otherwise null.
 *  8. Anything else (a number against Có, a status against a number…) → Chưa đánh giá,
 *     "không so sánh được".
 * Callers read a typed cell with readCell (shared/values/read.ts) first, so both sides are THE reading
 * ("0,85" in a % indicator is already 85%); judge() (./judge.ts) builds the report's categories on top.
 */
import type { Comparator, NumberValue, ParsedValue, RangeValue, StatusCode } from "../values/types.js";
import { foldVi } from "../values/parse.js";

export type AssessmentStatus = "vuot" | "dat" | "khong_dat" | "chua_danh_gia";
export type AssessmentLabel = "Vượt" | "Đạt" | "Không đạt" | "Chưa đánh giá";

export interface Assessment {
  status: AssessmentStatus;
  label: AssessmentLabel;
  progress: number | null;
  reason?: string;
}

export const ASSESSMENT_LABELS: Record<AssessmentStatus, AssessmentLabel> = {
  vuot: "Vượt",
  dat: "Đạt",
  khong_dat: "Không đạt",
  chua_danh_gia: "Chưa đánh giá",
};

function result(status: AssessmentStatus, progress: number | null, reason?: string): Assessment {
  const a: Assessment = { status, label: ASSESSMENT_LABELS[status], progress };
  if (reason) a.reason = reason;
  return a;
}

function ratio(num: number, den: number): number | null {
  if (!(den > 0) || !Number.isFinite(num) || !Number.isFinite(den)) return null;
  return Number((num / den).toPrecision(12));
}

const LADDER: Record<StatusCode, number> = {
  chua_trien_khai: 0,
  dang_trien_khai: 1,
  co_ban_hoan_thanh: 2,
  hoan_thanh: 3,
};

const STEP_NAMES = ["Chưa triển khai", "Đang triển khai", "Cơ bản hoàn thành", "Hoàn thành"];

function ladderStep(v: ParsedValue): number | null {
  if (v.kind === "yesno") return v.value ? 3 : 0;
  if (v.kind === "status") return LADDER[v.status];
  return null;
}

type Quantity = NumberValue | RangeValue;

function normUnit(u: string | undefined): string | undefined {
  if (!u) return undefined;
  return foldVi(u).replace(/\s+/g, "").replace(/\/1(?=\p{L})/gu, "/");
}

function quantityOf(v: ParsedValue): Quantity | null {
  if (v.kind === "number" || v.kind === "range") return v;
  if (v.kind === "comparator") return v.bound;
  return null;
}

/** One number for the actual, conservative for the given better-direction (rule 2). */
function actualPoint(v: ParsedValue, better: "higher" | "lower"): number | null {
  switch (v.kind) {
    case "number":
      return v.value;
    case "range":
      return better === "higher" ? v.min : v.max;
    case "comparator": {
      const b = v.bound;
      if (b.kind === "number") return b.value;
      return v.op === ">=" || v.op === ">" ? b.min : b.max;
    }
    case "rankGroup":
      return v.group;
    default:
      return null;
  }
}

function eq(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

interface Band {
  better: "higher" | "lower";
  lo: number;
  hi: number;
  /** ">" (higher) or "<" (lower): reaching the bound itself is not enough. */
  strict: boolean;
}

function bandOf(target: ParsedValue, direction: "higher" | "lower"): Band | null {
  if (target.kind === "number") return { better: direction, lo: target.value, hi: target.value, strict: false };
  if (target.kind === "range") return { better: direction, lo: target.min, hi: target.max, strict: false };
  if (target.kind !== "comparator") return null;
  const b = target.bound;
  const lo = b.kind === "number" ? b.value : b.min;
  const hi = b.kind === "number" ? b.value : b.max;
  const op: Comparator = target.op;
  switch (op) {
    case ">=":
      return { better: "higher", lo, hi, strict: false };
    case ">":
      return { better: "higher", lo, hi: b.kind === "number" ? Infinity : hi, strict: true };
    case "<=":
      return { better: "lower", lo, hi, strict: false };
    case "<":
      return { better: "lower", lo: b.kind === "number" ? -Infinity : lo, hi, strict: true };
  }
}

function assessBand(band: Band, a: number): Assessment {
  if (band.better === "higher") {
    const progress = Number.isFinite(band.lo) ? ratio(a, band.lo) : null;
    if (a < band.lo && !eq(a, band.lo)) return result("khong_dat", progress);
    if (band.strict && (eq(a, band.lo) || a < band.lo)) return result("khong_dat", progress);
    if (a > band.hi && !eq(a, band.hi)) return result("vuot", progress);
    return result("dat", progress);
  }
  const progress = Number.isFinite(band.hi) ? ratio(band.hi, a) : null;
  if (a > band.hi && !eq(a, band.hi)) return result("khong_dat", progress);
  if (band.strict && (eq(a, band.hi) || a > band.hi)) return result("khong_dat", progress);
  if (a < band.lo && !eq(a, band.lo)) return result("vuot", progress);
  return result("dat", progress);
}

const NOT_COMPARABLE = "mục tiêu và kết quả khác loại, không so sánh được; cần đánh giá thủ công";

export function assess(target: ParsedValue, actual: ParsedValue, direction: "higher" | "lower"): Assessment {
  // Rule 0: missing values and text.
  if (target.kind === "none") {
    return result(
      "chua_danh_gia",
      null,
      target.reason === "new_not_assessed" ? "chỉ tiêu mới, chưa có hướng dẫn đánh giá" : "chưa có mục tiêu cho kỳ này",
    );
  }
  if (target.kind === "text") return result("chua_danh_gia", null, "chỉ tiêu định tính, cần đánh giá thủ công");
  if (actual.kind === "none") return result("chua_danh_gia", null, "chưa có số liệu thực hiện");
  if (actual.kind === "text") {
    const t = foldVi(actual.text).replace(/[.!]+$/, "").trim();
    if (t === "dat") return result("dat", null, "đơn vị tự đánh giá «Đạt»");
    if (t === "vuot") return result("vuot", null, "đơn vị tự đánh giá «Vượt»");
    if (t === "khong dat" || t === "chua dat") return result("khong_dat", null, "đơn vị tự đánh giá «Không đạt»");
    return result("chua_danh_gia", null, "kết quả ghi bằng lời, cần đánh giá thủ công");
  }

  // Rule 7: Có / statuses.
  const targetStep = ladderStep(target);
  if (targetStep !== null) {
    if (targetStep === 0) return result("chua_danh_gia", null, "mục tiêu «Không»/«Chưa triển khai» không đánh giá tự động");
    const actualStep = ladderStep(actual);
    if (actualStep === null) return result("chua_danh_gia", null, NOT_COMPARABLE);
    const progress = actualStep >= targetStep ? 1 : actualStep === 0 ? 0 : null;
    if (actualStep > targetStep) return result("vuot", progress);
    if (actualStep === targetStep) return result("dat", progress);
    const reason =
      actualStep === 0
        ? undefined
        : `«${STEP_NAMES[actualStep]}» chưa đạt mức «${target.kind === "yesno" ? "Có" : STEP_NAMES[targetStep]}» của mục tiêu`;
    return result("khong_dat", progress, reason);
  }

  // Rule 6: Nhóm N.
  if (target.kind === "rankGroup") {
    const n = target.group;
    if (actual.kind === "rankGroup") {
      const m = actual.group;
      return result(m < n ? "vuot" : m === n ? "dat" : "khong_dat", ratio(n, m));
    }
    const r = actualPoint(actual, "lower");
    if (r === null) return result("chua_danh_gia", null, NOT_COMPARABLE);
    return result(r <= n + 1e-9 ? "dat" : "khong_dat", ratio(n, r));
  }

  // Rules 1-5: numbers, ranges, comparators.
  const band = bandOf(target, direction);
  if (!band) return result("chua_danh_gia", null, NOT_COMPARABLE);
  const a = actualPoint(actual, band.better);
  if (a === null) return result("chua_danh_gia", null, NOT_COMPARABLE);
  const tq = quantityOf(target);
  const aq = quantityOf(actual);
  const tu = normUnit(tq?.unit);
  const au = normUnit(aq?.unit);
  if (tu && au && tu !== au) {
    return result("chua_danh_gia", null, `đơn vị khác nhau («${tq?.unit}» và «${aq?.unit}»), cần đánh giá thủ công`);
  }
  const out = assessBand(band, a);
  if (tq && aq && tq.percent !== aq.percent) {
    out.reason = "một bên có dấu %, một bên không: so sánh theo số đã viết";
  }
  return out;
}

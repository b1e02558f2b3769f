/**
 * The department's own judgement of an indicator for a reporting period, as the 2025 report
 * (Báo cáo sơ kết, body section II.1 and Phụ lục I) does it:
 *   "có 09 chỉ tiêu vượt kế hoạch, 16 chỉ tiêu đạt 100% kế hoạch, 09 chỉ tiêu đang được thực hiện theo
 *    tiến độ đề ra, ước đạt được mục tiêu kế hoạch đến hết năm 2025 và 01 chỉ tiêu dự kiến không đạt theo
 *    kế hoạch", and lists apart those "chưa đánh giá được".
 * docs/ASSESSMENT.md says the same for people; change both together.
 *
 * RULES (`judge`)
 *  J0. A new indicator "(*) Chỉ tiêu mới" (Indicator.newNotAssessed) is never judged automatically:
 *      Chưa đánh giá được, the reason says why. Progress is still given when a value can be compared.
 *  J1. Annual period (interim = false): judged on the actual ("Thực hiện"): Vượt / Đạt / Không đạt
 *      (assess(), shared/assess/assess.ts). Without an actual but with a projection ("Ước thực hiện cả năm"):
 *      projection reaches the target → Đang thực hiện theo tiến độ – ước đạt; falls short → Dự kiến không đạt.
 *  J2. Interim period (6 tháng, quý, tháng, đột xuất): judged only from the projection ("Ước thực hiện cả
 *      năm") against the annual target → ước đạt / dự kiến không đạt. Never "Không đạt" from a half-year
 *      actual. Without a projection, an actual that already reaches the annual target → ước đạt; otherwise
 *      Chưa đánh giá được (the reason says a projection is needed).
 *  J3. Whatever cannot be compared (no target for the period, a qualitative target, a value of another kind
 *      than the indicator expects, no value at all) → Chưa đánh giá được with the reason.
 * `basis` says which value progress (and the category, when one is given) rests on.
 */
import type { Direction, ExpectKind } from "../catalog/types.js";
import { fitsKind } from "../values/read.js";
import type { ParsedValue } from "../values/types.js";
import { assess, type Assessment } from "./assess.js";

export type Category = "vuot" | "dat" | "uoc_dat" | "du_kien_khong_dat" | "khong_dat" | "chua_danh_gia";

/** In the order the report counts them. */
export const CATEGORIES: readonly Category[] = ["vuot", "dat", "uoc_dat", "du_kien_khong_dat", "khong_dat", "chua_danh_gia"];

/** The labels shared by the worker, the pane and the CT.* functions. */
export const CATEGORY_LABELS = {
  vuot: "Vượt",
  dat: "Đạt",
  uoc_dat: "Đang thực hiện theo tiến độ – ước đạt",
  du_kien_khong_dat: "Dự kiến không đạt",
  khong_dat: "Không đạt",
  chua_danh_gia: "Chưa đánh giá được",
} as const satisfies Record<Category, string>;
export type CategoryLabel = (typeof CATEGORY_LABELS)[Category];

export interface JudgeInput {
  /** The target of the period's year (the annual target, also for an interim period). */
  target: ParsedValue;
  /** "Thực hiện kỳ báo cáo", already read (readCell); null/absent/none = not reported. */
  actual?: ParsedValue | null;
  /** "Ước thực hiện cả năm", already read; null/absent/none = not reported. */
  projected?: ParsedValue | null;
  /** true for 6 tháng, quý, tháng, đột xuất; false for the annual report ("YYYY-N"). */
  interim: boolean;
  /** Indicator.newNotAssessed: "(*) Chỉ tiêu mới, chưa có hướng dẫn đánh giá". */
  newIndicator: boolean;
  direction: Direction;
  /** The indicator's expected kind; a value of another kind is not compared. */
  expect?: ExpectKind;
}

export interface Judgement {
  category: Category;
  label: CategoryLabel;
  /** Basis value relative to the target (1 = on target); null when it cannot be computed. */
  progress: number | null;
  /** Vietnamese, always given. */
  reason: string;
  basis: "actual" | "projected" | null;
}

/** "2025-N" is the annual report; every other period ("2025-6T", a quarter, a month, ad hoc) is interim. */
export function isInterimPeriod(period: string): boolean {
  return !/-N$/.test(period.trim());
}

export const NEW_INDICATOR_REASON =
  "Chỉ tiêu mới (*): chưa có hướng dẫn, phương pháp đánh giá của Trung ương nên không đánh giá tự động; Sở Khoa học và Công nghệ đánh giá khi có hướng dẫn";

const present = (v: ParsedValue | null | undefined): v is ParsedValue => v !== null && v !== undefined && v.kind !== "none";

function make(category: Category, progress: number | null, reason: string, basis: Judgement["basis"]): Judgement {
  return { category, label: CATEGORY_LABELS[category], progress, reason, basis };
}

function withDetail(base: string, a: Assessment): string {
  return a.reason ? `${base} (${a.reason})` : base;
}

export function judge(input: JudgeInput): Judgement {
  const { target, interim, newIndicator, direction, expect } = input;
  const actual = present(input.actual) ? input.actual : null;
  const projected = present(input.projected) ? input.projected : null;
  const compare = (v: ParsedValue): Assessment => {
    if (expect && !fitsKind(expect, v)) {
      return { status: "chua_danh_gia", label: "Chưa đánh giá", progress: null, reason: "giá trị không đúng loại của chỉ tiêu, không so sánh được với mục tiêu" };
    }
    return assess(target, v, direction);
  };
  const reached = (a: Assessment) => a.status === "vuot" || a.status === "dat";

  // J0. New indicators.
  if (newIndicator) {
    const pick: [ParsedValue | null, Judgement["basis"]] = interim
      ? projected ? [projected, "projected"] : actual ? [actual, "actual"] : [null, null]
      : actual ? [actual, "actual"] : projected ? [projected, "projected"] : [null, null];
    const progress = pick[0] ? compare(pick[0]).progress : null;
    return make("chua_danh_gia", progress, NEW_INDICATOR_REASON, progress === null ? null : pick[1]);
  }

  const fromProjection = (p: ParsedValue, lead: string): Judgement => {
    const a = compare(p);
    if (reached(a)) return make("uoc_dat", a.progress, withDetail(`${lead}ước thực hiện cả năm đạt mục tiêu`, a), "projected");
    if (a.status === "khong_dat") return make("du_kien_khong_dat", a.progress, withDetail(`${lead}ước thực hiện cả năm chưa đạt mục tiêu`, a), "projected");
    return make("chua_danh_gia", a.progress, `Ước thực hiện cả năm: ${a.reason ?? "không so sánh được với mục tiêu"}`, a.progress === null ? null : "projected");
  };

  // J1. Annual period.
  if (!interim) {
    if (actual) {
      const a = compare(actual);
      if (a.status === "vuot") return make("vuot", a.progress, withDetail("Kết quả thực hiện vượt mục tiêu", a), "actual");
      if (a.status === "dat") return make("dat", a.progress, withDetail("Kết quả thực hiện đạt mục tiêu", a), "actual");
      if (a.status === "khong_dat") return make("khong_dat", a.progress, withDetail("Kết quả thực hiện chưa đạt mục tiêu", a), "actual");
      return make("chua_danh_gia", a.progress, `Kết quả thực hiện: ${a.reason ?? "không so sánh được với mục tiêu"}`, a.progress === null ? null : "actual");
    }
    if (projected) return fromProjection(projected, "Chưa có kết quả thực hiện cả năm; ");
    return make("chua_danh_gia", null, "Chưa có số liệu thực hiện và ước thực hiện cả năm", null);
  }

  // J2. Interim period: the projection decides.
  if (projected) return fromProjection(projected, "Kỳ báo cáo giữa năm: ");
  if (actual) {
    const a = compare(actual);
    if (reached(a)) return make("uoc_dat", a.progress, "Kỳ báo cáo giữa năm: kết quả đến nay đã đạt mục tiêu năm", "actual");
    const why =
      a.status === "khong_dat"
        ? "kết quả đến nay chưa đạt mục tiêu năm, chưa có «Ước thực hiện cả năm» để đánh giá; không kết luận «Không đạt» giữa năm"
        : `chưa có «Ước thực hiện cả năm»; kết quả đến nay: ${a.reason ?? "không so sánh được với mục tiêu"}`;
    return make("chua_danh_gia", a.progress, `Kỳ báo cáo giữa năm: ${why}`, a.progress === null ? null : "actual");
  }
  return make("chua_danh_gia", null, "Chưa có số liệu thực hiện và ước thực hiện cả năm", null);
}

// ---------------------------------------------------------------------------------------------------------
// Summary, worded as the report words it
// ---------------------------------------------------------------------------------------------------------

export type CategoryCounts = Record<Category, number>;

export interface SummaryPart {
  count: number;
  byCategory: CategoryCounts;
  /** "có 09 chỉ tiêu vượt kế hoạch, 16 chỉ tiêu đạt 100% kế hoạch, …, 00 chỉ tiêu không đạt kế hoạch và 02 chỉ tiêu chưa đánh giá được" */
  sentence: string;
}

export interface Summary {
  total: SummaryPart;
  /** Groups I–V always, in order, then any other group met in the rows. */
  groups: (SummaryPart & { group: string })[];
  /** "Tổng số 35 chỉ tiêu: có 09 chỉ tiêu vượt kế hoạch, …" */
  sentence: string;
}

/** Phrases of the report, per category, after the count. */
export const CATEGORY_PHRASES: Record<Category, string> = {
  vuot: "chỉ tiêu vượt kế hoạch",
  dat: "chỉ tiêu đạt 100% kế hoạch",
  uoc_dat: "chỉ tiêu đang được thực hiện theo tiến độ đề ra, ước đạt được mục tiêu kế hoạch",
  du_kien_khong_dat: "chỉ tiêu dự kiến không đạt theo kế hoạch",
  khong_dat: "chỉ tiêu không đạt kế hoạch",
  chua_danh_gia: "chỉ tiêu chưa đánh giá được",
};

/** Counts as the report writes them: two digits ("09", "16"), more when needed. */
export function countText(n: number): string {
  return String(n).padStart(2, "0");
}

function emptyCounts(): CategoryCounts {
  return { vuot: 0, dat: 0, uoc_dat: 0, du_kien_khong_dat: 0, khong_dat: 0, chua_danh_gia: 0 };
}

/** The report's sentence for some counts; every category is named, zeros too ("00 …"), nothing is left out. */
export function summarySentence(counts: CategoryCounts, year?: number): string {
  const parts = CATEGORIES.map((c) => {
    const phrase = c === "uoc_dat" && year !== undefined ? `${CATEGORY_PHRASES[c]} đến hết năm ${year}` : CATEGORY_PHRASES[c];
    return `${countText(counts[c])} ${phrase}`;
  });
  return `có ${parts.slice(0, -1).join(", ")} và ${parts[parts.length - 1]}`;
}

function part(rows: { category: Category }[], year?: number): SummaryPart {
  const byCategory = emptyCounts();
  for (const r of rows) byCategory[r.category] += 1;
  return { count: rows.length, byCategory, sentence: summarySentence(byCategory, year) };
}

/** Counts per category, per group (I–V) and in total, with the report's sentences. */
export function summarize(rows: { group: string; category: Category }[], options: { year?: number } = {}): Summary {
  const order = ["I", "II", "III", "IV", "V", ...new Set(rows.map((r) => r.group).filter((g) => !["I", "II", "III", "IV", "V"].includes(g)))];
  const total = part(rows, options.year);
  const groups = order.map((group) => ({ group, ...part(rows.filter((r) => r.group === group), options.year) }));
  return { total, groups, sentence: `Tổng số ${countText(total.count)} chỉ tiêu: ${total.sentence}.` };
}

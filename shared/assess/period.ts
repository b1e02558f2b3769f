/**
 * Judging a row for a reporting period against the target the period is compared with (shared/forms/target.ts
 * `targetForPeriod`). Used by the worker's merge; the pane and CT.ASSESS can call it for the same answer.
 * docs/ASSESSMENT.md ("The target of a period") says the same for people; change both together.
 *
 * RULES
 *  T1. The year's own target (`exact`): `judge` as is (J0–J3 in ./judge.ts).
 *  T2. A year without a target in the plan (e.g. 2026 between the 2025 and 2030 milestones): the row is compared with
 *      the next milestone, shown as "… (mục tiêu 2030)". It is judged against it ONLY when already met: a result (or,
 *      in an interim period, a projection) that reaches the 2030 target has certainly reached whatever 2026 asks →
 *      Vượt / Đạt / ước đạt as `judge` says. Falling short of a later milestone says nothing about this year →
 *      Chưa đánh giá được, with the reason; the progress against the milestone is still given.
 *  T3. No target at all for the year or later → Chưa đánh giá được, "chưa có mục tiêu năm Y".
 *  New indicators "(*)" stay Chưa đánh giá được in every case (J0), with their own reason.
 */
import type { TargetInfo } from "../forms/target.js";
import { judge, type JudgeInput, type Judgement, CATEGORY_LABELS } from "./judge.js";

const NONE = { kind: "none", reason: "blank" } as const;

/** The report's judgement of a row for a period of `year`, against `target` (T1–T3 above). */
export function judgeForPeriod(target: TargetInfo, input: Omit<JudgeInput, "target">, year: number): Judgement {
  if (input.newIndicator || target.exact) return judge({ ...input, target: target.value });
  if (target.year === null || target.value.kind === "none") {
    const j = judge({ ...input, target: NONE });
    return { ...j, category: "chua_danh_gia", label: CATEGORY_LABELS.chua_danh_gia, reason: `Chưa có mục tiêu năm ${year} trong Kế hoạch, chưa đánh giá` };
  }
  const j = judge({ ...input, target: target.value });
  const shown = `mục tiêu năm ${target.year} (${target.text})`;
  if (j.category === "vuot" || j.category === "dat" || j.category === "uoc_dat") {
    return { ...j, reason: `Năm ${year} chưa có mục tiêu riêng; đã đạt ${shown}: ${lowerFirst(j.reason)}` };
  }
  return {
    ...j,
    category: "chua_danh_gia",
    label: CATEGORY_LABELS.chua_danh_gia,
    reason:
      j.category === "chua_danh_gia"
        ? `Năm ${year} chưa có mục tiêu riêng, so với ${shown}: ${lowerFirst(j.reason)}`
        : `Năm ${year} chưa có mục tiêu riêng trong Kế hoạch; chưa đạt ${shown} nên chưa đánh giá (mục tiêu ${target.year} không cho biết tiến độ cần đạt năm ${year})`,
  };
}

const lowerFirst = (s: string) => (s ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

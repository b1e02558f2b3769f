// judge(): the report's categories for a period; summarize(): the report's counting sentence.
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  NEW_INDICATOR_REASON,
  isInterimPeriod,
  judge,
  summarize,
  summarySentence,
  type Category,
  type JudgeInput,
} from "../../shared/assess/index.js";
import { catalog, findIndicator } from "../../shared/catalog/index.js";
import type { Indicator, TargetYear } from "../../shared/catalog/types.js";
import { expectationFor, parseValue, readCell } from "../../shared/values/index.js";
import type { ParsedValue } from "../../shared/values/index.js";

const p = (raw: string): ParsedValue => {
  const r = parseValue(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const ind = (k: string): Indicator => {
  const i = findIndicator(k);
  if (!i) throw new Error(`no indicator ${k}`);
  return i;
};

/** Judges typed cells of a real indicator as the merge will: read each cell, then judge. */
function judgeTyped(key: string, year: TargetYear, period: "6T" | "N", actual: string, projected: string) {
  const i = ind(key);
  const exp = expectationFor(i, undefined, year);
  const a = readCell(exp, actual);
  const pr = readCell(exp, projected);
  expect(a.value, `actual ${actual}`).not.toBeNull();
  expect(pr.value, `projected ${projected}`).not.toBeNull();
  return judge({
    target: i.targets[year].value,
    actual: a.value,
    projected: pr.value,
    interim: isInterimPeriod(`${year}-${period}`),
    newIndicator: i.newNotAssessed,
    direction: i.direction,
    expect: i.expect,
  });
}

describe("labels", () => {
  it("are exactly the report's words, in the report's order", () => {
    expect(CATEGORIES).toEqual(["vuot", "dat", "uoc_dat", "du_kien_khong_dat", "khong_dat", "chua_danh_gia"]);
    expect(CATEGORY_LABELS).toEqual({
      vuot: "Vượt",
      dat: "Đạt",
      uoc_dat: "Đang thực hiện theo tiến độ – ước đạt",
      du_kien_khong_dat: "Dự kiến không đạt",
      khong_dat: "Không đạt",
      chua_danh_gia: "Chưa đánh giá được",
    });
  });

  it("periods: YYYY-N is annual, everything else interim", () => {
    expect(isInterimPeriod("2025-N")).toBe(false);
    expect(isInterimPeriod("2025-6T")).toBe(true);
    expect(isInterimPeriod("2025-Q3")).toBe(true);
    expect(isInterimPeriod("2025-T07")).toBe(true);
  });
});

/** [indicator, year, period, actual, projected, category, basis, progress] on real catalog indicators. */
const CASES: [string, TargetYear, "6T" | "N", string, string, Category, "actual" | "projected" | null, number | null][] = [
  // Annual: judged on the actual (5G 2025 target 60%).
  ["5G", 2025, "N", "65%", "", "vuot", "actual", 65 / 60],
  ["5G", 2025, "N", "60%", "70%", "dat", "actual", 1],
  ["5G", 2025, "N", "45%", "80%", "khong_dat", "actual", 45 / 60], // the actual decides, not the projection
  ["5G", 2025, "N", "0,85", "", "vuot", "actual", 85 / 60], // the fraction reading: 0,85 is 85%
  ["5G", 2025, "N", "", "62%", "uoc_dat", "projected", 62 / 60],
  ["5G", 2025, "N", "-", "50%", "du_kien_khong_dat", "projected", 50 / 60],
  ["5G", 2025, "N", "", "", "chua_danh_gia", null, null],
  // Interim: only the projection judges; never Không đạt from a half-year actual.
  ["5G", 2025, "6T", "30%", "", "chua_danh_gia", "actual", 0.5],
  ["5G", 2025, "6T", "30%", "60%", "uoc_dat", "projected", 1],
  ["5G", 2025, "6T", "30%", "55%", "du_kien_khong_dat", "projected", 55 / 60],
  ["5G", 2025, "6T", "61%", "", "uoc_dat", "actual", 61 / 60], // already reached in June
  ["5G", 2025, "6T", "", "", "chua_danh_gia", null, null],
  // Counts, ranks, statuses.
  ["CB_NCKH", 2025, "N", "2.100", "", "dat", "actual", 1],
  ["CB_NCKH", 2025, "6T", "1.900", "2.050", "du_kien_khong_dat", "projected", 2050 / 2100],
  ["PII", 2030, "N", "Nhóm 5", "", "vuot", "actual", 2],
  ["PII", 2030, "N", "12", "", "khong_dat", "actual", 10 / 12],
  ["ATTT_XH", 2025, "6T", "12", "9", "uoc_dat", "projected", 10 / 9],
  ["IOC", 2025, "N", "Có", "", "dat", "actual", 1],
  ["IOC", 2025, "N", "Đang triển khai", "", "khong_dat", "actual", null],
  ["IOC", 2025, "6T", "Đang triển khai", "Hoàn thành", "uoc_dat", "projected", 1],
  ["IOC", 2025, "6T", "Đang triển khai", "Đang triển khai", "du_kien_khong_dat", "projected", null],
  ["IOC", 2025, "6T", "Đang triển khai", "", "chua_danh_gia", null, null],
  ["TT_ANM", 2025, "N", "Không", "", "khong_dat", "actual", 0],
  ["CSDL_CHUYENNGANH", 2030, "N", "Hoàn thành", "", "chua_danh_gia", "actual", 1], // (*) new: not judged
  // New indicators "(*)" are never judged automatically, whatever the values.
  ["TFP", 2030, "N", "60%", "", "chua_danh_gia", "actual", 60 / 55],
  ["KQ_TTHC_DIENTU", 2030, "6T", "", "100%", "chua_danh_gia", "projected", 1],
  ["6G", 2035, "N", "10%", "", "chua_danh_gia", "actual", 10 / 50],
  ["6G", 2030, "N", "10%", "", "chua_danh_gia", null, null], // 2030 target is "-"
  // No target for the year, a qualitative target.
  ["DNVVN_HOPTAC", 2025, "N", "20%", "", "chua_danh_gia", null, null],
  ["TIEMLUC_KHCN", 2030, "N", "Khá", "", "chua_danh_gia", null, null],
];

describe("judge on real indicators", () => {
  it.each(CASES)("%s %s-%s actual %j projected %j → %s", (key, year, period, actual, projected, category, basis, progress) => {
    const j = judgeTyped(key, year, period, actual, projected);
    expect(j.category).toBe(category);
    expect(j.label).toBe(CATEGORY_LABELS[category]);
    expect(j.basis).toBe(basis);
    if (progress === null) expect(j.progress).toBeNull();
    else expect(j.progress).toBeCloseTo(progress, 9);
    expect(j.reason.length).toBeGreaterThan(10);
  });

  it("says why a new indicator is not judged, and why an interim period without projection is not", () => {
    expect(judgeTyped("TFP", 2030, "N", "60%", "").reason).toBe(NEW_INDICATOR_REASON);
    expect(NEW_INDICATOR_REASON).toContain("Chỉ tiêu mới (*)");
    const j = judgeTyped("5G", 2025, "6T", "30%", "");
    expect(j.reason).toContain("Ước thực hiện cả năm");
    expect(j.reason).toContain("không kết luận «Không đạt» giữa năm");
    expect(judgeTyped("DNVVN_HOPTAC", 2025, "N", "20%", "").reason).toContain("chưa có mục tiêu");
  });

  it("a value of another kind than the indicator expects is not compared", () => {
    const i = ind("TT_ANM");
    const j = judge({ target: i.targets[2025].value, actual: p("1.234"), interim: false, newIndicator: false, direction: i.direction, expect: i.expect });
    expect(j.category).toBe("chua_danh_gia");
    expect(j.reason).toContain("không đúng loại");
    // Even without the kind, a number against Có is not comparable any more (it used to be "Đạt").
    const k = judge({ target: p("Có"), actual: p("1.234"), interim: false, newIndicator: false, direction: "higher" });
    expect(k.category).toBe("chua_danh_gia");
  });
});

describe("rows of the department's 2025 report (Phụ lục I, values at 20/8/2025 and projected to 31/12/2025)", () => {
  // The report judged these mid-year, with the projection; so does judge() with interim = true.
  const row = (target: string, actual: string, projected: string): Category => {
    const input: JudgeInput = { target: p(target), actual: p(actual), projected: p(projected), interim: true, newIndicator: false, direction: "higher" };
    return judge(input).category;
  };
  it.each([
    ["≥ 55%", "88%", "88%", "uoc_dat"], // trang trại lợn, gà (the report: "vượt kế hoạch")
    ["≥ 30 %", "22,2", "31", "uoc_dat"], // nuôi tôm công nghệ cao (the report: "vượt kế hoạch")
    ["100 %", "0", "0", "du_kien_khong_dat"], // ngao VietGAP (the report: "dự kiến không đạt")
    ["≥ 75%", "75%", "75%", "uoc_dat"], // trang trại lợn VietGAP (the report: "đạt 100%")
    ["≥ 80 %", "73%", "75%", "du_kien_khong_dat"], // website TMĐT (the report counts it "ước đạt"; see docs)
    ["> 3-4 lần", "3,05 lần", "3,05 lần", "uoc_dat"],
  ] as [string, string, string, Category][])("target %j, actual %j, projected %j → %s", (target, actual, projected, category) => {
    expect(row(target, actual, projected)).toBe(category);
  });
  it("the same rows judged as an annual report use the actual", () => {
    const annual = (target: string, actual: string) =>
      judge({ target: p(target), actual: p(actual), projected: null, interim: false, newIndicator: false, direction: "higher" }).category;
    expect(annual("≥ 55%", "88%")).toBe("vuot");
    expect(annual("100 %", "0")).toBe("khong_dat");
    expect(annual("≥ 75%", "75%")).toBe("dat");
  });
});

describe("summarize", () => {
  it("counts per group and in total and words it as the report does, naming every category", () => {
    const rows: { group: string; category: Category }[] = [
      ...Array.from({ length: 9 }, () => ({ group: "I", category: "vuot" as const })),
      ...Array.from({ length: 16 }, (_, k) => ({ group: k < 10 ? "II" : "III", category: "dat" as const })),
      ...Array.from({ length: 9 }, () => ({ group: "IV", category: "uoc_dat" as const })),
      { group: "V", category: "du_kien_khong_dat" },
      { group: "V", category: "chua_danh_gia" },
      { group: "V", category: "chua_danh_gia" },
    ];
    const s = summarize(rows, { year: 2025 });
    expect(s.total.count).toBe(37);
    expect(s.total.byCategory).toEqual({ vuot: 9, dat: 16, uoc_dat: 9, du_kien_khong_dat: 1, khong_dat: 0, chua_danh_gia: 2 });
    expect(s.sentence).toBe(
      "Tổng số 37 chỉ tiêu: có 09 chỉ tiêu vượt kế hoạch, 16 chỉ tiêu đạt 100% kế hoạch, 09 chỉ tiêu đang được thực hiện theo tiến độ đề ra, ước đạt được mục tiêu kế hoạch đến hết năm 2025, 01 chỉ tiêu dự kiến không đạt theo kế hoạch, 00 chỉ tiêu không đạt kế hoạch và 02 chỉ tiêu chưa đánh giá được.",
    );
    expect(s.groups.map((g) => [g.group, g.count])).toEqual([["I", 9], ["II", 10], ["III", 6], ["IV", 9], ["V", 3]]);
    expect(s.groups[4]!.byCategory).toEqual({ vuot: 0, dat: 0, uoc_dat: 0, du_kien_khong_dat: 1, khong_dat: 0, chua_danh_gia: 2 });
    expect(s.groups[0]!.sentence).toMatch(/^có 09 chỉ tiêu vượt kế hoạch, 00 chỉ tiêu đạt 100% kế hoạch, /);
    // Counts add up: nothing is silently left out.
    for (const g of s.groups) expect(Object.values(g.byCategory).reduce((a, b) => a + b, 0)).toBe(g.count);
  });

  it("writes counts above 99 as they are and keeps unknown groups after I–V", () => {
    const rows = Array.from({ length: 120 }, () => ({ group: "X", category: "dat" as const }));
    const s = summarize(rows);
    expect(s.groups.map((g) => g.group)).toEqual(["I", "II", "III", "IV", "V", "X"]);
    expect(s.sentence).toContain("120 chỉ tiêu đạt 100% kế hoạch");
    expect(summarySentence({ vuot: 1, dat: 0, uoc_dat: 0, du_kien_khong_dat: 0, khong_dat: 3, chua_danh_gia: 0 })).toBe(
      "có 01 chỉ tiêu vượt kế hoạch, 00 chỉ tiêu đạt 100% kế hoạch, 00 chỉ tiêu đang được thực hiện theo tiến độ đề ra, ước đạt được mục tiêu kế hoạch, 00 chỉ tiêu dự kiến không đạt theo kế hoạch, 03 chỉ tiêu không đạt kế hoạch và 00 chỉ tiêu chưa đánh giá được",
    );
  });

  it("on the whole catalog judged from its own baselines as if they were the 2025 actuals", () => {
    // A realistic sample: every indicator's baseline (hiện trạng 3/2025) typed as the annual 2025 actual.
    const rows = catalog.indicators.map((i) => {
      const r = readCell(expectationFor(i, undefined, 2025), i.baseline.printed);
      const j = judge({ target: i.targets[2025].value, actual: r.value, interim: false, newIndicator: i.newNotAssessed, direction: i.direction, expect: i.expect });
      return { group: i.group, category: j.category };
    });
    const s = summarize(rows, { year: 2025 });
    expect(s.total.count).toBe(79);
    expect(Object.values(s.total.byCategory).reduce((a, b) => a + b, 0)).toBe(79);
    // The 21 new indicators are never judged; baselines below their 2025 target are Không đạt.
    expect(s.total.byCategory.chua_danh_gia).toBeGreaterThanOrEqual(21);
    expect(s.total.byCategory.khong_dat).toBeGreaterThan(0);
  });
});

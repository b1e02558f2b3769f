// judgeForPeriod: the year's own target as usual; a later milestone only when already met; no target → not judged.
import { describe, expect, it } from "vitest";
import { judgeForPeriod, NEW_INDICATOR_REASON } from "../../shared/assess/index.js";
import { findIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import { targetForPeriod, type IndicatorRow } from "../../shared/forms/target.js";
import type { ParsedValue } from "../../shared/values/types.js";

const tinh = getForm("pl1-tinh")!;
const row = (item: string) => tinh.rows.find((r): r is IndicatorRow => r.type === "indicator" && r.item === item)!;
const pct = (value: number): ParsedValue => ({ kind: "number", value, percent: true });
const judgeAt = (item: string, year: number, actual: ParsedValue | null, projected: ParsedValue | null = null, interim = false) => {
  const ind = findIndicator(item)!;
  return judgeForPeriod(targetForPeriod(tinh, row(item), ind, year), { actual, projected, interim, newIndicator: ind.newNotAssessed, direction: ind.direction, expect: ind.expect }, year);
};

describe("judgeForPeriod", () => {
  it("T1: the year's own target", () => {
    expect(judgeAt("5G", 2025, pct(65)).category).toBe("vuot");
    expect(judgeAt("5G", 2025, pct(40)).category).toBe("khong_dat");
    expect(judgeAt("5G", 2025, pct(40), null, true).category).toBe("chua_danh_gia");
    expect(judgeAt("5G", 2025, pct(40), pct(62), true).category).toBe("uoc_dat");
  });

  it("T2: a later milestone only when already met", () => {
    const short = judgeAt("5G", 2026, pct(80));
    expect(short).toMatchObject({ category: "chua_danh_gia", label: "Chưa đánh giá được", basis: "actual" });
    expect(short.progress).toBeCloseTo(0.8);
    expect(short.reason).toContain("Năm 2026 chưa có mục tiêu riêng trong Kế hoạch; chưa đạt mục tiêu năm 2030 (100%)");
    const met = judgeAt("5G", 2026, pct(100));
    expect(met.category).toBe("dat");
    expect(met.reason).toContain("đã đạt mục tiêu năm 2030 (100%)");
    expect(judgeAt("5G", 2026, null, pct(100), true).category).toBe("uoc_dat");
    expect(judgeAt("5G", 2026, null, pct(90), true).category).toBe("chua_danh_gia");
  });

  it("T3 and new indicators", () => {
    expect(judgeAt("5G", 2046, pct(100))).toMatchObject({ category: "chua_danh_gia", reason: "Chưa có mục tiêu năm 2046 trong Kế hoạch, chưa đánh giá" });
    expect(judgeAt("6G", 2030, pct(100))).toMatchObject({ category: "chua_danh_gia", reason: NEW_INDICATOR_REASON });
  });
});

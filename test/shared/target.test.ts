// The target rule for a period (shared/forms/target.ts) and forms read for a period's year.
import { describe, expect, it } from "vitest";
import { findIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import { formForPeriod, formTitleLines, planYearOf, targetForPeriod, type IndicatorRow } from "../../shared/forms/target.js";

const pl1xa = getForm("pl1-xa")!;
const pl1tinh = getForm("pl1-tinh")!;
const pl2xa = getForm("pl2-xa")!;
const row = (form: typeof pl1xa, item: string) => form.rows.find((r): r is IndicatorRow => r.type === "indicator" && r.item === item)!;

describe("targetForPeriod", () => {
  it("uses the target the commune form prints for its plan year", () => {
    const t = targetForPeriod(pl1xa, row(pl1xa, "5G"), findIndicator("5G"), 2025);
    expect(t).toMatchObject({ text: "60%", year: 2025, exact: true, assessable: true, source: "form", label: "Mục tiêu 2025" });
  });

  it("a year without a plan target compares with the next milestone, for information only", () => {
    const t = targetForPeriod(pl1xa, row(pl1xa, "5G"), findIndicator("5G"), 2026);
    expect(t).toMatchObject({ text: "100%", year: 2030, exact: false, assessable: false, source: "milestone" });
    expect(t.label).toBe("Mục tiêu 2030 (chưa có mục tiêu năm 2026)");
  });

  it("an admin correction for the year wins over the milestone", () => {
    const t = targetForPeriod(pl1tinh, row(pl1tinh, "5G"), findIndicator("5G"), 2026, [{ key: "5G", year: 2026, text: "75%" }]);
    expect(t).toMatchObject({ text: "75%", year: 2026, exact: true, source: "override", label: "Mục tiêu 2026" });
  });

  it("Phụ lục I uses the catalog's milestone for a milestone year", () => {
    expect(targetForPeriod(pl1tinh, row(pl1tinh, "5G"), findIndicator("5G"), 2030)).toMatchObject({ text: "100%", exact: true, source: "catalog" });
  });
});

describe("forms for a period's year", () => {
  it("titles follow the year on yearly plan forms, not on Phụ lục I", () => {
    expect(planYearOf(pl1xa)).toBe(2025);
    expect(planYearOf(pl2xa)).toBe(2025);
    expect(planYearOf(pl1tinh)).toBeNull();
    expect(formTitleLines(pl1xa, 2026)[0]).toBe("Phụ lục 1: CÁC CHỈ TIÊU PHẤN ĐẤU HOÀN THÀNH NĂM 2026");
    expect(formTitleLines(pl1xa, 2026)[1]).toContain("năm 2026");
    expect(formTitleLines(pl2xa, 2027)[0]).toMatch(/NĂM 2027$/);
    expect(formTitleLines(pl1tinh, 2026)).toEqual(pl1tinh.title);
  });

  it("the commune form for 2026 says which target it compares with", () => {
    const { form, basis } = formForPeriod(pl1xa, "2026-N");
    expect(form.id).toBe("pl1-xa");
    expect(form.title[0]).toMatch(/NĂM 2026$/);
    const col = form.columns.find((c) => c.id === "target2025")!;
    expect(col.header).toBe("Mục tiêu 2030 (chưa có mục tiêu năm 2026)");
    expect(form.header.find((h) => h.col === form.columns.indexOf(col))?.text).toBe(col.header);
    expect(row(form, "5G").values?.["target2025"]?.printed).toBe("100%");
    expect(basis).toBe("Mục tiêu 2030 (chưa có mục tiêu năm 2026)");
    // The printed form is unchanged for its own year.
    const same = formForPeriod(pl1xa, "2025-6T");
    expect(same.form.columns).toEqual(pl1xa.columns);
    expect(same.basis).toBeNull();
  });

  it("Phụ lục I for 2026 keeps every milestone column and names the one compared with", () => {
    const { form, basis } = formForPeriod(pl1tinh, "2026-N");
    expect(form.columns).toEqual(pl1tinh.columns);
    expect(basis).toBe("Mục tiêu 2030 (chưa có mục tiêu năm 2026)");
    expect(formForPeriod(pl1tinh, "2025-N").basis).toBeNull();
  });
});

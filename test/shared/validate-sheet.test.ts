// validateSheet hands the worker the reading it made of each value cell, so the push reads every cell once: that reading
// must be exactly readCell's (the merge, the pane and CT.ASSESS use readCell), and the issues exactly validateCells's.
// The ASCII fast paths of the parser must give what the full Unicode clean-up gives.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import { rowExpectation, validateCells, validateSheet } from "../../shared/validate/index.js";
import { foldVi, isBlankRaw, normalizeRaw, readCell } from "../../shared/values/index.js";
import { foldViFully, isBlankFully, normalizeFully } from "../../shared/values/parse.js";
import { VALUE_CASES } from "./value-cases.js";

describe("validateSheet", () => {
  it("gives readCell's reading for every value cell without an error, and validateCells's issues", () => {
    const byForm = new Map<string, typeof VALUE_CASES>();
    for (const c of VALUE_CASES) byForm.set(`${c.form}|${c.year}`, [...(byForm.get(`${c.form}|${c.year}`) ?? []), c]);
    let checked = 0;
    for (const [key, cases] of byForm) {
      const [formId, year] = key.split("|") as [string, string];
      const form = getForm(formId)!;
      const period = `${year}-N`;
      for (const c of cases) {
        const cells = [{ item: c.item, field: c.field, raw: c.raw }];
        const { issues, readings } = validateSheet(form, cells, { period });
        expect(issues).toEqual(validateCells(form, cells, { period }));
        const exp = rowExpectation(form, c.item, { period });
        const expected = exp ? readCell(exp, c.raw).value : null;
        if (issues.some((i) => i.severity === "error")) expect(readings.has(`${c.item}|${c.field}`)).toBe(false);
        else if (exp && expected && expected.kind !== "none") {
          expect(readings.get(`${c.item}|${c.field}`)).toEqual(expected);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("reads each cell of a whole sheet once with one expectation per row, as validating cell by cell does", () => {
    const form = getForm("pl1-xa")!;
    const items = form.rows.flatMap((r) => (r.type === "indicator" ? [r.item] : []));
    const cells = items.flatMap((item, k) => [
      { item, field: "actual", raw: `${k * 7},${k % 10}%` },
      { item, field: "projected", raw: k % 3 === 0 ? "0,85" : `khoảng ${k}` },
      { item, field: "note", raw: `Ghi chú ${k}` },
    ]);
    const period = "2026-N";
    const { issues, readings } = validateSheet(form, cells, { period });
    expect(issues).toEqual(validateCells(form, cells, { period }));
    for (const c of cells) {
      const exp = rowExpectation(form, c.item, { period });
      const r = c.field === "note" ? null : exp ? readCell(exp, c.raw) : null;
      if (r?.value) expect(readings.get(`${c.item}|${c.field}`), `${c.item} ${c.raw}`).toEqual(r.value);
      else expect(readings.has(`${c.item}|${c.field}`)).toBe(c.field !== "note" && !exp);
    }
  });
});

describe("ASCII fast paths", () => {
  const samples = [
    "45,3%", "12", " 12 ", "1.200,5", ">= 80", "80  %", "a\tb", "x\n", "~80", "-", "_", "", " ", "ABC def", "Nhom 10", "=SUM(A1)",
    "Có", "khoảng 80%", "８０％", "80\u00A0%", "\u200B", "1\u20132", "Đang triển khai", "\u2A7E 5", "e\u0301", "\u00AD",
  ];
  for (let c = 0; c < 128; c++) samples.push(`a${String.fromCharCode(c)}b`, String.fromCharCode(c));
  it("normalizeRaw, foldVi and isBlankRaw agree with the full clean-up", () => {
    for (const s of samples) {
      expect(normalizeRaw(s), JSON.stringify(s)).toBe(normalizeFully(s));
      expect(foldVi(s), JSON.stringify(s)).toBe(foldViFully(s));
      expect(isBlankRaw(s), JSON.stringify(s)).toBe(isBlankFully(s));
    }
  });
});

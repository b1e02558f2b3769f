// The reading core (shared/values/read.ts) beyond the case table: expectations, Excel numbers, edge rules.
import { describe, expect, it } from "vitest";
import { findIndicator } from "../../shared/catalog/index.js";
import type { CatalogCell, Indicator } from "../../shared/catalog/types.js";
import { getForm } from "../../shared/forms/index.js";
import { expectationFor, fitsKind, parseValue, readCell, readingText, type Expectation } from "../../shared/values/index.js";

const ind = (k: string): Indicator => {
  const i = findIndicator(k);
  if (!i) throw new Error(`no indicator ${k}`);
  return i;
};
const cell = (printed: string): CatalogCell => {
  const r = parseValue(printed);
  if (!r.ok) throw new Error(r.message);
  return { printed, value: r.value };
};
const text = (exp: Expectation, input: Parameters<typeof readCell>[1]) => readingText(readCell(exp, input));
const codes = (exp: Expectation, input: Parameters<typeof readCell>[1]) => readCell(exp, input).issues.map((i) => i.code);

describe("expectationFor", () => {
  it("takes kind, unit, references, the target in force and an example from the indicator", () => {
    const e = expectationFor(ind("5G"), undefined, 2025);
    expect(e).toMatchObject({ kind: "percentShare", unit: "%", baseline: 5, target: 60, example: "60%" });
    expect(e.refs).toEqual([5, 60, 100, 100, 100]);
    expect(expectationFor(ind("5G"), undefined, 2030).target).toBe(100);
    expect(expectationFor(ind("5G"), undefined, 2027).target).toBe(100); // the next milestone
    expect(expectationFor(ind("CB_NCKH")).example).toBe("2.100");
    expect(expectationFor(ind("KHONG_TIENMAT")).example).toBe("80%"); // "≥ 80" under a % unit
    expect(expectationFor(ind("PII")).example).toBe("Nhóm 20");
    expect(expectationFor(ind("IOC")).example).toBe("Có");
    expect(expectationFor(ind("CSDL_CHUYENNGANH"), undefined, 2030).example).toBe("Cơ bản hoàn thành");
    expect(expectationFor(ind("DTI")).example).toBe("0,75");
    expect(expectationFor(ind("6G")).example).toBe("50%"); // 2025 is "-": the first printed target
    expect(expectationFor(ind("TIEMLUC_KHCN")).example).toBe("");
  });

  it("a commune row's own target and kind override the indicator's", () => {
    const row = getForm("pl1-xa")!.rows.find((r) => r.type === "indicator" && r.item === "KHONG_TIENMAT");
    if (!row || row.type !== "indicator") throw new Error("no row");
    const e = expectationFor(ind("KHONG_TIENMAT"), row, 2025);
    expect(e.target).toBe(80);
    expect(e.refs[0]).toBe(80);
    const asCount = expectationFor(ind("5G"), { unit: "Điểm", expect: "count", values: { target2025: cell("12") } }, 2025);
    expect(asCount).toMatchObject({ kind: "count", unit: "Điểm", target: 12, baseline: null, example: "12" });
  });
});

describe("numbers handed over by Excel (CT.* functions)", () => {
  it("follow the fraction rule: a %-formatted cell holds 0,6 for 60%", () => {
    const e = expectationFor(ind("5G"));
    expect(text(e, 0.6)).toBe("60%");
    expect(text(e, 1)).toBe("100%");
    expect(text(e, 60)).toBe("60%");
    expect(text(e, 1.2)).toBe("1,2%");
    expect(codes(e, 0.6)).toEqual([]); // no question: the cell's format says it
    expect(codes(e, 1.5)).toEqual([]);
    expect(codes(e, Number.NaN)).toEqual(["unparseable"]);
  });

  it("in an indicator printed below 1% (CHI_KHCN), take the scale closer to its printed values", () => {
    const e = expectationFor(ind("CHI_KHCN"), undefined, 2030);
    expect(text(e, 0.012)).toBe("1,2%");
    expect(text(e, 0.02)).toBe("2%");
    expect(text(e, 0.75)).toBe("0,75%");
    expect(text(e, 1.2)).toBe("1,2%");
    // Typed text is read as written there (no Excel format behind it).
    expect(text(e, "0,012")).toBe("0,012%");
    expect(codes(e, "0,012")).toEqual(["implausible"]);
  });

  it("booleans are Có/Không; counts stay whole numbers", () => {
    expect(text(expectationFor(ind("IOC")), true)).toBe("Có");
    expect(text(expectationFor(ind("TT_ANM")), false)).toBe("Không");
    expect(codes(expectationFor(ind("5G")), true)).toEqual(["wrong_kind"]);
    expect(text(expectationFor(ind("CB_NCKH")), 2100)).toBe("2.100");
    expect(codes(expectationFor(ind("CB_NCKH")), 2100.5)).toEqual(["wrong_kind"]);
    expect(text(expectationFor(ind("CB_NCKH")), null)).toBe("");
    expect(text(expectationFor(ind("CB_NCKH")), undefined)).toBe("");
  });
});

describe("edge rules", () => {
  it("the fraction reading applies when an indicator has no printed number at all", () => {
    const e: Expectation = { kind: "percentShare", unit: "%", direction: "higher", refs: [], baseline: null, target: null, example: "80%" };
    expect(text(e, "0,5")).toBe("50%");
    expect(codes(e, "0,5")).toEqual(["fraction_as_percent"]);
  });

  it("'phần trăm' written out is a percent; other units in a percent are not", () => {
    const e = expectationFor(ind("5G"));
    expect(text(e, "70 phần trăm")).toBe("70%");
    expect(codes(e, "70 điểm")).toEqual(["wrong_kind"]);
  });

  it("a percent that may exceed 100 has no range, a share has", () => {
    expect(codes(expectationFor(ind("TFP"), undefined, 2030), "350%")).toEqual([]);
    expect(codes(expectationFor(ind("KTS_GRDP")), "350%")).toEqual(["out_of_range"]);
  });

  it("fitsKind tells which read values an assessment may compare", () => {
    const p = (raw: string) => {
      const r = parseValue(raw);
      if (!r.ok) throw new Error(r.message);
      return r.value;
    };
    expect(fitsKind("yesno", p("Có"))).toBe(true);
    expect(fitsKind("yesno", p("1"))).toBe(false);
    expect(fitsKind("status", p("Có"))).toBe(true);
    expect(fitsKind("status", p("Hoàn thành"))).toBe(true);
    expect(fitsKind("count", p("5%"))).toBe(false);
    expect(fitsKind("percentShare", p("5"))).toBe(true);
    expect(fitsKind("rankGroup", p("Nhóm 5"))).toBe(true);
    expect(fitsKind("count", p("Nhóm 5"))).toBe(false);
    expect(fitsKind("text", p("Nhóm 5"))).toBe(true);
    expect(fitsKind("count", p("-"))).toBe(true);
  });

  it("an error leaves no reading; warnings keep it", () => {
    const e = expectationFor(ind("5G"));
    expect(readCell(e, "150%").value).toBeNull();
    expect(readCell(e, "0,85").value).toEqual({ kind: "number", value: 85, percent: true });
    expect(readCell(e, "70").value).toEqual({ kind: "number", value: 70, percent: true });
  });
});

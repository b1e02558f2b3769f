// Values made only of invisible characters are blank everywhere; programmers' number notations are refused.
import { describe, expect, it } from "vitest";
import { isBlankRaw, parseValue } from "../../shared/values/index.js";
import { validateCells } from "../../shared/validate/index.js";
import { getForm } from "../../shared/forms/index.js";

const INVISIBLE = ["", " ", "\u0000", "\u2060", "\u00ad", "\u200d", "\u200b", "\u00a0", "\ufeff", "\u3000", "\t\r\n", "\u0000\u2060 \u00ad\u200d\u00a0", "\u180e", "\u3164", "\u2800", "\u202e", "\u0007", "\u034f\u1160\u17b4\u17b5"];

describe("isBlankRaw", () => {
  it("is true for values made only of white space, control, format and filler characters", () => {
    for (const raw of INVISIBLE) expect(isBlankRaw(raw), JSON.stringify(raw)).toBe(true);
  });
  it("is false as soon as something visible is there", () => {
    for (const raw of ["0", "-", "a", "\u0000x", " 5 ", "\u00a0%", "\ud800", "\u0301"]) expect(isBlankRaw(raw), JSON.stringify(raw)).toBe(false);
  });
  it("the parser reads such values as blank, and validation does not count them as filled", () => {
    for (const raw of INVISIBLE) expect(parseValue(raw)).toEqual({ ok: true, value: { kind: "none", reason: "blank" } });
    const tasks = getForm("pl2-xa")!;
    // A task row whose only "content" is invisible is not a filled row (no "task name required" error).
    const issues = validateCells(tasks, [{ item: "t1-abcdef", field: "budget", raw: "\u2060\u00ad" }]);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("programmers' number notations", () => {
  it("0x10, 0b1, 0o7 and 1_000 are refused with a Vietnamese message", () => {
    for (const raw of ["0x10", "0X1F", "0b1", "0B101", "0o7", "-0x10", "≥ 0x10", "1_000", "1_000,5", "10_0%", "> 1_000"]) {
      const r = parseValue(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.message, raw).toMatch(/hệ 16|gạch dưới/);
    }
  });
  it("ordinary values that start the same way still parse", () => {
    expect(parseValue("0")).toEqual({ ok: true, value: { kind: "number", value: 0, percent: false } });
    expect(parseValue("0 xe")).toMatchObject({ ok: true, value: { kind: "number", value: 0, unit: "xe" } });
    expect(parseValue("5ha")).toMatchObject({ ok: true, value: { kind: "number", value: 5, unit: "ha" } });
    expect(parseValue("1.000")).toEqual({ ok: true, value: { kind: "number", value: 1000, percent: false } });
    expect(parseValue("0,5")).toEqual({ ok: true, value: { kind: "number", value: 0.5, percent: false } });
  });
});

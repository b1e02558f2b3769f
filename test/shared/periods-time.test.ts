import { describe, expect, it } from "vitest";
import {
  defaultCutoffDate,
  defaultDueDate,
  formDueIn,
  isInterim,
  isPeriodId,
  parsePeriod,
  periodId,
  periodLabel,
  periodOrder,
  periodShortLabel,
  previousPeriod,
} from "../../shared/periods/index.js";
import { daysBetween, excelSerial, formatVnDate, formatVnDateTime, vnDate } from "../../shared/time.js";

describe("period ids and labels", () => {
  const cases: [string, string, string, string][] = [
    ["2025-T03", "month", "Tháng 3/2025", "T3-2025"],
    ["2025-T12", "month", "Tháng 12/2025", "T12-2025"],
    ["2025-Q2", "quarter", "Quý II/2025", "QII-2025"],
    ["2025-6T", "half", "6 tháng đầu năm 2025", "6T-2025"],
    ["2025-N", "year", "Năm 2025", "Năm 2025"],
    ["2026-DX3", "adhoc", "Báo cáo đột xuất số 3/2026", "ĐX3-2026"],
  ];
  for (const [id, kind, label, short] of cases) {
    it(`${id} is a ${kind}: "${label}"`, () => {
      expect(parsePeriod(id)?.kind).toBe(kind);
      expect(periodLabel(id)).toBe(label);
      expect(periodShortLabel(id)).toBe(short);
      const p = parsePeriod(id)!;
      expect(periodId(p.kind, p.year, p.seq)).toBe(id);
    });
  }
  it("refuses what is not a period", () => {
    for (const bad of ["2025", "2025-6t", "1999-N", "2025-Q5", "2025-T13", "2025-T3", "2025-DX0", "2025-DX100", "2025-N "]) {
      expect(isPeriodId(bad), bad).toBe(false);
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });
  it("only the year is final; everything else is interim", () => {
    expect(isInterim("2025-N")).toBe(false);
    for (const id of ["2025-6T", "2025-Q4", "2025-T11", "2025-DX1"]) expect(isInterim(id)).toBe(true);
  });
});

describe("the calendar of §9.1", () => {
  it("due dates: before the 20th, before the 20th of the quarter's last month, before 15/6, before 25/11", () => {
    expect(defaultDueDate("2026-T03")).toBe("2026-03-19");
    expect(defaultDueDate("2026-Q1")).toBe("2026-03-19");
    expect(defaultDueDate("2026-Q4")).toBe("2026-12-19");
    expect(defaultDueDate("2026-6T")).toBe("2026-06-14");
    expect(defaultDueDate("2026-N")).toBe("2026-11-24");
    expect(defaultDueDate("2026-DX1")).toBeNull();
  });
  it("cut-offs fall on or before the due date", () => {
    for (const id of ["2026-T01", "2026-T02", "2026-Q2", "2026-6T", "2026-N", "2028-T02"]) {
      const due = defaultDueDate(id)!;
      const cut = defaultCutoffDate(id)!;
      expect(cut <= due, `${id}: ${cut} ≤ ${due}`).toBe(true);
    }
    expect(defaultCutoffDate("2026-6T")).toBe("2026-05-31");
    expect(defaultCutoffDate("2026-T02")).toBe("2026-02-14");
  });
  it("the previous period is of the same kind", () => {
    expect(previousPeriod("2026-T01")).toBe("2025-T12");
    expect(previousPeriod("2026-T05")).toBe("2026-T04");
    expect(previousPeriod("2026-Q1")).toBe("2025-Q4");
    expect(previousPeriod("2026-6T")).toBe("2025-N");
    expect(previousPeriod("2026-N")).toBe("2026-6T");
    expect(previousPeriod("2026-DX1")).toBeNull();
  });
  it("orders periods by when they end", () => {
    const ids = ["2026-N", "2025-N", "2026-T01", "2026-6T", "2026-Q2", "2026-T06", "2026-DX2", "2026-DX1", "2025-T12"];
    expect([...ids].sort((a, b) => periodOrder(a) - periodOrder(b))).toEqual([
      "2025-T12",
      "2025-N",
      "2026-T01",
      "2026-T06",
      "2026-Q2",
      "2026-6T",
      "2026-N",
      "2026-DX1",
      "2026-DX2",
    ]);
  });
  it("indicator forms are due at 6 months and the year; an ad-hoc period names its forms", () => {
    expect(formDueIn("pl1-tinh", "2026-6T")).toBe(true);
    expect(formDueIn("pl1-tinh", "2026-T03")).toBe(false);
    expect(formDueIn("pl1-xa", "2026-Q1")).toBe(false);
    expect(formDueIn("pl1-xa", "2026-DX1")).toBe(false);
    expect(formDueIn("pl1-xa", "2026-DX1", ["pl1-xa"])).toBe(true);
    expect(formDueIn("pl1-tinh", "2026-T03", ["pl1-tinh"])).toBe(true);
  });
});

describe("Vietnam time, whatever the machine's zone", () => {
  it("a UTC evening is the next morning in Vietnam", () => {
    expect(formatVnDateTime("2026-12-01T20:38:42.078Z")).toBe("02/12/2026 03:38");
    expect(vnDate("2026-12-01T20:38:42.078Z")).toBe("2026-12-02");
    expect(vnDate("2026-12-01T16:59:59.999Z")).toBe("2026-12-01");
    expect(vnDate("2026-12-01T17:00:00.000Z")).toBe("2026-12-02");
  });
  it("formats dates and counts days", () => {
    expect(formatVnDate("2026-06-14")).toBe("14/06/2026");
    expect(formatVnDate("2026-06-13T18:00:00Z")).toBe("14/06/2026");
    expect(formatVnDateTime("not a date")).toBe("");
    expect(formatVnDateTime(null)).toBe("");
    expect(daysBetween("2026-06-10", "2026-06-14")).toBe(4);
    expect(daysBetween("2026-06-14", "2026-06-10")).toBe(-4);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });
  it("gives Excel serial numbers for date cells", () => {
    expect(excelSerial("1900-03-01")).toBe(61);
    expect(excelSerial("2026-06-14")).toBe(46187);
    expect(excelSerial("bad")).toBeNull();
  });
});

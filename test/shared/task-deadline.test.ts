import { describe, expect, it } from "vitest";
import { describeDeadline, finalDueDate, parseDeadline, tasks } from "../../shared/tasks/index.js";
import type { Deadline } from "../../shared/tasks/index.js";

/** Compact form of a parsed deadline for the table below: kind + dates. */
function brief(d: Deadline): string {
  switch (d.kind) {
    case "dated":
      return `dated ${d.dates.map((x) => `${x.date}<${x.printed}>`).join(" ")}`;
    case "recurring":
      return `yearly${d.first ? ` from ${d.first.date}` : ""}`;
    case "ongoing":
      return `ongoing${d.first ? ` from ${d.first.date}` : ""}`;
    case "done":
      return "done";
    case "unknown":
      return "unknown";
  }
}

/** Every distinct deadline string printed in Phụ lục II, III, IV, and what it must parse to. */
const EXPECTED: Record<string, string> = {
  "": "unknown",
  "- Tháng 11/2025 - Tháng 9/2028": "dated 2025-11-30<Tháng 11/2025> 2028-09-30<Tháng 9/2028>",
  "- Tháng 4/2026 - Năm 2026": "dated 2026-04-30<Tháng 4/2026> 2026-12-31<Năm 2026>",
  "- Tháng 8/2025 - Thường xuyên": "ongoing from 2025-08-31",
  "(1) Tháng 6/2025; (2) Tháng 10/2025": "dated 2025-06-30<(1) Tháng 6/2025> 2025-10-31<(2) Tháng 10/2025>",
  "Đã hoàn thành": "done",
  "Hàng năm": "yearly",
  "Hoàn thành tháng 6/2026": "dated 2026-06-30<Hoàn thành tháng 6/2026>",
  "Năm 2026": "dated 2026-12-31<Năm 2026>",
  "Năm 2027": "dated 2027-12-31<Năm 2027>",
  "Tháng 02/2025": "dated 2025-02-28<Tháng 02/2025>",
  "Tháng 10/2025": "dated 2025-10-31<Tháng 10/2025>",
  "Tháng 10/2026": "dated 2026-10-31<Tháng 10/2026>",
  "Tháng 11/2025": "dated 2025-11-30<Tháng 11/2025>",
  "Tháng 11/2026": "dated 2026-11-30<Tháng 11/2026>",
  "Tháng 12/2025": "dated 2025-12-31<Tháng 12/2025>",
  "Tháng 12/2026": "dated 2026-12-31<Tháng 12/2026>",
  "Tháng 12/2027": "dated 2027-12-31<Tháng 12/2027>",
  "Tháng 12/2030": "dated 2030-12-31<Tháng 12/2030>",
  "Tháng 3/2025": "dated 2025-03-31<Tháng 3/2025>",
  "Tháng 3/2026": "dated 2026-03-31<Tháng 3/2026>",
  "Tháng 3/2027": "dated 2027-03-31<Tháng 3/2027>",
  "Tháng 4/2025": "dated 2025-04-30<Tháng 4/2025>",
  "Tháng 5/2025": "dated 2025-05-31<Tháng 5/2025>",
  "Tháng 5/2025 và hàng năm": "yearly from 2025-05-31",
  "Tháng 5/2025 và thường xuyên": "ongoing from 2025-05-31",
  "Tháng 6/2025": "dated 2025-06-30<Tháng 6/2025>",
  "Tháng 6/2025; thường xuyên": "ongoing from 2025-06-30",
  "Tháng 6/2026": "dated 2026-06-30<Tháng 6/2026>",
  "Tháng 6/2027": "dated 2027-06-30<Tháng 6/2027>",
  "Tháng 6/2028": "dated 2028-06-30<Tháng 6/2028>",
  "Tháng 7/2025": "dated 2025-07-31<Tháng 7/2025>",
  "Tháng 8/2025": "dated 2025-08-31<Tháng 8/2025>",
  "Tháng 8/2028": "dated 2028-08-31<Tháng 8/2028>",
  "Tháng 9/2025": "dated 2025-09-30<Tháng 9/2025>",
  "Tháng 9/2025 hoàn thiện hệ thống": "dated 2025-09-30<Tháng 9/2025 hoàn thiện hệ thống>",
  "Tháng 9/2026": "dated 2026-09-30<Tháng 9/2026>",
  "Tháng 9/2027": "dated 2027-09-30<Tháng 9/2027>",
  "Thường xuyên": "ongoing",
};

describe("every deadline string of Phụ lục II, III, IV (taken from the catalog)", () => {
  const printed = [...new Set(tasks.map((t) => t.deadline.printed))].sort();

  it("is in the expected table, and the table has no string the appendices do not print", () => {
    expect(printed).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(printed.map((p) => [p]))("%j parses as expected, and the catalog holds that parse", (p) => {
    const parsed = parseDeadline(p);
    expect(brief(parsed)).toBe(EXPECTED[p]);
    for (const t of tasks.filter((x) => x.deadline.printed === p)) expect(t.deadline.value, t.key).toEqual(parsed);
  });

  it("none is unknown unless the task carries a deadline doubt", () => {
    for (const t of tasks) {
      if (t.deadline.value.kind === "unknown") expect(t.doubts.some((d) => d.field === "deadline"), t.key).toBe(true);
    }
    expect(tasks.filter((t) => t.deadline.value.kind === "unknown").map((t) => t.key)).toEqual([
      "II.12", "III.67", "III.68", "IV.78", "IV.79", "IV.81", "IV.83", "IV.84",
    ]);
  });

  it("kinds over the whole catalog", () => {
    const count = (k: string) => tasks.filter((t) => t.deadline.value.kind === k).length;
    expect({ dated: count("dated"), recurring: count("recurring"), ongoing: count("ongoing"), done: count("done"), unknown: count("unknown") }).toEqual({
      dated: 184,
      recurring: 7,
      ongoing: 33,
      done: 2,
      unknown: 8,
    });
  });
});

describe("parseDeadline, other spellings", () => {
  it.each([
    ["Quý III/2025", "dated 2025-09-30<Quý III/2025>"],
    ["quý 4 năm 2026", "dated 2026-12-31<quý 4 năm 2026>"],
    ["Quý I/2026", "dated 2026-03-31<Quý I/2026>"],
    ["2025-2030", "dated 2030-12-31<2025-2030>"],
    ["Giai đoạn 2025 – 2027", "dated 2027-12-31<Giai đoạn 2025 – 2027>"],
    ["tháng 2 năm 2028", "dated 2028-02-29<tháng 2 năm 2028>"],
    ["Trước 15/6/2025", "dated 2025-06-15<Trước 15/6/2025>"],
    ["HẰNG NĂM", "yearly"],
    ["Thường niên", "yearly"],
    ["thường xuyên, hàng năm", "yearly"],
    ["  Thường   xuyên ", "ongoing"],
    ["Hoàn thành", "done"],
    ["đã hoàn thành", "done"],
  ])("%j → %s", (p, want) => {
    expect(brief(parseDeadline(p))).toBe(want);
  });

  it.each([["Tháng 13/2025"], ["31/2/2025"], ["Quý V/2025"], ["Sớm nhất có thể"], ["Năm 1999"], [""]])("%j is unknown, with a reason", (p) => {
    const d = parseDeadline(p);
    expect(d.kind).toBe("unknown");
    if (d.kind === "unknown") expect(d.reason.length).toBeGreaterThan(10);
  });

  it("a month, a quarter and a year mean their last day; leap years count", () => {
    expect(parseDeadline("Tháng 2/2025")).toMatchObject({ dates: [{ date: "2025-02-28", precision: "month" }] });
    expect(parseDeadline("Tháng 2/2024")).toMatchObject({ dates: [{ date: "2024-02-29" }] });
    expect(parseDeadline("Quý II/2025")).toMatchObject({ dates: [{ date: "2025-06-30", precision: "quarter" }] });
    expect(parseDeadline("Năm 2025")).toMatchObject({ dates: [{ date: "2025-12-31", precision: "year" }] });
  });

  it("finalDueDate and describeDeadline", () => {
    expect(finalDueDate(parseDeadline("(1) Tháng 6/2025; (2) Tháng 10/2025"))).toBe("2025-10-31");
    expect(finalDueDate(parseDeadline("Thường xuyên"))).toBeNull();
    expect(describeDeadline(parseDeadline("Tháng 9/2025"))).toBe("hạn 30/09/2025");
    expect(describeDeadline(parseDeadline("Tháng 5/2025 và hàng năm"))).toBe("hàng năm (lần đầu 31/05/2025)");
    expect(describeDeadline(parseDeadline(""))).toBe("không xác định");
  });
});

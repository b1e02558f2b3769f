import { describe, expect, it } from "vitest";
import {
  OVERDUE_STATUS,
  STATUS_WORDINGS,
  TASK_STATUSES,
  daysBetween,
  findTask,
  parseDeadline,
  parseTaskStatus,
  summarizeTasks,
  taskProgress,
  tasks,
  vietnamDate,
} from "../../shared/tasks/index.js";

const d = parseDeadline;

describe("parseTaskStatus: the ladder, tolerant of case, accents and variants", () => {
  it.each([
    ["Chưa triển khai", "Chưa triển khai"],
    ["chua trien khai", "Chưa triển khai"],
    ["CHƯA THỰC HIỆN", "Chưa triển khai"],
    ["Chưa tổ chức triển khai", "Chưa triển khai"],
    ["Đang triển khai", "Đang triển khai"],
    ["  đang   thực hiện ", "Đang triển khai"],
    ["Dang thuc hien", "Đang triển khai"],
    ["Đã tổ chức triển khai", "Đang triển khai"],
    ["Đã tổ chức triển khai và báo cáo định kỳ", "Đang triển khai"],
    ["Đã và đang thực hiện", "Đang triển khai"],
    ["Đã hoàn thành một phần", "Đang triển khai"],
    ["Đã hoàn thành", "Đã hoàn thành"],
    ["Hoàn thành", "Đã hoàn thành"],
    ["hoan thanh.", "Đã hoàn thành"],
    ["Đã hoàn thành Đề án", "Đã hoàn thành"],
    ["ĐÃ HOÀN THÀNH", "Đã hoàn thành"],
    ["Đã hoàn thành".normalize("NFD"), "Đã hoàn thành"], // decomposed accents
    ["Đang triển khai".normalize("NFD"), "Đang triển khai"],
  ])("%j → %s", (raw, want) => {
    const r = parseTaskStatus(raw);
    expect(r.ok && r.status).toBe(want);
  });

  it("“Đã thực hiện” is read as Đang triển khai, with a note", () => {
    const r = parseTaskStatus("Đã thực hiện");
    expect(r).toMatchObject({ ok: true, status: "Đang triển khai", wording: "Đã thực hiện" });
    expect(r.ok && r.note).toMatch(/Đã hoàn thành/);
  });

  it.each([["Chậm tiến độ"], ["Dừng thực hiện"], ["Chưa hoàn thành"], ["Tốt"], [""], ["   "], ["hoàn"]])("%j is refused with a message", (raw) => {
    const r = parseTaskStatus(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  it("every wording of the table parses to its own status; the canonical ones come first", () => {
    for (const w of STATUS_WORDINGS) {
      const r = parseTaskStatus(w.wording);
      expect(r.ok ? r.status : null, w.wording).toBe(w.status);
      expect(r.wording, w.wording).toBe(w.wording);
    }
    for (const s of TASK_STATUSES) expect(STATUS_WORDINGS.find((w) => w.status === s)!.wording).toBe(s);
  });
});

describe("dates in Vietnam", () => {
  it("vietnamDate is UTC+7 and takes the instant as an argument", () => {
    expect(vietnamDate(new Date("2025-06-30T16:59:59Z"))).toBe("2025-06-30");
    expect(vietnamDate(new Date("2025-06-30T17:00:00Z"))).toBe("2025-07-01");
    expect(vietnamDate(Date.UTC(2025, 11, 31, 17))).toBe("2026-01-01");
  });

  it("daysBetween counts calendar days and refuses a bad date", () => {
    expect(daysBetween("2025-09-30", "2025-10-01")).toBe(1);
    expect(daysBetween("2025-12-31", "2026-03-01")).toBe(60);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(() => daysBetween("2025-02-30", "2025-03-01")).toThrow();
    expect(() => taskProgress(d("Tháng 9/2025"), null, "30/09/2025")).toThrow();
  });
});

describe("taskProgress: “Chậm tiến độ” with an injected clock", () => {
  const sep = d("Tháng 9/2025"); // due 30/09/2025

  it("a dated task is late the day after its due date, with the days late", () => {
    expect(taskProgress(sep, "Đang triển khai", "2025-09-30")).toMatchObject({ overdue: false, daysLate: null, display: "Đang triển khai", dueDate: "2025-09-30" });
    expect(taskProgress(sep, "Đang triển khai", "2025-10-01")).toMatchObject({ overdue: true, daysLate: 1, display: OVERDUE_STATUS });
    expect(taskProgress(sep, "Chưa triển khai", "2025-12-31")).toMatchObject({ overdue: true, daysLate: 92, display: OVERDUE_STATUS });
  });

  it("Đã hoàn thành is never late", () => {
    expect(taskProgress(sep, "Đã hoàn thành", "2027-01-01")).toMatchObject({ overdue: false, daysLate: null, display: "Đã hoàn thành" });
  });

  it("nothing reported: shown as Chưa báo cáo, and flagged late (with days) once past the first due date", () => {
    expect(taskProgress(sep, null, "2025-09-01")).toMatchObject({ overdue: false, display: "Chưa báo cáo" });
    // Unknown is not late work: it may be done. It stays "Chưa báo cáo", with the days past the deadline.
    expect(taskProgress(sep, null, "2025-10-10")).toMatchObject({ overdue: true, daysLate: 10, display: "Chưa báo cáo", status: null });
  });

  it("several due dates: not started is late after the first, under way after the last", () => {
    const two = d("(1) Tháng 6/2025; (2) Tháng 10/2025");
    expect(taskProgress(two, "Chưa triển khai", "2025-07-01")).toMatchObject({ overdue: true, daysLate: 1, dueDate: "2025-06-30" });
    expect(taskProgress(two, "Đang triển khai", "2025-07-01")).toMatchObject({ overdue: false, dueDate: "2025-10-31" });
    expect(taskProgress(two, "Đang triển khai", "2025-11-03")).toMatchObject({ overdue: true, daysLate: 3 });
  });

  it("yearly: due by the first date in its year, else by 31/12 of the reporting year", () => {
    const yearly = d("Hàng năm");
    expect(taskProgress(yearly, "Đang triển khai", "2025-12-31")).toMatchObject({ overdue: false, dueDate: "2025-12-31" });
    // reporting on 2025 from January 2026, not done for 2025
    expect(taskProgress(yearly, "Đang triển khai", "2026-01-15", { year: 2025 })).toMatchObject({ overdue: true, daysLate: 15, dueDate: "2025-12-31" });
    expect(taskProgress(yearly, "Đã hoàn thành", "2026-01-15", { year: 2025 })).toMatchObject({ overdue: false });
    const fromMay = d("Tháng 5/2025 và hàng năm");
    expect(taskProgress(fromMay, "Chưa triển khai", "2025-06-01")).toMatchObject({ overdue: true, daysLate: 1, dueDate: "2025-05-31" });
    expect(taskProgress(fromMay, "Chưa triển khai", "2026-06-01")).toMatchObject({ overdue: false, dueDate: "2026-12-31" });
    expect(taskProgress(fromMay, null, "2026-03-01", { year: 2024 })).toMatchObject({ overdue: false, dueDate: null });
  });

  it("ongoing: never late, unless a first date has passed and the task has not started", () => {
    expect(taskProgress(d("Thường xuyên"), "Chưa triển khai", "2030-01-01")).toMatchObject({ overdue: false, dueDate: null });
    const first = d("Tháng 6/2025; thường xuyên");
    expect(taskProgress(first, "Chưa triển khai", "2025-07-05")).toMatchObject({ overdue: true, daysLate: 5 });
    expect(taskProgress(first, "Đang triển khai", "2025-07-05")).toMatchObject({ overdue: false });
  });

  it("done or unknown deadlines are never late", () => {
    expect(taskProgress(d("Đã hoàn thành"), "Chưa triển khai", "2030-01-01")).toMatchObject({ overdue: false, display: "Chưa triển khai" });
    expect(taskProgress(d(""), "Chưa triển khai", "2030-01-01")).toMatchObject({ overdue: false, dueDate: null });
  });

  it("on the real catalog: III.13 (Tháng 12/2025) and IV.51 (Tháng 12/2030) on 15/01/2026", () => {
    const at = "2026-01-15";
    expect(taskProgress(findTask("III.13")!.deadline.value, "Đang triển khai", at)).toMatchObject({ overdue: true, daysLate: 15 });
    expect(taskProgress(findTask("IV.51")!.deadline.value, "Đang triển khai", at)).toMatchObject({ overdue: false });
  });
});

describe("summarizeTasks", () => {
  const entries = [
    { key: "A", deadline: d("Tháng 9/2025"), status: "Đang thực hiện" }, // late 31 days on 31/10
    { key: "B", deadline: d("Tháng 12/2025"), status: "đang triển khai" },
    { key: "C", deadline: d("Tháng 6/2025"), status: "Đã hoàn thành" },
    { key: "D", deadline: d("Tháng 8/2025"), status: "Chưa triển khai" }, // late 61 days
    { key: "E", deadline: d("Thường xuyên"), status: "Đã tổ chức triển khai" },
    { key: "F", deadline: d("Tháng 12/2026"), status: null },
    { key: "G", deadline: d("Tháng 12/2026"), status: "Dừng thực hiện" },
    { key: "H", deadline: d("Tháng 12/2026"), status: "Hoàn thành" },
  ];

  it("counts every task once under its display status, lists the late ones, and words it like the report", () => {
    const s = summarizeTasks(entries, "2025-10-31");
    expect(s.total).toBe(8);
    expect(s.counts).toEqual({ "Chưa triển khai": 0, "Đang triển khai": 2, "Đã hoàn thành": 2, [OVERDUE_STATUS]: 2, "Chưa báo cáo": 1 });
    expect(s.overdue).toEqual([
      { key: "D", daysLate: 61, dueDate: "2025-08-31", status: "Chưa triển khai" },
      { key: "A", daysLate: 31, dueDate: "2025-09-30", status: "Đang triển khai" },
    ]);
    expect(s.invalid).toEqual([{ key: "G", printed: "Dừng thực hiện", message: expect.stringContaining("Ghi chú") }]);
    expect(s.sentence).toBe(
      "Tổng số 8 nhiệm vụ: Đang triển khai 2, Đã hoàn thành 2, Chậm tiến độ 2, Chưa báo cáo 1 (chậm nhất: D, 61 ngày); 1 nhiệm vụ ghi trạng thái không hợp lệ.",
    );
    expect(s.byWording.map((w) => [w.wording, w.count])).toEqual([
      ["Đang thực hiện", 1],
      ["Đang triển khai", 1],
      ["Đã hoàn thành", 1],
      ["Chưa triển khai", 1],
      ["Đã tổ chức triển khai", 1],
      ["Dừng thực hiện", 1],
      ["Hoàn thành", 1],
    ]);
    expect(s.wordingSentence).toBe("Đang thực hiện 1, Đang triển khai 1, Đã hoàn thành 1, Chưa triển khai 1, Đã tổ chức triển khai 1, Dừng thực hiện 1, Hoàn thành 1");
  });

  it("the same tasks a month earlier: nothing late", () => {
    const s = summarizeTasks(entries, "2025-08-31");
    expect(s.counts[OVERDUE_STATUS]).toBe(0);
    expect(s.overdue).toEqual([]);
    expect(s.sentence).toBe("Tổng số 8 nhiệm vụ: Đang triển khai 3, Đã hoàn thành 2, Chưa triển khai 1, Chưa báo cáo 1; 1 nhiệm vụ ghi trạng thái không hợp lệ.");
  });

  it("the whole catalog with nothing reported, on 01/01/2026: all 'Chưa báo cáo'; past deadline = dated/ongoing tasks first due in 2025", () => {
    const s = summarizeTasks(tasks.map((t) => ({ key: t.key, deadline: t.deadline.value, status: null })), "2026-01-01");
    const firstDue = (t: (typeof tasks)[number]) => {
      const v = t.deadline.value;
      if (v.kind === "dated") return [...v.dates].sort((a, b) => a.date.localeCompare(b.date))[0]!.date;
      if (v.kind === "ongoing") return v.first?.date ?? null;
      return null; // yearly tasks: the 2026 cycle is due 31/12/2026; done/unknown: never late
    };
    const late = tasks.filter((t) => {
      const f = firstDue(t);
      return f !== null && f < "2026-01-01";
    });
    expect(s.counts[OVERDUE_STATUS]).toBe(0);
    expect(s.counts["Chưa báo cáo"]).toBe(tasks.length);
    expect(s.unreportedLate).toHaveLength(late.length);
    expect(s.overdue).toHaveLength(0);
    expect(s.total).toBe(234);
    expect(s.unreportedLate[0]).toMatchObject({ key: "IV.9", dueDate: "2025-02-28", daysLate: 307 });
    expect(s.sentence).toContain(`trong số chưa báo cáo có ${late.length} nhiệm vụ đã quá thời hạn`);
  });

  it("an empty list", () => {
    const s = summarizeTasks([], "2025-10-31");
    expect(s.total).toBe(0);
    expect(s.sentence).toBe("Tổng số 0 nhiệm vụ: chưa có.");
  });
});

// The task tables' layouts (shared/report/tasks-layout.ts) in the typed-cell model every writer uses: the merged task
// report (summary rows on top with numeric counts, status tones, appendix/section headings, the overdue block) and the
// commune task list's subtotal and "Tổng cộng" rows (text money left out of the sums).
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import { layoutMerged } from "../../shared/report/layout.js";
import { cellValue, isTyped, type TableRow } from "../../shared/report/table.js";
import type { TaskReport, TaskTable } from "../../shared/schemas/index.js";

const progress = getForm("tiendo-nv")!;
const pl2 = getForm("pl2-xa")!;

const base = { result: "", docNo: "", docDate: "", note: "", byUnit: {}, statusText: "" };
const report: TaskReport = {
  form: "tiendo-nv",
  period: "2026-Q4",
  generatedAt: "2026-12-02T01:00:00Z",
  asOf: "2026-12-02",
  asOfBasis: "today",
  filters: { appendix: null, agency: "Sở Y tế" },
  units: [{ code: "so-y-te", name: "Sở Y tế" }],
  summary: {
    total: 2,
    counts: { "Chưa triển khai": 0, "Đang triển khai": 0, "Đã hoàn thành": 1, "Chậm tiến độ": 1, "Chưa báo cáo": 0 },
    byWording: [{ wording: "Đang thực hiện", count: 1 }, { wording: "Đã hoàn thành", count: 1 }],
    sentence: "Tổng số 2 nhiệm vụ: Đã hoàn thành 1, Chậm tiến độ 1 (chậm nhất: III.57, 63 ngày).",
    wordingSentence: "Đang thực hiện 1, Đã hoàn thành 1",
  },
  overdue: [{ key: "III.57", name: "Dự án y tế số", leads: ["Sở Y tế"], dueDate: "2026-09-30", daysLate: 63, status: "Đang triển khai" }],
  rows: [
    {
      ...base, key: "III.57", appendix: "III", section: { code: "VI", title: "Chuyển đổi số" }, stt: "57", name: "Dự án y tế số", deadline: "Tháng 9/2026",
      dueDate: "2026-09-30", leads: ["Sở Y tế"], status: "Đang triển khai", statusText: "Đang thực hiện", display: "Chậm tiến độ", overdue: true, daysLate: 63,
      reportedBy: [{ code: "so-y-te", name: "Sở Y tế" }],
    },
    {
      ...base, key: "IV.58", appendix: "IV", section: { code: "V", title: "Hợp tác" }, stt: "58", name: "Đề án", deadline: "Tháng 4/2025", dueDate: "2025-04-30",
      leads: ["Sở Y tế"], status: "Đã hoàn thành", display: "Đã hoàn thành", overdue: false, daysLate: null, result: "Quyết định", docNo: "Số 1520/QĐ-UBND",
      docDate: "25/04/2025", reportedBy: [{ code: "so-y-te", name: "Sở Y tế" }],
    },
  ],
};

const values = (r: TableRow) => r.cells.map(cellValue);

describe("the merged task report's layout", () => {
  const t = layoutMerged(progress, report);

  it("titles say the period, the date lateness is counted on and the filter", () => {
    expect(t.title).toContain("Kỳ báo cáo: Quý IV/2026");
    expect(t.title).toContain("Tiến độ và số ngày chậm tính đến ngày 02/12/2026 (hôm nay, kỳ báo cáo chưa đến ngày chốt số liệu)");
    expect(t.title).toContain("Lọc: cơ quan chủ trì: Sở Y tế");
    expect(t.header.map((h) => h.text).slice(0, 5)).toEqual(["TT", "Nội dung thực hiện", "Tiến độ thực hiện", "Số ngày chậm", "Sản phẩm/Kết quả"]);
  });

  it("summary rows first: counts as numbers with the status tones", () => {
    const summary = t.rows.filter((r) => r.kind === "summary");
    expect(t.rows.slice(0, summary.length)).toEqual(summary);
    expect(summary.slice(0, 6).map((r) => values(r).slice(1, 3))).toEqual([
      ["Tổng số nhiệm vụ", 2],
      ["Đã hoàn thành", 1],
      ["Đang triển khai", 0],
      ["Chưa triển khai", 0],
      ["Chậm tiến độ", 1],
      ["Chưa báo cáo", 0],
    ]);
    const late = summary[4]!.cells[2]!;
    expect(isTyped(late) && late.tone).toBe("khong_dat");
    expect(values(summary[7]!)[1]).toBe("Theo cách ghi của các đơn vị: Đang thực hiện 1, Đã hoàn thành 1");
    for (const r of t.rows) if (!r.section) expect(r.cells).toHaveLength(t.widths.length);
  });

  it("tasks under their headings, days late as numbers, evidence in one cell, the overdue block last", () => {
    const body = t.rows.filter((r) => r.kind !== "summary");
    expect(body.map((r) => (r.section ? `# ${cellValue(r.cells[0]!)}` : cellValue(r.cells[0]!)))).toEqual([
      "# PHỤ LỤC III", "# VI. Chuyển đổi số", "III.57", "# PHỤ LỤC IV", "# V. Hợp tác", "IV.58",
      "# NHIỆM VỤ CHẬM TIẾN ĐỘ: 1 nhiệm vụ (tính đến ngày 02/12/2026)", "III.57",
    ]);
    const iii57 = body[2]!;
    expect(iii57.item).toBe("III.57");
    expect(iii57.cells[2]).toEqual({ v: "Chậm tiến độ", tone: "khong_dat" });
    expect(iii57.cells[3]).toEqual({ v: 63, fmt: "0", tone: "khong_dat" });
    const iv58 = body[5]!;
    expect(iv58.cells[2]).toEqual({ v: "Đã hoàn thành", tone: "dat" });
    expect(iv58.cells[3]).toBeNull();
    expect(iv58.cells[5]).toBe("Số 1520/QĐ-UBND ngày 25/04/2025");
    expect(values(body[7]!)).toEqual(["III.57", "Dự án y tế số", "Chậm tiến độ", 63, "", "", "Sở Y tế", "Hạn 30/09/2026", "", "Trạng thái đã báo cáo: Đang triển khai"]);
    expect(body[7]!.item).toBeUndefined();
  });
});

describe("the commune task list's layout", () => {
  it("per commune a subtotal row before its tasks, a grand total; text money stays text and out of the sums", () => {
    const table: TaskTable = {
      form: "pl2-xa",
      period: "2025-N",
      generatedAt: "2025-12-20T01:00:00Z",
      units: [],
      columns: pl2.columns.map((c) => ({ id: c.id, header: c.header })),
      rows: [
        { unit: "a", unitName: "Xã A", item: "t1", cells: { stt: "1", task: "Số hóa", budget: "1.200,5", spent: "1.000" } },
        { unit: "a", unitName: "Xã A", item: "t2", cells: { stt: "2", task: "Wifi", budget: "chưa xác định", spent: "20,5" } },
        { unit: "b", unitName: "Phường B", item: "t1", cells: { stt: "1", task: "Camera", budget: "300" } },
      ],
    };
    const t = layoutMerged(pl2, table);
    const col = (id: string) => 2 + pl2.columns.filter((c) => c.id !== "stt").findIndex((c) => c.id === id);
    const [B, S] = [col("budget"), col("spent")];
    expect(t.rows.map((r) => [cellValue(r.cells[1]!), cellValue(r.cells[2]!), cellValue(r.cells[B]!), cellValue(r.cells[S]!)])).toEqual([
      ["Xã A", "Cộng: 2 nhiệm vụ", 1200.5, 1020.5],
      ["Xã A", "Số hóa", 1200.5, 1000],
      ["Xã A", "Wifi", "chưa xác định", 20.5],
      ["Phường B", "Cộng: 1 nhiệm vụ", 300, 0],
      ["Phường B", "Camera", 300, ""],
      ["Tổng cộng", "3 nhiệm vụ, 2 xã, phường", 1500.5, 1020.5],
    ]);
    const total = t.rows.at(-1)!;
    expect(total.cells[B]).toEqual({ v: 1500.5, fmt: "#,##0.0", bold: true });
    expect(total.item).toBeUndefined();
    expect(t.rows[1]!.item).toBe("t1");
    expect(t.header.map((h) => h.text)).toContain("Kinh phí đã thực hiện (triệu đồng)");
  });
});

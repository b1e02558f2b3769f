/**
 * The layouts of the task tables, as Tables for every writer (the worker's CSV and .xlsx, the add-in's pulled sheets):
 *
 * - the merged task report (tiendo-nv) in the layout of the department's own report (000_40e726fba39188e5.txt,
 *   Phụ lục II: TT | Nội dung thực hiện | Tiến độ thực hiện | Sản phẩm/Kết quả | Cơ quan chủ trì), with the counts by
 *   status on top (summary rows), the tasks under their appendix and section headings, and the overdue tasks with days
 *   late at the bottom;
 * - the merged commune task list (pl2-xa): every commune's tasks after a subtotal row (task count, planned budget,
 *   spend) and a "Tổng cộng" row, as the pane's pull shows it (addin/excel/pull-tasks.ts) but with computed numbers,
 *   since exports never carry formulas.
 */
import type { FormDef } from "../forms/types.js";
import { periodLabel } from "../periods/index.js";
import type { TaskReport, TaskTable } from "../schemas/index.js";
import { formatVnDate, formatVnDateTime } from "../time.js";
import { parseValue } from "../values/parse.js";
import type { CellTone, HeaderCell, Table, TableCell, TableRow } from "./table.js";

const h = (text: string, row: number, col: number, rowSpan = 1, colSpan = 1): HeaderCell => ({ text, row, col, rowSpan, colSpan });
const count = (v: number, extra: { tone?: CellTone; bold?: boolean } = {}): TableCell => ({ v, fmt: "#,##0", ...extra });

// ------------------------------------------------------------------ the merged task report (tiendo-nv)

/** The order the report counts statuses in, and each status's tone. */
export const STATUS_TONES: [TaskReport["rows"][number]["display"], CellTone | undefined][] = [
  ["Đã hoàn thành", "dat"],
  ["Đang triển khai", undefined],
  ["Chưa triển khai", "chua_danh_gia"],
  ["Chậm tiến độ", "khong_dat"],
  ["Chưa báo cáo", "muted"],
];
const toneOf = new Map(STATUS_TONES);

export const PROGRESS_COLUMNS = [
  { header: "TT", width: 8 },
  { header: "Nội dung thực hiện", width: 50 },
  { header: "Tiến độ thực hiện", width: 16 },
  { header: "Số ngày chậm", width: 9 },
  { header: "Sản phẩm/Kết quả", width: 40 },
  { header: "Văn bản minh chứng", width: 24 },
  { header: "Cơ quan chủ trì", width: 26 },
  { header: "Thời hạn theo Kế hoạch", width: 16 },
  { header: "Đơn vị báo cáo", width: 24 },
  { header: "Ghi chú", width: 30 },
] as const;

/** "Số 123/QĐ-UBND ngày 05/03/2026" from the evidence number and date as typed. */
export function evidenceText(docNo: string, docDate: string): string {
  const no = docNo.trim();
  const date = docDate.trim();
  if (no && date) return `${no} ngày ${date}`;
  return no || (date ? `ngày ${date}` : "");
}

function asOfLine(r: TaskReport): string {
  const why = r.asOfBasis === "cutoff" ? "ngày chốt số liệu của kỳ" : "hôm nay, kỳ báo cáo chưa đến ngày chốt số liệu";
  return `Tiến độ và số ngày chậm tính đến ngày ${formatVnDate(r.asOf)} (${why})`;
}

function filterLine(r: TaskReport): string | null {
  const parts: string[] = [];
  if (r.filters.appendix) parts.push(`Phụ lục ${r.filters.appendix}`);
  if (r.filters.agency) parts.push(`cơ quan chủ trì: ${r.filters.agency}`);
  return parts.length ? `Lọc: ${parts.join("; ")}` : null;
}

export function progressLayout(form: FormDef, r: TaskReport): Table {
  const n = PROGRESS_COLUMNS.length;
  const filter = filterLine(r);
  const title = [
    "TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CỦA KẾ HOẠCH SỐ 266-KH/TU",
    ...form.title.slice(1),
    `Kỳ báo cáo: ${periodLabel(r.period)}`,
    asOfLine(r),
    ...(filter ? [filter] : []),
    `(Tổng hợp tự động lúc ${formatVnDateTime(r.generatedAt)})`,
  ];
  const rows: TableRow[] = [];
  const blank = (cells: TableCell[]) => [...cells, ...Array<TableCell>(Math.max(0, n - cells.length)).fill("")];

  // Counts by status, as the report writes them, above the table body.
  rows.push({ kind: "summary", cells: blank(["", "Tổng số nhiệm vụ", count(r.summary.total, { bold: true })]) });
  for (const [status, tone] of STATUS_TONES) {
    rows.push({ kind: "summary", cells: blank(["", status, count(r.summary.counts[status] ?? 0, tone ? { tone } : {})]) });
  }
  rows.push({ kind: "summary", cells: blank(["", r.summary.sentence]) });
  if (r.summary.wordingSentence) rows.push({ kind: "summary", cells: blank(["", `Theo cách ghi của các đơn vị: ${r.summary.wordingSentence}`]) });

  // The tasks, under their appendix and section headings.
  let appendix: string | null = null;
  let section: string | null = null;
  for (const t of r.rows) {
    if (t.appendix !== appendix) {
      appendix = t.appendix;
      section = null;
      rows.push({ kind: "section", section: true, cells: [`PHỤ LỤC ${t.appendix}`] });
    }
    if (t.section && t.section.code !== section) {
      section = t.section.code;
      rows.push({ kind: "section", section: true, cells: [`${t.section.code}. ${t.section.title}`] });
    }
    const tone = toneOf.get(t.display);
    rows.push({
      kind: "data",
      item: t.key,
      cells: [
        t.key,
        t.name,
        { v: t.display, ...(tone ? { tone } : {}) },
        t.daysLate === null ? null : { v: t.daysLate, fmt: "0", tone: t.status === null ? "muted" : "khong_dat" },
        t.result,
        evidenceText(t.docNo, t.docDate),
        t.leads.join("; "),
        t.deadline,
        t.reportedBy.map((u) => u.name).join("; "),
        t.note,
      ],
    });
  }
  if (r.rows.length === 0) rows.push({ kind: "note", section: true, cells: ["Không có nhiệm vụ nào theo điều kiện lọc."] });

  // The tasks past their deadline, most days late first: those reported late, then those nobody reported (which may be
  // done, so they are not called late work, but the Sở KH&CN needs to ask).
  const late = r.overdue.filter((o) => o.status !== null);
  const silent = r.overdue.filter((o) => o.status === null);
  rows.push({
    kind: "section",
    section: true,
    cells: [
      `NHIỆM VỤ CHẬM TIẾN ĐỘ: ${late.length} nhiệm vụ${silent.length ? `; QUÁ THỜI HẠN NHƯNG CHƯA BÁO CÁO: ${silent.length} nhiệm vụ` : ""} (tính đến ngày ${formatVnDate(r.asOf)})`,
    ],
  });
  for (const o of [...late, ...silent]) {
    rows.push({
      kind: "data",
      cells: [
        o.key,
        o.name,
        o.status === null ? { v: "Chưa báo cáo", tone: "muted" } : { v: "Chậm tiến độ", tone: "khong_dat" },
        { v: o.daysLate, fmt: "0", tone: o.status === null ? "muted" : "khong_dat" },
        "",
        "",
        o.leads.join("; "),
        `Hạn ${formatVnDate(o.dueDate)}`,
        "",
        o.status ? `Trạng thái đã báo cáo: ${o.status}` : "Chưa báo cáo",
      ],
    });
  }
  return {
    sheetName: "Tiến độ nhiệm vụ",
    summarySheetName: "Tổng hợp tiến độ",
    title,
    headerRows: 1,
    header: PROGRESS_COLUMNS.map((c, i) => h(c.header, 0, i)),
    widths: PROGRESS_COLUMNS.map((c) => c.width),
    rows,
    freezeCols: 2,
  };
}

// ------------------------------------------------------------------ the commune task list (pl2-xa)

/** A money cell as a number (triệu đồng) when the text is a plain non-percent number; otherwise null. */
export function moneyNumber(raw: string | undefined): number | null {
  if (!raw || !raw.trim()) return null;
  const r = parseValue(raw);
  return r.ok && r.value.kind === "number" && !r.value.percent ? r.value.value : null;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const MONEY = "#,##0.0";

/** Phụ lục 2 (xã): per commune a subtotal row (tasks, planned budget, spend) then its tasks; a "Tổng cộng" row last. */
export function communeTasksLayout(form: FormDef, table: TaskTable): Table {
  const cols = form.columns.filter((c) => c.id !== "stt");
  const widthOf = new Map(form.columns.map((c) => [c.id, c.width]));
  const header = [h("STT", 0, 0), h("Xã, phường", 0, 1), ...cols.map((c, i) => h(c.header, 0, 2 + i))];
  const money = cols.flatMap((c, i) => (c.kind === "money" ? [{ id: c.id, at: 2 + i }] : []));
  const n = 2 + cols.length;
  const groups = new Map<string, TaskTable["rows"]>();
  for (const r of table.rows) {
    let g = groups.get(r.unit);
    if (!g) groups.set(r.unit, (g = []));
    g.push(r);
  }
  const sumRow = (label: string, what: string, sums: Map<string, number>): TableRow => {
    const cells: TableCell[] = Array<TableCell>(n).fill("");
    cells[1] = { v: label, bold: true };
    if (n > 2) cells[2] = { v: what, bold: true };
    for (const m of money) cells[m.at] = { v: round(sums.get(m.id) ?? 0), fmt: MONEY, bold: true };
    return { kind: "data", cells };
  };
  const total = new Map<string, number>();
  const rows: TableRow[] = [];
  for (const [, tasks] of groups) {
    const sums = new Map<string, number>();
    const body: TableRow[] = tasks.map((r) => ({
      kind: "data",
      item: r.item,
      cells: [
        r.cells["stt"] ?? "",
        r.unitName,
        ...cols.map((c): TableCell => {
          const raw = r.cells[c.id] ?? "";
          if (c.kind !== "money") return raw;
          const x = moneyNumber(raw);
          if (x === null) return raw; // "chưa xác định" stays as written and is left out of the sums
          sums.set(c.id, (sums.get(c.id) ?? 0) + x);
          total.set(c.id, (total.get(c.id) ?? 0) + x);
          return { v: x, fmt: MONEY };
        }),
      ],
    }));
    rows.push(sumRow(tasks[0]!.unitName, `Cộng: ${tasks.length} nhiệm vụ`, sums), ...body);
  }
  rows.push(sumRow("Tổng cộng", `${table.rows.length} nhiệm vụ, ${groups.size} xã, phường`, total));
  return {
    sheetName: "Phụ lục 2 - Nhiệm vụ",
    title: [...form.title, `Kỳ báo cáo: ${periodLabel(table.period)}`, `(Tổng hợp tự động lúc ${formatVnDateTime(table.generatedAt)})`],
    headerRows: 1,
    header,
    widths: [6, 24, ...cols.map((c) => widthOf.get(c.id) ?? 20)],
    rows,
    freezeCols: 2,
  };
}

/**
 * The appendix layouts (Phụ lục) of merged data, as Tables for every writer: the worker's CSV and .xlsx and the
 * add-in's pulled sheets. Input is what GET /api/merged returns (the wire shape) plus the form definition.
 */
import type { FormDef } from "../forms/types.js";
import { periodLabel } from "../periods/index.js";
import type { MergedTableExt, TaskReport, TaskTable } from "../schemas/index.js";
import { formatVnDateTime } from "../time.js";
import type { Table, TableRow } from "./table.js";
import { communeTasksLayout, progressLayout } from "./tasks-layout.js";

const h = (text: string, row: number, col: number, rowSpan = 1, colSpan = 1) => ({ text, row, col, rowSpan, colSpan });

function titleLines(form: FormDef, period: string, generatedAt: string): string[] {
  return [...form.title, `Kỳ báo cáo: ${periodLabel(period)}`, `(Tổng hợp tự động lúc ${formatVnDateTime(generatedAt)})`];
}

/** Group headings of an indicator form, keyed by the first item of each group. */
export function groupHeadings(form: FormDef): Map<string, string> {
  const out = new Map<string, string>();
  let pending: string | null = null;
  for (const r of form.rows) {
    if (r.type === "group") pending = `${r.label}. ${r.title}`;
    else if (r.type === "indicator" && pending) {
      out.set(r.item, pending);
      pending = null;
    }
  }
  return out;
}

/** The target as shown: marked when the source documents leave it in doubt. */
const shownTarget = (r: { target: string; targetDoubt?: string | undefined }) => (r.targetDoubt && r.target ? `${r.target} (nghi vấn)` : r.target);

/** Rows under the table that say why each marked target is in doubt. */
function doubtNotes(rows: { stt: string; name: string; targetDoubt?: string | undefined }[]): TableRow[] {
  const doubtful = rows.filter((r) => r.targetDoubt);
  if (doubtful.length === 0) return [];
  return [
    { cells: ["Mục tiêu có nghi vấn (văn bản gốc bị lỗi hoặc không rõ; chờ Sở KH&CN xác nhận):"], section: true, kind: "note" },
    ...doubtful.map((r): TableRow => ({ cells: [`${r.stt}. ${r.name}: ${r.targetDoubt}`], section: true, kind: "note" })),
  ];
}

export function layoutMerged(form: FormDef, table: MergedTableExt | TaskTable | TaskReport): Table {
  if (form.kind === "progress") return progressLayout(form, table as TaskReport);
  if (form.kind === "tasks") return communeTasksLayout(form, table as TaskTable);
  return form.audience === "department" ? provinceLayout(form, table as MergedTableExt) : communeLayout(form, table as MergedTableExt);
}

/** Phụ lục I (tỉnh): one row per indicator with plan target, results, assessment and who reported. */
function provinceLayout(form: FormDef, table: MergedTableExt): Table {
  const groups = groupHeadings(form);
  const year = table.period.slice(0, 4);
  const header = [
    h("STT", 0, 0, 2),
    h("CHỈ TIÊU", 0, 1, 1, 2),
    h("Tên chỉ tiêu", 1, 1),
    h("Đơn vị tính", 1, 2),
    h(`Kế hoạch năm ${year}`, 0, 3, 2),
    h(`KẾT QUẢ ${periodLabel(table.period).toUpperCase()}`, 0, 4, 1, 3),
    h("Thực hiện", 1, 4),
    h("Ước thực hiện / dự kiến", 1, 5),
    h("Đánh giá", 1, 6),
    h("Đơn vị báo cáo", 0, 7, 2),
    h("Ghi chú", 0, 8, 2),
  ];
  const rows: TableRow[] = [];
  for (const r of table.rows) {
    const g = groups.get(r.item);
    if (g) rows.push({ cells: [g], section: true, kind: "section" });
    rows.push({
      item: r.item,
      kind: "data",
      cells: [r.stt, r.name, r.unit, shownTarget(r), r.actual, r.projected, { v: r.assessmentLabel, tone: r.assessment }, r.reportedBy.join("; "), r.note ?? ""],
    });
  }
  rows.push(...doubtNotes(table.rows));
  return {
    sheetName: "Phụ lục I",
    title: titleLines(form, table.period, table.generatedAt),
    headerRows: 2,
    header,
    widths: [6, 55, 12, 18, 16, 16, 14, 30, 36],
    rows,
    freezeCols: 2,
  };
}

/** Phụ lục 1 (xã): indicators × communes, with the province aggregate and how it was computed. */
function communeLayout(form: FormDef, table: MergedTableExt): Table {
  const groups = groupHeadings(form);
  const n = table.units.length;
  const targetYear = form.targetYear ?? Number(table.period.slice(0, 4));
  const header = [
    h("STT", 0, 0, 2),
    h("CHỈ TIÊU", 0, 1, 1, 2),
    h("Tên chỉ tiêu", 1, 1),
    h("Đơn vị tính", 1, 2),
    h(`Mục tiêu ${targetYear}`, 0, 3, 2),
    h("TOÀN TỈNH", 0, 4, 1, 4),
    h("Tổng hợp", 1, 4),
    h("Cách tổng hợp", 1, 5),
    h("Số đơn vị đạt / có số liệu", 1, 6),
    h("Đánh giá", 1, 7),
  ];
  if (n > 0) header.push(h("CÁC XÃ, PHƯỜNG (thực hiện)", 0, 8, 1, n));
  table.units.forEach((u, i) => header.push(h(u.name, 1, 8 + i)));
  const rows: TableRow[] = [];
  for (const r of table.rows) {
    const g = groups.get(r.item);
    if (g) rows.push({ cells: [g], section: true, kind: "section" });
    const agg = r.aggregate;
    rows.push({
      item: r.item,
      kind: "data",
      cells: [
        r.stt,
        r.name,
        r.unit,
        shownTarget(r),
        r.actual,
        agg?.ruleLabel ?? "",
        // Not "k/n": a spreadsheet turns "1/2" into a date.
        agg ? `${agg.reached} đạt / ${agg.reporting} có số liệu` : "",
        { v: r.assessmentLabel, tone: r.assessment },
        ...table.units.map((u) => r.byUnit?.[u.code] ?? ""),
      ],
    });
  }
  rows.push(...doubtNotes(table.rows));
  return {
    sheetName: "Phụ lục 1 - Xã",
    title: titleLines(form, table.period, table.generatedAt),
    headerRows: 2,
    header,
    widths: [6, 45, 10, 14, 14, 20, 14, 14, ...table.units.map(() => 14)],
    rows,
    freezeCols: 3,
  };
}

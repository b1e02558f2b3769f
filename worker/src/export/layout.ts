// The appendix layouts (Phụ lục) of merged data, as Tables for CSV and .xlsx.
import type { Merged, MergedIndicators, MergedTasks } from "../merge.js";
import { periodLabel } from "../domain.js";
import type { HeaderCell, Table } from "./table.js";

const h = (text: string, row: number, col: number, rowSpan = 1, colSpan = 1): HeaderCell => ({ text, row, col, rowSpan, colSpan });

function titleLines(m: Merged, period: string, generatedAt: string): string[] {
  const date = generatedAt.slice(0, 10).split("-").reverse().join("/");
  return [...m.form.title, `Kỳ báo cáo: ${periodLabel(period)}`, `(Tổng hợp tự động ngày ${date})`];
}

/** The target as shown in an export: marked when the source documents leave it in doubt. */
const shownTarget = (r: { target: string; targetDoubt?: string | undefined }) => (r.targetDoubt && r.target ? `${r.target} (nghi vấn)` : r.target);

/** Rows under the table that say why each marked target is in doubt (section rows span the table). */
function doubtNotes(rows: { stt: string; name: string; targetDoubt?: string | undefined }[]): Table["rows"] {
  const doubtful = rows.filter((r) => r.targetDoubt);
  if (doubtful.length === 0) return [];
  return [
    { cells: ["Mục tiêu có nghi vấn (văn bản gốc bị lỗi hoặc không rõ; chờ Sở KH&CN xác nhận):"], section: true },
    ...doubtful.map((r) => ({ cells: [`${r.stt}. ${r.name}: ${r.targetDoubt}`], section: true })),
  ];
}

export function layout(m: Merged): Table {
  if (m.kind === "tasks") return tasksLayout(m);
  return m.form.audience === "department" ? provinceLayout(m) : communeLayout(m);
}

/** Phụ lục I (tỉnh): one row per indicator with plan target, results, assessment and who reported. */
function provinceLayout(m: MergedIndicators): Table {
  const { table } = m;
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
  const rows: Table["rows"] = [];
  for (const r of table.rows) {
    const g = m.groups.get(r.item);
    if (g) rows.push({ cells: [g], section: true });
    rows.push({ cells: [r.stt, r.name, r.unit, shownTarget(r), r.actual, r.projected, r.assessmentLabel, r.reportedBy.join("; "), r.note ?? ""] });
  }
  rows.push(...doubtNotes(table.rows));
  return {
    sheetName: "Phụ lục I",
    title: titleLines(m, table.period, table.generatedAt),
    headerRows: 2,
    header,
    widths: [6, 55, 12, 18, 16, 16, 14, 30, 36],
    rows,
    freezeCols: 2,
  };
}

/** Phụ lục 1 (xã): indicators × communes, with the province aggregate and how it was computed. */
function communeLayout(m: MergedIndicators): Table {
  const { table } = m;
  const n = table.units.length;
  const targetYear = m.form.targetYear ?? Number(table.period.slice(0, 4));
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
  const rows: Table["rows"] = [];
  for (const r of table.rows) {
    const g = m.groups.get(r.item);
    if (g) rows.push({ cells: [g], section: true });
    const agg = r.aggregate;
    rows.push({
      cells: [
        r.stt,
        r.name,
        r.unit,
        shownTarget(r),
        r.actual,
        agg?.ruleLabel ?? "",
        agg ? `${agg.reached}/${agg.reporting}` : "",
        r.assessmentLabel,
        ...table.units.map((u) => r.byUnit?.[u.code] ?? ""),
      ],
    });
  }
  rows.push(...doubtNotes(table.rows));
  return {
    sheetName: "Phụ lục 1 - Xã",
    title: titleLines(m, table.period, table.generatedAt),
    headerRows: 2,
    header,
    widths: [6, 45, 10, 14, 14, 20, 14, 14, ...table.units.map(() => 14)],
    rows,
    freezeCols: 3,
  };
}

/** Phụ lục 2 (xã): every unit's task rows, with the unit column. */
function tasksLayout(m: MergedTasks): Table {
  const { table } = m;
  const cols = m.form.columns.filter((c) => c.id !== "stt");
  const widthOf = new Map(m.form.columns.map((c) => [c.id, c.width]));
  const header = [h("STT", 0, 0), h("Xã, phường", 0, 1), ...cols.map((c, i) => h(c.header, 0, 2 + i))];
  return {
    sheetName: "Phụ lục 2 - Nhiệm vụ",
    title: titleLines(m, table.period, table.generatedAt),
    headerRows: 1,
    header,
    widths: [6, 24, ...cols.map((c) => widthOf.get(c.id) ?? 20)],
    rows: table.rows.map((r) => ({ cells: [r.cells["stt"] ?? "", r.unitName, ...cols.map((c) => r.cells[c.id] ?? "")] })),
    freezeCols: 2,
  };
}

// Writes the merged province table into a new sheet in the appendix layout (with assessment and progress),
// a completeness sheet, and a native chart of actual vs target for chosen indicators. 3 round trips:
//  1. sheet names + meta;  2. create both sheets, fill, chart, load ids;  3. save meta.
import type { FormDef, FormRow } from "../../shared/forms/types.js";
import type { CompletenessRow, MergedTable } from "../../shared/schemas/index.js";
import { periodLabel } from "../../shared/forms/index.js";
import { parseValueOrNull } from "../../shared/values/index.js";
import type { ParsedValue } from "../../shared/values/types.js";
import type { ExcelHost } from "./host.js";
import { FILL, charsToPoints, shortFormName, uniqueSheetName } from "./layout.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex } from "./meta.js";

export interface PullOptions {
  form: FormDef;
  merged: MergedTable;
  completeness?: CompletenessRow[];
  /** Items to chart (actual vs target); empty = no chart. */
  chartItems?: string[];
}

export interface PullResult {
  sheetId: string;
  sheetName: string;
  completenessSheetId: string | null;
  completenessSheetName: string | null;
  chart: boolean;
  rows: number;
}

interface Head {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
}

/** A number for charting: plain numbers and percents as written; comparator bounds; range midpoints. */
export function chartNumber(v: ParsedValue | null): number | null {
  if (!v) return null;
  if (v.kind === "number") return v.value;
  if (v.kind === "range") return (v.min + v.max) / 2;
  if (v.kind === "comparator") return chartNumber(v.bound);
  if (v.kind === "yesno") return v.value ? 1 : 0;
  return null;
}

/** The merged layout (pure, exported for tests): title, 2-row header, rows with group rows I–V. */
export function mergedLayout(form: FormDef, m: MergedTable) {
  const units = form.audience === "commune" ? m.units : [];
  const header: Head[] = [
    { text: "STT", row: 0, col: 0, rowSpan: 2 },
    { text: "CHỈ TIÊU", row: 0, col: 1, colSpan: 2 },
    { text: "Nội dung chỉ tiêu", row: 1, col: 1 },
    { text: "Đơn vị tính", row: 1, col: 2 },
    { text: "Mục tiêu", row: 0, col: 3, rowSpan: 2 },
    { text: `KẾT QUẢ ${periodLabel(m.period).toUpperCase()}`, row: 0, col: 4, colSpan: 4 },
    { text: "Thực hiện", row: 1, col: 4 },
    { text: "Ước thực hiện cả năm", row: 1, col: 5 },
    { text: "Đánh giá", row: 1, col: 6 },
    { text: "Tiến độ", row: 1, col: 7 },
    { text: "Đơn vị báo cáo", row: 0, col: 8, rowSpan: 2 },
  ];
  if (units.length) {
    header.push({ text: "CÁC XÃ, PHƯỜNG (thực hiện)", row: 0, col: 9, colSpan: units.length });
    units.forEach((u, i) => header.push({ text: u.name, row: 1, col: 9 + i }));
  }
  const ncols = 9 + units.length;
  const widths = [6, 50, 12, 14, 14, 14, 12, 10, 28, ...units.map(() => 14)];
  const groupOf = new Map<string, Extract<FormRow, { type: "group" }>>();
  let g: Extract<FormRow, { type: "group" }> | null = null;
  for (const r of form.rows) {
    if (r.type === "group") g = r;
    else if (r.type === "indicator" && g) {
      groupOf.set(r.item, g);
      g = null;
    }
  }
  const rows: { cells: (string | number)[]; group: boolean; assessment?: string; item?: string }[] = [];
  for (const r of m.rows) {
    const grp = groupOf.get(r.item);
    if (grp) rows.push({ cells: [grp.label, grp.title, ...Array(ncols - 2).fill("")], group: true });
    rows.push({
      item: r.item,
      group: false,
      assessment: r.assessment,
      cells: [
        r.stt,
        r.name,
        r.unit,
        // Marked like the .xlsx export; the reasons are in the export's notes and in CT.TARGETTEXT.
        r.targetDoubt && r.target ? `${r.target} (nghi vấn)` : r.target,
        r.actual,
        r.projected,
        r.assessmentLabel,
        r.progress === null ? "" : r.progress,
        r.reportedBy.join("; "),
        ...units.map((u) => r.byUnit?.[u.code] ?? ""),
      ],
    });
  }
  const title = [
    `TỔNG HỢP ${(form.title[0] ?? shortFormName(form)).toUpperCase()}`,
    `Kỳ báo cáo: ${periodLabel(m.period)}`,
    `(Tổng hợp tự động lúc ${m.generatedAt.replace("T", " ").slice(0, 16)})`,
  ];
  return { title, header, headerRows: 2, ncols, widths, rows };
}

export async function pullMerged(host: ExcelHost, opts: PullOptions): Promise<PullResult> {
  const { form, merged } = opts;
  const L = mergedLayout(form, merged);
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const metaSetting = queueMetaLoad(context);
    await context.sync(); // 1

    const taken = sheets.items.map((s) => s.name);
    const name = uniqueSheetName(`TH ${shortFormName(form)} ${merged.period}`, taken);
    const sheet = sheets.add(name);
    sheet.showGridlines = false;
    const headerStart = L.title.length + 1;
    const dataStart = headerStart + L.headerRows;
    const n = L.rows.length;

    L.title.forEach((line, i) => {
      const r = sheet.getRangeByIndexes(i, 0, 1, L.ncols);
      r.merge(false);
      r.values = [[line, ...Array(L.ncols - 1).fill("")]];
      r.format.horizontalAlignment = "Center";
      r.format.font.bold = i === 0;
    });
    const grid: string[][] = [Array(L.ncols).fill(""), Array(L.ncols).fill("")];
    for (const h of L.header) grid[h.row]![h.col] = h.text;
    const head = sheet.getRangeByIndexes(headerStart, 0, 2, L.ncols);
    head.values = grid;
    head.format.font.bold = true;
    head.format.wrapText = true;
    head.format.horizontalAlignment = "Center";
    head.format.verticalAlignment = "Center";
    head.format.fill.color = FILL.header;
    for (const h of L.header)
      if ((h.rowSpan ?? 1) > 1 || (h.colSpan ?? 1) > 1)
        sheet.getRangeByIndexes(headerStart + h.row, h.col, h.rowSpan ?? 1, h.colSpan ?? 1).merge(false);

    if (n > 0) {
      const body = sheet.getRangeByIndexes(dataStart, 0, n, L.ncols);
      body.numberFormat = L.rows.map(() => Array.from({ length: L.ncols }, (_, c) => (c === 7 ? "0%" : "@")));
      body.values = L.rows.map((r) => r.cells);
      body.format.wrapText = true;
      body.format.verticalAlignment = "Center";
      L.rows.forEach((r, i) => {
        if (r.group) {
          const g = sheet.getRangeByIndexes(dataStart + i, 0, 1, L.ncols);
          g.format.font.bold = true;
          g.format.fill.color = FILL.group;
        } else if (r.assessment && r.assessment in FILL) {
          sheet.getRangeByIndexes(dataStart + i, 6, 1, 1).format.fill.color = FILL[r.assessment as keyof typeof FILL];
        }
      });
    }
    L.widths.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, dataStart, 3));

    // Chart: a small numeric block under the table (target, actual), then a clustered column chart on it.
    let chart = false;
    const chosen = (opts.chartItems ?? [])
      .map((item) => merged.rows.find((r) => r.item === item))
      .filter((r): r is NonNullable<typeof r> => !!r);
    if (chosen.length) {
      const top = dataStart + n + 2;
      const block = sheet.getRangeByIndexes(top, 1, chosen.length + 1, 3);
      block.values = [
        ["Chỉ tiêu", "Mục tiêu", "Thực hiện"],
        ...chosen.map((r) => [
          r.stt ? `${r.stt}. ${r.name.slice(0, 40)}` : r.name.slice(0, 40),
          chartNumber(parseValueOrNull(r.target)) ?? "",
          chartNumber(parseValueOrNull(r.actual)) ?? "",
        ]),
      ];
      const c = sheet.charts.add("ColumnClustered", block, "Columns");
      c.title.text = "Thực hiện so với mục tiêu";
      c.legend.position = "Bottom";
      c.setPosition(sheet.getRangeByIndexes(top, 5, 1, 1), sheet.getRangeByIndexes(top + 16, 10, 1, 1));
      chart = true;
    }

    const done = await finishPull(context, { sheets, sheet, taken: [...taken, name], form, period: merged.period, completeness: opts.completeness, metaSetting, dataStart }); // syncs 2, 3
    return { ...done, chart, rows: n };
  });
}

/**
 * The common end of both pulls: the completeness sheet (who has submitted), activating the new sheet, and its entries
 * in the sheet index, in two syncs (2 and 3 of the pull).
 */
export async function finishPull(
  context: Excel.RequestContext,
  p: {
    sheets: Excel.WorksheetCollection;
    sheet: Excel.Worksheet;
    taken: string[];
    form: FormDef;
    period: string;
    completeness: CompletenessRow[] | null | undefined;
    metaSetting: ReturnType<typeof queueMetaLoad>;
    dataStart: number;
  },
): Promise<{ sheetId: string; sheetName: string; completenessSheetId: string | null; completenessSheetName: string | null }> {
  const comp = p.completeness ? queueCompletenessSheet(p.sheets, p.taken, p.form, p.period, p.completeness) : null;
  p.sheet.activate();
  p.sheet.load("id,name");
  noteOwnWrite();
  await context.sync();

  const index = readMetaIndex(p.metaSetting);
  const base = { form: p.form.id, period: p.period, baseRevision: null, fields: [], dataStart: p.dataStart, idCol: null, protected: false, marks: [] };
  index[p.sheet.id] = { ...base, kind: "merged" };
  if (comp) index[comp.id] = { ...base, kind: "completeness", dataStart: 4 };
  queueMetaSave(context, index);
  await context.sync();
  return {
    sheetId: p.sheet.id,
    sheetName: p.sheet.name,
    completenessSheetId: comp ? comp.id : null,
    completenessSheetName: comp ? comp.name : null,
  };
}

/** Queues a completeness sheet (who has submitted) and loads its id and name. Shared by both pulls. */
export function queueCompletenessSheet(
  sheets: Excel.WorksheetCollection,
  taken: string[],
  form: FormDef,
  period: string,
  rows: CompletenessRow[],
): Excel.Worksheet {
  const comp = sheets.add(uniqueSheetName(`Tiến độ nộp ${period}`, taken));
  const done = rows.filter((r) => r.submitted).length;
  const t = comp.getRangeByIndexes(0, 0, 2, 1);
  t.values = [[`TÌNH HÌNH NỘP BÁO CÁO ${shortFormName(form).toUpperCase()} – ${periodLabel(period)}`], [`Đã nộp ${done}/${rows.length} đơn vị`]];
  t.format.font.bold = true;
  const table = comp.getRangeByIndexes(3, 0, rows.length + 1, 5);
  table.numberFormat = [["@", "@", "@", "@", "@"], ...rows.map(() => ["@", "@", "@", "@", "@"])];
  table.values = [
    ["Mã", "Đơn vị", "Đã nộp", "Lần nộp", "Thời điểm"],
    ...rows.map((r) => [r.unit, r.name, r.submitted ? "Đã nộp" : "Chưa nộp", r.revision === null ? "" : String(r.revision), r.at ?? ""]),
  ];
  comp.getRangeByIndexes(3, 0, 1, 5).format.font.bold = true;
  comp.getRangeByIndexes(3, 0, 1, 5).format.fill.color = FILL.header;
  rows.forEach((r, i) => {
    if (!r.submitted) comp.getRangeByIndexes(4 + i, 2, 1, 1).format.fill.color = FILL.error;
  });
  [14, 40, 12, 10, 22].forEach((w, i) => (comp.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
  comp.load("id,name");
  return comp;
}

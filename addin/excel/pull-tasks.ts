// Writes the merged commune task list (Phụ lục 2, GET /api/merged?form=pl2-xa) into a new sheet in the appendix
// layout: title lines of the form, one header row with an extra first column "Đơn vị", a bold row per commune
// (task count + subtotals of the money columns: planned budget, spend) followed by its tasks, and a "Tổng cộng" row at
// the bottom. Money is numbers in the money format of open-form; subtotals and the total are SUBTOTAL(9, …) formulas,
// so the total ignores the commune subtotals and stays right if the sheet is edited. Plus the progress sheet; a later
// pull of the same form and period rewrites both in place. 2 round trips, as pullMerged: 1. sheet names + indexes;
// 2. write everything.
import type { FormDef } from "../../shared/forms/types.js";
import type { TaskTable } from "../../shared/schemas/index.js";
import { periodLabel, targetYearOf } from "../../shared/periods/index.js";
import { formTitleLines } from "../../shared/forms/target.js";
import { formatVnDateTime } from "../../shared/time.js";
import { parseValueOrNull } from "../../shared/values/index.js";
import { cellAddress } from "./a1.js";
import type { ExcelHost } from "./host.js";
import { FILL, charsToPoints, numberFormatFor, shortFormName } from "./layout.js";
import { finishPull, planPull, progressLayout, type Progress, type PullResult } from "./pull.js";
import { queuePlacementLoad } from "./pulled-sheets.js";

export interface PullTasksOptions {
  form: FormDef;
  table: TaskTable;
  completeness?: Progress | null;
  /** The period as people read it (the server's label); default periodLabel(id). */
  periodLabel?: string;
}

export interface PullTasksResult extends PullResult {
  /** Number of communes with at least one task. */
  units: number;
  /** Sum of the budgets that are numbers (triệu đồng), as the "Tổng cộng" formula computes it. */
  budgetTotal: number;
  /** Per money column (column id → sum of the cells that are numbers): the planned budget and the spend. */
  moneyTotals: Record<string, number>;
  /** Budgets kept as text because they are not a number (the total leaves them out). */
  budgetText: number;
}

type Cell = string | number;
export interface TaskLayoutRow {
  kind: "unit" | "task" | "total";
  cells: Cell[];
  /** Per-cell number format. */
  formats: string[];
  unit?: string;
  item?: string;
}

/** A budget as a number (triệu đồng) when the raw text is a plain non-percent number; otherwise null. */
export function budgetNumber(raw: string | undefined): number | null {
  if (!raw || !raw.trim()) return null;
  const v = parseValueOrNull(raw);
  return v && v.kind === "number" && !v.percent ? v.value : null;
}

/** The task-list layout (pure, exported for tests). Row indexes in formulas are 0-based sheet rows. */
export function taskLayout(form: FormDef, t: TaskTable, dataStart: number, label?: string) {
  const cols = form.columns;
  const ncols = cols.length + 1;
  const budgetCol = cols.findIndex((c) => c.kind === "money");
  const sheetBudgetCol = budgetCol < 0 ? -1 : budgetCol + 1;
  // Every money column (budget, spend) gets its subtotals; the sheet column is one right of the form column.
  const moneyCols = cols.flatMap((c, i) => (c.kind === "money" ? [{ id: c.id, at: i + 1 }] : []));
  const header = ["Đơn vị", ...cols.map((c) => t.columns.find((x) => x.id === c.id)?.header ?? c.header)];
  const widths = [24, ...cols.map((c) => c.width)];
  const taskFormats = ["@", ...cols.map((c) => (c.kind === "money" ? numberFormatFor(c) : "@"))];
  const moneyFormat = budgetCol < 0 ? "@" : numberFormatFor(cols[budgetCol]!);
  const groupFormats = Array.from({ length: ncols }, (_, i) => (moneyCols.some((m) => m.at === i) ? moneyFormat : "@"));
  const nameOf = new Map(t.units.map((u) => [u.code, u.name]));

  // Group rows by commune, in the server's order (units, then STT).
  const groups = new Map<string, TaskTable["rows"]>();
  for (const r of t.rows) {
    let g = groups.get(r.unit);
    if (!g) groups.set(r.unit, (g = []));
    g.push(r);
  }
  const rows: TaskLayoutRow[] = [];
  let budgetText = 0;
  const totals: Record<string, number> = Object.fromEntries(moneyCols.map((m) => [m.id, 0]));
  for (const [unit, tasks] of groups) {
    const unitName = tasks[0]?.unitName || nameOf.get(unit) || unit;
    const at = dataStart + rows.length;
    const cells: Cell[] = Array(ncols).fill("");
    cells[0] = unitName;
    if (cols.length > 1) cells[2] = `${tasks.length} nhiệm vụ`;
    for (const m of moneyCols) cells[m.at] = `=SUBTOTAL(9,${cellAddress(at + 1, m.at)}:${cellAddress(at + tasks.length, m.at)})`;
    rows.push({ kind: "unit", cells, formats: groupFormats, unit });
    for (const r of tasks) {
      const formats = [...taskFormats];
      const row: Cell[] = [unitName];
      cols.forEach((c, i) => {
        const raw = r.cells[c.id] ?? "";
        if (c.kind === "money") {
          const n = budgetNumber(raw);
          if (n !== null) {
            row.push(n);
            totals[c.id] = (totals[c.id] ?? 0) + n;
            return;
          }
          if (raw.trim() && i === budgetCol) budgetText++;
          formats[i + 1] = "@";
        }
        row.push(raw);
      });
      rows.push({ kind: "task", cells: row, formats, unit, item: r.item });
    }
  }
  const totalCells: Cell[] = Array(ncols).fill("");
  totalCells[0] = "Tổng cộng";
  if (cols.length > 1) totalCells[2] = `${t.rows.length} nhiệm vụ`;
  for (const m of moneyCols)
    totalCells[m.at] = rows.length ? `=SUBTOTAL(9,${cellAddress(dataStart, m.at)}:${cellAddress(dataStart + rows.length - 1, m.at)})` : 0;
  rows.push({ kind: "total", cells: totalCells, formats: groupFormats });

  const formTitle = formTitleLines(form, targetYearOf(t.period));
  const title = [
    `TỔNG HỢP ${(formTitle[0] ?? shortFormName(form)).toUpperCase()}`,
    ...formTitle.slice(1),
    `Kỳ báo cáo: ${label ?? periodLabel(t.period)}`,
    `(Tổng hợp tự động lúc ${formatVnDateTime(t.generatedAt)}, giờ Việt Nam; ${groups.size} xã, phường có nhiệm vụ)`,
  ];
  const moneyTotals = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, round(v)]));
  const budgetTotal = budgetCol < 0 ? 0 : (moneyTotals[cols[budgetCol]!.id] ?? 0);
  return { title, header, ncols, widths, rows, budgetCol: sheetBudgetCol, units: groups.size, budgetTotal, moneyTotals, budgetText };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export async function pullTasks(host: ExcelHost, opts: PullTasksOptions): Promise<PullTasksResult> {
  const { form, table } = opts;
  const progress = opts.completeness ? progressLayout(form, table.period, opts.completeness, table.generatedAt, opts.periodLabel) : null;
  return host.run(async (context) => {
    const load = queuePlacementLoad(context);
    await context.sync(); // 1

    // Title lines, a blank row, the header row, then data.
    const titleCount = form.title.length + 2;
    const headerStart = titleCount + 1;
    const dataStart = headerStart + 1;
    const L = taskLayout(form, table, dataStart, opts.periodLabel);
    const placed = planPull(context, load, form, table.period, !!progress);
    const sheet = placed.placements[0]!.sheet;
    sheet.showGridlines = false;

    L.title.forEach((line, i) => {
      const r = sheet.getRangeByIndexes(i, 0, 1, L.ncols);
      r.merge(false);
      r.values = [[line, ...Array(L.ncols - 1).fill("")]];
      r.format.horizontalAlignment = "Center";
      r.format.font.bold = i < 2;
      if (i === 0) r.format.font.size = 13;
      if (i >= form.title.length) r.format.font.italic = true;
    });
    const head = sheet.getRangeByIndexes(headerStart, 0, 1, L.ncols);
    head.numberFormat = [L.header.map(() => "@")];
    head.values = [L.header];
    head.format.font.bold = true;
    head.format.wrapText = true;
    head.format.horizontalAlignment = "Center";
    head.format.verticalAlignment = "Center";
    head.format.fill.color = FILL.header;

    // Data: formats first (text "@" keeps what communes typed, even a leading "="), then values in one write.
    const n = L.rows.length;
    const body = sheet.getRangeByIndexes(dataStart, 0, n, L.ncols);
    body.numberFormat = L.rows.map((r) => r.formats);
    body.values = L.rows.map((r) => r.cells); // "=SUBTOTAL(…)" in number-formatted cells becomes a formula
    body.format.wrapText = true;
    body.format.verticalAlignment = "Center";
    sheet.getRangeByIndexes(dataStart, 1, n, 1).format.horizontalAlignment = "Center";
    L.rows.forEach((r, i) => {
      if (r.kind === "task") return;
      const g = sheet.getRangeByIndexes(dataStart + i, 0, 1, L.ncols);
      g.format.font.bold = true;
      g.format.fill.color = r.kind === "unit" ? FILL.group : FILL.header;
    });
    L.widths.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, dataStart, 1));

    const done = finishPull(context, placed, progress);
    await context.sync(); // 2
    return {
      sheetId: done.table.id,
      sheetName: done.table.name,
      completenessSheetId: done.progress?.id ?? null,
      completenessSheetName: done.progress?.name ?? null,
      replaced: placed.placements[0]!.replaces,
      chart: false,
      chartMissing: [],
      rows: table.rows.length,
      units: L.units,
      budgetTotal: L.budgetTotal,
      moneyTotals: L.moneyTotals,
      budgetText: L.budgetText,
    };
  });
}

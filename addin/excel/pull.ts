// Writes the merged province table of a form and period in the shared appendix layout (shared/report/layout.ts, the
// same Table the worker's .xlsx export writes), the submission progress sheet, and a native chart of actual vs target
// for chosen indicators. A later pull of the same form and period rewrites both sheets in place (pulled-sheets.ts).
// 2 round trips whatever the size: 1. sheet names/positions + indexes;  2. write everything, load the new ids.
import type { FormDef } from "../../shared/forms/types.js";
import type { CompletenessRow, MergedTableExt, TaskReport } from "../../shared/schemas/index.js";
import { periodLabel } from "../../shared/periods/index.js";
import { layoutMerged } from "../../shared/report/layout.js";
import type { Table, TableRow } from "../../shared/report/table.js";
import { formatVnDate, formatVnDateTime } from "../../shared/time.js";
import { parseValueOrNull } from "../../shared/values/index.js";
import type { ParsedValue } from "../../shared/values/types.js";
import type { ExcelHost } from "./host.js";
import { mergedSheetName, progressSheetName, shortFormName } from "./layout.js";
import { noteOwnWrite } from "./meta.js";
import { placeSheets, queuePlacementLoad, type Placement, type PlacementLoad } from "./pulled-sheets.js";
import { queueTable } from "./render-table.js";

/** What GET /api/completeness returns (the rows plus the period's dates). */
export interface Progress {
  rows: CompletenessRow[];
  dueDate?: string | null | undefined;
  expected?: number;
  submitted?: number;
}

export interface PullOptions {
  form: FormDef;
  /** An indicator table, or the task report (tiendo-nv), which has no chart. */
  merged: MergedTableExt | TaskReport;
  completeness?: Progress | null;
  /** The period as people read it (the server's label, e.g. an ad-hoc report's title); default periodLabel(id). */
  periodLabel?: string;
  /** Items to chart (actual vs target); empty = no chart. */
  chartItems?: string[];
}

export interface PullResult {
  sheetId: string;
  sheetName: string;
  completenessSheetId: string | null;
  completenessSheetName: string | null;
  /** True when an earlier pull's sheet was rewritten (not a new one added). */
  replaced: boolean;
  chart: boolean;
  /** Chart items the table has no row for. */
  chartMissing: string[];
  rows: number;
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

const h = (text: string, col: number) => ({ text, row: 0, col, rowSpan: 1, colSpan: 1 });

/** Every expected unit with its state, in Vietnam time (pure, exported for tests). */
export function progressLayout(form: FormDef, period: string, p: Progress, at: string, label = periodLabel(period)): Table {
  const done = p.rows.filter((r) => r.submitted).length;
  const due = p.dueDate ?? p.rows.find((r) => r.dueDate)?.dueDate ?? null;
  const deadline = (r: CompletenessRow): string => {
    if (r.submitted) return r.lateBy ? `Nộp muộn ${r.lateBy} ngày` : r.lateBy === 0 ? "Đúng hạn" : "";
    if (r.daysLeft === null || r.daysLeft === undefined) return "";
    return r.daysLeft >= 0 ? `Còn ${r.daysLeft} ngày` : `Quá hạn ${-r.daysLeft} ngày`;
  };
  const rows: TableRow[] = p.rows.map((r, i) => ({
    kind: "data",
    cells: [
      { v: i + 1, fmt: "0" },
      r.name,
      { v: r.submitted ? "Đã nộp" : "Chưa nộp", tone: r.submitted ? "dat" : "khong_dat" },
      r.revision === null ? null : { v: r.revision, fmt: "0" },
      formatVnDateTime(r.at),
      deadline(r),
    ],
  }));
  return {
    sheetName: progressSheetName(form, period),
    title: [
      `TÌNH HÌNH NỘP BÁO CÁO ${shortFormName(form).toUpperCase()}`,
      `Kỳ báo cáo: ${label}`,
      `Đã nộp ${done}/${p.rows.length} đơn vị${due ? `; hạn nộp ${formatVnDate(due)}` : ""}`,
      `(Cập nhật lúc ${formatVnDateTime(at)}, giờ Việt Nam)`,
    ],
    headerRows: 1,
    header: [h("STT", 0), h("Đơn vị", 1), h("Tình trạng", 2), h("Lần nộp", 3), h("Thời điểm nộp", 4), h("Hạn nộp", 5)],
    widths: [6, 42, 12, 9, 18, 18],
    rows,
    freezeCols: 2,
  };
}

/**
 * The end both pulls share, queued before sync 2: the progress sheet (when given), activating the table, the sheets'
 * final names and the registry. Returns the loaded sheets to read after the sync.
 */
export function finishPull(
  context: Excel.RequestContext,
  placed: { placements: Placement[]; commit: () => void },
  progress: Table | null,
): { table: Excel.Worksheet; progress: Excel.Worksheet | null } {
  const [main, comp] = placed.placements;
  if (comp && progress) queueTable(comp.sheet, progress, { titleBold: 1 });
  placed.commit();
  main!.sheet.activate();
  main!.sheet.load("id,name");
  comp?.sheet.load("id,name");
  noteOwnWrite();
  return { table: main!.sheet, progress: comp?.sheet ?? null };
}

/** Plans the sheets of a pull (after sync 1): the table, and the progress sheet when there is one. */
export function planPull(context: Excel.RequestContext, load: PlacementLoad, form: FormDef, period: string, withProgress: boolean) {
  return placeSheets(context, load, [
    { kind: "merged", form: form.id, period, name: mergedSheetName(form, period) },
    ...(withProgress ? [{ kind: "completeness" as const, form: form.id, period, name: progressSheetName(form, period) }] : []),
  ]);
}

export async function pullMerged(host: ExcelHost, opts: PullOptions): Promise<PullResult> {
  const { form, merged } = opts;
  const table = layoutMerged(form, merged);
  const progress = opts.completeness ? progressLayout(form, merged.period, opts.completeness, merged.generatedAt, opts.periodLabel) : null;
  return host.run(async (context) => {
    const load = queuePlacementLoad(context);
    await context.sync(); // 1

    const placed = planPull(context, load, form, merged.period, !!progress);
    const sheet = placed.placements[0]!.sheet;
    const R = queueTable(sheet, table, { titleBold: 2 });

    // Chart: a small numeric block under the table (target, actual), then a clustered column chart on it.
    const indicatorRows = form.kind === "indicators" ? (merged as MergedTableExt).rows : [];
    const wanted = form.kind === "indicators" ? (opts.chartItems ?? []) : [];
    const chosen = wanted.map((item) => indicatorRows.find((r) => r.item === item)).filter((r): r is NonNullable<typeof r> => !!r);
    const chartMissing = wanted.filter((item) => !indicatorRows.some((r) => r.item === item));
    if (chosen.length) {
      const top = R.dataStart + R.rows + 2;
      const block = sheet.getRangeByIndexes(top, 1, chosen.length + 1, 3);
      block.numberFormat = [["@", "@", "@"], ...chosen.map(() => ["@", "General", "General"])];
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
    }

    const done = finishPull(context, placed, progress);
    await context.sync(); // 2
    return {
      sheetId: done.table.id,
      sheetName: done.table.name,
      completenessSheetId: done.progress?.id ?? null,
      completenessSheetName: done.progress?.name ?? null,
      replaced: placed.placements[0]!.replaces,
      chart: chosen.length > 0,
      chartMissing,
      rows: merged.rows.length,
    };
  });
}

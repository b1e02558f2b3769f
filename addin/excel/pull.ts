// Writes the merged province table of a form and period in the shared appendix layout (shared/report/layout.ts, the
// same Table the worker's .xlsx export writes), the submission progress sheet (every expected unit, as an Excel table
// with filter buttons and counts), for administrators the reminder list ("danh sách cần nhắc": the units still to
// submit, with their contacts), and a native chart of actual vs target for chosen indicators. A later pull of the same
// form and period rewrites its sheets in place (pulled-sheets.ts); `pullProgress` writes only the progress sheets.
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
import { periodShortLabel } from "../../shared/periods/index.js";
import { noteOwnWrite } from "./meta.js";
import { placeSheets, queuePlacementLoad, type Placement, type PlacementLoad } from "./pulled-sheets.js";
import { queueTable, type RenderedTable } from "./render-table.js";

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
  /** Also write the reminder list (administrators: the rows carry contacts). */
  reminders?: boolean;
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
  /** The reminder list, when written. */
  remindersSheetName?: string | null;
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

/** The state of a unit as people read it, and its tone. */
export function unitState(r: CompletenessRow): { text: string; tone: "vuot" | "dat" | "du_kien_khong_dat" | "khong_dat" } {
  if (!r.submitted) return { text: "Chưa nộp", tone: "khong_dat" };
  if (r.status === "accepted") return { text: "Đã duyệt", tone: "vuot" };
  if (r.status === "returned") return { text: "Trả lại", tone: "du_kien_khong_dat" };
  return { text: "Đã nộp", tone: "dat" };
}

/** Days past the due date: of a late submission, or of a unit that has not submitted yet; null when not late. */
export function daysLate(r: CompletenessRow): number | null {
  if (r.submitted) return r.lateBy ? r.lateBy : null;
  return r.daysLeft !== null && r.daysLeft !== undefined && r.daysLeft < 0 ? -r.daysLeft : null;
}

function deadlineText(r: CompletenessRow): string {
  if (r.submitted) return r.lateBy ? `Nộp muộn ${r.lateBy} ngày` : r.lateBy === 0 ? "Đúng hạn" : "";
  if (r.daysLeft === null || r.daysLeft === undefined) return "";
  return r.daysLeft >= 0 ? `Còn ${r.daysLeft} ngày` : `Quá hạn ${-r.daysLeft} ngày`;
}

const dueOf = (p: Progress) => p.dueDate ?? p.rows.find((r) => r.dueDate)?.dueDate ?? null;

/** The counts the progress sheet states under its title. */
export function progressCounts(p: Progress) {
  const rows = p.rows;
  return {
    units: rows.length,
    submitted: rows.filter((r) => r.submitted).length,
    missing: rows.filter((r) => !r.submitted).length,
    overdue: rows.filter((r) => !r.submitted && (r.daysLeft ?? 0) < 0).length,
    accepted: rows.filter((r) => r.submitted && r.status === "accepted").length,
    returned: rows.filter((r) => r.submitted && r.status === "returned").length,
    late: rows.filter((r) => r.submitted && (r.lateBy ?? 0) > 0).length,
  };
}

/**
 * Every expected unit with its state (Đã nộp / Đã duyệt / Trả lại / Chưa nộp), due date and days late, in Vietnam time,
 * no unit codes (pure, exported for tests). No truncation: 200 units are 200 rows.
 */
export function progressLayout(form: FormDef, period: string, p: Progress, at: string, label = periodLabel(period)): Table {
  const due = dueOf(p);
  const c = progressCounts(p);
  const rows: TableRow[] = p.rows.map((r, i) => {
    const state = unitState(r);
    const late = daysLate(r);
    const rowDue = r.dueDate ?? due;
    return {
      kind: "data",
      cells: [
        { v: i + 1, fmt: "0" },
        r.name,
        { v: state.text, tone: state.tone },
        r.revision === null ? null : { v: r.revision, fmt: "0" },
        formatVnDateTime(r.at),
        rowDue ? formatVnDate(rowDue) : "",
        late === null ? null : { v: late, fmt: "0", tone: "khong_dat" },
        deadlineText(r),
      ],
    };
  });
  return {
    sheetName: progressSheetName(form, period),
    title: [
      `TÌNH HÌNH NỘP BÁO CÁO ${shortFormName(form).toUpperCase()}`,
      `Kỳ báo cáo: ${label}`,
      `Đã nộp ${c.submitted}/${c.units} đơn vị${due ? `; hạn nộp ${formatVnDate(due)}` : ""}`,
      `Chưa nộp ${c.missing} (quá hạn ${c.overdue}); đã duyệt ${c.accepted}; trả lại ${c.returned}; nộp muộn ${c.late}`,
      `(Cập nhật lúc ${formatVnDateTime(at)}, giờ Việt Nam; lọc theo từng cột bằng nút ▾ ở dòng tiêu đề)`,
    ],
    headerRows: 1,
    header: [
      h("STT", 0),
      h("Đơn vị", 1),
      h("Tình trạng", 2),
      h("Lần nộp", 3),
      h("Thời điểm nộp", 4),
      h("Hạn nộp", 5),
      h("Số ngày trễ hạn", 6),
      h("Ghi chú", 7),
    ],
    widths: [6, 42, 12, 9, 18, 12, 10, 18],
    rows,
    freezeCols: 2,
  };
}

/** Sheet of the reminder list: "Cần nhắc Phụ lục 1 Năm 2026" (≤ 31 characters). */
export function remindersSheetName(form: FormDef, period: string): string {
  return `Cần nhắc ${shortFormName(form)} ${periodShortLabel(period)}`.slice(0, 31);
}

/**
 * "Danh sách cần nhắc": the units that still have to submit — not submitted yet, or returned to them — with the contact
 * person, phone and e-mail from the registry (administrators only: viewers' rows carry no contacts). Pure.
 */
export function remindersLayout(form: FormDef, period: string, p: Progress, at: string, label = periodLabel(period)): Table {
  const due = dueOf(p);
  const todo = p.rows.filter((r) => !r.submitted || r.status === "returned");
  const rows: TableRow[] = todo.map((r, i) => {
    const late = daysLate(r);
    return {
      kind: "data",
      cells: [
        { v: i + 1, fmt: "0" },
        r.name,
        r.submitted ? { v: "Nộp lại (đã trả lại)", tone: "du_kien_khong_dat" } : { v: "Chưa nộp", tone: "khong_dat" },
        r.contactName ?? "",
        r.phone ?? "",
        r.email ?? "",
        late === null ? null : { v: late, fmt: "0", tone: "khong_dat" },
        deadlineText(r),
      ],
    };
  });
  const noContact = todo.filter((r) => !r.phone && !r.email).length;
  return {
    sheetName: remindersSheetName(form, period),
    title: [
      `DANH SÁCH CẦN NHẮC NỘP BÁO CÁO ${shortFormName(form).toUpperCase()}`,
      `Kỳ báo cáo: ${label}${due ? `; hạn nộp ${formatVnDate(due)}` : ""}`,
      `${todo.length} đơn vị cần nhắc${noContact ? ` (${noContact} đơn vị chưa có số điện thoại hay thư điện tử trong Danh sách đơn vị)` : ""}`,
      `(Cập nhật lúc ${formatVnDateTime(at)}, giờ Việt Nam)`,
    ],
    headerRows: 1,
    header: [h("STT", 0), h("Đơn vị", 1), h("Cần làm", 2), h("Người liên hệ", 3), h("Điện thoại", 4), h("Thư điện tử", 5), h("Số ngày trễ hạn", 6), h("Ghi chú", 7)],
    widths: [6, 40, 18, 22, 14, 28, 10, 16],
    rows,
    freezeCols: 2,
  };
}

/** A rendered list becomes an Excel table: filter buttons on the header, banded rows (queued, no sync). */
export function queueListTable(sheet: Excel.Worksheet, r: RenderedTable): void {
  const table = sheet.tables.add(sheet.getRangeByIndexes(r.headerStart, 0, 1 + Math.max(r.rows, 1), r.ncols), true);
  table.style = "TableStyleLight1";
  table.showBandedRows = false;
  table.showFilterButton = true;
}

/**
 * The end both pulls share, queued before sync 2: the progress sheet (when given), activating the table, the sheets'
 * final names and the registry. Returns the loaded sheets to read after the sync.
 */
export function finishPull(
  context: Excel.RequestContext,
  placed: { placements: Placement[]; commit: () => void },
  progress: Table | null,
  reminders: Table | null = null,
): { table: Excel.Worksheet; progress: Excel.Worksheet | null; reminders: Excel.Worksheet | null } {
  const main = placed.placements.find((p) => p.slot.kind === "merged");
  const comp = placed.placements.find((p) => p.slot.kind === "completeness");
  const rem = placed.placements.find((p) => p.slot.kind === "reminders");
  if (comp && progress) queueListTable(comp.sheet, queueTable(comp.sheet, progress, { titleBold: 1 }));
  if (rem && reminders) queueListTable(rem.sheet, queueTable(rem.sheet, reminders, { titleBold: 1 }));
  placed.commit();
  const first = (main ?? comp ?? rem)!;
  first.sheet.activate();
  for (const p of placed.placements) p.sheet.load("id,name");
  noteOwnWrite();
  return { table: first.sheet, progress: comp?.sheet ?? null, reminders: rem?.sheet ?? null };
}

/** Plans the sheets of a pull (after sync 1): the table (unless progress only), the progress sheet, the reminder list. */
export function planPull(context: Excel.RequestContext, load: PlacementLoad, form: FormDef, period: string, withProgress: boolean, withReminders = false, withTable = true) {
  return placeSheets(context, load, [
    ...(withTable ? [{ kind: "merged" as const, form: form.id, period, name: mergedSheetName(form, period) }] : []),
    ...(withProgress ? [{ kind: "completeness" as const, form: form.id, period, name: progressSheetName(form, period) }] : []),
    ...(withProgress && withReminders ? [{ kind: "reminders" as const, form: form.id, period, name: remindersSheetName(form, period) }] : []),
  ]);
}

export interface PullProgressResult {
  completenessSheetId: string;
  completenessSheetName: string;
  remindersSheetName: string | null;
  replaced: boolean;
  units: number;
}

/** Writes (or rewrites in place) only the progress sheet and, for administrators, the reminder list. 2 round trips. */
export async function pullProgress(
  host: ExcelHost,
  opts: { form: FormDef; period: string; completeness: Progress; at: string; periodLabel?: string; reminders?: boolean },
): Promise<PullProgressResult> {
  const progress = progressLayout(opts.form, opts.period, opts.completeness, opts.at, opts.periodLabel);
  const reminders = opts.reminders ? remindersLayout(opts.form, opts.period, opts.completeness, opts.at, opts.periodLabel) : null;
  return host.run(async (context) => {
    const load = queuePlacementLoad(context);
    await context.sync(); // 1
    const placed = planPull(context, load, opts.form, opts.period, true, !!reminders, false);
    const done = finishPull(context, placed, progress, reminders);
    await context.sync(); // 2
    return {
      completenessSheetId: done.progress!.id,
      completenessSheetName: done.progress!.name,
      remindersSheetName: done.reminders?.name ?? null,
      replaced: placed.placements[0]!.replaces,
      units: opts.completeness.rows.length,
    };
  });
}

export async function pullMerged(host: ExcelHost, opts: PullOptions): Promise<PullResult> {
  const { form, merged } = opts;
  const table = layoutMerged(form, merged);
  const progress = opts.completeness ? progressLayout(form, merged.period, opts.completeness, merged.generatedAt, opts.periodLabel) : null;
  const reminders = opts.completeness && opts.reminders ? remindersLayout(form, merged.period, opts.completeness, merged.generatedAt, opts.periodLabel) : null;
  return host.run(async (context) => {
    const load = queuePlacementLoad(context);
    await context.sync(); // 1

    const placed = planPull(context, load, form, merged.period, !!progress, !!reminders);
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

    const done = finishPull(context, placed, progress, reminders);
    await context.sync(); // 2
    return {
      sheetId: done.table.id,
      sheetName: done.table.name,
      completenessSheetId: done.progress?.id ?? null,
      completenessSheetName: done.progress?.name ?? null,
      remindersSheetName: done.reminders?.name ?? null,
      replaced: placed.placements[0]!.replaces,
      chart: chosen.length > 0,
      chartMissing,
      rows: merged.rows.length,
    };
  });
}

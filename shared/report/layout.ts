/**
 * The appendix layouts (Phụ lục) of merged data, as Tables for every writer: the worker's CSV and .xlsx and the
 * add-in's pulled sheets. Input is what GET /api/merged returns (the wire shape) plus the form definition.
 */
import type { FormDef } from "../forms/types.js";
import { periodLabel, targetYearOf } from "../periods/index.js";
import { formTitleLines } from "../forms/target.js";
import { CATEGORIES, CATEGORY_LABELS } from "../assess/judge.js";
import type { MergedSummary, MergedTableExt, TaskReport, TaskTable } from "../schemas/index.js";
import { formatVnDateTime } from "../time.js";
import { parseValue } from "../values/parse.js";
import { toNumber } from "../values/format.js";
import { stripBidi, type CellTone, type Table, type TableCell, type TableRow, type TypedCell } from "./table.js";
import { communeTasksLayout, progressLayout } from "./tasks-layout.js";

const h = (text: string, row: number, col: number, rowSpan = 1, colSpan = 1) => ({ text, row, col, rowSpan, colSpan });

function titleLines(form: FormDef, period: string, generatedAt: string): string[] {
  return [...formTitleLines(form, targetYearOf(period)), `Kỳ báo cáo: ${periodLabel(period)}`, `(Tổng hợp tự động lúc ${formatVnDateTime(generatedAt)})`];
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
export function doubtNotes(rows: { stt: string; name: string; targetDoubt?: string | undefined }[]): TableRow[] {
  const doubtful = rows.filter((r) => r.targetDoubt);
  if (doubtful.length === 0) return [];
  return [
    { cells: ["Mục tiêu có nghi vấn (văn bản gốc bị lỗi hoặc không rõ; chờ Sở KH&CN xác nhận):"], section: true, kind: "note" },
    ...doubtful.map((r): TableRow => ({ cells: [`${r.stt}. ${r.name}: ${r.targetDoubt}`], section: true, kind: "note" })),
  ];
}

/** Decimals of the first number written in a text with a decimal comma ("62,50%" → 2, "2.150" → 0, "≥ 1,5%" → 1). */
function commaDecimals(text: string): number {
  const m = /\d[\d.]*,(\d+)/.exec(text);
  return m?.[1]?.length ?? 0;
}

/** Decimals a number needs (0,75 → 2; 2150 → 0). */
function valueDecimals(x: number): number {
  const s = String(Number(x.toPrecision(12)));
  const i = s.indexOf(".");
  return i < 0 || /e/i.test(s) ? 0 : s.length - i - 1;
}

/**
 * Excel number format (invariant codes) for a number written like `text` (`written`: the number as written, in percent
 * points for a percent): percent or thousands separator, with the decimals as typed (at least those the number needs).
 */
export function numberFormatFor(text: string, percent: boolean, written?: number): string {
  const d = Math.min(Math.max(commaDecimals(text), written === undefined ? 0 : valueDecimals(written)), 6);
  const frac = d > 0 ? `.${"0".repeat(d)}` : "";
  return percent ? `0${frac}%` : `#,##0${frac}`;
}

/**
 * A value as a cell (the rule the .xlsx and the pane's pull follow, docs/WORKER.md "Exports"):
 *  - a plain number ("62,5%", "2.150", "0,75") → a number with its format (a percent as a fraction: 62,5% → 0,625, "0.0%");
 *  - "≥ 1,5%", "50-60", "Nhóm 10" → the number the sums use (the bound, the midpoint, the rank) AND `beside`: the text,
 *    to be kept next to it, since the number alone loses meaning;
 *  - Có, statuses, text and "-" → the text as it is.
 */
export function valueCell(text: string, extra: { tone?: CellTone } = {}): { cell: TableCell; beside: string | null } {
  const t = text.trim();
  const tone = extra.tone ? { tone: extra.tone } : {};
  if (!t) return { cell: extra.tone ? { v: "", ...tone } : "", beside: null };
  const r = parseValue(t);
  if (!r.ok) return { cell: extra.tone ? { v: t, ...tone } : t, beside: null };
  const v = r.value;
  const n = toNumber(v);
  if (n === null || (v.kind !== "number" && v.kind !== "range" && v.kind !== "comparator" && v.kind !== "rankGroup")) {
    return { cell: extra.tone ? { v: t, ...tone } : t, beside: null };
  }
  const percent = v.kind === "number" || v.kind === "range" ? v.percent : v.kind === "comparator" ? v.bound.percent : false;
  const cell: TypedCell = { v: n, fmt: numberFormatFor(t, percent, percent ? Number((n * 100).toPrecision(12)) : n), ...tone };
  return { cell, beside: v.kind === "number" ? null : t };
}

/** The counts at the top of a merged indicator table (kind "summary"), worded as the report words them. */
export function summaryRows(summary: MergedSummary | undefined): TableRow[] {
  if (!summary) return [];
  const b = (v: string | number): TypedCell => ({ v, bold: true });
  const counts = (c: MergedSummary["total"]["byCategory"]) => CATEGORIES.map((k) => c[k]);
  return [
    { kind: "summary", section: true, cells: [b(summary.sentence)] },
    { kind: "summary", cells: [b("Nhóm"), b("Tên nhóm chỉ tiêu"), b("Số chỉ tiêu"), ...CATEGORIES.map((k) => b(CATEGORY_LABELS[k]))] },
    ...summary.groups.map((g): TableRow => ({ kind: "summary", cells: [g.group, g.title ?? "", g.count, ...counts(g.byCategory)] })),
    { kind: "summary", cells: [b("Tổng"), b("Tất cả các nhóm"), b(summary.total.count), ...counts(summary.total.byCategory).map(b)] },
  ];
}

const judgement = (r: { assessment: CellTone; assessmentLabel: string }): TypedCell => ({ v: r.assessmentLabel, tone: r.assessment });
const progressCell = (p: number | null | undefined): TableCell => (p === null || p === undefined ? "" : { v: p, fmt: "0%" });

export function layoutMerged(form: FormDef, table: MergedTableExt | TaskTable | TaskReport): Table {
  if (form.kind === "progress") return progressLayout(form, table as TaskReport);
  if (form.kind === "tasks") return communeTasksLayout(form, table as TaskTable);
  const t = table as MergedTableExt;
  const { frame, rowsOf } = indicatorLayout(form, t);
  return { ...frame, rows: [...summaryRows(t.summary), ...rowsOf(t.rows), ...doubtNotes(t.rows)] };
}

type MergedRow = MergedTableExt["rows"][number];

/** What an indicator table's layout needs before its rows. */
export type IndicatorHead = Pick<MergedTableExt, "period" | "generatedAt" | "units">;

/**
 * An indicator table's layout in parts, for a writer that gets the rows a page at a time (the worker's exports): the
 * frame (title, header, widths), and the table rows of some merged rows. The whole table is the summary rows, the
 * rows of every merged row in order, then the doubt notes (layoutMerged).
 */
export interface IndicatorLayout {
  frame: Omit<Table, "rows">;
  rowsOf(rows: MergedRow[]): TableRow[];
}

export function indicatorLayout(form: FormDef, head: IndicatorHead): IndicatorLayout {
  return form.audience === "department" ? provinceLayout(form, head) : communeLayout(form, head);
}

/** The target cell and what to keep beside it: a later milestone or a text target stays text; a doubt is marked. */
function targetCell(r: MergedTableExt["rows"][number]): { cell: TableCell; beside: string | null } {
  const shown = shownTarget(r);
  if (r.targetExact === false) return { cell: { v: shown, tone: "muted" }, beside: null };
  const { cell, beside } = valueCell(r.target, r.targetDoubt ? { tone: "doubt" } : {});
  return { cell, beside: beside || r.targetDoubt ? shown : null };
}

/**
 * Phụ lục I (tỉnh): one row per indicator: plan target, the lead agency's results (numbers with their formats, the
 * typed text beside where the number alone loses meaning), the report's category and why, progress, the communes'
 * aggregate with its coverage, who reported and the notes.
 */
function provinceLayout(form: FormDef, table: IndicatorHead): IndicatorLayout {
  const groups = groupHeadings(form);
  const year = targetYearOf(table.period);
  const header = [
    h("STT", 0, 0, 2),
    h("CHỈ TIÊU", 0, 1, 1, 2),
    h("Tên chỉ tiêu", 1, 1),
    h("Đơn vị tính", 1, 2),
    h(`Kế hoạch năm ${year}`, 0, 3, 2),
    h(`KẾT QUẢ ${periodLabel(table.period).toUpperCase()}`, 0, 4, 1, 6),
    h("Thực hiện", 1, 4),
    h("Ước thực hiện cả năm", 1, 5),
    h("Ghi như văn bản, báo cáo", 1, 6),
    h("Đánh giá", 1, 7),
    h("Căn cứ đánh giá", 1, 8),
    h("So với kế hoạch", 1, 9),
    h("SỐ LIỆU CÁC XÃ, PHƯỜNG", 0, 10, 1, 3),
    h("Tổng hợp", 1, 10),
    h("Số xã có số liệu", 1, 11),
    h("Đánh giá", 1, 12),
    h("Đơn vị báo cáo", 0, 13, 2),
    h("Ghi chú", 0, 14, 2),
  ];
  const rowsOf = (merged: MergedRow[]): TableRow[] => {
    const rows: TableRow[] = [];
    for (const r of merged) {
      const g = groups.get(r.item);
      if (g) rows.push({ cells: [g], section: true, kind: "section" });
      const target = targetCell(r);
      const actual = valueCell(r.actual);
      const projected = valueCell(r.projected);
      const beside = [
        target.beside ? `Kế hoạch: ${target.beside}` : "",
        actual.beside ? `Thực hiện: ${actual.beside}` : "",
        r.actualTyped ? `Thực hiện ghi «${r.actualTyped}»` : "",
        projected.beside ? `Ước: ${projected.beside}` : "",
        r.projectedTyped ? `Ước ghi «${r.projectedTyped}»` : "",
      ].filter(Boolean);
      const c = r.communes;
      const coverage = c ? (c.lowCoverage ? `${c.coverage} (dưới một nửa số xã, phường: chưa đánh giá)` : (c.coverage ?? "")) : "";
      rows.push({
        item: r.item,
        kind: "data",
        cells: [
          r.stt,
          r.name,
          r.unit,
          target.cell,
          actual.cell,
          projected.cell,
          beside.join("; "),
          judgement(r),
          r.assessmentReason ?? "",
          progressCell(r.progress),
          c ? (c.rule === "count_yes" ? c.actual : valueCell(c.actual).cell) : "",
          coverage,
          c ? judgement(c) : "",
          r.reportedBy.join("; "),
          stripBidi(r.note ?? ""),
        ],
      });
    }
    return rows;
  };
  return {
    frame: {
      sheetName: "Phụ lục I",
      title: titleLines(form, table.period, table.generatedAt),
      headerRows: 2,
      header,
      widths: [6, 45, 10, 14, 12, 12, 18, 14, 32, 10, 12, 18, 14, 24, 40],
      freezeCols: 2,
    },
    rowsOf,
  };
}

/**
 * Phụ lục 1 (xã): indicators × communes. The province aggregate (how it was computed, coverage in words, how many
 * communes reached the target, its category and why), then per commune: Thực hiện, Ước thực hiện cả năm, Ghi chú
 * (what was typed when it reads differently, the text beside a number that alone loses meaning, the commune's note).
 */
function communeLayout(form: FormDef, table: IndicatorHead): IndicatorLayout {
  const groups = groupHeadings(form);
  const n = table.units.length;
  const year = targetYearOf(table.period);
  const U = 12;
  const header = [
    h("STT", 0, 0, 3),
    h("CHỈ TIÊU", 0, 1, 2, 2),
    h("Tên chỉ tiêu", 2, 1),
    h("Đơn vị tính", 2, 2),
    h("MỤC TIÊU", 0, 3, 2, 2),
    h(`Mục tiêu năm ${year}`, 2, 3),
    h("Ghi như văn bản", 2, 4),
    h("TOÀN TỈNH", 0, 5, 2, 7),
    h("Thực hiện", 2, 5),
    h("Ước thực hiện cả năm", 2, 6),
    h("Cách tổng hợp", 2, 7),
    h("Số xã có số liệu", 2, 8),
    h("Số xã đạt", 2, 9),
    h("Đánh giá", 2, 10),
    h("Căn cứ đánh giá", 2, 11),
  ];
  if (n > 0) header.push(h(`CÁC XÃ, PHƯỜNG (${periodLabel(table.period)})`, 0, U, 1, 3 * n));
  table.units.forEach((u, i) => {
    header.push(h(u.name, 1, U + 3 * i, 1, 3), h("Thực hiện", 2, U + 3 * i), h("Ước thực hiện cả năm", 2, U + 3 * i + 1), h("Ghi chú", 2, U + 3 * i + 2));
  });
  const rowsOf = (merged: MergedRow[]): TableRow[] => {
    const rows: TableRow[] = [];
    for (const r of merged) {
      const g = groups.get(r.item);
      if (g) rows.push({ cells: [g], section: true, kind: "section" });
      const agg = r.aggregate;
      const target = targetCell(r);
      const coverage = agg?.coverage ? (agg.lowCoverage ? `${agg.coverage} (dưới một nửa số xã, phường: chưa đánh giá)` : agg.coverage) : "";
      const cells: TableCell[] = [
        r.stt,
        r.name,
        r.unit,
        target.cell,
        target.beside ?? "",
        agg?.rule === "count_yes" ? r.actual : valueCell(r.actual).cell,
        agg?.rule === "count_yes" ? r.projected : valueCell(r.projected).cell,
        agg?.ruleLabel ?? "",
        coverage,
        // Words, never "k/n": a spreadsheet turns "1/2" into a date.
        agg ? `${agg.reached} xã đạt / ${agg.reporting} xã có số liệu` : "",
        judgement(r),
        r.assessmentReason ?? "",
      ];
      for (const u of table.units) {
        const category = r.byUnitAssessment?.[u.code];
        const actual = valueCell(r.byUnit?.[u.code] ?? "", category ? { tone: category } : {});
        const projected = valueCell(r.byUnitProjected?.[u.code] ?? "");
        const note = [
          actual.beside ? `Thực hiện: ${actual.beside}` : "",
          projected.beside ? `Ước: ${projected.beside}` : "",
          stripBidi(r.byUnitNote?.[u.code] ?? ""),
        ].filter(Boolean);
        cells.push(actual.cell, projected.cell, note.join("; "));
      }
      rows.push({ item: r.item, kind: "data", cells });
    }
    return rows;
  };
  return {
    frame: {
      sheetName: "Phụ lục 1 - Xã",
      title: titleLines(form, table.period, table.generatedAt),
      headerRows: 3,
      header,
      widths: [6, 45, 10, 12, 16, 12, 12, 16, 18, 16, 14, 32, ...table.units.flatMap(() => [12, 12, 20])],
      freezeCols: 3,
    },
    rowsOf,
  };
}

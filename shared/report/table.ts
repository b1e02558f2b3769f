/**
 * The export model shared by the worker's CSV/.xlsx and the add-in's pulled sheets: title lines, a (possibly two-level)
 * header with merges, data rows of typed cells. One layout (shared/report/layout.ts) feeds every writer, so the
 * department sees the same table in Excel, in the download and in the pane.
 */
import type { HeaderCell } from "../forms/types.js";
export type { HeaderCell };

/** How a cell is emphasised; the writers map tones to fills (assessment colours, group rows, notes). */
export type CellTone = "vuot" | "dat" | "uoc_dat" | "du_kien_khong_dat" | "khong_dat" | "chua_danh_gia" | "doubt" | "muted";

/**
 * A cell with a type: a number is written as a numeric cell with `fmt` (an invariant Excel number format such as
 * "0.0%", "#,##0", "#,##0.00"), text as text (never evaluated as a formula). `text` keeps what was typed where the
 * number alone loses meaning ("≥ 1,5%", "50-60", "Nhóm 10").
 */
export interface TypedCell {
  v: string | number | null;
  fmt?: string;
  tone?: CellTone;
  bold?: boolean;
}

export type TableCell = string | number | null | TypedCell;

export interface TableRow {
  cells: TableCell[];
  /** Group headings and notes span the table. */
  section?: boolean;
  /** "summary" rows (assessment counts) sit above the table body in the writers' own style. */
  kind?: "data" | "section" | "summary" | "note";
  /** The item (indicator key / task key) of a data row, for writers that link rows back (never shown). */
  item?: string;
}

export interface Table {
  sheetName: string;
  title: string[];
  headerRows: number;
  header: HeaderCell[];
  /** Column widths in characters. */
  widths: number[];
  rows: TableRow[];
  /** Columns left of this index stay visible when scrolling sideways. */
  freezeCols: number;
}

export function isTyped(c: TableCell): c is TypedCell {
  return c !== null && typeof c === "object";
}

/** The plain value of a cell (number or text). */
export function cellValue(c: TableCell): string | number | null {
  return isTyped(c) ? c.v : c;
}

/** Per-column header text for one-line headers (CSV): the texts above each column, top to bottom. */
export function flatHeader(t: Table): string[] {
  const n = t.widths.length;
  const out: string[][] = Array.from({ length: n }, () => []);
  for (const h of [...t.header].sort((a, b) => a.row - b.row)) {
    for (let c = h.col; c < h.col + h.colSpan && c < n; c++) out[c]?.push(h.text);
  }
  return out.map((parts) => parts.filter((p, i) => p && parts.indexOf(p) === i).join(" - "));
}

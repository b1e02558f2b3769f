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
 * A cell with a type. A number is written as a numeric cell with `fmt`, an invariant Excel number format: "0%", "0.0%"
 * (then `v` is the fraction: 62,5% is 0.625), "#,##0", "#,##0.00" (thousands separator, the decimals as typed). Text is
 * written as text, never evaluated as a formula. Where a number alone loses meaning ("≥ 1,5%", "50-60", "Nhóm 10"), the
 * layout puts the number in the cell and the typed text in a column beside it ("Ghi như văn bản, báo cáo"; on the
 * commune matrix, the commune's "Ghi chú"); see `valueCell` in ./layout.ts.
 * `tone` colours the cell (assessment categories, a doubtful target, a muted later milestone); `bold` for labels.
 */
export interface TypedCell {
  v: string | number | null;
  fmt?: string;
  tone?: CellTone;
  bold?: boolean;
}

export type TableCell = string | number | null | TypedCell;

export interface TableRow {
  /** Fewer cells than columns is allowed: writers pad the row (CSV keeps one field count on every line). */
  cells: TableCell[];
  /** Group headings, notes and the summary sentence span the table. */
  section?: boolean;
  /**
   * "data": an indicator row; "section": a group heading; "note": rows under the table (doubts).
   * "summary": the assessment counts (`summaryRows` in ./layout.ts), always first in `rows`: the report's sentence (a
   * section row), then a grid "Nhóm | Tên nhóm chỉ tiêu | Số chỉ tiêu | Vượt | Đạt | … | Chưa đánh giá được" with
   * one row per group I–V and a total row (numbers). Writers put them at the top: the CSV before its header line, the
   * .xlsx on a first sheet "Tổng hợp đánh giá"; the pane's pull above its table.
   */
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
  /** Name of the summary sheet in an .xlsx (when the table has summary rows); default "Tổng hợp đánh giá". */
  summarySheetName?: string;
}

/**
 * Bidi control characters (U+202A–202E, U+2066–2069, U+200E/F): invisible, they reorder text on screen, so a note joined
 * from several units could show words in another order than written (or hide a spoofed ending). Writers drop them.
 */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g;
export const stripBidi = (s: string): string => s.replace(BIDI, "");

/** Excel keeps at most 32,767 characters in a cell. */
export const MAX_CELL_CHARS = 32767;
export const TRUNCATED_MARK = " … [đã cắt bớt: ô vượt quá 32.767 ký tự, xem bản đầy đủ trong hệ thống]";

/** Text that fits one Excel cell: cut with a visible marker (never inside a surrogate pair) when too long. */
export function fitCell(s: string): string {
  if (s.length <= MAX_CELL_CHARS) return s;
  let end = MAX_CELL_CHARS - TRUNCATED_MARK.length;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end) + TRUNCATED_MARK;
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

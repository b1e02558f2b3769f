// The export model shared by CSV and .xlsx: title lines, a (possibly two-level) header with merges, data rows.

import type { HeaderCell } from "../../../shared/forms/types.js";
export type { HeaderCell };

export interface Table {
  sheetName: string;
  title: string[];
  headerRows: number;
  header: HeaderCell[];
  widths: number[];
  /** Data rows; `section` rows (group headings) span the table in the xlsx. */
  rows: { cells: (string | number | null)[]; section?: boolean }[];
  /** Columns left of this index stay visible when scrolling sideways. */
  freezeCols: number;
}

/**
 * Formula-injection guard: a text cell starting with = + - @ (or tab / CR) could be run as a formula by
 * a spreadsheet. Such cells get a leading apostrophe. Left alone: a lone marker ("-", "+") and plain signed
 * numbers ("-5", "-2,5%", "+10"), which no spreadsheet treats as a formula.
 */
export function neutralise(s: string): string {
  if (s.length < 2) return s;
  const first = s[0];
  if (first === "=" || first === "@" || first === "\t" || first === "\r") return `'${s}`;
  if (first === "+" || first === "-") return /^[+-]\s?\d[\d.,\s]*%?$/.test(s) ? s : `'${s}`;
  return s;
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

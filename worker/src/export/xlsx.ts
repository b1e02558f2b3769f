// Table → one styled sheet: title lines (merged across), the header block with its merges, frozen under the header.
import { buildXlsx, ref, type CellValue, type SheetSpec } from "../xlsx.js";
import { cellValue, type Table } from "./table.js";

export function toSheet(t: Table): SheetSpec {
  const n = t.widths.length;
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  for (const line of t.title) {
    merges.push(`${ref(rows.length, 0)}:${ref(rows.length, n - 1)}`);
    rows.push([{ v: line, s: 3 }]);
  }
  rows.push([]); // spacer
  const top = rows.length;
  for (let r = 0; r < t.headerRows; r++) rows.push(Array.from({ length: n }, () => ({ v: null, s: 1 as const })));
  for (const h of t.header) {
    const row = rows[top + h.row];
    if (row) row[h.col] = { v: h.text, s: 1 };
    if (h.rowSpan > 1 || h.colSpan > 1) merges.push(`${ref(top + h.row, h.col)}:${ref(top + h.row + h.rowSpan - 1, h.col + h.colSpan - 1)}`);
  }
  for (const r of t.rows) {
    if (r.section) {
      merges.push(`${ref(rows.length, 0)}:${ref(rows.length, n - 1)}`);
      rows.push([{ v: cellValue(r.cells[0] ?? null), s: 1 }]);
      continue;
    }
    // Text is written as inline strings, which Excel never evaluates: no apostrophe needed (CSV keeps its guard).
    rows.push(r.cells.map((v) => ({ v: cellValue(v), s: 2 as const })));
  }
  return { name: t.sheetName, rows, merges, widths: t.widths, freeze: { row: top + t.headerRows, col: t.freezeCols } };
}

export function toXlsx(tables: Table[]): Uint8Array {
  return buildXlsx(tables.map(toSheet));
}

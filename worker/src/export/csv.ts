// CSV with a UTF-8 BOM (so Excel reads Vietnamese correctly), CRLF line ends, one header line.
import { cellValue, flatHeader, neutralise, type Table, type TableCell } from "./table.js";

function field(c: TableCell): string {
  const v = cellValue(c);
  if (v === null) return "";
  const s = typeof v === "number" ? String(v) : neutralise(v);
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  const lines = [flatHeader(t).map(field).join(",")];
  for (const r of t.rows) lines.push(r.cells.map(field).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

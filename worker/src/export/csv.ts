// CSV of a Table (docs/WORKER.md, "Files"): UTF-8 with a BOM (so Excel reads Vietnamese), CRLF line ends, the summary
// counts first, then one header line (two-level headers joined "CHỈ TIÊU - Tên chỉ tiêu"), then the rows; every line
// has the same number of fields.
//
// Two variants:
//  - "," (default, RFC 4180): for programs and for spreadsheets set to a "." decimal point (English regional settings):
//    numbers are written "62.5%", "2150", "0.75".
//  - ";" (`?sep=;`): for Excel with Vietnamese regional settings, whose list separator is ";" and decimal symbol ",":
//    a double click opens it in columns, numbers are written "62,5%", "2150", "0,75" and read as numbers. No "sep=;" first
//    line: with it, Excel ignores the BOM and reads the file in the ANSI code page, which breaks Vietnamese letters.
// Numbers never carry a thousands separator ("2.150" would read as 2,15 with a "." decimal point), and no value the
// system writes is a bare "k/n", which a spreadsheet turns into a date ("12/166 xã có số liệu", "3 trong 12 đơn vị").
import { cellValue, flatHeader, isTyped, neutralise, type Table, type TableCell, type TableRow } from "./table.js";

export type CsvSeparator = "," | ";";

/** A number as the variant writes it, with the decimals of its format and a % when the format is a percent. */
export function csvNumber(v: number, fmt: string | undefined, decimal: "." | ","): string {
  if (!Number.isFinite(v)) return "";
  let s: string;
  let pct = false;
  if (fmt) {
    pct = fmt.endsWith("%");
    const d = /\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
    s = (pct ? Number((v * 100).toPrecision(15)) : v).toFixed(d);
  } else {
    s = String(Number(v.toPrecision(15)));
    if (/e/i.test(s)) s = v.toFixed(6).replace(/\.?0+$/, "");
  }
  if (decimal === ",") s = s.replace(".", ",");
  return pct ? `${s}%` : s;
}

function field(c: TableCell, sep: CsvSeparator): string {
  const v = cellValue(c);
  if (v === null) return "";
  const s = typeof v === "number" ? csvNumber(v, isTyped(c) ? c.fmt : undefined, sep === ";" ? "," : ".") : neutralise(v);
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A CSV writer for a table's frame: `start` (the BOM, the summary, a blank line after it, the header) and `rows` (data
 * and note rows), each line ended by CRLF. toCsv is start + rows of the whole table; the merged exports call them a
 * page of rows at a time (export/merged.ts).
 */
export function csvWriter(frame: Omit<Table, "rows">, sep: CsvSeparator = ",") {
  const n = frame.widths.length;
  const line = (cells: TableCell[]) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(field(cells[i] ?? null, sep));
    return `${out.join(sep)}\r\n`;
  };
  return {
    start(summary: TableRow[]): string {
      let s = "\uFEFF";
      for (const r of summary) s += line(r.cells);
      if (summary.length) s += line([]);
      return s + line(flatHeader({ ...frame, rows: [] }));
    },
    rows(rows: TableRow[]): string {
      let s = "";
      for (const r of rows) if (r.kind !== "summary") s += line(r.cells);
      return s;
    },
  };
}

export function toCsv(t: Table, opts: { sep?: CsvSeparator } = {}): string {
  const w = csvWriter(t, opts.sep);
  return w.start(t.rows.filter((r) => r.kind === "summary")) + w.rows(t.rows);
}

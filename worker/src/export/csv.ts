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
import { cellValue, flatHeader, isTyped, neutralise, type Table, type TableCell } from "./table.js";

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

/** The file's lines, in order (without line ends): the summary, a blank line after it, the header, the rows. */
function* csvLines(t: Table, sep: CsvSeparator): Generator<string> {
  const n = t.widths.length;
  const line = (cells: TableCell[]) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(field(cells[i] ?? null, sep));
    return out.join(sep);
  };
  const summary = t.rows.filter((r) => r.kind === "summary");
  for (const r of summary) yield line(r.cells);
  if (summary.length) yield line([]);
  yield line(flatHeader(t));
  for (const r of t.rows) if (r.kind !== "summary") yield line(r.cells);
}

export function toCsv(t: Table, opts: { sep?: CsvSeparator } = {}): string {
  return `\uFEFF${[...csvLines(t, opts.sep ?? ",")].join("\r\n")}\r\n`;
}

const encoder = new TextEncoder();
/** Lines are encoded in batches of about this many characters. */
const PIECE_CHARS = 1 << 20;

/**
 * The same file as toCsv, as UTF-8 pieces encoded a batch of lines at a time: the 3,200-unit table is 28 MB of UTF-8,
 * and one JavaScript string of it (two bytes per character once it holds a Vietnamese letter) plus its encoding would
 * take about 80 MB at once.
 */
export function toCsvPieces(t: Table, opts: { sep?: CsvSeparator } = {}): Uint8Array[] {
  const out: Uint8Array[] = [];
  let batch = "\uFEFF";
  for (const l of csvLines(t, opts.sep ?? ",")) {
    batch += `${l}\r\n`;
    if (batch.length >= PIECE_CHARS) {
      out.push(encoder.encode(batch));
      batch = "";
    }
  }
  if (batch) out.push(encoder.encode(batch));
  return out;
}

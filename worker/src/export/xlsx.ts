// Table → .xlsx: a first sheet "Tổng hợp đánh giá" with the summary counts (when the table has them), then the table:
// title lines, the header block with its merges, frozen under the header and beside the name columns; numbers as numeric
// cells with their formats, text as inline strings, the assessment colours, row heights that let wrapped names, reasons
// and notes be read.
import { buildXlsx, ref, Styles, type CellFormat, type CellStyle, type CellValue, type SheetSpec } from "../xlsx.js";
import { isTyped, type CellTone, type Table, type TableCell, type TableRow } from "./table.js";

/** Fills of the tones (the task pane uses the same colours, addin/excel/layout.ts FILL). */
const TONE_FILL: Record<CellTone, string | undefined> = {
  vuot: "FFC6EFCE",
  dat: "FFE2EFDA",
  uoc_dat: "FFDDEBF7",
  du_kien_khong_dat: "FFFCE4D6",
  khong_dat: "FFFFC7CE",
  chua_danh_gia: "FFEDEDED",
  doubt: "FFFFEB9C",
  muted: undefined,
};
const MUTED = "FF7F7F7F";
const HEADER_FILL = "FFD9E1F2";
const GROUP_FILL = "FFFFF2CC";

/** Line height of Times New Roman 11 in points, and Excel's largest row height. */
const LINE_PT = 15;
const MAX_ROW_PT = 409;
/** Title, group and note rows span at most this many columns, so they stay on screen on the wide commune matrix. */
const SPAN_MAX = 12;

/** Lines a text takes in a column `width` characters wide (wrapping at the width, and at every line break). */
export function linesFor(text: string, width: number): number {
  const per = Math.max(1, Math.floor(width * 1.05) - 1);
  let n = 0;
  for (const seg of text.split("\n")) n += Math.max(1, Math.ceil(seg.length / per));
  return n;
}

const height = (lines: number, line = LINE_PT): number | undefined => (lines > 1 ? Math.min(MAX_ROW_PT, lines * line + 3) : undefined);

class SheetBuilder {
  rows: CellValue[][] = [];
  merges: string[] = [];
  heights: (number | undefined)[] = [];
  /** SheetSpec.rowKeys: the table row a sheet row was made from, when it is frozen (never changes). */
  keys: (object | undefined)[] = [];

  push(cells: CellValue[], ht?: number, from?: TableRow): number {
    this.rows.push(cells);
    this.heights.push(ht);
    this.keys.push(from && Object.isFrozen(from) ? from : undefined);
    return this.rows.length - 1;
  }

  /** A row of one text across `span` columns (wrapped), as high as its text needs. */
  spanning(text: string, s: CellStyle, span: number, spanWidth: number, line = LINE_PT, from?: TableRow): void {
    const r = this.push([{ v: text, s }], height(linesFor(text, spanWidth), line), from);
    if (span > 1) this.merges.push(`${ref(r, 0)}:${ref(r, span - 1)}`);
  }
}

function cellStyles(styles: Styles) {
  const text: CellFormat = { border: true, wrap: true, valign: "top" };
  return {
    title: 3,
    header: styles.xf({ bold: true, border: true, wrap: true, align: "center", valign: "center", fill: HEADER_FILL }),
    group: styles.xf({ bold: true, border: true, wrap: true, valign: "center", fill: GROUP_FILL }),
    note: styles.xf({ wrap: true, valign: "top" }),
    sentence: styles.xf({ bold: true, wrap: true, valign: "top" }),
    text: styles.xf(text),
    number: styles.xf({ border: true, valign: "top" }),
    /** A typed cell's style. */
    of(c: TableCell): CellStyle {
      if (!isTyped(c)) return typeof c === "number" ? this.number : this.text;
      const num = typeof c.v === "number";
      const tone = c.tone;
      return styles.xf({
        border: true,
        valign: "top",
        ...(num ? {} : { wrap: true }),
        ...(c.fmt && num ? { fmt: c.fmt } : {}),
        ...(c.bold ? { bold: true } : {}),
        ...(tone && TONE_FILL[tone] ? { fill: TONE_FILL[tone] } : {}),
        ...(tone === "muted" ? { color: MUTED } : {}),
      });
    },
  };
}

const value = (c: TableCell): string | number | null => (isTyped(c) ? c.v : c);
const textLength = (c: TableCell): string => {
  const v = value(c);
  return typeof v === "string" ? v : "";
};

/** The table itself. */
export function toSheet(t: Table, styles: Styles = new Styles()): SheetSpec {
  const st = cellStyles(styles);
  const n = t.widths.length;
  const span = Math.min(n, SPAN_MAX);
  const spanWidth = t.widths.slice(0, span).reduce((a, b) => a + b, 0);
  const b = new SheetBuilder();
  for (const line of t.title) b.spanning(line, st.title, span, spanWidth, 17);
  b.push([]); // spacer
  const top = b.rows.length;
  const headerLines: number[] = Array.from({ length: t.headerRows }, () => 1);
  for (let r = 0; r < t.headerRows; r++) b.push(Array.from({ length: n }, () => ({ v: null, s: st.header })));
  for (const h of t.header) {
    const row = b.rows[top + h.row];
    if (row) row[h.col] = { v: h.text, s: st.header };
    if (h.rowSpan > 1 || h.colSpan > 1) b.merges.push(`${ref(top + h.row, h.col)}:${ref(top + h.row + h.rowSpan - 1, h.col + h.colSpan - 1)}`);
    if (h.rowSpan === 1 && h.row < t.headerRows) {
      const w = t.widths.slice(h.col, h.col + h.colSpan).reduce((a, c) => a + c, 0);
      headerLines[h.row] = Math.max(headerLines[h.row]!, linesFor(h.text, w));
    }
  }
  headerLines.forEach((lines, r) => (b.heights[top + r] = height(lines)));
  for (const r of t.rows) {
    if (r.kind === "summary") continue;
    if (r.section) {
      b.spanning(String(value(r.cells[0] ?? null) ?? ""), r.kind === "note" ? st.note : st.group, span, spanWidth, LINE_PT, r);
      continue;
    }
    let lines = 1;
    const cells: CellValue[] = [];
    for (let c = 0; c < n; c++) {
      const cell = r.cells[c] ?? null;
      cells.push({ v: value(cell), s: st.of(cell) });
      const text = textLength(cell);
      if (text.length > (t.widths[c] ?? 10) - 1) lines = Math.max(lines, linesFor(text, t.widths[c] ?? 10));
    }
    b.push(cells, height(lines), r);
  }
  return {
    name: t.sheetName,
    rows: b.rows,
    merges: b.merges,
    widths: t.widths,
    heights: b.heights,
    freeze: { row: top + t.headerRows, col: t.freezeCols },
    rowKeys: b.keys,
  };
}

/** The summary counts on their own sheet: the report's sentence, then the grid per group and in total. */
export function summarySheet(t: Table, summary: TableRow[], styles: Styles = new Styles()): SheetSpec {
  const st = cellStyles(styles);
  const widths = [8, 44, 11, 10, 10, 20, 14, 11, 14];
  const n = widths.length;
  const total = widths.reduce((a, c) => a + c, 0);
  const b = new SheetBuilder();
  for (const line of t.title) b.spanning(line, st.title, n, total, 17);
  b.push([]);
  let first = true;
  for (const r of summary) {
    if (r.section) {
      b.spanning(String(value(r.cells[0] ?? null) ?? ""), st.sentence, n, total);
      b.push([]);
      continue;
    }
    const cells: CellValue[] = [];
    let lines = 1;
    for (let c = 0; c < n; c++) {
      const cell = r.cells[c] ?? null;
      cells.push({ v: value(cell), s: first ? st.header : st.of(cell) });
      lines = Math.max(lines, linesFor(textLength(cell), widths[c]!));
    }
    b.push(cells, height(lines));
    first = false;
  }
  return { name: t.summarySheetName ?? "Tổng hợp đánh giá", rows: b.rows, merges: b.merges, widths, heights: b.heights };
}

export function toXlsx(tables: Table[]): Promise<Uint8Array> {
  const styles = new Styles();
  const sheets: SheetSpec[] = [];
  for (const t of tables) {
    const summary = t.rows.filter((r) => r.kind === "summary");
    if (summary.length) sheets.push(summarySheet(t, summary, styles));
    sheets.push(toSheet(t, styles));
  }
  return buildXlsx(sheets, styles);
}

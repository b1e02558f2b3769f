// Writes a shared report Table (shared/report/table.ts) into a sheet, generically: whatever columns and rows the layout
// has appear in the sheet, as in the worker's .xlsx export. Numbers are numeric cells with the cell's number format
// (`fmt`, else General); text is text ("@", never evaluated as a formula); tones become fills; section and note rows span
// the table; bold where the cell says so. Queues commands only (no sync).
import { cellValue, isTyped, type CellTone, type Table, type TableCell, type TableRow } from "../../shared/report/table.js";
import { FILL, charsToPoints } from "./layout.js";

export interface RenderedTable {
  ncols: number;
  headerStart: number;
  dataStart: number;
  /** Body rows written. */
  rows: number;
}

const TONE_FILL: Record<CellTone, string> = {
  vuot: FILL.vuot,
  dat: FILL.dat,
  uoc_dat: FILL.uoc_dat,
  du_kien_khong_dat: FILL.du_kien_khong_dat,
  khong_dat: FILL.khong_dat,
  chua_danh_gia: FILL.chua_danh_gia,
  doubt: FILL.doubt,
  muted: FILL.muted,
};

/** Title lines span the first columns up to about this many characters of width. */
const TITLE_CHARS = 160;

/** A cell as Excel takes it: value and number format. */
export function excelCell(c: TableCell | undefined): { value: string | number; format: string } {
  const v = c === undefined ? null : cellValue(c);
  if (typeof v === "number") return { value: Number.isFinite(v) ? v : "", format: (isTyped(c!) && c.fmt) || "General" };
  if (v === null || v === undefined) return { value: "", format: "General" };
  return { value: String(v), format: "@" };
}

function rowKind(r: TableRow): NonNullable<TableRow["kind"]> {
  return r.kind ?? (r.section ? "section" : "data");
}

/** Queues the title, header and body of `t` into `sheet` from row 0. */
export function queueTable(sheet: Excel.Worksheet, t: Table, opts: { titleBold?: number } = {}): RenderedTable {
  const ncols = Math.max(1, t.widths.length, ...t.header.map((h) => h.col + h.colSpan));
  const titleBold = opts.titleBold ?? 1;
  sheet.showGridlines = false;

  // Title lines, merged across the first columns (about a screen wide: a table with a column per commune is
  // thousands of points wide, and a title centred across all of it would sit far off screen).
  let span = 0;
  for (let w = 0; span < ncols && (span === 0 || w + (t.widths[span] ?? 10) <= TITLE_CHARS); span++) w += t.widths[span] ?? 10;
  t.title.forEach((line, i) => {
    const r = sheet.getRangeByIndexes(i, 0, 1, span);
    r.merge(false);
    r.numberFormat = [Array(span).fill("@")];
    r.values = [[line, ...Array(span - 1).fill("")]];
    r.format.horizontalAlignment = "Center";
    r.format.font.bold = i < titleBold;
    if (i === 0) r.format.font.size = 13;
    if (i >= titleBold) r.format.font.italic = true;
  });

  // Header block: all texts, then merges.
  const headerStart = t.title.length + 1;
  const hr = Math.max(1, t.headerRows);
  const grid: string[][] = Array.from({ length: hr }, () => Array(ncols).fill(""));
  for (const h of t.header) if (grid[h.row] && h.col < ncols) grid[h.row]![h.col] = h.text;
  const head = sheet.getRangeByIndexes(headerStart, 0, hr, ncols);
  head.numberFormat = grid.map((row) => row.map(() => "@"));
  head.values = grid;
  head.format.font.bold = true;
  head.format.wrapText = true;
  head.format.horizontalAlignment = "Center";
  head.format.verticalAlignment = "Center";
  head.format.fill.color = FILL.header;
  for (const h of t.header)
    if (h.rowSpan > 1 || h.colSpan > 1) sheet.getRangeByIndexes(headerStart + h.row, h.col, h.rowSpan, Math.min(h.colSpan, ncols - h.col)).merge(false);

  // Body: number formats first (text "@" keeps what units typed), then values in one write.
  const dataStart = headerStart + hr;
  const n = t.rows.length;
  if (n > 0) {
    const cells = t.rows.map((r) => {
      const spans = rowKind(r) !== "data" && r.section;
      return Array.from({ length: ncols }, (_, c) => excelCell(spans && c > 0 ? null : r.cells[c]));
    });
    const body = sheet.getRangeByIndexes(dataStart, 0, n, ncols);
    body.numberFormat = cells.map((row) => row.map((x) => x.format));
    body.values = cells.map((row) => row.map((x) => x.value));
    body.format.wrapText = true;
    body.format.verticalAlignment = "Center";
    t.rows.forEach((r, i) => {
      const kind = rowKind(r);
      const at = dataStart + i;
      if (r.section) {
        const whole = sheet.getRangeByIndexes(at, 0, 1, ncols);
        whole.merge(false);
        if (kind === "note") whole.format.font.italic = true;
        else {
          whole.format.font.bold = true;
          whole.format.fill.color = kind === "summary" ? FILL.summary : FILL.group;
        }
        return;
      }
      if (kind === "summary") {
        const whole = sheet.getRangeByIndexes(at, 0, 1, ncols);
        whole.format.font.bold = true;
        whole.format.fill.color = FILL.summary;
      }
      r.cells.forEach((c, col) => {
        if (!isTyped(c) || col >= ncols) return;
        if (!c.tone && !c.bold) return;
        const cell = sheet.getRangeByIndexes(at, col, 1, 1);
        if (c.tone) cell.format.fill.color = TONE_FILL[c.tone];
        if (c.bold) cell.format.font.bold = true;
      });
    });
  }
  t.widths.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
  if (t.freezeCols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, dataStart, t.freezeCols));
  else sheet.freezePanes.freezeRows(dataStart);
  return { ncols, headerStart, dataStart, rows: n };
}

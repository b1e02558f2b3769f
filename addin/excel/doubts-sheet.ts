// "Mục tiêu cần xác nhận": the catalog's doubtful targets (the source text is damaged: which year a printed value
// belongs to cannot be read), each with its reason and the printed value, how it was settled if it was, and two open
// columns — the settled value and the document that settles it. The pane checks them and sends each with
// PUT /api/admin/targets/:key/:year (history kept on the server); CT.TARGETTEXT then shows the settled value and source.
// Not protected (its check marks are fills and notes). Write: 2 round trips (a fresh sheet replacing the older one,
// filled). Read: 2 (find it; the two input columns).
import { formatVnDate } from "../../shared/time.js";
import { cellAddress } from "./a1.js";
import type { DoubtsSheetMeta } from "./admin-meta.js";
import { findAdminSheet, queueHeader, queueNewSheet, queuePlace, queueTitle } from "./admin-sheets.js";
import { ExcelOpError } from "./errors.js";
import type { ExcelHost } from "./host.js";
import { FILL, charsToPoints } from "./layout.js";

export const DOUBTS_SHEET = "Mục tiêu cần xác nhận";
const HEADERS = ["STT", "Chỉ tiêu", "Năm", "Giá trị in trong kế hoạch", "Lý do nghi vấn", "Đã xác nhận", "Giá trị xác nhận", "Văn bản căn cứ"];
const WIDTHS = [6, 36, 7, 12, 40, 28, 14, 34];
const HEADER_ROW = 4;
const VALUE_COL = 6;
const SOURCE_COL = 7;

export interface DoubtRow {
  key: string;
  stt: number;
  name: string;
  field: string;
  reason: string;
  year: number | null;
  settleable: boolean;
  printed: string | null;
  settled: { text: string; source: string | null; at: string | null } | null;
}

const fieldLabel = (d: DoubtRow) => (d.year !== null ? String(d.year) : d.field === "baseline" ? "Hiện trạng" : d.field);

/** Writes (or rewrites in place) the doubts sheet. 2 round trips. */
export async function writeDoubtsSheet(host: ExcelHost, opts: { doubts: DoubtRow[]; server: string; at?: string }): Promise<{ sheetId: string; sheetName: string; rows: number; settled: number }> {
  const n = opts.doubts.length;
  const ncols = HEADERS.length;
  const settled = opts.doubts.filter((d) => d.settled).length;
  return host.run(async (context) => {
    const fresh = queueNewSheet(context);
    await context.sync(); // 1
    const sheet = fresh.sheet;
    sheet.showGridlines = false;
    queueTitle(sheet, 0, ncols, "MỤC TIÊU CẦN XÁC NHẬN", "title");
    queueTitle(sheet, 1, ncols, `${n} ô mục tiêu của danh mục chỉ tiêu (Phụ lục I) bị nghi vấn do văn bản gốc in thiếu hoặc hỏng; đã xác nhận ${settled}.`);
    queueTitle(
      sheet,
      2,
      ncols,
      "Ghi giá trị đã xác nhận và văn bản làm căn cứ (số, ngày văn bản) vào hai cột cuối, rồi bấm «Gửi xác nhận» trên ngăn Chỉ tiêu. Dòng để trống được giữ nguyên; mỗi lần xác nhận được lưu lại lịch sử.",
    );
    queueHeader(sheet, HEADER_ROW, HEADERS);
    if (n > 0) {
      const body = sheet.getRangeByIndexes(HEADER_ROW + 1, 0, n, ncols);
      body.numberFormat = Array.from({ length: n }, () => ["0", "@", "@", "@", "@", "@", "@", "@"]);
      body.values = opts.doubts.map((d) => [
        d.stt,
        d.name,
        fieldLabel(d),
        d.printed ?? "",
        d.reason,
        d.settled ? `${d.settled.text}${d.settled.source ? ` (theo ${d.settled.source}${d.settled.at ? `, ${formatVnDate(d.settled.at)}` : ""})` : ""}` : "",
        d.settleable ? "" : "(không xác nhận ở đây)",
        "",
      ]);
      body.format.wrapText = true;
      body.format.verticalAlignment = "Center";
      sheet.getRangeByIndexes(HEADER_ROW + 1, 0, n, VALUE_COL).format.fill.color = FILL.catalog;
      opts.doubts.forEach((d, i) => {
        const inputs = sheet.getRangeByIndexes(HEADER_ROW + 1 + i, VALUE_COL, 1, 2);
        inputs.format.fill.color = d.settleable ? FILL.input : FILL.muted;
        if (d.settled) sheet.getRangeByIndexes(HEADER_ROW + 1 + i, 5, 1, 1).format.fill.color = FILL.dat;
      });
    }
    WIDTHS.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, HEADER_ROW + 1, 2));
    const meta: DoubtsSheetMeta = {
      kind: "doubts",
      server: opts.server,
      rows: Object.fromEntries(opts.doubts.flatMap((d, i) => (d.settleable && d.year !== null ? [[String(HEADER_ROW + 1 + i), { key: d.key, year: d.year }]] : []))),
      valueCol: VALUE_COL,
      sourceCol: SOURCE_COL,
      marks: [],
      at: opts.at ?? new Date().toISOString(),
    };
    const placed = queuePlace(context, fresh, DOUBTS_SHEET, meta, (_id, m) => m.kind === "doubts");
    await context.sync(); // 2
    return { sheetId: placed.id, sheetName: placed.name, rows: n, settled };
  });
}

export interface SettleEntry {
  key: string;
  year: number;
  /** 1-based row. */
  row: number;
  text: string;
  source: string;
  valueAddress: string;
  sourceAddress: string;
}

export interface DoubtsRead {
  sheetId: string;
  sheetName: string;
  meta: DoubtsSheetMeta;
  /** Rows where the administrator wrote a value or a source. */
  entries: SettleEntry[];
}

/** The values and sources typed into the doubts sheet. 2 round trips. */
export async function readDoubtsSheet(host: ExcelHost): Promise<DoubtsRead> {
  return host.run(async (context) => {
    const found = await findAdminSheet(context, "doubts"); // 1
    if (!found) throw new ExcelOpError("not_linked");
    const { meta } = found;
    const rows = Object.keys(meta.rows).map(Number);
    const first = rows.length ? Math.min(...rows) : 0;
    const count = rows.length ? Math.max(...rows) - first + 1 : 0;
    const range = count ? context.workbook.worksheets.getItem(found.sheetId).getRangeByIndexes(first, meta.valueCol, count, meta.sourceCol - meta.valueCol + 1) : null;
    range?.load("values");
    await context.sync(); // 2
    const entries: SettleEntry[] = [];
    range?.values.forEach((v, i) => {
      const r = first + i;
      const target = meta.rows[String(r)];
      if (!target) return;
      const text = String(v[0] ?? "").trim();
      const source = String(v[meta.sourceCol - meta.valueCol] ?? "").trim();
      if (!text && !source) return;
      entries.push({ ...target, row: r + 1, text, source, valueAddress: cellAddress(r, meta.valueCol), sourceAddress: cellAddress(r, meta.sourceCol) });
    });
    return { sheetId: found.sheetId, sheetName: found.sheetName, meta, entries };
  });
}

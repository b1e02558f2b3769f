// The review cycle on the Sở KH&CN's side:
//  - the review list of a form and period ("Duyệt Phụ lục 1 Năm 2025"): each expected unit's latest submission and its
//    state (Đã nộp / Đã duyệt / Trả lại / Chưa nộp), as an Excel table with filter buttons; rewritten in place by the
//    next load (pulled-sheets.ts). 2 round trips.
//  - one unit's submission as a read-only cell list ("Số liệu Phường Hạc Thành"): one row per cell of the form (row,
//    column, the value the unit sent) and an open column "Ghi chú khi trả lại" where the administrator writes what the
//    unit must fix, on the exact cell. A list works in every Excel (no notes API needed) and each note is unambiguous.
//    2 round trips to write, 2 to read the notes back.
import { formatVnDateTime } from "../../shared/time.js";
import { cellAddress } from "./a1.js";
import type { Table, TableRow } from "../../shared/report/table.js";
import type { ReviewSheetMeta } from "./admin-meta.js";
import { findAdminSheet, queueHeader, queueNewSheet, queuePlace, queueTitle } from "./admin-sheets.js";
import { ExcelOpError } from "./errors.js";
import type { ExcelHost } from "./host.js";
import { FILL, charsToPoints } from "./layout.js";
import { PROTECTION } from "./meta.js";
import { queueListTable } from "./pull.js";
import { placeSheets, queuePlacementLoad } from "./pulled-sheets.js";
import { queueTable } from "./render-table.js";

const h = (text: string, col: number) => ({ text, row: 0, col, rowSpan: 1, colSpan: 1 });

export interface ReviewListRow {
  name: string;
  revision: number | null;
  at: string | null;
  cellCount: number;
  status: "submitted" | "accepted" | "returned" | null;
  comment: string | null;
  reviewedAt: string | null;
  notes: number;
}

const STATE = {
  submitted: { v: "Đã nộp", tone: "dat" },
  accepted: { v: "Đã duyệt", tone: "vuot" },
  returned: { v: "Trả lại", tone: "du_kien_khong_dat" },
} as const;

/** The review list as a Table (pure; exported for tests): waiting submissions first, then returned, approved, missing. */
export function reviewListLayout(sheetName: string, formName: string, periodLabel: string, rows: ReviewListRow[], at: string): Table {
  const order = { submitted: 0, returned: 1, accepted: 2 } as const;
  const sorted = [...rows].sort((a, b) => (a.status ? order[a.status] : 3) - (b.status ? order[b.status] : 3) || a.name.localeCompare(b.name, "vi"));
  const count = (s: ReviewListRow["status"]) => rows.filter((r) => r.status === s).length;
  const body: TableRow[] = sorted.map((r, i) => ({
    kind: "data",
    cells: [
      { v: i + 1, fmt: "0" },
      r.name,
      r.status ? { ...STATE[r.status] } : { v: "Chưa nộp", tone: "muted" },
      r.revision === null ? null : { v: r.revision, fmt: "0" },
      formatVnDateTime(r.at),
      r.status ? { v: r.cellCount, fmt: "0" } : null,
      r.comment ?? "",
      r.notes ? { v: r.notes, fmt: "0" } : null,
      formatVnDateTime(r.reviewedAt),
    ],
  }));
  return {
    sheetName,
    title: [
      `DUYỆT SỐ LIỆU ${formName.toUpperCase()}`,
      `Kỳ báo cáo: ${periodLabel}`,
      `Chờ duyệt ${count("submitted")}; đã duyệt ${count("accepted")}; trả lại ${count("returned")}; chưa nộp ${count(null)} (tổng ${rows.length} đơn vị)`,
      `(Cập nhật lúc ${formatVnDateTime(at)}, giờ Việt Nam. Mở số liệu một đơn vị trên ngăn Chỉ tiêu để duyệt hoặc trả lại.)`,
    ],
    headerRows: 1,
    header: [h("STT", 0), h("Đơn vị", 1), h("Tình trạng", 2), h("Lần nộp", 3), h("Thời điểm nộp", 4), h("Số ô", 5), h("Nhận xét của Sở KH&CN", 6), h("Số ghi chú", 7), h("Duyệt / trả lại lúc", 8)],
    widths: [6, 40, 12, 9, 17, 7, 40, 9, 17],
    rows: body,
    freezeCols: 2,
  };
}

/** Writes (or rewrites in place) the review list of a form and period. 2 round trips. */
export async function writeReviewList(
  host: ExcelHost,
  opts: { form: string; period: string; sheetName: string; formName: string; periodLabel: string; rows: ReviewListRow[]; at?: string },
): Promise<{ sheetId: string; sheetName: string; replaced: boolean; rows: number }> {
  const t = reviewListLayout(opts.sheetName, opts.formName, opts.periodLabel, opts.rows, opts.at ?? new Date().toISOString());
  return host.run(async (context) => {
    const load = queuePlacementLoad(context);
    await context.sync(); // 1
    const placed = placeSheets(context, load, [{ kind: "reviews", form: opts.form, period: opts.period, name: opts.sheetName }]);
    const p = placed.placements[0]!;
    queueListTable(p.sheet, queueTable(p.sheet, t, { titleBold: 1 }));
    placed.commit();
    p.sheet.activate();
    p.sheet.load("id,name");
    await context.sync(); // 2
    return { sheetId: p.sheet.id, sheetName: p.sheet.name, replaced: p.replaces, rows: opts.rows.length };
  });
}

/** One cell of the unit's form, as the review sheet lists it. */
export interface ReviewCellRow {
  item: string;
  field: string;
  /** STT and name of the row (indicator or task) — data, as the form prints it. */
  stt: string;
  name: string;
  /** The column header. */
  column: string;
  value: string;
  /** A note already on this cell (a submission returned before), prefilled. */
  note?: string;
}

export interface WriteReviewSheetOptions {
  server: string;
  submission: string;
  form: string;
  formName: string;
  period: string;
  periodLabel: string;
  unit: string;
  unitName: string;
  revision: number;
  receivedAt: string;
  /** The state as people read it ("Đã nộp", "Trả lại"…). */
  state: string;
  rows: ReviewCellRow[];
}

const REVIEW_HEADERS = ["STT", "Chỉ tiêu / nhiệm vụ", "Cột", "Giá trị đơn vị gửi", "Ghi chú khi trả lại"];
const REVIEW_WIDTHS = [6, 52, 22, 24, 44];
const REVIEW_HEADER_ROW = 4;
const NOTE_COL = 4;

/** Sheet name of a unit's submission: "Số liệu Phường Hạc Thành" (≤ 31 characters). */
export function reviewSheetName(unitName: string): string {
  return `Số liệu ${unitName}`.slice(0, 31);
}

/**
 * Writes one unit's submission as a cell list with a note column, replacing the earlier sheet of the same unit, form
 * and period. The values are locked (the sheet is protected); only the note column can be typed in. 2 round trips.
 */
export async function writeReviewSheet(host: ExcelHost, opts: WriteReviewSheetOptions): Promise<{ sheetId: string; sheetName: string; rows: number; replaced: boolean }> {
  const n = opts.rows.length;
  const ncols = REVIEW_HEADERS.length;
  return host.run(async (context) => {
    const fresh = queueNewSheet(context);
    await context.sync(); // 1
    const sheet = fresh.sheet;
    sheet.showGridlines = false;
    queueTitle(sheet, 0, ncols, `SỐ LIỆU ĐƠN VỊ GỬI — ${opts.formName.toUpperCase()}`, "title");
    queueTitle(sheet, 1, ncols, `Đơn vị: ${opts.unitName}. Kỳ báo cáo: ${opts.periodLabel}. Lần nộp ${opts.revision}, lúc ${formatVnDateTime(opts.receivedAt)} (giờ Việt Nam). Tình trạng: ${opts.state}.`);
    queueTitle(
      sheet,
      2,
      ncols,
      "Ghi vào cột «Ghi chú khi trả lại» ở đúng ô đơn vị cần sửa, rồi bấm «Trả lại» (kèm nhận xét chung) hoặc «Duyệt» trên ngăn Chỉ tiêu. Giá trị đơn vị gửi không sửa được ở đây.",
    );
    queueHeader(sheet, REVIEW_HEADER_ROW, REVIEW_HEADERS);
    if (n > 0) {
      const body = sheet.getRangeByIndexes(REVIEW_HEADER_ROW + 1, 0, n, ncols);
      body.numberFormat = Array.from({ length: n }, () => Array(ncols).fill("@"));
      body.values = opts.rows.map((r) => [r.stt, r.name, r.column, r.value, r.note ?? ""]);
      body.format.wrapText = true;
      body.format.verticalAlignment = "Center";
      sheet.getRangeByIndexes(REVIEW_HEADER_ROW + 1, 0, n, NOTE_COL).format.fill.color = FILL.catalog;
      const notes = sheet.getRangeByIndexes(REVIEW_HEADER_ROW + 1, NOTE_COL, n, 1);
      notes.format.protection.locked = false;
      notes.format.fill.color = FILL.input;
      notes.dataValidation.rule = { textLength: { formula1: 1000, operator: "LessThanOrEqualTo" } };
      notes.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "Ghi chú", message: "Ghi chú tối đa 1.000 ký tự." };
    }
    REVIEW_WIDTHS.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    sheet.freezePanes.freezeRows(REVIEW_HEADER_ROW + 1);
    sheet.protection.protect(PROTECTION);
    const meta: ReviewSheetMeta = {
      kind: "review",
      server: opts.server,
      submission: opts.submission,
      form: opts.form,
      period: opts.period,
      unit: opts.unit,
      unitName: opts.unitName,
      revision: opts.revision,
      rows: Object.fromEntries(opts.rows.map((r, i) => [String(REVIEW_HEADER_ROW + 1 + i), { item: r.item, field: r.field }])),
      noteCol: NOTE_COL,
      at: new Date().toISOString(),
    };
    const placed = queuePlace(
      context,
      fresh,
      reviewSheetName(opts.unitName),
      meta,
      (_id, m) => m.kind === "review" && m.unit === opts.unit && m.form === opts.form && m.period === opts.period,
    );
    await context.sync(); // 2
    return { sheetId: placed.id, sheetName: placed.name, rows: n, replaced: placed.replaced };
  });
}

export interface ReviewNotesRead {
  sheetId: string;
  sheetName: string;
  meta: ReviewSheetMeta;
  notes: { item: string; field: string; note: string; address: string }[];
}

/** The notes the administrator wrote on a review sheet (the active one, or the one of `submission`). 2 round trips. */
export async function readReviewSheet(host: ExcelHost, submission?: string): Promise<ReviewNotesRead> {
  return host.run(async (context) => {
    const found = await findAdminSheet(context, "review"); // 1
    if (!found) throw new ExcelOpError("not_linked");
    let { sheetId, sheetName, meta } = found;
    if (submission && meta.submission !== submission) {
      const other = Object.entries(found.index).find(([, m]) => m.kind === "review" && m.submission === submission);
      if (!other) throw new ExcelOpError("not_linked");
      sheetId = other[0];
      meta = other[1] as ReviewSheetMeta;
      sheetName = "";
    }
    const sheet = context.workbook.worksheets.getItem(sheetId);
    sheet.load("name");
    const rows = Object.keys(meta.rows).map(Number);
    const first = Math.min(...rows);
    const count = rows.length ? Math.max(...rows) - first + 1 : 0;
    const col = count ? sheet.getRangeByIndexes(first, meta.noteCol, count, 1) : null;
    col?.load("values");
    await context.sync(); // 2
    const notes: ReviewNotesRead["notes"] = [];
    col?.values.forEach((v, i) => {
      const text = String(v[0] ?? "").trim();
      const cell = meta.rows[String(first + i)];
      if (text && cell) notes.push({ ...cell, note: text.slice(0, 1000), address: cellAddress(first + i, meta.noteCol) });
    });
    return { sheetId, sheetName: sheetName || sheet.name, meta, notes };
  });
}

// The unit registry as the sheet "Danh sách đơn vị": one row per unit, as an Excel table the administrator edits like any
// sheet (rows typed or pasted at the end join the table; the codes are the one place a person reads unit codes, since
// the code IS what the administrator manages here). Written from GET /api/admin/registry and read back for a push.
//  - write: 2 round trips (a fresh sheet; then filled, named in place of the older registry sheet, meta saved);
//  - read: 2 round trips (find the registry sheet; its values), header texts mapped to fields, so a moved column still
//    reads right.
import { CATEGORY_LABELS, foldName, type RegistryUnit } from "../../shared/registry/index.js";
import { formatVnDateTime } from "../../shared/time.js";
import { cellAddress } from "./a1.js";
import type { RegistryField, RegistrySheetMeta } from "./admin-meta.js";
import { findAdminSheet, queueHeader, queueNewSheet, queuePlace, queueTitle } from "./admin-sheets.js";
import type { PlacedMark } from "./cell-marks.js";
import { ExcelOpError } from "./errors.js";
import type { ExcelHost } from "./host.js";
import { charsToPoints } from "./layout.js";

export const REGISTRY_SHEET = "Danh sách đơn vị";

/** The columns, as the sheet prints them. */
export const REGISTRY_COLUMNS: { field: RegistryField; header: string; width: number }[] = [
  { field: "code", header: "Mã đơn vị", width: 24 },
  { field: "name", header: "Tên đơn vị", width: 34 },
  { field: "category", header: "Loại đơn vị", width: 20 },
  { field: "agencies", header: "Cơ quan theo danh mục", width: 44 },
  { field: "canReport", header: "Gửi số liệu", width: 10 },
  { field: "canView", header: "Xem tổng hợp", width: 11 },
  { field: "canAdmin", header: "Quản trị", width: 9 },
  { field: "active", header: "Hoạt động", width: 10 },
  { field: "contactName", header: "Người liên hệ", width: 22 },
  { field: "phone", header: "Điện thoại", width: 14 },
  { field: "email", header: "Thư điện tử", width: 26 },
  { field: "successor", header: "Đơn vị kế thừa", width: 20 },
  { field: "note", header: "Ghi chú", width: 30 },
];
const FLAG_FIELDS: RegistryField[] = ["canReport", "canView", "canAdmin", "active"];

/** 0-based: title, version line, how-to line, blank, header. */
export const REGISTRY_HEADER_ROW = 4;
/** Formats and drop-down lists also cover this many empty rows under the units (where new rows are pasted). */
export const REGISTRY_SPARE_ROWS = 500;
/** Hidden column holding the category labels the "Loại đơn vị" drop-down lists (they contain commas). */
const LIST_COL = REGISTRY_COLUMNS.length + 2;

const yesNo = (b: boolean) => (b ? "Có" : "Không");

/** A unit as a sheet row (texts, in column order). */
export function registryRow(u: RegistryUnit): string[] {
  return REGISTRY_COLUMNS.map(({ field }) => {
    switch (field) {
      case "category":
        return CATEGORY_LABELS[u.category];
      case "agencies":
        return u.agencies.join("; ");
      case "canReport":
      case "canView":
      case "canAdmin":
      case "active":
        return yesNo(u[field]);
      default:
        return String(u[field] ?? "");
    }
  });
}

export interface WriteRegistryOptions {
  units: RegistryUnit[];
  version: number;
  server: string;
  /** When the registry was read (ISO); default now. */
  at?: string;
}

export interface WriteRegistryResult {
  sheetId: string;
  sheetName: string;
  rows: number;
  replaced: boolean;
}

/** Writes (or rewrites in place) the registry sheet. 2 round trips. */
export async function writeRegistrySheet(host: ExcelHost, opts: WriteRegistryOptions): Promise<WriteRegistryResult> {
  const at = opts.at ?? new Date().toISOString();
  const ncols = REGISTRY_COLUMNS.length;
  const h = REGISTRY_HEADER_ROW;
  const n = opts.units.length;
  return host.run(async (context) => {
    const fresh = queueNewSheet(context);
    await context.sync(); // 1

    const sheet = fresh.sheet;
    sheet.showGridlines = true;
    queueTitle(sheet, 0, ncols, "DANH SÁCH ĐƠN VỊ BÁO CÁO", "title");
    queueTitle(sheet, 1, ncols, `Phiên bản ${opts.version} của danh sách trên máy chủ, tải lúc ${formatVnDateTime(at)} (giờ Việt Nam).`);
    queueTitle(
      sheet,
      2,
      ncols,
      "Sửa trực tiếp trên trang; thêm đơn vị ở cuối bảng (dán được nhiều dòng, mã để trống sẽ tạo từ tên). Không xóa dòng: muốn ngừng một đơn vị, ghi «Không» ở cột Hoạt động. Cơ quan theo danh mục: các tên cách nhau bằng dấu ;",
    );
    queueHeader(sheet, h, REGISTRY_COLUMNS.map((c) => c.header));
    // Every cell is text ("0912…" keeps its 0, a code is never a number), including the spare rows where units are pasted.
    const span = Math.max(n, 1) + REGISTRY_SPARE_ROWS;
    sheet.getRangeByIndexes(h + 1, 0, span, ncols).numberFormat = Array.from({ length: span }, () => Array(ncols).fill("@"));
    if (n > 0) {
      const body = sheet.getRangeByIndexes(h + 1, 0, n, ncols);
      body.values = opts.units.map(registryRow);
      body.format.verticalAlignment = "Center";
    }
    // Drop-down lists: the category labels (written in a hidden column: they contain commas), Có/Không for the rights.
    const labels = Object.values(CATEGORY_LABELS);
    const list = sheet.getRangeByIndexes(0, LIST_COL, labels.length, 1);
    list.numberFormat = labels.map(() => ["@"]);
    list.values = labels.map((l) => [l]);
    list.columnHidden = true;
    const catCol = REGISTRY_COLUMNS.findIndex((c) => c.field === "category");
    const cat = sheet.getRangeByIndexes(h + 1, catCol, span, 1);
    cat.dataValidation.rule = { list: { inCellDropDown: true, source: `=$${letters(LIST_COL)}$1:$${letters(LIST_COL)}$${labels.length}` } };
    cat.dataValidation.errorAlert = { showAlert: true, style: "Warning", title: "Loại đơn vị", message: `Chọn một loại: ${labels.join("; ")}.` };
    for (const f of FLAG_FIELDS) {
      const col = sheet.getRangeByIndexes(h + 1, REGISTRY_COLUMNS.findIndex((c) => c.field === f), span, 1);
      col.dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
      col.dataValidation.errorAlert = { showAlert: true, style: "Warning", title: "Có/Không", message: "Ghi Có hoặc Không." };
      col.format.horizontalAlignment = "Center";
    }
    const table = sheet.tables.add(sheet.getRangeByIndexes(h, 0, 1 + Math.max(n, 1), ncols), true);
    table.style = "TableStyleLight9";
    table.showBandedRows = true;
    table.showFilterButton = true;
    REGISTRY_COLUMNS.forEach((c, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(c.width)));
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, h + 1, 2));
    const meta: RegistrySheetMeta = { kind: "registry", version: opts.version, server: opts.server, headerRow: h, at, marks: [] };
    const placed = queuePlace(context, fresh, REGISTRY_SHEET, meta, (_id, m) => m.kind === "registry");
    await context.sync(); // 2
    return { sheetId: placed.id, sheetName: placed.name, rows: n, replaced: placed.replaced };
  });
}

function letters(col: number): string {
  return cellAddress(0, col).replace(/\d+$/, "");
}

/** One data row of the sheet as typed: texts by field, with its sheet row number and cell addresses. */
export interface RegistrySheetRow {
  /** 1-based row number as Excel shows it ("Dòng 12"). */
  row: number;
  values: Partial<Record<RegistryField, string>>;
  /** Field → cell address ("C12"). */
  address: Partial<Record<RegistryField, string>>;
}

export interface RegistryRead {
  sheetId: string;
  sheetName: string;
  meta: RegistrySheetMeta;
  rows: RegistrySheetRow[];
  /** Columns the sheet lacks (their values are not pushed: the pane refuses a sheet without Mã/Tên/Loại). */
  missing: RegistryField[];
}

const fold = foldName;

/** Text of a cell value as typed (numbers as plain digits, booleans as Có/Không). */
function text(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "Có" : "Không";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v).replace(".", ",");
  return String(v).trim();
}

/** Maps a loaded grid (used range from row 0) to rows (pure; exported for tests). */
export function mapRegistryGrid(values: unknown[][], rowIndex: number, columnIndex: number, headerRow: number): { rows: RegistrySheetRow[]; missing: RegistryField[] } {
  const byHeader = new Map(REGISTRY_COLUMNS.map((c) => [fold(c.header), c.field]));
  // The header row: where the meta says, else the first row that names "Mã đơn vị" and "Tên đơn vị".
  const looksLikeHeader = (r: unknown[] | undefined) => !!r && r.some((v) => fold(text(v)) === "ma don vi") && r.some((v) => fold(text(v)) === "ten don vi");
  let hr = headerRow - rowIndex;
  if (!looksLikeHeader(values[hr])) hr = values.findIndex((r) => looksLikeHeader(r));
  if (hr < 0) return { rows: [], missing: REGISTRY_COLUMNS.map((c) => c.field) };
  const cols = new Map<RegistryField, number>();
  values[hr]!.forEach((v, i) => {
    const f = byHeader.get(fold(text(v)));
    if (f && !cols.has(f)) cols.set(f, i);
  });
  const rows: RegistrySheetRow[] = [];
  for (let i = hr + 1; i < values.length; i++) {
    const r = values[i]!;
    const row: RegistrySheetRow = { row: rowIndex + i + 1, values: {}, address: {} };
    let any = false;
    for (const [f, c] of cols) {
      const t = text(r[c]);
      row.values[f] = t;
      row.address[f] = cellAddress(rowIndex + i, columnIndex + c);
      if (t) any = true;
    }
    if (any) rows.push(row);
  }
  return { rows, missing: REGISTRY_COLUMNS.map((c) => c.field).filter((f) => !cols.has(f)) };
}

/** Reads the registry sheet (the active one if it is a registry sheet). 2 round trips. */
export async function readRegistrySheet(host: ExcelHost): Promise<RegistryRead> {
  return host.run(async (context) => {
    const found = await findAdminSheet(context, "registry"); // 1
    if (!found) throw new ExcelOpError("not_linked");
    const used = context.workbook.worksheets.getItem(found.sheetId).getUsedRange(true);
    used.load("values,rowIndex,columnIndex");
    await context.sync(); // 2
    const mapped = mapRegistryGrid(used.values, used.rowIndex, used.columnIndex, found.meta.headerRow);
    return { sheetId: found.sheetId, sheetName: found.sheetName, meta: found.meta, ...mapped };
  });
}

export type { PlacedMark };

// Access tokens for many units: the handout sheet "Phiếu cấp mã truy cập" (unit, token, issued at in Vietnam time) that
// the administrator prints or hands out. Each issue writes a fresh handout sheet; the secret is written there ONCE and
// nowhere else (not in settings, not in the registry sheet, not in the sheet's meta, which keeps only the unit and the
// token id of each row). Revoking or re-issuing marks the older rows "Đã thu hồi".
// Selecting units: rows selected in the registry sheet (by code) or in a handout sheet (by its meta).
//  - writeTokenSheet: 2 round trips (a fresh sheet + the index; then the handout, the revoked marks and the index);
//  - readSelectedUnits: 2 round trips (the selection, its sheet and the index; then the selected rows).
import { formatVnDateTime } from "../../shared/time.js";
import { queueAdminLoad, queueAdminSave, readAdminIndex, liveEntries, type AdminIndex, type TokenSheetMeta } from "./admin-meta.js";
import { queueHeader, queueNewSheet, queuePlace, queueTitle } from "./admin-sheets.js";
import type { ExcelHost } from "./host.js";
import { FILL, charsToPoints } from "./layout.js";
import { noteOwnWrite } from "./meta.js";
import { REGISTRY_COLUMNS } from "./registry-sheet.js";

export const TOKEN_SHEET = "Phiếu cấp mã truy cập";
const HEADERS = ["STT", "Đơn vị", "Mã truy cập", "Cấp lúc", "Tình trạng"];
const WIDTHS = [6, 40, 56, 17, 30];
const HEADER_ROW = 4;
const STATE_COL = 4;

export interface IssuedToken {
  unit: string;
  unitName: string;
  token: string;
  id: string;
  issuedAt: string;
}

export interface WriteTokensOptions {
  /** New tokens (issue or rotate); empty for a revocation only. */
  tokens: IssuedToken[];
  server: string;
  /** Units whose every older token was revoked (rotate, or revoke by unit). */
  revokedUnits?: string[];
  /** Single tokens revoked (revoke from a handout sheet). */
  revokedTokenIds?: string[];
  /** When the revocation happened (ISO); default now. */
  at?: string;
  /** True for "Cấp lại": the new rows say the older tokens were revoked. */
  rotated?: boolean;
}

export interface WriteTokensResult {
  /** The new handout sheet (null for a revocation only). */
  sheetId: string | null;
  sheetName: string | null;
  written: number;
  /** Rows of older handouts now marked revoked. */
  markedRevoked: number;
}

/** Queues "Đã thu hồi" on the rows of older handouts that the revocation hit; returns how many. */
function queueRevokedMarks(context: Excel.RequestContext, index: AdminIndex, opts: WriteTokensOptions, at: string): number {
  const units = new Set(opts.revokedUnits ?? []);
  const ids = new Set(opts.revokedTokenIds ?? []);
  if (!units.size && !ids.size) return 0;
  let n = 0;
  for (const [sheetId, meta] of Object.entries(index)) {
    if (meta.kind !== "tokens") continue;
    const sheet = context.workbook.worksheets.getItem(sheetId);
    for (const [row, r] of Object.entries(meta.rows)) {
      if (r.revoked || !(units.has(r.unit) || ids.has(r.tokenId))) continue;
      const state = sheet.getRangeByIndexes(Number(row), meta.stateCol, 1, 1);
      state.numberFormat = [["@"]];
      state.values = [[`Đã thu hồi lúc ${formatVnDateTime(at)}`]];
      sheet.getRangeByIndexes(Number(row), 0, 1, meta.stateCol + 1).format.fill.color = FILL.muted;
      r.revoked = true;
      n++;
    }
  }
  return n;
}

/** Writes a handout with the new tokens and marks revoked rows of older handouts. 2 round trips. */
export async function writeTokenSheet(host: ExcelHost, opts: WriteTokensOptions): Promise<WriteTokensResult> {
  const at = opts.at ?? new Date().toISOString();
  return host.run(async (context) => {
    if (opts.tokens.length === 0) {
      const sheets = context.workbook.worksheets;
      sheets.load("items/id");
      const admin = queueAdminLoad(context);
      await context.sync(); // 1
      const index = liveEntries(readAdminIndex(admin), sheets.items);
      const markedRevoked = queueRevokedMarks(context, index, opts, at);
      queueAdminSave(context, index);
      noteOwnWrite();
      await context.sync(); // 2
      return { sheetId: null, sheetName: null, written: 0, markedRevoked };
    }
    const fresh = queueNewSheet(context);
    await context.sync(); // 1

    const index = liveEntries(readAdminIndex(fresh.admin), fresh.sheets.items);
    // Older rows first (the new sheet is not in the index yet, so its rows are never marked).
    const markedRevoked = queueRevokedMarks(context, index, opts, at);
    const sheet = fresh.sheet;
    const ncols = HEADERS.length;
    sheet.showGridlines = false;
    const issuedAt = opts.tokens[0]!.issuedAt;
    queueTitle(sheet, 0, ncols, "PHIẾU CẤP MÃ TRUY CẬP", "title");
    queueTitle(sheet, 1, ncols, `Cấp lúc ${formatVnDateTime(issuedAt)} (giờ Việt Nam). Địa chỉ máy chủ: ${opts.server}`);
    queueTitle(
      sheet,
      2,
      ncols,
      "Mỗi mã chỉ hiển thị MỘT LẦN, tại trang này: máy chủ chỉ lưu bản băm, không xem lại được. In hoặc giao mã cho đúng đơn vị, rồi xóa trang này; mất mã thì cấp lại.",
    );
    queueHeader(sheet, HEADER_ROW, HEADERS);
    const n = opts.tokens.length;
    const body = sheet.getRangeByIndexes(HEADER_ROW + 1, 0, n, ncols);
    body.numberFormat = Array.from({ length: n }, () => ["0", "@", "@", "@", "@"]);
    body.values = opts.tokens.map((t, i) => [
      i + 1,
      t.unitName,
      t.token,
      formatVnDateTime(t.issuedAt),
      opts.rotated ? "Cấp lại (mã cũ đã thu hồi)" : "Đang dùng",
    ]);
    body.format.verticalAlignment = "Center";
    sheet.getRangeByIndexes(HEADER_ROW + 1, 2, n, 1).format.font.bold = true;
    WIDTHS.forEach((w, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(w)));
    sheet.freezePanes.freezeRows(HEADER_ROW + 1);
    const meta: TokenSheetMeta = {
      kind: "tokens",
      server: opts.server,
      stateCol: STATE_COL,
      at,
      rows: Object.fromEntries(opts.tokens.map((t, i) => [String(HEADER_ROW + 1 + i), { unit: t.unit, tokenId: t.id }])),
    };
    const placed = queuePlace(context, fresh, TOKEN_SHEET, meta, () => false, index);
    await context.sync(); // 2
    return { sheetId: placed.id, sheetName: placed.name, written: n, markedRevoked };
  });
}

export interface SelectedUnit {
  code: string;
  name: string;
  /** 1-based sheet row. */
  row: number;
  /** Selected in a handout sheet: the token of that row. */
  tokenId?: string;
}

export interface Selection {
  source: "registry" | "tokens" | "other";
  sheetName: string;
  units: SelectedUnit[];
}

/** The units of the rows selected in the registry sheet or a handout sheet. 2 round trips. */
export async function readSelectedUnits(host: ExcelHost): Promise<Selection> {
  return host.run(async (context) => {
    const sel = context.workbook.getSelectedRange();
    sel.load("rowIndex,rowCount");
    // The selection is always on the active sheet.
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load("id,name");
    const used = ws.getUsedRange(true);
    used.load("rowIndex,rowCount");
    const admin = queueAdminLoad(context);
    await context.sync(); // 1

    const meta = readAdminIndex(admin)[ws.id];
    const first = Math.max(sel.rowIndex, used.rowIndex);
    const last = Math.min(sel.rowIndex + sel.rowCount, used.rowIndex + used.rowCount) - 1;
    if (meta?.kind === "tokens") {
      const units: SelectedUnit[] = [];
      for (let r = first; r <= last; r++) {
        const x = meta.rows[String(r)];
        if (x && !x.revoked) units.push({ code: x.unit, name: "", row: r + 1, tokenId: x.tokenId });
      }
      // Names as the handout shows them (round trip 2, only the selected rows).
      if (units.length) {
        const names = ws.getRangeByIndexes(first, 1, last - first + 1, 1);
        names.load("values");
        await context.sync(); // 2
        for (const u of units) u.name = String(names.values[u.row - 1 - first]?.[0] ?? "");
      }
      return { source: "tokens", sheetName: ws.name, units };
    }
    if (meta?.kind !== "registry" || last < first) return { source: meta?.kind === "registry" ? "registry" : "other", sheetName: ws.name, units: [] };
    const ncols = REGISTRY_COLUMNS.length + 1;
    const head = ws.getRangeByIndexes(meta.headerRow, 0, 1, ncols);
    head.load("values");
    const rows = ws.getRangeByIndexes(first, 0, last - first + 1, ncols);
    rows.load("values");
    await context.sync(); // 2
    const headers = head.values[0]!.map((v) => String(v).trim());
    const codeCol = headers.indexOf("Mã đơn vị");
    const nameCol = headers.indexOf("Tên đơn vị");
    const units: SelectedUnit[] = [];
    rows.values.forEach((r, i) => {
      const row = first + i;
      if (row <= meta.headerRow || codeCol < 0) return;
      const code = String(r[codeCol] ?? "").trim();
      if (code) units.push({ code, name: nameCol >= 0 ? String(r[nameCol] ?? "").trim() : code, row: row + 1 });
    });
    return { source: "registry", sheetName: ws.name, units };
  });
}

// What the Sở KH&CN's own sheets remember: the unit registry ("Danh sách đơn vị") and its registry version, the token
// handouts ("Phiếu cấp mã truy cập": which row is which unit and token id — never the token), the review sheet of one
// submission (which row is which cell), and the doubtful-targets sheet. One workbook setting, keyed by worksheet id (a
// rename keeps the link), separate from the entry sheets' index (ChiTieu.sheets.v1) so neither reads the other's kinds.
//
// Sheets are created in the first round trip under a temporary name with their id loaded, so the second round trip can
// fill them AND save their meta under the new id (2 round trips, whatever the size).
import type { MarkRecord } from "./meta.js";

export const ADMIN_KEY = "ChiTieu.admin.v1";

/** Column ids of the registry sheet, in the order written (the header texts are in registry-sheet.ts). */
export type RegistryField =
  | "code"
  | "name"
  | "category"
  | "agencies"
  | "canReport"
  | "canView"
  | "canAdmin"
  | "active"
  | "contactName"
  | "phone"
  | "email"
  | "successor"
  | "note";

export interface RegistrySheetMeta {
  kind: "registry";
  /** The registry version the sheet was read at (GET /api/admin/registry): the push's baseVersion. */
  version: number;
  /** The server the registry came from (a sheet of another server is not pushed there). */
  server: string;
  /** 0-based header row; data follows. */
  headerRow: number;
  /** When the sheet was written (ISO, UTC). */
  at: string;
  /** Cells currently marked by a check (fill + note). */
  marks: MarkRecord[];
}

export interface TokenRow {
  unit: string;
  tokenId: string;
  /** Set once the token was revoked (by "Thu hồi" or "Cấp lại"). */
  revoked?: boolean;
}

export interface TokenSheetMeta {
  kind: "tokens";
  server: string;
  /** 0-based row → the unit and token id written there (the token itself is only in the cell). */
  rows: Record<string, TokenRow>;
  /** 0-based column of the state ("Tình trạng"). */
  stateCol: number;
  at: string;
}

export interface ReviewSheetMeta {
  kind: "review";
  server: string;
  submission: string;
  form: string;
  period: string;
  unit: string;
  unitName: string;
  revision: number;
  /** 0-based row → the cell of the unit's form it shows. */
  rows: Record<string, { item: string; field: string }>;
  /** 0-based column where the admin writes notes. */
  noteCol: number;
  at: string;
}

export interface DoubtsSheetMeta {
  kind: "doubts";
  server: string;
  /** 0-based row → the indicator and target year a settled value goes to (settleable rows only). */
  rows: Record<string, { key: string; year: number }>;
  /** 0-based columns of the two inputs. */
  valueCol: number;
  sourceCol: number;
  marks: MarkRecord[];
  at: string;
}

export type AdminSheetMeta = RegistrySheetMeta | TokenSheetMeta | ReviewSheetMeta | DoubtsSheetMeta;
export type AdminIndex = Record<string, AdminSheetMeta>;

export function queueAdminLoad(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(ADMIN_KEY);
  setting.load("value");
  return setting;
}

export function readAdminIndex(setting: Excel.Setting): AdminIndex {
  if (setting.isNullObject) return {};
  const v: unknown = setting.value;
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as AdminIndex;
    } catch {
      return {};
    }
  }
  return v && typeof v === "object" ? (v as AdminIndex) : {};
}

export function queueAdminSave(context: Excel.RequestContext, index: AdminIndex): void {
  context.workbook.settings.add(ADMIN_KEY, JSON.stringify(index));
}

/** Sheets of the index that still exist in the workbook (after the sheets were loaded). */
export function liveEntries(index: AdminIndex, sheets: { id: string }[]): AdminIndex {
  const ids = new Set(sheets.map((s) => s.id));
  return Object.fromEntries(Object.entries(index).filter(([id]) => ids.has(id)));
}

/** A temporary sheet name no workbook is likely to hold (the real name is given in the second round trip). */
export function tempSheetName(): string {
  return `Chỉ tiêu ${Math.random().toString(36).slice(2, 8)}`;
}

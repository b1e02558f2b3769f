// What a sheet remembers: form, period, base revision, last receipt, layout and current marks. Stored in the
// workbook settings (travels with the file, per add-in) as one JSON index keyed by worksheet id, so renaming
// a sheet keeps its link and one load answers "which sheet is what".
import type { Receipt } from "../../shared/schemas/index.js";

export const META_KEY = "ChiTieu.sheets.v1";

export interface MarkRecord {
  address: string;
  /** Fill before we marked it (restored on clear); null = no fill. */
  fill: string | null;
  note: boolean;
}

export interface SheetMeta {
  kind: "entry" | "merged" | "completeness";
  form: string;
  period: string;
  /** Revision the sheet's values are based on (the last accepted push or pulled state); null = never pushed. */
  baseRevision: number | null;
  lastReceipt?: Pick<Receipt, "id" | "revision" | "receivedAt" | "status" | "cellCount"> | null;
  /** Field id of each column (0-based from column A); null where the column is not data. */
  fields: (string | null)[];
  /** First data row (0-based). */
  dataStart: number;
  /** Hidden column that holds the item id of each row (sheets we created); null for adopted sheets. */
  idCol: number | null;
  /** Adopted sheets: 0-based row → item. */
  rowItems?: Record<string, string>;
  /** Sheet protected by us (unprotect → write → protect around our own writes). */
  protected: boolean;
  marks: MarkRecord[];
  unit?: string;
}

export type MetaIndex = Record<string, SheetMeta>;

/** Queues a load of the meta index (read `.value` after sync with readMetaIndex). */
export function queueMetaLoad(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(META_KEY);
  setting.load("value");
  return setting;
}

/** Reads a loaded meta setting (after sync). */
export function readMetaIndex(setting: Excel.Setting): MetaIndex {
  if (setting.isNullObject) return {};
  const v: unknown = setting.value;
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as MetaIndex;
    } catch {
      return {};
    }
  }
  return v && typeof v === "object" ? (v as MetaIndex) : {};
}

export function queueMetaSave(context: Excel.RequestContext, index: MetaIndex): void {
  context.workbook.settings.add(META_KEY, JSON.stringify(index));
}

export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: false,
  allowInsertRows: false,
  allowDeleteRows: false,
  allowFormatCells: false,
  allowEditObjects: false,
};

/** Queues writes to a sheet we protect: unprotect first, protect again after `fn`. */
export function withUnprotected(sheet: Excel.Worksheet, isProtected: boolean, fn: () => void): void {
  if (isProtected) sheet.protection.unprotect();
  fn();
  if (isProtected) sheet.protection.protect(PROTECTION);
}

// Writes by the add-in itself are announced by onChanged too; hosts older than ExcelApi 1.14 give no
// triggerSource, so the edit watcher also ignores changes right after one of our own writes.
let ownWriteUntil = 0;
export function noteOwnWrite(ms = 1500): void {
  ownWriteUntil = Date.now() + ms;
}
export function recentlyWrote(): boolean {
  return Date.now() < ownWriteUntil;
}

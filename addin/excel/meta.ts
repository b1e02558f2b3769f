// What a sheet remembers: form, period, base revision, last receipt, layout and current marks. Stored in the
// workbook settings (travels with the file, per add-in) as one JSON index keyed by worksheet id, so renaming
// a sheet keeps its link and one load answers "which sheet is what".
import type { Cell, Receipt } from "../../shared/schemas/index.js";

export const META_KEY = "ChiTieu.sheets.v1";
/**
 * Sheets written by a pull, keyed by sheet name: a pull rewrites the sheet of the same kind, form and period in place
 * (same name and position) instead of adding another one. Keyed by name because the rewritten sheet gets a new id.
 */
export const PULLED_KEY = "ChiTieu.pulled.v1";

export interface PulledRecord {
  /** merged = province table; completeness = progress sheet; reminders = the admin's reminder list; reviews = review list. */
  kind: "merged" | "completeness" | "reminders" | "reviews";
  form: string;
  period: string;
  /** When it was written (ISO, UTC). */
  at: string;
}
export type PulledIndex = Record<string, PulledRecord>;

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
  /** The unit (code) the sheet reports for; the pane sends it only for that unit. */
  unit?: string;
  /**
   * The cells as the server last had them for this sheet ("item|field" → raw, blanks left out): as opened, as last
   * pushed, or as taken from the server (an adopted sheet takes the server's cells at adoption). A push sends this base
   * with the clerk's edits applied, so values the sheet does not show are kept; a value the clerk cleared is deleted
   * only after the pane has asked. Sizes: ≤ 5,000 cells (the submission limit), typically 60–240 (a few KB).
   */
  base?: Record<string, string>;
  /**
   * Adopted sheets: cells ("item|field") that were blank on the legacy sheet while the server had a value. While still
   * blank they count as not shown (the server's value is kept), since the clerk did not clear them.
   */
  keepBlank?: string[];
  /**
   * The Sở KH&CN's review of the unit's latest submission as last shown on this sheet: its notes on cells (Excel notes,
   * or fills where notes are not supported), removed when the review changes or a resubmission clears them.
   */
  review?: { submission: string; status: string; marks: (MarkRecord & { filled?: boolean })[] };
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

/** Queues a load of the pulled-sheet registry. */
export function queuePulledLoad(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(PULLED_KEY);
  setting.load("value");
  return setting;
}

export function readPulledIndex(setting: Excel.Setting): PulledIndex {
  return readMetaIndex(setting) as unknown as PulledIndex;
}

export function queuePulledSave(context: Excel.RequestContext, index: PulledIndex): void {
  context.workbook.settings.add(PULLED_KEY, JSON.stringify(index));
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

/** Blank as the worker counts it (spaces, no-break and zero-width spaces only): not stored, not sent. */
export function isBlankRaw(raw: string): boolean {
  return raw.replace(/[\s\u00A0\u200B\uFEFF]/g, "") === "";
}

/** "item|field" → raw of the non-blank cells: a sheet's base (SheetMeta.base). */
export function baseOf(cells: Cell[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cells) if (!isBlankRaw(c.raw)) out[`${c.item}|${c.field}`] = c.raw;
  return out;
}

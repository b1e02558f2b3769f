// The common frame of the Sở KH&CN's sheets: a sheet created in round trip 1 (under a temporary name, its id loaded) and
// filled, named and registered in round trip 2; an older sheet of the same kind is replaced in place (deleted, the new
// one takes its name and position). Also: reading one of these sheets (round trip 1: find it; round trip 2: its
// values), and replacing the check marks on one (probe, then write). Queued commands only where noted.
import {
  liveEntries,
  queueAdminLoad,
  queueAdminSave,
  readAdminIndex,
  tempSheetName,
  type AdminIndex,
  type AdminSheetMeta,
} from "./admin-meta.js";
import { queueMarkProbe, queueMarkWrites, type CellMark, type PlacedMark } from "./cell-marks.js";
import { ExcelOpError } from "./errors.js";
import type { ExcelHost } from "./host.js";
import { FILL, uniqueSheetName } from "./layout.js";
import { noteOwnWrite } from "./meta.js";

export interface SheetInfo {
  id: string;
  name: string;
  position: number;
}

export interface NewSheet {
  sheet: Excel.Worksheet;
  sheets: Excel.WorksheetCollection;
  admin: Excel.Setting;
}

/** Round trip 1 of a write: sheet names and positions, the admin index, and a fresh sheet with its id. */
export function queueNewSheet(context: Excel.RequestContext): NewSheet {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/position");
  const admin = queueAdminLoad(context);
  const sheet = sheets.add(tempSheetName());
  sheet.load("id");
  return { sheet, sheets, admin };
}

export interface Placed {
  id: string;
  name: string;
  /** True when an older sheet of the same kind was replaced. */
  replaced: boolean;
  index: AdminIndex;
}

/**
 * After round trip 1: gives the fresh sheet its name (replacing the sheets `replace` picks, in place), records its meta
 * and queues the index save. Call after filling the sheet, before round trip 2.
 */
export function queuePlace(
  context: Excel.RequestContext,
  n: NewSheet,
  baseName: string,
  meta: AdminSheetMeta,
  replace: (id: string, m: AdminSheetMeta) => boolean,
  /** The index to update (default: as loaded in round trip 1, without sheets that no longer exist). */
  given?: AdminIndex,
): Placed {
  const items: SheetInfo[] = n.sheets.items.map((s) => ({ id: s.id, name: s.name, position: s.position }));
  const index = given ?? liveEntries(readAdminIndex(n.admin), items);
  const olds = items.filter((s) => index[s.id] && replace(s.id, index[s.id]!));
  for (const old of olds) {
    context.workbook.worksheets.getItem(old.id).delete();
    delete index[old.id];
  }
  const gone = new Set(olds.map((o) => o.id));
  const name = uniqueSheetName(
    baseName,
    items.filter((s) => !gone.has(s.id)).map((s) => s.name),
  );
  n.sheet.name = name;
  if (olds[0]) n.sheet.position = olds[0].position;
  n.sheet.activate();
  index[n.sheet.id] = meta;
  queueAdminSave(context, index);
  noteOwnWrite();
  return { id: n.sheet.id, name, replaced: olds.length > 0, index };
}

/** Queues a title line merged across `span` columns. */
export function queueTitle(sheet: Excel.Worksheet, row: number, span: number, text: string, style: "title" | "note" = "note"): void {
  const r = sheet.getRangeByIndexes(row, 0, 1, span);
  r.merge(false);
  r.numberFormat = [Array(span).fill("@")];
  r.values = [[text, ...Array(span - 1).fill("")]];
  if (style === "title") {
    r.format.font.bold = true;
    r.format.font.size = 13;
  } else {
    r.format.font.italic = true;
    r.format.wrapText = true;
  }
}

/** Queues a bold, tinted header row. */
export function queueHeader(sheet: Excel.Worksheet, row: number, headers: string[]): void {
  const head = sheet.getRangeByIndexes(row, 0, 1, headers.length);
  head.numberFormat = [headers.map(() => "@")];
  head.values = [headers];
  head.format.font.bold = true;
  head.format.wrapText = true;
  head.format.verticalAlignment = "Center";
  head.format.fill.color = FILL.header;
}

export interface FoundSheet<M extends AdminSheetMeta> {
  sheetId: string;
  sheetName: string;
  meta: M;
  index: AdminIndex;
}

/**
 * Round trip 1 of a read: the sheet of `kind` (the active one if it is of that kind, else the first in the workbook).
 * Null when the workbook has none.
 */
export async function findAdminSheet<K extends AdminSheetMeta["kind"]>(
  context: Excel.RequestContext,
  kind: K,
  prefer?: string,
): Promise<FoundSheet<Extract<AdminSheetMeta, { kind: K }>> | null> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id");
  const active = sheets.getActiveWorksheet();
  active.load("id");
  const admin = queueAdminLoad(context);
  await context.sync(); // 1
  const index = liveEntries(readAdminIndex(admin), sheets.items);
  const ofKind = sheets.items.filter((s) => index[s.id]?.kind === kind);
  const pick = ofKind.find((s) => s.id === prefer) ?? ofKind.find((s) => s.id === active.id) ?? ofKind[0];
  if (!pick) return null;
  return { sheetId: pick.id, sheetName: pick.name, meta: index[pick.id] as Extract<AdminSheetMeta, { kind: K }>, index };
}

export interface MarkSheetResult {
  marked: number;
  cleared: number;
  /** Marks whose note was not added because the cell already had someone else's note. */
  noteSkipped: string[];
  notes: boolean;
}

/**
 * Replaces the check marks of a registry or doubts sheet: the previous marks (from the meta the caller read) are
 * restored, the new ones get a fill (red for errors, yellow for warnings) and a note. 2 round trips: probe, write.
 */
export async function markAdminSheet(
  host: ExcelHost,
  sheetId: string,
  old: PlacedMark[],
  marks: (Omit<CellMark, "fill"> & { severity: "error" | "warning" })[],
  prefix: string,
): Promise<MarkSheetResult> {
  const notesOk = host.isSetSupported("ExcelApi", "1.18");
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetId);
    sheet.load("id");
    const admin = queueAdminLoad(context);
    const probe = queueMarkProbe(
      sheet,
      old,
      marks.map((m) => m.address),
      notesOk,
    );
    await context.sync(); // 1
    if (sheet.isNullObject) throw new ExcelOpError("sheet_missing");
    const index = readAdminIndex(admin);
    const meta = index[sheetId];
    if (!meta || !("marks" in meta)) throw new ExcelOpError("not_linked");
    const w = queueMarkWrites(
      sheet,
      probe,
      old,
      marks.map((m) => ({ address: m.address, message: m.message, fill: m.severity === "error" ? FILL.error : FILL.warning })),
      { notesOk, prefix },
    );
    meta.marks = w.records;
    queueAdminSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2
    return { marked: w.records.length, cleared: w.cleared, noteSkipped: w.noteSkipped, notes: notesOk };
  });
}

// Looks things up in the workbook's sheet index (ChiTieu.sheets.v1): the entry sheet already open for a form, period
// and unit, and whether a sheet still exists. Activating a sheet by id.
import type { ExcelHost } from "./host.js";
import { queueMetaLoad, readMetaIndex } from "./meta.js";

export interface EntrySheetRef {
  sheetId: string;
  sheetName: string;
}

/** The entry sheet of a form, period and unit in this workbook, if there is one. 1 round trip. */
export async function findEntrySheet(host: ExcelHost, q: { form: string; period: string; unit?: string }): Promise<EntrySheetRef | null> {
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id");
    const setting = queueMetaLoad(context);
    await context.sync(); // 1
    const index = readMetaIndex(setting);
    for (const s of sheets.items) {
      const m = index[s.id];
      if (m && m.kind === "entry" && m.form === q.form && m.period === q.period && (!q.unit || !m.unit || m.unit === q.unit))
        return { sheetId: s.id, sheetName: s.name };
    }
    return null;
  });
}

/** Activates a sheet; false when it no longer exists. 2 round trips. */
export async function activateSheet(host: ExcelHost, sheetId: string): Promise<EntrySheetRef | null> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetId);
    sheet.load("id,name");
    await context.sync(); // 1
    if (sheet.isNullObject) return null;
    sheet.activate();
    await context.sync(); // 2
    return { sheetId: sheet.id, sheetName: sheet.name };
  });
}

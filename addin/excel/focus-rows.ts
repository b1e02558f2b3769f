// Shows only some indicator rows of an entry sheet (a department's own indicators) or all of them again, by hiding
// the other rows; group headings stay over the rows they head. Values in hidden rows are still read and sent.
// 2 round trips: 1. meta + the sheet's used range (ids);  2. hide/show rows.
import type { ExcelHost } from "./host.js";
import { ExcelOpError } from "./errors.js";
import { rawOf } from "./layout.js";
import { noteOwnWrite, queueMetaLoad, readMetaIndex, withUnprotected } from "./meta.js";

export interface FocusResult {
  /** Indicator rows shown / hidden. */
  shown: number;
  hidden: number;
}

/** `items` = the rows to keep visible; null shows every row. */
export async function focusRows(host: ExcelHost, sheetId: string, items: string[] | null): Promise<FocusResult> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const used = sheet.getUsedRange(false);
    used.load("rowIndex,rowCount,columnIndex,values");
    const metaSetting = queueMetaLoad(context);
    await context.sync(); // 1

    const meta = readMetaIndex(metaSetting)[sheetId];
    if (!meta || meta.kind !== "entry") throw new ExcelOpError("not_linked");
    const keep = items ? new Set(items) : null;
    const last = used.rowIndex + used.rowCount - 1;
    const itemAt = (r: number): string | null => {
      if (meta.idCol !== null) {
        const v = used.values[r - used.rowIndex]?.[meta.idCol - used.columnIndex];
        return v === undefined ? null : rawOf(v, undefined) || null;
      }
      return meta.rowItems?.[String(r)] ?? null;
    };
    // Decide per row; a group heading (no item) is shown when one of the rows under it is.
    const hide: boolean[] = [];
    let shown = 0;
    let hidden = 0;
    let groupAt = -1;
    let groupShown = false;
    for (let r = meta.dataStart; r <= last; r++) {
      const item = itemAt(r);
      const i = r - meta.dataStart;
      if (!item) {
        if (groupAt >= 0) hide[groupAt - meta.dataStart] = !groupShown;
        groupAt = r;
        groupShown = false;
        hide[i] = false;
        continue;
      }
      const visible = !keep || keep.has(item);
      hide[i] = !visible;
      if (visible) {
        shown++;
        groupShown = true;
      } else hidden++;
    }
    if (groupAt >= 0) hide[groupAt - meta.dataStart] = !groupShown;
    if (!keep) hide.fill(false);

    withUnprotected(sheet, meta.protected, () => {
      const n = last - meta.dataStart + 1;
      if (n > 0) sheet.getRangeByIndexes(meta.dataStart, 0, n, 1).rowHidden = false;
      // Hide runs of consecutive rows with one command each.
      for (let i = 0; i < hide.length; i++) {
        if (!hide[i]) continue;
        let j = i;
        while (j + 1 < hide.length && hide[j + 1]) j++;
        sheet.getRangeByIndexes(meta.dataStart + i, 0, j - i + 1, 1).rowHidden = true;
        i = j;
      }
    });
    noteOwnWrite();
    await context.sync(); // 2
    return { shown, hidden };
  });
}

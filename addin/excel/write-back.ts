// Writes to an entry sheet after a push or a conflict: server values into the cells, new task-row ids,
// the receipt and base revision into the sheet's meta. 2 round trips: locate (meta + id column), write.
import type { Cell, Receipt } from "../../shared/schemas/index.js";
import { cellAddress } from "./a1.js";
import type { ExcelHost } from "./host.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, withUnprotected } from "./meta.js";

export interface WriteBackOptions {
  /** Server values to put into the sheet ("Lấy bản máy chủ"). */
  cells?: Cell[];
  /** Ids assigned to new task rows by readSheet. */
  newIds?: { row: number; id: string }[];
  receipt?: Receipt;
  baseRevision?: number | null;
}

export async function writeBack(host: ExcelHost, sheetId: string, opts: WriteBackOptions): Promise<{ written: number; missing: Cell[] }> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const used = sheet.getUsedRange(false);
    used.load("rowIndex,rowCount,columnIndex");
    const metaSetting = queueMetaLoad(context);
    await context.sync(); // 1

    const index = readMetaIndex(metaSetting);
    const meta = index[sheetId];
    if (!meta) throw new Error("Trang tính này chưa gắn với biểu mẫu nào.");
    let written = 0;
    const missing: Cell[] = [];
    let rowOf = new Map<string, number>();
    if (meta.rowItems) rowOf = new Map(Object.entries(meta.rowItems).map(([r, item]) => [item, Number(r)]));

    // Sheets with an id column: find the rows of the items (one more round trip, only when writing cells).
    if (opts.cells?.length && meta.idCol !== null) {
      const n = used.rowIndex + used.rowCount - meta.dataStart;
      if (n > 0) {
        const ids = sheet.getRangeByIndexes(meta.dataStart, meta.idCol, n, 1);
        ids.load("values");
        await context.sync(); // 2 (only when writing cells)
        ids.values.forEach((row, i) => {
          const id = String(row[0] ?? "");
          if (id) rowOf.set(id, meta.dataStart + i);
        });
      }
    }
    for (const { row, id } of opts.newIds ?? []) rowOf.set(id, row);

    withUnprotected(sheet, meta.protected, () => {
      for (const { row, id } of opts.newIds ?? []) if (meta.idCol !== null) sheet.getRangeByIndexes(row, meta.idCol, 1, 1).values = [[id]];
      for (const c of opts.cells ?? []) {
        const row = rowOf.get(c.item);
        const col = meta.fields.indexOf(c.field);
        if (row === undefined || col < 0) {
          missing.push(c);
          continue;
        }
        const cell = sheet.getRange(cellAddress(row, col));
        cell.numberFormat = [["@"]];
        cell.values = [[c.raw]];
        written++;
      }
    });
    if (opts.receipt) {
      const r = opts.receipt;
      meta.lastReceipt = { id: r.id, revision: r.revision, receivedAt: r.receivedAt, status: r.status, cellCount: r.cellCount };
      meta.baseRevision = r.revision;
    }
    if (opts.baseRevision !== undefined) meta.baseRevision = opts.baseRevision;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2 or 3
    return { written, missing };
  });
}

// Writes to an entry sheet after a push or a conflict: server values into the cells, new task-row ids,
// the receipt and base revision into the sheet's meta. 2 round trips whatever the size: (1) the meta and, when
// writing cells, the sheet's used range (the rows' ids) and its tables; (2) the writes.
// On a task list, server rows that the sheet does not have are appended to the task table (blank rows at the end
// of the sheet's data are used first), with their ids in the hidden id column, as open-form writes initial cells.
// The table's own extent is not read (that would take a round trip between 1 and 2): the task table is the one
// open-form made, columns A to the id column, and rows appended with table.rows.add are then formatted through
// the table itself (its last rows), so they land where Excel put them.
import type { Cell, Receipt } from "../../shared/schemas/index.js";
import { getForm } from "../../shared/forms/index.js";
import { cellAddress } from "./a1.js";
import type { ExcelHost } from "./host.js";
import { numberFormatFor } from "./layout.js";
import { ExcelOpError } from "./errors.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, withUnprotected } from "./meta.js";

export interface WriteBackOptions {
  /** Server values to put into the sheet ("Lấy bản máy chủ"). */
  cells?: Cell[];
  /** Ids assigned to new task rows by readSheet. */
  newIds?: { row: number; id: string }[];
  receipt?: Receipt;
  baseRevision?: number | null;
  /** The server's cells after this step ("item|field" → raw): the sheet's new base (SheetMeta.base). */
  base?: Record<string, string>;
}

export interface WriteBackResult {
  written: number;
  /** Cells that found no place in the sheet (unknown field, or an item the sheet cannot take). */
  missing: Cell[];
  /** Task rows appended to the table (server rows the sheet did not have). */
  added: { row: number; id: string }[];
}

export async function writeBack(host: ExcelHost, sheetId: string, opts: WriteBackOptions): Promise<WriteBackResult> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const metaSetting = queueMetaLoad(context);
    const writing = !!opts.cells?.length;
    // Only when writing cells: the used range with its values (the rows' ids) and the sheet's tables.
    const used = writing ? sheet.getUsedRange(false).load("rowIndex,rowCount,columnIndex,values") : null;
    const tables = writing ? sheet.tables.load("items/name") : null;
    await context.sync(); // 1

    const index = readMetaIndex(metaSetting);
    const meta = index[sheetId];
    if (!meta) throw new ExcelOpError("not_linked");
    const form = getForm(meta.form);
    let written = 0;
    const missing: Cell[] = [];
    const added: { row: number; id: string }[] = [];
    let rowOf = new Map<string, number>();
    if (meta.rowItems) rowOf = new Map(Object.entries(meta.rowItems).map(([r, item]) => [item, Number(r)]));

    // Sheets with an id column: the rows of the items; on a task list, also the blank rows (whole rows).
    const tasks = form?.kind === "tasks" && meta.idCol !== null;
    const table = writing && tasks ? (tables?.items[0] ?? null) : null;
    const blank = new Set<number>();
    let lastRow = -1;
    if (used && meta.idCol !== null) {
      const idCol = meta.idCol - used.columnIndex;
      lastRow = used.rowIndex + used.rowCount - 1;
      used.values.forEach((row, i) => {
        const r = used.rowIndex + i;
        if (r < meta.dataStart) return;
        const id = idCol >= 0 ? String(row[idCol] ?? "") : "";
        if (id) rowOf.set(id, r);
        else if (row.every((v) => v === "" || v === null)) blank.add(r);
      });
    }
    for (const { row, id } of opts.newIds ?? []) {
      rowOf.set(id, row);
      blank.delete(row);
    }

    // Task list: server rows the sheet does not have become new rows of the task table.
    const fresh = new Map<string, Map<string, string>>();
    if (table)
      for (const c of opts.cells ?? []) {
        if (rowOf.has(c.item) || !meta.fields.includes(c.field)) continue;
        let m = fresh.get(c.item);
        if (!m) fresh.set(c.item, (m = new Map()));
        m.set(c.field, c.raw);
      }
    // Blank rows at the end of the data (e.g. the empty row of a new task sheet) are filled first.
    const reuse: number[] = [];
    for (let r = lastRow; table && r >= meta.dataStart && blank.has(r); r--) reuse.unshift(r);

    withUnprotected(sheet, meta.protected, () => {
      for (const { row, id } of opts.newIds ?? []) if (meta.idCol !== null) sheet.getRangeByIndexes(row, meta.idCol, 1, 1).values = [[id]];
      if (fresh.size && table && form && meta.idCol !== null) {
        const idCol = meta.idCol;
        // The task table spans columns A..id column (open-form).
        const width = idCol + 1;
        const fmts = Array.from({ length: width }, (_, k) => {
          const f = meta.fields[k];
          const col = f ? form.columns.find((x) => x.id === f) : undefined;
          return col ? numberFormatFor(col) : "@";
        });
        const rowsOut = [...fresh].map(([id, m]) => Array.from({ length: width }, (_, k) => (k === idCol ? id : (m.get(meta.fields[k] ?? "") ?? ""))));
        const into = rowsOut.slice(0, reuse.length);
        const extra = rowsOut.slice(reuse.length);
        // Reused rows are contiguous (the end of the data): formats, then values, as open-form.
        if (into.length) {
          const r = sheet.getRangeByIndexes(reuse[0]!, 0, into.length, width);
          r.numberFormat = into.map(() => fmts);
          r.values = into;
        }
        if (extra.length) {
          table.rows.add(undefined, extra);
          // Rows added to a table take its column formats in Excel; set them anyway and write the text again,
          // so "@" columns keep what was typed (e.g. "1.5" must not become a number). The new rows are the
          // table's last ones.
          const last = table.getDataBodyRange().getLastRow();
          const r = extra.length > 1 ? last.getOffsetRange(-(extra.length - 1), 0).getResizedRange(extra.length - 1, 0) : last;
          r.numberFormat = extra.map(() => fmts);
          r.values = extra;
        }
        [...fresh.keys()].forEach((id, i) => {
          const row = i < reuse.length ? reuse[i]! : lastRow + 1 + (i - reuse.length);
          added.push({ row, id });
          written += fresh.get(id)!.size;
        });
      }
      for (const c of opts.cells ?? []) {
        if (fresh.has(c.item)) continue;
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
    if (opts.base) meta.base = opts.base;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2
    return { written, missing, added };
  });
}

// Writes to an entry sheet after a push or a conflict: server values into the cells, new task-row ids,
// the receipt and base revision into the sheet's meta. 2 round trips (receipt / ids only), 3 when writing cells:
// locate (meta + used range + tables), read the data rows (ids) and the task table's range, write.
// On a task list, server rows that the sheet does not have are appended to the task table (blank rows at the end
// of the table are used first), with their ids in the hidden id column, as open-form writes initial cells.
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
    const used = sheet.getUsedRange(false);
    used.load("rowIndex,rowCount,columnIndex");
    const metaSetting = queueMetaLoad(context);
    const writing = !!opts.cells?.length;
    // The task table is found by loading the sheet's tables (only when writing cells).
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

    // Sheets with an id column: find the rows of the items, and on a task list the extent of the task table
    // (one more round trip, only when writing cells).
    const tasks = form?.kind === "tasks" && meta.idCol !== null;
    const table = writing && tasks ? (tables?.items[0] ?? null) : null;
    let tableRange: Excel.Range | null = null;
    const blank = new Set<number>();
    if (writing && meta.idCol !== null) {
      const idCol = meta.idCol;
      const n = used.rowIndex + used.rowCount - meta.dataStart;
      // Task lists: whole rows (to find blank rows at the end of the table); other sheets: the id column only.
      const from = tasks ? 0 : idCol;
      const data = n > 0 ? sheet.getRangeByIndexes(meta.dataStart, from, n, idCol - from + 1) : null;
      data?.load("values");
      if (table) {
        tableRange = table.getRange();
        tableRange.load("rowIndex,rowCount,columnIndex,columnCount");
      }
      if (data || tableRange) await context.sync(); // 2 (only when writing cells)
      data?.values.forEach((row, i) => {
        const id = String(row[idCol - from] ?? "");
        if (id) rowOf.set(id, meta.dataStart + i);
        else if (row.every((v) => v === "" || v === null)) blank.add(meta.dataStart + i);
      });
    }
    for (const { row, id } of opts.newIds ?? []) {
      rowOf.set(id, row);
      blank.delete(row);
    }

    // Task list: server rows the sheet does not have become new rows of the task table.
    const fresh = new Map<string, Map<string, string>>();
    if (tasks && tableRange)
      for (const c of opts.cells ?? []) {
        if (rowOf.has(c.item) || !meta.fields.includes(c.field)) continue;
        let m = fresh.get(c.item);
        if (!m) fresh.set(c.item, (m = new Map()));
        m.set(c.field, c.raw);
      }
    // Blank rows at the end of the table (e.g. the empty row of a new sheet) are filled first.
    const tableEnd = tableRange ? tableRange.rowIndex + tableRange.rowCount - 1 : -1;
    const reuse: number[] = [];
    for (let r = tableEnd; tableRange && r > tableRange.rowIndex && blank.has(r); r--) reuse.unshift(r);

    withUnprotected(sheet, meta.protected, () => {
      for (const { row, id } of opts.newIds ?? []) if (meta.idCol !== null) sheet.getRangeByIndexes(row, meta.idCol, 1, 1).values = [[id]];
      if (fresh.size && table && tableRange && form && meta.idCol !== null) {
        const idCol = meta.idCol;
        const width = tableRange.columnIndex + tableRange.columnCount;
        const c0 = tableRange.columnIndex;
        const fmts = Array.from({ length: width - c0 }, (_, k) => {
          const f = meta.fields[c0 + k];
          const col = f ? form.columns.find((x) => x.id === f) : undefined;
          return col ? numberFormatFor(col) : "@";
        });
        const rowsOut = [...fresh].map(([id, m]) =>
          Array.from({ length: width - c0 }, (_, k) => (c0 + k === idCol ? id : (m.get(meta.fields[c0 + k] ?? "") ?? ""))),
        );
        const into = rowsOut.slice(0, reuse.length);
        const extra = rowsOut.slice(reuse.length);
        // Reused rows are contiguous (the end of the table): formats, then values, as open-form.
        if (into.length) {
          const r = sheet.getRangeByIndexes(reuse[0]!, c0, into.length, width - c0);
          r.numberFormat = into.map(() => fmts);
          r.values = into;
        }
        if (extra.length) {
          const start = tableEnd + 1;
          table.rows.add(undefined, extra);
          // Rows added to a table take its column formats in Excel; set them anyway and write the text again,
          // so "@" columns keep what was typed (e.g. "1.5" must not become a number).
          const r = sheet.getRangeByIndexes(start, c0, extra.length, width - c0);
          r.numberFormat = extra.map(() => fmts);
          r.values = extra;
        }
        [...fresh.keys()].forEach((id, i) => {
          const row = i < reuse.length ? reuse[i]! : tableEnd + 1 + (i - reuse.length);
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
    await context.sync(); // 2 or 3
    return { written, missing, added };
  });
}

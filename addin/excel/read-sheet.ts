// Reads the input area of an entry sheet in ONE round trip: the sheet (id, name), its used range
// (values + text + number formats) and the meta index are loaded together; the mapping is done in JS.
import type { FormDef } from "../../shared/forms/types.js";
import type { Cell } from "../../shared/schemas/index.js";
import { getForm } from "../../shared/forms/index.js";
import { TASK_ITEM_RE } from "../../shared/validate/index.js";
import { cellAddress } from "./a1.js";
import type { ExcelHost } from "./host.js";
import { rawOf } from "./layout.js";
import { queueMetaLoad, readMetaIndex, type MetaIndex, type SheetMeta } from "./meta.js";

export interface SheetRead {
  sheetId: string;
  sheetName: string;
  meta: SheetMeta | null;
  form: FormDef | null;
  cells: Cell[];
  /** "item|field" → cell address ("E8"). */
  positions: Map<string, string>;
  /** Task rows that had no id yet: ids assigned now (written back on push). */
  newIds: { row: number; id: string }[];
  /** Cells that hold a formula (their computed text is sent). */
  formulaCells: string[];
  metaIndex: MetaIndex;
}

export const posKey = (item: string, field: string) => `${item}|${field}`;

/**
 * A new task row's id: a running number to keep ids readable, plus a random part, because two workbooks of one
 * commune number their rows independently and "t5" from each must not overwrite the other on the server.
 */
export function newTaskId(n: number): string {
  const r = crypto.getRandomValues(new Uint8Array(4));
  return `t${n}-${Array.from(r, (b) => b.toString(36).padStart(2, "0")).join("").slice(0, 6)}`;
}

interface Grid {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  text: string[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
}

/** Maps a loaded grid to cells using the sheet's meta (pure; exported for tests). */
export function mapGrid(meta: SheetMeta, form: FormDef, g: Grid): Omit<SheetRead, "sheetId" | "sheetName" | "meta" | "form" | "metaIndex"> {
  const cells: Cell[] = [];
  const positions = new Map<string, string>();
  const newIds: { row: number; id: string }[] = [];
  const formulaCells: string[] = [];
  const inputCols = meta.fields.flatMap((f, c) =>
    f && form.columns.find((col) => col.id === f)?.role === "input" ? [{ field: f, col: c }] : [],
  );
  const at = (r: number, c: number) => {
    const rr = r - g.rowIndex;
    const cc = c - g.columnIndex;
    const row = g.values[rr];
    if (!row || cc < 0 || cc >= row.length) return { raw: "", formula: false };
    const f = g.formulas[rr]?.[cc];
    return {
      raw: rawOf(row[cc], g.text[rr]?.[cc], g.numberFormat[rr]?.[cc]),
      formula: typeof f === "string" && f.startsWith("="),
    };
  };
  const lastRow = g.rowIndex + g.values.length - 1;
  let maxTask = 0;
  if (form.kind === "tasks" && meta.idCol !== null)
    for (let r = meta.dataStart; r <= lastRow; r++) {
      const m = /^t(\d+)(?:-[a-z0-9]+)?$/.exec(at(r, meta.idCol).raw);
      if (m) maxTask = Math.max(maxTask, Number(m[1]));
    }
  const seen = new Set<string>();
  for (let r = meta.dataStart; r <= lastRow; r++) {
    let item: string | undefined;
    if (meta.idCol !== null) item = at(r, meta.idCol).raw || undefined;
    else item = meta.rowItems?.[String(r)];
    const raws = inputCols.map(({ col }) => at(r, col));
    if (form.kind === "tasks") {
      const hasContent = raws.some((x) => x.raw !== "");
      if (!item && !hasContent) continue;
      if (!item || !TASK_ITEM_RE.test(item) || seen.has(item)) {
        item = newTaskId(++maxTask);
        newIds.push({ row: r, id: item });
      }
    }
    if (!item) continue;
    seen.add(item);
    inputCols.forEach(({ field, col }, i) => {
      const x = raws[i]!;
      const address = cellAddress(r, col);
      positions.set(posKey(item, field), address);
      if (x.formula) formulaCells.push(address);
      cells.push({ item, field, raw: x.raw });
    });
  }
  return { cells, positions, newIds, formulaCells };
}

/** Reads the sheet with the given id (or the active sheet). 1 sync. */
export async function readSheet(host: ExcelHost, sheetId?: string): Promise<SheetRead> {
  return host.run(async (context) => {
    const sheet = sheetId ? context.workbook.worksheets.getItem(sheetId) : context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    const used = sheet.getUsedRange(false);
    used.load("rowIndex,columnIndex,values,text,numberFormat,formulas");
    const metaSetting = queueMetaLoad(context);
    await context.sync(); // 1

    const metaIndex = readMetaIndex(metaSetting);
    const meta = metaIndex[sheet.id] ?? null;
    const form = meta ? (getForm(meta.form) ?? null) : null;
    const base = { sheetId: sheet.id, sheetName: sheet.name, meta, form, metaIndex };
    if (!meta || !form || meta.kind !== "entry")
      return { ...base, cells: [], positions: new Map(), newIds: [], formulaCells: [] };
    const mapped = mapGrid(meta, form, {
      rowIndex: used.rowIndex,
      columnIndex: used.columnIndex,
      values: used.values,
      text: used.text,
      numberFormat: used.numberFormat,
      formulas: used.formulas,
    });
    return { ...base, ...mapped };
  });
}

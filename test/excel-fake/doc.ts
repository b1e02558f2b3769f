// The in-memory "document" behind the Excel fake: sheets of cells with formats, merges, validation rules,
// protection, tables, charts, notes, workbook settings and change listeners. Proxies (proxies.ts) read and
// write it only inside context.sync(), like Office.js. The methods here marked "user" simulate what a person
// does in the Excel UI (typing, pasting) and fire onChanged with triggerSource "Unknown".
import { parseAddress, quoteSheet, rectAddress, type Rect } from "../../addin/excel/a1.js";

export type CellValue = string | number | boolean;

export interface CellData {
  value: CellValue;
  formula?: string;
  numberFormat: string;
  fill?: string | null;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  locked: boolean;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
}

export interface ValidationRecord {
  rect: Rect;
  rule?: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks?: boolean;
}

export interface TableData {
  id: string;
  name: string;
  sheetId: string;
  /** Header row included. */
  rect: Rect;
  style?: string;
  showBandedRows?: boolean;
  /** AutoFilter buttons on the header (default true, as Excel). */
  showFilterButton?: boolean;
}

export interface ChartData {
  id: string;
  sheetId: string;
  type: string;
  source: string;
  seriesBy?: string;
  /** Every property written through the chart proxy: "title.text" → "…". */
  props: Record<string, unknown>;
  calls: { path: string; args: unknown[] }[];
}

export interface SheetData {
  id: string;
  name: string;
  cells: Map<string, CellData>;
  merges: Rect[];
  colWidths: Map<number, number>;
  hiddenCols: Set<number>;
  hiddenRows: Set<number>;
  rowHeights: Map<number, number>;
  validations: ValidationRecord[];
  protection: { protected: boolean; options?: Excel.WorksheetProtectionOptions; password?: string };
  freeze: { rows: number; cols: number };
  notes: Map<string, string>;
  tabColor?: string;
  visibility: string;
  showGridlines: boolean;
}

export type ChangeHandler = (args: Excel.WorksheetChangedEventArgs) => Promise<unknown> | unknown;

export interface ChangeListener {
  /** null = every sheet (worksheets.onChanged), otherwise a sheet id. */
  sheetId: string | null;
  handler: ChangeHandler;
}

export class OfficeLikeError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export const key = (r: number, c: number) => `${r},${c}`;

export function defaultCell(): CellData {
  return { value: "", numberFormat: "General", locked: true };
}

const VI_NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/** What Excel (vi-VN) stores for typed text: numbers and percentages become numbers unless the cell is Text ("@"). */
export function coerceInput(input: unknown, numberFormat: string): { value: CellValue; formula?: string; numberFormat?: string } {
  if (typeof input === "number" || typeof input === "boolean") return { value: input };
  if (input === null || input === undefined) return { value: "" };
  const s = String(input);
  if (numberFormat === "@") return { value: s };
  if (s.startsWith("=") && s.length > 1) return { value: "", formula: s };
  const t = s.trim();
  const pct = t.endsWith("%");
  const body = pct ? t.slice(0, -1).trim() : t;
  if (VI_NUMBER.test(body)) {
    const n = Number(body.replace(/\./g, "").replace(",", "."));
    if (pct) {
      const decimals = (body.split(",")[1] ?? "").length;
      return {
        value: n / 100,
        numberFormat: numberFormat === "General" ? (decimals ? `0.${"0".repeat(decimals)}%` : "0%") : undefined,
      };
    }
    return { value: n };
  }
  return { value: s };
}

function viNumber(n: number, decimals: number | null, grouping: boolean): string {
  return new Intl.NumberFormat("vi-VN", {
    useGrouping: grouping,
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 10,
  }).format(n);
}

/** Display text of a cell (approximately what Excel shows in vi-VN). */
export function displayText(cell: CellData | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const f = cell.numberFormat;
  if (f === "General" || f === "@" || f === "") return viNumber(v, null, false);
  const decimals = (/\.(0+)/.exec(f)?.[1] ?? "").length;
  if (f.includes("%")) return `${viNumber(v * 100, decimals, false)}%`;
  return viNumber(v, decimals, f.includes(","));
}

/**
 * Evaluates the formulas the add-in writes (SUM and SUBTOTAL over ranges and cells, numbers), like Excel would, so a
 * sheet's computed cells read back with their results. SUBTOTAL leaves out cells that are themselves SUBTOTALs (Excel's
 * rule, which lets a grand total sit under group subtotals). Anything else evaluates to "#NAME?".
 */
export function evaluateFormula(formula: string, valueAt: (r: number, c: number) => { value: CellValue; formula?: string } | undefined): CellValue {
  const m = /^=\s*(SUM|SUBTOTAL)\s*\((.*)\)\s*$/i.exec(formula.trim());
  if (!m) return "#NAME?";
  const fn = m[1]!.toUpperCase();
  let args = m[2]!.split(/[,;]/).map((a) => a.trim()).filter(Boolean);
  if (fn === "SUBTOTAL") {
    const code = Number(args[0]);
    if (code !== 9 && code !== 109) return "#VALUE!";
    args = args.slice(1);
  }
  let total = 0;
  for (const a of args) {
    if (/^-?\d+(\.\d+)?$/.test(a)) {
      total += Number(a);
      continue;
    }
    let rect: Rect;
    try {
      rect = parseAddress(a).rect;
    } catch {
      return "#NAME?";
    }
    for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100_000); r++)
      for (let c = rect.c0; c <= Math.min(rect.c1, rect.c0 + 1000); c++) {
        const cell = valueAt(r, c);
        if (!cell) continue;
        if (fn === "SUBTOTAL" && cell.formula && /^=\s*SUBTOTAL/i.test(cell.formula)) continue;
        if (typeof cell.value === "number") total += cell.value;
      }
  }
  return Math.round(total * 1e9) / 1e9;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export class FakeDoc {
  sheets: SheetData[] = [];
  activeSheetId: string | null = null;
  selection: { sheetId: string; rect: Rect } | null = null;
  /** Workbook settings, stored as JSON text like Excel does. */
  settings = new Map<string, string>();
  tables: TableData[] = [];
  charts: ChartData[] = [];
  listeners: ChangeListener[] = [];
  /** Every context.sync() on any context of this document. */
  syncCount = 0;
  displayLanguage = "vi-VN";
  private nextId = 1;
  /** Pending handler invocations (so tests can await them). */
  private pending: Promise<unknown>[] = [];

  constructor(opts: { sheets?: string[]; displayLanguage?: string } = {}) {
    for (const name of opts.sheets ?? ["Sheet1"]) this.addSheet(name);
    if (opts.displayLanguage) this.displayLanguage = opts.displayLanguage;
  }

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  addSheet(name?: string): SheetData {
    let n = this.sheets.length + 1;
    let finalName = name ?? `Sheet${n}`;
    if (!name) while (this.findSheet(finalName)) finalName = `Sheet${++n}`;
    if (this.findSheet(finalName)) throw new OfficeLikeError("ItemAlreadyExists", `Trang tính "${finalName}" đã có.`);
    if (finalName.length > 31 || /[\\/?*[\]:]/.test(finalName))
      throw new OfficeLikeError("InvalidArgument", `Tên trang tính không hợp lệ: ${finalName}`);
    const sheet: SheetData = {
      id: `{${this.newId("00000000-0000-0000-0000-")}}`,
      name: finalName,
      cells: new Map(),
      merges: [],
      colWidths: new Map(),
      hiddenCols: new Set(),
      hiddenRows: new Set(),
      rowHeights: new Map(),
      validations: [],
      protection: { protected: false },
      freeze: { rows: 0, cols: 0 },
      notes: new Map(),
      visibility: "Visible",
      showGridlines: true,
    };
    this.sheets.push(sheet);
    this.activeSheetId ??= sheet.id;
    return sheet;
  }

  findSheet(nameOrId: string): SheetData | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  sheet(nameOrId: string): SheetData {
    const s = this.findSheet(nameOrId);
    if (!s) throw new OfficeLikeError("ItemNotFound", `Không có trang tính "${nameOrId}".`);
    return s;
  }

  activeSheet(): SheetData {
    const s = this.sheets.find((x) => x.id === this.activeSheetId) ?? this.sheets[0];
    if (!s) throw new OfficeLikeError("ItemNotFound", "Sổ làm việc không có trang tính.");
    return s;
  }

  cell(sheet: SheetData, r: number, c: number): CellData | undefined {
    return sheet.cells.get(key(r, c));
  }

  cellForWrite(sheet: SheetData, r: number, c: number): CellData {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) {
      cell = defaultCell();
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  }

  /** Throws like Excel when a protected sheet's locked cell would change. */
  assertEditable(sheet: SheetData, rect: Rect, what: "value" | "format" = "value"): void {
    if (!sheet.protection.protected) return;
    if (what === "format" && sheet.protection.options?.allowFormatCells) return;
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const locked = this.cell(sheet, r, c)?.locked ?? true;
        if (locked || what === "format")
          throw new OfficeLikeError(
            "AccessDenied",
            `Ô ${rectAddress(r, c, r, c)} trên trang tính được bảo vệ "${sheet.name}" không sửa được.`,
          );
      }
  }

  /** Bounding box of cells that hold a value or a formula (valuesOnly) or any cell touched (formats too). */
  usedRect(sheet: SheetData, valuesOnly = false): Rect | null {
    let box: Rect | null = null;
    for (const [k, cell] of sheet.cells) {
      if (valuesOnly && cell.value === "" && !cell.formula) continue;
      const [r, c] = k.split(",").map(Number) as [number, number];
      if (!box) box = { r0: r, c0: c, r1: r, c1: c };
      else {
        box.r0 = Math.min(box.r0, r);
        box.c0 = Math.min(box.c0, c);
        box.r1 = Math.max(box.r1, r);
        box.c1 = Math.max(box.c1, c);
      }
    }
    return box;
  }

  fullAddress(sheet: SheetData, rect: Rect): string {
    return `${quoteSheet(sheet.name)}!${rectAddress(rect.r0, rect.c0, rect.r1, rect.c1)}`;
  }

  emitChange(sheet: SheetData, rect: Rect, triggerSource: "ThisLocalAddin" | "Unknown", before?: CellData): void {
    const address = rectAddress(rect.r0, rect.c0, rect.r1, rect.c1);
    const single = rect.r0 === rect.r1 && rect.c0 === rect.c1;
    const after = single ? this.cell(sheet, rect.r0, rect.c0) : undefined;
    const args = {
      type: "WorksheetChanged",
      address,
      changeType: "RangeEdited",
      source: "Local",
      worksheetId: sheet.id,
      triggerSource,
      details: single
        ? {
            valueBefore: before?.value ?? "",
            valueAfter: after?.value ?? "",
            valueTypeBefore: typeof (before?.value ?? "") === "number" ? "Double" : "String",
            valueTypeAfter: typeof (after?.value ?? "") === "number" ? "Double" : "String",
          }
        : undefined,
      getRange: () => {
        throw new OfficeLikeError("NotImplemented", "getRange is not faked; use address + worksheetId");
      },
      getRangeOrNullObject: () => {
        throw new OfficeLikeError("NotImplemented", "getRangeOrNullObject is not faked");
      },
    } as unknown as Excel.WorksheetChangedEventArgs;
    for (const l of [...this.listeners]) {
      if (l.sheetId !== null && l.sheetId !== sheet.id) continue;
      // Excel delivers events asynchronously, after the change is done.
      const p = new Promise((resolve) => setTimeout(resolve, 0)).then(() => l.handler(args));
      this.pending.push(p.catch(() => undefined));
    }
  }

  /** Computes every formula cell (a few passes, so formulas over formulas settle). Called after each batch and user edit. */
  recalc(): void {
    for (const sheet of this.sheets) {
      const formulas = [...sheet.cells.values()].filter((c) => c.formula);
      if (!formulas.length) continue;
      for (let pass = 0; pass < 3; pass++)
        for (const cell of formulas) cell.value = evaluateFormula(cell.formula!, (r, c) => this.cell(sheet, r, c));
    }
  }

  /** Resolves when every event handler fired so far has finished (tests). */
  async settle(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0);
      await Promise.all(batch);
    }
  }

  // ---------- "user" actions (the Excel UI) ----------

  /** The user types `input` into one cell, like in the grid: respects protection, coerces numbers, grows tables. */
  userType(sheetName: string, address: string, input: string): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseAddress(address);
    this.assertEditable(sheet, { ...rect, r1: rect.r0, c1: rect.c0 });
    const cell = this.cellForWrite(sheet, rect.r0, rect.c0);
    const before = { ...cell };
    const v = coerceInput(input, cell.numberFormat);
    cell.value = v.value;
    if (v.formula) cell.formula = v.formula;
    else delete cell.formula;
    if (v.numberFormat) cell.numberFormat = v.numberFormat;
    this.growTables(sheet, rect.r0, rect.c0);
    this.recalc();
    this.emitChange(sheet, { r0: rect.r0, c0: rect.c0, r1: rect.r0, c1: rect.c0 }, "Unknown", before);
  }

  /** The user pastes a block of text values at `address` (top-left). Paste bypasses data validation, like Excel. */
  userPaste(sheetName: string, address: string, rows: string[][]): void {
    const sheet = this.sheet(sheetName);
    const { rect } = parseAddress(address);
    const full: Rect = {
      r0: rect.r0,
      c0: rect.c0,
      r1: rect.r0 + rows.length - 1,
      c1: rect.c0 + Math.max(...rows.map((r) => r.length)) - 1,
    };
    this.assertEditable(sheet, full);
    rows.forEach((row, i) =>
      row.forEach((input, j) => {
        const cell = this.cellForWrite(sheet, rect.r0 + i, rect.c0 + j);
        const v = coerceInput(input, cell.numberFormat);
        cell.value = v.value;
        if (v.numberFormat) cell.numberFormat = v.numberFormat;
      }),
    );
    for (let r = full.r0; r <= full.r1; r++) this.growTables(sheet, r, full.c0);
    this.recalc();
    this.emitChange(sheet, full, "Unknown");
  }

  selectUser(sheetName: string, address: string): void {
    const sheet = this.sheet(sheetName);
    this.activeSheetId = sheet.id;
    this.selection = { sheetId: sheet.id, rect: parseAddress(address).rect };
  }

  /** A row typed right under a table joins the table (Excel's auto-expansion). */
  private growTables(sheet: SheetData, r: number, c: number): void {
    for (const t of this.tables) {
      if (t.sheetId !== sheet.id) continue;
      if (r === t.rect.r1 + 1 && c >= t.rect.c0 && c <= t.rect.c1) {
        t.rect = { ...t.rect, r1: r };
        // New table rows inherit the formats of the row above.
        for (let cc = t.rect.c0; cc <= t.rect.c1; cc++) {
          const above = this.cell(sheet, r - 1, cc);
          if (!above) continue;
          const cell = this.cellForWrite(sheet, r, cc);
          cell.numberFormat = cell.value === "" || cc !== c ? above.numberFormat : cell.numberFormat;
          cell.locked = above.locked;
          cell.fill = above.fill;
        }
      }
    }
  }

  // ---------- inspection helpers for tests ----------

  text(sheetName: string, address: string): string {
    const sheet = this.sheet(sheetName);
    const { rect } = parseAddress(address);
    return displayText(this.cell(sheet, rect.r0, rect.c0));
  }

  cellAt(sheetName: string, address: string): CellData | undefined {
    const sheet = this.sheet(sheetName);
    const { rect } = parseAddress(address);
    return this.cell(sheet, rect.r0, rect.c0);
  }

  /** Display text of the used range, row by row (trailing empty cells kept). */
  dump(sheetName: string): string[][] {
    const sheet = this.sheet(sheetName);
    const box = this.usedRect(sheet, true);
    if (!box) return [];
    const out: string[][] = [];
    for (let r = 0; r <= box.r1; r++) {
      const row: string[] = [];
      for (let c = 0; c <= box.c1; c++) row.push(displayText(this.cell(sheet, r, c)));
      out.push(row);
    }
    return out;
  }

  /** Finds the first cell whose text equals `text` (exact) or contains it; returns "E8"-style address. */
  find(sheetName: string, text: string, exact = true): string | null {
    const sheet = this.sheet(sheetName);
    const keys = [...sheet.cells.keys()]
      .map((k) => k.split(",").map(Number) as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [r, c] of keys) {
      const t = displayText(this.cell(sheet, r, c));
      if (exact ? t === text : t.includes(text)) return rectAddress(r, c, r, c);
    }
    return null;
  }

  getSetting(key: string): unknown {
    const s = this.settings.get(key);
    return s === undefined ? undefined : JSON.parse(s);
  }
}

// Office.js-like proxy objects over FakeDoc. Like the real API:
//  - property writes and method calls are queued and applied in order by context.sync();
//  - `load()` queues a snapshot; reading a property that was not loaded (or loaded but not yet synced)
//    throws PropertyNotLoaded;
//  - objects returned by methods (getUsedRange, getItem, ...) are resolved lazily, when the batch runs;
//  - every sync() is counted (per context and per document) so tests can bound round trips.
// Each class declares the Office.js members it implements through `Pick`/`Methods` of @types/office-js,
// so a change in the real API's property types or method parameters breaks the build.
import { MAX_COLS, MAX_ROWS, parseAddress, parseRect, rectAddress, type Rect } from "../../addin/excel/a1.js";
import {
  OfficeLikeError,
  coerceInput,
  defaultCell,
  displayText,
  intersects,
  key,
  type ChangeListener,
  type ChartData,
  type FakeDoc,
  type SheetData,
  type TableData,
} from "./doc.js";

/** Method parameter lists from @types/office-js (last overload); return types are the fake's own. */
type Methods<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never;
};

type LoadArg = string | string[] | { select?: string; expand?: string } | undefined;

function loadList(arg: LoadArg, all: readonly string[]): string[] {
  if (arg === undefined) return [...all];
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg;
  return (arg.select ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

function notLoaded(prop: string): OfficeLikeError {
  return new OfficeLikeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

interface Op {
  run: () => void;
}

export class FakeContext {
  private queue: Op[] = [];
  /** Changes made by this context's batch, announced after the sync (triggerSource ThisLocalAddin). */
  private changed: { sheet: SheetData; rect: Rect }[] = [];
  syncCount = 0;
  readonly workbook: FakeWorkbook;
  readonly runtime = { enableEvents: true };
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  constructor(readonly doc: FakeDoc) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(run: () => void): void {
    this.queue.push({ run });
  }

  noteChange(sheet: SheetData, rect: Rect): void {
    this.changed.push({ sheet, rect });
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    this.syncCount++;
    this.doc.syncCount++;
    const ops = this.queue.splice(0);
    await Promise.resolve();
    try {
      for (const op of ops) op.run();
    } finally {
      this.doc.recalc();
      const changed = this.changed.splice(0);
      if (this.runtime.enableEvents)
        for (const ch of changed) this.doc.emitChange(ch.sheet, ch.rect, "ThisLocalAddin");
    }
    return passThroughValue as T;
  }
}

abstract class FakeObject {
  protected _loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  /** Property names loaded by `load()` without arguments. */
  protected abstract readonly scalarProps: readonly string[];
  /** Reads a property from the document (called while the batch runs). */
  protected abstract snapshot(prop: string): unknown;

  load(arg?: LoadArg): this {
    const props = loadList(arg, this.scalarProps);
    this.context.enqueue(() => {
      for (const p of props) this.loadPath(p);
    });
    return this;
  }

  /** "format/fill/color" → child object's load. */
  protected loadPath(p: string): void {
    const slash = p.indexOf("/");
    if (slash > 0) {
      const child = (this as unknown as Record<string, unknown>)[p.slice(0, slash)];
      if (child instanceof FakeObject) child.loadPath(p.slice(slash + 1));
      return;
    }
    this._loaded.set(p, this.snapshot(p));
  }

  protected get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as T;
  }

  /** Records a local value (readable afterwards, like Office.js) and queues the write. */
  protected set(prop: string, value: unknown, apply: () => void): void {
    this._loaded.set(prop, value);
    this.context.enqueue(apply);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** Objects that may be "null objects" (…OrNullObject methods). */
abstract class NullableObject extends FakeObject {
  /** Returns false when the thing does not exist (only called for OrNullObject proxies). */
  protected abstract exists(): boolean;
  constructor(
    context: FakeContext,
    protected readonly nullable: boolean,
  ) {
    super(context);
  }
  get isNullObject(): boolean {
    return this.get<boolean>("isNullObject");
  }
  protected override loadPath(p: string): void {
    super.loadPath(p);
    if (this.nullable && !this._loaded.has("isNullObject")) this._loaded.set("isNullObject", !this.exists());
  }
  protected isNull(): boolean {
    return this.nullable && !this.exists();
  }
}

export class FakeClientResult<T> {
  private loaded = false;
  private v: T | undefined;
  constructor(context: FakeContext, compute: () => T) {
    context.enqueue(() => {
      this.v = compute();
      this.loaded = true;
    });
  }
  get value(): T {
    if (!this.loaded) throw notLoaded("value");
    return this.v as T;
  }
}

class FakeEventHandlers {
  constructor(
    private readonly context: FakeContext,
    private readonly sheetId: () => string | null,
  ) {}
  add(handler: (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>) {
    const listener: ChangeListener = { sheetId: null, handler };
    this.context.enqueue(() => {
      listener.sheetId = this.sheetId();
      this.context.doc.listeners.push(listener);
    });
    const context = this.context;
    return {
      context,
      remove: () => {
        context.enqueue(() => {
          context.doc.listeners = context.doc.listeners.filter((l) => l !== listener);
        });
      },
    };
  }
}

// ---------------------------------------------------------------- Workbook

export class FakeWorkbook implements Methods<Excel.Workbook, "getSelectedRange" | "getActiveCell"> {
  readonly worksheets: FakeWorksheetCollection;
  readonly settings: FakeSettingCollection;
  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.settings = new FakeSettingCollection(context);
  }
  getSelectedRange() {
    const doc = this.context.doc;
    return new FakeRange(this.context, () => {
      const sel = doc.selection;
      const sheet = sel ? doc.sheet(sel.sheetId) : doc.activeSheet();
      return { sheet, rect: sel?.rect ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getActiveCell() {
    const sel = this.getSelectedRange();
    return sel.getCell(0, 0);
  }
}

export class FakeWorksheetCollection
  implements Methods<Excel.WorksheetCollection, "add" | "getItem" | "getItemOrNullObject" | "getActiveWorksheet" | "getCount">
{
  readonly onChanged: FakeEventHandlers;
  private _items: FakeWorksheet[] | null = null;
  constructor(readonly context: FakeContext) {
    this.onChanged = new FakeEventHandlers(context, () => null);
  }
  get items(): FakeWorksheet[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
  load(arg?: LoadArg): this {
    const props = loadList(arg, ["items/name", "items/id"])
      .filter((p) => p.startsWith("items/"))
      .map((p) => p.slice(6));
    this.context.enqueue(() => {
      this._items = this.context.doc.sheets.map((s) => {
        const ws = new FakeWorksheet(this.context, () => s, false);
        ws.loadNow(props.length ? props : ["name", "id", "position"]);
        return ws;
      });
    });
    return this;
  }
  add(...[name]: Parameters<Excel.WorksheetCollection["add"]>) {
    let created: SheetData | null = null;
    this.context.enqueue(() => {
      created = this.context.doc.addSheet(name);
    });
    return new FakeWorksheet(
      this.context,
      () => {
        if (!created) throw new OfficeLikeError("InvalidOperation", "worksheet not created yet");
        return created;
      },
      false,
    );
  }
  getItem(...[key]: Parameters<Excel.WorksheetCollection["getItem"]>) {
    return new FakeWorksheet(this.context, () => this.context.doc.sheet(key), false);
  }
  getItemOrNullObject(...[key]: Parameters<Excel.WorksheetCollection["getItemOrNullObject"]>) {
    return new FakeWorksheet(this.context, () => this.context.doc.findSheet(key) ?? null, true);
  }
  getActiveWorksheet() {
    return new FakeWorksheet(this.context, () => this.context.doc.activeSheet(), false);
  }
  getCount() {
    return new FakeClientResult(this.context, () => this.context.doc.sheets.length);
  }
}

// ---------------------------------------------------------------- Settings

export class FakeSettingCollection implements Methods<Excel.SettingCollection, "add" | "getItem" | "getItemOrNullObject"> {
  constructor(readonly context: FakeContext) {}
  add(...[k, value]: Parameters<Excel.SettingCollection["add"]>) {
    this.context.enqueue(() => {
      this.context.doc.settings.set(k, JSON.stringify(value));
    });
    return new FakeSetting(this.context, k, false);
  }
  getItem(...[k]: Parameters<Excel.SettingCollection["getItem"]>) {
    return new FakeSetting(this.context, k, false);
  }
  getItemOrNullObject(...[k]: Parameters<Excel.SettingCollection["getItemOrNullObject"]>) {
    return new FakeSetting(this.context, k, true);
  }
}

export class FakeSetting extends NullableObject implements Pick<Excel.Setting, "key" | "value">, Methods<Excel.Setting, "delete"> {
  protected readonly scalarProps = ["key", "value"] as const;
  constructor(
    context: FakeContext,
    private readonly k: string,
    nullable: boolean,
  ) {
    super(context, nullable);
  }
  protected exists(): boolean {
    return this.context.doc.settings.has(this.k);
  }
  protected snapshot(prop: string): unknown {
    if (prop === "key") return this.k;
    if (prop === "value") {
      const s = this.context.doc.settings.get(this.k);
      if (s === undefined) {
        if (this.nullable) return null;
        throw new OfficeLikeError("ItemNotFound", `Setting ${this.k} not found`);
      }
      return JSON.parse(s);
    }
    return undefined;
  }
  get key(): string {
    return this.get("key");
  }
  get value(): unknown {
    return this.get("value");
  }
  set value(v: unknown) {
    this.set("value", v, () => this.context.doc.settings.set(this.k, JSON.stringify(v)));
  }
  delete() {
    this.context.enqueue(() => {
      this.context.doc.settings.delete(this.k);
    });
  }
}

// ---------------------------------------------------------------- Worksheet

type SheetResolver = () => SheetData | null;

export class FakeWorksheet
  extends NullableObject
  implements
    Pick<Excel.Worksheet, "id" | "name" | "position" | "visibility" | "tabColor" | "showGridlines">,
    Methods<
      Excel.Worksheet,
      | "getRange"
      | "getRangeByIndexes"
      | "getCell"
      | "getUsedRange"
      | "getUsedRangeOrNullObject"
      | "activate"
      | "delete"
    >
{
  protected readonly scalarProps = ["id", "name", "position", "visibility", "tabColor", "showGridlines"] as const;
  private resolved: SheetData | null | undefined;
  readonly protection: FakeWorksheetProtection;
  readonly freezePanes: FakeFreezePanes;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly notes: FakeNoteCollection;
  readonly onChanged: FakeEventHandlers;

  constructor(
    context: FakeContext,
    private readonly resolver: SheetResolver,
    nullable: boolean,
  ) {
    super(context, nullable);
    this.protection = new FakeWorksheetProtection(context, () => this.sheet());
    this.freezePanes = new FakeFreezePanes(context, () => this.sheet());
    this.tables = new FakeTableCollection(context, () => this.sheet());
    this.charts = new FakeChartCollection(context, () => this.sheet());
    this.notes = new FakeNoteCollection(context, () => this.sheet());
    this.onChanged = new FakeEventHandlers(context, () => this.sheet().id);
  }

  /** The sheet this proxy refers to (resolved on first use inside a batch, then fixed). */
  sheet(): SheetData {
    if (this.resolved === undefined) this.resolved = this.resolver();
    if (!this.resolved) throw new OfficeLikeError("ItemNotFound", "The requested resource doesn't exist.");
    return this.resolved;
  }
  protected exists(): boolean {
    if (this.resolved === undefined) this.resolved = this.resolver();
    return this.resolved !== null;
  }
  /** Loads immediately (used while a batch runs). */
  loadNow(props: string[]): void {
    for (const p of props) this.loadPath(p);
  }
  protected snapshot(prop: string): unknown {
    if (this.isNull()) return undefined;
    const s = this.sheet();
    switch (prop) {
      case "id":
        return s.id;
      case "name":
        return s.name;
      case "position":
        return this.context.doc.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      case "tabColor":
        return s.tabColor ?? "";
      case "showGridlines":
        return s.showGridlines;
    }
    return undefined;
  }
  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, () => {
      const s = this.sheet();
      const other = this.context.doc.findSheet(v);
      if (other && other !== s) throw new OfficeLikeError("ItemAlreadyExists", `Trang tính "${v}" đã có.`);
      s.name = v;
    });
  }
  get position(): number {
    return this.get("position");
  }
  set position(v: number) {
    this.set("position", v, () => {
      const sheets = this.context.doc.sheets;
      const s = this.sheet();
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.min(v, sheets.length), 0, s);
    });
  }
  get visibility(): Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden" {
    return this.get("visibility");
  }
  set visibility(v: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden") {
    this.set("visibility", v, () => (this.sheet().visibility = v));
  }
  get tabColor(): string {
    return this.get("tabColor");
  }
  set tabColor(v: string) {
    this.set("tabColor", v, () => (this.sheet().tabColor = v));
  }
  get showGridlines(): boolean {
    return this.get("showGridlines");
  }
  set showGridlines(v: boolean) {
    this.set("showGridlines", v, () => (this.sheet().showGridlines = v));
  }

  getRange(...[address]: Parameters<Excel.Worksheet["getRange"]>) {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet();
      if (!address) return { sheet, rect: { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
      const parsed = parseAddress(address);
      return { sheet: parsed.sheet ? this.context.doc.sheet(parsed.sheet) : sheet, rect: parsed.rect };
    });
  }
  getRangeByIndexes(...[r, c, nr, nc]: Parameters<Excel.Worksheet["getRangeByIndexes"]>) {
    if (nr < 1 || nc < 1) throw new OfficeLikeError("InvalidArgument", "getRangeByIndexes needs at least one row and column");
    return new FakeRange(this.context, () => ({ sheet: this.sheet(), rect: { r0: r, c0: c, r1: r + nr - 1, c1: c + nc - 1 } }));
  }
  getCell(...[r, c]: Parameters<Excel.Worksheet["getCell"]>) {
    return new FakeRange(this.context, () => ({ sheet: this.sheet(), rect: { r0: r, c0: c, r1: r, c1: c } }));
  }
  getUsedRange(...[valuesOnly]: Parameters<Excel.Worksheet["getUsedRange"]>) {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet();
      return { sheet, rect: this.context.doc.usedRect(sheet, valuesOnly ?? false) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(...[valuesOnly]: Parameters<Excel.Worksheet["getUsedRangeOrNullObject"]>) {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.sheet();
        const rect = this.context.doc.usedRect(sheet, valuesOnly ?? false);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
  activate() {
    this.context.enqueue(() => {
      const doc = this.context.doc;
      doc.activeSheetId = this.sheet().id;
      // The selection is always on the active sheet (Excel remembers each sheet's own; the fake starts at A1).
      if (doc.selection && doc.selection.sheetId !== doc.activeSheetId) doc.selection = null;
    });
  }
  delete() {
    this.context.enqueue(() => {
      const doc = this.context.doc;
      const s = this.sheet();
      doc.sheets = doc.sheets.filter((x) => x !== s);
      doc.tables = doc.tables.filter((t) => t.sheetId !== s.id);
      doc.charts = doc.charts.filter((c) => c.sheetId !== s.id);
      doc.listeners = doc.listeners.filter((l) => l.sheetId !== s.id);
      if (doc.activeSheetId === s.id) doc.activeSheetId = doc.sheets[0]?.id ?? null;
      if (doc.selection?.sheetId === s.id) doc.selection = null;
    });
  }
}

export class FakeWorksheetProtection
  extends FakeObject
  implements Pick<Excel.WorksheetProtection, "protected" | "options">, Methods<Excel.WorksheetProtection, "protect" | "unprotect">
{
  protected readonly scalarProps = ["protected", "options"] as const;
  constructor(
    context: FakeContext,
    private readonly sheet: () => SheetData,
  ) {
    super(context);
  }
  protected snapshot(prop: string): unknown {
    const p = this.sheet().protection;
    return prop === "protected" ? p.protected : prop === "options" ? { ...(p.options ?? {}) } : undefined;
  }
  get protected(): boolean {
    return this.get("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.get("options");
  }
  protect(...[options, password]: Parameters<Excel.WorksheetProtection["protect"]>) {
    this.context.enqueue(() => {
      const s = this.sheet();
      if (s.protection.protected) throw new OfficeLikeError("InvalidOperation", `Trang tính "${s.name}" đã được bảo vệ.`);
      s.protection = { protected: true, options: options ?? {}, password };
    });
  }
  unprotect(...[password]: Parameters<Excel.WorksheetProtection["unprotect"]>) {
    this.context.enqueue(() => {
      const s = this.sheet();
      if (s.protection.protected && s.protection.password && s.protection.password !== password)
        throw new OfficeLikeError("InvalidArgument", "Mật khẩu bảo vệ trang tính không đúng.");
      s.protection = { protected: false };
    });
  }
}

export class FakeFreezePanes
  implements Methods<Excel.WorksheetFreezePanes, "freezeRows" | "freezeColumns" | "freezeAt" | "unfreeze">
{
  constructor(
    readonly context: FakeContext,
    private readonly sheet: () => SheetData,
  ) {}
  freezeRows(...[count]: Parameters<Excel.WorksheetFreezePanes["freezeRows"]>) {
    this.context.enqueue(() => (this.sheet().freeze = { rows: count ?? 1, cols: 0 }));
  }
  freezeColumns(...[count]: Parameters<Excel.WorksheetFreezePanes["freezeColumns"]>) {
    this.context.enqueue(() => (this.sheet().freeze = { rows: 0, cols: count ?? 1 }));
  }
  freezeAt(...[frozen]: Parameters<Excel.WorksheetFreezePanes["freezeAt"]>) {
    this.context.enqueue(() => {
      const rect = typeof frozen === "string" ? parseRect(frozen) : (frozen as unknown as FakeRange).resolveNow().rect;
      this.sheet().freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
    });
  }
  unfreeze() {
    this.context.enqueue(() => (this.sheet().freeze = { rows: 0, cols: 0 }));
  }
}

// ---------------------------------------------------------------- Range

type RangeResolution = { sheet: SheetData; rect: Rect };

function shapeCheck(v: unknown, rect: Rect): unknown[][] | null {
  if (!Array.isArray(v)) return null; // scalar: applies to every cell
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
    throw new OfficeLikeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
    );
  return v as unknown[][];
}

export class FakeRange
  extends NullableObject
  implements
    Pick<
      Excel.Range,
      | "address"
      | "addressLocal"
      | "values"
      | "text"
      | "formulas"
      | "numberFormat"
      | "rowCount"
      | "columnCount"
      | "rowIndex"
      | "columnIndex"
      | "columnHidden"
      | "rowHidden"
    >,
    Methods<
      Excel.Range,
      | "getCell"
      | "getRow"
      | "getColumn"
      | "getOffsetRange"
      | "getResizedRange"
      | "getAbsoluteResizedRange"
      | "getEntireColumn"
      | "getEntireRow"
      | "getLastRow"
      | "merge"
      | "unmerge"
      | "clear"
      | "select"
    >
{
  protected readonly scalarProps = [
    "address",
    "addressLocal",
    "values",
    "text",
    "formulas",
    "numberFormat",
    "rowCount",
    "columnCount",
    "rowIndex",
    "columnIndex",
    "columnHidden",
    "rowHidden",
  ] as const;
  private res: RangeResolution | null | undefined;
  readonly format: FakeRangeFormat;
  readonly dataValidation: FakeDataValidation;

  constructor(
    context: FakeContext,
    private readonly resolver: () => RangeResolution | null,
    nullable = false,
  ) {
    super(context, nullable);
    this.format = new FakeRangeFormat(context, () => this.resolveNow());
    this.dataValidation = new FakeDataValidation(context, () => this.resolveNow());
  }

  resolveNow(): RangeResolution {
    if (this.res === undefined) this.res = this.resolver();
    if (!this.res) throw new OfficeLikeError("ItemNotFound", "The requested range doesn't exist.");
    return this.res;
  }
  protected exists(): boolean {
    if (this.res === undefined) this.res = this.resolver();
    return this.res !== null;
  }

  private each<T>(f: (r: number, c: number) => T): T[][] {
    const { rect } = this.resolveNow();
    const out: T[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      const row: T[] = [];
      for (let c = rect.c0; c <= rect.c1; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }

  protected snapshot(prop: string): unknown {
    if (this.isNull()) return undefined;
    const { sheet, rect } = this.resolveNow();
    const doc = this.context.doc;
    const cell = (r: number, c: number) => doc.cell(sheet, r, c);
    const big = (rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1) > 5_000_000;
    if (big && ["values", "text", "formulas", "numberFormat"].includes(prop))
      throw new OfficeLikeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    switch (prop) {
      case "address":
        return doc.fullAddress(sheet, rect);
      case "addressLocal":
        return doc.fullAddress(sheet, rect);
      case "values":
        return this.each((r, c) => cell(r, c)?.value ?? "");
      case "text":
        return this.each((r, c) => displayText(cell(r, c)));
      case "formulas":
        return this.each((r, c) => cell(r, c)?.formula ?? cell(r, c)?.value ?? "");
      case "numberFormat":
        return this.each((r, c) => cell(r, c)?.numberFormat ?? "General");
      case "rowCount":
        return rect.r1 - rect.r0 + 1;
      case "columnCount":
        return rect.c1 - rect.c0 + 1;
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "columnHidden":
        return sheet.hiddenCols.has(rect.c0);
      case "rowHidden":
        return sheet.hiddenRows.has(rect.r0);
    }
    return undefined;
  }

  get address(): string {
    return this.get("address");
  }
  get addressLocal(): string {
    return this.get("addressLocal");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get text(): string[][] {
    return this.get("text");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get values(): any[][] {
    return this.get("values");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set values(v: any[][]) {
    this.set("values", v, () => this.writeCells(v, "values"));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get formulas(): any[][] {
    return this.get("formulas");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set formulas(v: any[][]) {
    this.set("formulas", v, () => this.writeCells(v, "formulas"));
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get numberFormat(): any[][] {
    return this.get("numberFormat");
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set numberFormat(v: any[][]) {
    this.set("numberFormat", v, () => {
      const { sheet, rect } = this.resolveNow();
      const grid = shapeCheck(v, rect);
      this.context.doc.assertEditable(sheet, rect, "format");
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++)
          this.context.doc.cellForWrite(sheet, r, c).numberFormat = String(grid ? grid[r - rect.r0]![c - rect.c0] : v);
    });
  }
  get columnHidden(): boolean {
    return this.get("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.set("columnHidden", v, () => {
      const { sheet, rect } = this.resolveNow();
      for (let c = rect.c0; c <= rect.c1; c++) {
        if (v) sheet.hiddenCols.add(c);
        else sheet.hiddenCols.delete(c);
      }
    });
  }

  get rowHidden(): boolean {
    return this.get("rowHidden");
  }
  set rowHidden(v: boolean) {
    this.set("rowHidden", v, () => {
      const { sheet, rect } = this.resolveNow();
      if (sheet.protection.protected && !sheet.protection.options?.allowFormatRows)
        throw new OfficeLikeError("AccessDenied", `Trang tính "${sheet.name}" được bảo vệ: không ẩn/hiện được dòng.`);
      for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100_000); r++) {
        if (v) sheet.hiddenRows.add(r);
        else sheet.hiddenRows.delete(r);
      }
    });
  }

  private writeCells(v: unknown, kind: "values" | "formulas"): void {
    const { sheet, rect } = this.resolveNow();
    const grid = shapeCheck(v, rect);
    const doc = this.context.doc;
    doc.assertEditable(sheet, rect);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) {
        const input = grid ? grid[r - rect.r0]![c - rect.c0] : v;
        const cell = doc.cellForWrite(sheet, r, c);
        const co = coerceInput(kind === "formulas" || typeof input !== "string" ? input : input, cell.numberFormat);
        cell.value = co.value;
        if (co.formula) cell.formula = co.formula;
        else delete cell.formula;
        if (co.numberFormat) cell.numberFormat = co.numberFormat;
      }
    this.context.noteChange(sheet, rect);
  }

  private derived(f: (rect: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, rect } = this.resolveNow();
      return { sheet, rect: f(rect) };
    });
  }
  getCell(...[r, c]: Parameters<Excel.Range["getCell"]>) {
    return this.derived((x) => ({ r0: x.r0 + r, c0: x.c0 + c, r1: x.r0 + r, c1: x.c0 + c }));
  }
  getRow(...[i]: Parameters<Excel.Range["getRow"]>) {
    return this.derived((x) => ({ ...x, r0: x.r0 + i, r1: x.r0 + i }));
  }
  getColumn(...[i]: Parameters<Excel.Range["getColumn"]>) {
    return this.derived((x) => ({ ...x, c0: x.c0 + i, c1: x.c0 + i }));
  }
  getOffsetRange(...[dr, dc]: Parameters<Excel.Range["getOffsetRange"]>) {
    return this.derived((x) => ({ r0: x.r0 + dr, c0: x.c0 + dc, r1: x.r1 + dr, c1: x.c1 + dc }));
  }
  getLastRow() {
    return this.derived((x) => ({ ...x, r0: x.r1 }));
  }
  getResizedRange(...[dr, dc]: Parameters<Excel.Range["getResizedRange"]>) {
    return this.derived((x) => ({ ...x, r1: x.r1 + dr, c1: x.c1 + dc }));
  }
  getAbsoluteResizedRange(...[nr, nc]: Parameters<Excel.Range["getAbsoluteResizedRange"]>) {
    return this.derived((x) => ({ ...x, r1: x.r0 + nr - 1, c1: x.c0 + nc - 1 }));
  }
  getEntireColumn() {
    return this.derived((x) => ({ ...x, r0: 0, r1: MAX_ROWS - 1 }));
  }
  getEntireRow() {
    return this.derived((x) => ({ ...x, c0: 0, c1: MAX_COLS - 1 }));
  }
  merge(...[across]: Parameters<Excel.Range["merge"]>) {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolveNow();
      this.context.doc.assertEditable(sheet, rect, "format");
      const add = across
        ? Array.from({ length: rect.r1 - rect.r0 + 1 }, (_, i) => ({ ...rect, r0: rect.r0 + i, r1: rect.r0 + i }))
        : [rect];
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect)).concat(add);
    });
  }
  unmerge() {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolveNow();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    });
  }
  clear(...[applyTo]: Parameters<Excel.Range["clear"]>) {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolveNow();
      this.context.doc.assertEditable(sheet, rect);
      const what = applyTo ?? "All";
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (r < rect.r0 || r > rect.r1 || c < rect.c0 || c > rect.c1) continue;
        const cell = sheet.cells.get(k)!;
        if (what === "All") sheet.cells.delete(k);
        else if (what === "Contents") {
          cell.value = "";
          delete cell.formula;
        } else if (what === "Formats") Object.assign(cell, { ...defaultCell(), value: cell.value, formula: cell.formula });
      }
      this.context.noteChange(sheet, rect);
    });
  }
  select() {
    this.context.enqueue(() => {
      const { sheet, rect } = this.resolveNow();
      if (this.context.doc.activeSheetId !== sheet.id)
        throw new OfficeLikeError("InvalidSelection", "The current selection is invalid for this operation (sheet not active).");
      this.context.doc.selection = { sheetId: sheet.id, rect };
    });
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.resolveNow().sheet, false);
  }
}

/** Applies `f` to every cell of a range (formats), creating cells as needed. */
function eachCell(context: FakeContext, res: () => RangeResolution, f: (cell: ReturnType<FakeDoc["cellForWrite"]>) => void) {
  context.enqueue(() => {
    const { sheet, rect } = res();
    context.doc.assertEditable(sheet, rect, "format");
    if ((rect.r1 - rect.r0 + 1) * (rect.c1 - rect.c0 + 1) > 2_000_000)
      throw new OfficeLikeError("InvalidArgument", "Fake: format a bounded range, not whole columns/rows");
    for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) f(context.doc.cellForWrite(sheet, r, c));
  });
}

/** First cell's value when all cells agree, null otherwise (like Excel's mixed-format null). */
function uniform<T>(res: RangeResolution, doc: FakeDoc, f: (cell: ReturnType<FakeDoc["cellForWrite"]> | undefined) => T): T | null {
  const { sheet, rect } = res;
  const first = f(doc.cell(sheet, rect.r0, rect.c0));
  for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 5000); r++)
    for (let c = rect.c0; c <= rect.c1; c++) if (f(doc.cell(sheet, r, c)) !== first) return null;
  return first;
}

export class FakeRangeFormat
  extends FakeObject
  implements
    Pick<Excel.RangeFormat, "columnWidth" | "rowHeight" | "wrapText" | "horizontalAlignment" | "verticalAlignment">,
    Methods<Excel.RangeFormat, "autofitColumns" | "autofitRows">
{
  protected readonly scalarProps = ["columnWidth", "rowHeight", "wrapText", "horizontalAlignment", "verticalAlignment"] as const;
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly protection: FakeFormatProtection;
  readonly borders: { getItem: (edge: string) => Record<string, unknown> };
  constructor(
    context: FakeContext,
    private readonly res: () => RangeResolution,
  ) {
    super(context);
    this.fill = new FakeRangeFill(context, res);
    this.font = new FakeRangeFont(context, res);
    this.protection = new FakeFormatProtection(context, res);
    // Borders are accepted and not recorded.
    this.borders = { getItem: () => ({}) };
  }
  protected snapshot(prop: string): unknown {
    const r = this.res();
    const doc = this.context.doc;
    switch (prop) {
      case "columnWidth":
        return r.sheet.colWidths.get(r.rect.c0) ?? 48;
      case "rowHeight":
        return r.sheet.rowHeights.get(r.rect.r0) ?? 15;
      case "wrapText":
        return uniform(r, doc, (c) => c?.wrap ?? false);
      case "horizontalAlignment":
        return uniform(r, doc, (c) => c?.hAlign ?? "General");
      case "verticalAlignment":
        return uniform(r, doc, (c) => c?.vAlign ?? "Bottom");
    }
    return undefined;
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set columnWidth(v: number) {
    this.set("columnWidth", v, () => {
      const { sheet, rect } = this.res();
      for (let c = rect.c0; c <= rect.c1; c++) sheet.colWidths.set(c, v);
    });
  }
  get rowHeight(): number {
    return this.get("rowHeight");
  }
  set rowHeight(v: number) {
    this.set("rowHeight", v, () => {
      const { sheet, rect } = this.res();
      for (let r = rect.r0; r <= Math.min(rect.r1, rect.r0 + 100000); r++) sheet.rowHeights.set(r, v);
    });
  }
  get wrapText(): boolean {
    return this.get("wrapText");
  }
  set wrapText(v: boolean) {
    this._loaded.set("wrapText", v);
    eachCell(this.context, this.res, (c) => (c.wrap = v));
  }
  get horizontalAlignment(): Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed" {
    return this.get("horizontalAlignment");
  }
  set horizontalAlignment(v: Excel.HorizontalAlignment | "General" | "Left" | "Center" | "Right" | "Fill" | "Justify" | "CenterAcrossSelection" | "Distributed") {
    this._loaded.set("horizontalAlignment", v);
    eachCell(this.context, this.res, (c) => (c.hAlign = v));
  }
  get verticalAlignment(): Excel.VerticalAlignment | "Center" | "Bottom" | "Top" | "Justify" | "Distributed" {
    return this.get("verticalAlignment");
  }
  set verticalAlignment(v: Excel.VerticalAlignment | "Center" | "Bottom" | "Top" | "Justify" | "Distributed") {
    this._loaded.set("verticalAlignment", v);
    eachCell(this.context, this.res, (c) => (c.vAlign = v));
  }
  autofitColumns() {
    this.context.enqueue(() => undefined);
  }
  autofitRows() {
    this.context.enqueue(() => undefined);
  }
}

export class FakeRangeFill extends FakeObject implements Pick<Excel.RangeFill, "color">, Methods<Excel.RangeFill, "clear"> {
  protected readonly scalarProps = ["color"] as const;
  constructor(
    context: FakeContext,
    private readonly res: () => RangeResolution,
  ) {
    super(context);
  }
  protected snapshot(prop: string): unknown {
    return prop === "color" ? uniform(this.res(), this.context.doc, (c) => c?.fill ?? null) : undefined;
  }
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this._loaded.set("color", v);
    eachCell(this.context, this.res, (c) => (c.fill = v));
  }
  clear() {
    eachCell(this.context, this.res, (c) => (c.fill = null));
  }
}

export class FakeRangeFont extends FakeObject implements Pick<Excel.RangeFont, "bold" | "italic" | "color" | "size"> {
  protected readonly scalarProps = ["bold", "italic", "color", "size"] as const;
  constructor(
    context: FakeContext,
    private readonly res: () => RangeResolution,
  ) {
    super(context);
  }
  protected snapshot(prop: string): unknown {
    const r = this.res();
    const d = this.context.doc;
    if (prop === "bold") return uniform(r, d, (c) => c?.bold ?? false);
    if (prop === "italic") return uniform(r, d, (c) => c?.italic ?? false);
    if (prop === "color") return uniform(r, d, (c) => c?.fontColor ?? "#000000");
    if (prop === "size") return uniform(r, d, (c) => c?.fontSize ?? 11);
    return undefined;
  }
  get bold(): boolean {
    return this.get("bold");
  }
  set bold(v: boolean) {
    this._loaded.set("bold", v);
    eachCell(this.context, this.res, (c) => (c.bold = v));
  }
  get italic(): boolean {
    return this.get("italic");
  }
  set italic(v: boolean) {
    this._loaded.set("italic", v);
    eachCell(this.context, this.res, (c) => (c.italic = v));
  }
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this._loaded.set("color", v);
    eachCell(this.context, this.res, (c) => (c.fontColor = v));
  }
  get size(): number {
    return this.get("size");
  }
  set size(v: number) {
    this._loaded.set("size", v);
    eachCell(this.context, this.res, (c) => (c.fontSize = v));
  }
}

export class FakeFormatProtection extends FakeObject implements Pick<Excel.FormatProtection, "locked"> {
  protected readonly scalarProps = ["locked"] as const;
  constructor(
    context: FakeContext,
    private readonly res: () => RangeResolution,
  ) {
    super(context);
  }
  protected snapshot(prop: string): unknown {
    return prop === "locked" ? uniform(this.res(), this.context.doc, (c) => c?.locked ?? true) : undefined;
  }
  get locked(): boolean {
    return this.get("locked");
  }
  set locked(v: boolean) {
    this._loaded.set("locked", v);
    this.context.enqueue(() => {
      const { sheet, rect } = this.res();
      if (sheet.protection.protected) throw new OfficeLikeError("AccessDenied", "Cannot change locking on a protected sheet.");
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) this.context.doc.cellForWrite(sheet, r, c).locked = v;
    });
  }
}

export class FakeDataValidation
  extends FakeObject
  implements Pick<Excel.DataValidation, "rule" | "errorAlert" | "prompt" | "ignoreBlanks">, Methods<Excel.DataValidation, "clear">
{
  protected readonly scalarProps = ["rule", "errorAlert", "prompt", "ignoreBlanks"] as const;
  constructor(
    context: FakeContext,
    private readonly res: () => RangeResolution,
  ) {
    super(context);
  }
  private record() {
    const { sheet, rect } = this.res();
    const same = (a: Rect) => a.r0 === rect.r0 && a.c0 === rect.c0 && a.r1 === rect.r1 && a.c1 === rect.c1;
    let rec = sheet.validations.find((v) => same(v.rect));
    if (!rec) {
      sheet.validations = sheet.validations.filter((v) => !intersects(v.rect, rect));
      rec = { rect };
      sheet.validations.push(rec);
    }
    return rec;
  }
  protected snapshot(prop: string): unknown {
    const { sheet, rect } = this.res();
    const rec = sheet.validations.find((v) => intersects(v.rect, rect));
    return rec ? (rec as unknown as Record<string, unknown>)[prop] : undefined;
  }
  get rule(): Excel.DataValidationRule {
    return this.get("rule");
  }
  set rule(v: Excel.DataValidationRule) {
    this.set("rule", v, () => {
      const kinds = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
      if (kinds.length !== 1) throw new OfficeLikeError("InvalidArgument", "A data validation rule takes exactly one type.");
      const { sheet, rect } = this.res();
      this.context.doc.assertEditable(sheet, rect, "format");
      this.record().rule = JSON.parse(JSON.stringify(v));
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.get("errorAlert");
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this.set("errorAlert", v, () => (this.record().errorAlert = { ...v }));
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.get("prompt");
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.set("prompt", v, () => (this.record().prompt = { ...v }));
  }
  get ignoreBlanks(): boolean {
    return this.get("ignoreBlanks");
  }
  set ignoreBlanks(v: boolean) {
    this.set("ignoreBlanks", v, () => (this.record().ignoreBlanks = v));
  }
  clear() {
    this.context.enqueue(() => {
      const { sheet, rect } = this.res();
      sheet.validations = sheet.validations.filter((v) => !intersects(v.rect, rect));
    });
  }
}

// ---------------------------------------------------------------- Tables

export class FakeTableCollection implements Methods<Excel.TableCollection, "add" | "getItem" | "getItemOrNullObject"> {
  constructor(
    readonly context: FakeContext,
    private readonly sheet: () => SheetData,
  ) {}
  add(...[address, hasHeaders]: Parameters<Excel.TableCollection["add"]>) {
    let created: TableData | null = null;
    this.context.enqueue(() => {
      const doc = this.context.doc;
      const sheet = this.sheet();
      const res =
        typeof address === "string"
          ? (() => {
              const p = parseAddress(address);
              return { sheet: p.sheet ? doc.sheet(p.sheet) : sheet, rect: p.rect };
            })()
          : (address as unknown as FakeRange).resolveNow();
      if (doc.tables.some((t) => t.sheetId === res.sheet.id && intersects(t.rect, res.rect)))
        throw new OfficeLikeError("InvalidOperation", "A table can't overlap another table.");
      if (res.sheet.merges.some((m) => intersects(m, res.rect)))
        throw new OfficeLikeError("InvalidOperation", "A table can't overlap merged cells.");
      const id = doc.newId("tbl");
      created = { id, name: `Table${doc.tables.length + 1}`, sheetId: res.sheet.id, rect: res.rect };
      if (!hasHeaders) throw new OfficeLikeError("NotImplemented", "Fake: tables need a header row");
      for (let c = res.rect.c0; c <= res.rect.c1; c++) {
        const cell = doc.cellForWrite(res.sheet, res.rect.r0, c);
        if (cell.value === "") cell.value = `Column${c - res.rect.c0 + 1}`;
      }
      doc.tables.push(created);
    });
    return new FakeTable(this.context, () => {
      if (!created) throw new OfficeLikeError("InvalidOperation", "table not created");
      return created;
    });
  }
  getItem(...[k]: Parameters<Excel.TableCollection["getItem"]>) {
    return new FakeTable(this.context, () => {
      const t = this.context.doc.tables.find((x) => x.sheetId === this.sheet().id && (x.name === k || x.id === k));
      if (!t) throw new OfficeLikeError("ItemNotFound", `Table ${k} not found`);
      return t;
    });
  }
  getItemOrNullObject(...[k]: Parameters<Excel.TableCollection["getItemOrNullObject"]>) {
    return this.getItem(k);
  }
  /** Loads the tables of this sheet (items/name). */
  private _items: FakeTable[] | null = null;
  get items(): FakeTable[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
  load(_arg?: LoadArg): this {
    this.context.enqueue(() => {
      const sheet = this.sheet();
      this._items = this.context.doc.tables
        .filter((t) => t.sheetId === sheet.id)
        .map((t) => {
          const ft = new FakeTable(this.context, () => t);
          ft.loadNow();
          return ft;
        });
    });
    return this;
  }
}

export class FakeTable
  extends FakeObject
  implements Pick<Excel.Table, "id" | "name" | "style" | "showBandedRows" | "showFilterButton">, Methods<Excel.Table, "getDataBodyRange" | "getHeaderRowRange" | "getRange">
{
  protected readonly scalarProps = ["id", "name", "style", "showBandedRows", "showFilterButton"] as const;
  readonly rows: FakeTableRowCollection;
  constructor(
    context: FakeContext,
    readonly table: () => TableData,
  ) {
    super(context);
    this.rows = new FakeTableRowCollection(context, table);
  }
  loadNow(): void {
    for (const p of this.scalarProps) this.loadPath(p);
  }
  protected snapshot(prop: string): unknown {
    const t = this.table();
    if (prop === "showFilterButton") return t.showFilterButton ?? true;
    return prop === "id" ? t.id : prop === "name" ? t.name : prop === "style" ? (t.style ?? "TableStyleMedium2") : t.showBandedRows ?? true;
  }
  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.set("name", v, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v)) throw new OfficeLikeError("InvalidArgument", `Invalid table name ${v}`);
      this.table().name = v;
    });
  }
  get style(): string {
    return this.get("style");
  }
  set style(v: string) {
    this.set("style", v, () => (this.table().style = v));
  }
  get showBandedRows(): boolean {
    return this.get("showBandedRows");
  }
  set showBandedRows(v: boolean) {
    this.set("showBandedRows", v, () => (this.table().showBandedRows = v));
  }
  /** The AutoFilter buttons on the header row (Excel shows them by default on a new table). */
  get showFilterButton(): boolean {
    return this.get("showFilterButton");
  }
  set showFilterButton(v: boolean) {
    this.set("showFilterButton", v, () => (this.table().showFilterButton = v));
  }
  private sheetOf(t: TableData): SheetData {
    return this.context.doc.sheet(t.sheetId);
  }
  getRange() {
    return new FakeRange(this.context, () => {
      const t = this.table();
      return { sheet: this.sheetOf(t), rect: t.rect };
    });
  }
  getHeaderRowRange() {
    return new FakeRange(this.context, () => {
      const t = this.table();
      return { sheet: this.sheetOf(t), rect: { ...t.rect, r1: t.rect.r0 } };
    });
  }
  getDataBodyRange() {
    return new FakeRange(this.context, () => {
      const t = this.table();
      // An empty table still has one (blank) body row in Excel.
      return { sheet: this.sheetOf(t), rect: { ...t.rect, r0: t.rect.r0 + 1, r1: Math.max(t.rect.r1, t.rect.r0 + 1) } };
    });
  }
}

export class FakeTableRowCollection implements Methods<Excel.TableRowCollection, "add" | "getCount"> {
  constructor(
    readonly context: FakeContext,
    private readonly table: () => TableData,
  ) {}
  add(...[index, values]: Parameters<Excel.TableRowCollection["add"]>) {
    this.context.enqueue(() => {
      const t = this.table();
      const doc = this.context.doc;
      const sheet = doc.sheet(t.sheetId);
      const rows = (values ?? [[]]) as unknown[][];
      if (index !== null && index !== undefined && index !== t.rect.r1 - t.rect.r0)
        throw new OfficeLikeError("NotImplemented", "Fake: rows.add only appends");
      const start = t.rect.r1 + 1;
      t.rect = { ...t.rect, r1: t.rect.r1 + rows.length };
      rows.forEach((row, i) =>
        row.forEach((v, j) => {
          const cell = doc.cellForWrite(sheet, start + i, t.rect.c0 + j);
          const co = coerceInput(v, cell.numberFormat);
          cell.value = co.value;
        }),
      );
      this.context.noteChange(sheet, { r0: start, r1: t.rect.r1, c0: t.rect.c0, c1: t.rect.c1 });
    });
  }
  getCount() {
    return new FakeClientResult(this.context, () => {
      const t = this.table();
      return t.rect.r1 - t.rect.r0;
    });
  }
}

// ---------------------------------------------------------------- Charts (recorded)

/** A recording proxy: property writes land in `chart.props["a.b"]`, calls in `chart.calls`. */
function recorder(chart: ChartData, context: FakeContext, path: string): unknown {
  return new Proxy(function () {} as unknown as object, {
    get(_t, prop) {
      if (typeof prop === "symbol") return undefined;
      if (prop === "load") return () => undefined;
      const p = path ? `${path}.${prop}` : prop;
      if (p in chart.props) return chart.props[p];
      return recorder(chart, context, p);
    },
    set(_t, prop, value) {
      if (typeof prop === "symbol") return false;
      const p = path ? `${path}.${prop}` : prop;
      context.enqueue(() => (chart.props[p] = value));
      return true;
    },
    apply(_t, _this, args) {
      context.enqueue(() =>
        chart.calls.push({
          path,
          args: args.map((a) => (a instanceof FakeRange ? a.resolveNow().rect : a)),
        }),
      );
      return recorder(chart, context, `${path}()`);
    },
  });
}

export class FakeChartCollection implements Methods<Excel.ChartCollection, "add"> {
  constructor(
    readonly context: FakeContext,
    private readonly sheet: () => SheetData,
  ) {}
  add(...[type, sourceData, seriesBy]: Parameters<Excel.ChartCollection["add"]>) {
    const doc = this.context.doc;
    const chart: ChartData = { id: doc.newId("chart"), sheetId: "", type, source: "", seriesBy, props: {}, calls: [] };
    this.context.enqueue(() => {
      const src = (sourceData as unknown as FakeRange).resolveNow();
      chart.sheetId = this.sheet().id;
      chart.source = doc.fullAddress(src.sheet, src.rect);
      doc.charts.push(chart);
    });
    return recorder(chart, this.context, "");
  }
}

// ---------------------------------------------------------------- Notes (ExcelApi 1.18)

export class FakeNoteCollection implements Methods<Excel.NoteCollection, "add" | "getItemOrNullObject"> {
  private _items: FakeNote[] | null = null;
  constructor(
    readonly context: FakeContext,
    private readonly sheet: () => SheetData,
  ) {}
  get items(): FakeNote[] {
    if (!this._items) throw notLoaded("items");
    return this._items;
  }
  /** Loads the notes of the sheet (items/content); each item stays bound to its cell. */
  load(_arg?: LoadArg): this {
    this.context.enqueue(() => {
      const sheet = this.sheet();
      this._items = [...sheet.notes.keys()].map((addr) => {
        const n = new FakeNote(this.context, () => sheet, addr, false);
        n.loadNow();
        return n;
      });
    });
    return this;
  }
  private addressOf(cell: Excel.Range | string): string {
    if (typeof cell === "string") {
      const p = parseAddress(cell);
      return rectAddress(p.rect.r0, p.rect.c0, p.rect.r0, p.rect.c0);
    }
    const { rect } = (cell as unknown as FakeRange).resolveNow();
    return rectAddress(rect.r0, rect.c0, rect.r0, rect.c0);
  }
  add(...[cellAddress, content]: Parameters<Excel.NoteCollection["add"]>) {
    this.context.enqueue(() => {
      const sheet = this.sheet();
      const addr = this.addressOf(cellAddress);
      if (sheet.protection.protected && !sheet.protection.options?.allowEditObjects)
        throw new OfficeLikeError("AccessDenied", "Cannot add a note on a protected sheet.");
      if (sheet.notes.has(addr)) throw new OfficeLikeError("InvalidArgument", `Ô ${addr} đã có ghi chú.`);
      sheet.notes.set(addr, String(content));
    });
    return new FakeNote(this.context, () => this.sheet(), this.addressOf(cellAddress as string), false);
  }
  getItemOrNullObject(...[k]: Parameters<Excel.NoteCollection["getItemOrNullObject"]>) {
    return new FakeNote(this.context, () => this.sheet(), this.addressOf(k), true);
  }
}

export class FakeNote extends NullableObject implements Pick<Excel.Note, "content">, Methods<Excel.Note, "delete"> {
  protected readonly scalarProps = ["content"] as const;
  constructor(
    context: FakeContext,
    private readonly sheet: () => SheetData,
    private readonly addr: string,
    nullable: boolean,
  ) {
    super(context, nullable);
  }
  protected exists(): boolean {
    return this.sheet().notes.has(this.addr);
  }
  /** Loads immediately (used while a batch runs). */
  loadNow(): void {
    for (const p of this.scalarProps) this.loadPath(p);
  }
  protected snapshot(prop: string): unknown {
    return prop === "content" ? (this.sheet().notes.get(this.addr) ?? null) : undefined;
  }
  get content(): string {
    return this.get("content");
  }
  set content(v: string) {
    this.set("content", v, () => this.sheet().notes.set(this.addr, v));
  }
  delete() {
    this.context.enqueue(() => {
      const sheet = this.sheet();
      if (!sheet.notes.has(this.addr)) throw new OfficeLikeError("ItemNotFound", `No note at ${this.addr}`);
      if (sheet.protection.protected && !sheet.protection.options?.allowEditObjects)
        throw new OfficeLikeError("AccessDenied", "Cannot delete a note on a protected sheet.");
      sheet.notes.delete(this.addr);
    });
  }
}

export { key };

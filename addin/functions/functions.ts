/**
 * The CT.* Excel custom functions. custom-functions-metadata reads the JSDoc below to generate functions.json
 * (scripts/gen-functions-json.mjs); register.ts associates each id with its function.
 *
 * Every function exists twice: an English name (TARGET…) and a Vietnamese alias (MUCTIEU…), both in the one
 * functions.json, so staff can type either in any Excel UI language (see docs/FUNCTIONS.md, "Localization").
 * Bodies call core.ts with the current catalog (the catalog functions through a memo of their answers) and turn
 * CtError into CustomFunctions.Error.
 *
 * Keep each @customfunction a top-level `function` declaration: the generator ignores arrow functions.
 */
import { bundledCatalog } from "./bundled-catalog.js";
import { hasDoubtTexts, type FnCatalog } from "./slim-catalog.js";
import { ActualBatcher } from "./actual-batcher.js";
import { ctTaskStatus, taskStatusFetcher } from "./task-status.js";
import {
  CtError,
  ctActual,
  ctAgency,
  ctAssess,
  ctBaseline,
  ctName,
  ctProgress,
  ctTargetOrError,
  ctTargetText,
  ctUnit,
  findIndicator,
  type ActualFetcher,
  type CellInput,
} from "./core.js";

interface FunctionsState {
  cache: { readonly current: FnCatalog };
  fetcher: ActualFetcher;
}

const defaultBatcher = new ActualBatcher();

const state: FunctionsState = {
  // The slim catalog of the first bundle until register.ts hands over the catalog cache (saved copy, server).
  cache: { current: bundledCatalog },
  fetcher: defaultBatcher.fetcher,
};

/** Replace the catalog source and/or the CT.ACTUAL fetcher (register.ts at start-up; tests). */
export function configureFunctions(options: { cache?: FunctionsState["cache"]; fetcher?: ActualFetcher }): void {
  if (options.cache) state.cache = options.cache;
  if (options.fetcher) state.fetcher = options.fetcher;
}

function currentCatalog(): FnCatalog {
  return state.cache.current;
}

type ExcelErrorClass = new (code: CustomFunctions.ErrorCode, m?: string) => Error;
const excelErrorClass = () =>
  (globalThis as unknown as { CustomFunctions?: { Error?: ExcelErrorClass } }).CustomFunctions?.Error;

/** CtError → CustomFunctions.Error (#N/A or #VALUE! with the Vietnamese message); anything else → #VALUE!. */
export function toExcelError(e: unknown): Error {
  const code = e instanceof CtError ? e.code : "#VALUE!";
  const message = e instanceof CtError ? e.message : `Lỗi: ${e instanceof Error ? e.message : String(e)}`;
  const ExcelError = excelErrorClass();
  if (ExcelError) return new ExcelError(code as CustomFunctions.ErrorCode, message);
  return e instanceof Error ? e : new Error(message);
}

/**
 * Runs fn without capturing stack traces: an error answer (#N/A, #VALUE!) is a normal result for a cell, and
 * building a stack for each (twice: CtError, then CustomFunctions.Error) was most of its cost. Nobody reads
 * those stacks: Excel shows the code and the message.
 */
function stackless<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function call<T>(fn: () => T): T {
  return stackless(() => {
    try {
      return fn();
    } catch (e) {
      throw toExcelError(e);
    }
  });
}

async function callAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw stackless(() => toExcelError(e));
  }
}

/**
 * Answers of the catalog functions, per function, per catalog object and per arguments as Excel passes them:
 * a recalculation asks the same (key, year) over and over, and the answer only changes with the catalog.
 * Nested Maps keyed by the arguments themselves (no key strings to build; 42 and "42" stay distinct). An error
 * answer is kept as the CustomFunctions.Error to throw, made once. Bounded: a table is emptied when full.
 * The hot path is a couple of Map lookups: no closure, no WeakMap lookup while the catalog stays the same.
 */
class ErrorAnswer {
  constructor(
    readonly error: unknown,
    public excel: Error,
    public cls: ExcelErrorClass | undefined,
  ) {}
}
/**
 * core.ts throws the same CtError for every cell with the same answer (a key and its spellings, a key in every
 * year): those cells share one ErrorAnswer, so the CustomFunctions.Error is made once for all of them.
 */
const errorAnswers = new WeakMap<object, ErrorAnswer>();
function errorAnswer(e: unknown): ErrorAnswer {
  const shared = e instanceof CtError ? errorAnswers.get(e) : undefined;
  if (shared) return shared;
  const answer = new ErrorAnswer(e, toExcelError(e), excelErrorClass());
  if (e instanceof CtError) errorAnswers.set(e, answer);
  return answer;
}
/** A function's answer: its value, or the error it throws or returns (a CtError). */
type Compute = (c: FnCatalog, a: CellInput, b: CellInput) => unknown;
interface CatalogMemo {
  size: number;
  byKey: Map<CellInput, Map<CellInput, unknown>>;
}
class MemoTable {
  private readonly byCatalog = new WeakMap<FnCatalog, CatalogMemo>();
  private lastCatalog: FnCatalog | null = null;
  private last: CatalogMemo | null = null;
  constructor(readonly compute: Compute) {}
  of(catalog: FnCatalog): CatalogMemo {
    if (catalog === this.lastCatalog) return this.last!;
    let t = this.byCatalog.get(catalog);
    if (!t) this.byCatalog.set(catalog, (t = { size: 0, byKey: new Map() }));
    this.lastCatalog = catalog;
    this.last = t;
    return t;
  }
}
const MEMO_LIMIT = 50_000;
const MEMO = {
  TARGET: new MemoTable((c, key, year) => ctTargetOrError(c, key, year)),
  TARGETTEXT: new MemoTable((c, key, year) => ctTargetText(c, key, year as number | string)),
  BASELINE: new MemoTable((c, key) => ctBaseline(c, key)),
  NAME: new MemoTable((c, key) => ctName(c, key)),
  UNIT: new MemoTable((c, key) => ctUnit(c, key)),
  AGENCY: new MemoTable((c, key) => ctAgency(c, key)),
};

function memoized<T>(table: MemoTable, a: CellInput, b: CellInput, catalog = currentCatalog()): T {
  const t = table.of(catalog);
  let row = t.byKey.get(a);
  if (row === undefined) t.byKey.set(a, (row = new Map()));
  let m = row.get(b);
  if (m === undefined && !row.has(b)) {
    m = stackless(() => {
      try {
        const answer = table.compute(catalog, a, b);
        return answer instanceof CtError ? errorAnswer(answer) : answer;
      } catch (e) {
        return errorAnswer(e);
      }
    });
    if (++t.size > MEMO_LIMIT) {
      t.byKey.clear();
      t.size = 1;
      t.byKey.set(a, (row = new Map()));
    }
    row.set(b, m);
  }
  if (!(m instanceof ErrorAnswer)) return m as T;
  // The error class can change (tests install and remove CustomFunctions): convert again if it did.
  if (m.cls !== excelErrorClass()) {
    const e = m.error;
    m.excel = stackless(() => toExcelError(e));
    m.cls = excelErrorClass();
  }
  throw m.excel;
}

/** The full catalog of this build (the doubts' words), loaded when first needed; the task pane loads it too. */
let fullCatalog: Promise<FnCatalog> | null = null;
let fullLoaded: FnCatalog | null = null;
export function loadDoubtTexts(): Promise<FnCatalog> {
  fullCatalog ??= import("../../shared/catalog/index.js").then((m) => (fullLoaded = m.catalog as FnCatalog));
  return fullCatalog;
}

/** Excel accepts a promise from any custom function (#BUSY! until it settles); the declared type, and so
 * functions.json, stay as they are for the common, synchronous answer. */
function later<T>(p: Promise<T>): T {
  return p as unknown as T;
}

// ----------------------------------------------------------------------------------------------------------
// English names
// ----------------------------------------------------------------------------------------------------------

/**
 * Mục tiêu của chỉ tiêu cho năm mốc, dạng số (60% → 0,6; ≥/≤ → ngưỡng; Nhóm 10 → 10) hoặc chữ nếu định tính. Target of an indicator for a milestone year.
 * @customfunction TARGET
 * @param key Mã chỉ tiêu (ví dụ "5G") hoặc số thứ tự. Indicator key or STT.
 * @param year Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @returns Mục tiêu (số hoặc chữ).
 */
export function target(key: string | number | boolean | null, year: number | string): number | string {
  return memoized(MEMO.TARGET, key, year);
}

/**
 * Mục tiêu đúng như văn bản in, kèm nghi vấn nếu có. Target exactly as printed, with any doubt noted.
 * @customfunction TARGETTEXT
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @param year Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @returns Chữ như văn bản kế hoạch.
 */
export function targetText(key: string | number | boolean | null, year: number | string): string {
  const catalog = currentCatalog();
  // The slim catalog knows which cells are doubtful but not the words: those answers wait for the full catalog.
  if (!hasDoubtTexts(catalog)) {
    const ind = findIndicator(catalog, key);
    if (ind && ind.doubts.some((d) => d.field === String(year).trim())) {
      // The slim catalog is this build's catalog, so this build's full catalog has the same cells, with words.
      if (fullLoaded?.version === catalog.version) return memoized(MEMO.TARGETTEXT, key, year, fullLoaded);
      return later(loadDoubtTexts().then((full) => call(() => ctTargetText(full, key, year))));
    }
  }
  return memoized(MEMO.TARGETTEXT, key, year);
}

/**
 * Hiện trạng (số liệu gốc) của chỉ tiêu. Baseline of an indicator.
 * @customfunction BASELINE
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Hiện trạng (số hoặc chữ).
 */
export function baseline(key: string | number | boolean | null): number | string {
  return memoized(MEMO.BASELINE, key, undefined);
}

/**
 * Tên chỉ tiêu. Indicator name.
 * @customfunction NAME
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Tên chỉ tiêu.
 */
export function name(key: string | number | boolean | null): string {
  return memoized(MEMO.NAME, key, undefined);
}

/**
 * Đơn vị tính của chỉ tiêu. Unit of measure.
 * @customfunction UNIT
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Đơn vị tính.
 */
export function unit(key: string | number | boolean | null): string {
  return memoized(MEMO.UNIT, key, undefined);
}

/**
 * Cơ quan chủ trì, ngăn cách bằng "; ". Responsible agencies.
 * @customfunction AGENCY
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Các cơ quan chủ trì.
 */
export function agency(key: string | number | boolean | null): string {
  return memoized(MEMO.AGENCY, key, undefined);
}

/**
 * Đánh giá kết quả so với mục tiêu: Vượt, Đạt, Không đạt, Chưa đánh giá. Assess an actual value against the target.
 * @customfunction ASSESS
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @param year Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @param actual Kết quả thực hiện (số, 60%, "Nhóm 10", "Hoàn thành"...). Actual value.
 * @returns Vượt / Đạt / Không đạt / Chưa đánh giá.
 */
export function assessResult(key: string | number | boolean | null, year: number | string, actual: string | number | boolean | null): string {
  return call(() => ctAssess(currentCatalog(), key, year, actual));
}

/**
 * Tiến độ so với mục tiêu, dạng phân số (1 = đúng mục tiêu). Progress toward the target as a fraction.
 * @customfunction PROGRESS
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @param year Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @param actual Kết quả thực hiện. Actual value.
 * @returns Tiến độ (định dạng ô là % để xem).
 */
export function progress(key: string | number | boolean | null, year: number | string, actual: string | number | boolean | null): number {
  return call(() => ctProgress(currentCatalog(), key, year, actual));
}

/**
 * Số thực hiện mới nhất đã tổng hợp trên máy chủ (cấp tỉnh nếu không ghi đơn vị). Latest merged actual value from the server.
 * @customfunction ACTUAL
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @param year Năm báo cáo, ví dụ 2025.
 * @param [unit] Mã đơn vị báo cáo; bỏ trống = cấp tỉnh. Reporting unit (blank = province).
 * @returns Số (hoặc chữ) thực hiện.
 */
export async function actual(key: string | number | boolean | null, year: number | string, unit?: string): Promise<number | string> {
  return callAsync(() => ctActual(currentCatalog(), state.fetcher, key, year, unit));
}

/**
 * Trạng thái mới nhất của một nhiệm vụ (Phụ lục II–IV) trên máy chủ: Đã hoàn thành, Đang triển khai, Chưa triển khai, Chậm tiến độ, Chưa báo cáo. Latest status of a plan task.
 * @customfunction TASKSTATUS
 * @param key Mã nhiệm vụ, ví dụ "III.12". Task key.
 * @param [period] Kỳ báo cáo, ví dụ "2026-Q4"; bỏ trống = mới nhất. Reporting period (blank = latest).
 * @returns Trạng thái như báo cáo tổng hợp.
 */
export async function taskStatus(key: string | number | boolean | null, period?: string): Promise<string> {
  return callAsync(() => ctTaskStatus(taskStatusFetcher(), key, period));
}

// ----------------------------------------------------------------------------------------------------------
// Vietnamese aliases (same behaviour, Vietnamese help text)
// ----------------------------------------------------------------------------------------------------------

/**
 * Mục tiêu của chỉ tiêu cho năm mốc, dạng số (60% → 0,6; ≥/≤ → ngưỡng; Nhóm 10 → 10) hoặc chữ nếu định tính.
 * @customfunction MUCTIEU
 * @param ma Mã chỉ tiêu (ví dụ "5G") hoặc số thứ tự.
 * @param nam Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @returns Mục tiêu (số hoặc chữ).
 */
export function mucTieu(ma: string | number | boolean | null, nam: number | string): number | string {
  return target(ma, nam);
}

/**
 * Mục tiêu đúng như văn bản in, kèm nghi vấn nếu có.
 * @customfunction MUCTIEUGOC
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @param nam Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @returns Chữ như văn bản kế hoạch.
 */
export function mucTieuGoc(ma: string | number | boolean | null, nam: number | string): string {
  return targetText(ma, nam);
}

/**
 * Hiện trạng (số liệu gốc) của chỉ tiêu.
 * @customfunction HIENTRANG
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @returns Hiện trạng (số hoặc chữ).
 */
export function hienTrang(ma: string | number | boolean | null): number | string {
  return baseline(ma);
}

/**
 * Tên chỉ tiêu.
 * @customfunction TEN
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @returns Tên chỉ tiêu.
 */
export function ten(ma: string | number | boolean | null): string {
  return name(ma);
}

/**
 * Đơn vị tính của chỉ tiêu.
 * @customfunction DONVI
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @returns Đơn vị tính.
 */
export function donVi(ma: string | number | boolean | null): string {
  return unit(ma);
}

/**
 * Cơ quan chủ trì, ngăn cách bằng "; ".
 * @customfunction COQUAN
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @returns Các cơ quan chủ trì.
 */
export function coQuan(ma: string | number | boolean | null): string {
  return agency(ma);
}

/**
 * Đánh giá kết quả so với mục tiêu: Vượt, Đạt, Không đạt, Chưa đánh giá.
 * @customfunction DANHGIA
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @param nam Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @param thuc_hien Kết quả thực hiện (số, 60%, "Nhóm 10", "Hoàn thành"...).
 * @returns Vượt / Đạt / Không đạt / Chưa đánh giá.
 */
export function danhGia(ma: string | number | boolean | null, nam: number | string, thuc_hien: string | number | boolean | null): string {
  return assessResult(ma, nam, thuc_hien);
}

/**
 * Tiến độ so với mục tiêu, dạng phân số (1 = đúng mục tiêu).
 * @customfunction TIENDO
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @param nam Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @param thuc_hien Kết quả thực hiện.
 * @returns Tiến độ (định dạng ô là % để xem).
 */
export function tienDo(ma: string | number | boolean | null, nam: number | string, thuc_hien: string | number | boolean | null): number {
  return progress(ma, nam, thuc_hien);
}

/**
 * Số thực hiện mới nhất đã tổng hợp trên máy chủ (cấp tỉnh nếu không ghi đơn vị).
 * @customfunction THUCHIEN
 * @param ma Mã chỉ tiêu hoặc số thứ tự.
 * @param nam Năm báo cáo, ví dụ 2025.
 * @param [don_vi] Mã đơn vị báo cáo; bỏ trống = cấp tỉnh.
 * @returns Số (hoặc chữ) thực hiện.
 */
export async function thucHien(ma: string | number | boolean | null, nam: number | string, don_vi?: string): Promise<number | string> {
  return actual(ma, nam, don_vi);
}

/**
 * Trạng thái mới nhất của một nhiệm vụ (Phụ lục II–IV) trên máy chủ: Đã hoàn thành, Đang triển khai, Chưa triển khai, Chậm tiến độ, Chưa báo cáo.
 * @customfunction TRANGTHAI
 * @param ma Mã nhiệm vụ, ví dụ "III.12".
 * @param [ky] Kỳ báo cáo, ví dụ "2026-Q4"; bỏ trống = mới nhất.
 * @returns Trạng thái như báo cáo tổng hợp.
 */
export async function trangThai(ma: string | number | boolean | null, ky?: string): Promise<string> {
  return taskStatus(ma, ky);
}

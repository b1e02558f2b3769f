/**
 * The CT.* Excel custom functions. custom-functions-metadata reads the JSDoc below to generate functions.json
 * (scripts/gen-functions-json.mjs); register.ts associates each id with its function.
 *
 * Every function exists twice: an English name (TARGET…) and a Vietnamese alias (MUCTIEU…), both in the one
 * functions.json, so staff can type either in any Excel UI language (see docs/FUNCTIONS.md, "Localization").
 * Bodies only call core.ts with the cached catalog and turn CtError into CustomFunctions.Error.
 *
 * Keep each @customfunction a top-level `function` declaration: the generator ignores arrow functions.
 */
import { catalog as bundledCatalog } from "../../shared/catalog/index.js";
import type { Catalog } from "../../shared/catalog/types.js";
import { CatalogCache } from "./catalog-cache.js";
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
  ctTarget,
  ctTargetText,
  ctUnit,
  type ActualFetcher,
} from "./core.js";

interface FunctionsState {
  cache: { readonly current: Catalog };
  fetcher: ActualFetcher;
}

const defaultBatcher = new ActualBatcher();

const state: FunctionsState = {
  cache: new CatalogCache({ bundled: bundledCatalog }),
  fetcher: defaultBatcher.fetcher,
};

/** Replace the catalog source and/or the CT.ACTUAL fetcher (register.ts at start-up; tests). */
export function configureFunctions(options: { cache?: FunctionsState["cache"]; fetcher?: ActualFetcher }): void {
  if (options.cache) state.cache = options.cache;
  if (options.fetcher) state.fetcher = options.fetcher;
}

function currentCatalog(): Catalog {
  return state.cache.current;
}

/** CtError → CustomFunctions.Error (#N/A or #VALUE! with the Vietnamese message); anything else → #VALUE!. */
export function toExcelError(e: unknown): Error {
  const g = globalThis as unknown as { CustomFunctions?: { Error?: new (code: CustomFunctions.ErrorCode, m?: string) => Error } };
  const code = e instanceof CtError ? e.code : "#VALUE!";
  const message = e instanceof CtError ? e.message : `Lỗi: ${e instanceof Error ? e.message : String(e)}`;
  const ExcelError = g.CustomFunctions?.Error;
  if (ExcelError) return new ExcelError(code as CustomFunctions.ErrorCode, message);
  return e instanceof Error ? e : new Error(message);
}

function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toExcelError(e);
  }
}

async function callAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toExcelError(e);
  }
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
  return call(() => ctTarget(currentCatalog(), key, year));
}

/**
 * Mục tiêu đúng như văn bản in, kèm nghi vấn nếu có. Target exactly as printed, with any doubt noted.
 * @customfunction TARGETTEXT
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @param year Năm mốc: 2025, 2030, 2035, 2040, 2045.
 * @returns Chữ như văn bản kế hoạch.
 */
export function targetText(key: string | number | boolean | null, year: number | string): string {
  return call(() => ctTargetText(currentCatalog(), key, year));
}

/**
 * Hiện trạng (số liệu gốc) của chỉ tiêu. Baseline of an indicator.
 * @customfunction BASELINE
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Hiện trạng (số hoặc chữ).
 */
export function baseline(key: string | number | boolean | null): number | string {
  return call(() => ctBaseline(currentCatalog(), key));
}

/**
 * Tên chỉ tiêu. Indicator name.
 * @customfunction NAME
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Tên chỉ tiêu.
 */
export function name(key: string | number | boolean | null): string {
  return call(() => ctName(currentCatalog(), key));
}

/**
 * Đơn vị tính của chỉ tiêu. Unit of measure.
 * @customfunction UNIT
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Đơn vị tính.
 */
export function unit(key: string | number | boolean | null): string {
  return call(() => ctUnit(currentCatalog(), key));
}

/**
 * Cơ quan chủ trì, ngăn cách bằng "; ". Responsible agencies.
 * @customfunction AGENCY
 * @param key Mã chỉ tiêu hoặc số thứ tự. Indicator key or STT.
 * @returns Các cơ quan chủ trì.
 */
export function agency(key: string | number | boolean | null): string {
  return call(() => ctAgency(currentCatalog(), key));
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

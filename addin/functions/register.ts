/**
 * Office registration for the CT.* functions, called once from the task pane entry (shared runtime: the task
 * pane page is also the custom-functions runtime):
 *
 *   import { registerFunctions } from "../functions/register.js";
 *   registerFunctions();   // at module top level, before/independent of Office.onReady
 *
 * Safe in a plain browser or in Node: when CustomFunctions is undefined it only sets up the catalog cache.
 */
import { catalog as bundledCatalog } from "../../shared/catalog/index.js";
import { CatalogCache, defaultStorage, type KeyValueStorage } from "./catalog-cache.js";
import { ActualBatcher } from "./actual-batcher.js";
import { TaskStatusBatcher, configureTaskStatus } from "./task-status.js";
import * as fns from "./functions.js";

/** Function id (as in functions.json) → implementation. Every id in functions.generated.json must be here. */
export const FUNCTION_TABLE: Readonly<Record<string, (...args: never[]) => unknown>> = {
  TARGET: fns.target,
  TARGETTEXT: fns.targetText,
  BASELINE: fns.baseline,
  NAME: fns.name,
  UNIT: fns.unit,
  AGENCY: fns.agency,
  ASSESS: fns.assessResult,
  PROGRESS: fns.progress,
  ACTUAL: fns.actual,
  TASKSTATUS: fns.taskStatus,
  MUCTIEU: fns.mucTieu,
  MUCTIEUGOC: fns.mucTieuGoc,
  HIENTRANG: fns.hienTrang,
  TEN: fns.ten,
  DONVI: fns.donVi,
  COQUAN: fns.coQuan,
  DANHGIA: fns.danhGia,
  TIENDO: fns.tienDo,
  THUCHIEN: fns.thucHien,
  TRANGTHAI: fns.trangThai,
};

export interface RegisterOptions {
  /** Origin + path prefix of the worker API; default "" = same origin as the add-in page. */
  apiBase?: string;
  /**
   * Extra headers for /api/catalog, /api/actuals and /api/task-status, e.g. () => ({ Authorization: `Bearer ${token}` }).
   * Called per request, so it can read the token the task pane holds after sign-in.
   */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Background catalog refresh interval; 0 disables (default 30 minutes). */
  refreshIntervalMs?: number;
  storage?: KeyValueStorage;
  fetch?: typeof fetch;
}

export interface Registration {
  /** true when CustomFunctions.associate was called (running inside Excel). */
  associated: boolean;
  catalogCache: CatalogCache;
  actualBatcher: ActualBatcher;
  taskStatusBatcher: TaskStatusBatcher;
  stop: () => void;
}

let current: Registration | null = null;

/** Associates every CT.* function with Excel (when available) and starts the offline-first catalog cache. */
export function registerFunctions(options: RegisterOptions = {}): Registration {
  if (current) return current;
  const base = (options.apiBase ?? "").replace(/\/+$/, "");
  const catalogCache = new CatalogCache({
    bundled: bundledCatalog,
    storage: options.storage ?? defaultStorage(),
    url: `${base}/api/catalog`,
    ...(options.getHeaders ? { headers: options.getHeaders } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const actualBatcher = new ActualBatcher({
    endpoint: `${base}/api/actuals`,
    ...(options.getHeaders ? { headers: options.getHeaders } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  fns.configureFunctions({ cache: catalogCache, fetcher: actualBatcher.fetcher });
  const taskStatusBatcher = new TaskStatusBatcher({
    endpoint: `${base}/api/task-status`,
    ...(options.getHeaders ? { headers: options.getHeaders } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  configureTaskStatus(taskStatusBatcher.fetcher);

  const interval = options.refreshIntervalMs ?? 30 * 60_000;
  let stopped = false;
  let stopRefresh = () => {};
  void catalogCache.init().then(() => {
    if (stopped) return;
    if (interval > 0) stopRefresh = catalogCache.startAutoRefresh(interval);
    else void catalogCache.refresh();
  });

  let associated = false;
  const cf = (globalThis as { CustomFunctions?: { associate?: (id: string, fn: unknown) => void } }).CustomFunctions;
  if (cf && typeof cf.associate === "function") {
    for (const [id, fn] of Object.entries(FUNCTION_TABLE)) {
      try {
        cf.associate(id, fn);
        associated = true;
      } catch (e) {
        console.error(`CustomFunctions.associate(${id}) thất bại`, e);
      }
    }
  }
  const stop = () => {
    stopped = true;
    stopRefresh();
  };
  current = { associated, catalogCache, actualBatcher, taskStatusBatcher, stop };
  return current;
}

/** For tests: forget the registration so registerFunctions can run again. */
export function resetRegistration(): void {
  current?.stop();
  current = null;
}

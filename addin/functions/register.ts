/**
 * Office registration for the CT.* functions. The first bundle of the shared-runtime page (addin/functions/entry.ts)
 * calls it at top level, before anything else loads:
 *
 *   import { registerFunctions } from "./register.js";
 *   registerFunctions({ getHeaders });   // at module top level, before/independent of Office.onReady
 *
 * It associates every function at once, answering from the slim catalog bundled with them. The catalog cache
 * (the copy saved by the last session and the server's copy with target corrections; it validates with zod) is
 * a separate chunk, loaded right after; it takes over as the functions' catalog when it arrives.
 *
 * Safe in a plain browser or in Node: when CustomFunctions is undefined it only sets up the catalog cache.
 */
import { ActualBatcher } from "./actual-batcher.js";
import { bundledCatalog } from "./bundled-catalog.js";
import type { CatalogCache, KeyValueStorage } from "./catalog-cache.js";
import * as fns from "./functions.js";
import { TaskStatusBatcher, configureTaskStatus } from "./task-status.js";

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
  /** The catalog cache, once its chunk has loaded (the functions answer from the bundled catalog until then). */
  catalogCache: Promise<CatalogCache>;
  actualBatcher: ActualBatcher;
  taskStatusBatcher: TaskStatusBatcher;
  stop: () => void;
}

let current: Registration | null = null;

/** Associates every CT.* function with Excel (when available), then starts the offline-first catalog cache. */
export function registerFunctions(options: RegisterOptions = {}): Registration {
  if (current) return current;
  const base = (options.apiBase ?? "").replace(/\/+$/, "");
  const actualBatcher = new ActualBatcher({
    endpoint: `${base}/api/actuals`,
    ...(options.getHeaders ? { headers: options.getHeaders } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  fns.configureFunctions({ fetcher: actualBatcher.fetcher });
  const taskStatusBatcher = new TaskStatusBatcher({
    endpoint: `${base}/api/task-status`,
    ...(options.getHeaders ? { headers: options.getHeaders } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  configureTaskStatus(taskStatusBatcher.fetcher);

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

  const interval = options.refreshIntervalMs ?? 30 * 60_000;
  let stopped = false;
  let stopRefresh = () => {};
  const catalogCache = import("./catalog-cache.js").then(({ CatalogCache, defaultStorage }) => {
    const cache = new CatalogCache({
      bundled: bundledCatalog,
      storage: options.storage ?? defaultStorage(),
      url: `${base}/api/catalog`,
      ...(options.getHeaders ? { headers: options.getHeaders } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (stopped) return cache;
    fns.configureFunctions({ cache });
    void cache.init().then(() => {
      if (stopped) return;
      if (interval > 0) stopRefresh = cache.startAutoRefresh(interval);
      else void cache.refresh();
    });
    return cache;
  });
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

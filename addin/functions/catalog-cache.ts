/**
 * Offline-first catalog for the custom functions.
 *
 * - Starts with the catalog bundled into the add-in (the slim catalog of the functions' first bundle, or a full
 *   one), so every CT.* function answers synchronously, with no network, from the first recalculation.
 *   This module (with zod) is loaded by register.ts after the functions are registered.
 * - `init()` swaps in the copy last saved in storage (OfficeRuntime.storage in the shared runtime, else
 *   localStorage, else memory), with its ETag, unless an older build of the add-in saved it.
 * - `refresh()` asks GET /api/catalog with If-None-Match: 304 keeps the cache, 200 replaces it (and saves it).
 *   The worker authenticates /api/catalog, so pass `headers` (the task pane's token) and call refresh() again
 *   after sign-in; the worker's ETag is "<version>-<edits>" (target corrections change it).
 *   Failures (offline, timeout, a bad body) keep the current catalog and are reported, never thrown.
 *
 * Storage is behind `KeyValueStorage` so tests use a Map.
 */
import type { Catalog } from "../../shared/catalog/types.js";
import { catalogSchema } from "../../shared/schemas/index.js";
import type { FnCatalog } from "./slim-catalog.js";

/** The subset of OfficeRuntime.storage (async, string values) that the cache needs. */
export interface KeyValueStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export function memoryStorage(map: Map<string, string> = new Map()): KeyValueStorage {
  return {
    getItem: async (key) => map.get(key) ?? null,
    setItem: async (key, value) => {
      map.set(key, value);
    },
  };
}

interface OfficeRuntimeLike {
  storage?: {
    getItem(key: string): Promise<string | null>;
    setItem(key: string, value: string): Promise<void>;
  };
}

/**
 * OfficeRuntime.storage when running inside Office (SharedRuntime 1.1; 10 MB per origin), otherwise
 * window.localStorage, otherwise memory (Node, private browsing).
 */
export function defaultStorage(): KeyValueStorage {
  const g = globalThis as { OfficeRuntime?: OfficeRuntimeLike; localStorage?: Storage };
  const officeStorage = g.OfficeRuntime?.storage;
  if (officeStorage && typeof officeStorage.getItem === "function") {
    return {
      getItem: (key) => officeStorage.getItem(key),
      setItem: (key, value) => officeStorage.setItem(key, value),
    };
  }
  try {
    const ls = g.localStorage;
    if (ls) {
      return {
        getItem: async (key) => ls.getItem(key),
        setItem: async (key, value) => ls.setItem(key, value),
      };
    }
  } catch {
    // localStorage can throw when storage is disabled
  }
  return memoryStorage();
}

export type CatalogSource = "bundled" | "storage" | "network";
export type RefreshOutcome = "updated" | "not-modified" | "offline" | "unauthorized" | "error";

export interface CatalogCacheOptions {
  bundled: FnCatalog;
  storage?: KeyValueStorage;
  fetch?: typeof fetch;
  /** GET endpoint; relative URLs resolve against the add-in page (same origin as the worker). */
  url?: string;
  storageKey?: string;
  timeoutMs?: number;
  /** Extra headers, e.g. the bearer token held by the task pane (the worker authenticates /api/catalog). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
}

interface Stored {
  etag: string | null;
  savedAt: string;
  /** The catalog bundled into the add-in build that saved this copy. */
  bundledVersion: string;
  catalog: Catalog;
}

/** The shared wire schema decides: a bad body never replaces a good catalog. */
export function looksLikeCatalog(x: unknown): x is Catalog {
  return catalogSchema.safeParse(x).success;
}

export class CatalogCache {
  private catalog: FnCatalog;
  private readonly bundled: FnCatalog;
  private etagValue: string | null = null;
  private sourceValue: CatalogSource = "bundled";
  private readonly storage: KeyValueStorage;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly url: string;
  private readonly storageKey: string;
  private readonly timeoutMs: number;
  private readonly headers: CatalogCacheOptions["headers"];
  private listeners = new Set<(c: FnCatalog) => void>();
  private initPromise: Promise<void> | null = null;
  private refreshing: Promise<RefreshOutcome> | null = null;
  /** Last refresh error, for the task pane's status line. */
  lastError: string | null = null;

  constructor(options: CatalogCacheOptions) {
    this.catalog = options.bundled;
    this.bundled = options.bundled;
    this.storage = options.storage ?? memoryStorage();
    this.fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
    this.url = options.url ?? "/api/catalog";
    this.storageKey = options.storageKey ?? "chitieu.catalog.v1";
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.headers = options.headers;
  }

  /** The catalog to answer from, right now (never waits). */
  get current(): FnCatalog {
    return this.catalog;
  }

  get etag(): string | null {
    return this.etagValue;
  }

  get source(): CatalogSource {
    return this.sourceValue;
  }

  /** Called with the new catalog whenever it changes; returns an unsubscribe function. */
  subscribe(listener: (c: FnCatalog) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(catalog: FnCatalog, etag: string | null, source: CatalogSource) {
    const changed = catalog.version !== this.catalog.version;
    this.catalog = catalog;
    this.etagValue = etag;
    this.sourceValue = source;
    if (changed) for (const l of this.listeners) l(catalog);
  }

  /** Loads the saved copy, if any (once; later calls return the same promise). Never throws. */
  init(): Promise<void> {
    this.initPromise ??= (async () => {
      try {
        const text = await this.storage.getItem(this.storageKey);
        if (!text) return;
        const stored = JSON.parse(text) as Partial<Stored>;
        // A copy saved by an older build of the add-in is dropped: the new build's catalog supersedes it
        // (the background refresh brings the server's target corrections back).
        if (stored.bundledVersion !== this.bundled.version) return;
        if (looksLikeCatalog(stored.catalog)) this.set(stored.catalog, stored.etag ?? null, "storage");
      } catch {
        // unreadable storage: keep the bundled catalog
      }
    })();
    return this.initPromise;
  }

  /** One conditional GET; concurrent calls share it. Never throws. */
  refresh(): Promise<RefreshOutcome> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    await this.init();
    if (!this.fetchImpl) {
      this.lastError = "Không có fetch trong môi trường này";
      return "offline";
    }
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = setTimeout(() => controller?.abort(), this.timeoutMs);
    let response: Response;
    try {
      const extra = this.headers ? await this.headers() : {};
      const headers: Record<string, string> = { Accept: "application/json", ...extra };
      // The worker's ETag is opaque ("<version>-<edits>"); before the first 200 there is nothing to offer that
      // it would match, so the bundled version is sent only as a harmless placeholder (a mismatch returns 200).
      headers["If-None-Match"] = this.etagValue ?? `"${this.catalog.version}"`;
      response = await this.fetchImpl(this.url, {
        method: "GET",
        headers,
        ...(controller ? { signal: controller.signal } : {}),
      });
    } catch (e) {
      this.lastError = `Không kết nối được máy chủ: ${e instanceof Error ? e.message : String(e)}`;
      return "offline";
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 304) {
      this.lastError = null;
      return "not-modified";
    }
    if (response.status === 401 || response.status === 403) {
      this.lastError = "Chưa đăng nhập: danh mục sẽ được cập nhật sau khi đăng nhập";
      return "unauthorized";
    }
    if (!response.ok) {
      this.lastError = `Máy chủ trả lỗi HTTP ${response.status} khi tải danh mục`;
      return "error";
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      this.lastError = "Danh mục tải về không phải JSON hợp lệ";
      return "error";
    }
    if (!looksLikeCatalog(body)) {
      this.lastError = "Danh mục tải về không đúng cấu trúc; giữ bản đang có";
      return "error";
    }
    const etag = response.headers.get("ETag");
    this.set(body, etag, "network");
    this.lastError = null;
    try {
      const stored: Stored = {
        etag,
        savedAt: new Date().toISOString(),
        bundledVersion: this.bundled.version,
        catalog: body,
      };
      await this.storage.setItem(this.storageKey, JSON.stringify(stored));
    } catch {
      // storage full or unavailable: the in-memory copy is still current
    }
    return "updated";
  }

  /** init + refresh now, then every `intervalMs`. Returns a stop function. */
  startAutoRefresh(intervalMs = 30 * 60_000): () => void {
    void this.refresh();
    const id = setInterval(() => void this.refresh(), intervalMs);
    return () => clearInterval(id);
  }
}

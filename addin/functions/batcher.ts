/**
 * Batches the calls of a server-answered custom function into one request per recalculation, after Microsoft's
 * batching sample (docs/excel/custom-functions-batching.md, Office-Add-in-samples Excel-custom-functions/Batching):
 * each call queues {request, resolve, reject}; the first call of a burst schedules a flush after a short window
 * (setTimeout), and the flush sends every queued request in ONE POST `{ requests: [...] }`.
 *
 * On top of the sample:
 * - identical requests share one entry, in the queue and while in flight;
 * - answers are cached for a short TTL, so a recalculation right after another costs no request;
 * - every promise has its own timeout (and the fetch is aborted), so a cell never stays #BUSY!:
 *   it becomes #N/A "Không kết nối được máy chủ";
 * - at most `maxBatch` requests per POST (the server's bound); larger bursts are split.
 *
 * CT.ACTUAL (actual-batcher.ts, POST /api/actuals) and CT.TASKSTATUS (task-status.ts, POST /api/task-status) use it.
 */
import { CtError } from "./core.js";

export interface BatcherOptions {
  /** POST endpoint; relative URLs resolve against the add-in page (same origin as the worker). */
  endpoint?: string;
  fetch?: typeof fetch;
  /** Extra headers per request, e.g. the unit's bearer token held by the task pane. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** How long to collect calls before sending (ms). */
  windowMs?: number;
  /** Per-call timeout (ms): the promise rejects with #N/A and the fetch is aborted. */
  timeoutMs?: number;
  /** How long an answer is reused (ms). */
  ttlMs?: number;
  /** At most this many requests per POST; larger bursts are split. */
  maxBatch?: number;
  now?: () => number;
}

interface Waiter<R> {
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

interface Pending<Q, R> {
  request: Q;
  waiters: Waiter<R>[];
}

export const OFFLINE_MESSAGE = "Không kết nối được máy chủ";

export abstract class RequestBatcher<Q, R> {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly headers: BatcherOptions["headers"];
  private readonly windowMs: number;
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  private queue = new Map<string, Pending<Q, R>>();
  private inFlight = new Map<string, Pending<Q, R>>();
  private cache = new Map<string, { result: R; at: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Number of HTTP requests sent (for tests and diagnostics). */
  requestCount = 0;

  constructor(options: BatcherOptions, defaults: { endpoint: string; maxBatch: number }) {
    this.endpoint = options.endpoint ?? defaults.endpoint;
    this.fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
    this.headers = options.headers;
    this.windowMs = options.windowMs ?? 25;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxBatch = Math.min(options.maxBatch ?? defaults.maxBatch, defaults.maxBatch);
    this.now = options.now ?? (() => Date.now());
  }

  /** Identical requests (same id) share one entry. */
  protected abstract idOf(request: Q): string;
  /** results[i] answers requests[i]; a subclass may fall back to matching when the server reordered. */
  protected abstract pick(results: unknown[], i: number, request: Q): R;
  /**
   * A server that bounds the distinct scopes it answers per POST (e.g. /api/actuals: at most MAX_ACTUAL_SCOPES
   * (unit, year) pairs) names each request's scope here and the bound in `maxScopes`; null = no bound.
   */
  protected scopeOf(_request: Q): string | null {
    return null;
  }
  protected readonly maxScopes: number = Infinity;

  get(request: Q): Promise<R> {
    const id = this.idOf(request);
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return Promise.resolve(hit.result);
    if (hit) this.cache.delete(id);

    const work = new Promise<R>((resolve, reject) => {
      const waiter = { resolve, reject };
      const existing = this.inFlight.get(id) ?? this.queue.get(id);
      if (existing) {
        existing.waiters.push(waiter);
        return;
      }
      this.queue.set(id, { request, waiters: [waiter] });
      this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
    return this.withTimeout(work);
  }

  private withTimeout(work: Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new CtError("#N/A", `${OFFLINE_MESSAGE} (quá ${Math.round(this.timeoutMs / 1000)} giây).`)),
        this.timeoutMs,
      );
      work.then(
        (r) => {
          clearTimeout(t);
          resolve(r);
        },
        (e: unknown) => {
          clearTimeout(t);
          reject(e);
        },
      );
    });
  }

  /** Sends everything queued now (the timer calls this; tests may too). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const entries = [...this.queue.entries()];
    this.queue.clear();
    if (entries.length === 0) return;
    for (const [id, p] of entries) this.inFlight.set(id, p);
    // Each POST: at most maxBatch requests and maxScopes distinct scopes. Requests are grouped by scope first, so a
    // recalculation spread over many scopes takes as few POSTs as it can.
    const byScope = new Map<string, [string, Pending<Q, R>][]>();
    for (const e of entries) {
      const scope = this.scopeOf(e[1].request) ?? "";
      const group = byScope.get(scope);
      if (group) group.push(e);
      else byScope.set(scope, [e]);
    }
    const chunks: [string, Pending<Q, R>][][] = [];
    let chunk: [string, Pending<Q, R>][] = [];
    let scopes = 0;
    for (const group of byScope.values()) {
      group.forEach((e, i) => {
        if (chunk.length >= this.maxBatch) {
          chunks.push(chunk);
          chunk = [];
          scopes = 0;
        }
        if (i === 0 || chunk.length === 0) {
          if (scopes >= this.maxScopes) {
            chunks.push(chunk);
            chunk = [];
            scopes = 0;
          }
          scopes++;
        }
        chunk.push(e);
      });
    }
    if (chunk.length) chunks.push(chunk);
    await Promise.all(chunks.map((c) => this.send(c)));
  }

  private async send(chunk: [string, Pending<Q, R>][]): Promise<void> {
    const settle = (id: string, p: Pending<Q, R>, outcome: { result: R } | { error: unknown }) => {
      this.inFlight.delete(id);
      if ("result" in outcome) {
        this.cache.set(id, { result: outcome.result, at: this.now() });
        for (const w of p.waiters) w.resolve(outcome.result);
      } else {
        for (const w of p.waiters) w.reject(outcome.error);
      }
    };
    try {
      const results = await this.post(chunk.map(([, p]) => p.request));
      chunk.forEach(([id, p], i) => settle(id, p, { result: this.pick(results, i, p.request) }));
    } catch (e) {
      const error = e instanceof CtError ? e : new CtError("#N/A", `${OFFLINE_MESSAGE}.`);
      for (const [id, p] of chunk) settle(id, p, { error });
    }
  }

  private async post(requests: Q[]): Promise<unknown[]> {
    if (!this.fetchImpl) throw new CtError("#N/A", `${OFFLINE_MESSAGE} (không có fetch).`);
    this.requestCount += 1;
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = setTimeout(() => controller?.abort(), this.timeoutMs);
    try {
      const extra = this.headers ? await this.headers() : {};
      const response = await this.fetchImpl(this.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...extra },
        body: JSON.stringify({ requests }),
        ...(controller ? { signal: controller.signal } : {}),
      });
      if (response.status === 401 || response.status === 403) {
        throw new CtError("#N/A", "Chưa đăng nhập: mở ngăn Chỉ tiêu để đăng nhập rồi tính lại (Ctrl+Alt+F9).");
      }
      if (!response.ok) throw new CtError("#N/A", `${OFFLINE_MESSAGE} (HTTP ${response.status}).`);
      const body = (await response.json()) as { results?: unknown };
      if (!Array.isArray(body.results)) throw new CtError("#N/A", "Máy chủ trả về dữ liệu không đúng định dạng.");
      return body.results as unknown[];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forget cached answers (e.g. after the task pane pushed new values). */
  clear(): void {
    this.cache.clear();
  }
}

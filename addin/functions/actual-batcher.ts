/**
 * Batches CT.ACTUAL calls into one request per recalculation, after Microsoft's batching sample
 * (docs/excel/custom-functions-batching.md, Office-Add-in-samples Excel-custom-functions/Batching):
 * each call queues {request, resolve, reject}; the first call of a burst schedules a flush after a short
 * window (setTimeout), and the flush sends every queued request in ONE POST.
 *
 * On top of the sample:
 * - identical requests (same key, year, unit) share one entry, in the queue and while in flight;
 * - answers are cached for a short TTL, so a recalculation right after another costs no request;
 * - every promise has its own timeout (and the fetch is aborted), so a cell never stays #BUSY!:
 *   it becomes #N/A "Không kết nối được máy chủ".
 *
 * Wire contract (proposed to the worker):
 *   POST /api/actuals  { requests: [{ key, year, unit? }] }
 *   200 → { results: [{ key, year, unit, raw, value, period? }] }   results[i] answers requests[i]
 */
import { CtError, type ActualRequest, type ActualResult } from "./core.js";
import { MAX_ACTUAL_SCOPES, actualScope } from "../../shared/schemas/limits.js";

export interface ActualBatcherOptions {
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

interface Waiter {
  resolve: (r: ActualResult) => void;
  reject: (e: unknown) => void;
}

interface Pending {
  request: ActualRequest;
  waiters: Waiter[];
}

export function requestId(r: ActualRequest): string {
  return `${r.key.toUpperCase()}|${r.year}|${(r.unit ?? "").toUpperCase()}`;
}

export const OFFLINE_MESSAGE = "Không kết nối được máy chủ";

export class ActualBatcher {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly headers: ActualBatcherOptions["headers"];
  private readonly windowMs: number;
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  private queue = new Map<string, Pending>();
  private inFlight = new Map<string, Pending>();
  private cache = new Map<string, { result: ActualResult; at: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Number of HTTP requests sent (for tests and diagnostics). */
  requestCount = 0;

  constructor(options: ActualBatcherOptions = {}) {
    this.endpoint = options.endpoint ?? "/api/actuals";
    this.fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
    this.headers = options.headers;
    this.windowMs = options.windowMs ?? 25;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxBatch = options.maxBatch ?? 500;
    this.now = options.now ?? (() => Date.now());
  }

  /** The fetcher handed to core.ctActual. */
  readonly fetcher = (request: ActualRequest): Promise<ActualResult> => this.get(request);

  get(request: ActualRequest): Promise<ActualResult> {
    const id = requestId(request);
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return Promise.resolve(hit.result);
    if (hit) this.cache.delete(id);

    const work = new Promise<ActualResult>((resolve, reject) => {
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

  private withTimeout(work: Promise<ActualResult>): Promise<ActualResult> {
    return new Promise<ActualResult>((resolve, reject) => {
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
    // Each POST: at most maxBatch cells and MAX_ACTUAL_SCOPES distinct (unit, year) pairs (the worker's limits).
    // Cells are grouped by pair first, so a recalculation spread over many years takes as few POSTs as it can.
    const byScope = new Map<string, [string, Pending][]>();
    for (const e of entries) {
      const scope = actualScope(e[1].request);
      const group = byScope.get(scope);
      if (group) group.push(e);
      else byScope.set(scope, [e]);
    }
    const chunks: [string, Pending][][] = [];
    let chunk: [string, Pending][] = [];
    let scopes = 0;
    for (const group of byScope.values()) {
      for (const e of group) {
        if (chunk.length >= this.maxBatch) {
          chunks.push(chunk);
          chunk = [];
          scopes = 0;
        }
        if (e === group[0] || chunk.length === 0) {
          if (scopes >= MAX_ACTUAL_SCOPES) {
            chunks.push(chunk);
            chunk = [];
            scopes = 0;
          }
          scopes++;
        }
        chunk.push(e);
      }
    }
    if (chunk.length) chunks.push(chunk);
    await Promise.all(chunks.map((chunk) => this.send(chunk)));
  }

  private async send(chunk: [string, Pending][]): Promise<void> {
    const settle = (id: string, p: Pending, outcome: { result: ActualResult } | { error: unknown }) => {
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
      chunk.forEach(([id, p], i) => settle(id, p, { result: pickResult(results, i, p.request) }));
    } catch (e) {
      const error = e instanceof CtError ? e : new CtError("#N/A", `${OFFLINE_MESSAGE}.`);
      for (const [id, p] of chunk) settle(id, p, { error });
    }
  }

  private async post(requests: ActualRequest[]): Promise<ActualResult[]> {
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
      return body.results as ActualResult[];
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forget cached answers (e.g. after the task pane pushed new values). */
  clear(): void {
    this.cache.clear();
  }
}

/** results[i] answers requests[i]; if the server reordered, fall back to matching key/year/unit. */
function pickResult(results: ActualResult[], i: number, request: ActualRequest): ActualResult {
  const id = requestId(request);
  const matches = (r: ActualResult | undefined): r is ActualResult =>
    !!r &&
    typeof r.key === "string" &&
    requestId({ key: r.key, year: Number(r.year), ...(request.unit ? { unit: r.unit ?? "" } : {}) }) === id;
  const byIndex = results[i];
  const found = matches(byIndex) ? byIndex : results.find(matches);
  if (!found) return { key: request.key, year: request.year, unit: request.unit ?? null, raw: null, value: null };
  return {
    key: found.key,
    year: Number(found.year),
    unit: found.unit ?? null,
    raw: typeof found.raw === "string" ? found.raw : null,
    value: typeof found.value === "number" && Number.isFinite(found.value) ? found.value : null,
    period: found.period ?? null,
  };
}

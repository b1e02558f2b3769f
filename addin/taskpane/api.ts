// Network code of the task pane: a fetch wrapper that parses every answer with the shared zod schemas. Failures carry
// codes, never sentences: network failures (offline, DNS, 5xx, timeouts, 429) are NetworkError with a `reason`, which the
// push flow queues for retry; HTTP refusals (4xx) are HttpError with the server's error `code` and details, which the
// pane renders in the user's language (errors.ts). The server's own (Vietnamese) message is kept on the error.
import { z } from "zod";
import {
  completenessSchema,
  conflictSchema,
  currentSchema,
  meSchema,
  errorSchema,
  mergedTableExtSchema,
  periodsResponseSchema,
  receiptSchema,
  taskReportSchema,
  targetOverridesSchema,
  taskTableSchema,
  type ApiError,
  type Current,
  type Me,
  type Conflict,
  type MergedTableExt,
  type PeriodsResponse,
  type Receipt,
  type Submission,
  type TaskReport,
  type TargetOverrides,
  type TaskTable,
} from "../../shared/schemas/index.js";

export type NetworkReason = "offline" | "timeout" | "server" | "rate_limited";

export class NetworkError extends Error {
  constructor(
    message: string,
    readonly reason: NetworkReason = "offline",
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = "NetworkError";
  }
}

export class HttpError extends Error {
  constructor(
    public status: number,
    public body: ApiError | null,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
  /** The server's error code ("period_locked", "validation_failed"…); "bad_response" when the answer did not parse. */
  get code(): string {
    return this.body?.error ?? (this.status === 200 ? "bad_response" : `http_${this.status}`);
  }
  get details(): unknown[] {
    return this.body?.details ?? [];
  }
}

export type { Current, Me };
export type Completeness = z.infer<typeof completenessSchema>;

export type SubmitResult =
  | { kind: "ok"; receipt: Receipt }
  | { kind: "conflict"; conflict: Conflict };

export interface ApiOptions {
  base: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class ApiClient {
  readonly base: string;
  private readonly token: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: ApiOptions) {
    this.base = opts.base.replace(/\/+$/, "");
    this.token = opts.token.trim();
    this.doFetch = opts.fetch ?? ((...a) => globalThis.fetch(...a));
    this.timeoutMs = opts.timeoutMs ?? 20_000;
  }

  private async request(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    let res: Response;
    try {
      res = await this.doFetch(`${this.base}${path}`, {
        ...init,
        signal: ctl.signal,
        headers: {
          Accept: "application/json",
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(init.body ? { "Content-Type": "application/json" } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
    } catch (e) {
      const aborted = e instanceof Error && e.name === "AbortError";
      throw new NetworkError(aborted ? "timeout" : "offline", aborted ? "timeout" : "offline");
    } finally {
      clearTimeout(timer);
    }
    let body: unknown = null;
    const text = await res.text().catch(() => "");
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (res.status >= 500) throw new NetworkError(`server ${res.status}`, "server", res.status);
    // Too many requests: like an outage, the push waits in the outbox (same key) and is retried later.
    if (res.status === 429) throw new NetworkError("rate limited", "rate_limited", 429);
    return { status: res.status, body };
  }

  private fail(status: number, body: unknown): never {
    const parsed = errorSchema.safeParse(body);
    throw new HttpError(status, parsed.success ? parsed.data : null, parsed.success ? parsed.data.message : `HTTP ${status}`);
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const r = schema.safeParse(body);
    if (!r.success) throw new HttpError(200, null, "bad_response");
    return r.data;
  }

  /**
   * Any JSON call (the administration screens use it): the body parsed with `schema` when the status is one of `ok`,
   * else HttpError with the server's error code; network failures as NetworkError.
   */
  async json<T>(path: string, schema: z.ZodType<T>, init: { method?: string; body?: unknown } = {}, ok: number[] = [200, 201]): Promise<T> {
    const r = await this.request(path, {
      ...(init.method ? { method: init.method } : {}),
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!ok.includes(r.status)) this.fail(r.status, r.body);
    return this.parse(schema, r.body);
  }

  async health(): Promise<boolean> {
    try {
      const r = await this.request("/api/health");
      return r.status === 200;
    } catch {
      return false;
    }
  }

  async me(): Promise<Me> {
    const r = await this.request("/api/me");
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(meSchema, r.body);
  }

  /** The Sở KH&CN's target corrections (any year). */
  async targetOverrides(): Promise<TargetOverrides["targetOverrides"]> {
    const r = await this.request("/api/catalog/overrides");
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(targetOverridesSchema, r.body).targetOverrides;
  }

  async current(form: string, period: string): Promise<Current> {
    const r = await this.request(`/api/current?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(currentSchema, r.body);
  }

  async submit(sub: Submission, idempotencyKey: string): Promise<SubmitResult> {
    const r = await this.request("/api/submissions", {
      method: "POST",
      body: JSON.stringify(sub),
      headers: { "Idempotency-Key": idempotencyKey },
    });
    if (r.status === 200 || r.status === 201) return { kind: "ok", receipt: this.parse(receiptSchema, r.body) };
    if (r.status === 409) {
      const c = conflictSchema.safeParse(r.body);
      if (c.success) return { kind: "conflict", conflict: c.data };
    }
    return this.fail(r.status, r.body);
  }

  async merged(form: string, period: string): Promise<MergedTableExt> {
    const r = await this.request(`/api/merged?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(mergedTableExtSchema, r.body);
  }

  /** Opened periods (most recent first) and the default one; `form` keeps those the form is due in. */
  async periods(form?: string): Promise<PeriodsResponse> {
    const r = await this.request(`/api/periods${form ? `?form=${encodeURIComponent(form)}` : ""}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(periodsResponseSchema, r.body);
  }

  /** GET /api/merged for the task-progress form (tiendo-nv): the merged task report. */
  async taskReport(form: string, period: string): Promise<TaskReport> {
    const r = await this.request(`/api/merged?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(taskReportSchema, r.body);
  }

  /** GET /api/merged for a task-list form (pl2-xa): every commune's task rows. */
  async mergedTasks(form: string, period: string): Promise<TaskTable> {
    const r = await this.request(`/api/merged?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(taskTableSchema, r.body);
  }

  async completeness(form: string, period: string): Promise<Completeness> {
    const r = await this.request(`/api/completeness?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(completenessSchema, r.body);
  }
}

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

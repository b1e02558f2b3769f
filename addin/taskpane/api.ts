// Network code of the task pane: a fetch wrapper that parses every answer with the shared zod schemas and
// turns failures into Vietnamese messages. Network failures (offline, DNS, 5xx, timeouts) are NetworkError,
// which the push flow queues for retry; HTTP refusals (4xx) are HttpError and are shown to the user.
import { z } from "zod";
import {
  completenessSchema,
  conflictSchema,
  currentSchema,
  meSchema,
  errorSchema,
  mergedTableSchema,
  receiptSchema,
  taskTableSchema,
  type ApiError,
  type Current,
  type Me,
  type Conflict,
  type MergedTable,
  type Receipt,
  type Submission,
  type TaskTable,
} from "../../shared/schemas/index.js";

export class NetworkError extends Error {
  constructor(message: string) {
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

const STATUS_TEXT: Record<number, string> = {
  401: "Mã truy cập không đúng hoặc đã bị thu hồi.",
  403: "Đơn vị của bạn không có quyền thực hiện việc này.",
  404: "Không tìm thấy dữ liệu yêu cầu trên máy chủ.",
  413: "Dữ liệu gửi lên quá lớn.",
  422: "Số liệu chưa hợp lệ, máy chủ chưa ghi nhận.",
  423: "Kỳ báo cáo đã khóa sổ.",
  429: "Gửi quá nhiều lần, vui lòng thử lại sau ít phút.",
};

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
      throw new NetworkError(aborted ? "Máy chủ không trả lời (quá thời gian chờ)." : "Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ.");
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
    if (res.status >= 500) throw new NetworkError(`Máy chủ đang gặp sự cố (mã ${res.status}). Số liệu sẽ được gửi lại sau.`);
    // Too many requests: like an outage, the push waits in the outbox (same key) and is retried later.
    if (res.status === 429) throw new NetworkError("Máy chủ đang giới hạn số lần gửi. Số liệu được giữ lại và sẽ tự gửi lại sau ít phút.");
    return { status: res.status, body };
  }

  private fail(status: number, body: unknown): never {
    const parsed = errorSchema.safeParse(body);
    const msg = parsed.success ? parsed.data.message : (STATUS_TEXT[status] ?? `Máy chủ từ chối yêu cầu (mã ${status}).`);
    throw new HttpError(status, parsed.success ? parsed.data : null, msg);
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const r = schema.safeParse(body);
    if (!r.success) throw new HttpError(200, null, "Máy chủ trả lời sai định dạng (phiên bản add-in và máy chủ không khớp?).");
    return r.data;
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

  async merged(form: string, period: string): Promise<MergedTable> {
    const r = await this.request(`/api/merged?form=${encodeURIComponent(form)}&period=${encodeURIComponent(period)}`);
    if (r.status !== 200) this.fail(r.status, r.body);
    return this.parse(mergedTableSchema, r.body);
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

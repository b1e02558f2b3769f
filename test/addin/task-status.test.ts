// CT.TASKSTATUS / CT.TRANGTHAI: a task's status from the server, batched per recalculation (TaskStatusBatcher against a
// stub server), checked locally before any request, and registered with Excel under both names.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_TASK_STATUS_REQUESTS } from "../../shared/schemas/index.js";
import { MAX_ACTUAL_REQUESTS } from "../../shared/schemas/index.js";
import { MAX_ACTUAL_BATCH } from "../../addin/functions/actual-batcher.js";
import { CtError } from "../../addin/functions/core.js";
import * as fns from "../../addin/functions/functions.js";
import { FUNCTION_TABLE, registerFunctions, resetRegistration } from "../../addin/functions/register.js";
import { memoryStorage } from "../../addin/functions/catalog-cache.js";
import {
  MAX_TASK_STATUS_BATCH,
  TaskStatusBatcher,
  configureTaskStatus,
  ctTaskStatus,
  taskStatusFetcher,
  type TaskStatusAnswer,
  type TaskStatusRequest,
} from "../../addin/functions/task-status.js";

/** A stub of POST /api/task-status: answers each request with `answer`, records every call. */
function stubServer(answer: (r: TaskStatusRequest) => Partial<TaskStatusAnswer>, status = 200) {
  const calls: { url: string; body: { requests: TaskStatusRequest[] } }[] = [];
  const f = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { requests: TaskStatusRequest[] };
    calls.push({ url: String(url), body });
    if (status !== 200) return new Response("{}", { status });
    const results = body.requests.map((r) => ({ key: r.key, period: r.period ?? null, display: null, status: null, daysLate: null, dueDate: null, asOf: null, ...answer(r) }));
    return new Response(JSON.stringify({ results }), { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { fetch: f, calls };
}

const STATUSES: Record<string, string> = { "III.12": "Chậm tiến độ", "III.6": "Đã hoàn thành", "II.6a": "Đang triển khai", "IV.86": "Chưa báo cáo" };

describe("CT.TASKSTATUS through the batcher", () => {
  it("a recalculation's cells → one request; spellings of one key share an entry; each cell gets its answer", async () => {
    const server = stubServer((r) => ({ display: STATUSES[r.key] ?? "Chưa triển khai", period: r.period ?? "2026-Q4" }));
    const b = new TaskStatusBatcher({ fetch: server.fetch, windowMs: 5 });
    const typed = ["III.12", "iii.12", " III 12 ", "III.6", "ii.6A", "IV-86", "III.6"];
    const answers = await Promise.all(typed.map((k) => ctTaskStatus(b.fetcher, k)));
    expect(answers).toEqual(["Chậm tiến độ", "Chậm tiến độ", "Chậm tiến độ", "Đã hoàn thành", "Đang triển khai", "Chưa báo cáo", "Đã hoàn thành"]);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.url).toBe("/api/task-status");
    expect(server.calls[0]!.body.requests).toEqual([{ key: "III.12" }, { key: "III.6" }, { key: "II.6a" }, { key: "IV.86" }]);
    // a period is part of the request: another entry, normalised ("2026-q4" → "2026-Q4", "2026-T3" → "2026-T03")
    expect(await ctTaskStatus(b.fetcher, "III.12", "2026-q4")).toBe("Chậm tiến độ");
    expect(await ctTaskStatus(b.fetcher, "III.12", "2026-T3")).toBe("Chậm tiến độ");
    expect(server.calls.map((c) => c.body.requests)).toEqual([
      [{ key: "III.12" }, { key: "III.6" }, { key: "II.6a" }, { key: "IV.86" }],
      [{ key: "III.12", period: "2026-Q4" }],
      [{ key: "III.12", period: "2026-T03" }],
    ]);
    // answered again within the TTL: no request
    expect(await ctTaskStatus(b.fetcher, "III.6")).toBe("Đã hoàn thành");
    expect(server.calls).toHaveLength(3);
  });

  it("splits a burst at the server's bound", async () => {
    expect(MAX_TASK_STATUS_BATCH).toBe(MAX_TASK_STATUS_REQUESTS);
    expect(MAX_ACTUAL_BATCH).toBe(MAX_ACTUAL_REQUESTS);
    const server = stubServer(() => ({ display: "Đang triển khai" }));
    const b = new TaskStatusBatcher({ fetch: server.fetch, windowMs: 5, maxBatch: 10_000 });
    const keys = Array.from({ length: 116 }, (_, i) => `III.${i + 1}`);
    const periods = ["2026-Q4", "2026-N", "2026-6T"];
    const all = periods.flatMap((p) => keys.map((k) => ctTaskStatus(b.fetcher, k, p)));
    expect(await Promise.all(all)).toHaveLength(348);
    expect(server.calls.map((c) => c.body.requests.length)).toEqual([250, 98]);
  });

  it("bad keys and periods fail locally; the server's note and lost connections become #N/A", async () => {
    const server = stubServer((r) => (r.key === "IV.99" ? { note: 'Không có nhiệm vụ "IV.99" trong Phụ lục II, III, IV' } : { display: "Đã hoàn thành" }));
    const b = new TaskStatusBatcher({ fetch: server.fetch, windowMs: 1 });
    for (const bad of ["", null, "12", "V.1", "III", 12]) {
      await expect(ctTaskStatus(b.fetcher, bad)).rejects.toMatchObject({ code: "#VALUE!" });
    }
    await expect(ctTaskStatus(b.fetcher, "III.1", "Quý 4")).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringContaining("2026-Q4") });
    expect(server.calls).toHaveLength(0);
    await expect(ctTaskStatus(b.fetcher, "IV.99")).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("IV.99") });
    const denied = new TaskStatusBatcher({ fetch: stubServer(() => ({}), 401).fetch, windowMs: 1 });
    await expect(ctTaskStatus(denied.fetcher, "III.1")).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("đăng nhập") });
    const hanging = (() => new Promise<Response>(() => {})) as typeof fetch;
    const slow = new TaskStatusBatcher({ fetch: hanging, windowMs: 1, timeoutMs: 30 });
    const e = await ctTaskStatus(slow.fetcher, "III.1").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CtError);
    expect((e as CtError).message).toContain("Không kết nối được máy chủ");
  });
});

class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

describe("CT.TASKSTATUS and CT.TRANGTHAI in Excel", () => {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  let associated: Map<string, unknown>;
  const before = taskStatusFetcher();
  beforeEach(() => {
    associated = new Map();
    g.CustomFunctions = { Error: FakeExcelError, associate: (id: string, fn: unknown) => associated.set(id, fn) };
  });
  afterEach(() => {
    delete g.CustomFunctions;
    resetRegistration();
    configureTaskStatus(before);
  });

  it("are registered under both names and send the pane's token to /api/task-status", async () => {
    const server = stubServer(() => ({ display: "Đang triển khai" }));
    const headers: Record<string, string>[] = [];
    const f = (async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url).endsWith("/api/task-status")) headers.push(init?.headers as Record<string, string>);
      if (String(url).endsWith("/api/catalog")) throw new TypeError("offline");
      return server.fetch(url, init);
    }) as typeof fetch;
    const r = registerFunctions({ apiBase: "https://ct.example/", fetch: f, storage: memoryStorage(), refreshIntervalMs: 0, getHeaders: () => ({ Authorization: "Bearer t" }) });
    expect(FUNCTION_TABLE["TASKSTATUS"]).toBe(fns.taskStatus);
    expect(FUNCTION_TABLE["TRANGTHAI"]).toBe(fns.trangThai);
    expect(associated.get("TASKSTATUS")).toBe(fns.taskStatus);
    expect(associated.get("TRANGTHAI")).toBe(fns.trangThai);
    expect(await Promise.all([fns.taskStatus("III.12"), fns.trangThai("iii.12")])).toEqual(["Đang triển khai", "Đang triển khai"]);
    expect(r.taskStatusBatcher.requestCount).toBe(1);
    expect(server.calls[0]!.url).toBe("https://ct.example/api/task-status");
    expect(headers[0]).toMatchObject({ Authorization: "Bearer t" });
  });

  it("errors reach Excel as CustomFunctions.Error with the Vietnamese message", async () => {
    configureTaskStatus(async (req) => ({ key: req.key, period: null, display: null, status: null, daysLate: null, dueDate: null, asOf: null, note: "Đơn vị chỉ xem được tiến độ các nhiệm vụ mình chủ trì hoặc phối hợp." }));
    const e = await fns.trangThai("II.2").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FakeExcelError);
    expect(e).toMatchObject({ code: "#N/A", message: expect.stringContaining("chủ trì hoặc phối hợp") });
    await expect(fns.taskStatus("ba.1")).rejects.toMatchObject({ code: "#VALUE!" });
  });
});

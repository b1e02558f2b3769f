// Idempotent retries, optimistic concurrency (409 with the server's cells), period locks (423).
import { beforeAll, describe, expect, it } from "vitest";
import { conflictSchema, receiptSchema } from "../../shared/schemas/index.js";
import { ADMIN, call, count, json, push, seedOnce, XA, XA_CODE } from "./helpers.js";

beforeAll(seedOnce);

const body = (raw: string, baseRevision: number | null, period = "2025-6T") => ({
  form: "pl1-xa",
  period,
  baseRevision,
  cells: [{ item: "5G", field: "actual", raw }],
});

describe("idempotency", () => {
  it("the same key sent 10× at once makes one revision", async () => {
    const before = await count("submissions");
    const key = "retry-key-0001";
    const all = await Promise.all(Array.from({ length: 10 }, () => push(XA, body("42%", null), key)));
    const receipts = await Promise.all(all.map(async (r) => ({ status: r.status, body: receiptSchema.parse(await json(r)) })));
    expect(new Set(receipts.map((r) => r.body.id)).size).toBe(1);
    expect(receipts.filter((r) => r.status === 201)).toHaveLength(1);
    expect(receipts.filter((r) => r.body.replayed)).toHaveLength(9);
    expect(receipts.every((r) => r.body.revision === 1)).toBe(true);
    expect(await count("submissions")).toBe(before + 1);
  });
  it("the same key with another payload → 422", async () => {
    const r = await push(XA, body("43%", null), "retry-key-0001");
    expect(r.status).toBe(422);
    expect(await json(r)).toMatchObject({ error: "idempotency_mismatch" });
  });
  it("a missing key → 400", async () => {
    const r = await call("/api/submissions", { token: XA, body: body("1%", 1), key: null });
    expect(r.status).toBe(400);
    expect(await json(r)).toMatchObject({ error: "idempotency_key_required" });
  });
});

describe("optimistic concurrency", () => {
  it("a stale base → 409 with the server's current cells", async () => {
    const ok = await push(XA, body("50%", 1));
    expect(ok.status).toBe(201);
    expect(receiptSchema.parse(await json(ok)).revision).toBe(2);
    const stale = await push(XA, body("55%", 1));
    expect(stale.status).toBe(409);
    const c = conflictSchema.parse(await json(stale));
    expect(c.currentRevision).toBe(2);
    expect(c.current).toEqual([{ item: "5G", field: "actual", raw: "50%", revision: 2 }]);
    expect(c.message).toContain("phiên bản 2");
  });
  it("two concurrent pushes on the same base: exactly one wins", async () => {
    const before = await count("submissions");
    const rs = await Promise.all([push(XA, body("60%", 2)), push(XA, body("61%", 2)), push(XA, body("62%", 2)), push(XA, body("63%", 2))]);
    const statuses = rs.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    expect(await count("submissions")).toBe(before + 1);
    const cur = await json<{ revision: number; cells: { raw: string }[] }>(await call(`/api/current?form=pl1-xa&period=2025-6T`, { token: XA }));
    expect(cur.revision).toBe(3);
    const winner = await json<{ raw?: string }>(rs.find((r) => r.status === 201)!);
    expect(winner).toBeTruthy();
    expect(["60%", "61%", "62%", "63%"]).toContain(cur.cells[0]!.raw);
  });
  it("a first push when data exists → 409", async () => {
    expect((await push(XA, body("1%", null))).status).toBe(409);
    expect((await push(XA, body("1%", 0))).status).toBe(409);
  });
});

describe("period lock", () => {
  it("a locked period refuses pushes with 423, and opens again on unlock", async () => {
    expect((await call("/api/admin/periods/2025-N/lock", { token: ADMIN, method: "POST" })).status).toBe(200);
    const before = await count("submissions");
    const r = await push(XA, body("70%", null, "2025-N"));
    expect(r.status).toBe(423);
    expect((await json<{ message: string }>(r)).message).toContain("khóa sổ");
    expect(await count("submissions")).toBe(before);
    const cur = await json<{ locked: boolean }>(await call(`/api/current?form=pl1-xa&period=2025-N&unit=${XA_CODE}`, { token: ADMIN }));
    expect(cur.locked).toBe(true);
    expect((await call("/api/admin/periods/2025-N/unlock", { token: ADMIN, method: "POST" })).status).toBe(200);
    expect((await push(XA, body("70%", null, "2025-N"))).status).toBe(201);
  });
  it("a retry of an accepted push still gets its receipt after the lock", async () => {
    const key = "before-lock-0001";
    expect((await push(XA, body("20%", null, "2026-6T"), key)).status).toBe(201);
    await call("/api/admin/periods/2026-6T/lock", { token: ADMIN, method: "POST" });
    const r = await push(XA, body("20%", null, "2026-6T"), key);
    expect(r.status).toBe(200);
    expect((await json<{ replayed: boolean }>(r)).replayed).toBe(true);
  });
});

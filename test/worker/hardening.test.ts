// Every request is bounded and every input is checked before anything is hashed or stored: body limits on every
// route that can read a body (found in the app itself, so a new route is covered), broken text, invisible values,
// programmers' number notations, the CT.ACTUAL fan-out, and the security headers of API answers.
import { beforeAll, describe, expect, it } from "vitest";
import { exports } from "cloudflare:workers";
import { app } from "../../worker/src/index.js";
import { maxBodyBytes } from "../../worker/src/limits.js";
import { MAX_ACTUAL_SCOPES, actualsResponseSchema } from "../../shared/schemas/index.js";
import { ADMIN, XA, call, counts, json, newKey, push, seedOnce } from "./helpers.js";

beforeAll(seedOnce);

const VI = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const BODY_METHODS = ["POST", "PUT", "PATCH", "DELETE"];

/** Every (method, path) of the app that can read a body, with its parameters filled in. */
function bodyRoutes(): { method: string; path: string; route: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string; route: string }[] = [];
  for (const r of app.routes) {
    if (!BODY_METHODS.includes(r.method)) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, route: r.path, path: r.path.replace(/:(\w+)/g, (_, name: string) => (name === "year" ? "2030" : name === "id" ? "2025-N" : "x-1")) });
  }
  return out;
}

const send = (method: string, path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  exports.default.fetch(
    new Request(`https://chi-tieu.test${path}`, {
      method,
      headers: { "Content-Type": "application/json", "Idempotency-Key": newKey(), ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );

describe("body limits", () => {
  const routes = bodyRoutes();

  it("the app has the routes that read bodies that we know of (the enumeration works)", () => {
    const names = routes.map((r) => `${r.method} ${r.route}`);
    expect(names).toEqual(expect.arrayContaining(["POST /api/submissions", "POST /api/actuals", "POST /api/admin/units", "PUT /api/admin/targets/:key/:year"]));
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  for (const r of bodyRoutes()) {
    it(`${r.method} ${r.route}: a body over ${maxBodyBytes(r.path) / 1024} KiB is refused 413 in Vietnamese, nothing written`, async () => {
      const before = await counts();
      const max = maxBodyBytes(r.path);
      const res = await send(r.method, r.path, `{"pad":"${"x".repeat(max)}"}`, { Authorization: `Bearer ${ADMIN}` });
      expect(res.status).toBe(413);
      const b = await json<{ error: string; message: string }>(res);
      expect(b.error).toBe("payload_too_large");
      expect(b.message).toMatch(VI);
      expect(await counts()).toEqual(before);
      // A small body passes the limit (whatever the route then says about it).
      const ok = await send(r.method, r.path, "{}", { Authorization: `Bearer ${ADMIN}` });
      expect(ok.status).not.toBe(413);
    });
  }

  it("a streamed body without Content-Length is counted and cut off too, before the token is even checked", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await send("POST", "/api/actuals", stream);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("text that is not well-formed is refused before anything is hashed or stored", () => {
  const ok = { form: "pl1-xa", period: "2025-6T", baseRevision: null };
  const cases: [string, string, string][] = [
    ["a lone high surrogate in a value", "/api/submissions", JSON.stringify({ ...ok, cells: [{ item: "5G", field: "note", raw: "x" }] }).replace('"raw":"x"', '"raw":"a\\ud800b"')],
    ["a lone low surrogate in a comment", "/api/submissions", JSON.stringify({ ...ok, cells: [], comment: "c" }).replace('"comment":"c"', '"comment":"\\udc00"')],
    ["a lone surrogate in a field name", "/api/submissions", JSON.stringify({ ...ok, cells: [] }).replace('"cells"', '"\\ud800":1,"cells"')],
    ["a lone surrogate in a CT.ACTUAL key", "/api/actuals", '{"requests":[{"key":"5G\\ud800","year":2025}]}'],
    ["a lone surrogate in a unit's name", "/api/admin/units", '{"code":"xa-moi","name":"X\\udbff","kind":"commune"}'],
  ];
  for (const [name, path, body] of cases) {
    it(`${name} → 400 invalid_text`, async () => {
      const before = await counts();
      const res = await send("POST", path, body, { Authorization: `Bearer ${path.includes("admin") ? ADMIN : XA}` });
      expect(res.status).toBe(400);
      const b = await json<{ error: string; message: string }>(res);
      expect(b.error).toBe("invalid_text");
      expect(b.message).toMatch(VI);
      expect(await counts()).toEqual(before);
    });
  }
  it("bytes that are not UTF-8 → 400 invalid_text", async () => {
    const before = await counts();
    const text = JSON.stringify({ ...ok, cells: [{ item: "5G", field: "note", raw: "AB" }] });
    const at = text.indexOf("AB") + 1;
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode(text.slice(0, at)), 0xed, 0xa0, 0x80, ...enc.encode(text.slice(at))]);
    const res = await send("POST", "/api/submissions", bytes, { Authorization: `Bearer ${XA}` });
    expect(res.status).toBe(400);
    expect((await json<{ error: string }>(res)).error).toBe("invalid_text");
    expect(await counts()).toEqual(before);
  });
  it("a well-formed pair (an emoji) is fine", async () => {
    const res = await push(XA, { ...ok, cells: [{ item: "5G", field: "note", raw: "Đạt 👍" }] });
    expect(res.status).toBe(201);
  });
});

describe("values", () => {
  it("values made only of invisible characters are blank: not stored, not counted", async () => {
    const period = "2026-6T";
    const invisible = ["\u0000", "\u2060", "\u00ad", "\u200d", "\u00a0", "\u2060\u00ad \u200d\u0000"];
    const items = ["5G", "6G", "CDS_TINH", "IOC", "BAO_CAO_SO", "DVCTT_TOAN_TRINH"];
    const cells = invisible.map((raw, i) => ({ item: items[i]!, field: "note", raw }));
    const res = await push(XA, { form: "pl1-xa", period, cells: [...cells, { item: "5G", field: "actual", raw: "61%" }] });
    expect(res.status).toBe(201);
    expect((await json<{ cellCount: number }>(res)).cellCount).toBe(1);
    const cur = await json<{ cells: { item: string; field: string; raw: string }[] }>(await call(`/api/current?form=pl1-xa&period=${period}`, { token: XA }));
    expect(cur.cells.map((c) => `${c.item}|${c.field}|${c.raw}`)).toEqual(["5G|actual|61%"]);
  });
  it("0x10, 0b1, 1_000 are refused with a Vietnamese message naming the cell", async () => {
    for (const raw of ["0x10", "0b1", "0o7", "1_000"]) {
      const res = await push(XA, { form: "pl1-xa", period: "2026-N", cells: [{ item: "5G", field: "actual", raw }] });
      expect(res.status).toBe(422);
      const b = await json<{ details: { item: string; field: string; message: string }[] }>(res);
      expect(b.details[0]).toMatchObject({ item: "5G", field: "actual" });
      expect(b.details[0]!.message).toMatch(/hệ 16|gạch dưới/);
    }
  });
});

describe("POST /api/actuals is bounded in (unit, year) pairs", () => {
  it(`500 cells over 101 years: the first ${MAX_ACTUAL_SCOPES} pairs are answered, the rest get a note`, async () => {
    const requests = Array.from({ length: 500 }, (_, i) => ({ key: i % 2 ? "5G" : "6G", year: 2000 + (i % 101) }));
    const res = await call("/api/actuals", { token: ADMIN, body: { requests } });
    expect(res.status).toBe(200);
    const { results } = actualsResponseSchema.parse(await json(res));
    expect(results).toHaveLength(500);
    const limited = results.filter((r) => r.note?.includes(`tối đa ${MAX_ACTUAL_SCOPES} cặp`));
    const answeredYears = new Set(results.filter((r) => !r.note).map((r) => r.year));
    expect([...answeredYears].sort()).toEqual(Array.from({ length: MAX_ACTUAL_SCOPES }, (_, i) => 2000 + i));
    expect(limited).toHaveLength(results.filter((r) => r.year >= 2000 + MAX_ACTUAL_SCOPES).length);
    expect(limited[0]!.note).toMatch(VI);
  });
  it("cells that cannot be answered anyway (unknown key) do not use up the pairs", async () => {
    const requests = [
      ...Array.from({ length: 20 }, (_, i) => ({ key: "KHONG_CO", year: 2000 + i })),
      ...Array.from({ length: MAX_ACTUAL_SCOPES }, (_, i) => ({ key: "5G", year: 2030 + i })),
    ];
    const { results } = actualsResponseSchema.parse(await json(await call("/api/actuals", { token: ADMIN, body: { requests } })));
    expect(results.filter((r) => r.note?.includes("cặp"))).toEqual([]);
  });
});

describe("security headers on API answers", () => {
  const expectSafe = (res: Response, cacheControl = "no-store") => {
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Cache-Control")).toBe(cacheControl);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  };
  it("answers carrying unit data are no-store: me, current, submissions, merged, exports, errors", async () => {
    for (const [path, token] of [
      ["/api/me", XA],
      ["/api/current?form=pl1-xa&period=2025-6T", XA],
      ["/api/submissions", XA],
      ["/api/merged?form=pl1-xa&period=2025-6T", ADMIN],
      ["/api/merged.csv?form=pl1-xa&period=2025-6T", ADMIN],
      ["/api/completeness?form=pl1-xa&period=2025-6T", ADMIN],
      ["/api/khong-co", XA],
      ["/api/me", null],
    ] as const) {
      const res = await call(path, { token });
      expectSafe(res);
      await res.arrayBuffer();
    }
    const r = await push(XA, { form: "pl1-xa", period: "2027-N", cells: [{ item: "5G", field: "actual", raw: "1%" }] });
    expectSafe(r);
  });
  it("the catalog keeps its revalidation header (it carries no unit data)", async () => {
    const res = await call("/api/catalog", { token: XA });
    expectSafe(res, "private, no-cache");
  });
});

// Every route × every kind of caller, and unit isolation (A cannot write or read B's data).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/index.js";
import { ADMIN, call, json, newKey, push, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";

let REVOKED = "";
let XA2 = "";
const XA2_CODE = "xa-nga-son";
let subA = "";

beforeAll(async () => {
  await seedOnce();
  const t = await json<{ id: string; token: string }>(await call(`/api/admin/units/${XA2_CODE}/tokens`, { token: ADMIN, method: "POST" }));
  XA2 = t.token;
  const r = await json<{ id: string; token: string }>(await call(`/api/admin/units/xa-tho-xuan/tokens`, { token: ADMIN, method: "POST" }));
  REVOKED = r.token;
  expect((await call(`/api/admin/tokens/${r.id}/revoke`, { token: ADMIN, method: "POST" })).status).toBe(200);
  const s = await push(XA, { form: "pl1-xa", period: "2025-6T", cells: [{ item: "5G", field: "actual", raw: "40%" }] });
  subA = (await json<{ id: string }>(s)).id;
});

const FORGED = `tok_devadmin.${"ff".repeat(16)}`;
const GARBAGE = "not-a-token";
type Who = "none" | "garbage" | "forged" | "revoked" | "unit" | "viewer" | "admin";
const tokenOf = (w: Who): string | null =>
  ({ none: null, garbage: GARBAGE, forged: FORGED, revoked: REVOKED, unit: XA, viewer: VIEWER, admin: ADMIN })[w];

interface Route {
  method: string;
  path: string;
  body?: () => unknown;
  expect: Partial<Record<Who, number>>;
}
const okAll = { unit: 200, viewer: 200, admin: 200 };
const adminOnly = (status = 200) => ({ unit: 403, viewer: 403, admin: status });
const staff = { unit: 403, viewer: 200, admin: 200 };

const routes: Route[] = [
  { method: "GET", path: "/api/me", expect: okAll },
  { method: "GET", path: "/api/catalog", expect: okAll },
  { method: "GET", path: "/api/forms", expect: okAll },
  { method: "GET", path: "/api/forms/pl1-xa", expect: okAll },
  { method: "GET", path: "/api/periods", expect: okAll },
  { method: "GET", path: "/api/submissions", expect: okAll },
  { method: "GET", path: `/api/current?form=pl1-xa&period=2025-6T&unit=${XA_CODE}`, expect: okAll },
  { method: "GET", path: "/api/completeness?form=pl1-xa&period=2025-6T", expect: staff },
  { method: "GET", path: "/api/merged?form=pl1-xa&period=2025-6T", expect: staff },
  { method: "GET", path: "/api/merged.csv?form=pl1-xa&period=2025-6T", expect: staff },
  { method: "GET", path: "/api/merged.xlsx?form=pl1-xa&period=2025-6T", expect: staff },
  { method: "GET", path: "/api/merged?form=tiendo-nv&period=2026-Q4&appendix=III", expect: staff },
  { method: "GET", path: "/api/merged.csv?form=tiendo-nv&period=2026-Q4", expect: staff },
  { method: "GET", path: "/api/merged.xlsx?form=tiendo-nv&period=2026-Q4", expect: staff },
  { method: "GET", path: "/api/completeness?form=tiendo-nv&period=2026-Q4", expect: staff },
  // every caller may ask (a commune gets per-task notes for tasks it does not lead or cooperate on)
  { method: "POST", path: "/api/task-status", body: () => ({ requests: [{ key: "III.12" }] }), expect: okAll },
  {
    method: "POST",
    path: "/api/submissions",
    body: () => ({ form: "pl1-xa", period: "2026-6T", baseRevision: null, unit: XA_CODE, cells: [{ item: "5G", field: "actual", raw: "50%" }] }),
    // The unit's first push creates revision 1; the admin's push on its behalf then conflicts (409) – both passed auth.
    expect: { unit: 201, viewer: 403, admin: 409 },
  },
  { method: "GET", path: "/api/admin/units", expect: adminOnly() },
  { method: "POST", path: "/api/admin/units", body: () => ({ code: "xa-thu-nghiem", name: "Xã Thử Nghiệm", kind: "commune" }), expect: adminOnly(201) },
  { method: "POST", path: "/api/admin/units/xa-thu-nghiem/tokens", expect: adminOnly(201) },
  { method: "POST", path: "/api/admin/units/xa-thu-nghiem/tokens/rotate", expect: adminOnly(201) },
  { method: "GET", path: "/api/admin/units/xa-thu-nghiem/tokens", expect: adminOnly() },
  { method: "POST", path: "/api/admin/tokens/nope/revoke", expect: adminOnly(404) },
  { method: "POST", path: "/api/admin/submissions/SUB/review", body: () => ({ status: "accepted", comment: "Tốt" }), expect: adminOnly() },
  { method: "POST", path: "/api/admin/periods", body: () => ({ kind: "quarter", year: 2026, seq: 3 }), expect: adminOnly(201) },
  { method: "PATCH", path: "/api/admin/periods/2026-Q4", body: () => ({ dueDate: "2026-12-18" }), expect: adminOnly() },
  { method: "GET", path: "/api/admin/periods/2026-Q4/history", expect: adminOnly() },
  { method: "POST", path: "/api/admin/periods/2026-Q4/lock", expect: adminOnly() },
  { method: "POST", path: "/api/admin/periods/2026-Q4/unlock", expect: adminOnly() },
  { method: "POST", path: "/api/admin/periods/2030-N/lock", expect: adminOnly(404) },
  { method: "PUT", path: "/api/admin/targets/5G/2026", body: () => ({ text: "70%", reason: "Điều chỉnh theo Nghị quyết" }), expect: adminOnly() },
  { method: "GET", path: "/api/admin/targets/5G/history", expect: adminOnly() },
];

const whos: Who[] = ["none", "garbage", "forged", "revoked", "unit", "viewer", "admin"];

describe("auth matrix", () => {
  for (const r of routes) {
    for (const who of whos) {
      const want = r.expect[who] ?? 401;
      it(`${r.method} ${r.path} as ${who} → ${want}`, async () => {
        const res = await call(r.path.replace("SUB", subA), {
          method: r.method,
          token: tokenOf(who),
          ...(r.body ? { body: r.body() } : {}),
          key: newKey(),
        });
        expect(res.status).toBe(want);
        if (want >= 400) {
          const b = await json<{ error: string; message: string; details: unknown[] }>(res);
          expect(b.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữíìịỉĩýỳỵỷỹúùụủũóòọỏõéèẹẻẽ]/i);
          expect(Array.isArray(b.details)).toBe(true);
        }
      });
    }
  }
});

describe("unit isolation", () => {
  it("B cannot write A's data", async () => {
    const r = await push(XA2, { form: "pl1-xa", period: "2025-6T", unit: XA_CODE, baseRevision: 1, cells: [{ item: "5G", field: "actual", raw: "1%" }] });
    expect(r.status).toBe(403);
    const cur = await json<{ cells: { raw: string }[] }>(await call(`/api/current?form=pl1-xa&period=2025-6T&unit=${XA_CODE}`, { token: ADMIN }));
    expect(cur.cells.map((c) => c.raw)).toEqual(["40%"]);
  });
  it("B cannot read A's current values or history", async () => {
    expect((await call(`/api/current?form=pl1-xa&period=2025-6T&unit=${XA_CODE}`, { token: XA2 })).status).toBe(403);
    expect((await call(`/api/submissions?unit=${XA_CODE}`, { token: XA2 })).status).toBe(403);
    expect((await call(`/api/submissions/${subA}`, { token: XA2 })).status).toBe(404);
    const own = await json<{ submissions: unknown[] }>(await call(`/api/submissions`, { token: XA2 }));
    expect(own.submissions).toEqual([]);
  });
  it("a department cannot push a commune form", async () => {
    const { SO } = await import("./helpers.js");
    const r = await push(SO, { form: "pl1-xa", period: "2025-6T", cells: [] });
    expect(r.status).toBe(422);
  });
  it("rotation revokes the old token", async () => {
    const a = await json<{ token: string }>(await call(`/api/admin/units/xa-yen-dinh/tokens`, { token: ADMIN, method: "POST" }));
    expect((await call("/api/me", { token: a.token })).status).toBe(200);
    const b = await json<{ token: string; revoked: number }>(await call(`/api/admin/units/xa-yen-dinh/tokens/rotate`, { token: ADMIN, method: "POST" }));
    expect(b.revoked).toBe(1);
    expect((await call("/api/me", { token: a.token })).status).toBe(401);
    expect(await json(await call("/api/me", { token: b.token }))).toMatchObject({ code: "xa-yen-dinh", role: "unit" });
    // The admin sees the unit's tokens with their history, never a hash or a secret.
    const list = await call(`/api/admin/units/xa-yen-dinh/tokens`, { token: ADMIN });
    const text = await list.text();
    const { tokens } = JSON.parse(text) as { tokens: { id: string; revoked_at: string | null; label: string | null }[] };
    const aId = a.token.slice(4, a.token.indexOf("."));
    const bId = b.token.slice(4, b.token.indexOf("."));
    expect(tokens.find((t) => t.id === aId)?.revoked_at).toBeTruthy();
    expect(tokens.find((t) => t.id === bId)).toMatchObject({ revoked_at: null, label: "rotated" });
    expect(text).not.toMatch(/hash|secret/);
    expect(text).not.toContain(b.token.slice(b.token.indexOf(".") + 1));
  });
  it("admin may push on behalf of a unit", async () => {
    const r = await push(ADMIN, { form: "pl1-xa", period: "2025-N", unit: XA2_CODE, cells: [{ item: "5G", field: "actual", raw: "33%" }] });
    expect(r.status).toBe(201);
    expect(await json(r)).toMatchObject({ unit: XA2_CODE, revision: 1 });
  });
  it("CORS answers only origins listed in ALLOWED_ORIGINS", async () => {
    const e = { ...env, ALLOWED_ORIGINS: "https://addin.example, https://other.example" };
    const pre = await app.request(
      "/api/me",
      { method: "OPTIONS", headers: { Origin: "https://addin.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" } },
      e,
    );
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://addin.example");
    const bad = await app.request("/api/health", { headers: { Origin: "https://evil.example" } }, e);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });
  it("CORS is off unless ALLOWED_ORIGINS is set", async () => {
    const r = await call("/api/health", { headers: { Origin: "https://evil.example" } });
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });
});

// The per-token write limit (WRITE_LIMIT in wrangler.toml: 300 a minute): a runaway client gets 429 with a
// Vietnamese message and Retry-After; other tokens are not affected; nothing is written by refused requests.
import { beforeAll, expect, it } from "vitest";
import { ADMIN, call, count, json, seedOnce } from "./helpers.js";

// A token of its own: the limiter's counts may be shared with other test files running in the same minute.
let XA = "";
beforeAll(async () => {
  await seedOnce();
  const r = await call("/api/admin/units/xa-nga-son/tokens", { token: ADMIN, method: "POST" });
  XA = (await json<{ token: string }>(r)).token;
});

it("refuses a token's 301st write in a minute, and only that token's", { timeout: 90_000 }, async () => {
  // The limiter counts in fixed minutes (floor(now / 60 s)): 301 requests that straddle a minute's end would start a
  // fresh count half-way. Start them at the beginning of a minute when less than 30 s of this one is left.
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 30_000) await new Promise((r) => setTimeout(r, left + 100));
  const before = await count("submissions");
  // Cheap requests that pass auth and the limiter, then fail validation (400), so they count but write nothing.
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => call("/api/submissions", { token: XA, rawBody: "{" })));
    statuses.push(...batch.map((r) => r.status));
  }
  expect(statuses.length).toBe(300);
  expect(statuses.every((s) => s === 400)).toBe(true);
  const refused = await call("/api/submissions", { token: XA, body: { form: "pl1-xa", period: "2025-N", baseRevision: 0, cells: [] } });
  expect(refused.status).toBe(429);
  expect(refused.headers.get("Retry-After")).toBe("60");
  const body = await json<{ error: string; message: string }>(refused);
  expect(body.error).toBe("rate_limited");
  expect(body.message).toContain("không bị mất");
  expect(await count("submissions")).toBe(before);
  // Another token is not limited by XA's burst.
  expect((await call("/api/actuals", { token: ADMIN, body: { requests: [{ key: "5G", year: 2025 }] } })).status).toBe(200);
});

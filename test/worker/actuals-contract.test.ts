// Contract: the add-in's CT.ACTUAL batcher (addin/functions) against the real worker and D1.
// Many cells of one recalculation → one POST /api/actuals → each cell's value.
import { exports } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { ActualBatcher } from "../../addin/functions/actual-batcher.js";
import { ctActual } from "../../addin/functions/core.js";
import { catalog } from "../../shared/catalog/index.js";
import { SO, XA, XA_CODE, call, seedOnce } from "./helpers.js";

beforeAll(async () => {
  await seedOnce();
  for (const [token, form, raw] of [
    [SO, "pl1-tinh", "62,5%"],
    [XA, "pl1-xa", "55%"],
  ] as const) {
    const r = await call("/api/submissions", { token, body: { form, period: "2025-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw }] } });
    expect(r.status).toBe(201);
  }
});

it("answers a recalculation's CT.ACTUAL cells with one request", async () => {
  const batcher = new ActualBatcher({
    fetch: (url, init) => exports.default.fetch(new Request(new URL(String(url), "https://chi-tieu.test"), init)),
    headers: () => ({ Authorization: `Bearer ${XA}` }),
  });
  const cells = await Promise.all([
    ctActual(catalog, batcher.fetcher, "5g", 2025),
    ctActual(catalog, batcher.fetcher, 1, 2025, XA_CODE), // STT 1 = 5G, the commune naming itself
    ctActual(catalog, batcher.fetcher, "BANGRONG_1GB", 2025).catch((e: Error) => e.message),
  ]);
  expect(batcher.requestCount).toBe(1);
  expect(cells[0]).toBeCloseTo(0.55); // a unit's default is its own figure
  expect(cells[1]).toBeCloseTo(0.55);
  expect(cells[2]).toMatch(/Chưa có số liệu thực hiện/);
});

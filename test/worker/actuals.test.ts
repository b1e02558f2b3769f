// POST /api/actuals, the batch endpoint behind CT.ACTUAL.
import { beforeAll, describe, expect, it } from "vitest";
import { actualsResponseSchema } from "../../shared/schemas/index.js";
import { ADMIN, SO, SO_CODE, VIEWER, XA, XA_CODE, call, json, seedOnce } from "./helpers.js";

const ask = async (token: string, requests: unknown[]) => {
  const res = await call("/api/actuals", { token, body: { requests } });
  return { status: res.status, body: await json(res) };
};

describe("POST /api/actuals", () => {
  beforeAll(async () => {
    await seedOnce();
    // The department reports 5G for the half year, then for the full year; the commune reports its own.
    for (const [token, form, period, raw] of [
      [SO, "pl1-tinh", "2025-6T", "40%"],
      [SO, "pl1-tinh", "2025-N", "62,5%"],
      [XA, "pl1-xa", "2025-N", "55%"],
    ] as const) {
      const r = await call("/api/submissions", { token, body: { form, period, baseRevision: 0, cells: [{ item: "5G", field: "actual", raw }] } });
      expect(r.status).toBe(201);
    }
  });

  it("answers each request in order, the full-year figure before the half-year one", async () => {
    const { status, body } = await ask(ADMIN, [
      { key: "5g", year: 2025 },
      { key: "5G", year: 2025, unit: XA_CODE },
      { key: "5G", year: 2025, unit: SO_CODE },
      { key: "6G", year: 2025 },
    ]);
    expect(status).toBe(200);
    const { results } = actualsResponseSchema.parse(body);
    expect(results.map((r) => [r.key, r.unit, r.raw, r.period])).toEqual([
      ["5G", null, "62,5%", "2025-N"],
      ["5G", XA_CODE, "55%", "2025-N"],
      ["5G", SO_CODE, "62,5%", "2025-N"],
      ["6G", null, null, null],
    ]);
    expect(results[0]?.value).toBeCloseTo(0.625);
  });

  it("gives a unit its own figures by default and nobody else's", async () => {
    const own = actualsResponseSchema.parse((await ask(XA, [{ key: "5G", year: 2025 }])).body).results[0];
    expect(own).toMatchObject({ unit: XA_CODE, raw: "55%" });
    const other = actualsResponseSchema.parse((await ask(XA, [{ key: "5G", year: 2025, unit: SO_CODE }])).body).results[0];
    expect(other?.raw).toBeNull();
    expect(other?.note).toMatch(/chính mình/);
  });

  it("marks unknown keys and units per cell instead of failing the batch", async () => {
    const { results } = actualsResponseSchema.parse((await ask(VIEWER, [{ key: "KHONG_CO", year: 2025 }, { key: "5G", year: 2025, unit: "xa-khong-co" }, { key: "5G", year: 2025 }])).body);
    expect(results[0]?.note).toMatch(/Không có chỉ tiêu/);
    expect(results[1]?.note).toMatch(/Không có đơn vị/);
    expect(results[2]?.raw).toBe("62,5%");
  });

  it("refuses a malformed batch with a Vietnamese 4xx and needs a token", async () => {
    expect((await ask(ADMIN, [])).status).toBe(400);
    expect((await ask(ADMIN, [{ key: "5G", year: "2025" }])).status).toBe(400);
    const res = await call("/api/actuals", { token: null, body: { requests: [{ key: "5G", year: 2025 }] } });
    expect(res.status).toBe(401);
  });
});

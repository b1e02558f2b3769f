// Bad payloads get a 4xx with a Vietnamese message and leave the database exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, counts, json, push, seedOnce, XA } from "./helpers.js";

beforeAll(seedOnce);

const VI = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

interface Case {
  name: string;
  status: number;
  error: string;
  send: () => Promise<Response>;
}

const cell = (item: string, field: string, raw: string) => ({ item, field, raw });
/** Opens a month period as the admin, then sends. */
async function openThen(period: string, send: () => Promise<Response>): Promise<Response> {
  const [year, m] = [Number(period.slice(0, 4)), Number(period.slice(6))];
  const r = await call("/api/admin/periods", { token: ADMIN, body: { kind: "month", year, seq: m } });
  if (r.status !== 201 && r.status !== 200) throw new Error(`opening ${period}: ${r.status}`);
  return send();
}
const ok = { form: "pl1-xa", period: "2025-6T", baseRevision: null };

const cases: Case[] = [
  { name: "malformed JSON", status: 400, error: "malformed_json", send: () => call("/api/submissions", { token: XA, rawBody: '{"form": "pl1-xa",' }) },
  { name: "wrong types", status: 400, error: "invalid_body", send: () => call("/api/submissions", { token: XA, body: { ...ok, baseRevision: "1", cells: "x" } }) },
  { name: "unknown top-level key", status: 400, error: "invalid_body", send: () => push(XA, { ...ok, cells: [], extra: 1 }) },
  { name: "bad period", status: 400, error: "invalid_body", send: () => push(XA, { ...ok, period: "2025-Q5", cells: [] }) },
  { name: "period never opened", status: 422, error: "period_not_open", send: () => push(XA, { ...ok, period: "2031-N", cells: [cell("5G", "actual", "1%")] }) },
  { name: "form not due in the period", status: 422, error: "form_not_due", send: () => openThen("2025-T03", () => push(XA, { ...ok, period: "2025-T03", cells: [cell("5G", "actual", "1%")] })) },
  { name: "first push with nothing in it", status: 422, error: "empty_submission", send: () => push(XA, { ...ok, period: "2026-N", cells: [] }) },
  { name: "unknown form", status: 404, error: "unknown_form", send: () => push(XA, { ...ok, form: "pl9-xa", cells: [] }) },
  { name: "unknown indicator", status: 422, error: "validation_failed", send: () => push(XA, { ...ok, cells: [cell("KHONG_CO", "actual", "1")] }) },
  { name: "unknown field", status: 422, error: "validation_failed", send: () => push(XA, { ...ok, cells: [cell("5G", "target2025", "1")] }) },
  { name: "unparseable value", status: 422, error: "validation_failed", send: () => push(XA, { ...ok, cells: [cell("5G", "actual", "12..5")] }) },
  { name: "a share above 100%", status: 422, error: "validation_failed", send: () => push(XA, { ...ok, cells: [cell("5G", "actual", "150%")] }) },
  { name: "duplicate cell", status: 422, error: "validation_failed", send: () => push(XA, { ...ok, cells: [cell("5G", "actual", "1%"), cell("5G", "actual", "2%")] }) },
  {
    name: "oversize body",
    status: 413,
    error: "payload_too_large",
    send: () => push(XA, { ...ok, cells: Array.from({ length: 700 }, (_, i) => cell(`r${i}`, "note", "x".repeat(1999))) }),
  },
  { name: "too many cells", status: 400, error: "invalid_body", send: () => push(XA, { ...ok, cells: Array.from({ length: 5001 }, () => cell("5G", "note", "")) }) },
];

describe("bad submissions", () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status}, nothing written`, async () => {
      const before = await counts();
      const res = await c.send();
      expect(res.status).toBe(c.status);
      const b = await json<{ error: string; message: string; details: unknown[] }>(res);
      expect(b.error).toBe(c.error);
      expect(b.message).toMatch(VI);
      expect(Array.isArray(b.details)).toBe(true);
      expect(await counts()).toEqual(before);
    });
  }
  it("validation errors name the cell in details", async () => {
    const b = await json<{ details: { item: string; field: string; code: string; message: string }[] }>(
      await push(XA, { ...ok, cells: [cell("KHONG_CO", "actual", "1")] }),
    );
    expect(b.details[0]).toMatchObject({ item: "KHONG_CO", code: "unknown_item" });
  });
  it("warnings are accepted and returned in the receipt", async () => {
    // 150% in a percent share used to be a warning; the indicator's kind makes it an error now (shared/values/read.ts).
    const r = await push(XA, { ...ok, cells: [cell("5G", "actual", "0,85")] });
    expect(r.status).toBe(201);
    const b = await json<{ warnings: { code: string; message: string }[] }>(r);
    expect(b.warnings.map((w) => w.code)).toEqual(["fraction_as_percent"]);
    expect(b.warnings[0]!.message).toContain("có phải 85%?");
  });
});

describe("unknown routes and methods", () => {
  it("404 JSON under /api", async () => {
    const r = await call("/api/khong-co", { token: XA });
    expect(r.status).toBe(404);
    expect((await json<{ message: string }>(r)).message).toMatch(VI);
  });
  it("405 JSON with Allow", async () => {
    const r = await call("/api/catalog", { token: XA, method: "DELETE" });
    expect(r.status).toBe(405);
    expect(r.headers.get("Allow")).toContain("GET");
    expect((await json<{ error: string; message: string }>(r)).error).toBe("method_not_allowed");
  });
  it("bad query → 400", async () => {
    const r = await call("/api/current?form=pl1-xa&period=2025", { token: XA });
    expect(r.status).toBe(400);
  });
});

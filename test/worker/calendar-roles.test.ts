// The reporting calendar (periods opened by the Sở KH&CN) and roles by unit (a Party office reports and reads).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { completenessSchema, meSchema, periodsResponseSchema } from "../../shared/schemas/index.js";
import { vnDate } from "../../shared/time.js";
import { DEV_TOKENS, devToken, unitCode } from "../../worker/src/seed.js";
import { ADMIN, call, json, push, SO, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";

const PARTY = devToken(DEV_TOKENS.party);
const PARTY_CODE = unitCode("Văn phòng Tỉnh ủy");
beforeAll(seedOnce);

const cell = (item: string, field: string, raw: string) => ({ item, field, raw });

describe("periods", () => {
  it("lists opened periods with the labels people read, due dates and a default", async () => {
    const r = periodsResponseSchema.parse(await json(await call("/api/periods", { token: XA })));
    expect(r.today).toBe(vnDate());
    const ids = r.periods.map((p) => p.id);
    expect(ids).toEqual(["2026-N", "2026-Q4", "2026-6T", "2025-N", "2025-6T"]);
    expect(r.periods.find((p) => p.id === "2025-6T")).toMatchObject({ label: "6 tháng đầu năm 2025", dueDate: "2025-06-14", cutoffDate: "2025-05-31", kind: "half" });
    expect(r.periods.find((p) => p.id === "2026-N")?.label).toBe("Năm 2026");
    expect(ids).toContain(r.current);
  });

  it("the admin opens a quarter; it is offered for the task forms only by cadence, and a unit cannot open one", async () => {
    expect((await call("/api/admin/periods", { token: XA, body: { kind: "quarter", year: 2027, seq: 1 } })).status).toBe(403);
    const res = await call("/api/admin/periods", { token: ADMIN, body: { kind: "quarter", year: 2027, seq: 1 } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ created: true, period: { id: "2027-Q1", label: "Quý I/2027", dueDate: "2027-03-19" } });
    // Opening again changes nothing.
    const again = await call("/api/admin/periods", { token: ADMIN, body: { kind: "quarter", year: 2027, seq: 1, dueDate: "2027-01-01" } });
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ created: false, period: { dueDate: "2027-03-19" } });
    const forXa = periodsResponseSchema.parse(await json(await call("/api/periods?form=pl1-xa", { token: XA })));
    expect(forXa.periods.map((p) => p.id)).not.toContain("2027-Q1");
    const history = await json<{ history: { action: string }[] }>(await call("/api/admin/periods/2027-Q1/history", { token: ADMIN }));
    expect(history.history.map((h) => h.action)).toEqual(["open"]);
  });

  it("an ad-hoc report names its forms and due date; units push into it", async () => {
    const bad = await call("/api/admin/periods", { token: ADMIN, body: { kind: "adhoc", year: 2026, seq: 1 } });
    expect(bad.status).toBe(422);
    const res = await call("/api/admin/periods", {
      token: ADMIN,
      body: { kind: "adhoc", year: 2026, seq: 1, label: "Báo cáo nhanh phục vụ Hội nghị tháng 12", dueDate: "2026-12-10", forms: ["pl1-xa"] },
    });
    expect(res.status).toBe(201);
    expect((await push(XA, { form: "pl1-xa", period: "2026-DX1", cells: [cell("5G", "actual", "60%")] })).status).toBe(201);
    expect((await push(SO, { form: "pl1-tinh", period: "2026-DX1", cells: [cell("5G", "actual", "60%")] })).status).toBe(422);
    const list = periodsResponseSchema.parse(await json(await call("/api/periods", { token: XA })));
    expect(list.periods.find((p) => p.id === "2026-DX1")?.label).toBe("Báo cáo nhanh phục vụ Hội nghị tháng 12");
  });

  it("a locked period refuses pushes with its label in the message; unlocking reopens it", async () => {
    expect((await call("/api/admin/periods/2025-6T/lock", { token: ADMIN, method: "POST" })).status).toBe(200);
    const r = await push(XA, { form: "pl1-xa", period: "2025-6T", cells: [cell("5G", "actual", "40%")] });
    expect(r.status).toBe(423);
    expect((await json<{ message: string }>(r)).message).toContain("6 tháng đầu năm 2025");
    expect((await call("/api/admin/periods/2025-6T/unlock", { token: ADMIN, method: "POST" })).status).toBe(200);
    expect((await push(XA, { form: "pl1-xa", period: "2025-6T", cells: [cell("5G", "actual", "40%")] })).status).toBe(201);
  });

  it("an unopened period names itself in words, not by its code", async () => {
    const r = await push(XA, { form: "pl1-xa", period: "2029-6T", cells: [cell("5G", "actual", "40%")] });
    expect(r.status).toBe(422);
    const body = await json<{ error: string; message: string }>(r);
    expect(body.error).toBe("period_not_open");
    expect(body.message).toContain("6 tháng đầu năm 2029");
    expect(body.message).not.toContain("2029-6T");
  });
});

describe("completeness with due dates", () => {
  it("shows each unit's due date, days left, lateness; an emptied report does not count", async () => {
    const first = await push(XA, { form: "pl1-xa", period: "2026-N", cells: [cell("5G", "actual", "61%")] });
    expect(first.status).toBe(201);
    let c = completenessSchema.parse(await json(await call("/api/completeness?form=pl1-xa&period=2026-N", { token: VIEWER })));
    const mine = c.rows.find((r) => r.unit === XA_CODE)!;
    expect(mine).toMatchObject({ submitted: true, dueDate: "2026-11-24", daysLeft: null });
    expect(mine.lateBy).toBeGreaterThanOrEqual(0);
    const other = c.rows.find((r) => !r.submitted)!;
    expect(other.daysLeft).toBe(Math.round((Date.parse("2026-11-24") - Date.parse(vnDate())) / 86_400_000));
    // Clearing every value (a later revision with no cells) is allowed, but the unit is no longer counted.
    const cleared = await push(XA, { form: "pl1-xa", period: "2026-N", baseRevision: 1, cells: [] });
    expect(cleared.status).toBe(201);
    c = completenessSchema.parse(await json(await call("/api/completeness?form=pl1-xa&period=2026-N", { token: VIEWER })));
    expect(c.rows.find((r) => r.unit === XA_CODE)?.submitted).toBe(false);
  });

  it("the provincial form expects only units that lead one of its indicators", async () => {
    const c = completenessSchema.parse(await json(await call("/api/completeness?form=pl1-tinh&period=2026-N", { token: ADMIN })));
    const leads = (await env.DB.prepare("SELECT DISTINCT unit FROM unit_agencies").all<{ unit: string }>()).results.map((r) => r.unit);
    for (const r of c.rows) expect(leads).toContain(r.unit);
    expect(c.rows.length).toBeGreaterThan(10);
  });
});

describe("roles by unit", () => {
  it("a Party office reports its own figures and reads merged tables", async () => {
    const me = meSchema.parse(await json(await call("/api/me", { token: PARTY })));
    expect(me.code).toBe(PARTY_CODE);
    expect(me.category).toBe("party");
    expect(me.roles).toEqual(expect.arrayContaining(["unit", "viewer"]));
    expect(me.agencies).toContain("Văn phòng Tỉnh ủy");
    expect((await push(PARTY, { form: "pl1-tinh", period: "2026-N", cells: [cell("5G", "note", "Theo dõi chung")] })).status).toBe(201);
    expect((await call("/api/merged?form=pl1-tinh&period=2026-N", { token: PARTY })).status).toBe(200);
    expect((await call("/api/completeness?form=pl1-xa&period=2026-N", { token: PARTY })).status).toBe(200);
    // Reading is not writing: it may not push for another unit, nor administer.
    expect((await push(PARTY, { form: "pl1-tinh", period: "2026-N", unit: "so-y-te", cells: [cell("5G", "note", "x")] })).status).toBe(403);
    expect((await call("/api/admin/units", { token: PARTY })).status).toBe(403);
  });

  it("a commune reads only its own data; the viewer cannot push", async () => {
    expect((await call("/api/merged?form=pl1-xa&period=2026-N", { token: XA })).status).toBe(403);
    expect((await call(`/api/current?form=pl1-xa&period=2026-N&unit=${PARTY_CODE}`, { token: XA })).status).toBe(403);
    expect((await push(VIEWER, { form: "pl1-xa", period: "2026-N", unit: XA_CODE, cells: [cell("5G", "actual", "1%")] })).status).toBe(403);
  });

  it("a change of role in the registry applies to the next request", async () => {
    expect((await call("/api/merged?form=pl1-xa&period=2026-N", { token: SO })).status).toBe(403);
    await env.DB.prepare("UPDATE units SET can_view = 1 WHERE code = 'so-khoa-hoc-va-cong-nghe'").run();
    expect((await call("/api/merged?form=pl1-xa&period=2026-N", { token: SO })).status).toBe(200);
    await env.DB.prepare("UPDATE units SET can_view = 0 WHERE code = 'so-khoa-hoc-va-cong-nghe'").run();
    expect((await call("/api/merged?form=pl1-xa&period=2026-N", { token: SO })).status).toBe(403);
  });
});

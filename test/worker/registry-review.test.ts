// The Sở KH&CN's own work: the unit registry as a versioned sheet, tokens for many units, reviews with notes on
// cells, settling doubtful targets with a source document.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { RegistryUnit } from "../../shared/registry/index.js";
import { currentSchema, targetOverridesSchema } from "../../shared/schemas/index.js";
import { ADMIN, call, json, push, seedOnce, SO, XA, XA_CODE } from "./helpers.js";

beforeAll(seedOnce);

interface RegistryGet {
  version: number;
  units: RegistryUnit[];
  knownAgencies: string[];
}
const getRegistry = async () => json<RegistryGet>(await call("/api/admin/registry", { token: ADMIN }));
const putRegistry = (body: unknown) => call("/api/admin/registry", { token: ADMIN, method: "PUT", body });
const unitCount = async () => (await env.DB.prepare("SELECT count(*) AS n FROM units").first<{ n: number }>())!.n;

describe("the unit registry as a sheet", () => {
  it("reads the full-size registry with the agency names each unit answers for", async () => {
    const r = await getRegistry();
    expect(r.version).toBe(0);
    expect(r.units.filter((u) => u.category === "commune")).toHaveLength(166);
    const so = r.units.find((u) => u.name === "Sở Khoa học và Công nghệ")!;
    expect(so).toMatchObject({ category: "department", canReport: true, canView: false, agencies: ["Sở Khoa học và Công nghệ"] });
    expect(r.knownAgencies).toContain("Văn phòng UBND tỉnh");
  });

  it("refuses a sheet with duplicate codes, unknown agencies, missing successors and an admin lockout, naming rows; writes nothing", async () => {
    const { units, version } = await getRegistry();
    const before = await unitCount();
    const rows: RegistryUnit[] = units.slice(0, 6).map((u, i) => ({ ...u, row: i + 5 }));
    rows[1] = { ...rows[1]!, code: rows[0]!.code }; // duplicate code
    rows[2] = { ...rows[2]!, agencies: ["Sở Khoa hoc và Cong nghe"] }; // spelling differs from the catalog
    rows[3] = { ...rows[3]!, agencies: ["Sở Không Tồn Tại"] };
    rows[4] = { ...rows[4]!, successor: "xa-khong-co" };
    const self = units.find((u) => u.code === "skhcn-quan-tri")!;
    rows.push({ ...self, row: 40, canAdmin: false });
    const res = await putRegistry({ baseVersion: version, units: rows });
    expect(res.status).toBe(422);
    const body = await json<{ error: string; details: { row: number; kind: string; message: string }[] }>(res);
    expect(body.error).toBe("registry_invalid");
    const kinds = body.details.map((d) => `${d.row}:${d.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(["6:duplicate_code", "7:unknown_agency", "8:unknown_agency", "9:unknown_successor", "40:admin_lockout"]));
    expect(body.details.find((d) => d.row === 7)!.message).toContain('hãy ghi đúng "Sở Khoa học và Công nghệ"');
    expect(body.details.every((d) => d.message.startsWith(`Dòng ${d.row}`))).toBe(true);
    expect(await unitCount()).toBe(before);
    expect((await getRegistry()).version).toBe(0);
  });

  it("shows a dry run, then applies added and changed units atomically with history; units not in the sheet stay", async () => {
    const { units, version } = await getRegistry();
    const xa = units.find((u) => u.code === XA_CODE)!;
    const sheet: RegistryUnit[] = [
      { ...xa, contactName: "Nguyễn Thị Hoa", phone: "0912 345 678", email: "vanphong@hacthanh.gov.vn" },
      {
        code: "hoi-nong-dan-tinh",
        name: "Hội Nông dân tỉnh",
        category: "mass",
        agencies: ["Các đoàn thể chính trị - xã hội cấp tỉnh"],
        canReport: true,
        canView: false,
        canAdmin: false,
        active: true,
      },
      { ...units.find((u) => u.code === "xa-mau-166")!, active: false, successor: XA_CODE },
    ];
    const dry = await putRegistry({ baseVersion: version, units: sheet, dryRun: true });
    expect(dry.status).toBe(200);
    const d = await json<{ summary: { added: number; changed: number; notInSheet: number }; diff: { changed: { unit: { code: string }; changes: { field: string }[] }[] } }>(dry);
    expect(d.summary).toMatchObject({ added: 1, changed: 2 });
    expect(d.summary.notInSheet).toBe(units.length - 2);
    expect(d.diff.changed.find((c) => c.unit.code === XA_CODE)!.changes.map((c) => c.field).sort()).toEqual(["contactName", "email", "phone"]);
    expect((await getRegistry()).version).toBe(0); // a dry run writes nothing

    const res = await putRegistry({ baseVersion: version, units: sheet });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ version: 1, applied: true });
    const after = await getRegistry();
    expect(after.version).toBe(1);
    expect(after.units.length).toBe(units.length + 1);
    expect(after.units.find((u) => u.code === "hoi-nong-dan-tinh")).toMatchObject({ category: "mass", agencies: ["Các đoàn thể chính trị - xã hội cấp tỉnh"] });
    expect(after.units.find((u) => u.code === "xa-mau-166")).toMatchObject({ active: false, successor: XA_CODE });
    expect(after.units.find((u) => u.code === XA_CODE)?.phone).toBe("0912 345 678");
    const hist = await json<{ history: { version: number; summary: { added: string[] } }[] }>(await call("/api/admin/registry/history", { token: ADMIN }));
    expect(hist.history[0]).toMatchObject({ version: 1, summary: { added: ["hoi-nong-dan-tinh"] } });
    // The snapshot keeps the whole registry after the push.
    const snap = await env.DB.prepare("SELECT snapshot FROM registry_versions WHERE id = 1").first<{ snapshot: string }>();
    expect((JSON.parse(snap!.snapshot) as unknown[]).length).toBe(units.length + 1);
  });

  it("a push built on an old version is refused (409) and changes nothing", async () => {
    const { units } = await getRegistry();
    const res = await putRegistry({ baseVersion: 0, units: [{ ...units[3]!, note: "đổi" }] });
    expect(res.status).toBe(409);
    expect(await json(res)).toMatchObject({ error: "registry_conflict", currentVersion: 1 });
  });

  it("a deactivated unit can no longer sign in", async () => {
    const tok = await json<{ tokens: { token: string }[] }>(await call("/api/admin/tokens/issue", { token: ADMIN, body: { units: ["xa-mau-165"] } }));
    const t = tok.tokens[0]!.token;
    expect((await call("/api/me", { token: t })).status).toBe(200);
    const { units, version } = await getRegistry();
    const u = units.find((x) => x.code === "xa-mau-165")!;
    expect((await putRegistry({ baseVersion: version, units: [{ ...u, active: false }] })).status).toBe(200);
    expect((await call("/api/me", { token: t })).status).toBe(401);
  });
});

describe("tokens for many units at once", () => {
  it("issues one token per unit (shown once), lists them without secrets, rotates and revokes", async () => {
    const res = await call("/api/admin/tokens/issue", { token: ADMIN, body: { units: [XA_CODE, "xa-mau-100", "so-y-te"] } });
    expect(res.status).toBe(201);
    const issued = await json<{ tokens: { unit: string; unitName: string; token: string; id: string; issuedAt: string }[] }>(res);
    expect(issued.tokens.map((t) => t.unit)).toEqual([XA_CODE, "xa-mau-100", "so-y-te"]);
    for (const t of issued.tokens) expect((await call("/api/me", { token: t.token })).status).toBe(200);
    const stored = await env.DB.prepare("SELECT hash FROM tokens WHERE id = ?1").bind(issued.tokens[0]!.id).first<{ hash: string }>();
    expect(stored!.hash).not.toContain(issued.tokens[0]!.token.split(".")[1]!);

    const list = await json<{ tokens: Record<string, unknown>[] }>(await call("/api/admin/tokens", { token: ADMIN }));
    expect(JSON.stringify(list)).not.toContain(issued.tokens[0]!.token.split(".")[1]!);
    expect(list.tokens.some((t) => t["id"] === issued.tokens[1]!.id && t["revokedAt"] === null)).toBe(true);

    const rot = await json<{ tokens: { token: string }[] }>(await call("/api/admin/tokens/rotate", { token: ADMIN, body: { units: ["xa-mau-100"] } }));
    expect((await call("/api/me", { token: issued.tokens[1]!.token })).status).toBe(401);
    expect((await call("/api/me", { token: rot.tokens[0]!.token })).status).toBe(200);

    const rev = await call("/api/admin/tokens/revoke", { token: ADMIN, body: { units: ["so-y-te"] } });
    expect(await json(rev)).toMatchObject({ revoked: 1 });
    expect((await call("/api/me", { token: issued.tokens[2]!.token })).status).toBe(401);
  });

  it("refuses unknown units and the admin's own revocation, issuing nothing", async () => {
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM tokens").first<{ n: number }>())!.n;
    const res = await call("/api/admin/tokens/issue", { token: ADMIN, body: { units: [XA_CODE, "khong-co"] } });
    expect(res.status).toBe(404);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM tokens").first<{ n: number }>())!.n).toBe(before);
    expect((await call("/api/admin/tokens/revoke", { token: ADMIN, body: { units: ["skhcn-quan-tri"] } })).status).toBe(422);
    expect((await call("/api/admin/tokens/issue", { token: XA, body: { units: [XA_CODE] } })).status).toBe(403);
  });
});

describe("the review cycle", () => {
  it("returns a submission with notes on cells; the unit sees them; a resubmission clears them; history keeps all", async () => {
    const first = await push(XA, { form: "pl1-xa", period: "2025-N", cells: [{ item: "5G", field: "actual", raw: "65%" }, { item: "BANGRONG_1GB", field: "actual", raw: "10%" }] });
    expect(first.status).toBe(201);
    const sub = (await json<{ id: string }>(first)).id;
    const list = await json<{ rows: { unit: string; status: string | null; submission: string | null }[] }>(await call("/api/admin/reviews?form=pl1-xa&period=2025-N", { token: ADMIN }));
    // Every active commune (two were deactivated by the registry tests above).
    const active = (await env.DB.prepare("SELECT count(*) AS n FROM units WHERE kind = 'commune' AND active = 1").first<{ n: number }>())!.n;
    expect(active).toBe(164);
    expect(list.rows).toHaveLength(active);
    expect(list.rows.find((r) => r.unit === XA_CODE)).toMatchObject({ status: "submitted", submission: sub });

    const bad = await call(`/api/admin/submissions/${sub}/review`, { token: ADMIN, body: { status: "returned", notes: [{ item: "5G", field: "target2025", note: "x" }] } });
    expect(bad.status).toBe(422);
    const ret = await call(`/api/admin/submissions/${sub}/review`, {
      token: ADMIN,
      body: { status: "returned", comment: "Kiểm tra lại số liệu 5G", notes: [{ item: "5G", field: "actual", note: "Số liệu cao hơn báo cáo của Viettel (52%), đề nghị kiểm tra." }] },
    });
    expect(ret.status).toBe(200);
    let cur = currentSchema.parse(await json(await call("/api/current?form=pl1-xa&period=2025-N", { token: XA })));
    expect(cur.review).toMatchObject({ status: "returned", comment: "Kiểm tra lại số liệu 5G", notes: [{ item: "5G", field: "actual" }] });

    const again = await push(XA, { form: "pl1-xa", period: "2025-N", baseRevision: 1, cells: [{ item: "5G", field: "actual", raw: "52%" }, { item: "BANGRONG_1GB", field: "actual", raw: "10%" }] });
    expect(again.status).toBe(201);
    cur = currentSchema.parse(await json(await call("/api/current?form=pl1-xa&period=2025-N", { token: XA })));
    expect(cur.review).toMatchObject({ status: "submitted", notes: [] });
    const sub2 = (await json<{ id: string }>(again)).id;
    expect((await call(`/api/admin/submissions/${sub2}/review`, { token: ADMIN, body: { status: "accepted", comment: "Đã duyệt" } })).status).toBe(200);
    cur = currentSchema.parse(await json(await call("/api/current?form=pl1-xa&period=2025-N", { token: XA })));
    expect(cur.review?.status).toBe("accepted");
    // History: the first submission keeps its notes and its "returned" review.
    const notes = await env.DB.prepare("SELECT count(*) AS n FROM review_notes WHERE submission = ?1").bind(sub).first<{ n: number }>();
    expect(notes!.n).toBe(1);
    const hist = await json<{ submissions: { id: string; status: string; reviews: { to: string }[] }[] }>(await call("/api/submissions?form=pl1-xa&period=2025-N", { token: XA }));
    expect(hist.submissions.find((s) => s.id === sub)).toMatchObject({ status: "returned", reviews: [{ to: "returned" }] });
  });
});

describe("doubtful targets", () => {
  it("lists the catalog's doubts with reasons; settling one with a source shows it in the catalog", async () => {
    const r = await json<{ doubts: { key: string; field: string; reason: string; year: number | null; settleable: boolean; settled: unknown }[] }>(
      await call("/api/admin/doubts", { token: ADMIN }),
    );
    expect(r.doubts.length).toBeGreaterThan(100);
    const d = r.doubts.find((x) => x.settleable && x.year === 2035)!;
    expect(d.reason.length).toBeGreaterThan(10);
    const put = await call(`/api/admin/targets/${d.key}/2035`, {
      token: ADMIN,
      method: "PUT",
      body: { text: "90%", reason: "Xác nhận theo bản gốc Kế hoạch 266", source: "Công văn số 123/SKHCN ngày 05/3/2026" },
    });
    expect(put.status).toBe(200);
    const after = await json<{ doubts: { key: string; year: number | null; settled: { text: string; source: string } | null }[] }>(await call("/api/admin/doubts", { token: ADMIN }));
    expect(after.doubts.find((x) => x.key === d.key && x.year === 2035)?.settled).toMatchObject({ text: "90%", source: "Công văn số 123/SKHCN ngày 05/3/2026" });
    const cat = await json<{ targetOverrides: { key: string; year: number; source?: string }[] }>(await call("/api/catalog", { token: SO }));
    expect(cat.targetOverrides.find((o) => o.key === d.key && o.year === 2035)?.source).toBe("Công văn số 123/SKHCN ngày 05/3/2026");
    // The corrections alone, for entry sheets (any unit may read them).
    const only = targetOverridesSchema.parse(await json(await call("/api/catalog/overrides", { token: XA })));
    expect(only.targetOverrides.find((o) => o.key === d.key && o.year === 2035)).toMatchObject({ text: "90%", value: { kind: "number", value: 90, percent: true } });
  });
});

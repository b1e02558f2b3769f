// Production from an empty database (README "Set up production from an empty database"): only migrations and the
// bootstrap SQL of scripts/bootstrap-admin.mjs — no seed. The bootstrap token is an administrator (rights per unit), the
// registry is pushed from the sheet's rows, tokens are issued, a period is opened, and a commune reports with its token.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bootstrapSql } from "../../scripts/lib/bootstrap-sql.mjs";
import { call, json } from "./helpers.js";

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

describe("bootstrap of an empty database", () => {
  it("the bootstrap token administers; registry, tokens, a period, then a commune reports", async () => {
    const id = "0123456789abcdef";
    const secret = "5e".repeat(32);
    const hash = hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
    await env.DB.batch(bootstrapSql({ id, hash }).map((s) => env.DB.prepare(s)));
    const ADMIN = `tok_${id}.${secret}`;

    const me = await json<{ roles: string[]; category: string }>(await call("/api/me", { token: ADMIN }));
    expect(me).toMatchObject({ roles: ["viewer", "admin"], category: "staff" });

    const reg = await json<{ version: number; units: { code: string }[] }>(await call("/api/admin/registry", { token: ADMIN }));
    expect(reg).toMatchObject({ version: 0, units: [{ code: "skhcn-quan-tri" }] });
    const unit = (code: string, name: string, category: string, agencies: string[] = []) => ({
      code, name, category, agencies, canReport: true, canView: false, canAdmin: false, active: true,
    });
    const sheet = [
      { ...unit("skhcn-quan-tri", "Sở Khoa học và Công nghệ (quản trị)", "staff"), canReport: false, canView: true, canAdmin: true },
      unit("so-y-te", "Sở Y tế", "department", ["Sở Y tế"]),
      unit("xa-tho-lap", "Xã Thọ Lập", "commune"),
      unit("phuong-hac-thanh", "Phường Hạc Thành", "commune"),
    ].map((u, i) => ({ ...u, row: i + 6 }));
    const put = await call("/api/admin/registry", { token: ADMIN, method: "PUT", body: { baseVersion: 0, units: sheet } });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ version: 1, applied: true, summary: { added: 3, changed: 0 } });

    const issued = await json<{ tokens: { unit: string; token: string }[] }>(await call("/api/admin/tokens/issue", { token: ADMIN, body: { units: ["xa-tho-lap"] } }));
    const XA = issued.tokens[0]!.token;
    expect(await json(await call("/api/me", { token: XA }))).toMatchObject({ code: "xa-tho-lap", roles: ["unit"] });

    expect((await call("/api/admin/periods", { token: ADMIN, body: { kind: "year", year: 2026 } })).status).toBe(201);
    const pushed = await call("/api/submissions", { token: XA, body: { form: "pl1-xa", period: "2026-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw: "65%" }] } });
    expect(pushed.status).toBe(201);
    const comp = await json<{ expected: number; submitted: number }>(await call("/api/completeness?form=pl1-xa&period=2026-N", { token: ADMIN }));
    expect(comp).toMatchObject({ expected: 2, submitted: 1 });
  });
});

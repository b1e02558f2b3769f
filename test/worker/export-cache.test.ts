// Exports are cached by the dataset's revision (worker/src/export/cache.ts, migration 0006): a repeated download is
// byte-identical and served from memory; every kind of change the exports read (a push, a review, a period lock or a new
// period, a target correction, the registry, a hand-made fix that bumps the stamp) makes the next download rebuild.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, json, push, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";

beforeAll(seedOnce);

const VARIANTS = [
  "/api/merged?form=pl1-xa&period=2025-N",
  "/api/merged.csv?form=pl1-xa&period=2025-N",
  "/api/merged.csv?form=pl1-xa&period=2025-N&sep=%3B",
  "/api/merged.xlsx?form=pl1-xa&period=2025-N",
];

async function download(path: string, token = ADMIN) {
  const res = await call(path, { token });
  expect(res.status).toBe(200);
  return { cache: res.headers.get("X-Export-Cache"), revision: Number(res.headers.get("X-Dataset-Revision")), bytes: new Uint8Array(await res.arrayBuffer()) };
}

const revision = async () => (await env.DB.prepare("SELECT revision FROM dataset_revision").first<{ revision: number }>())!.revision;

// Each test starts from the storage beforeAll left (the pool resets D1 between tests), so each pushes its own data.
async function pushValue(raw: string) {
  const r = await env.DB.prepare("SELECT revision FROM reports WHERE form = 'pl1-xa' AND period = '2025-N' AND unit = ?1").bind(XA_CODE).first<{ revision: number }>();
  const res = await push(XA, { form: "pl1-xa", period: "2025-N", baseRevision: r?.revision ?? null, cells: [{ item: "5G", field: "actual", raw }] });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** Downloads every variant; each must be a miss (rebuilt) or each a hit (from memory), as `expected`. */
async function all(expected: "hit" | "miss") {
  const out = [];
  for (const v of VARIANTS) {
    const d = await download(v);
    expect(d.cache, v).toBe(expected);
    out.push(d);
  }
  return out;
}

describe("export cache", () => {
  it("a repeated download is byte-identical and served from memory, for admins and viewers alike", async () => {
    await pushValue("31%");
    const first = await all("miss");
    const again = await all("hit");
    for (let i = 0; i < VARIANTS.length; i++) expect(again[i]!.bytes).toEqual(first[i]!.bytes);
    const viewer = await download(VARIANTS[3]!, VIEWER);
    expect(viewer.cache).toBe("hit");
    expect(viewer.bytes).toEqual(first[3]!.bytes);
    // Another period or variant is another entry.
    expect((await download("/api/merged.csv?form=pl1-xa&period=2025-6T")).cache).toBe("miss");
  });

  it("a push rebuilds, with the new value in every variant", async () => {
    await pushValue("32%");
    await all("miss");
    await all("hit");
    await pushValue("41%");
    const after = await all("miss");
    const text = new TextDecoder().decode(after[0]!.bytes);
    expect(text).toContain("41%");
    expect(new TextDecoder().decode(after[1]!.bytes)).toContain("41%");
  });

  it("a review, a lock and unlock, a new period, a target correction, the registry and a hand-made fix each rebuild", async () => {
    await pushValue("33%");
    await all("miss");
    const changes: [string, () => Promise<void>][] = [
      [
        "review",
        async () => {
          const list = await json<{ rows: { submission: string | null }[] }>(await call("/api/admin/reviews?form=pl1-xa&period=2025-N", { token: ADMIN }));
          const id = list.rows.find((r) => r.submission)!.submission!;
          expect((await call(`/api/admin/submissions/${id}/review`, { token: ADMIN, body: { status: "accepted" } })).status).toBe(200);
        },
      ],
      ["lock", async () => expect((await call("/api/admin/periods/2025-N/lock", { token: ADMIN, method: "POST" })).status).toBe(200)],
      ["unlock", async () => expect((await call("/api/admin/periods/2025-N/unlock", { token: ADMIN, method: "POST" })).status).toBe(200)],
      ["new period", async () => expect((await call("/api/admin/periods", { token: ADMIN, body: { kind: "year", year: 2031 } })).status).toBeLessThan(300)],
      [
        "target",
        async () =>
          expect((await call("/api/admin/targets/5G/2025", { token: ADMIN, method: "PUT", body: { text: "95%", reason: "Điều chỉnh theo văn bản", source: "Công văn số 1/SKHCN" } })).status).toBe(200),
      ],
      [
        "registry",
        async () => {
          const reg = await json<{ version: number; units: Record<string, unknown>[] }>(await call("/api/admin/registry", { token: ADMIN }));
          const unit = { ...reg.units.find((u) => u.category === "commune")!, phone: "0912 000 111" };
          const res = await call("/api/admin/registry", { token: ADMIN, method: "PUT", body: { baseVersion: reg.version, units: [unit] } });
          expect(res.status).toBe(200);
        },
      ],
      [
        "a hand-made fix, bumped as the migration says",
        async () => {
          await env.DB.batch([
            env.DB.prepare("UPDATE cell_current SET raw = '42%' WHERE form = 'pl1-xa' AND period = '2025-N' AND item = '5G' AND field = 'actual'"),
            env.DB.prepare("UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8)))"),
          ]);
        },
      ],
    ];
    for (const [name, change] of changes) {
      await all("hit");
      const before = await revision();
      await change();
      expect(await revision(), name).toBeGreaterThan(before);
      const rebuilt = await download(VARIANTS[0]!);
      expect(rebuilt.cache, name).toBe("miss");
      expect(rebuilt.revision, name).toBe(await revision());
      for (const v of VARIANTS.slice(1)) expect((await download(v)).cache, `${name}: ${v}`).toBe("miss");
    }
    expect(new TextDecoder().decode((await download(VARIANTS[1]!)).bytes)).toContain("42%");
  });

  it("reads that change nothing keep the cache: completeness, the catalog, a refused push", async () => {
    await pushValue("34%");
    await all("miss");
    await all("hit");
    const before = await revision();
    await call("/api/completeness?form=pl1-xa&period=2025-N", { token: ADMIN });
    await call("/api/catalog", { token: ADMIN });
    const stale = await push(XA, { form: "pl1-xa", period: "2025-N", baseRevision: 0, cells: [{ item: "5G", field: "actual", raw: "1%" }] });
    expect(stale.status).toBe(409);
    expect(await revision()).toBe(before);
    await all("hit");
  });

  it("two downloads at the same moment get the same bytes", async () => {
    await pushValue("43%");
    const [a, b] = await Promise.all([download(VARIANTS[3]!), download(VARIANTS[3]!)]);
    expect(a.bytes).toEqual(b.bytes);
  });
});

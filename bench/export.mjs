// Export: the province-wide merged Phụ lục I (pl1-tinh, with the communes' aggregate) as JSON (/api/merged), CSV (both
// variants) and .xlsx, for 200 units × 79 indicators × (actual, projected) × 6 periods, and 4× and 16× that. Each
// request's CPU time and heap inside workerd are measured through the V8 inspector (bench/lib/inspector.mjs: the
// sampling profiler's non-idle time; the largest committed heap + ArrayBuffers seen while the request runs).
//
// For each scale: data is bulk-loaded into the local D1 file before the server starts, as pushes store it (the raw text
// and its stored reading, worker/src/reading.ts; the rows' stamps follow from migrations/0008's triggers). Then, in rounds, each variant is
// fetched after three kinds of change:
//  - "build": a unit renamed (POST /api/admin/units), which every row shows: every row is merged again;
//  - "push": one unit pushes its sheet again with one figure changed (POST /api/submissions): one row is merged again,
//    the others are the rows kept from the build before (worker/src/merge-rows.ts; tables up to 4 MB of JSON);
//  - "again": nothing changed: the export cache answers.
// Medians over rounds.
//
// The floor (bench/export-floor.ts): the same rows read from the same database with D1 .raw(), written by the same
// .xlsx writer (and as CSV / JSON) as a plain pivot, no merge; measured the same way on its own server afterwards.
//
// Prints figures only; never fails on timing. Node 20 needs --experimental-websocket (bench/run.mjs passes it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { root } from "../scripts/lib/proc.mjs";
import { startServer } from "../scripts/lib/server.mjs";
import { ADMIN_TOKEN } from "../scripts/lib/api.mjs";
import { connectInspector } from "./lib/inspector.mjs";

if (typeof WebSocket === "undefined") {
  // Node 20: re-run with the built-in WebSocket enabled (the inspector connection).
  const r = spawnSync(process.execPath, ["--experimental-websocket", "--no-warnings", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const DEBUG = !!process.env.BENCH_DEBUG;
const PERIODS = ["2025-6T", "2025-N", "2026-6T", "2026-N", "2027-6T", "2027-N"];
const FORM = "pl1-tinh";
export const VARIANTS = [
  { name: "json", path: "/api/merged", query: "" },
  { name: "csv", path: "/api/merged.csv", query: "" },
  { name: "csv;", path: "/api/merged.csv", query: "&sep=%3B" },
  { name: "xlsx", path: "/api/merged.xlsx", query: "" },
];

/** Rows (period, item, v, field, raw, parsed) for every value a unit may push: the reading stored as a push stores it. */
async function valueTable() {
  const { forms } = await tsImport(path.join(root, "shared/forms/index.ts"), import.meta.url);
  const { rowExpectation } = await tsImport(path.join(root, "shared/validate/index.ts"), import.meta.url);
  const { readRaw, storeReading } = await tsImport(path.join(root, "worker/src/reading.ts"), import.meta.url);
  const { rawFor } = await tsImport(path.join(root, "bench/lib/sample-values.ts"), import.meta.url);
  const form = forms.find((f) => f.id === FORM);
  const items = form.rows.filter((r) => r.type === "indicator").map((r) => r.item);
  const out = [];
  for (const period of PERIODS) {
    for (const item of items) {
      const exp = rowExpectation(form, item, { period });
      for (let v = 0; v < 100; v++) {
        for (const [field, w] of [["actual", v], ["projected", Math.min(99, v + 5)]]) {
          const raw = rawFor(exp?.kind, w);
          out.push({ period, item, v, field, raw, parsed: storeReading(raw, readRaw(exp, raw)) });
        }
      }
    }
  }
  return { items, values: out };
}

function loadSql(units, { items, values }) {
  const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const chunks = [];
  for (let i = 0; i < values.length; i += 500) {
    chunks.push(`INSERT INTO vals VALUES ${values.slice(i, i + 500).map((x) => `(${q(x.period)}, ${q(x.item)}, ${x.v}, ${q(x.field)}, ${q(x.raw)}, ${q(x.parsed)})`).join(",")};`);
  }
  return `
PRAGMA journal_mode = DELETE;
BEGIN;
CREATE TEMP TABLE k(idx INT, item TEXT);
INSERT INTO k VALUES ${items.map((it, i) => `(${i}, ${q(it)})`).join(",")};
CREATE TEMP TABLE p(idx INT, period TEXT, year INT, kind TEXT);
INSERT INTO p VALUES ${PERIODS.map((x, i) => `(${i}, '${x}', ${x.slice(0, 4)}, '${x.endsWith("6T") ? "half" : "year"}')`).join(",")};
INSERT OR IGNORE INTO periods (id, year, kind) SELECT period, year, kind FROM p;
CREATE TEMP TABLE vals(period TEXT, item TEXT, v INT, field TEXT, raw TEXT, parsed TEXT);
${chunks.join("\n")}
CREATE INDEX temp.vals_by ON vals (period, item, v, field);
CREATE TEMP TABLE u(idx INT, code TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${units - 1})
INSERT INTO u SELECT i, printf('xb-%05d', i) FROM n;
INSERT INTO units (code, name, kind) SELECT code, 'Đơn vị thử ' || code, 'department' FROM u;
INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at, payload_hash, cell_count)
  SELECT 'sub_' || code || '_' || period, code, '${FORM}', period, 1, 0, 'k_' || code || period, 'bench', '2026-01-01T00:00:00Z', 'h', ${items.length * 2} FROM u, p;
INSERT INTO reports (form, period, unit, revision, last_submission, updated_at)
  SELECT '${FORM}', period, code, 1, 'sub_' || code || '_' || period, '2026-01-01T00:00:00Z' FROM u, p;
INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision)
  SELECT '${FORM}', p.period, u.code, k.item, vals.field, vals.raw, vals.parsed, 'sub_' || u.code || '_' || p.period, 1
    FROM u, p, k JOIN vals ON vals.period = p.period AND vals.item = k.item AND vals.v = (u.idx * 31 + k.idx * 17 + p.idx * 7) % 100;
COMMIT;
`;
}

/** The sheet unit 0 was loaded with in a period (loadSql's value choice), as a push sends it. */
function sheetOfFirstUnit({ items, values }, period) {
  const pi = PERIODS.indexOf(period);
  const byKey = new Map(values.map((x) => [`${x.period}|${x.item}|${x.v}|${x.field}`, x.raw]));
  return items.flatMap((item, ki) => {
    const v = (ki * 17 + pi * 7) % 100;
    return ["actual", "projected"].map((field) => ({ item, field, raw: byKey.get(`${period}|${item}|${v}|${field}`) }));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

async function get(url) {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  const buf = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(buf).slice(0, 300)}`);
  return buf.length;
}

/**
 * Measures each variant `rounds` times. With `changes` (our server): after a change every row shows (`everyRow`),
 * after a push that changes one row (`oneRow`), and again with nothing changed; without (the floor): twice.
 */
async function measureAll(base, insp, rounds, changes, variants) {
  const out = Object.fromEntries(variants.map((v) => [v.name, { build: [], push: [], again: [] }]));
  const poke = async () => (await fetch(`${base}/api/health`)).arrayBuffer();
  const one = async (v, period) => (DEBUG && console.error(`  measuring ${v.name} ${period}`), insp.measure(() => get(`${base}${v.path}?form=${FORM}&period=${period}${v.query}`), { poke }));
  for (const v of variants) await one(v, PERIODS[0]); // warm-up: the JIT, the first D1 connection
  for (let r = 0; r < rounds; r++) {
    const period = PERIODS[(r + 1) % PERIODS.length];
    for (const v of variants) {
      if (changes) await changes.everyRow();
      out[v.name].build.push(await one(v, period));
      if (changes) {
        await changes.oneRow(period);
        out[v.name].push.push(await one(v, period));
      }
      out[v.name].again.push(await one(v, period));
    }
  }
  // --profile: where a build spends its time; --profile=push: an export after a one-row push.
  const profile = process.argv.find((a) => a.startsWith("--profile"));
  if (profile) {
    const afterPush = profile === "--profile=push";
    for (const v of variants) {
      if (changes) await changes.everyRow();
      if (changes && afterPush) {
        await get(`${base}${v.path}?form=${FORM}&period=${PERIODS[0]}${v.query}`);
        await changes.oneRow(PERIODS[0]);
      }
      const top = await insp.profileTop(() => get(`${base}${v.path}?form=${FORM}&period=${PERIODS[0]}${v.query}`), 30);
      console.log(`--- ${base} ${v.name}${afterPush ? " after a one-row push" : ""}: self time by function (ms)`);
      for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${k}`);
    }
  }
  const sum = (list) => ({
    cpu: median(list.map((m) => m.cpu)),
    program: median(list.map((m) => m.program)),
    gc: median(list.map((m) => m.gc)),
    wall: median(list.map((m) => m.wall)),
    heap: median(list.map((m) => m.heapPeak)),
    bytes: median(list.map((m) => m.result)),
    n: list.length,
  });
  return Object.fromEntries(Object.entries(out).map(([k, x]) => [k, { build: sum(x.build), push: x.push.length ? sum(x.push) : null, again: sum(x.again) }]));
}

/** The changes measureAll makes on our server: unit 0 renamed, or pushing its sheet with one figure changed. */
async function changesOn(base, values) {
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" };
  const send = async (p, init) => {
    const res = await fetch(`${base}${p}`, init);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const token = (await send("/api/admin/units/xb-00000/tokens", { method: "POST", headers: { Authorization: admin.Authorization } })).token;
  let renames = 0;
  const revisions = new Map(PERIODS.map((p) => [p, 1]));
  return {
    everyRow: () =>
      send("/api/admin/units", { method: "POST", headers: admin, body: JSON.stringify({ code: "xb-00000", name: `Đơn vị thử xb-00000 (${++renames})`, kind: "department" }) }),
    async oneRow(period) {
      // The first indicator's actual and projected swap on every other push: each push changes that one row.
      const cells = sheetOfFirstUnit(values, period);
      const rev = revisions.get(period);
      if (rev % 2 === 1) [cells[0].raw, cells[1].raw] = [cells[1].raw, cells[0].raw];
      const receipt = await send("/api/submissions", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `bench-${period}-${rev}` },
        body: JSON.stringify({ form: FORM, period, baseRevision: rev, cells }),
      });
      revisions.set(period, receipt.revision);
    },
  };
}

/** measureAll on a started server, through its inspector. */
async function measureOn(srv, rounds, changes) {
  const insp = await connectInspector(srv.inspectorPort());
  try {
    return await measureAll(srv.url, insp, rounds, changes, VARIANTS);
  } finally {
    insp.close();
  }
}

async function oneScale(scale, values, rounds) {
  const units = 200 * scale;
  const dir = mkdtempSync(path.join(os.tmpdir(), "chitieu-export-"));
  let loadSecs = 0;
  const result = { scale, units, cells: units * PERIODS.length * values.items.length * 2 };
  try {
    const srv = await startServer({
      persistTo: dir,
      beforeStart: async (file) => {
        const t0 = performance.now();
        const r = spawnSync("sqlite3", [file], { input: loadSql(units, values), maxBuffer: 1 << 26 });
        if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
        loadSecs = (performance.now() - t0) / 1000;
      },
    });
    result.loadSecs = loadSecs;
    try {
      result.ours = await measureOn(srv, rounds, await changesOn(srv.url, values));
    } finally {
      await srv.stop();
    }
    const floor = await startServer({ persistTo: dir, seed: false, migrate: false, config: "bench/export-floor.wrangler.toml" });
    try {
      result.floor = await measureOn(floor, rounds, null);
    } finally {
      await floor.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

export async function benchExport(scales = [1, 4, 16], rounds = 5) {
  const values = await valueTable();
  const rows = [];
  for (const s of scales) rows.push(await oneScale(s, values, s >= 16 ? Math.min(rounds, 3) : rounds));
  return rows;
}

export function printExport(rows) {
  console.log(`Export: merged Phụ lục I (${FORM}) with the communes' aggregate; 79 indicators × (actual, projected) per unit; per request inside workerd`);
  console.log("  CPU = the isolate's non-idle time (V8 sampling profiler), heap = largest V8 heap in use + ArrayBuffers seen (after a full GC first); medians");
  const f = (m) => `${m.cpu.toFixed(1).padStart(7)} ms CPU (gc ${m.gc.toFixed(0)}, program ${m.program.toFixed(0)}) ${(m.heap / 2 ** 20).toFixed(1).padStart(6)} MiB ${m.wall.toFixed(0).padStart(6)} ms wall`;
  const base = rows[0];
  for (const r of rows) {
    console.log(`  ${String(r.scale).padStart(2)}× ${String(r.units).padStart(5)} units, ${r.cells.toLocaleString("en")} cells over ${PERIODS.length} periods (loaded in ${r.loadSecs.toFixed(1)} s), ${r.ours.xlsx.build.n} rounds`);
    for (const v of VARIANTS) {
      const o = r.ours[v.name];
      const fl = r.floor[v.name];
      const growth = base.ours[v.name].build.cpu ? ` growth ×${(o.build.cpu / base.ours[v.name].build.cpu).toFixed(1)}` : "";
      console.log(
        `    ${v.name.padEnd(5)} build ${f(o.build)} | after a one-row push ${f(o.push)} | again ${f(o.again)} | floor ${f(fl.build)} | build/floor CPU ${(o.build.cpu / fl.build.cpu).toFixed(2)}×, push/floor ${(o.push.cpu / fl.build.cpu).toFixed(2)}×${growth}; ${(o.build.bytes / 1024).toFixed(0)} KiB`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rounds = Number(args.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 5);
  const scales = args.map(Number).filter(Boolean);
  printExport(await benchExport(scales.length ? scales : undefined, rounds));
}

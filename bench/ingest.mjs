// Ingest: indicator values per second accepted through the real HTTP path (wrangler dev + local D1), 50 units pushing
// full Phụ lục 1 sheets at once (6 revisions each, 300 submissions × 63 values), against the floor: the same rows
// written straight into SQLite with the settings local D1 runs with, on the same machine, in the same run.
//
// Local D1 (miniflare) is a Durable Object's SQLite inside workerd. workerd opens it and runs
// "PRAGMA journal_mode=WAL;" before anything else (cloudflare/workerd src/workerd/server/server.c++, the actor
// storage set-up), and builds SQLite without overriding SQLITE_DEFAULT_SYNCHRONOUS / SQLITE_DEFAULT_WAL_SYNCHRONOUS
// (build/BUILD.sqlite3), so commits run with SQLite's default synchronous=FULL; the same build sets
// SQLITE_DEFAULT_FOREIGN_KEYS=1. Each D1 batch is one transaction (miniflare's D1 object wraps it in
// storage.transactionSync). The floor uses exactly that: WAL, synchronous=FULL, foreign_keys=ON, one transaction per
// submission, the schema of worker/migrations, the same statements' rows (report, submission, its cells,
// current values with their parsed JSON). The bench also reads the local D1 file's header to show it is in WAL mode.
//
// Ours is measured twice on the same worker code and the same local D1: through `wrangler dev` (what `npm start` runs),
// and in workerd run by Miniflare without wrangler's dev proxy and inspector (scripts/lib/workerd-direct.mjs). Under
// `wrangler dev` every D1 call also becomes DevTools network events that its proxy forwards to Node and logs; production
// has none of that, so the second figure is the closer one to what a deployed Worker does per push.
//
// Ours and the floor are each run several times (ours: one round per period on the same server; the floor: a fresh
// database per repetition); medians are printed. Prints figures only; never fails on timing.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { tsImport } from "tsx/esm/api";
import { root } from "../scripts/lib/proc.mjs";
import { d1File, startServer } from "../scripts/lib/server.mjs";
import { ADMIN_TOKEN, client, createUnits, pool } from "../scripts/lib/api.mjs";

const forms = JSON.parse(readFileSync(path.join(root, "shared/forms/forms.json"), "utf8")).forms;
const items = forms.find((f) => f.id === "pl1-xa").rows.filter((r) => r.type === "indicator").map((r) => r.item);
const VALUE_FIELDS = new Set(["actual", "projected"]);

function sheet(seed) {
  const cells = [];
  items.forEach((item, k) => {
    const v = (seed * 7 + k * 13) % 100;
    cells.push({ item, field: "actual", raw: `${v},${seed % 10}%` });
    cells.push({ item, field: "projected", raw: `${Math.min(100, v + 5)}%` });
    cells.push({ item, field: "note", raw: `Ghi chú ${seed}-${k}` });
  });
  return cells;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

/** "WAL" or "rollback journal", from the SQLite header (bytes 18–19: file format versions, 2 = WAL). */
function journalModeOf(file) {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(20);
    readSync(fd, b, 0, 20, 0);
    return b[18] === 2 && b[19] === 2 ? "WAL" : "rollback journal";
  } finally {
    closeSync(fd);
  }
}

/** Pushes `rounds` rounds of sheets through one server; what was accepted in the last round is what the floor writes. */
async function pushRounds(srv, { nUnits, revisions, rounds }) {
  const api = client(srv.url);
  const units = await createUnits(api, "ingest", nUnits);
  // Units push only into periods the Sở KH&CN opened (the seed opens 2025-N and 2026-N, not later years).
  for (let round = 0; round < rounds; round++) {
    const r = await api("POST", "/api/admin/periods", { token: ADMIN_TOKEN, body: { kind: "year", year: 2025 + round } });
    if (r.status !== 200 && r.status !== 201) throw new Error(`opening ${2025 + round}-N: ${r.status} ${r.text}`);
  }
  let firstRefusal = null;
  const oursRounds = [];
  let lastPushed = [];
  let latencies = [];
  let refused = 0;
  for (let round = 0; round < rounds; round++) {
    const period = `${2025 + round}-N`;
    const pushed = [];
    const lat = [];
    const t0 = performance.now();
    await pool(units, nUnits, async (u, i) => {
      for (let rev = 0; rev < revisions; rev++) {
        const cells = sheet(i * 100 + rev);
        const s0 = performance.now();
        const r = await api("POST", "/api/submissions", {
          token: u.token,
          headers: { "Idempotency-Key": `bench-${randomUUID()}` },
          body: { form: "pl1-xa", period, baseRevision: rev, cells },
        });
        lat.push(performance.now() - s0);
        if (r.status !== 201) {
          refused++;
          firstRefusal ??= `${r.status} ${r.text.slice(0, 200)}`;
        }
        else pushed.push({ unit: u.code, period, revision: rev + 1, cells });
      }
    });
    const secs = (performance.now() - t0) / 1000;
    const values = pushed.reduce((n, p) => n + p.cells.length, 0);
    oursRounds.push({ secs, values, valuesPerSec: values / secs });
    lastPushed = pushed;
    latencies = lat;
  }
  if (firstRefusal) console.warn(`refused pushes (${refused}), the first: ${firstRefusal}`);
  return {
    rounds: oursRounds,
    refused,
    lastPushed,
    valuesPerSec: median(oursRounds.map((r) => r.valuesPerSec)),
    seconds: median(oursRounds.map((r) => r.secs)),
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    d1JournalMode: journalModeOf(d1File(srv.persistTo)),
  };
}

/**
 * Ours twice, on the same worker and the same local D1: through `wrangler dev` (what `npm start` runs), and in workerd
 * without wrangler's dev proxy and inspector (scripts/lib/workerd-direct.mjs), whose per-request tooling production does
 * not have (docs/PERFORMANCE.md, "Ingest"). Then the floor.
 */
export async function benchIngest({ units: nUnits = 50, revisions = 6, rounds = 3, floorReps = 5 } = {}) {
  const { parseValue } = await tsImport(path.join(root, "shared/values/index.ts"), import.meta.url);
  const runs = {};
  for (const [name, direct] of [["wranglerDev", false], ["workerd", true]]) {
    const srv = await startServer({ direct });
    try {
      runs[name] = await pushRounds(srv, { nUnits, revisions, rounds });
    } finally {
      await srv.stop();
    }
  }
  const lastPushed = runs.wranglerDev.lastPushed;
  const floors = [];
  for (let k = 0; k < floorReps; k++) floors.push(sqliteFloor(lastPushed, parseValue));
  const values = lastPushed.reduce((n, p) => n + p.cells.length, 0);
  const strip = ({ lastPushed: _, ...r }) => r;
  return {
    units: nUnits,
    submissions: lastPushed.length,
    values,
    ours: strip(runs.wranglerDev),
    direct: strip(runs.workerd),
    floorRuns: floors,
    floorSeconds: median(floors),
    floorValuesPerSec: values / median(floors),
  };
}

/** The rows one accepted push writes (worker/src/store/submissions.ts push()), straight into SQLite. */
function sqliteFloor(pushed, parseValue) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chitieu-floor-"));
  try {
    const db = path.join(dir, "floor.sqlite");
    const migDir = path.join(root, "worker/migrations");
    const schema = readdirSync(migDir).filter((f) => f.endsWith(".sql")).sort().map((f) => readFileSync(path.join(migDir, f), "utf8")).join("\n");
    const q = (s) => (s === null ? "NULL" : `'${String(s).replace(/'/g, "''")}'`);
    const setup = [
      "PRAGMA journal_mode=WAL;",
      schema,
      ...[...new Set(pushed.map((p) => p.unit))].map((u) => `INSERT INTO units (code, name, kind) VALUES (${q(u)}, ${q(u)}, 'commune');`),
      // Opened by the administrator before any push, as on the server (a push writes no period row).
      ...[...new Set(pushed.map((p) => p.period))].map((id) => `INSERT INTO periods (id, year, kind) VALUES (${q(id)}, ${Number(id.slice(0, 4))}, 'year');`),
    ].join("\n");
    const now = new Date().toISOString();
    const body = ["PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=ON;"];
    const parsedOf = (c) => {
      if (!VALUE_FIELDS.has(c.field)) return null;
      const r = parseValue(c.raw);
      return r.ok ? JSON.stringify(r.value) : null;
    };
    for (const p of pushed) {
      const id = `sub_${randomUUID().replace(/-/g, "")}`;
      body.push("BEGIN;");
      body.push(
        p.revision === 1
          ? `INSERT INTO reports (form, period, unit, revision, last_submission, updated_at) VALUES ('pl1-xa', ${q(p.period)}, ${q(p.unit)}, 1, ${q(id)}, ${q(now)}) ON CONFLICT (form, period, unit) DO NOTHING;`
          : `UPDATE reports SET revision = revision + 1, last_submission = ${q(id)}, updated_at = ${q(now)} WHERE form = 'pl1-xa' AND period = ${q(p.period)} AND unit = ${q(p.unit)} AND revision = ${p.revision - 1};`,
      );
      body.push(
        `INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at, payload_hash, cell_count, comment, warnings) VALUES (${q(id)}, ${q(p.unit)}, 'pl1-xa', ${q(p.period)}, ${p.revision}, ${p.revision - 1}, ${q(randomUUID())}, 'bench', ${q(now)}, ${q("h".repeat(64))}, ${p.cells.length}, NULL, '[]');`,
      );
      body.push(`INSERT INTO submission_cells (submission, item, field, raw) VALUES ${p.cells.map((c) => `(${q(id)}, ${q(c.item)}, ${q(c.field)}, ${q(c.raw)})`).join(", ")};`);
      body.push(
        `INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision) VALUES ${p.cells
          .map((c) => `('pl1-xa', ${q(p.period)}, ${q(p.unit)}, ${q(c.item)}, ${q(c.field)}, ${q(c.raw)}, ${q(parsedOf(c))}, ${q(id)}, ${p.revision})`)
          .join(", ")} ON CONFLICT (form, period, unit, item, field) DO UPDATE SET raw = excluded.raw, parsed = excluded.parsed, submission_id = excluded.submission_id, revision = excluded.revision WHERE cell_current.raw IS NOT excluded.raw;`,
      );
      body.push("COMMIT;");
    }
    writeFileSync(path.join(dir, "load.sql"), body.join("\n"));
    const s = spawnSync("sqlite3", [db], { input: setup });
    if (s.status !== 0) throw new Error(`sqlite3 setup: ${s.stderr}`);
    const t0 = performance.now();
    const r = spawnSync("sqlite3", [db], { input: readFileSync(path.join(dir, "load.sql")) });
    const secs = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`sqlite3 load: ${r.stderr}`);
    const check = spawnSync("sqlite3", [db, "PRAGMA journal_mode; SELECT count(*) FROM submissions;"], { encoding: "utf8" });
    const [mode, n] = check.stdout.trim().split("\n");
    if (mode !== "wal" || Number(n) !== pushed.length) throw new Error(`floor database: journal_mode ${mode}, ${n} submissions`);
    return secs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printIngest(r) {
  const n = (x) => Math.round(x).toLocaleString("en");
  console.log(`Ingest: ${r.units} units at once × full Phụ lục 1 sheets (63 values each), ${r.submissions} submissions per round`);
  const line = (label, o) =>
    console.log(
      `  ${label} ${n(o.valuesPerSec)} values/s over HTTP (median of ${o.rounds.length} rounds: ${o.rounds.map((x) => n(x.valuesPerSec)).join(", ")}); per submission p50 ${o.p50.toFixed(0)} ms, p99 ${o.p99.toFixed(0)} ms; ${o.refused} refused; local D1 file: ${o.d1JournalMode}`,
    );
  line("ours, wrangler dev          ", r.ours);
  line("ours, workerd (no dev proxy)", r.direct);
  console.log(`  floor ${n(r.floorValuesPerSec)} values/s, the same rows straight into SQLite, WAL + synchronous=FULL as local D1 (median of ${r.floorRuns.length}: ${r.floorRuns.map((s) => `${s.toFixed(2)} s`).join(", ")})`);
  console.log(`  ours/floor: wrangler dev ${(r.ours.valuesPerSec / r.floorValuesPerSec).toFixed(2)}×, workerd ${(r.direct.valuesPerSec / r.floorValuesPerSec).toFixed(2)}× (floor/ours ${(r.floorValuesPerSec / r.ours.valuesPerSec).toFixed(1)}× and ${(r.floorValuesPerSec / r.direct.valuesPerSec).toFixed(1)}×)`);
}

if (import.meta.url === `file://${process.argv[1]}`) printIngest(await benchIngest());

// Ingest: indicator values per second accepted through the real HTTP path (wrangler dev + local D1),
// 50 units pushing full Phụ lục 1 sheets at once, against the floor: the same rows inserted straight into
// SQLite (sqlite3 CLI, same schema, one transaction per submission) on the same machine. Prints figures only.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { root } from "../scripts/lib/proc.mjs";
import { startServer } from "../scripts/lib/server.mjs";
import { client, createUnits, pool } from "../scripts/lib/api.mjs";

const forms = JSON.parse(readFileSync(path.join(root, "shared/forms/forms.json"), "utf8")).forms;
const items = forms.find((f) => f.id === "pl1-xa").rows.filter((r) => r.type === "indicator").map((r) => r.item);

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

export async function benchIngest({ units: nUnits = 50, rounds = 6 } = {}) {
  const srv = await startServer();
  const api = client(srv.url);
  try {
    const units = await createUnits(api, "ingest", nUnits);
    const latencies = [];
    const pushed = [];
    let refused = 0;
    const t0 = performance.now();
    await pool(units, nUnits, async (u, i) => {
      for (let rev = 0; rev < rounds; rev++) {
        const cells = sheet(i * 100 + rev);
        const s0 = performance.now();
        const r = await api("POST", "/api/submissions", {
          token: u.token,
          headers: { "Idempotency-Key": `bench-${randomUUID()}` },
          body: { form: "pl1-xa", period: "2025-N", baseRevision: rev, cells },
        });
        latencies.push(performance.now() - s0);
        if (r.status !== 201) refused++;
        else pushed.push({ unit: u.code, revision: rev + 1, cells });
      }
    });
    const secs = (performance.now() - t0) / 1000;
    const values = pushed.reduce((n, p) => n + p.cells.length, 0);
    const floor = sqliteFloor(pushed);
    return {
      units: nUnits,
      submissions: pushed.length,
      refused,
      values,
      seconds: secs,
      valuesPerSec: values / secs,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      floorSeconds: floor,
      floorValuesPerSec: values / floor,
    };
  } finally {
    await srv.stop();
  }
}

/** The same rows written straight into SQLite: submission, its cells, current values, report revision. */
function sqliteFloor(pushed) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chitieu-floor-"));
  try {
    const db = path.join(dir, "floor.sqlite");
    const migDir = path.join(root, "worker/migrations");
    const schema = readdirSync(migDir).sort().map((f) => readFileSync(path.join(migDir, f), "utf8")).join("\n");
    const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
    const lines = [schema];
    for (const u of new Set(pushed.map((p) => p.unit))) lines.push(`INSERT INTO units (code, name, kind) VALUES (${q(u)}, ${q(u)}, 'commune');`);
    const setup = lines.join("\n");
    const now = new Date().toISOString();
    const body = [];
    for (const p of pushed) {
      const id = `sub_${randomUUID()}`;
      body.push("BEGIN;");
      body.push(
        `INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at, payload_hash, cell_count) VALUES (${q(id)}, ${q(p.unit)}, 'pl1-xa', '2025-N', ${p.revision}, ${p.revision - 1}, ${q(randomUUID())}, 'bench', ${q(now)}, 'h', ${p.cells.length});`,
      );
      body.push(`INSERT INTO submission_cells (submission, item, field, raw) VALUES ${p.cells.map((c) => `(${q(id)}, ${q(c.item)}, ${q(c.field)}, ${q(c.raw)})`).join(", ")};`);
      body.push(
        `INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision) VALUES ${p.cells
          .map((c) => `('pl1-xa', '2025-N', ${q(p.unit)}, ${q(c.item)}, ${q(c.field)}, ${q(c.raw)}, NULL, ${q(id)}, ${p.revision})`)
          .join(", ")} ON CONFLICT (form, period, unit, item, field) DO UPDATE SET raw = excluded.raw, submission_id = excluded.submission_id, revision = excluded.revision;`,
      );
      body.push(
        `INSERT INTO reports (form, period, unit, revision, last_submission, updated_at) VALUES ('pl1-xa', '2025-N', ${q(p.unit)}, ${p.revision}, ${q(id)}, ${q(now)}) ON CONFLICT (form, period, unit) DO UPDATE SET revision = excluded.revision, last_submission = excluded.last_submission;`,
      );
      body.push("COMMIT;");
    }
    writeFileSync(path.join(dir, "setup.sql"), setup);
    writeFileSync(path.join(dir, "load.sql"), body.join("\n"));
    const s = spawnSync("sqlite3", [db], { input: setup });
    if (s.status !== 0) throw new Error(`sqlite3 setup: ${s.stderr}`);
    const t0 = performance.now();
    const r = spawnSync("sqlite3", [db], { input: readFileSync(path.join(dir, "load.sql")) });
    const secs = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`sqlite3 load: ${r.stderr}`);
    return secs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printIngest(r) {
  console.log(`Ingest: ${r.units} units at once × full Phụ lục 1 sheets (63 values each), ${r.submissions} submissions, ${r.refused} refused`);
  console.log(`  ours  ${Math.round(r.valuesPerSec).toLocaleString("en")} values/s over HTTP (${r.seconds.toFixed(1)} s); per submission p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`);
  console.log(`  floor ${Math.round(r.floorValuesPerSec).toLocaleString("en")} values/s straight into SQLite (${r.floorSeconds.toFixed(2)} s, sqlite3 CLI, default pragmas)`);
  console.log(`  floor/ours = ${(r.floorValuesPerSec / r.valuesPerSec).toFixed(1)}×`);
}

if (import.meta.url === `file://${process.argv[1]}`) printIngest(await benchIngest());

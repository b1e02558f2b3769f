// Export: the province-wide merged .xlsx and .csv (Phụ lục I, pl1-tinh) for 200 units × 79 indicators × 6 periods,
// time and size, and how both grow at 1×, 4× and 16× that data. Data is bulk-loaded into the local D1 file
// before the server starts (sqlite3 CLI); the exports go through the real HTTP path. Prints figures only.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../scripts/lib/proc.mjs";
import { startServer } from "../scripts/lib/server.mjs";
import { ADMIN_TOKEN } from "../scripts/lib/api.mjs";

const catalog = JSON.parse(readFileSync(path.join(root, "shared/catalog/catalog.json"), "utf8"));
const PERIODS = ["2025-6T", "2025-N", "2026-6T", "2026-N", "2027-6T", "2027-N"];

function loadSql(units) {
  const keys = catalog.indicators.map((i) => `('${i.key}')`).join(",");
  return `
PRAGMA journal_mode = DELETE;
BEGIN;
CREATE TEMP TABLE k(item TEXT);
INSERT INTO k VALUES ${keys};
CREATE TEMP TABLE p(period TEXT, year INT, kind TEXT);
INSERT INTO p VALUES ${PERIODS.map((x) => `('${x}', ${x.slice(0, 4)}, '${x.endsWith("6T") ? "half" : "year"}')`).join(",")};
INSERT OR IGNORE INTO periods (id, year, kind) SELECT period, year, kind FROM p;
CREATE TEMP TABLE u(code TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${units - 1})
INSERT INTO u SELECT printf('xb-%05d', i) FROM n;
INSERT INTO units (code, name, kind) SELECT code, 'Đơn vị thử ' || code, 'department' FROM u;
INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at, payload_hash, cell_count)
  SELECT 'sub_' || code || '_' || period, code, 'pl1-tinh', period, 1, 0, 'k_' || code || period, 'bench', '2026-01-01T00:00:00Z', 'h', 158 FROM u, p;
INSERT INTO reports (form, period, unit, revision, last_submission, updated_at)
  SELECT 'pl1-tinh', period, code, 1, 'sub_' || code || '_' || period, '2026-01-01T00:00:00Z' FROM u, p;
INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision)
  SELECT 'pl1-tinh', period, code, item, f.field, v || '%', json_object('kind', 'number', 'value', v, 'percent', json('true')), 'sub_' || code || '_' || period, 1
  FROM u, p, k, (SELECT 'actual' AS field UNION ALL SELECT 'projected') AS f, (SELECT abs(random()) % 100 AS v);
COMMIT;
`;
}

async function oneScale(scale) {
  const units = 200 * scale;
  let loadSecs = 0;
  const srv = await startServer({
    beforeStart: async (file) => {
      const t0 = performance.now();
      const r = spawnSync("sqlite3", [file], { input: loadSql(units) });
      if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
      loadSecs = (performance.now() - t0) / 1000;
    },
  });
  try {
    const out = { scale, units, cells: units * PERIODS.length * catalog.indicators.length * 2, loadSecs };
    for (const ext of ["csv", "xlsx"]) {
      let ms = 0;
      let bytes = 0;
      let worst = 0;
      for (const period of PERIODS) {
        const t0 = performance.now();
        const res = await fetch(`${srv.url}/api/merged.${ext}?form=pl1-tinh&period=${period}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
        const buf = new Uint8Array(await res.arrayBuffer());
        const dt = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${ext} ${period}: ${res.status} ${new TextDecoder().decode(buf).slice(0, 200)}`);
        ms += dt;
        worst = Math.max(worst, dt);
        bytes += buf.length;
      }
      out[ext] = { ms, worst, bytes };
    }
    return out;
  } finally {
    await srv.stop();
  }
}

export async function benchExport(scales = [1, 4, 16]) {
  const rows = [];
  for (const s of scales) rows.push(await oneScale(s));
  return rows;
}

export function printExport(rows) {
  console.log("Export: merged Phụ lục I (pl1-tinh), 6 periods, 79 indicators × (actual, projected) per unit");
  const base = rows[0];
  for (const r of rows) {
    const f = (x) => `${(x.ms / 1000).toFixed(2)} s (slowest period ${x.worst.toFixed(0)} ms), ${(x.bytes / 1024).toFixed(0)} KiB`;
    console.log(`  ${String(r.scale).padStart(2)}× ${String(r.units).padStart(5)} units, ${r.cells.toLocaleString("en")} cells (loaded in ${r.loadSecs.toFixed(1)} s)`);
    console.log(`      csv  ${f(r.csv)}   growth ×${(r.csv.ms / base.csv.ms).toFixed(1)} time, ×${(r.csv.bytes / base.csv.bytes).toFixed(1)} size`);
    console.log(`      xlsx ${f(r.xlsx)}   growth ×${(r.xlsx.ms / base.xlsx.ms).toFixed(1)} time, ×${(r.xlsx.bytes / base.xlsx.bytes).toFixed(1)} size`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scales = process.argv.slice(2).map(Number).filter(Boolean);
  printExport(await benchExport(scales.length ? scales : undefined));
}

#!/usr/bin/env node
// Simple load figure: N units push their whole pl1-xa sheet at the same moment; all must be accepted, none lost.
// Needs a seeded worker: `npx wrangler dev --local --port 8799` (after migrations + scripts/seed-local.mjs).
// Usage: node bench/load-simple.mjs [--base http://127.0.0.1:8799] [--units 50] [--period 2026-N]
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const base = arg("base", "http://127.0.0.1:8799");
const nUnits = Number(arg("units", "50"));
const period = arg("period", `20${String(30 + Math.floor(Math.random() * 60)).padStart(2, "0")}-N`);
const ADMIN = "tok_devadmin." + "ad".repeat(16);

async function api(path, { token = ADMIN, method = "GET", body, headers = {} } = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

const form = (await api("/api/forms/pl1-xa")).json;
// Units push only into periods the Sở KH&CN opened.
const opened = await api("/api/admin/periods", { method: "POST", body: { kind: period.endsWith("6T") ? "half" : "year", year: Number(period.slice(0, 4)) } });
if (opened.status !== 201 && opened.status !== 200) throw new Error(`open period ${period}: ${opened.status} ${JSON.stringify(opened.json)}`);
const items = form.rows.filter((r) => r.type === "indicator").map((r) => r.item);

// Units: bench communes created (idempotently) by the admin, each with a fresh token.
console.log(`Preparing ${nUnits} units on ${base} …`);
const units = [];
for (let i = 1; i <= nUnits; i++) {
  const code = `bench-xa-${String(i).padStart(3, "0")}`;
  const u = await api("/api/admin/units", { method: "POST", body: { code, name: `Xã Thử Tải ${i}`, kind: "commune" } });
  if (u.status !== 201) throw new Error(`create unit ${code}: ${u.status} ${JSON.stringify(u.json)}`);
  const t = await api(`/api/admin/units/${code}/tokens`, { method: "POST" });
  units.push({ code, token: t.json.token });
}

const sheet = (i) =>
  items.flatMap((item, k) => [
    { item, field: "actual", raw: `${(i * 7 + k) % 100}%` },
    { item, field: "projected", raw: `${(i * 3 + k) % 100}` },
    { item, field: "note", raw: `Đơn vị ${i}, chỉ tiêu ${item}` },
  ]);

console.log(`Pushing ${nUnits} sheets (${sheet(0).length} cells each) at once, period ${period} …`);
const t0 = performance.now();
const results = await Promise.all(
  units.map(async (u, i) => {
    const start = performance.now();
    const r = await api("/api/submissions", {
      token: u.token,
      method: "POST",
      body: { form: "pl1-xa", period, baseRevision: null, cells: sheet(i) },
      headers: { "Idempotency-Key": `bench-${period}-${u.code}` },
    });
    return { ...r, ms: performance.now() - start, unit: u.code };
  }),
);
const wall = performance.now() - t0;

const byStatus = {};
for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
const lat = results.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)].toFixed(0);

// None lost: every unit's current values hold exactly what it sent.
let cellsOk = 0;
for (const [i, u] of units.entries()) {
  const cur = await api(`/api/current?form=pl1-xa&period=${period}&unit=${u.code}`);
  const want = sheet(i);
  const got = new Map(cur.json.cells.map((c) => [`${c.item}|${c.field}`, c.raw]));
  if (cur.json.revision === 1 && want.every((c) => got.get(`${c.item}|${c.field}`) === c.raw) && got.size === want.length) cellsOk++;
}
const comp = (await api(`/api/completeness?form=pl1-xa&period=${period}`)).json;
const benchSubmitted = comp.rows.filter((r) => r.unit.startsWith("bench-xa-") && r.submitted).length;

console.log(`statuses: ${JSON.stringify(byStatus)}`);
console.log(`accepted: ${byStatus[201] ?? 0}/${nUnits}; units whose stored sheet matches exactly: ${cellsOk}/${nUnits}; completeness shows ${benchSubmitted} submitted`);
console.log(`latency ms: p50 ${pct(50)}, p99 ${pct(99)}, max ${lat[lat.length - 1].toFixed(0)}; wall ${wall.toFixed(0)} ms for all ${nUnits}`);
const failed = results.filter((r) => r.status !== 201);
if (failed.length) console.log("failures:", failed.slice(0, 5).map((f) => `${f.unit} ${f.status} ${JSON.stringify(f.json).slice(0, 200)}`));
const okCount = results.filter((r) => r.status === 201 || (r.status === 200 && r.json.replayed)).length;
process.exit(okCount === nUnits && cellsOk === nUnits ? 0 : 1);

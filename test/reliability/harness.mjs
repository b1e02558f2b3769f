// Shared pieces of the reliability suite: one real local server (wrangler dev + local D1), an API client,
// units with tokens created through the admin API, and realistic submissions built from the form definitions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { root } from "../../scripts/lib/proc.mjs";

export { startServer } from "../../scripts/lib/server.mjs";

export { ADMIN_TOKEN, VIEWER_TOKEN, client, pool, createUnits } from "../../scripts/lib/api.mjs";
import { ADMIN_TOKEN } from "../../scripts/lib/api.mjs";

const formsJson = JSON.parse(readFileSync(path.join(root, "shared/forms/forms.json"), "utf8"));
export const forms = formsJson.forms;
export const form = (id) => forms.find((f) => f.id === id);

/** A full commune Phụ lục 1 (every indicator row, actual + projected), values varying with `seed`. */
export function communeCells(seed) {
  const f = form("pl1-xa");
  const cells = [];
  let k = 0;
  for (const r of f.rows) {
    if (r.type !== "indicator") continue;
    k += 1;
    const v = (seed * 7 + k * 13) % 100;
    cells.push({ item: r.item, field: "actual", raw: `${v},${seed % 10}%` });
    cells.push({ item: r.item, field: "projected", raw: `${Math.min(100, v + 5)}%` });
  }
  return cells;
}

export function submission(cells, { form: formId = "pl1-xa", period = "2025-N", baseRevision = 0 } = {}) {
  return { form: formId, period, baseRevision, cells };
}

export const newKey = () => `rel-${randomUUID()}`;

/** What the admin can see of the whole database: used to prove "nothing changed". */
export async function fingerprint(api) {
  const subs = await api("GET", "/api/submissions", { token: ADMIN_TOKEN });
  const units = await api("GET", "/api/admin/units", { token: ADMIN_TOKEN });
  if (subs.status !== 200 || units.status !== 200) throw new Error(`fingerprint: ${subs.status}/${units.status}`);
  return JSON.stringify({
    submissions: subs.json.submissions.map((s) => [s.id, s.revision, s.status]).sort(),
    units: units.json.units.map((u) => [u.code, u.active]).sort(),
  });
}

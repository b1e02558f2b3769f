// Shared pieces of the reliability suite: one real local server (wrangler dev + local D1), an API client,
// units with tokens created through the admin API, and realistic submissions built from the form definitions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { root } from "../../scripts/lib/proc.mjs";

export { startServer } from "../../scripts/lib/server.mjs";

export const ADMIN_TOKEN = `tok_devadmin.${"ad".repeat(16)}`;
export const VIEWER_TOKEN = `tok_devviewer.${"be".repeat(16)}`;

const formsJson = JSON.parse(readFileSync(path.join(root, "shared/forms/forms.json"), "utf8"));
export const forms = formsJson.forms;
export const form = (id) => forms.find((f) => f.id === id);

/** A fetch wrapper that never throws on HTTP status; network errors come back as {status: 0}. */
export function client(base) {
  return async function api(method, url, { token, body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h["Content-Type"] = "application/json";
    }
    try {
      const res = await fetch(base + url, { method, headers: h, body: payload });
      const text = await res.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json, text, headers: res.headers };
    } catch (e) {
      return { status: 0, json: null, text: String(e), headers: new Headers() };
    }
  };
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return out;
}

/** Creates `n` units of a kind with one token each, through the admin API. */
export async function createUnits(api, prefix, n, kind = "commune") {
  return pool(
    Array.from({ length: n }, (_, i) => i),
    16,
    async (i) => {
      const code = `${prefix}-${String(i).padStart(4, "0")}`;
      const u = await api("POST", "/api/admin/units", { token: ADMIN_TOKEN, body: { code, name: `Đơn vị thử ${prefix} ${i}`, kind } });
      if (u.status !== 201) throw new Error(`tạo đơn vị ${code}: ${u.status} ${u.text}`);
      const t = await api("POST", `/api/admin/units/${code}/tokens`, { token: ADMIN_TOKEN, body: {} });
      if (t.status !== 201) throw new Error(`tạo mã ${code}: ${t.status} ${t.text}`);
      return { code, token: t.json.token, tokenId: t.json.id };
    },
  );
}

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

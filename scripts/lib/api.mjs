// A small HTTP client for the local server, shared by the reliability suite and the benchmarks:
// never throws on HTTP status, creates units and tokens through the admin API, bounded concurrency.
export const ADMIN_TOKEN = `tok_devadmin.${"ad".repeat(16)}`;
export const VIEWER_TOKEN = `tok_devviewer.${"be".repeat(16)}`;

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


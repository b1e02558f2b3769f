// A small HTTP client for the local server, shared by the reliability suite and the benchmarks:
// never throws on HTTP status, creates units and tokens through the admin API, bounded concurrency.
import http from "node:http";

export const ADMIN_TOKEN = `tok_devadmin.${"ad".repeat(16)}`;
export const VIEWER_TOKEN = `tok_devviewer.${"be".repeat(16)}`;

/**
 * Simultaneous TCP connections to the local server. wrangler dev's ProxyWorker loses requests ("Network connection
 * lost" → 503 "Your worker restarted mid-request") with a few hundred open connections, and now and then with 100
 * while the machine is busy, on this 2-core machine
 * (upstream: cloudflare/workers-sdk#14641, #15252); production Workers have no such proxy. Requests are still all
 * issued at once and queue on these sockets, as they would behind any browser or proxy.
 */
export const MAX_SOCKETS = 32;
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });

/**
 * How often the dev proxy asked for a request to be sent again. Its 503 says "Your worker restarted mid-request.
 * Please try sending the request again" (and Retry-After: 0); the worker itself never answers 503. Every push carries
 * an Idempotency-Key, so sending it again is exactly what the add-in's outbox does. Counted and printed, never hidden.
 */
export const devProxy = { retries: 0, resets: 0 };
const DEV_PROXY_RESTART = "Your worker restarted mid-request";
/**
 * A kept-alive socket that the dev proxy closed while a request was being written fails with ECONNRESET/EPIPE before
 * any answer (the usual keep-alive race, worse on a loaded machine). Only requests that are safe to repeat are sent
 * again: reads, and writes that carry an Idempotency-Key (which is what the add-in's outbox relies on). Counted.
 */
const RESET = /ECONNRESET|EPIPE|socket hang up/;
const repeatable = (method, opts) => method === "GET" || !!(opts.headers && opts.headers["Idempotency-Key"]);

/** An HTTP client that never throws on HTTP status; network errors come back as {status: 0}. */
export function client(base) {
  const once = request(base);
  return async function api(method, url, opts = {}) {
    let r = await once(method, url, opts);
    for (let attempt = 1; attempt < 4; attempt++) {
      if (r.status === 503 && r.text.startsWith(DEV_PROXY_RESTART)) devProxy.retries += 1;
      else if (r.status === 0 && RESET.test(r.text) && repeatable(method, opts)) devProxy.resets += 1;
      else break;
      await new Promise((res) => setTimeout(res, 50 * attempt));
      r = await once(method, url, opts);
    }
    return r;
  };
}

function request(base) {
  return function api(method, url, { token, body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (raw !== undefined) payload = typeof raw === "string" ? Buffer.from(raw) : Buffer.from(raw);
    else if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      h["Content-Type"] = "application/json";
    }
    if (payload) h["Content-Length"] = String(payload.length);
    return new Promise((resolve) => {
      const fail = (e) => resolve({ status: 0, json: null, text: String(e), headers: new Headers() });
      let req;
      try {
        req = http.request(new URL(base + url), { method, headers: h, agent }, (res) => {
          const chunks = [];
          res.on("data", (d) => chunks.push(d));
          res.on("error", fail);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json = null;
            try {
              json = JSON.parse(text);
            } catch {
              /* not JSON */
            }
            const hs = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") hs.set(k, v);
            resolve({ status: res.statusCode ?? 0, json, text, headers: hs });
          });
        });
      } catch (e) {
        fail(e); // e.g. a header value Node refuses to send
        return;
      }
      req.on("error", fail);
      req.end(payload);
    });
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
      // No body: the route reads none, and workerd without wrangler's dev proxy closes a kept-alive connection whose
      // request body was left unread, which the next request on it meets as "socket hang up".
      const t = await api("POST", `/api/admin/units/${code}/tokens`, { token: ADMIN_TOKEN });
      if (t.status !== 201) throw new Error(`tạo mã ${code}: ${t.status} ${t.text}`);
      return { code, token: t.json.token, tokenId: t.json.id };
    },
  );
}


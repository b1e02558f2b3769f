// Headers on every response the worker itself makes (the API, the / redirect). The add-in's static files get
// theirs from addin/public/_headers.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

/** An API answer is data, never a page: nothing may run or be framed from it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  let res = c.res;
  const set = (name: string, value: string, onlyIfAbsent = false) => {
    if (onlyIfAbsent && res.headers.has(name)) return;
    try {
      res.headers.set(name, value);
    } catch {
      // Immutable headers (a response passed through from elsewhere): copy it once, then set.
      res = new Response(res.body, res);
      res.headers.set(name, value);
    }
  };
  set("X-Content-Type-Options", "nosniff");
  set("Referrer-Policy", "no-referrer");
  if (c.req.path.startsWith("/api/") || c.req.path === "/api") {
    // Unit data (values, receipts, tokens, exports) must not stay in a browser's or proxy's cache. A route that
    // wants revalidation instead (the catalog, with its ETag) sets its own Cache-Control.
    set("Cache-Control", "no-store", true);
    set("Content-Security-Policy", API_CSP, true);
  }
  if (res !== c.res) c.res = res;
};

// Shared test helpers: seed like local dev, call the worker through its real fetch handler.
import { env, exports } from "cloudflare:workers";
import { catalog } from "../../shared/catalog/index.js";
import { forms } from "../../shared/forms/index.js";
import { DEV_TOKENS, devToken, seed, unitCode } from "../../worker/src/seed.js";

export const ADMIN = devToken(DEV_TOKENS.admin);
export const VIEWER = devToken(DEV_TOKENS.viewer);
/** Phường Hạc Thành (the first sample commune). */
export const XA = devToken(DEV_TOKENS.commune);
/** Sở Khoa học và Công nghệ (the first catalog agency). */
export const SO = devToken(DEV_TOKENS.department);
export const XA_CODE = unitCode("Phường Hạc Thành");
export const SO_CODE = unitCode("Sở Khoa học và Công nghệ");

let seeded = false;
export async function seedOnce(): Promise<void> {
  if (seeded) return;
  await seed(env.DB, catalog, forms);
  seeded = true;
}

export interface CallInit {
  method?: string;
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  key?: string | null;
  headers?: Record<string, string>;
}

let keyCounter = 0;
export const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

export async function call(path: string, init: CallInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers["Authorization"] = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  if (method === "POST" && path === "/api/submissions" && init.key !== null) headers["Idempotency-Key"] = init.key ?? newKey();
  return exports.default.fetch(new Request(`https://chi-tieu.test${path}`, { method, headers, body }));
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function count(table: string): Promise<number> {
  const r = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return r?.n ?? 0;
}

export async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["submissions", "submission_cells", "cell_current", "reports", "submission_reviews", "catalog_edits", "target_overrides"]) {
    out[t] = await count(t);
  }
  return out;
}

export function push(token: string, body: Record<string, unknown>, key?: string) {
  return call("/api/submissions", { token, body: { baseRevision: null, ...body }, key: key ?? newKey() });
}

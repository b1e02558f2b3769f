// Bindings (wrangler.toml) and per-request variables shared by every route.
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Comma-separated origins allowed by CORS; the add-in itself is same-origin. */
  ALLOWED_ORIGINS?: string;
  /** Workers Rate Limiting binding, keyed by token (wrangler.toml). Absent → no limit. */
  WRITE_LIMIT?: RateLimit;
}

export type Role = "unit" | "admin" | "viewer";
export type UnitKind = "department" | "commune" | "admin" | "viewer";

/** Who is calling, resolved from the bearer token by auth.ts. */
export interface Caller {
  tokenId: string;
  unit: string;
  unitName: string;
  kind: UnitKind;
  role: Role;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { caller: Caller };
}

// Bindings (wrangler.toml) and per-request variables shared by every route.
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Comma-separated origins allowed by CORS; the add-in itself is same-origin. */
  ALLOWED_ORIGINS?: string;
  /** Workers Rate Limiting binding, keyed by token (wrangler.toml). Absent → no limit. */
  WRITE_LIMIT?: RateLimit;
}

/** What a caller may do: report its own figures ("unit"), read merged tables ("viewer"), administer ("admin"). */
export type Role = "unit" | "admin" | "viewer";
/** The broad audience of a unit: any provincial unit is "department"; communes/wards; the two staff kinds. */
export type UnitKind = "department" | "commune" | "admin" | "viewer";
/** What a unit is, as the registry sheet shows it (sở/ngành, cơ quan Đảng, Mặt trận/đoàn thể, đơn vị khác, xã/phường). */
export type UnitCategory = "commune" | "department" | "party" | "mass" | "other" | "staff";

/** Capabilities come from the unit (units.can_*), not from its kind: a Party office may report and read. */
export interface Capabilities {
  report: boolean;
  view: boolean;
  admin: boolean;
}

/** Who is calling, resolved from the bearer token by auth.ts. */
export interface Caller {
  tokenId: string;
  unit: string;
  unitName: string;
  kind: UnitKind;
  category: UnitCategory;
  /** The strongest role, for clients that show one: admin, else unit (reports), else viewer. */
  role: Role;
  can: Capabilities;
}

export interface AppEnv {
  Bindings: Env;
  Variables: { caller: Caller };
}

// Tokens "tok_<id>.<secret hex>": the id finds the row, the secret's SHA-256 is compared in constant time.
import { randomHex, sha256Hex, timingSafeEqualHex } from "../crypto.js";
import type { Caller, Capabilities, Role, UnitCategory, UnitKind } from "../env.js";

export const TOKEN_RE = /^tok_([A-Za-z0-9]{1,32})\.([0-9a-f]{32,128})$/;

export function roleForKind(kind: UnitKind): Role {
  return kind === "admin" ? "admin" : kind === "viewer" ? "viewer" : "unit";
}

/** The role a client shows for a unit's capabilities. */
export function primaryRole(can: Capabilities): Role {
  return can.admin ? "admin" : can.report ? "unit" : "viewer";
}

interface TokenRow {
  id: string;
  unit: string;
  hash: string;
  revoked_at: string | null;
  name: string;
  kind: UnitKind;
  category: UnitCategory;
  active: number;
  can_report: number;
  can_view: number;
  can_admin: number;
}

/** The caller for a presented token, or null when missing/forged/revoked/inactive. */
export async function verifyToken(db: D1Database, token: string): Promise<Caller | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const [, id, secret] = m as unknown as [string, string, string];
  const presented = await sha256Hex(secret);
  const row = await db
    .prepare(
      `SELECT t.id, t.unit, t.hash, t.revoked_at, u.name, u.kind, u.category, u.active, u.can_report, u.can_view, u.can_admin
         FROM tokens t JOIN units u ON u.code = t.unit WHERE t.id = ?1`,
    )
    .bind(id)
    .first<TokenRow>();
  // Compare even when the row is missing, so timing does not reveal which ids exist.
  const ok = timingSafeEqualHex(presented, row?.hash ?? "0".repeat(64));
  if (!row || !ok || row.revoked_at !== null || row.active !== 1) return null;
  // What the caller may do is read from the unit on every request, so a change in the registry applies at once.
  const can = { report: row.can_report === 1, view: row.can_view === 1 || row.can_admin === 1, admin: row.can_admin === 1 };
  return { tokenId: row.id, unit: row.unit, unitName: row.name, kind: row.kind, category: row.category, role: primaryRole(can), can };
}

export interface NewToken {
  id: string;
  token: string;
  unit: string;
  role: Role;
  createdAt: string;
}

/** Statement inserting a token with a given id and secret (dev seeding uses fixed values). */
export async function tokenInsert(
  db: D1Database,
  unit: string,
  kind: UnitKind,
  opts: { id?: string; secret?: string; label?: string; createdBy?: string; orIgnore?: boolean } = {},
): Promise<{ stmt: D1PreparedStatement; token: NewToken }> {
  const id = opts.id ?? randomHex(8);
  const secret = opts.secret ?? randomHex(32);
  const hash = await sha256Hex(secret);
  const createdAt = new Date().toISOString();
  const role = roleForKind(kind);
  const stmt = db
    .prepare(
      `INSERT ${opts.orIgnore ? "OR IGNORE " : ""}INTO tokens (id, unit, hash, role, label, created_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
    )
    .bind(id, unit, hash, role, opts.label ?? null, createdAt, opts.createdBy ?? null);
  return { stmt, token: { id, token: `tok_${id}.${secret}`, unit, role, createdAt } };
}

export function revokeStmt(db: D1Database, where: { id?: string; unit?: string }, by: string): D1PreparedStatement {
  const now = new Date().toISOString();
  return where.id
    ? db.prepare("UPDATE tokens SET revoked_at = ?1, revoked_by = ?2 WHERE id = ?3 AND revoked_at IS NULL").bind(now, by, where.id)
    : db.prepare("UPDATE tokens SET revoked_at = ?1, revoked_by = ?2 WHERE unit = ?3 AND revoked_at IS NULL").bind(now, by, where.unit ?? "");
}

export interface TokenInfo {
  id: string;
  unit: string;
  role: Role;
  label: string | null;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** A unit's tokens for the admin: ids and history, never the hash. */
export async function listTokens(db: D1Database, unit: string): Promise<TokenInfo[]> {
  const r = await db
    .prepare("SELECT id, unit, role, label, created_at, created_by, revoked_at, revoked_by FROM tokens WHERE unit = ?1 ORDER BY created_at, id")
    .bind(unit)
    .all<TokenInfo>();
  return r.results;
}

// Units (reporting departments, Party offices, mass organisations, communes/wards, and the two staff accounts),
// what each may do, and the catalog agency names each answers for.
import type { UnitCategory, UnitKind } from "../env.js";

export interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  category: UnitCategory;
  active: number;
  province_code: string;
  can_report: number;
  can_view: number;
  can_admin: number;
  contact_name: string | null;
  phone: string | null;
  email: string | null;
  successor: string | null;
  note: string | null;
}

const COLS = "code, name, kind, category, active, province_code, can_report, can_view, can_admin, contact_name, phone, email, successor, note";

export function getUnit(db: D1Database, code: string): Promise<UnitRow | null> {
  return db.prepare(`SELECT ${COLS} FROM units WHERE code = ?1`).bind(code).first<UnitRow>();
}

export async function listUnits(db: D1Database, kinds?: UnitKind[]): Promise<UnitRow[]> {
  const all = (await db.prepare(`SELECT ${COLS} FROM units ORDER BY kind, name`).all<UnitRow>()).results;
  return kinds ? all.filter((u) => kinds.includes(u.kind)) : all;
}

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  category?: UnitCategory | undefined;
  active?: boolean | undefined;
  canReport?: boolean | undefined;
  canView?: boolean | undefined;
  canAdmin?: boolean | undefined;
}

/** The capabilities a unit of a kind gets when none are given. */
export function defaultCapabilities(kind: UnitKind): { report: boolean; view: boolean; admin: boolean } {
  return { report: kind === "department" || kind === "commune", view: kind === "admin" || kind === "viewer", admin: kind === "admin" };
}

export function defaultCategory(kind: UnitKind): UnitCategory {
  return kind === "commune" ? "commune" : kind === "department" ? "department" : "staff";
}

export function unitUpsert(db: D1Database, u: UnitInput, orIgnore = false) {
  const d = defaultCapabilities(u.kind);
  const b = (v: boolean | undefined, dflt: boolean) => ((v ?? dflt) ? 1 : 0);
  const args = [u.code, u.name, u.kind, u.category ?? defaultCategory(u.kind), u.active === false ? 0 : 1, b(u.canReport, d.report), b(u.canView, d.view), b(u.canAdmin, d.admin)];
  const insert = "INTO units (code, name, kind, category, active, can_report, can_view, can_admin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  return orIgnore
    ? db.prepare(`INSERT OR IGNORE ${insert}`).bind(...args)
    : db
        .prepare(
          `INSERT ${insert}
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, category = excluded.category, active = excluded.active,
             can_report = excluded.can_report, can_view = excluded.can_view, can_admin = excluded.can_admin,
             updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
        )
        .bind(...args);
}

/** unit code → the catalog agency names it answers for. */
export async function unitAgencies(db: D1Database): Promise<Map<string, string[]>> {
  const rows = (await db.prepare("SELECT unit, agency FROM unit_agencies ORDER BY unit, agency").all<{ unit: string; agency: string }>()).results;
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.unit);
    if (list) list.push(r.agency);
    else out.set(r.unit, [r.agency]);
  }
  return out;
}

export async function agenciesOf(db: D1Database, unit: string): Promise<string[]> {
  return (await db.prepare("SELECT agency FROM unit_agencies WHERE unit = ?1 ORDER BY agency").bind(unit).all<{ agency: string }>()).results.map((r) => r.agency);
}

// The unit registry as one versioned document: read it as sheet rows, compare a pushed sheet with it, apply it in one
// atomic batch with a history row (registry_versions) that holds what changed and the whole registry after it.
import { kindOfCategory, type RegistryUnit } from "../../../shared/registry/index.js";
import { listUnits, unitAgencies, type UnitRow } from "./units.js";

export async function registryVersion(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT coalesce(max(id), 0) AS v FROM registry_versions").first<{ v: number }>())?.v ?? 0;
}

const nz = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

export function toRegistryUnit(u: UnitRow, agencies: string[]): RegistryUnit {
  return {
    code: u.code,
    name: u.name,
    category: u.category,
    agencies: [...agencies].sort(),
    canReport: u.can_report === 1,
    canView: u.can_view === 1,
    canAdmin: u.can_admin === 1,
    active: u.active === 1,
    contactName: u.contact_name,
    phone: u.phone,
    email: u.email,
    successor: u.successor,
    note: u.note,
  };
}

/** The registry as rows of the sheet: communes last, then by name (the order a person scans). */
export async function readRegistry(db: D1Database): Promise<RegistryUnit[]> {
  const [units, agencies] = await Promise.all([listUnits(db), unitAgencies(db)]);
  const order = { staff: 0, department: 1, party: 2, mass: 3, other: 4, commune: 5 } as const;
  return units
    .map((u) => toRegistryUnit(u, agencies.get(u.code) ?? []))
    .sort((a, b) => order[a.category] - order[b.category] || a.name.localeCompare(b.name, "vi"));
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
export interface RegistryDiff {
  added: RegistryUnit[];
  changed: { unit: RegistryUnit; changes: FieldChange[] }[];
  unchanged: number;
  /** Units in the database the sheet does not list: left as they are (a registry push never deletes a unit). */
  notInSheet: { code: string; name: string }[];
}

const FIELDS = ["name", "category", "agencies", "canReport", "canView", "canAdmin", "active", "contactName", "phone", "email", "successor", "note"] as const;

function norm(u: RegistryUnit, f: (typeof FIELDS)[number]): unknown {
  const v = u[f];
  if (f === "agencies") return [...(v as string[])].sort().join("\u001f");
  if (typeof v === "string" || v === null || v === undefined) return nz(v as string | null | undefined);
  return v;
}

export function diffRegistry(current: RegistryUnit[], sheet: RegistryUnit[]): RegistryDiff {
  const byCode = new Map(current.map((u) => [u.code, u]));
  const seen = new Set<string>();
  const diff: RegistryDiff = { added: [], changed: [], unchanged: 0, notInSheet: [] };
  for (const u of sheet) {
    if (seen.has(u.code)) continue;
    seen.add(u.code);
    const old = byCode.get(u.code);
    if (!old) {
      diff.added.push(u);
      continue;
    }
    const changes: FieldChange[] = [];
    for (const f of FIELDS) {
      if (norm(old, f) !== norm(u, f)) changes.push({ field: f, before: old[f] ?? null, after: u[f] ?? null });
    }
    if (changes.length) diff.changed.push({ unit: u, changes });
    else diff.unchanged++;
  }
  for (const u of current) if (!seen.has(u.code)) diff.notInSheet.push({ code: u.code, name: u.name });
  return diff;
}

/**
 * Writes the added and changed units, their agency mappings and the version row in ONE batch. The version row's id is
 * baseVersion + 1 and is written first: if another push landed meanwhile, its primary key fails and the whole batch
 * rolls back (the caller answers 409).
 */
export async function applyRegistry(db: D1Database, baseVersion: number, diff: RegistryDiff, by: string, snapshot: RegistryUnit[]): Promise<number> {
  const version = baseVersion + 1;
  const now = new Date().toISOString();
  const summary = {
    added: diff.added.map((u) => u.code),
    changed: diff.changed.map((c) => ({ code: c.unit.code, fields: c.changes })),
    unchanged: diff.unchanged,
    notInSheet: diff.notInSheet.length,
  };
  const stmts: D1PreparedStatement[] = [
    db.prepare("INSERT INTO registry_versions (id, by_token, at, summary, snapshot) VALUES (?1, ?2, ?3, ?4, ?5)").bind(version, by, now, JSON.stringify(summary), JSON.stringify(snapshot)),
  ];
  for (const u of [...diff.added, ...diff.changed.map((c) => c.unit)]) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO units (code, name, kind, category, active, can_report, can_view, can_admin, contact_name, phone, email, successor, note, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, category = excluded.category,
             active = excluded.active, can_report = excluded.can_report, can_view = excluded.can_view, can_admin = excluded.can_admin,
             contact_name = excluded.contact_name, phone = excluded.phone, email = excluded.email, successor = excluded.successor,
             note = excluded.note, updated_at = excluded.updated_at`,
        )
        .bind(
          u.code,
          u.name.trim(),
          kindOfCategory(u.category, u.canAdmin),
          u.category,
          u.active ? 1 : 0,
          u.canReport ? 1 : 0,
          u.canView || u.canAdmin ? 1 : 0,
          u.canAdmin ? 1 : 0,
          nz(u.contactName),
          nz(u.phone),
          nz(u.email),
          nz(u.successor),
          nz(u.note),
          now,
        ),
    );
    stmts.push(db.prepare("DELETE FROM unit_agencies WHERE unit = ?1").bind(u.code));
    if (u.agencies.length) {
      stmts.push(
        db
          .prepare("INSERT OR IGNORE INTO unit_agencies (unit, agency) SELECT ?1, value FROM json_each(?2)")
          .bind(u.code, JSON.stringify([...new Set(u.agencies.map((a) => a.trim()))])),
      );
    }
  }
  await db.batch(stmts);
  return version;
}

export interface RegistryVersionRow {
  id: number;
  by_token: string;
  at: string;
  summary: string;
}

export async function registryHistory(db: D1Database, limit = 50): Promise<RegistryVersionRow[]> {
  return (await db.prepare("SELECT id, by_token, at, summary FROM registry_versions ORDER BY id DESC LIMIT ?1").bind(limit).all<RegistryVersionRow>()).results;
}

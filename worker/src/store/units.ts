// Units (reporting departments/communes and the two staff accounts).
import type { UnitKind } from "../env.js";

export interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  active: number;
  province_code: string;
}

export function getUnit(db: D1Database, code: string): Promise<UnitRow | null> {
  return db.prepare("SELECT code, name, kind, active, province_code FROM units WHERE code = ?1").bind(code).first<UnitRow>();
}

export async function listUnits(db: D1Database, kinds?: UnitKind[]): Promise<UnitRow[]> {
  const all = (await db.prepare("SELECT code, name, kind, active, province_code FROM units ORDER BY kind, name").all<UnitRow>()).results;
  return kinds ? all.filter((u) => kinds.includes(u.kind)) : all;
}

export function unitUpsert(db: D1Database, u: { code: string; name: string; kind: UnitKind; active?: boolean }, orIgnore = false) {
  return orIgnore
    ? db.prepare("INSERT OR IGNORE INTO units (code, name, kind, active) VALUES (?1, ?2, ?3, ?4)").bind(u.code, u.name, u.kind, u.active === false ? 0 : 1)
    : db
        .prepare(
          `INSERT INTO units (code, name, kind, active) VALUES (?1, ?2, ?3, ?4)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, active = excluded.active`,
        )
        .bind(u.code, u.name, u.kind, u.active === false ? 0 : 1);
}

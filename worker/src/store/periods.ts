// Periods and their lock history.
export interface PeriodRow {
  id: string;
  year: number;
  half: "6T" | "N";
  locked: number;
  locked_by: string | null;
  locked_at: string | null;
}

export function splitPeriod(id: string): { year: number; half: "6T" | "N" } {
  const [y, h] = id.split("-");
  return { year: Number(y), half: h === "6T" ? "6T" : "N" };
}

export function getPeriod(db: D1Database, id: string): Promise<PeriodRow | null> {
  return db.prepare("SELECT * FROM periods WHERE id = ?1").bind(id).first<PeriodRow>();
}

export async function listPeriods(db: D1Database): Promise<PeriodRow[]> {
  return (await db.prepare("SELECT * FROM periods ORDER BY year, half DESC").all<PeriodRow>()).results;
}

export async function setLocked(db: D1Database, id: string, locked: boolean, by: string): Promise<void> {
  const { year, half } = splitPeriod(id);
  const now = new Date().toISOString();
  await db.batch([
    db.prepare("INSERT OR IGNORE INTO periods (id, year, half) VALUES (?1, ?2, ?3)").bind(id, year, half),
    db
      .prepare("UPDATE periods SET locked = ?2, locked_by = ?3, locked_at = ?4 WHERE id = ?1")
      .bind(id, locked ? 1 : 0, by, now),
    db.prepare("INSERT INTO period_events (period, action, by_token, at) VALUES (?1, ?2, ?3, ?4)").bind(id, locked ? "lock" : "unlock", by, now),
  ]);
}

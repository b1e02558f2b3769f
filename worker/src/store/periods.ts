// Reporting periods: opened by the Sở KH&CN (with due date and cut-off), locked and unlocked, every change in period_events.
import {
  defaultCutoffDate,
  defaultDueDate,
  parsePeriod,
  periodLabel,
  periodOrder,
  type PeriodKind,
} from "../../../shared/periods/index.js";
import type { PeriodInfo } from "../../../shared/schemas/index.js";
import { daysBetween } from "../../../shared/time.js";

export interface PeriodRow {
  id: string;
  year: number;
  kind: PeriodKind;
  seq: number;
  label: string | null;
  due_date: string | null;
  cutoff_date: string | null;
  /** JSON array of form ids, or null for the default cadence. */
  forms: string | null;
  locked: number;
  locked_by: string | null;
  locked_at: string | null;
  opened_by: string | null;
  opened_at: string;
}

export function getPeriod(db: D1Database, id: string): Promise<PeriodRow | null> {
  return db.prepare("SELECT * FROM periods WHERE id = ?1").bind(id).first<PeriodRow>();
}

export async function listPeriods(db: D1Database): Promise<PeriodRow[]> {
  const rows = (await db.prepare("SELECT * FROM periods").all<PeriodRow>()).results;
  return rows.sort((a, b) => periodOrder(b.id) - periodOrder(a.id));
}

export function formsOf(row: Pick<PeriodRow, "forms">): string[] | null {
  if (!row.forms) return null;
  try {
    const v: unknown = JSON.parse(row.forms);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;
  } catch {
    return null;
  }
}

/** What the API returns for a period: the label people read, dates, state, days left in Vietnam time. */
export function periodInfo(row: PeriodRow, today: string): PeriodInfo {
  const daysLeft = row.due_date ? daysBetween(today, row.due_date) : null;
  return {
    id: row.id,
    kind: row.kind,
    year: row.year,
    label: row.label ?? periodLabel(row.id),
    dueDate: row.due_date,
    cutoffDate: row.cutoff_date,
    forms: formsOf(row),
    locked: row.locked === 1,
    lockedAt: row.locked_at,
    openedAt: row.opened_at,
    daysLeft,
  };
}

/**
 * The period a unit most likely reports now: the open period whose due date is nearest and not past; else the open
 * period that was due last (a late report is still a report); null when nothing is open.
 */
export function currentPeriod(rows: PeriodInfo[], today: string): string | null {
  const open = rows.filter((p) => !p.locked);
  const upcoming = open.filter((p) => p.dueDate && p.dueDate >= today).sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : 1));
  if (upcoming[0]) return upcoming[0].id;
  const past = open.filter((p) => p.dueDate).sort((a, b) => (a.dueDate! > b.dueDate! ? -1 : 1));
  return past[0]?.id ?? open[0]?.id ?? null;
}

export interface OpenPeriodInput {
  id: string;
  label?: string | null | undefined;
  dueDate?: string | null | undefined;
  cutoffDate?: string | null | undefined;
  forms?: string[] | null | undefined;
  by: string;
}

/** Opens a period (idempotent: opening an open period changes nothing). Returns whether it was created. */
export async function openPeriod(db: D1Database, p: OpenPeriodInput): Promise<boolean> {
  const ref = parsePeriod(p.id);
  if (!ref) throw new Error(`bad period id ${p.id}`);
  const now = new Date().toISOString();
  const due = p.dueDate ?? defaultDueDate(p.id);
  const cutoff = p.cutoffDate ?? defaultCutoffDate(p.id);
  const forms = p.forms && p.forms.length ? JSON.stringify(p.forms) : null;
  const res = await db.batch([
    db
      .prepare(
        `INSERT INTO periods (id, year, kind, seq, label, due_date, cutoff_date, forms, opened_by, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO NOTHING`,
      )
      .bind(p.id, ref.year, ref.kind, ref.seq, p.label ?? null, due, cutoff, forms, p.by, now),
    db
      .prepare("INSERT INTO period_events (period, action, detail, by_token, at) SELECT ?1, 'open', ?2, ?3, ?4 WHERE changes() = 1")
      .bind(p.id, JSON.stringify({ dueDate: due, cutoffDate: cutoff, forms: p.forms ?? null, label: p.label ?? null }), p.by, now),
  ]);
  return (res[0]?.meta.changes ?? 0) > 0; // D1 also counts the dataset-revision trigger's row (migration 0006)
}

/** Changes label, dates or forms of an open period, with the old and new values in the history. */
export async function editPeriod(
  db: D1Database,
  id: string,
  patch: { label?: string | null | undefined; dueDate?: string | null | undefined; cutoffDate?: string | null | undefined; forms?: string[] | null | undefined },
  by: string,
): Promise<void> {
  const old = await getPeriod(db, id);
  if (!old) return;
  const next = {
    label: patch.label === undefined ? old.label : patch.label,
    due_date: patch.dueDate === undefined ? old.due_date : patch.dueDate,
    cutoff_date: patch.cutoffDate === undefined ? old.cutoff_date : patch.cutoffDate,
    forms: patch.forms === undefined ? old.forms : patch.forms && patch.forms.length ? JSON.stringify(patch.forms) : null,
  };
  const now = new Date().toISOString();
  await db.batch([
    db.prepare("UPDATE periods SET label = ?2, due_date = ?3, cutoff_date = ?4, forms = ?5 WHERE id = ?1").bind(id, next.label, next.due_date, next.cutoff_date, next.forms),
    db
      .prepare("INSERT INTO period_events (period, action, detail, by_token, at) VALUES (?1, 'edit', ?2, ?3, ?4)")
      .bind(id, JSON.stringify({ before: { label: old.label, dueDate: old.due_date, cutoffDate: old.cutoff_date, forms: old.forms }, after: next }), by, now),
  ]);
}

/** Locks or unlocks an opened period; returns false when the period was never opened. */
export async function setLocked(db: D1Database, id: string, locked: boolean, by: string): Promise<boolean> {
  const now = new Date().toISOString();
  const res = await db.batch([
    db.prepare("UPDATE periods SET locked = ?2, locked_by = ?3, locked_at = ?4 WHERE id = ?1").bind(id, locked ? 1 : 0, by, now),
    db
      .prepare("INSERT INTO period_events (period, action, by_token, at) SELECT ?1, ?2, ?3, ?4 WHERE changes() = 1")
      .bind(id, locked ? "lock" : "unlock", by, now),
  ]);
  return (res[0]?.meta.changes ?? 0) > 0; // D1 also counts the dataset-revision trigger's row (migration 0006)
}

export interface PeriodEvent {
  period: string;
  action: string;
  detail: string | null;
  by_token: string | null;
  at: string;
}

export async function periodEvents(db: D1Database, id: string): Promise<PeriodEvent[]> {
  return (await db.prepare("SELECT period, action, detail, by_token, at FROM period_events WHERE period = ?1 ORDER BY id").bind(id).all<PeriodEvent>()).results;
}

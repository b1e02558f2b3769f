// The write path: one atomic DB.batch() per accepted push (D1 has no BEGIN/COMMIT).
// Optimistic concurrency: a conditional UPDATE of reports.revision followed by a guard statement
// that raises an error (json('…') on a non-JSON string) when no row changed, which rolls back the batch.
import type { Issue, Receipt, ReviewState, SubmissionStatus } from "../../../shared/schemas/index.js";

export interface StoredCell {
  item: string;
  field: string;
  raw: string;
  /** Value columns: the cell's reading with its version (worker/src/reading.ts `storeReading`); null for text columns. */
  parsed: string | null;
}

export interface PushInput {
  id: string;
  unit: string;
  form: string;
  period: string;
  baseRevision: number | null;
  idempotencyKey: string;
  tokenId: string;
  payloadHash: string;
  comment: string | null;
  warnings: Issue[];
  cells: StoredCell[];
  now: string;
}

export interface SubmissionRow {
  id: string;
  unit: string;
  form: string;
  period: string;
  revision: number;
  base_revision: number | null;
  idempotency_key: string;
  created_by: string;
  created_at: string;
  payload_hash: string;
  cell_count: number;
  comment: string | null;
  warnings: string;
  status: SubmissionStatus;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export function receiptFrom(row: SubmissionRow, replayed: boolean): Receipt {
  return {
    id: row.id,
    unit: row.unit,
    form: row.form,
    period: row.period,
    revision: row.revision,
    baseRevision: row.base_revision,
    status: row.status,
    receivedAt: row.created_at,
    payloadHash: row.payload_hash,
    cellCount: row.cell_count,
    warnings: JSON.parse(row.warnings) as Issue[],
    replayed,
  };
}

export function findByKey(db: D1Database, unit: string, key: string): Promise<SubmissionRow | null> {
  return db.prepare("SELECT * FROM submissions WHERE unit = ?1 AND idempotency_key = ?2").bind(unit, key).first<SubmissionRow>();
}

export interface PushContext {
  seen: SubmissionRow | null;
  unit: { code: string; name: string; kind: string; active: number; can_report: number } | null;
  /** null when the Sở KH&CN has not opened this period. */
  period: { locked: number; forms: string | null; label: string | null } | null;
  previous: { item: string; field: string; raw: string }[];
  /** The catalog agency names the unit answers for (lead-agency warnings). */
  agencies: string[];
  revision: number;
  /** Commune forms: the departments' Phụ lục I actuals of the period, with the agencies each unit answers for. */
  province: { unit: string; item: string; raw: string }[];
  provinceAgencies: Map<string, string[]>;
}

/**
 * Everything a push needs to read first, in one round trip (a read-only batch). `provinceForm` (commune pushes): the
 * provincial form whose actuals of the same period are the province figures for the `above_province` check.
 */
export async function pushContext(
  db: D1Database,
  unit: string,
  key: string,
  form: string,
  period: string,
  prevPeriod: string | null,
  provinceForm: string | null = null,
): Promise<PushContext> {
  const [seen, u, p, prev, ag, rev, prov, provAg] = await db.batch([
    db.prepare("SELECT * FROM submissions WHERE unit = ?1 AND idempotency_key = ?2").bind(unit, key),
    db.prepare("SELECT code, name, kind, active, can_report FROM units WHERE code = ?1").bind(unit),
    db.prepare("SELECT locked, forms, label FROM periods WHERE id = ?1").bind(period),
    db.prepare("SELECT item, field, raw FROM cell_current WHERE form = ?1 AND period = ?2 AND unit = ?3").bind(form, prevPeriod ?? "", unit),
    db.prepare("SELECT agency FROM unit_agencies WHERE unit = ?1").bind(unit),
    db.prepare("SELECT revision FROM reports WHERE form = ?1 AND period = ?2 AND unit = ?3").bind(form, period, unit),
    db.prepare("SELECT unit, item, raw FROM cell_current WHERE form = ?1 AND period = ?2 AND field = 'actual'").bind(provinceForm ?? "", period),
    db
      .prepare("SELECT unit, agency FROM unit_agencies WHERE unit IN (SELECT DISTINCT unit FROM cell_current WHERE form = ?1 AND period = ?2)")
      .bind(provinceForm ?? "", period),
  ]);
  const provinceAgencies = new Map<string, string[]>();
  for (const r of (provAg?.results ?? []) as { unit: string; agency: string }[]) {
    const list = provinceAgencies.get(r.unit);
    if (list) list.push(r.agency);
    else provinceAgencies.set(r.unit, [r.agency]);
  }
  return {
    province: (prov?.results ?? []) as PushContext["province"],
    provinceAgencies,
    seen: (seen?.results[0] as SubmissionRow | undefined) ?? null,
    unit: (u?.results[0] as PushContext["unit"] | undefined) ?? null,
    period: (p?.results[0] as PushContext["period"] | undefined) ?? null,
    previous: (prev?.results ?? []) as PushContext["previous"],
    agencies: ((ag?.results ?? []) as { agency: string }[]).map((r) => r.agency),
    revision: (rev?.results[0] as { revision: number } | undefined)?.revision ?? 0,
  };
}

export function getSubmission(db: D1Database, id: string): Promise<SubmissionRow | null> {
  return db.prepare("SELECT * FROM submissions WHERE id = ?1").bind(id).first<SubmissionRow>();
}

export async function currentRevision(db: D1Database, form: string, period: string, unit: string): Promise<number> {
  const r = await db
    .prepare("SELECT revision FROM reports WHERE form = ?1 AND period = ?2 AND unit = ?3")
    .bind(form, period, unit)
    .first<{ revision: number }>();
  return r?.revision ?? 0;
}

export interface CurrentCellRow {
  item: string;
  field: string;
  raw: string;
  parsed: string | null;
  revision: number;
  unit: string;
  submission_id: string;
}

/** A current cell as the merge reads it: unit, item, field, raw, parsed (arrays: no object per row, 5 columns of 7). */
export type MergeCell = [unit: string, item: string, field: string, raw: string, parsed: string | null];

/** A form's current cells in a period; with `items`, only those rows' (through migrations/0007's index). */
export function mergeCells(db: D1Database, form: string, period: string, items?: readonly string[]): Promise<MergeCell[]> {
  if (!items) {
    return db.prepare("SELECT unit, item, field, raw, parsed FROM cell_current WHERE form = ?1 AND period = ?2").bind(form, period).raw<MergeCell>();
  }
  // INDEXED BY: without statistics SQLite prefers the primary key's (form, period) prefix and filters every cell.
  return db
    .prepare(
      `SELECT unit, item, field, raw, parsed FROM cell_current INDEXED BY cell_current_by_item
        WHERE form = ?1 AND period = ?2 AND item IN (SELECT value FROM json_each(?3))`,
    )
    .bind(form, period, JSON.stringify(items))
    .raw<MergeCell>();
}

/** The dataset's revision (migrations/0006): it changes with every write to what a merge or an export reads. */
export interface DatasetRevision {
  /** Counts changes (shown in a header); the key is the stamp, random at every change (see the migration). */
  revision: number;
  stamp: string;
}

const DATASET_REVISION_SQL = "SELECT revision, stamp FROM dataset_revision WHERE id = 1";
// A database without migration 0006 cannot say when it changed: a stamp nobody else has, so nothing is reused.
const unknownRevision = (): DatasetRevision => ({ revision: -1, stamp: crypto.randomUUID() });

export async function datasetRevision(db: D1Database): Promise<DatasetRevision> {
  return (await db.prepare(DATASET_REVISION_SQL).first<DatasetRevision>()) ?? unknownRevision();
}

/**
 * The stamps of the rows of some forms in a period (migrations/0008), read in one snapshot with the dataset's
 * revision, so a merge can tell afterwards whether anything was written while it read.
 */
export async function itemStamps(db: D1Database, forms: readonly string[], period: string): Promise<{ dataset: string; stamps: Map<string, string> }> {
  const [ds, rows] = await db.batch([
    db.prepare(DATASET_REVISION_SQL),
    db.prepare("SELECT form, item, stamp FROM item_stamps WHERE form IN (SELECT value FROM json_each(?1)) AND period = ?2").bind(JSON.stringify(forms), period),
  ]);
  const stamps = new Map<string, string>();
  for (const r of (rows?.results ?? []) as { form: string; item: string; stamp: string }[]) stamps.set(`${r.form}\u001f${r.item}`, r.stamp);
  return { dataset: ((ds?.results[0] as DatasetRevision | undefined) ?? unknownRevision()).stamp, stamps };
}

/** The units that have any cell of a form in a period (the primary key's prefix answers it without reading cells). */
export async function unitsWithCells(db: D1Database, form: string, period: string): Promise<string[]> {
  const rows = await db.prepare("SELECT DISTINCT unit FROM cell_current WHERE form = ?1 AND period = ?2").bind(form, period).raw<[string]>();
  return rows.map((r) => r[0]);
}

export async function currentCells(db: D1Database, form: string, period: string, unit?: string): Promise<CurrentCellRow[]> {
  const stmt = unit
    ? db
        .prepare(
          "SELECT unit, item, field, raw, parsed, revision, submission_id FROM cell_current WHERE form = ?1 AND period = ?2 AND unit = ?3 ORDER BY item, field",
        )
        .bind(form, period, unit)
    : db
        .prepare("SELECT unit, item, field, raw, parsed, revision, submission_id FROM cell_current WHERE form = ?1 AND period = ?2 ORDER BY unit, item, field")
        .bind(form, period);
  return (await stmt.all<CurrentCellRow>()).results;
}

/**
 * Writes one push atomically (one DB.batch()). Returns false, having written nothing, when the period is locked
 * or the base is stale; the caller re-reads to tell which.
 *
 * No statement is made to fail on purpose: the report row is claimed with a conditional write, and every later
 * statement only acts if that claim landed (reports.last_submission = this id). A stale base is an expected outcome
 * (two devices of one unit), not an error: a deliberately failing batch would roll back just as well, but would be
 * counted and logged by D1 as a failed query on every conflict.
 */
export async function push(db: D1Database, p: PushInput): Promise<boolean> {
  const first = !p.baseRevision;
  const revision = (p.baseRevision ?? 0) + 1;
  const cellsJson = JSON.stringify(p.cells);
  const claimed = `EXISTS (SELECT 1 FROM reports WHERE form = ?1 AND period = ?2 AND unit = ?3 AND last_submission = ?4)`;
  // Only periods the Sở KH&CN opened take pushes: a missing period row makes the claim below write nothing.
  const stmts: D1PreparedStatement[] = [
    first
      ? db
          .prepare(
            `INSERT INTO reports (form, period, unit, revision, last_submission, updated_at)
             SELECT ?1, ?2, ?3, 1, ?4, ?5 WHERE (SELECT locked FROM periods WHERE id = ?2) = 0
             ON CONFLICT (form, period, unit) DO NOTHING`,
          )
          .bind(p.form, p.period, p.unit, p.id, p.now)
      : db
          .prepare(
            `UPDATE reports SET revision = revision + 1, last_submission = ?4, updated_at = ?5
              WHERE form = ?1 AND period = ?2 AND unit = ?3 AND revision = ?6
                AND (SELECT locked FROM periods WHERE id = ?2) = 0`,
          )
          .bind(p.form, p.period, p.unit, p.id, p.now, p.baseRevision),
    db
      .prepare(
        `INSERT INTO submissions (id, unit, form, period, revision, base_revision, idempotency_key, created_by, created_at,
                                  payload_hash, cell_count, comment, warnings)
         SELECT ?4, ?3, ?1, ?2, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 WHERE ${claimed}`,
      )
      .bind(
        p.form,
        p.period,
        p.unit,
        p.id,
        revision,
        p.baseRevision,
        p.idempotencyKey,
        p.tokenId,
        p.now,
        p.payloadHash,
        p.cells.length,
        p.comment,
        JSON.stringify(p.warnings),
      ),
    // Bulk writes through one JSON parameter: D1 allows only 100 bound parameters per statement.
    db
      .prepare(
        `INSERT INTO submission_cells (submission, item, field, raw)
         SELECT ?4, json_extract(value, '$.item'), json_extract(value, '$.field'), json_extract(value, '$.raw')
           FROM json_each(?5) WHERE ${claimed}`,
      )
      .bind(p.form, p.period, p.unit, p.id, cellsJson),
    // The push is the unit's whole sheet: cells it no longer carries are removed from the current view.
    db
      .prepare(
        `DELETE FROM cell_current WHERE form = ?1 AND period = ?2 AND unit = ?3 AND ${claimed}
           AND item || char(31) || field NOT IN
               (SELECT json_extract(value, '$.item') || char(31) || json_extract(value, '$.field') FROM json_each(?5))`,
      )
      .bind(p.form, p.period, p.unit, p.id, cellsJson),
    // Keep a cell's revision where it last changed (unchanged cells keep their older revision); a reading stored under
    // older rules is refreshed without counting as a change.
    db
      .prepare(
        `INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision)
         SELECT ?1, ?2, ?3, json_extract(value, '$.item'), json_extract(value, '$.field'), json_extract(value, '$.raw'),
                json_extract(value, '$.parsed'), ?4, ?6
           FROM json_each(?5) WHERE ${claimed}
         ON CONFLICT (form, period, unit, item, field) DO UPDATE
            SET raw = excluded.raw, parsed = excluded.parsed,
                submission_id = CASE WHEN cell_current.raw IS NOT excluded.raw THEN excluded.submission_id ELSE cell_current.submission_id END,
                revision = CASE WHEN cell_current.raw IS NOT excluded.raw THEN excluded.revision ELSE cell_current.revision END
          WHERE cell_current.raw IS NOT excluded.raw OR cell_current.parsed IS NOT excluded.parsed`,
      )
      .bind(p.form, p.period, p.unit, p.id, cellsJson, revision),
  ];
  const results = await db.batch(stmts);
  // > 0, not === 1: D1 counts the rows the dataset-revision triggers (migration 0006) change too.
  return (results[0]?.meta.changes ?? 0) > 0;
}

export interface HistoryQuery {
  form?: string;
  period?: string;
  unit?: string;
}

export async function listSubmissions(db: D1Database, q: HistoryQuery): Promise<SubmissionRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const [col, v] of [
    ["form", q.form],
    ["period", q.period],
    ["unit", q.unit],
  ] as const) {
    if (v) {
      args.push(v);
      where.push(`${col} = ?${args.length}`);
    }
  }
  const sql = `SELECT * FROM submissions ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
               ORDER BY created_at DESC, revision DESC LIMIT 1000`;
  return (await db.prepare(sql).bind(...args).all<SubmissionRow>()).results;
}

export async function submissionCells(db: D1Database, id: string): Promise<{ item: string; field: string; raw: string }[]> {
  return (
    await db.prepare("SELECT item, field, raw FROM submission_cells WHERE submission = ?1 ORDER BY item, field").bind(id).all<{
      item: string;
      field: string;
      raw: string;
    }>()
  ).results;
}

export interface ReviewRow {
  id: number;
  submission: string;
  old_status: string;
  new_status: string;
  comment: string | null;
  by_token: string;
  at: string;
}

export async function reviewsOf(db: D1Database, ids: string[]): Promise<ReviewRow[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .prepare("SELECT * FROM submission_reviews WHERE submission IN (SELECT value FROM json_each(?1)) ORDER BY id")
      .bind(JSON.stringify(ids))
      .all<ReviewRow>()
  ).results;
}

/**
 * Status change + its history row (+ the notes on cells when returning) in one batch; the UPDATE only fires if the old
 * status is still current, and the guard fails the batch otherwise (the caller answers 409).
 */
export async function review(
  db: D1Database,
  id: string,
  oldStatus: SubmissionStatus,
  status: SubmissionStatus,
  comment: string | null,
  by: string,
  notes: { item: string; field: string; note: string }[] = [],
) {
  const now = new Date().toISOString();
  const stmts: D1PreparedStatement[] = [
    db
      .prepare("UPDATE submissions SET status = ?2, review_comment = ?3, reviewed_by = ?4, reviewed_at = ?5 WHERE id = ?1 AND status = ?6")
      .bind(id, status, comment, by, now, oldStatus),
    db.prepare("SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('stale_status') END"),
    db
      .prepare("INSERT INTO submission_reviews (submission, old_status, new_status, comment, by_token, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(id, oldStatus, status, comment, by, now),
  ];
  if (notes.length) {
    // A second "trả lại" of the same submission replaces its notes; the review history row keeps the comment.
    stmts.push(db.prepare("DELETE FROM review_notes WHERE submission = ?1").bind(id));
    stmts.push(
      db
        .prepare(
          `INSERT INTO review_notes (submission, item, field, note, by_token, at)
           SELECT ?1, json_extract(value, '$.item'), json_extract(value, '$.field'), json_extract(value, '$.note'), ?2, ?3 FROM json_each(?4)`,
        )
        .bind(id, by, now, JSON.stringify(notes)),
    );
  }
  await db.batch(stmts);
}

export async function reviewNotes(db: D1Database, submission: string): Promise<{ item: string; field: string; note: string }[]> {
  return (
    await db.prepare("SELECT item, field, note FROM review_notes WHERE submission = ?1 ORDER BY item, field").bind(submission).all<{ item: string; field: string; note: string }>()
  ).results;
}

/** The review state of a report's latest submission, or null when nothing was sent. */
export async function latestReview(db: D1Database, form: string, period: string, unit: string): Promise<ReviewState | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.revision, s.status, s.review_comment, s.reviewed_at FROM reports r JOIN submissions s ON s.id = r.last_submission
        WHERE r.form = ?1 AND r.period = ?2 AND r.unit = ?3`,
    )
    .bind(form, period, unit)
    .first<{ id: string; revision: number; status: SubmissionStatus; review_comment: string | null; reviewed_at: string | null }>();
  if (!row) return null;
  return {
    submission: row.id,
    revision: row.revision,
    status: row.status,
    comment: row.review_comment,
    at: row.reviewed_at,
    notes: row.status === "returned" ? await reviewNotes(db, row.id) : [],
  };
}

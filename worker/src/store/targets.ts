// Plan target corrections: current override per (indicator, year) plus an append-only edit history.
export interface TargetOverrideRow {
  indicator: string;
  year: number;
  text: string;
  parsed: string;
  edit_id: number;
  source: string | null;
}

export interface CatalogEditRow {
  id: number;
  indicator: string;
  year: number;
  old_text: string;
  new_text: string;
  reason: string;
  by_token: string;
  at: string;
  source: string | null;
}

export async function listOverrides(db: D1Database): Promise<TargetOverrideRow[]> {
  return (await db.prepare("SELECT * FROM target_overrides ORDER BY indicator, year").all<TargetOverrideRow>()).results;
}

export async function listEdits(db: D1Database, indicator?: string): Promise<CatalogEditRow[]> {
  const stmt = indicator
    ? db.prepare("SELECT * FROM catalog_edits WHERE indicator = ?1 ORDER BY id").bind(indicator)
    : db.prepare("SELECT * FROM catalog_edits ORDER BY id");
  return (await stmt.all<CatalogEditRow>()).results;
}

/** The edit row and the override in one batch; the override points at the edit that set it. */
export async function editTarget(
  db: D1Database,
  e: { indicator: string; year: number; oldText: string; newText: string; parsed: string; reason: string; by: string; source?: string | null },
): Promise<number> {
  const now = new Date().toISOString();
  const res = await db.batch<{ id: number }>([
    db
      .prepare("INSERT INTO catalog_edits (indicator, year, old_text, new_text, reason, by_token, at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id")
      .bind(e.indicator, e.year, e.oldText, e.newText, e.reason, e.by, now, e.source ?? null),
    db
      .prepare(
        `INSERT INTO target_overrides (indicator, year, text, parsed, edit_id, source)
         VALUES (?1, ?2, ?3, ?4, (SELECT max(id) FROM catalog_edits), ?5)
         ON CONFLICT (indicator, year) DO UPDATE SET text = excluded.text, parsed = excluded.parsed, edit_id = excluded.edit_id, source = excluded.source`,
      )
      .bind(e.indicator, e.year, e.newText, e.parsed, e.source ?? null),
  ]);
  return res[0]?.results[0]?.id ?? 0;
}

/** Cheap fingerprint of all target edits, part of the catalog ETag. */
export async function editsFingerprint(db: D1Database): Promise<string> {
  const r = await db.prepare("SELECT count(*) AS n, coalesce(max(id), 0) AS m FROM catalog_edits").first<{ n: number; m: number }>();
  return `${r?.n ?? 0}.${r?.m ?? 0}`;
}

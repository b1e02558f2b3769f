// Reads for the task-progress form (tiendo-nv) across periods: CT.TASKSTATUS asks for a task's latest status.
export interface TaskCellRow {
  period: string;
  unit: string;
  item: string;
  field: string;
  raw: string;
}

/** Every current cell of `form` for the given items (task keys), in every period: one query, the keys as one JSON parameter. */
export async function taskCellsAllPeriods(db: D1Database, form: string, items: string[], fields: readonly string[]): Promise<TaskCellRow[]> {
  if (items.length === 0) return [];
  return (
    await db
      .prepare(
        `SELECT period, unit, item, field, raw FROM cell_current
          WHERE form = ?1 AND item IN (SELECT value FROM json_each(?2)) AND field IN (SELECT value FROM json_each(?3))`,
      )
      .bind(form, JSON.stringify(items), JSON.stringify(fields))
      .all<TaskCellRow>()
  ).results;
}

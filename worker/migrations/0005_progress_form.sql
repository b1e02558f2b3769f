-- The task-progress form (tiendo-nv, kind 'progress': the plan's Phụ lục II–IV tasks, a status per task; see
-- docs/TASKS.md). The forms table's CHECK names the kinds, and SQLite changes a CHECK only by rebuilding the table.
-- Nothing references forms (it only mirrors shared/forms for SQL), so a plain copy-and-swap is enough.
CREATE TABLE forms_new (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('indicators', 'tasks', 'progress')),
  audience      TEXT NOT NULL CHECK (audience IN ('department', 'commune')),
  title         TEXT NOT NULL DEFAULT ''
);
INSERT INTO forms_new (id, kind, audience, title) SELECT id, kind, audience, title FROM forms;
DROP TABLE forms;
ALTER TABLE forms_new RENAME TO forms;

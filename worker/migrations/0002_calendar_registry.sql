-- The reporting calendar (periods opened by the Sở KH&CN, with kinds, due dates and cut-offs) and the unit
-- registry (kinds beyond department/commune, roles by unit, contacts, successors, and the explicit mapping of
-- catalog agency names each unit answers for). See docs/CALENDAR.md and docs/WORKER.md.

-- ---------------------------------------------------------------------------------------------------------
-- Periods: "2025-T03" month, "2025-Q2" quarter, "2025-6T" half year, "2025-N" year, "2025-DX1" ad hoc.
-- A unit can push only into a period that exists here (opened); locked = 1 refuses pushes (423).
-- D1 keeps foreign keys on, and dropping a parent table whose rows are referenced fails even when deferred, so the
-- child (period_events) is rebuilt first against the new table, then the old pair is dropped child-first.
CREATE TABLE periods_new (
  id            TEXT PRIMARY KEY,
  year          INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'half', 'year', 'adhoc')),
  seq           INTEGER NOT NULL DEFAULT 1,
  -- What people read; null = the standard label from shared/periods (ad-hoc reports may carry their own title).
  label         TEXT,
  -- Vietnam calendar dates 'YYYY-MM-DD': last day to submit, and "số liệu tính đến ngày".
  due_date      TEXT,
  cutoff_date   TEXT,
  -- JSON array of form ids due in this period; null = the default cadence (shared/periods FORM_CADENCE).
  forms         TEXT,
  province_code TEXT NOT NULL DEFAULT '38',
  locked        INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  locked_by     TEXT,
  locked_at     TEXT,
  opened_by     TEXT,
  opened_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO periods_new (id, year, kind, seq, due_date, cutoff_date, province_code, locked, locked_by, locked_at)
  SELECT id, year, CASE half WHEN '6T' THEN 'half' ELSE 'year' END, 1,
         CASE half WHEN '6T' THEN year || '-06-14' ELSE year || '-11-24' END,
         CASE half WHEN '6T' THEN year || '-05-31' ELSE year || '-11-14' END,
         province_code, locked, locked_by, locked_at
    FROM periods;

-- Every open/lock/unlock/edit, so a period's state never changes without history.
CREATE TABLE period_events_new (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  period     TEXT NOT NULL REFERENCES periods_new (id),
  action     TEXT NOT NULL CHECK (action IN ('open', 'lock', 'unlock', 'edit')),
  detail     TEXT,
  by_token   TEXT,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO period_events_new (id, period, action, by_token, at) SELECT id, period, action, by_token, at FROM period_events;
DROP TABLE period_events;
DROP TABLE periods;
-- Renaming the parent rewrites the child's REFERENCES clause to the new name.
ALTER TABLE periods_new RENAME TO periods;
ALTER TABLE period_events_new RENAME TO period_events;

-- ---------------------------------------------------------------------------------------------------------
-- Units. `kind` stays the broad audience (department = any provincial unit, commune, and the two staff kinds);
-- `category` says what the unit is; the can_* columns say what it may do (a Party office can report AND read
-- merged tables). Units are referenced by tokens, reports and submissions, so the table is extended, not rebuilt.
ALTER TABLE units ADD COLUMN category TEXT NOT NULL DEFAULT 'department'
  CHECK (category IN ('commune', 'department', 'party', 'mass', 'other', 'staff'));
ALTER TABLE units ADD COLUMN can_report INTEGER NOT NULL DEFAULT 1 CHECK (can_report IN (0, 1));
ALTER TABLE units ADD COLUMN can_view INTEGER NOT NULL DEFAULT 0 CHECK (can_view IN (0, 1));
ALTER TABLE units ADD COLUMN can_admin INTEGER NOT NULL DEFAULT 0 CHECK (can_admin IN (0, 1));
ALTER TABLE units ADD COLUMN contact_name TEXT;
ALTER TABLE units ADD COLUMN phone TEXT;
ALTER TABLE units ADD COLUMN email TEXT;
-- A commune merged into another in the 2025 reorganisation points at the unit that now reports for it.
ALTER TABLE units ADD COLUMN successor TEXT;
ALTER TABLE units ADD COLUMN note TEXT;
ALTER TABLE units ADD COLUMN updated_at TEXT;
UPDATE units SET
  category   = CASE kind WHEN 'commune' THEN 'commune' WHEN 'department' THEN 'department' ELSE 'staff' END,
  can_report = CASE WHEN kind IN ('department', 'commune') THEN 1 ELSE 0 END,
  can_view   = CASE WHEN kind IN ('admin', 'viewer') THEN 1 ELSE 0 END,
  can_admin  = CASE WHEN kind = 'admin' THEN 1 ELSE 0 END;

-- The catalog agency names ("Sở Thông tin và Truyền thông", "UBND các xã, phường"…) a unit answers for, as written
-- in the indicator and task catalogs. Lead-agency matching goes through this table, never through name slugs.
CREATE TABLE unit_agencies (
  unit    TEXT NOT NULL REFERENCES units (code),
  agency  TEXT NOT NULL,
  PRIMARY KEY (unit, agency)
) WITHOUT ROWID;
CREATE INDEX unit_agencies_by_agency ON unit_agencies (agency);

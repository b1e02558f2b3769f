-- Chỉ tiêu: initial schema. Plain SQL, applied by `wrangler d1 migrations apply chi-tieu`.
-- Times are ISO-8601 UTC text. Every table carries province_code (Thanh Hóa = '38'):
-- the seam for sharding one database (or Durable Object) per province later, see docs/WORKER.md.

-- Reporting units and the two staff roles (admin = Sở KH&CN, viewer = leadership).
CREATE TABLE units (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('department', 'commune', 'admin', 'viewer')),
  province_code TEXT NOT NULL DEFAULT '38',
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Bearer tokens "tok_<id>.<secret>": only the SHA-256 of the secret is stored.
CREATE TABLE tokens (
  id          TEXT PRIMARY KEY,
  unit        TEXT NOT NULL REFERENCES units (code),
  hash        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('unit', 'admin', 'viewer')),
  label       TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by  TEXT,
  revoked_at  TEXT,
  revoked_by  TEXT
);
CREATE INDEX tokens_by_unit ON tokens (unit);

-- Form definitions live in code (shared/forms); this table lets SQL join and constrain on them.
CREATE TABLE forms (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('indicators', 'tasks')),
  audience      TEXT NOT NULL CHECK (audience IN ('department', 'commune')),
  title         TEXT NOT NULL DEFAULT ''
);

-- Reporting periods "2025-6T" (6 tháng) / "2025-N" (cả năm). A locked period refuses pushes (423).
CREATE TABLE periods (
  id            TEXT PRIMARY KEY,
  year          INTEGER NOT NULL,
  half          TEXT NOT NULL CHECK (half IN ('6T', 'N')),
  province_code TEXT NOT NULL DEFAULT '38',
  locked        INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  locked_by     TEXT,
  locked_at     TEXT
);
-- Every lock/unlock, so the current flag is never changed without history.
CREATE TABLE period_events (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  period     TEXT NOT NULL REFERENCES periods (id),
  action     TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
  by_token   TEXT,
  at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One row per (form, period, unit): the revision counter that optimistic concurrency compares
-- against the pushed baseRevision (conditional UPDATE + guard inside one DB.batch()).
CREATE TABLE reports (
  form            TEXT NOT NULL,
  period          TEXT NOT NULL,
  unit            TEXT NOT NULL REFERENCES units (code),
  province_code   TEXT NOT NULL DEFAULT '38',
  revision        INTEGER NOT NULL,
  last_submission TEXT,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (form, period, unit)
);

-- Append-only log: one row per accepted push. Never updated except the denormalised review status,
-- whose every change is recorded in submission_reviews.
CREATE TABLE submissions (
  id              TEXT PRIMARY KEY,
  province_code   TEXT NOT NULL DEFAULT '38',
  unit            TEXT NOT NULL REFERENCES units (code),
  form            TEXT NOT NULL,
  period          TEXT NOT NULL,
  revision        INTEGER NOT NULL,
  base_revision   INTEGER,
  idempotency_key TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  payload_hash    TEXT NOT NULL,
  cell_count      INTEGER NOT NULL,
  comment         TEXT,
  warnings        TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  review_comment  TEXT,
  reviewed_by     TEXT,
  reviewed_at     TEXT,
  UNIQUE (unit, idempotency_key),
  UNIQUE (form, period, unit, revision)
);
CREATE INDEX submissions_by_report ON submissions (form, period, unit, revision);

CREATE TABLE submission_reviews (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  submission  TEXT NOT NULL REFERENCES submissions (id),
  old_status  TEXT NOT NULL,
  new_status  TEXT NOT NULL,
  comment     TEXT,
  by_token    TEXT NOT NULL,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX submission_reviews_by_submission ON submission_reviews (submission);

-- The cells of every submission, as sent (non-blank ones), so any revision can be rebuilt.
CREATE TABLE submission_cells (
  submission TEXT NOT NULL REFERENCES submissions (id),
  item       TEXT NOT NULL,
  field      TEXT NOT NULL,
  raw        TEXT NOT NULL,
  PRIMARY KEY (submission, item, field)
) WITHOUT ROWID;

-- Materialised latest values per unit (what merged views read). `revision` = the revision in which
-- the cell last changed; `parsed` = JSON of shared/values ParsedValue (indicator value columns only).
CREATE TABLE cell_current (
  form          TEXT NOT NULL,
  period        TEXT NOT NULL,
  unit          TEXT NOT NULL,
  item          TEXT NOT NULL,
  field         TEXT NOT NULL,
  raw           TEXT NOT NULL,
  parsed        TEXT,
  submission_id TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  PRIMARY KEY (form, period, unit, item, field)
) WITHOUT ROWID;

-- Plan target corrections by the Sở KH&CN: the current override per (indicator, year) ...
CREATE TABLE target_overrides (
  indicator     TEXT NOT NULL,
  year          INTEGER NOT NULL,
  province_code TEXT NOT NULL DEFAULT '38',
  text          TEXT NOT NULL,
  parsed        TEXT NOT NULL,
  edit_id       INTEGER NOT NULL,
  PRIMARY KEY (indicator, year)
);
-- ... and every edit with the old and new printed text, who, when and why.
CREATE TABLE catalog_edits (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  indicator   TEXT NOT NULL,
  year        INTEGER NOT NULL,
  old_text    TEXT NOT NULL,
  new_text    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  by_token    TEXT NOT NULL,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX catalog_edits_by_indicator ON catalog_edits (indicator, year);

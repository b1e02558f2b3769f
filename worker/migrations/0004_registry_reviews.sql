-- The unit registry as a versioned sheet, review notes on exact cells, and the source document of a settled target.

-- One row per accepted registry push: the version a push must build on (optimistic concurrency: a push names the
-- version it read, and the new row's id is that + 1, so two concurrent pushes cannot both land), what changed, and
-- the whole registry after it (history you can read back).
CREATE TABLE registry_versions (
  id        INTEGER PRIMARY KEY,
  by_token  TEXT NOT NULL,
  at        TEXT NOT NULL,
  summary   TEXT NOT NULL,
  snapshot  TEXT NOT NULL
);

-- The Sở KH&CN's notes on exact cells when it returns a submission ("trả lại"); a resubmission starts clean, the old
-- notes stay with the submission they were written on.
CREATE TABLE review_notes (
  submission TEXT NOT NULL REFERENCES submissions (id),
  item       TEXT NOT NULL,
  field      TEXT NOT NULL,
  note       TEXT NOT NULL,
  by_token   TEXT NOT NULL,
  at         TEXT NOT NULL,
  PRIMARY KEY (submission, item, field)
) WITHOUT ROWID;

-- Which document settled a doubtful target ("Công văn số 123/SKHCN ngày 5/3/2026").
ALTER TABLE catalog_edits ADD COLUMN source TEXT;
ALTER TABLE target_overrides ADD COLUMN source TEXT;

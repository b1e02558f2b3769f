-- submissions_by_report indexed (form, period, unit, revision), which the UNIQUE (form, period, unit, revision)
-- constraint of submissions already indexes (SQLite creates sqlite_autoindex_submissions_2 for it). Every push
-- paid for writing both. Queries that filtered by report use the constraint's index instead (same columns, same order).
DROP INDEX IF EXISTS submissions_by_report;

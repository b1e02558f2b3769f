-- Exports read a form's cells a few indicators at a time (worker/src/merge.ts, "pages"), so that a table of thousands
-- of units never has all its cells in a Worker's 128 MB at once. The primary key (form, period, unit, item, field)
-- cannot find one indicator's cells without reading the whole (form, period); this index can. A push that only changes
-- values does not touch it (the indexed columns are part of the cell's identity); only a cell a unit fills for the
-- first time adds an entry.
CREATE INDEX cell_current_by_item ON cell_current (form, period, item);

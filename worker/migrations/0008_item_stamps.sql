-- Which rows of a merged table changed (worker/src/merge-rows.ts): one stamp per (form, period, item), drawn at random
-- whenever any unit's cell of that row changes. An export keeps each merged row with the stamps it was made from, and
-- after a push merges again only the rows whose stamp moved (a commune that corrects one figure: one row, not 79).
-- Random, not a counter, for the reason migrations/0006 gives: a restored database must never repeat a stamp that
-- once meant other cells.
--
-- Who writes it:
--  - a push, for the cells it changed (one statement in its batch, worker/src/store/submissions.ts): a cell changed by a
--    push carries that push's submission id;
--  - the triggers below, for every other change: a cell a push deletes, a reading refreshed in place, and any change by
--    hand (an UPDATE that keeps the submission id, an INSERT naming no submission). A push's own inserts and updates
--    fire no trigger write, so a push pays one written row per changed row of the table, not one per cell.
CREATE TABLE item_stamps (
  form    TEXT NOT NULL,
  period  TEXT NOT NULL,
  item    TEXT NOT NULL,
  stamp   TEXT NOT NULL,
  PRIMARY KEY (form, period, item)
) WITHOUT ROWID;

INSERT INTO item_stamps (form, period, item, stamp)
  SELECT form, period, item, lower(hex(randomblob(8))) FROM cell_current WHERE true GROUP BY form, period, item;

CREATE TRIGGER cell_current_delete_stamps_item AFTER DELETE ON cell_current BEGIN
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (OLD.form, OLD.period, OLD.item, lower(hex(randomblob(8))))
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER cell_current_update_stamps_item AFTER UPDATE ON cell_current
  WHEN OLD.submission_id IS NEW.submission_id OR OLD.form IS NOT NEW.form OR OLD.period IS NOT NEW.period OR OLD.item IS NOT NEW.item
BEGIN
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (OLD.form, OLD.period, OLD.item, lower(hex(randomblob(8))))
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (NEW.form, NEW.period, NEW.item, lower(hex(randomblob(8))))
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER cell_current_insert_stamps_item AFTER INSERT ON cell_current
  WHEN NOT EXISTS (SELECT 1 FROM submissions WHERE id = NEW.submission_id)
BEGIN
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (NEW.form, NEW.period, NEW.item, lower(hex(randomblob(8))))
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
END;

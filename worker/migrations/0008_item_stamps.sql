-- Which rows of a merged table changed (worker/src/merge-rows.ts): one stamp per (form, period, item), drawn at random
-- whenever any unit's cell of that row changes. An export keeps each merged row with the stamps it was made from, and
-- after a push merges again only the rows whose stamp moved (a commune that corrects one figure: one row, not 79).
-- Random, not a counter, for the reason migrations/0006 gives: a restored database must never repeat a stamp that
-- once meant other cells.
--
-- Who writes it: the triggers below, so every writer of cell_current does, whatever its code (an isolate still running
-- the code before this migration, during a deploy, included):
--  - a cell a push adds or changes carries that push's submission id, which becomes the row's stamp: written once per
--    row and push (the WHEN clause skips the row's other cells of the same push), so a push writes one row here per
--    table row it changed, not one per cell;
--  - any other change gets a random stamp: a cell deleted, a reading refreshed in place (same submission id), and changes
--    made by hand (an UPDATE that keeps the submission id, an INSERT naming no submission).
-- A hand-made change that gives a cell the id of an existing submission should also give its row a new stamp:
--   UPDATE item_stamps SET stamp = lower(hex(randomblob(8))) WHERE form = … AND period = …;
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

-- A push's change: the row's stamp becomes the push's submission id (unique: the submissions table's key).
CREATE TRIGGER cell_current_push_update_stamps_item AFTER UPDATE ON cell_current
  WHEN OLD.submission_id IS NOT NEW.submission_id AND OLD.form IS NEW.form AND OLD.period IS NEW.period AND OLD.item IS NEW.item
   AND NOT EXISTS (SELECT 1 FROM item_stamps WHERE form = NEW.form AND period = NEW.period AND item = NEW.item AND stamp = NEW.submission_id)
BEGIN
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (NEW.form, NEW.period, NEW.item, NEW.submission_id)
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
END;

CREATE TRIGGER cell_current_push_insert_stamps_item AFTER INSERT ON cell_current
  WHEN EXISTS (SELECT 1 FROM submissions WHERE id = NEW.submission_id)
   AND NOT EXISTS (SELECT 1 FROM item_stamps WHERE form = NEW.form AND period = NEW.period AND item = NEW.item AND stamp = NEW.submission_id)
BEGIN
  INSERT INTO item_stamps (form, period, item, stamp) VALUES (NEW.form, NEW.period, NEW.item, NEW.submission_id)
    ON CONFLICT (form, period, item) DO UPDATE SET stamp = excluded.stamp;
END;

-- Any other change: a random stamp.
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

-- The dataset's revision: one number that changes whenever anything an export reads changes, in the same
-- transaction as the change (the triggers below), so no write path can forget it. worker/src/export/cache.ts keys the
-- cached exports by (epoch, revision): a repeated download costs a lookup, any push, review, lock, period, registry
-- or target change makes the next one rebuild. The key is the stamp, drawn at random at every change: a database
-- restored to an earlier state (D1 Time Travel, a test's storage reset) and then changed again gets a stamp no cached
-- export has, where a counter would repeat a number already used for other data.
-- cell_current has no trigger: only pushes write it, and each push inserts its submission (and writes its report) in the
-- same batch; a trigger per cell would add a written row per value to D1's bill. A hand-made fix of cell_current must
-- bump the stamp itself: UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8)));
CREATE TABLE dataset_revision (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  revision  INTEGER NOT NULL,
  stamp     TEXT NOT NULL
);
INSERT INTO dataset_revision (id, revision, stamp) VALUES (1, 0, lower(hex(randomblob(8))));

CREATE TRIGGER submissions_insert_bumps_dataset AFTER INSERT ON submissions BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER submissions_update_bumps_dataset AFTER UPDATE ON submissions BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER submissions_delete_bumps_dataset AFTER DELETE ON submissions BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER reports_insert_bumps_dataset AFTER INSERT ON reports BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER reports_update_bumps_dataset AFTER UPDATE ON reports BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER reports_delete_bumps_dataset AFTER DELETE ON reports BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER review_notes_insert_bumps_dataset AFTER INSERT ON review_notes BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER review_notes_update_bumps_dataset AFTER UPDATE ON review_notes BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER review_notes_delete_bumps_dataset AFTER DELETE ON review_notes BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER submission_reviews_insert_bumps_dataset AFTER INSERT ON submission_reviews BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER submission_reviews_update_bumps_dataset AFTER UPDATE ON submission_reviews BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER submission_reviews_delete_bumps_dataset AFTER DELETE ON submission_reviews BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER periods_insert_bumps_dataset AFTER INSERT ON periods BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER periods_update_bumps_dataset AFTER UPDATE ON periods BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER periods_delete_bumps_dataset AFTER DELETE ON periods BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER units_insert_bumps_dataset AFTER INSERT ON units BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER units_update_bumps_dataset AFTER UPDATE ON units BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER units_delete_bumps_dataset AFTER DELETE ON units BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER unit_agencies_insert_bumps_dataset AFTER INSERT ON unit_agencies BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER unit_agencies_update_bumps_dataset AFTER UPDATE ON unit_agencies BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER unit_agencies_delete_bumps_dataset AFTER DELETE ON unit_agencies BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER target_overrides_insert_bumps_dataset AFTER INSERT ON target_overrides BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER target_overrides_update_bumps_dataset AFTER UPDATE ON target_overrides BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER target_overrides_delete_bumps_dataset AFTER DELETE ON target_overrides BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER catalog_edits_insert_bumps_dataset AFTER INSERT ON catalog_edits BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER catalog_edits_update_bumps_dataset AFTER UPDATE ON catalog_edits BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER catalog_edits_delete_bumps_dataset AFTER DELETE ON catalog_edits BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER forms_insert_bumps_dataset AFTER INSERT ON forms BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER forms_update_bumps_dataset AFTER UPDATE ON forms BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;
CREATE TRIGGER forms_delete_bumps_dataset AFTER DELETE ON forms BEGIN UPDATE dataset_revision SET revision = revision + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1; END;

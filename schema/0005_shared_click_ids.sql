-- LeadTrail schema 5: the click ids that two or more visitors share, kept up to date by triggers.
-- Identity links the visitors of one click id (an ad click opened on a phone, the form sent from a laptop). Few click
-- ids repeat, but finding them meant reading every click id of the year for every report (a tenth of a second at a
-- million clicks); this table holds exactly the repeated ones whatever order the data came in, so a report reads a
-- handful of rows instead. Updates and deletes of touches keep it exact through the triggers below. Inserts do not
-- fire a trigger (one per row costs a fifth of a clicks import): the store notes the touches each write added, in one
-- pass over their new ids at the end of the write, and recomputes the table after an undo's restores.

CREATE TABLE shared_click_id (
    click_id TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

INSERT INTO shared_click_id (click_id)
SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(DISTINCT visitor) > 1;

CREATE TRIGGER touch_update_shares_click_id AFTER UPDATE OF click_id, visitor ON touch
BEGIN
    DELETE FROM shared_click_id
    WHERE OLD.click_id IS NOT NULL AND click_id = OLD.click_id
        AND (SELECT COUNT(DISTINCT visitor) FROM touch WHERE click_id = OLD.click_id) < 2;
    INSERT OR IGNORE INTO shared_click_id (click_id)
    SELECT NEW.click_id
    WHERE NEW.click_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM touch WHERE click_id = NEW.click_id AND visitor <> NEW.visitor);
END;

CREATE TRIGGER touch_delete_shares_click_id AFTER DELETE ON touch
WHEN OLD.click_id IS NOT NULL
BEGIN
    DELETE FROM shared_click_id
    WHERE click_id = OLD.click_id
        AND (SELECT COUNT(DISTINCT visitor) FROM touch WHERE click_id = OLD.click_id) < 2;
END;

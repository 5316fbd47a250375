-- LeadTrail schema 5 for PostgreSQL: the click ids that two or more visitors share (as schema/0005_shared_click_ids.sql).
-- Updates and deletes of touches keep the table exact through the triggers below; inserts do not fire one: the store
-- notes the touches each write added at the end of the write, and recomputes the table after an undo's restores.

CREATE TABLE shared_click_id (
    click_id TEXT COLLATE "C" PRIMARY KEY
);

INSERT INTO shared_click_id (click_id)
SELECT click_id FROM touch WHERE click_id IS NOT NULL GROUP BY click_id HAVING COUNT(DISTINCT visitor) > 1;

CREATE FUNCTION touch_update_shares_click_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM shared_click_id
    WHERE OLD.click_id IS NOT NULL AND click_id = OLD.click_id
        AND (SELECT COUNT(DISTINCT visitor) FROM touch WHERE click_id = OLD.click_id) < 2;
    INSERT INTO shared_click_id (click_id)
    SELECT NEW.click_id
    WHERE NEW.click_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM touch WHERE click_id = NEW.click_id AND visitor <> NEW.visitor)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;

CREATE TRIGGER touch_update_shares_click_id AFTER UPDATE OF click_id, visitor ON touch
FOR EACH ROW EXECUTE FUNCTION touch_update_shares_click_id();

CREATE FUNCTION touch_delete_shares_click_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM shared_click_id
    WHERE click_id = OLD.click_id
        AND (SELECT COUNT(DISTINCT visitor) FROM touch WHERE click_id = OLD.click_id) < 2;
    RETURN NULL;
END;
$$;

CREATE TRIGGER touch_delete_shares_click_id AFTER DELETE ON touch
FOR EACH ROW WHEN (OLD.click_id IS NOT NULL) EXECUTE FUNCTION touch_delete_shares_click_id();

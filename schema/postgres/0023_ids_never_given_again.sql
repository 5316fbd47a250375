-- LeadTrail schema 23 for PostgreSQL: a lead's or a deal's id is never given to another one, as on SQLite. Both
-- stores number a new lead or deal one above the table's highest id (under the numbering lock), so an `imports undo`
-- that removed the newest ones let the next take their numbers again. `id_high_water` keeps the highest id a delete
-- removed; the numbering reads it too (SQLDialect.nextLeadID, PostgresStore.nextID). One statement-level trigger per
-- table: an undo that deletes 100,000 leads updates the row once.
CREATE TABLE id_high_water (
    table_name TEXT COLLATE "C" PRIMARY KEY,
    last_id    BIGINT NOT NULL
);

INSERT INTO id_high_water (table_name, last_id) SELECT 'lead', coalesce(max(id), 0) FROM lead;
INSERT INTO id_high_water (table_name, last_id) SELECT 'deal', coalesce(max(id), 0) FROM deal;

CREATE FUNCTION delete_keeps_high_water() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE id_high_water SET last_id = greatest(last_id, (SELECT coalesce(max(id), 0) FROM removed))
    WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END;
$$;

CREATE TRIGGER lead_delete_keeps_id AFTER DELETE ON lead REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION delete_keeps_high_water();

CREATE TRIGGER deal_delete_keeps_id AFTER DELETE ON deal REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION delete_keeps_high_water();

-- LeadTrail schema 23 (SQLite): a lead's or a deal's id is never given to another one. An `imports undo` removed the
-- newest leads and deals, and the next ones took their numbers again (SQLite numbers a row one above the highest id
-- left): `lead 1` in a note, a CRM or an exported conversion (`event_id` leadtrail-lead-1, which Meta deduplicates)
-- then named someone else. `id_high_water` keeps the highest id each table ever had that a delete removed; a new lead
-- or deal is numbered one above both it and the table's highest id (SQLDialect.nextLeadID, nextID).
CREATE TABLE id_high_water (
    table_name TEXT    PRIMARY KEY,
    last_id    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO id_high_water (table_name, last_id) SELECT 'lead', coalesce(max(id), 0) FROM lead;
INSERT INTO id_high_water (table_name, last_id) SELECT 'deal', coalesce(max(id), 0) FROM deal;

CREATE TRIGGER lead_delete_keeps_id AFTER DELETE ON lead
BEGIN
    UPDATE id_high_water SET last_id = max(last_id, OLD.id) WHERE table_name = 'lead';
END;

CREATE TRIGGER deal_delete_keeps_id AFTER DELETE ON deal
BEGIN
    UPDATE id_high_water SET last_id = max(last_id, OLD.id) WHERE table_name = 'deal';
END;

-- LeadTrail schema 25 (SQLite): a refund's number is never given to another one, as schema 23 made it for leads and
-- deals. `deal refund N --remove 2` took refund 2 away and the next refund was numbered 2 again (SQLite numbers a row
-- one above the highest id left), so the same command run twice removed the new refund. `id_high_water` keeps the
-- highest refund id a delete removed; a new refund is numbered one above both it and the table's highest id.
INSERT INTO id_high_water (table_name, last_id) SELECT 'refund', coalesce(max(id), 0) FROM refund;

CREATE TRIGGER refund_delete_keeps_id AFTER DELETE ON refund
BEGIN
    UPDATE id_high_water SET last_id = max(last_id, OLD.id) WHERE table_name = 'refund';
END;

-- LeadTrail schema 25 for PostgreSQL: a refund's number is never given to another one, as on SQLite. Refunds here are
-- numbered by their identity, which never goes back; the high water is kept too, so that a database moved to SQLite
-- (`leadtrail migrate`) keeps the rule there.
INSERT INTO id_high_water (table_name, last_id) SELECT 'refund', coalesce(max(id), 0) FROM refund;

CREATE TRIGGER refund_delete_keeps_id AFTER DELETE ON refund REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION delete_keeps_high_water();

-- LeadTrail schema 19 (PostgreSQL): a statement that adds touches notes the smallest id it added, not its visitors.
-- Schema 18 wrote every added touch's visitor to `visitor_path_stale`, chunk by chunk, and read them back as the
-- transaction committed: a first file of 3 million clicks paid about 22 s for the notes (188 s against 147 s without
-- the kept rows). Now the transaction's row in `visitor_path_pending` carries `from_id`, the smallest touch id any of
-- its statements added (an id drawn from the sequence or given, as a copy from SQLite gives them), and as it commits
-- the visitors of the touches from that id on are rewritten with those noted by updates and deletes. Touches of
-- other transactions in that range are rewritten too, which costs a little and is always right: every row is
-- derived from the touch table alone.
ALTER TABLE visitor_path_pending ADD COLUMN from_id bigint;

CREATE OR REPLACE FUNCTION leadtrail_touches_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visitor_path_pending AS pending (tx, from_id)
    SELECT pg_current_xact_id(), min(id) FROM added_touches HAVING count(*) > 0
    ON CONFLICT (tx) DO UPDATE SET from_id = least(pending.from_id, EXCLUDED.from_id);
    RETURN NULL;
END;
$$;

DROP FUNCTION leadtrail_keep_visitor_paths_at_commit() CASCADE;
DROP FUNCTION leadtrail_keep_visitor_paths();

-- Rewrites the rows of the visitors noted in `visitor_path_stale` and of the touches from `added_from` on, and
-- empties the notes; nothing but two counts when there are none. A few visitors go as one array, so that every plan
-- probes `touch_by_visitor` (which holds every column read) for them; when more than 10,000 notes outnumber a quarter
-- of the rows (a first large file of clicks: 19 s for 3 million touches, against 46 s visitor by visitor), every row
-- is built again.
CREATE FUNCTION leadtrail_keep_visitor_paths(added_from bigint) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    changed text[] COLLATE "C";
    noted bigint;
BEGIN
    SELECT count(*) INTO noted FROM visitor_path_stale;
    IF added_from IS NOT NULL THEN
        noted := noted + (SELECT count(*) FROM touch WHERE id >= added_from);
    END IF;
    IF noted = 0 THEN
        RETURN;
    END IF;
    -- "LT_paths": one writer rewrites at a time, each after the one before it committed.
    PERFORM pg_advisory_xact_lock(5500125981202212979);
    IF noted > 10000 AND noted * 4 > (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'visitor_path'::regclass) THEN
        -- A write that changed many of the visitors (a first large file): every row again, in one pass over the
        -- visitor index, costs less than looking each one up.
        DELETE FROM visitor_path;
        DELETE FROM visitor_touches;
        WITH kept AS (
            SELECT visitor, min(at) AS first_at, max(at) AS last_at,
                string_agg(channel || ':' || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS path,
                string_agg(id || ':' || at || CASE WHEN origin = 'form' THEN ':1:' ELSE ':0:' END || channel || ':'
                           || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS touches
            FROM touch GROUP BY visitor
        ), paths AS (
            INSERT INTO visitor_path (visitor, first_at, last_at, path) SELECT visitor, first_at, last_at, path FROM kept
        )
        INSERT INTO visitor_touches (visitor, first_at, last_at, touches)
        SELECT visitor, first_at, last_at, touches FROM kept;
    ELSE
        -- Read after the lock: the touches of every transaction that committed before it are seen.
        SELECT array_agg(DISTINCT visitor) INTO changed FROM (
            SELECT visitor FROM visitor_path_stale
            UNION ALL
            SELECT visitor FROM touch WHERE id >= added_from
        ) AS noted_visitors;
        DELETE FROM visitor_path WHERE visitor = ANY (changed);
        DELETE FROM visitor_touches WHERE visitor = ANY (changed);
        WITH kept AS (
            SELECT visitor, min(at) AS first_at, max(at) AS last_at,
                string_agg(channel || ':' || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS path,
                string_agg(id || ':' || at || CASE WHEN origin = 'form' THEN ':1:' ELSE ':0:' END || channel || ':'
                           || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS touches
            FROM touch WHERE visitor = ANY (changed)
            GROUP BY visitor
        ), paths AS (
            INSERT INTO visitor_path (visitor, first_at, last_at, path) SELECT visitor, first_at, last_at, path FROM kept
        )
        INSERT INTO visitor_touches (visitor, first_at, last_at, touches)
        SELECT visitor, first_at, last_at, touches FROM kept;
    END IF;
    DELETE FROM visitor_path_stale;
END;
$$;

-- `from_id` is read from the table, not from NEW: a later statement of the transaction may have lowered it after the
-- row was inserted, and a deferred trigger's NEW is the row as inserted.
CREATE FUNCTION leadtrail_keep_visitor_paths_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM leadtrail_keep_visitor_paths((SELECT from_id FROM visitor_path_pending WHERE tx = NEW.tx));
    DELETE FROM visitor_path_pending WHERE tx = NEW.tx;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER visitor_path_pending_kept AFTER INSERT ON visitor_path_pending
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadtrail_keep_visitor_paths_at_commit();

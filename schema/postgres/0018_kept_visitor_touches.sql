-- LeadTrail schema 18 (PostgreSQL): every visitor's touches kept in one row, as SQLite's schema 17 keeps them. A
-- year's Markov report counted its null paths with a window over every touch of the period (6–7 s of 8.4 s on the
-- benchmark data, 2.6 × SQLite's report); with one row a visitor, the visitors whose touches all lie in the period
-- are grouped by their path in one pass over `visitor_path` (about 1.4 s), and the visitors a report lists (with a
-- lead or a form) are read one row each from `visitor_touches`, not touch by touch.
--
-- `visitor_path.path`: the visitor's touches in journey order (time, then record key), each `channel:campaign_id`
-- (the id empty for none), joined by commas: the columns a report keys a touch by when it has no UTM dimension.
-- `visitor_touches.touches`: the same touches, each `id:at:form:channel:campaign_id` (form 1 or 0). Two tables, so
-- that the count reads the short paths alone. Both derived from the touch table alone and kept in the transaction
-- that changes it:
-- * statement triggers note the visitors whose touches a statement adds, changes or deletes in
--   `visitor_path_stale` (COPY fires them too; the transition tables hand over the rows), and the transaction once
--   in `visitor_path_pending`;
-- * that row's deferred trigger runs `leadtrail_keep_visitor_paths()` as the transaction commits (any writer's, in
--   leadtrail or not, at no round trip): it rewrites the noted visitors' rows under an advisory lock and empties
--   the notes. The lock makes writers that change one visitor rewrite its row in commit order; each rewrite reads
--   the touches after the lock is granted (READ COMMITTED), so the last one sees every committed touch. A
--   transaction's notes are its own until it commits, and it empties them before, so a report sees one only inside
--   a transaction that changed touches, and then reads the touch table instead.
CREATE TABLE visitor_path (
    visitor text COLLATE "C" PRIMARY KEY,
    first_at bigint NOT NULL,
    last_at bigint NOT NULL,
    path text COLLATE "C" NOT NULL
);

CREATE TABLE visitor_touches (
    visitor text COLLATE "C" PRIMARY KEY,
    first_at bigint NOT NULL,
    last_at bigint NOT NULL,
    touches text COLLATE "C" NOT NULL
);

CREATE TABLE visitor_path_stale (visitor text COLLATE "C" NOT NULL);

CREATE TABLE visitor_path_pending (tx xid8 PRIMARY KEY);

CREATE FUNCTION leadtrail_touches_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visitor_path_stale (visitor) SELECT DISTINCT visitor FROM added_touches;
    IF FOUND THEN
        INSERT INTO visitor_path_pending (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION leadtrail_touches_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visitor_path_stale (visitor)
    SELECT old_touches.visitor FROM old_touches JOIN new_touches ON new_touches.id = old_touches.id
    WHERE (old_touches.visitor, old_touches.at, old_touches.record_key, old_touches.origin,
           old_touches.channel, old_touches.campaign_id)
        IS DISTINCT FROM (new_touches.visitor, new_touches.at, new_touches.record_key, new_touches.origin,
                          new_touches.channel, new_touches.campaign_id)
    UNION
    SELECT new_touches.visitor FROM old_touches JOIN new_touches ON new_touches.id = old_touches.id
    WHERE (old_touches.visitor, old_touches.at, old_touches.record_key, old_touches.origin,
           old_touches.channel, old_touches.campaign_id)
        IS DISTINCT FROM (new_touches.visitor, new_touches.at, new_touches.record_key, new_touches.origin,
                          new_touches.channel, new_touches.campaign_id);
    IF FOUND THEN
        INSERT INTO visitor_path_pending (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION leadtrail_touches_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visitor_path_stale (visitor) SELECT DISTINCT visitor FROM deleted_touches;
    IF FOUND THEN
        INSERT INTO visitor_path_pending (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER touch_paths_added AFTER INSERT ON touch REFERENCING NEW TABLE AS added_touches
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_touches_added();
CREATE TRIGGER touch_paths_changed AFTER UPDATE ON touch REFERENCING OLD TABLE AS old_touches NEW TABLE AS new_touches
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_touches_changed();
CREATE TRIGGER touch_paths_deleted AFTER DELETE ON touch REFERENCING OLD TABLE AS deleted_touches
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_touches_deleted();

-- Rewrites the rows of the noted visitors and empties the notes; nothing but one count when there are none. A few
-- visitors go as one array, so that every plan probes `touch_by_visitor` (which holds every column read) for them;
-- when more than 10,000 notes outnumber a quarter of the rows (a first large file of clicks: 19 s for 3 million
-- touches, against 46 s visitor by visitor), every row is built again.
CREATE FUNCTION leadtrail_keep_visitor_paths() RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    changed text[] COLLATE "C";
    noted bigint;
BEGIN
    SELECT count(*) INTO noted FROM visitor_path_stale;
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
        SELECT array_agg(DISTINCT visitor) INTO changed FROM visitor_path_stale;
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

CREATE FUNCTION leadtrail_keep_visitor_paths_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM leadtrail_keep_visitor_paths();
    DELETE FROM visitor_path_pending WHERE tx = NEW.tx;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER visitor_path_pending_kept AFTER INSERT ON visitor_path_pending
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION leadtrail_keep_visitor_paths_at_commit();

WITH kept AS (
    SELECT visitor, min(at) AS first_at, max(at) AS last_at,
        string_agg(channel || ':' || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS path,
        string_agg(id || ':' || at || CASE WHEN origin = 'form' THEN ':1:' ELSE ':0:' END || channel || ':'
                   || coalesce(campaign_id::text, ''), ',' ORDER BY at, record_key) AS touches
    FROM touch GROUP BY visitor
), paths AS (
    INSERT INTO visitor_path (visitor, first_at, last_at, path) SELECT visitor, first_at, last_at, path FROM kept
)
INSERT INTO visitor_touches (visitor, first_at, last_at, touches) SELECT visitor, first_at, last_at, touches FROM kept;
ANALYZE visitor_path, visitor_touches;

-- LeadTrail schema 21 (PostgreSQL): each lead's own visitors' touches in one row, as SQLite's schema 20 keeps them
-- (`lead_path`), each with a digest of its raw UTM values. A report's journeys read, for every needed lead, its
-- `lead_visitor` rows and each visitor's `visitor_touches` row (two probes a visitor: 150–180 ms of the server's time
-- for the year's 20,000 sales on the benchmark data, against 40 ms for one row a lead), then the UTM values of every
-- touch the same-session rule compares (40,000 rows, 70 ms); with the digests, one touch of each different set of
-- values is read.
--
-- `lead_touches.touches`: the lead's visitors' touches, a visitor's in journey order (time, then record key) joined
-- by commas, as `visitor_touches.touches` with a sixth field: `id:at:form:channel:campaign_id:utm`, `utm` the md5 (32
-- hex digits) of the five raw UTM values, each written as its length, a colon and itself (`-` for none) and joined by
-- commas; visitors in visitor order (bytes, COLLATE "C"), joined by semicolons. A visitor without touches has no
-- part, a lead without any has no row. Derived from `lead_visitor` and `touch` alone, and kept in the transaction that
-- changes either, by the commit-time function of schema 19 (`leadtrail_keep_visitor_paths`):
-- * statement triggers on `lead_visitor` note the leads whose visitors a statement adds, changes or deletes in
--   `lead_touches_stale` (COPY and cascaded deletes fire them too), and the transaction in `visitor_path_pending`;
-- * as it commits, after rewriting the noted visitors' rows under the advisory lock, the function rewrites the rows
--   of the noted leads and of every lead of those visitors, and empties the notes. A report that sees a note (only
--   inside the writing transaction) reads the touch table instead, as for the visitors' rows.
CREATE TABLE lead_touches (
    lead_id bigint PRIMARY KEY,
    touches text COLLATE "C" NOT NULL
);

CREATE TABLE lead_touches_stale (lead_id bigint NOT NULL);

-- A touch as `lead_touches` holds it: `id:at:form:channel:campaign_id:utm`.
CREATE FUNCTION leadtrail_lead_touch(kept touch) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT kept.id || ':' || kept.at || CASE WHEN kept.origin = 'form' THEN ':1:' ELSE ':0:' END || kept.channel || ':'
        || coalesce(kept.campaign_id::text, '') || ':'
        || md5(coalesce(length(kept.utm_source) || ':' || kept.utm_source, '-') || ','
               || coalesce(length(kept.utm_medium) || ':' || kept.utm_medium, '-') || ','
               || coalesce(length(kept.utm_campaign) || ':' || kept.utm_campaign, '-') || ','
               || coalesce(length(kept.utm_content) || ':' || kept.utm_content, '-') || ','
               || coalesce(length(kept.utm_term) || ':' || kept.utm_term, '-'))
$$;

-- Writes the rows of the leads `wanted` names, from their visitors' touches (each lead's visitors probed in
-- `lead_visitor`'s key, their touches in `touch_by_visitor`: a plan whose cost is the leads', not every lead's).
CREATE FUNCTION leadtrail_write_lead_touches(wanted bigint[]) RETURNS void LANGUAGE sql VOLATILE AS $$
    INSERT INTO lead_touches (lead_id, touches)
    SELECT lead_id, string_agg(touches, ';' ORDER BY visitor)
    FROM (
        SELECT links.lead_id, links.visitor,
            string_agg(leadtrail_lead_touch(touch), ',' ORDER BY touch.at, touch.record_key) AS touches
        FROM lead_visitor AS links JOIN touch ON touch.visitor = links.visitor
        WHERE links.lead_id = ANY (wanted)
        GROUP BY links.lead_id, links.visitor
    ) AS visitors
    GROUP BY lead_id;
$$;

-- One function for the three statement triggers: each names its transition tables `new_links` (insert, update) and
-- `old_links` (update, delete), and only the branch of its own operation reads them.
CREATE FUNCTION leadtrail_lead_visitors_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    noted bigint := 0;
    more bigint;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO lead_touches_stale (lead_id) SELECT DISTINCT lead_id FROM new_links;
        GET DIAGNOSTICS noted = ROW_COUNT;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO lead_touches_stale (lead_id) SELECT DISTINCT lead_id FROM old_links;
        GET DIAGNOSTICS more = ROW_COUNT;
        noted := noted + more;
    END IF;
    IF noted > 0 THEN
        INSERT INTO visitor_path_pending (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER lead_visitor_touches_added AFTER INSERT ON lead_visitor REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_lead_visitors_changed();
CREATE TRIGGER lead_visitor_touches_changed AFTER UPDATE ON lead_visitor
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_lead_visitors_changed();
CREATE TRIGGER lead_visitor_touches_deleted AFTER DELETE ON lead_visitor REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION leadtrail_lead_visitors_changed();

-- Schema 19's function, which also keeps `lead_touches`: the visitors' rows first (as before), then the leads'
-- (read after the lock, as the visitors' rows are: every committed touch and link is seen).
-- Nothing but three counts when nothing is noted. When more than 10,000 leads are noted and they outnumber a quarter
-- of the rows (a first large file of forms), every row is built again in one pass.
CREATE OR REPLACE FUNCTION leadtrail_keep_visitor_paths(added_from bigint) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    changed text[] COLLATE "C";
    leads bigint[];
    noted bigint;
    noted_leads bigint;
    rebuilt boolean := false;
BEGIN
    SELECT count(*) INTO noted FROM visitor_path_stale;
    IF added_from IS NOT NULL THEN
        noted := noted + (SELECT count(*) FROM touch WHERE id >= added_from);
    END IF;
    SELECT count(*) INTO noted_leads FROM lead_touches_stale;
    IF noted = 0 AND noted_leads = 0 THEN
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
        rebuilt := true;
    ELSIF noted > 0 THEN
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
    IF NOT rebuilt THEN
        -- The noted leads, and every lead of a rewritten visitor (read after the lock, as the visitors' rows are).
        SELECT array_agg(DISTINCT lead_id) INTO leads FROM (
            SELECT lead_id FROM lead_touches_stale
            UNION ALL
            SELECT lead_id FROM lead_visitor WHERE visitor = ANY (changed)
        ) AS noted_leads;
        rebuilt := coalesce(cardinality(leads), 0) > 10000
            AND cardinality(leads) * 4 > (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'lead_touches'::regclass);
    END IF;
    IF rebuilt THEN
        DELETE FROM lead_touches;
        PERFORM leadtrail_write_lead_touches(ARRAY(SELECT DISTINCT lead_id FROM lead_visitor));
    ELSIF leads IS NOT NULL THEN
        DELETE FROM lead_touches WHERE lead_id = ANY (leads);
        PERFORM leadtrail_write_lead_touches(leads);
    END IF;
    DELETE FROM visitor_path_stale;
    DELETE FROM lead_touches_stale;
END;
$$;

SELECT leadtrail_write_lead_touches(ARRAY(SELECT DISTINCT lead_id FROM lead_visitor));
ANALYZE lead_touches;

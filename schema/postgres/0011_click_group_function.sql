-- LeadTrail schema 11 for PostgreSQL: `leadtrail serve` stores a group of clicks in one round trip through this
-- function, and notes the click ids they share with another visitor the way every other writer does: after its
-- rows are written, under the shared-click lock, with a snapshot taken once the lock is held — so a writer that
-- committed a moment before is seen, and one that commits after waits for this one. (A single statement cannot:
-- its snapshot is taken before any lock it asks for.)
--
-- $1 is the group as a JSON array (one object per click, in order, as PostgresStore.clickGroupJSON writes it), $2
-- the time a campaign it creates gets, $3 the shared-click lock's key (PostgresStore.sharedClickLock). Returns the
-- keys of the clicks inserted. A campaign another writer added after the insert began (neither found nor created)
-- divides by zero: the caller then writes the group the transaction way. A later migration that changes `touch` or
-- `campaign` replaces this function (CREATE OR REPLACE).

CREATE FUNCTION leadtrail_click_group(json, bigint, bigint) RETURNS SETOF text
LANGUAGE plpgsql VOLATILE AS $click_group$
DECLARE
    inserted text[];
    with_click_id boolean;
BEGIN
    WITH input AS (
        SELECT * FROM ROWS FROM (json_to_recordset($1) AS (
            k text, at bigint, v text, u text, r text, s text, m text, c text, ct text, t text, it text, i text,
            ch text, ck text, cn text, cp text)) WITH ORDINALITY
            AS g(k, at, v, u, r, s, m, c, ct, t, it, i, ch, ck, cn, cp, n)
    ), created AS (
        INSERT INTO campaign (key, name, platform, auto_created, created_at)
        SELECT DISTINCT ON (ck) ck, cn, cp, 1, $2 FROM input WHERE ck IS NOT NULL ORDER BY ck, n
        ON CONFLICT (key) DO NOTHING RETURNING id, key
    ), campaigns AS (
        SELECT id, key FROM created
        UNION ALL SELECT id, key FROM campaign WHERE key IN (SELECT ck FROM input WHERE ck IS NOT NULL)
    ), added AS (
        INSERT INTO touch (record_key, at, visitor, url, referrer, utm_source, utm_medium, utm_campaign,
                           utm_content, utm_term, click_id_type, click_id, channel, origin, campaign_id)
        SELECT k, at, v, u, r, s, m, c, ct, t, it, i, ch, 'click',
            CASE WHEN ck IS NULL THEN NULL
                 ELSE coalesce((SELECT id FROM campaigns WHERE key = ck), 1 / (n - n)) END
        FROM input ORDER BY n
        ON CONFLICT (record_key) DO NOTHING RETURNING record_key, click_id
    )
    SELECT coalesce(array_agg(record_key), '{}'), coalesce(bool_or(click_id IS NOT NULL), false)
    INTO inserted, with_click_id FROM added;

    IF with_click_id THEN
        PERFORM pg_advisory_xact_lock($3);
        INSERT INTO shared_click_id (click_id)
        SELECT DISTINCT added.click_id FROM touch AS added
        WHERE added.record_key = ANY (inserted) AND added.click_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM touch AS other
                        WHERE other.click_id = added.click_id AND other.visitor <> added.visitor)
        ON CONFLICT DO NOTHING;
    END IF;

    RETURN QUERY SELECT unnest(inserted);
END
$click_group$;

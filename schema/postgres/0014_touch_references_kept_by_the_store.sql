-- LeadTrail schema 14 (PostgreSQL): a touch's campaign and batch are kept right by the store, not by foreign keys.
-- A foreign key is checked by a trigger per inserted row (a locking lookup of the parent row), and the two of `touch`
-- cost a third of `import clicks` (1M clicks: 55 s with them, 37 s without). What they guarded is kept so:
-- - `batch_id` names the batch its own transaction opened; import batches are never deleted (an undo marks them).
-- - `campaign_id` comes from the campaign lookup of a write, which locks the campaign row (`FOR KEY SHARE`, once per
--   campaign and transaction, the lock the foreign key took per row); the only delete of a campaign (an undo dropping
--   the auto-created campaigns nothing names any more) first locks it `FOR UPDATE`, so it waits for those writers and
--   then sees their rows. `Benchmarks/postgres_foreign_keys.sql` checks both columns with the real foreign keys.
-- `leadtrail serve`'s `leadtrail_click_group` (schema 11) locks the campaigns it names the same way: replaced below,
-- the same function with that lock first.
-- SQLite keeps its foreign keys (a check there is an index lookup, no lock).
ALTER TABLE touch DROP CONSTRAINT touch_campaign_id_fkey, DROP CONSTRAINT touch_batch_id_fkey;

CREATE OR REPLACE FUNCTION leadtrail_click_group(json, bigint, bigint) RETURNS SETOF text
LANGUAGE plpgsql VOLATILE AS $click_group$
DECLARE
    inserted text[];
    with_click_id boolean;
BEGIN
    -- The campaigns the group names, locked as every writer locks a campaign it names (see above); a statement of its
    -- own, so the insert after it reads them with the lock held.
    PERFORM 1 FROM campaign
    WHERE key IN (SELECT ck FROM json_to_recordset($1) AS g(ck text) WHERE ck IS NOT NULL) FOR KEY SHARE;
    WITH input AS (
        SELECT * FROM ROWS FROM (json_to_recordset($1) AS (
            k text, at bigint, v text, u text, r text, s text, m text, c text, ct text, t text, it text, i text,
            ch text, ck text, cn text, cp text)) WITH ORDINALITY
            AS g(k, at, v, u, r, s, m, c, ct, t, it, i, ch, ck, cn, cp, n)
    ), created AS (
        INSERT INTO campaign (key, name, platform, auto_created, created_at)
        SELECT DISTINCT ON (ck) ck, cn, cp, 1, $2 FROM input WHERE ck IS NOT NULL ORDER BY ck, n
        ON CONFLICT (key) DO NOTHING RETURNING id, key
    ), found AS (
        -- Locked again: a campaign another writer committed since the lock above.
        SELECT id, key FROM campaign WHERE key IN (SELECT ck FROM input WHERE ck IS NOT NULL) FOR KEY SHARE
    ), campaigns AS (
        SELECT id, key FROM created UNION ALL SELECT id, key FROM found
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

-- LeadTrail schema 14 (PostgreSQL): a touch's campaign and batch are kept right by the store, not by foreign keys.
-- A foreign key is checked by a trigger per inserted row (a locking lookup of the parent row), and the two of `touch`
-- cost a third of `import clicks` (1M clicks: 55 s with them, 37 s without). What they guarded is kept so:
-- - `batch_id` names the batch its own transaction opened; import batches are never deleted (an undo marks them).
-- - `campaign_id` comes from the campaign lookup of a write, which locks the campaign row (`FOR KEY SHARE`, once per
--   campaign and transaction, the lock the foreign key took per row); the only delete of a campaign (an undo dropping
--   the auto-created campaigns nothing names any more) first locks it `FOR UPDATE`, so it waits for those writers and
--   then sees their rows. `Benchmarks/postgres_foreign_keys.sql` checks both columns with the real foreign keys.
-- SQLite keeps its foreign keys (a check there is an index lookup, no lock).
ALTER TABLE touch DROP CONSTRAINT touch_campaign_id_fkey, DROP CONSTRAINT touch_batch_id_fkey;

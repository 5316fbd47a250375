-- LeadTrail schema 7 for PostgreSQL (as schema/0007_batch_versions.sql): exact undo in any order.
-- A keyed record (a touch by its key, a day of spend by day and campaign key, a deal by its external id) that two or
-- more batches wrote keeps each batch's version here, so undoing any one batch, in any order, leaves the record as
-- the batches still standing would have left it: the latest standing version, or no record when none stands.
-- A record only one batch wrote has no rows here: the live row is that batch's version (its batch_id), so a first
-- import writes nothing extra. The version of a row written by hand, before a batch replaced it, has batch_id 0.
-- `content` is the version's values as JSON (what the batch wrote; equal text is an equal version); `extra` holds
-- what must come back with it but is no part of its value (the ids of a deal's imported refunds).

CREATE TABLE batch_version (
    table_name TEXT COLLATE "C"    NOT NULL CHECK (table_name IN ('touch', 'spend', 'deal')),
    record_key TEXT COLLATE "C"    NOT NULL,
    batch_id   BIGINT  NOT NULL,
    content    TEXT COLLATE "C"    NOT NULL,
    extra      TEXT COLLATE "C",
    PRIMARY KEY (table_name, record_key, batch_id)
);
CREATE INDEX batch_version_by_batch ON batch_version(batch_id);

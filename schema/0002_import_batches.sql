-- LeadTrail schema 2: what the import promises need.

-- Each imported form submission, keyed by its id or content hash: re-importing it changes nothing, a changed
-- one updates the lead it created.
CREATE TABLE submission (
    record_key   TEXT    PRIMARY KEY,
    lead_id      INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    content_hash TEXT    NOT NULL,
    created_lead INTEGER NOT NULL,
    batch_id     INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE INDEX submission_by_lead ON submission(lead_id);

-- Rows as they were before a batch replaced, relinked or deleted them (JSON of every column with the rowid),
-- so that `imports undo` restores them exactly.
CREATE TABLE batch_undo (
    id         INTEGER PRIMARY KEY,
    batch_id   INTEGER NOT NULL REFERENCES import_batch(id),
    table_name TEXT    NOT NULL,
    row_data   TEXT    NOT NULL
) STRICT;
CREATE INDEX batch_undo_by_batch ON batch_undo(batch_id);

CREATE INDEX lead_by_batch ON lead(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX deal_by_batch ON deal(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX spend_by_batch ON spend(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX deal_by_lead_ref ON deal(lead_ref) WHERE lead_ref IS NOT NULL;

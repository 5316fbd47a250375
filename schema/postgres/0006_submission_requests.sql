-- LeadTrail schema 6 for PostgreSQL (as schema/0006_submission_requests.sql): a person's leads are judged again from all of their requests whenever one arrives or leaves.
-- SPEC "Duplicates" and "Order independence": which request created a lead and which are repeats on it depends on
-- every request of the person, not on the order the files came in. So each request keeps what it said (time,
-- contacts, form, visitor, the key of its form touch), and a request logged with `lead add` is a submission too.
-- What people did by hand stays marked as such, so that judging again never undoes it: a visitor linked by hand,
-- an owner assigned by hand, a merge (the merged requests are pinned to the lead they were merged into). A lead id
-- that judging again retired (its request became a repeat on another lead) or a merge removed points on to the
-- lead that took its place.

ALTER TABLE submission ADD COLUMN at BIGINT;
ALTER TABLE submission ADD COLUMN name TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN email TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN phone TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN form TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN source TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN owner TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN external_id TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN fields TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN visitor TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN touch_key TEXT COLLATE "C";
ALTER TABLE submission ADD COLUMN created_by TEXT COLLATE "C";
-- Set by `lead merge`: the request belongs to this lead whatever the duplicate rule says.
ALTER TABLE submission ADD COLUMN pinned_lead BIGINT;
CREATE INDEX submission_by_email ON submission(email) WHERE email IS NOT NULL;
CREATE INDEX submission_by_phone ON submission(phone) WHERE phone IS NOT NULL;
CREATE INDEX submission_by_batch ON submission(batch_id) WHERE batch_id IS NOT NULL;

ALTER TABLE lead_visitor ADD COLUMN by_hand INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lead ADD COLUMN owner_by_hand INTEGER NOT NULL DEFAULT 0;

CREATE TABLE lead_redirect (
    lead_id     BIGINT PRIMARY KEY,
    now_lead_id BIGINT NOT NULL,
    reason      TEXT COLLATE "C"   NOT NULL CHECK (reason IN ('repeat', 'merged'))
);

-- Requests recorded before schema 6: the request that created a lead said what the lead says; a repeat request
-- is known by its form touch when it had one, else it is placed at its lead's creation (it stays a repeat on it).
UPDATE submission SET
    at = (SELECT created_at FROM lead WHERE lead.id = submission.lead_id),
    name = (SELECT name FROM lead WHERE lead.id = submission.lead_id),
    email = (SELECT email FROM lead WHERE lead.id = submission.lead_id),
    phone = (SELECT phone FROM lead WHERE lead.id = submission.lead_id),
    form = (SELECT form FROM lead WHERE lead.id = submission.lead_id),
    source = (SELECT source FROM lead WHERE lead.id = submission.lead_id),
    external_id = (SELECT external_id FROM lead WHERE lead.id = submission.lead_id),
    fields = (SELECT fields FROM lead WHERE lead.id = submission.lead_id),
    created_by = 'import'
WHERE created_lead = 1;
UPDATE submission SET
    at = COALESCE(
        (SELECT at FROM touch WHERE touch.record_key = 'form:' || submission.record_key),
        (SELECT created_at FROM lead WHERE lead.id = submission.lead_id)),
    email = (SELECT email FROM lead WHERE lead.id = submission.lead_id),
    phone = (SELECT phone FROM lead WHERE lead.id = submission.lead_id),
    created_by = 'import'
WHERE created_lead = 0;
UPDATE submission SET touch_key = 'form:' || record_key
WHERE EXISTS (SELECT 1 FROM touch WHERE touch.record_key = 'form:' || submission.record_key);
-- A lead logged by hand before schema 6 gets the request it came from.
INSERT INTO submission (record_key, lead_id, content_hash, created_lead, batch_id, at, name, email, phone, form, source,
                        owner, external_id, fields, created_by)
SELECT 'lead:' || id, id, '', 1, batch_id, created_at, name, email, phone, form, source, owner, external_id, fields,
       (SELECT changed_by FROM stage_change WHERE stage_change.lead_id = lead.id AND from_stage IS NULL)
FROM lead WHERE NOT EXISTS (SELECT 1 FROM submission WHERE submission.lead_id = lead.id);
-- Visitor links and owners of before are kept as they are: judging again never removes them.
UPDATE lead_visitor SET by_hand = 1;
UPDATE lead SET owner_by_hand = 1 WHERE owner IS NOT NULL;

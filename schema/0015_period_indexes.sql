-- LeadTrail schema 15: what a report of a period looks up instead of reading all history. The times of leads and
-- deals: a report needs the leads created in its period and those of deals created, closed or refunded in it
-- (PeriodReadSQL); without these it read every lead, deal, refund and stage change kept, so that a month's report grew
-- with the years of history.
CREATE INDEX lead_by_created_at ON lead(created_at);
CREATE INDEX deal_by_created_at ON deal(created_at);
CREATE INDEX deal_by_closed_at ON deal(closed_at);
CREATE INDEX refund_by_time ON refund(at);

-- The emails and phones that two or more leads share, kept exact by triggers: identity follows only these
-- (PersonGraph), and finding them grouped every lead's email and phone for every report, a cost that grew with the
-- years kept. A lead insert probes its two contacts' indexes once each; updates (a merge, `lead forget`) and deletes
-- (an undo) recount the contacts they leave.
CREATE TABLE shared_contact (
    kind  TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value TEXT NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;

INSERT INTO shared_contact (kind, value)
SELECT 'email', email FROM lead WHERE email IS NOT NULL GROUP BY email HAVING COUNT(*) > 1;
INSERT INTO shared_contact (kind, value)
SELECT 'phone', phone FROM lead WHERE phone IS NOT NULL GROUP BY phone HAVING COUNT(*) > 1;

CREATE TRIGGER lead_insert_shares_contact AFTER INSERT ON lead
BEGIN
    INSERT OR IGNORE INTO shared_contact (kind, value)
    SELECT 'email', NEW.email
    WHERE NEW.email IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE email = NEW.email AND id <> NEW.id);
    INSERT OR IGNORE INTO shared_contact (kind, value)
    SELECT 'phone', NEW.phone
    WHERE NEW.phone IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE phone = NEW.phone AND id <> NEW.id);
END;

CREATE TRIGGER lead_update_shares_contact AFTER UPDATE OF email, phone ON lead
BEGIN
    DELETE FROM shared_contact
    WHERE kind = 'email' AND value = OLD.email AND (SELECT COUNT(*) FROM lead WHERE email = OLD.email) < 2;
    DELETE FROM shared_contact
    WHERE kind = 'phone' AND value = OLD.phone AND (SELECT COUNT(*) FROM lead WHERE phone = OLD.phone) < 2;
    INSERT OR IGNORE INTO shared_contact (kind, value)
    SELECT 'email', NEW.email
    WHERE NEW.email IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE email = NEW.email AND id <> NEW.id);
    INSERT OR IGNORE INTO shared_contact (kind, value)
    SELECT 'phone', NEW.phone
    WHERE NEW.phone IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE phone = NEW.phone AND id <> NEW.id);
END;

CREATE TRIGGER lead_delete_shares_contact AFTER DELETE ON lead
BEGIN
    DELETE FROM shared_contact
    WHERE kind = 'email' AND value = OLD.email AND (SELECT COUNT(*) FROM lead WHERE email = OLD.email) < 2;
    DELETE FROM shared_contact
    WHERE kind = 'phone' AND value = OLD.phone AND (SELECT COUNT(*) FROM lead WHERE phone = OLD.phone) < 2;
END;

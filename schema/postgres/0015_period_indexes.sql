-- LeadTrail schema 15 (PostgreSQL): what a report of a period looks up instead of reading all history (as
-- schema/0015_period_indexes.sql). The times of leads and deals: a report needs the leads created in its period and
-- those of deals created, closed or refunded in it (PeriodReadSQL).
CREATE INDEX lead_by_created_at ON lead(created_at);
CREATE INDEX deal_by_created_at ON deal(created_at);
CREATE INDEX deal_by_closed_at ON deal(closed_at);
CREATE INDEX refund_by_time ON refund(at);

-- The emails and phones that two or more leads share, kept exact by triggers: identity follows only these.
CREATE TABLE shared_contact (
    kind  TEXT COLLATE "C" NOT NULL CHECK (kind IN ('email', 'phone')),
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, value)
);

INSERT INTO shared_contact (kind, value)
SELECT 'email', email FROM lead WHERE email IS NOT NULL GROUP BY email HAVING COUNT(*) > 1;
INSERT INTO shared_contact (kind, value)
SELECT 'phone', phone FROM lead WHERE phone IS NOT NULL GROUP BY phone HAVING COUNT(*) > 1;

CREATE FUNCTION lead_shares_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM shared_contact
        WHERE kind = 'email' AND value = OLD.email AND (SELECT COUNT(*) FROM lead WHERE email = OLD.email) < 2;
        DELETE FROM shared_contact
        WHERE kind = 'phone' AND value = OLD.phone AND (SELECT COUNT(*) FROM lead WHERE phone = OLD.phone) < 2;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO shared_contact (kind, value)
        SELECT 'email', NEW.email
        WHERE NEW.email IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE email = NEW.email AND id <> NEW.id)
        ON CONFLICT DO NOTHING;
        INSERT INTO shared_contact (kind, value)
        SELECT 'phone', NEW.phone
        WHERE NEW.phone IS NOT NULL AND EXISTS (SELECT 1 FROM lead WHERE phone = NEW.phone AND id <> NEW.id)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER lead_insert_shares_contact AFTER INSERT ON lead
FOR EACH ROW EXECUTE FUNCTION lead_shares_contact();
CREATE TRIGGER lead_update_shares_contact AFTER UPDATE OF email, phone ON lead
FOR EACH ROW EXECUTE FUNCTION lead_shares_contact();
CREATE TRIGGER lead_delete_shares_contact AFTER DELETE ON lead
FOR EACH ROW EXECUTE FUNCTION lead_shares_contact();

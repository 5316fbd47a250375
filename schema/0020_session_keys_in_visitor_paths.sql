-- LeadTrail schema 20 (SQLite): visitor paths carry the session keys the same-session rule compares (issue 17). A
-- year's Markov report read the UTM values of about 50,000 touches one row at a time (0.13 s of 1 s) to judge the
-- forms of the visitors it lists; the touches the rule may compare (a form's, and those in the 30 minutes before it)
-- now keep, in their visitor's path, the first 128 bits of the SHA-256 of their five normalised UTM values
-- (SessionKey). Such a touch takes 42 bytes: its 26, flags bit 2 set, then the key (16, little-endian halves).
--
-- A key is derived from UTM values, so a change of a touch's UTM values makes its visitor's row stale too. Every row
-- is written again by this migration's transaction, from the touches as they stand.
DROP TRIGGER touch_update_keeps_paths;

CREATE TRIGGER touch_update_keeps_paths AFTER UPDATE OF visitor, at, record_key, origin, channel, campaign_id,
    utm_source, utm_medium, utm_campaign, utm_content, utm_term ON touch
BEGIN
    INSERT OR IGNORE INTO visitor_path_stale (visitor) VALUES (OLD.visitor), (NEW.visitor);
END;

DELETE FROM visitor_path;
DELETE FROM visitor_path_stale;
UPDATE visitor_path_mark SET through = 0;

-- LeadTrail schema 20 (SQLite): what a report reads of a journey is kept closer to how it reads it (issue 17).
--
-- Session keys. A year's Markov report read the UTM values of about 50,000 touches one row at a time (0.13 s of 1 s)
-- to judge the forms of the visitors it lists. The touches the same-session rule may compare (a form's, and those in
-- the 30 minutes before it) now keep, in their visitor's path, the first 128 bits of the SHA-256 of their five
-- normalised UTM values (SessionKey). Such a touch takes 42 bytes: its 26, flags bit 2 set, then the key (two
-- little-endian halves). A key is derived from UTM values, so a change of a touch's UTM values makes its visitor's
-- row stale too.
--
-- Lead paths. A report found a lead's touches through `lead_visitor` and one `visitor_path` row per visitor: random
-- reads all over the paths (a year's 20,000 sales: 0.09 s, most of it copying pages). `lead_path` keeps, by lead id,
-- the paths of the lead's own visitors one after another (in visitor order, each a 4-byte little-endian length, then
-- the visitor's `visitor_path.touches`): the rows of a period's leads lie together. Identity beyond a lead's own
-- visitors (the same person's earlier leads, shared click ids) is still resolved at report time. A row is written
-- again whenever one of its visitors' paths is, or its visitors change (`lead_path_stale`, by the triggers below), in
-- the same transaction (SQLiteStore.keepVisitorPaths); a report reads the rows only when none is stale.
--
-- Every row of both tables is written again by this migration's transaction, from the touches as they stand.
DROP TRIGGER touch_update_keeps_paths;

CREATE TRIGGER touch_update_keeps_paths AFTER UPDATE OF visitor, at, record_key, origin, channel, campaign_id,
    utm_source, utm_medium, utm_campaign, utm_content, utm_term ON touch
BEGIN
    INSERT OR IGNORE INTO visitor_path_stale (visitor) VALUES (OLD.visitor), (NEW.visitor);
END;

DELETE FROM visitor_path;
DELETE FROM visitor_path_stale;
UPDATE visitor_path_mark SET through = 0;

CREATE TABLE lead_path (
    lead_id INTEGER PRIMARY KEY,
    paths   BLOB    NOT NULL
) STRICT;

CREATE TABLE lead_path_stale (
    lead_id INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER lead_visitor_insert_keeps_lead_paths AFTER INSERT ON lead_visitor
BEGIN
    INSERT OR IGNORE INTO lead_path_stale (lead_id) VALUES (NEW.lead_id);
END;

CREATE TRIGGER lead_visitor_update_keeps_lead_paths AFTER UPDATE OF lead_id, visitor ON lead_visitor
BEGIN
    INSERT OR IGNORE INTO lead_path_stale (lead_id) VALUES (OLD.lead_id), (NEW.lead_id);
END;

CREATE TRIGGER lead_visitor_delete_keeps_lead_paths AFTER DELETE ON lead_visitor
BEGIN
    INSERT OR IGNORE INTO lead_path_stale (lead_id) VALUES (OLD.lead_id);
END;

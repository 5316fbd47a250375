-- LeadTrail schema 21 (SQLite). PostgreSQL's schema 21 keeps each lead's own visitors' touches in one row
-- (schema/postgres/0021_lead_touches.sql), as SQLite's `lead_path` (schema 20) already does; the number keeps both
-- dialects' versions alike.
--
-- From this version a normalised UTM value composes canonically equal spellings (`Normalize.key`: `й` precomposed,
-- or `и` and a combining breve, are one value), and so do the same-session rule's keys kept in `visitor_path` since
-- schema 20. The paths of every visitor with a UTM value outside printable ASCII are written again by this upgrade's
-- write (only such a value can be spelt two ways), with their leads' rows.
INSERT OR IGNORE INTO visitor_path_stale (visitor)
SELECT DISTINCT visitor FROM touch
WHERE utm_source GLOB '*[^ -~]*' OR utm_medium GLOB '*[^ -~]*' OR utm_campaign GLOB '*[^ -~]*'
   OR utm_content GLOB '*[^ -~]*' OR utm_term GLOB '*[^ -~]*';

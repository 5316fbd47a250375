-- LeadTrail schema 22 (PostgreSQL). SQLite's schema 22 keeps touches counted per day and the forms the same-session
-- rule drops (schema/0022_touch_days.sql), so that a report that only counts its period's touches sums a few thousand
-- counts; PostgreSQL counts a period's touches in the server, in the report's own query, and has
-- nothing to add. The number keeps both dialects' versions alike.
SELECT 1;

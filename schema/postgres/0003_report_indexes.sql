-- LeadTrail schema 3 for PostgreSQL: indexes that answer the reports' journey queries on their own
-- (as schema/0003_report_indexes.sql).

DROP INDEX touch_by_visitor;
CREATE INDEX touch_by_visitor ON touch(visitor, at, record_key, origin, channel, campaign_id);

DROP INDEX touch_by_click_id;
CREATE INDEX touch_by_click_id ON touch(click_id, click_id_type, visitor) WHERE click_id IS NOT NULL;

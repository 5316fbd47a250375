-- LeadTrail schema 24 for PostgreSQL: a day of spend keeps the ad platform's own campaign id when the export carries
-- one, as on SQLite, so that a renamed campaign's month exported again is not counted twice (SQLStore.renamedSpend).
ALTER TABLE spend ADD COLUMN platform_campaign_id TEXT COLLATE "C";

CREATE INDEX spend_by_platform_campaign ON spend(platform_campaign_id, day) WHERE platform_campaign_id IS NOT NULL;

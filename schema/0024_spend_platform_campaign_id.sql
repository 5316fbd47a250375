-- LeadTrail schema 24 (SQLite): a day of spend keeps the ad platform's own campaign id when the export carries one
-- (Yandex Direct `CampaignId`, VK Ads `ID кампании`, Meta and Google Ads `Campaign ID`). Spend is keyed by day and
-- campaign name, and a platform exports a renamed campaign under its new name for every day: the days stored under
-- the old name were stored again under the new one and counted twice. The id tells them (SQLStore.renamedSpend).
-- Days stored before have none, and behave as before.
ALTER TABLE spend ADD COLUMN platform_campaign_id TEXT;

CREATE INDEX spend_by_platform_campaign ON spend(platform_campaign_id, day) WHERE platform_campaign_id IS NOT NULL;

-- LeadTrail schema 10 for PostgreSQL (as schema/0010_deal_status_by_hand.sql): a deal closed or reopened by hand
-- (`deal won|lost|reopen`) says so, so that undoing the import that brought the deal names that work instead of
-- removing it silently.

ALTER TABLE deal ADD COLUMN status_by_hand INTEGER NOT NULL DEFAULT 0 CHECK (status_by_hand IN (0, 1));

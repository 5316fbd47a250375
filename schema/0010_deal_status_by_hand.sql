-- LeadTrail schema 10: a deal closed or reopened by hand (`deal won|lost|reopen`) says so, so that undoing the import
-- that brought the deal names that work instead of removing it silently (README, imports undo). Plain SQL that
-- PostgreSQL accepts as well.

ALTER TABLE deal ADD COLUMN status_by_hand INTEGER NOT NULL DEFAULT 0 CHECK (status_by_hand IN (0, 1));

-- LeadTrail schema 9 for PostgreSQL (as schema/0009_stage_corrections.sql): a stage move back recorded with
-- `lead stage --correct` is kept in the history as a correction. A lead's stage is derived when read from its manual
-- moves and its deals (docs/leads.md); a correction takes back the move it corrects.

ALTER TABLE stage_change ADD COLUMN correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1));

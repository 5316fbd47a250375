-- LeadTrail schema 4: KPI goals (`goal set|list|status|remove`).
-- A goal is a metric's target over a scope and a period (calendar days, both ends inclusive, in the configured
-- time zone). Money targets are INTEGER minor units beside a currency; ratios and counts are exact decimal TEXT.
-- A campaign goal names its campaign by key (keys never change), so that undoing the import that created a
-- campaign is never blocked by a goal on it.

CREATE TABLE goal (
    id             INTEGER PRIMARY KEY,
    metric         TEXT    NOT NULL CHECK (metric IN (
                       'spend', 'impressions', 'reach', 'clicks', 'engagements', 'leads', 'deals', 'won', 'revenue',
                       'ctr', 'cpc', 'cpm', 'er', 'cpl', 'cac', 'roas', 'romi', 'aov', 'lead_rate', 'win_rate')),
    target_minor   INTEGER,
    currency       TEXT,
    target_decimal TEXT,
    campaign       TEXT,
    channel        TEXT CHECK (channel IN (
                       'direct', 'paid_social', 'organic_social', 'paid_search', 'organic_search', 'email',
                       'referral', 'display', 'other')),
    starts_on      TEXT    NOT NULL,
    ends_on        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    CHECK ((target_minor IS NOT NULL AND currency IS NOT NULL AND target_decimal IS NULL)
        OR (target_minor IS NULL AND currency IS NULL AND target_decimal IS NOT NULL)),
    CHECK (campaign IS NULL OR channel IS NULL),
    CHECK (starts_on <= ends_on)
) STRICT;

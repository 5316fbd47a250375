-- LeadTrail schema 16: the period's touches counted from an index alone. A report that only counts the period's
-- touches (ROAS, the funnel, A/B tests: no null paths, no UTM dimension) counts every touch of the period by channel
-- and campaign, then takes back the forms the same-session rule drops; before, it read each touch's row (a table
-- lookup per touch, 300,000 for a month of the benchmark data) and grouped them by visitor in memory.
DROP INDEX touch_by_time;
CREATE INDEX touch_by_time ON touch(at, channel, campaign_id);

-- The period's form touches with their visitors: only those visitors' touches can hold a form the same-session rule
-- drops. Form touches are about one in thirty, so the index is small (PostgreSQL's schema 13 has the same one).
CREATE INDEX touch_form_by_time ON touch(at, visitor) WHERE origin = 'form';

-- LeadTrail schema 13 (PostgreSQL): the period's form touches by time, with their visitors. A report that counts the
-- period's touches lists the visitors with a form in the period (the same-session rule may drop the form) and counts
-- the rest; finding them scanned every touch of the table (1.4 s of the year's Markov on the benchmark data, twice:
-- in the listing and in the count). Form touches are about one in a hundred, so the index is small.
CREATE INDEX touch_form_by_time ON touch(at) INCLUDE (visitor) WHERE origin = 'form';

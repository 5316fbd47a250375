-- LeadTrail schema 15: the times a report of a period looks its leads and deals up by. A report needs the leads
-- created in its period and those of deals created, closed or refunded in it (PeriodReadSQL); without these it read
-- every lead, deal, refund and stage change kept, so that a month's report grew with the years of history.
CREATE INDEX lead_by_created_at ON lead(created_at);
CREATE INDEX deal_by_created_at ON deal(created_at);
CREATE INDEX deal_by_closed_at ON deal(closed_at);
CREATE INDEX refund_by_time ON refund(at);

-- LeadTrail schema 22 (SQLite): a period's touches counted from kept counts (issue 17). A report that only counts
-- the period's touches (ROAS, the funnel, A/B tests: no null paths, no UTM dimension) walked the time index over every
-- touch of its period (300,000 for a month of the benchmark data), then read again the touches of every visitor with
-- a form in it to take back the forms the same-session rule drops: 80 ms of June's ROAS. Now it sums a few thousand
-- day counts, walks the index only over the part-days at the period's ends (a period in a time zone other than UTC),
-- and takes back the kept dropped forms.
--
-- `touch_day`: the touches of each UTC day (`day` = the time in microseconds divided by 86,400,000,000, rounded
-- down) by channel and campaign id (-1 for none). Touches added since `visitor_path_mark.through` are counted by the
-- write that keeps their visitors' paths (SQLiteStore.keepVisitorPaths); a touch changed or deleted notes its day
-- in `touch_day_stale` (the triggers below), and that write counts the day again from the time index.
--
-- `dropped_form`: the form touches the same-session rule drops, judged over their visitor's whole history (SPEC
-- "Same-session rule"), written again with their visitor's path; a touch changed or deleted loses its row at once.
-- A report uses both only when the visitor paths are current and no day is stale.
CREATE TABLE touch_day (
    day         INTEGER NOT NULL,
    channel     TEXT    NOT NULL,
    campaign_id INTEGER NOT NULL,
    touches     INTEGER NOT NULL,
    PRIMARY KEY (day, channel, campaign_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE touch_day_stale (
    day INTEGER PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TABLE dropped_form (
    touch_id    INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    channel     TEXT    NOT NULL,
    campaign_id INTEGER
) STRICT;
CREATE INDEX dropped_form_by_time ON dropped_form(at);

CREATE TRIGGER touch_update_keeps_days AFTER UPDATE OF visitor, at, record_key, origin, channel, campaign_id,
    utm_source, utm_medium, utm_campaign, utm_content, utm_term ON touch
BEGIN
    INSERT OR IGNORE INTO touch_day_stale (day)
    SELECT (OLD.at - (OLD.at < 0) * 86399999999) / 86400000000
    WHERE OLD.at IS NOT NEW.at OR OLD.channel IS NOT NEW.channel OR OLD.campaign_id IS NOT NEW.campaign_id
    UNION
    SELECT (NEW.at - (NEW.at < 0) * 86399999999) / 86400000000
    WHERE OLD.at IS NOT NEW.at OR OLD.channel IS NOT NEW.channel OR OLD.campaign_id IS NOT NEW.campaign_id;
    DELETE FROM dropped_form WHERE touch_id = OLD.id;
END;

CREATE TRIGGER touch_delete_keeps_days AFTER DELETE ON touch
BEGIN
    INSERT OR IGNORE INTO touch_day_stale (day) VALUES ((OLD.at - (OLD.at < 0) * 86399999999) / 86400000000);
    DELETE FROM dropped_form WHERE touch_id = OLD.id;
END;

-- The counts of the touches as they stand; the dropped forms are judged by this upgrade's write, which writes again
-- the paths of every visitor with a form.
INSERT INTO touch_day (day, channel, campaign_id, touches)
SELECT (at - (at < 0) * 86399999999) / 86400000000, channel, coalesce(campaign_id, -1), count(*)
FROM touch GROUP BY 1, 2, 3;

INSERT OR IGNORE INTO visitor_path_stale (visitor)
SELECT DISTINCT visitor FROM touch INDEXED BY touch_form_by_time WHERE origin = 'form';

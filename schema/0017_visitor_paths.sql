-- LeadTrail schema 17: every visitor's touches kept together, compact, on write (issue 17). A report over a long
-- period (Markov's null paths over a year: three million touches) reads one row per visitor instead of a row of the
-- visitor index per touch: a tenth of the time. The store rewrites a visitor's row whenever its touches change, in
-- the transaction that changes them (SQLiteStore.keepVisitorPaths); reports use the rows only when they are current.
--
-- `touches`: the visitor's touches in journey order (time, then record key), 26 bytes each, little-endian: id (8),
-- time in microseconds (8), flags (1: 1 = a form's touch), channel (1: position in the channel list, 255 unknown),
-- campaign id (8: -1 none). `first_at` and `last_at` bound them, so a period skips visitors outside it.
CREATE TABLE visitor_path (
    visitor  TEXT    PRIMARY KEY,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    touches  BLOB    NOT NULL
) STRICT, WITHOUT ROWID;

-- The visitors whose touches were changed or deleted since their rows were written. New touches need no row here:
-- they have ids above `visitor_path_mark.through`.
CREATE TABLE visitor_path_stale (
    visitor TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- The highest touch id the rows hold (one row). Deleting the highest touches lowers it to the highest left, since
-- SQLite gives their ids again to the next touches.
CREATE TABLE visitor_path_mark (
    through INTEGER NOT NULL
) STRICT;
INSERT INTO visitor_path_mark (through) VALUES (0);

CREATE TRIGGER touch_update_keeps_paths AFTER UPDATE OF visitor, at, record_key, origin, channel, campaign_id ON touch
BEGIN
    INSERT OR IGNORE INTO visitor_path_stale (visitor) VALUES (OLD.visitor), (NEW.visitor);
END;

CREATE TRIGGER touch_delete_keeps_paths AFTER DELETE ON touch
BEGIN
    INSERT OR IGNORE INTO visitor_path_stale (visitor) VALUES (OLD.visitor);
    UPDATE visitor_path_mark SET through = coalesce((SELECT max(id) FROM touch), 0)
    WHERE through > coalesce((SELECT max(id) FROM touch), 0);
END;

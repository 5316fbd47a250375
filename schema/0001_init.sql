-- LeadTrail schema 1: the domain of SPEC.md.
-- Times are INTEGER microseconds since 1970-01-01 UTC; calendar days are TEXT 'YYYY-MM-DD';
-- money is INTEGER minor units beside a TEXT ISO 4217 currency code. Never floating point.

CREATE TABLE schema_migration (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- One import of one file: what `imports list` shows and `imports undo` reverses.
CREATE TABLE import_batch (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('clicks', 'forms', 'deals', 'spend')),
    file_name       TEXT    NOT NULL,
    file_hash       TEXT    NOT NULL,
    preset          TEXT,
    imported_at     INTEGER NOT NULL,
    read_count      INTEGER NOT NULL DEFAULT 0,
    imported_count  INTEGER NOT NULL DEFAULT 0,
    updated_count   INTEGER NOT NULL DEFAULT 0,
    duplicate_count INTEGER NOT NULL DEFAULT 0,
    skipped_count   INTEGER NOT NULL DEFAULT 0,
    rejected_count  INTEGER NOT NULL DEFAULT 0,
    undone_at       INTEGER
) STRICT;

CREATE TABLE campaign (
    id              INTEGER PRIMARY KEY,
    key             TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    platform        TEXT    NOT NULL DEFAULT 'other',
    objective       TEXT CHECK (objective IN ('awareness', 'engagement', 'leads', 'sales')),
    budget_minor    INTEGER,
    budget_currency TEXT,
    starts_on       TEXT,
    ends_on         TEXT,
    auto_created    INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    batch_id        INTEGER REFERENCES import_batch(id)
) STRICT;

CREATE TABLE touch (
    id            INTEGER PRIMARY KEY,
    record_key    TEXT    NOT NULL UNIQUE,
    at            INTEGER NOT NULL,
    visitor       TEXT    NOT NULL,
    url           TEXT,
    referrer      TEXT,
    utm_source    TEXT,
    utm_medium    TEXT,
    utm_campaign  TEXT,
    utm_content   TEXT,
    utm_term      TEXT,
    click_id_type TEXT,
    click_id      TEXT,
    channel       TEXT    NOT NULL,
    -- 'click' for a visit; 'form' for the touch a UTM-bearing submission adds (dropped at report time when the
    -- same visitor has a touch with the same five UTM values in the 30 minutes before it: same session).
    origin        TEXT    NOT NULL DEFAULT 'click' CHECK (origin IN ('click', 'form')),
    campaign_id   INTEGER REFERENCES campaign(id),
    batch_id      INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE INDEX touch_by_visitor ON touch(visitor, at);
CREATE INDEX touch_by_time ON touch(at);
CREATE INDEX touch_by_click_id ON touch(click_id) WHERE click_id IS NOT NULL;
CREATE INDEX touch_by_batch ON touch(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE lead (
    id           INTEGER PRIMARY KEY,
    created_at   INTEGER NOT NULL,
    name         TEXT,
    email        TEXT,
    phone        TEXT,
    form         TEXT,
    source       TEXT,
    owner        TEXT,
    stage        TEXT    NOT NULL DEFAULT 'new'
                 CHECK (stage IN ('new', 'contacted', 'qualified', 'opportunity', 'won', 'lost', 'junk')),
    external_id  TEXT,
    fields       TEXT,
    forgotten_at INTEGER,
    batch_id     INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE INDEX lead_by_email ON lead(email) WHERE email IS NOT NULL;
CREATE INDEX lead_by_phone ON lead(phone) WHERE phone IS NOT NULL;
CREATE INDEX lead_by_external_id ON lead(external_id) WHERE external_id IS NOT NULL;

-- The visitor ids linked to a lead: its own, its duplicates', and those inherited from the same person's earlier leads.
CREATE TABLE lead_visitor (
    lead_id  INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    visitor  TEXT    NOT NULL,
    batch_id INTEGER REFERENCES import_batch(id),
    PRIMARY KEY (lead_id, visitor)
) STRICT, WITHOUT ROWID;
CREATE INDEX lead_visitor_by_visitor ON lead_visitor(visitor);

CREATE TABLE stage_change (
    id         INTEGER PRIMARY KEY,
    lead_id    INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    changed_by TEXT
) STRICT;
CREATE INDEX stage_change_by_lead ON stage_change(lead_id, at);

-- What happened to a lead besides stage moves: a duplicate request, a merge, an erasure.
CREATE TABLE lead_event (
    id       INTEGER PRIMARY KEY,
    lead_id  INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    detail   TEXT,
    batch_id INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE INDEX lead_event_by_lead ON lead_event(lead_id, at);

CREATE TABLE deal (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE,
    lead_id      INTEGER REFERENCES lead(id),
    -- An imported deal's lead reference (JSON) kept until the lead arrives.
    lead_ref     TEXT,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER,
    content_hash TEXT,
    batch_id     INTEGER REFERENCES import_batch(id),
    CHECK (status = 'open' OR closed_at IS NOT NULL)
) STRICT;
CREATE INDEX deal_by_lead ON deal(lead_id);

CREATE TABLE refund (
    id           INTEGER PRIMARY KEY,
    deal_id      INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    at           INTEGER NOT NULL,
    batch_id     INTEGER REFERENCES import_batch(id)
) STRICT;
CREATE INDEX refund_by_deal ON refund(deal_id);

-- One row per campaign per calendar day: re-importing the day replaces the row.
CREATE TABLE spend (
    day          TEXT    NOT NULL,
    campaign_id  INTEGER NOT NULL REFERENCES campaign(id),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT    NOT NULL,
    platform     TEXT,
    impressions  INTEGER NOT NULL DEFAULT 0,
    reach        INTEGER NOT NULL DEFAULT 0,
    clicks       INTEGER NOT NULL DEFAULT 0,
    engagements  INTEGER NOT NULL DEFAULT 0,
    batch_id     INTEGER REFERENCES import_batch(id),
    PRIMARY KEY (day, campaign_id)
) STRICT;

CREATE TABLE exchange_rate (
    day           TEXT NOT NULL,
    from_currency TEXT NOT NULL,
    to_currency   TEXT NOT NULL,
    rate          TEXT NOT NULL,
    PRIMARY KEY (from_currency, to_currency, day)
) STRICT;

-- LeadTrail schema 8: what `leadtrail serve` keeps besides the leads and touches it writes through the store.
-- Tracked links (`link add`), API tokens (`token add`, only their SHA-256 is kept), webhook sources (`hook add`,
-- the URL secret's SHA-256 and the platform's own handshake values) and Meta lead ids waiting to be fetched.

CREATE TABLE tracked_link (
    slug          TEXT    PRIMARY KEY,
    target        TEXT    NOT NULL,
    utm_source    TEXT,
    utm_medium    TEXT,
    utm_campaign  TEXT    NOT NULL,
    utm_content   TEXT,
    utm_term      TEXT,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE api_token (
    name          TEXT    PRIMARY KEY,
    scope         TEXT    NOT NULL CHECK (scope IN ('read', 'write')),
    token_sha256  TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE webhook_source (
    name          TEXT    PRIMARY KEY,
    format        TEXT    NOT NULL CHECK (format IN ('tilda', 'json', 'vk', 'meta')),
    secret_sha256 TEXT    NOT NULL,
    -- VK: the confirmation string and the Callback API secret; Meta: the verify token and the app secret.
    handshake     TEXT,
    shared_secret TEXT,
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE meta_leadgen (
    leadgen_id    TEXT    PRIMARY KEY,
    source        TEXT    NOT NULL,
    page_id       TEXT,
    form_id       TEXT,
    ad_id         TEXT,
    received_at   INTEGER NOT NULL,
    fetched_at    INTEGER
) STRICT;

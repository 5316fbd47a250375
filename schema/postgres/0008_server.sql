-- LeadTrail schema 8 for PostgreSQL (as schema/0008_server.sql): what `leadtrail serve` keeps besides the leads and touches it writes through the store.
-- Tracked links (`link add`), API tokens (`token add`, only their SHA-256 is kept), webhook sources (`hook add`,
-- the URL secret's SHA-256 and the platform's own handshake values) and Meta lead ids waiting to be fetched.

CREATE TABLE tracked_link (
    slug          TEXT COLLATE "C"    PRIMARY KEY,
    target        TEXT COLLATE "C"    NOT NULL,
    utm_source    TEXT COLLATE "C",
    utm_medium    TEXT COLLATE "C",
    utm_campaign  TEXT COLLATE "C"    NOT NULL,
    utm_content   TEXT COLLATE "C",
    utm_term      TEXT COLLATE "C",
    created_at    BIGINT  NOT NULL
);

CREATE TABLE api_token (
    name          TEXT COLLATE "C"    PRIMARY KEY,
    scope         TEXT COLLATE "C"    NOT NULL CHECK (scope IN ('read', 'write')),
    token_sha256  TEXT COLLATE "C"    NOT NULL UNIQUE,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE webhook_source (
    name          TEXT COLLATE "C"    PRIMARY KEY,
    format        TEXT COLLATE "C"    NOT NULL CHECK (format IN ('tilda', 'json', 'vk', 'meta')),
    secret_sha256 TEXT COLLATE "C"    NOT NULL,
    -- VK: the confirmation string and the Callback API secret; Meta: the verify token and the app secret.
    handshake     TEXT COLLATE "C",
    shared_secret TEXT COLLATE "C",
    created_at    BIGINT  NOT NULL
);

CREATE TABLE meta_leadgen (
    leadgen_id    TEXT COLLATE "C"    PRIMARY KEY,
    source        TEXT COLLATE "C"    NOT NULL,
    page_id       TEXT COLLATE "C",
    form_id       TEXT COLLATE "C",
    ad_id         TEXT COLLATE "C",
    received_at   BIGINT  NOT NULL,
    fetched_at    BIGINT
);

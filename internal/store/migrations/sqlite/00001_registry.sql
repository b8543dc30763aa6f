-- +goose Up
-- Text fields that may carry translations (name, title, description,
-- indicator, note) hold a JSON object {"az": …, "en": …, "ru": …} written by
-- Go. search holds the Azerbaijani text folded by Azerbaijani rules (İ→i,
-- I→ı) and search_intl the other translations folded by their own
-- language's rules, so that neither language's capitals break the other's;
-- sort_key and clause_key hold byte-ordered keys computed in Go. Times are
-- RFC 3339 UTC text written by Go; dates are YYYY-MM-DD text.
CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    region     TEXT NOT NULL DEFAULT '',
    code       TEXT NOT NULL DEFAULT '',
    search     TEXT NOT NULL DEFAULT '',
    search_intl TEXT NOT NULL DEFAULT '',
    sort_key   TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT NOT NULL UNIQUE,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    number       INTEGER NOT NULL DEFAULT 0,
    title        TEXT NOT NULL,
    period_text  TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end   TEXT,
    approved     TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    source_url   TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '{}',
    search       TEXT NOT NULL DEFAULT '',
    search_intl  TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX plans_member ON plans(member_id, number);

CREATE TABLE areas (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    area_key     TEXT NOT NULL,
    number       TEXT NOT NULL DEFAULT '',
    external_id  TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, area_key)
);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER REFERENCES members(id),
    scope      TEXT NOT NULL DEFAULT '', -- the member's slug, '' for none: unique with name_key
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    search     TEXT NOT NULL DEFAULT '',
    search_intl TEXT NOT NULL DEFAULT '',
    sort_key   TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (scope, name_key)
);
CREATE INDEX organisations_sort ON organisations(sort_key);

CREATE TABLE measures (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    area_id      INTEGER REFERENCES areas(id) ON DELETE SET NULL,
    match_key    TEXT NOT NULL,
    clause       TEXT NOT NULL DEFAULT '',
    clause_key   TEXT NOT NULL DEFAULT '',
    external_id  TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '{}',
    indicator    TEXT NOT NULL DEFAULT '{}',
    period_text  TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end   TEXT,
    ogp_values   TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT '[]',
    source       TEXT NOT NULL DEFAULT '',
    source_url   TEXT NOT NULL DEFAULT '',
    search       TEXT NOT NULL DEFAULT '',
    search_intl  TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (plan_id, match_key)
);
CREATE INDEX measures_plan_clause ON measures(plan_id, clause_key);
CREATE INDEX measures_area ON measures(area_id);
CREATE INDEX measures_external ON measures(external_id);

CREATE TABLE measure_executors (
    measure_id      INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    role            TEXT NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (measure_id, organisation_id, role)
);
CREATE INDEX measure_executors_org ON measure_executors(organisation_id);

CREATE TABLE milestones (
    id           INTEGER PRIMARY KEY,
    measure_id   INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    period_text  TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end   TEXT
);
CREATE INDEX milestones_measure ON milestones(measure_id, position);

-- +goose Down
DROP TABLE milestones;
DROP TABLE measure_executors;
DROP TABLE measures;
DROP TABLE organisations;
DROP TABLE areas;
DROP TABLE plans;
DROP TABLE members;

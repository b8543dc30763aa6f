-- +goose Up
-- Monitoring: rounds of assessments of a plan's measures. Names are JSON
-- objects of translations written by Go; times RFC 3339 UTC text and dates
-- YYYY-MM-DD text written by Go. content_hash is the fingerprint of a row's
-- content computed by the transaction that wrote it, which VerifyContent
-- recomputes, so a rating changed in the database directly is named.
CREATE TABLE rounds (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    external_id  TEXT NOT NULL DEFAULT '', -- '' for rounds made in ogpp
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    period_text  TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end   TEXT,
    status       TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX rounds_external ON rounds(external_id) WHERE external_id <> '';
CREATE INDEX rounds_plan ON rounds(plan_id, period_start);

-- One assessment per measure per round. Its ratings live in its versions,
-- one per save, never overwritten: current_version is the latest,
-- approved_version the last one a reviewer approved (NULL before any),
-- which is what the public sees. status, review_comment and reviewer_* are
-- the current version's review. version is the row's own counter for
-- optimistic concurrency, raised by every write to it.
CREATE TABLE assessments (
    id               INTEGER PRIMARY KEY,
    round_id         INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    measure_id       INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    review_comment   TEXT NOT NULL DEFAULT '',
    current_version  INTEGER NOT NULL,
    approved_version INTEGER,
    reviewer_id      INTEGER NOT NULL DEFAULT 0,
    reviewer_name    TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    content_hash     TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (round_id, measure_id)
);
CREATE INDEX assessments_measure ON assessments(measure_id);

-- One row per save. verifiable is NULL (not rated), 0 or 1; relevance a
-- comma-separated list of OGP values; milestones and links JSON arrays.
-- status is the status the save put the assessment in; review_* record
-- what review the version then had (submitted, approved, returned). Author
-- and reviewer ids have no foreign key: like the audit log, the history
-- outlives the accounts it names, and imports are by no account (0).
CREATE TABLE assessment_versions (
    id              INTEGER PRIMARY KEY,
    assessment_id   INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    completion      TEXT NOT NULL DEFAULT '',
    verifiable      INTEGER,
    relevance       TEXT NOT NULL DEFAULT '',
    relevance_rated INTEGER NOT NULL DEFAULT 0,
    impact          TEXT NOT NULL DEFAULT '',
    opened          TEXT NOT NULL DEFAULT '',
    early_results   TEXT NOT NULL DEFAULT '',
    narrative       TEXT NOT NULL DEFAULT '',
    milestones      TEXT NOT NULL DEFAULT '[]',
    links           TEXT NOT NULL DEFAULT '[]',
    author_id       INTEGER NOT NULL DEFAULT 0,
    author_name     TEXT NOT NULL,
    saved_at        TEXT NOT NULL,
    status          TEXT NOT NULL,
    review_status   TEXT NOT NULL DEFAULT '',
    review_comment  TEXT NOT NULL DEFAULT '',
    reviewer_id     INTEGER NOT NULL DEFAULT 0,
    reviewer_name   TEXT NOT NULL DEFAULT '',
    reviewed_at     TEXT,
    content_hash    TEXT NOT NULL DEFAULT '',
    UNIQUE (assessment_id, version)
);

-- Uploaded evidence, kept in the database so that every instance serving
-- it shares it. A file belongs to the versions from added_version up to,
-- not including, removed_version (NULL while it is current evidence).
CREATE TABLE evidence_files (
    id              INTEGER PRIMARY KEY,
    assessment_id   INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    added_version   INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    data            BLOB NOT NULL,
    added_by_id     INTEGER NOT NULL DEFAULT 0,
    added_by        TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    removed_version INTEGER,
    removed_by      TEXT NOT NULL DEFAULT '',
    removed_at      TEXT
);
CREATE INDEX evidence_files_assessment ON evidence_files(assessment_id, added_version);

-- A state body's own account of a measure it executes, one per body per
-- measure per round; its history is in the audit log.
CREATE TABLE self_assessments (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    measure_id      INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    completion      TEXT NOT NULL,
    narrative       TEXT NOT NULL DEFAULT '',
    author_id       INTEGER NOT NULL DEFAULT 0,
    author_name     TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (round_id, measure_id, organisation_id)
);
CREATE INDEX self_assessments_measure ON self_assessments(measure_id);

-- +goose Down
DROP TABLE self_assessments;
DROP TABLE evidence_files;
DROP TABLE assessment_versions;
DROP TABLE assessments;
DROP TABLE rounds;

-- +goose Up
-- Scorecards compare organisations of the registry (subjects) against
-- weighted criteria. A scorecard's content_hash is the fingerprint of its
-- whole content — its own fields, subjects, criteria and cells — computed
-- by the transaction that wrote it, because every change of the table is
-- one audited write of the scorecard; version counts those writes for
-- optimistic concurrency. activity_id names a row of project_activities by
-- plain number, without a foreign key, so that this migration stands
-- whichever capability's tables change. Translatable texts are JSON
-- objects written by Go; times RFC 3339 UTC text written by Go.
CREATE TABLE scorecards (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '{}',
    activity_id  INTEGER,
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);

CREATE TABLE scorecard_subjects (
    id              INTEGER PRIMARY KEY,
    scorecard_id    INTEGER NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    position        INTEGER NOT NULL,
    UNIQUE (scorecard_id, organisation_id)
);

-- Scores are whole numbers from min_score to max_score.
CREATE TABLE scorecard_criteria (
    id           INTEGER PRIMARY KEY,
    scorecard_id INTEGER NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    guidance     TEXT NOT NULL DEFAULT '{}',
    weight       INTEGER NOT NULL,
    min_score    INTEGER NOT NULL,
    max_score    INTEGER NOT NULL,
    position     INTEGER NOT NULL
);
CREATE INDEX scorecard_criteria_card ON scorecard_criteria(scorecard_id);

-- A cell without a row, or with score NULL, is not scored yet.
CREATE TABLE scorecard_cells (
    scorecard_id INTEGER NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
    subject_id   INTEGER NOT NULL REFERENCES scorecard_subjects(id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES scorecard_criteria(id) ON DELETE CASCADE,
    score        INTEGER,
    evidence     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (subject_id, criterion_id)
);
CREATE INDEX scorecard_cells_card ON scorecard_cells(scorecard_id);

-- +goose Down
DROP TABLE scorecard_cells;
DROP TABLE scorecard_criteria;
DROP TABLE scorecard_subjects;
DROP TABLE scorecards;

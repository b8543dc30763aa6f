-- +goose Up
-- Surveys: a questionnaire and the answers given to it, by its public link
-- or typed in from paper by an interviewer. A survey's structure (sections,
-- questions, options, quotas) is one JSON document written and read by Go:
-- it is always read and changed whole, and a closed survey freezes it.
-- Answers are one JSON object per response, keyed by question key, for the
-- same reason. content_hash is the fingerprint VerifyContent recomputes;
-- version and deleted_at work as for the registry.
CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '{}',
    status         TEXT NOT NULL DEFAULT 'draft',
    named          INTEGER NOT NULL DEFAULT 0,
    results_public INTEGER NOT NULL DEFAULT 0,
    sample_size    INTEGER NOT NULL DEFAULT 0,
    definition     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);

-- channel is "link" (the public form) or "interviewer" (a paper
-- questionnaire typed in; entered_by names who typed it).
CREATE TABLE survey_responses (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES surveys(id),
    channel      TEXT NOT NULL,
    respondent   TEXT NOT NULL DEFAULT '',
    entered_by   INTEGER,
    entered_name TEXT NOT NULL DEFAULT '',
    answers      TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses(survey_id, id);

-- +goose Down
DROP TABLE survey_responses;
DROP TABLE surveys;

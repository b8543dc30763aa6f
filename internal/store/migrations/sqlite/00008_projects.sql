-- +goose Up
-- The platform's projects as logframes: goals, activities serving clauses
-- of the national action plan, their tasks, and output indicators. Texts
-- are JSON objects of translations written by Go; goals and outputs JSON
-- arrays; times RFC 3339 UTC text and dates YYYY-MM-DD text written by Go.
-- Every row has a version (optimistic concurrency), deleted_at (soft
-- deletes) and content_hash, the fingerprint of its content computed by
-- the transaction that wrote it, which VerifyContent recomputes.

-- plan_ref is the external id of the registry plan whose clauses the
-- activities cite; kept as text rather than a foreign key, so that an
-- activity finds its measure again after the plan is re-imported.
CREATE TABLE projects (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    general_goal TEXT NOT NULL DEFAULT '{}',
    goals        TEXT NOT NULL DEFAULT '[]',
    description  TEXT NOT NULL DEFAULT '{}',
    plan_ref     TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    source_url   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);

-- number_key and clause_key order numbers naturally (3 < 12, 4.1.3 <
-- 4.1.10), as the registry's clause_key does. Appeals, media and events
-- link to an activity by its id.
CREATE TABLE project_activities (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number       TEXT NOT NULL,
    number_key   TEXT NOT NULL,
    title        TEXT NOT NULL,
    clause       TEXT NOT NULL DEFAULT '',
    goal         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '{}',
    outputs      TEXT NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX project_activities_project ON project_activities(project_id, number_key);
CREATE INDEX project_activities_clause ON project_activities(clause);

-- A task is assigned to a user (assignee_id) or to a person without an
-- account, by name (assignee_name), or to nobody.
CREATE TABLE project_tasks (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES project_activities(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    status        TEXT NOT NULL,
    assignee_id   INTEGER REFERENCES users(id),
    assignee_name TEXT NOT NULL DEFAULT '',
    due           TEXT,
    outputs       TEXT NOT NULL DEFAULT '[]',
    version       INTEGER NOT NULL DEFAULT 1,
    content_hash  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX project_tasks_activity ON project_tasks(activity_id, position);
CREATE INDEX project_tasks_assignee ON project_tasks(assignee_id);

-- target and reported are NULL when not given; computation names the
-- source that computes the recorded value ('' for none).
CREATE TABLE project_indicators (
    id              INTEGER PRIMARY KEY,
    project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    target          INTEGER,
    reported        INTEGER,
    reported_source TEXT NOT NULL DEFAULT '',
    computation     TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    content_hash    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX project_indicators_project ON project_indicators(project_id, position);

-- +goose Down
DROP TABLE project_indicators;
DROP TABLE project_tasks;
DROP TABLE project_activities;
DROP TABLE projects;

-- +goose Up
-- Drafts of the platform's documents and the meetings that decide on
-- them. Titles are JSON objects of translations written by Go; texts
-- markdown; dates YYYY-MM-DD and times RFC 3339 UTC text written by Go.
-- version is each row's counter for optimistic concurrency; content_hash
-- the fingerprint of its content computed by the transaction that wrote
-- it, which VerifyContent recomputes. Author ids have no foreign key: like
-- the audit log, a draft's history outlives the accounts it names.

-- A meeting of the platform. quorum_* is its rule (more than, or with
-- quorum_at_least at least, quorum_num/quorum_den of the active members);
-- eligible is how many member organisations were active on held_on when
-- the attendance was recorded, so that a later change of membership leaves
-- a past quorum as it was.
CREATE TABLE meetings (
    id                  INTEGER PRIMARY KEY,
    held_on             TEXT NOT NULL,
    place               TEXT NOT NULL,
    quorum_num          INTEGER NOT NULL,
    quorum_den          INTEGER NOT NULL,
    quorum_at_least     INTEGER NOT NULL DEFAULT 0,
    attendance_recorded INTEGER NOT NULL DEFAULT 0,
    eligible            INTEGER NOT NULL DEFAULT 0,
    created_by          TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    content_hash        TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX meetings_held_on ON meetings(held_on);

CREATE TABLE meeting_attendance (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (meeting_id, organisation_id)
);

-- A draft. current_revision is the number of its latest version (0 before
-- the first), adopted_revision the one a meeting adopted (0 for none);
-- activity_id is a plain number, activities being kept elsewhere.
CREATE TABLE drafts (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL,
    title              TEXT NOT NULL,
    group_id           INTEGER REFERENCES platform_groups(id),
    activity_id        INTEGER NOT NULL DEFAULT 0,
    status             TEXT NOT NULL,
    current_revision   INTEGER NOT NULL DEFAULT 0,
    adopted_revision   INTEGER NOT NULL DEFAULT 0,
    decided_meeting_id INTEGER REFERENCES meetings(id),
    published_at       TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    content_hash       TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX drafts_group ON drafts(group_id);
CREATE INDEX drafts_status ON drafts(status, updated_at);

-- One row per saved version of a draft's text, never overwritten.
CREATE TABLE draft_revisions (
    id           INTEGER PRIMARY KEY,
    draft_id     INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    author_id    INTEGER NOT NULL DEFAULT 0,
    author_name  TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT '',
    UNIQUE (draft_id, number)
);

-- Comments on a version's section (by its heading's slug) or a paragraph
-- of it (paragraph from 1; 0 for the whole section). A reply has the
-- first comment of its thread as parent_id; threads are resolved on that
-- first comment.
CREATE TABLE draft_comments (
    id           INTEGER PRIMARY KEY,
    draft_id     INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL,
    section      TEXT NOT NULL,
    paragraph    INTEGER NOT NULL DEFAULT 0,
    parent_id    INTEGER REFERENCES draft_comments(id),
    body         TEXT NOT NULL,
    author_id    INTEGER NOT NULL DEFAULT 0,
    author_name  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    resolved     INTEGER NOT NULL DEFAULT 0,
    resolved_by  TEXT NOT NULL DEFAULT '',
    resolved_at  TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX draft_comments_draft ON draft_comments(draft_id, id);

-- A draft on a meeting's agenda, with the vote and the outcome once
-- decided (outcome '' before); revision is the version voted on.
CREATE TABLE agenda_items (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    draft_id      INTEGER NOT NULL REFERENCES drafts(id),
    votes_for     INTEGER NOT NULL DEFAULT 0,
    votes_against INTEGER NOT NULL DEFAULT 0,
    votes_abstain INTEGER NOT NULL DEFAULT 0,
    outcome       TEXT NOT NULL DEFAULT '',
    revision      INTEGER NOT NULL DEFAULT 0,
    decided_at    TEXT,
    UNIQUE (meeting_id, draft_id)
);
CREATE INDEX agenda_items_draft ON agenda_items(draft_id);

-- +goose Down
DROP TABLE agenda_items;
DROP TABLE draft_comments;
DROP TABLE draft_revisions;
DROP TABLE drafts;
DROP TABLE meeting_attendance;
DROP TABLE meetings;

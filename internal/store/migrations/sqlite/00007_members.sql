-- +goose Up
-- The platform's members, people and expert groups. Texts are JSON objects
-- of translations written by Go; dates YYYY-MM-DD and times RFC 3339 UTC
-- text written by Go. Every row has a version for optimistic concurrency,
-- deleted_at for soft deletes, and content_hash, the fingerprint of its
-- content that VerifyContent recomputes.

-- One live membership per organisation: a deleted one does not keep the
-- organisation from joining again.
CREATE TABLE platform_memberships (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    since           TEXT NOT NULL,
    status          TEXT NOT NULL,
    status_since    TEXT, -- the day the status last changed; NULL while active since joining
    note            TEXT NOT NULL DEFAULT '{}',
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT,
    content_hash    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX platform_memberships_live ON platform_memberships(organisation_id) WHERE deleted_at IS NULL;

-- People. email, phone and address are private: only coordinators and
-- administrators see them, and they are in no search index, export or
-- audit entry's public view.
CREATE TABLE platform_people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id),
    position        TEXT NOT NULL DEFAULT '{}',
    representative  INTEGER NOT NULL DEFAULT 0,
    expertise       TEXT NOT NULL DEFAULT '[]',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    search          TEXT NOT NULL DEFAULT '',
    search_intl     TEXT NOT NULL DEFAULT '',
    sort_key        TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT,
    content_hash    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX platform_people_organisation ON platform_people(organisation_id);
CREATE INDEX platform_people_sort ON platform_people(sort_key);

-- Expert groups. activity_id and draft_id are plain numbers: activities
-- and drafts are kept by other parts of ogpp, which may come later.
CREATE TABLE platform_groups (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    purpose      TEXT NOT NULL DEFAULT '{}',
    formed_for   TEXT NOT NULL DEFAULT '{}',
    activity_id  INTEGER NOT NULL DEFAULT 0,
    draft_id     INTEGER NOT NULL DEFAULT 0,
    lead_id      INTEGER REFERENCES platform_people(id),
    status       TEXT NOT NULL,
    sort_key     TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX platform_groups_lead ON platform_groups(lead_id);
CREATE INDEX platform_groups_activity ON platform_groups(activity_id);
CREATE INDEX platform_groups_draft ON platform_groups(draft_id);

CREATE TABLE platform_group_members (
    group_id  INTEGER NOT NULL REFERENCES platform_groups(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES platform_people(id),
    position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX platform_group_members_person ON platform_group_members(person_id);

-- +goose Down
DROP TABLE platform_group_members;
DROP TABLE platform_groups;
DROP TABLE platform_people;
DROP TABLE platform_memberships;

-- +goose Up
-- The platform's events and their participants. Times are RFC 3339 UTC
-- text written by Go; the title is a JSON object of translations; measure
-- ids, partners and the agenda are JSON arrays written and read by Go (SQL
-- never looks inside them). activity_id names a project activity by plain
-- number, like appeals do. content_hash is the row's fingerprint, which
-- VerifyContent recomputes; version is for optimistic concurrency.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    region        TEXT NOT NULL DEFAULT '',
    online_url    TEXT NOT NULL DEFAULT '',
    recording_url TEXT NOT NULL DEFAULT '',
    activity_id   INTEGER,
    measure_ids   TEXT NOT NULL DEFAULT '[]',
    partners      TEXT NOT NULL DEFAULT '[]',
    agenda        TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL,
    capacity      INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    content_hash  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX events_start ON events(starts_at);
CREATE INDEX events_activity ON events(activity_id);

-- Named registrations. cancel_hash is the SHA-256 of the one-time
-- cancellation token (the token itself is only shown to the registrant);
-- client is a hash of the sender's address for the rate limit, kept in the
-- database so that every instance shares it. The waitlist is ordered by
-- id: the first to register is the first promoted.
CREATE TABLE event_registrations (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    organisation  TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL,
    status        TEXT NOT NULL,
    checked_in_at TEXT,
    cancel_hash   TEXT NOT NULL UNIQUE,
    client        TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    content_hash  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX event_registrations_event ON event_registrations(event_id, status, id);
CREATE INDEX event_registrations_client ON event_registrations(client, created_at);

-- Head counts by category, for events where names were not recorded.
CREATE TABLE event_head_counts (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    category     TEXT NOT NULL,
    count        INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL,
    UNIQUE (event_id, category)
);

-- +goose Down
DROP TABLE event_head_counts;
DROP TABLE event_registrations;
DROP TABLE events;

-- +goose Up
-- Accounts and sessions. Times are RFC 3339 UTC text with milliseconds
-- written by Go, so comparing them as text compares them as times. Tokens
-- (sessions, setup links) are kept only as the hex SHA-256 of the token the
-- browser holds: a copy of the database does not sign anyone in.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE, -- normalised: trimmed, lower case
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id), -- a focal point's state body
    password_hash   TEXT NOT NULL DEFAULT '', -- PHC argon2id string
    disabled_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX users_role ON users(role);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL, -- the absolute timeout; the idle one is counted from last_seen_at
    remote_addr  TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);

-- One row per failed login under each key it counts against (a hashed
-- email, a hashed client address), so that every instance sharing the
-- database throttles alike.
CREATE TABLE login_failures (
    throttle_key TEXT NOT NULL,
    failed_at    TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, failed_at);
CREATE INDEX login_failures_at ON login_failures(failed_at);

-- One-time links that create the first admin.
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

-- +goose Down
DROP TABLE setup_tokens;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;

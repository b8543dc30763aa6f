-- +goose Up
-- The platform's outreach: appeals and proposals sent to state bodies with
-- their replies and documents, media coverage of its work, and the register
-- of resources it bought. Translatable texts are JSON objects written by
-- Go; times RFC 3339 UTC text and dates YYYY-MM-DD text written by Go.
-- content_hash is the fingerprint of a row's content computed by the
-- transaction that wrote it, which VerifyContent recomputes. version and
-- deleted_at work as for the registry: optimistic concurrency and soft
-- deletes. activity_id and event_id name rows of other capabilities by
-- plain number, without a foreign key, so that this migration stands
-- whichever of them lands first.

-- reply_days is the working days the law gave for a reply when the appeal
-- was recorded, so that a later change of the configured kinds moves no
-- deadline already running. The deadline and the status are derived, never
-- stored: they depend on the calendar of holidays and on the day.
CREATE TABLE appeals (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    reply_days       INTEGER NOT NULL,
    addressee_id     INTEGER NOT NULL REFERENCES organisations(id),
    reference        TEXT NOT NULL DEFAULT '',
    sent_on          TEXT NOT NULL,
    subject          TEXT NOT NULL,
    activity_id      INTEGER,
    measure_id       INTEGER REFERENCES measures(id) ON DELETE SET NULL,
    closed_on        TEXT,
    documents_public INTEGER NOT NULL DEFAULT 0,
    document_id      INTEGER REFERENCES appeal_files(id), -- the letter, NULL before it is uploaded
    search           TEXT NOT NULL DEFAULT '',
    search_intl      TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    content_hash     TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE INDEX appeals_sent ON appeals(sent_on);
CREATE INDEX appeals_addressee ON appeals(addressee_id);
CREATE INDEX appeals_activity ON appeals(activity_id);
CREATE INDEX appeals_measure ON appeals(measure_id);

-- Files kept with appeals: an appeal's letter (reply_id NULL) or a reply's
-- file, in the database so that every instance serving them shares them.
-- A file replaced by a newer one stays, no longer pointed at. reply_id says
-- whose file it is; the reply points at it.
CREATE TABLE appeal_files (
    id           INTEGER PRIMARY KEY,
    appeal_id    INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    reply_id     INTEGER,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    added_by_id  INTEGER NOT NULL DEFAULT 0,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL
);
CREATE INDEX appeal_files_appeal ON appeal_files(appeal_id);

CREATE TABLE appeal_replies (
    id           INTEGER PRIMARY KEY,
    appeal_id    INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    received_on  TEXT NOT NULL,
    summary      TEXT NOT NULL,
    file_id      INTEGER REFERENCES appeal_files(id),
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX appeal_replies_appeal ON appeal_replies(appeal_id, received_on);

CREATE TABLE media_items (
    id           INTEGER PRIMARY KEY,
    outlet       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    published_on TEXT NOT NULL,
    title        TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    activity_id  INTEGER,
    event_id     INTEGER,
    measure_id   INTEGER REFERENCES measures(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX media_items_published ON media_items(published_on);
CREATE INDEX media_items_activity ON media_items(activity_id);

-- Costs in hundredths of the currency (qəpik for the manat), so that sums
-- are exact.
CREATE TABLE platform_resources (
    id           INTEGER PRIMARY KEY,
    item         TEXT NOT NULL,
    bought_on    TEXT NOT NULL,
    cost_minor   INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    activity_id  INTEGER,
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX platform_resources_bought ON platform_resources(bought_on);

-- +goose Down
DROP TABLE platform_resources;
DROP TABLE media_items;
DROP TABLE appeal_replies;
DROP TABLE appeal_files;
DROP TABLE appeals;

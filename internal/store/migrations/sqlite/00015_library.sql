-- +goose Up
-- The library of materials: documents (reports, proposal packages,
-- presentations, press releases, videos, photo sets…) with their files and
-- links, tied to the platform's activities and events, the plan's measures
-- and drafts. Times are RFC 3339 UTC text and dates YYYY-MM-DD text written
-- by Go; links are a JSON array written and read by Go (SQL never looks
-- inside it). content_hash is the row's fingerprint, covering its
-- relations and the SHA-256 of its live files, which VerifyContent
-- recomputes; version and deleted_at work as for the registry.
CREATE TABLE library_documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    language     TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    links        TEXT NOT NULL DEFAULT '[]',
    published    INTEGER NOT NULL DEFAULT 0,
    published_at TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX library_documents_issued ON library_documents(issued_on);

-- What a document is tied to: target is activity, event, measure or draft,
-- target_id the row's id in its own table, by plain number (the row may be
-- deleted since; pages then leave it out).
CREATE TABLE library_relations (
    document_id INTEGER NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
    target      TEXT NOT NULL,
    target_id   INTEGER NOT NULL,
    PRIMARY KEY (document_id, target, target_id)
);
CREATE INDEX library_relations_target ON library_relations(target, target_id);

-- Files kept in the database, so that every instance serving them shares
-- them. text is what was extracted for search (a PDF's text), empty when
-- nothing could be. A removed file stays, with removed_at set.
CREATE TABLE library_files (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    added_by_id  INTEGER NOT NULL DEFAULT 0,
    added_by     TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    removed_by   TEXT,
    removed_at   TEXT
);
CREATE INDEX library_files_document ON library_files(document_id);

-- +goose Down
DROP TABLE library_files;
DROP TABLE library_relations;
DROP TABLE library_documents;

-- +goose Up
-- The site-wide search. search_documents holds every public document as
-- its page shows it (title, body, translations as a JSON array written by
-- Go, its address, context (a measure's plan), date as YYYY-MM-DD text) and tsv, the words of each
-- folded by Go (the Azerbaijani way, and by their own language's rules for
-- other languages) under the 'simple' configuration, which then changes
-- nothing. Weights tell the four parts apart: A Azerbaijani title, B
-- Azerbaijani body, C title in other languages, D body in other languages.
-- The whole index is replaced at once; search_state is the one row a
-- rebuild locks first, which serialises rebuilds across instances.
-- changes counts the changes that any instance or an import marked;
-- built_from is the count the index was built from: when they differ, the
-- next search rebuilds the index.
CREATE TABLE search_documents (
    id           BIGINT PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref_id       BIGINT NOT NULL,
    lang         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    translations TEXT NOT NULL DEFAULT '[]',
    url          TEXT NOT NULL,
    context      TEXT NOT NULL DEFAULT '',
    date         TEXT COLLATE "C",
    tsv          tsvector NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
CREATE TABLE search_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    rebuilt_at TEXT NOT NULL DEFAULT '',
    documents  INTEGER NOT NULL DEFAULT 0,
    changes    BIGINT NOT NULL DEFAULT 0,
    built_from BIGINT NOT NULL DEFAULT -1
);
INSERT INTO search_state (id) VALUES (1);

-- +goose Down
DROP TABLE search_state;
DROP TABLE search_documents;

-- +goose Up
-- The site-wide search. search_documents holds every public document as
-- its page shows it (title, body, translations as a JSON array written by
-- Go, its address, context (a measure's plan), date as YYYY-MM-DD text); search_fts indexes the
-- words of each, folded by Go the Azerbaijani way in the _az columns and
-- by their own language's rules in the _intl columns. The text is folded
-- before it reaches FTS5 because unicode61 would fold I to i, wrong for
-- Azerbaijani (I is the capital of ı). The FTS table is contentless: its
-- rowid is the document's id, and snippets are made in Go from the
-- document's text. The whole index is replaced at once; search_state is
-- the one row a rebuild updates first, which serialises rebuilds. changes
-- counts the changes that other processes (an import, another instance)
-- marked; built_from is the count the index was built from: when they
-- differ, the next search rebuilds the index.
CREATE TABLE search_documents (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref_id       INTEGER NOT NULL,
    lang         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    translations TEXT NOT NULL DEFAULT '[]',
    url          TEXT NOT NULL,
    context      TEXT NOT NULL DEFAULT '',
    date         TEXT,
    UNIQUE (kind, ref_id)
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title_az, body_az, title_intl, body_intl,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);
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
DROP TABLE search_fts;
DROP TABLE search_documents;

-- +goose Up
-- The audit log: one row per write, appended in the transaction of the
-- change it records and never updated or deleted. seq numbers entries 1, 2,
-- 3… without gaps (no AUTOINCREMENT: a number is taken only by a committed
-- entry). Each row's hash is the SHA-256 of its fields and of prev_hash, the
-- hash of the row before (see internal/audit), so that a row changed,
-- removed or inserted outside ogpp breaks the chain. at is RFC 3339 UTC
-- text written by Go; before and after are canonical JSON, '' for none, kept
-- as text because the hash covers their exact bytes. actor_id has no
-- foreign key: the log outlives the accounts it names.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER NOT NULL DEFAULT 0,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL DEFAULT '',
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_id, seq);
CREATE INDEX audit_log_at ON audit_log(at);

-- The chain head: the last entry's seq and hash, kept apart from the log so
-- that entries removed from its end are noticed, and read first by every
-- append. One row, created here; seq 0 and 64 zeros for an empty log.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: ogpp never updates or deletes an entry, so refuse it. This
-- stops mistakes, not a determined owner of the database, who can drop the
-- triggers; the hash chain is what finds that.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_log_no_update;
DROP TABLE audit_head;
DROP TABLE audit_log;

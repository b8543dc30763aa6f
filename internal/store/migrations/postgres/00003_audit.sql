-- +goose Up
-- The audit log: one row per write, appended in the transaction of the
-- change it records and never updated or deleted. seq numbers entries 1, 2,
-- 3… without gaps (not an identity column, whose values a rolled-back
-- transaction would skip). Each row's hash is the SHA-256 of its fields and
-- of prev_hash, the hash of the row before (see internal/audit), so that a
-- row changed, removed or inserted outside ogpp breaks the chain. at is
-- RFC 3339 UTC text written by Go; before and after are canonical JSON, ''
-- for none, kept as text, not jsonb, because the hash covers their exact
-- bytes. actor_id has no foreign key: the log outlives the accounts it names.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT COLLATE "C" NOT NULL,
    actor_id    BIGINT NOT NULL DEFAULT 0,
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
-- that entries removed from its end are noticed. Every append locks this row
-- (SELECT … FOR UPDATE) before reading it, which serialises appenders across
-- instances. One row, created here; seq 0 and 64 zeros for an empty log.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: ogpp never updates, deletes or truncates the log, so refuse
-- it. This stops mistakes, not a determined owner of the database, who can
-- drop the triggers; the hash chain is what finds that.
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();

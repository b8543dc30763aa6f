-- +goose Up
-- Editing: every editable row carries a version, raised by each write, so
-- that a form saved over a newer version is refused instead of silently
-- overwriting it (optimistic concurrency); and deleted_at, set when the row
-- is deleted (RFC 3339 UTC text written by Go; NULL while it is live). A
-- deleted row stays in place, hidden from every read, until an admin
-- restores it. It keeps its natural key (a measure's match key, an
-- organisation's name), so an import does not recreate what was deleted.
ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN deleted_at TEXT;
ALTER TABLE areas ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE areas ADD COLUMN deleted_at TEXT;
ALTER TABLE measures ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE measures ADD COLUMN deleted_at TEXT;
ALTER TABLE milestones ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE milestones ADD COLUMN deleted_at TEXT;
ALTER TABLE organisations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN deleted_at TEXT;

-- +goose Down
ALTER TABLE organisations DROP COLUMN deleted_at;
ALTER TABLE organisations DROP COLUMN version;
ALTER TABLE milestones DROP COLUMN deleted_at;
ALTER TABLE milestones DROP COLUMN version;
ALTER TABLE measures DROP COLUMN deleted_at;
ALTER TABLE measures DROP COLUMN version;
ALTER TABLE areas DROP COLUMN deleted_at;
ALTER TABLE areas DROP COLUMN version;
ALTER TABLE plans DROP COLUMN deleted_at;
ALTER TABLE plans DROP COLUMN version;

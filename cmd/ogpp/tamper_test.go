package main

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite"
)

// tamperAudit edits the first audit entry behind ogpp's back, as someone
// with write access to the database file could: the append-only trigger is
// no obstacle to them, so it goes first.
func tamperAudit(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DROP TRIGGER audit_log_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
}

// tamperRegistry changes a measure's title in the database directly,
// leaving the audit log alone.
func tamperRegistry(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE measures SET title = '{"en":"Quietly rewritten"}' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
}

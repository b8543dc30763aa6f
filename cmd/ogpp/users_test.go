package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			pw := filepath.Join(t.TempDir(), "pw")
			if err := os.WriteFile(pw, []byte("a long enough passphrase\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, "user", "add", "--db", dsn, "--email", "Lalə@Example.org", "--name", "Lalə Həsənova", "--role", "coordinator", "--password-file", pw)
			if code != 0 || !strings.Contains(out, "Created") {
				t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
			}
			// The same address again, in other capitals, is refused by field.
			code, _, errOut = runCLI(t, "user", "add", "--db", dsn, "--email", "LALƏ@example.org", "--name", "X", "--role", "monitor", "--password-file", pw)
			if code != 1 || !strings.Contains(errOut, "--email: An account with this email address already exists.") {
				t.Errorf("duplicate: exit %d, %q", code, errOut)
			}
			code, _, errOut = runCLI(t, "user", "add", "--db", dsn, "--email", "m@example.org", "--name", "M", "--role", "boss", "--password-file", pw)
			if code != 1 || !strings.Contains(errOut, "--role: Choose a role") {
				t.Errorf("bad role: exit %d, %q", code, errOut)
			}
			if code, _, errOut = runCLI(t, "user", "disable", "--db", dsn, "--email", "lalə@example.org"); code != 0 {
				t.Errorf("disable: exit %d, %q", code, errOut)
			}
			code, out, _ = runCLI(t, "user", "list", "--db", dsn)
			if code != 0 || !strings.Contains(out, "Lalə Həsənova") || !strings.Contains(out, "disabled") || strings.Contains(out, "m@example.org") {
				t.Errorf("list: exit %d\n%s", code, out)
			}
		})
	}
}

func TestAuditVerifyNamesATamperedEntry(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ogpp.db")
	if code, out, errOut := runCLI(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runCLI(t, "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("verify an untouched log: exit %d\n%s%s", code, out, errOut)
	}
	tamperRegistry(t, db)
	code, _, errOut = runCLI(t, "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(errOut, "measure 1 (AZ-NAP-2016-2018 1.1): its content does not match") || strings.Contains(errOut, "entry") {
		t.Fatalf("verify after a direct edit of a measure: exit %d, %q", code, errOut)
	}
	tamperAudit(t, db)
	code, _, errOut = runCLI(t, "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(errOut, "entry 1 was changed") {
		t.Errorf("verify a tampered log: exit %d, %q", code, errOut)
	}
}

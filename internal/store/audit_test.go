package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

var auditT0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// tick makes db's clock advance a minute at each reading, from auditT0.
func tick(db *store.DB) {
	n := 0
	db.Now = func() time.Time {
		n++
		return auditT0.Add(time.Duration(n-1) * time.Minute)
	}
}

var coordinator = audit.Actor{UserID: 7, Name: "coordinator@example.org"}

// appendEntry appends one entry in a transaction of its own.
func appendEntry(t *testing.T, db *store.DB, e audit.Entry) audit.Entry {
	t.Helper()
	var got audit.Entry
	err := db.Transact(context.Background(), func(tx *sql.Tx) error {
		var err error
		got, err = db.AppendAudit(context.Background(), tx, e)
		return err
	})
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	return got
}

// measureEdit is an update of measure id by the coordinator.
func measureEdit(id int, title string) audit.Entry {
	return audit.Entry{Actor: coordinator, Action: audit.ActionUpdate, EntityType: audit.EntityMeasure, EntityID: fmt.Sprint(id),
		Before: json.RawMessage(`{"title": {"en": "Draft"}}`), After: json.RawMessage(`{"title": {"en": "` + title + `"}}`)}
}

// seedAudit appends five entries, checking that they verify.
func seedAudit(t *testing.T, db *store.DB) []audit.Entry {
	t.Helper()
	tick(db)
	var out []audit.Entry
	for i := range 5 {
		out = append(out, appendEntry(t, db, measureEdit(i+1, fmt.Sprintf("Title %d", i+1))))
	}
	verifyOK(t, db, 5)
	return out
}

func verifyOK(t *testing.T, db *store.DB, n int64) audit.Result {
	t.Helper()
	r, err := db.VerifyAudit(context.Background())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if !r.OK() || r.Checked != n {
		t.Fatalf("verify = %s (checked %d), want intact with %d entries", r, r.Checked, n)
	}
	return r
}

func TestAuditAppendsInTheCallersTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tick(db)
		verifyOK(t, db, 0)

		first := appendEntry(t, db, audit.Entry{Actor: coordinator, Action: audit.ActionCreate, EntityType: audit.EntityMeasure, EntityID: "1",
			After: json.RawMessage(`{"title": {"en": "<Open> & data"}, "clause": "4.1.3"}`)})
		if first.Seq != 1 || first.PrevHash != audit.Genesis || first.Hash != first.ComputeHash() || !first.At.Equal(auditT0) {
			t.Errorf("first entry = %+v", first)
		}
		if got := string(first.After); got != `{"clause":"4.1.3","title":{"en":"<Open> & data"}}` {
			t.Errorf("after = %s, want canonical JSON", got)
		}
		second := appendEntry(t, db, measureEdit(1, "Second"))

		// A change that rolls back takes its entry with it, and leaves no gap.
		boom := errors.New("the change failed")
		err := db.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := db.AppendAudit(ctx, tx, measureEdit(1, "Rolled back")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("transact = %v", err)
		}
		third := appendEntry(t, db, audit.Entry{Actor: coordinator, Action: audit.ActionDelete, EntityType: audit.EntityMeasure, EntityID: "1",
			Before: second.After})
		if third.Seq != 3 || third.PrevHash != second.Hash {
			t.Errorf("after a rollback: seq %d, prev %s; want 3 after %s", third.Seq, third.PrevHash, second.Hash)
		}

		r := verifyOK(t, db, 3)
		if r.Last.Seq != 3 || r.Last.Hash != third.Hash {
			t.Errorf("head = %+v, want 3 %s", r.Last, third.Hash)
		}
		entries, total, err := db.ListAudit(ctx, audit.Filter{})
		if err != nil || total != 3 || len(entries) != 3 {
			t.Fatalf("list: %d of %d, %v", len(entries), total, err)
		}
		for i, want := range []audit.Entry{third, second, first} {
			got := entries[i]
			if got.Seq != want.Seq || !got.At.Equal(want.At) || got.Actor != want.Actor || got.Action != want.Action ||
				got.EntityType != want.EntityType || got.EntityID != want.EntityID || string(got.Before) != string(want.Before) ||
				string(got.After) != string(want.After) || got.PrevHash != want.PrevHash || got.Hash != want.Hash {
				t.Errorf("stored entry %d =\n%+v\nappended\n%+v", want.Seq, got, want)
			}
		}

		// Entries that cannot be hashed as stored are refused.
		err = db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := db.AppendAudit(ctx, tx, audit.Entry{Actor: coordinator, Action: audit.ActionCreate, EntityType: audit.EntityPlan, After: json.RawMessage(`{`)})
			return err
		})
		if err == nil {
			t.Error("an entry with invalid JSON was appended")
		}
		verifyOK(t, db, 3)
	})
}

func TestAuditLogRefusesUpdatesAndDeletes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seedAudit(t, db)
		for _, q := range []string{`UPDATE audit_log SET actor_name = 'someone' WHERE seq = 2`, `DELETE FROM audit_log WHERE seq = 5`} {
			err := db.Transact(context.Background(), func(tx *sql.Tx) error {
				_, err := tx.Exec(q)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want refused", q, err)
			}
		}
		verifyOK(t, db, 5)
	})
}

// tamper runs raw SQL on db as someone with access to the database would,
// first dropping the triggers that keep ogpp itself from changing the log.
func tamper(t *testing.T, db *store.DB, queries ...string) {
	t.Helper()
	drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if db.Dialect() == store.Postgres {
		drop = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
	}
	err := db.Transact(context.Background(), func(tx *sql.Tx) error {
		for _, q := range append(drop, queries...) {
			if _, err := tx.Exec(q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("tamper: %v", err)
	}
}

// forgedInsert is the SQL that inserts e as if ogpp had appended it.
func forgedInsert(e audit.Entry) string {
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	return fmt.Sprintf(`INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
		VALUES (%d, %s, %d, %s, %s, %s, %s, %s, %s, %s, %s)`, e.Seq, q(audit.FormatTime(e.At)), e.Actor.UserID, q(e.Actor.Name),
		q(string(e.Action)), q(e.EntityType), q(e.EntityID), q(string(e.Before)), q(string(e.After)), q(e.PrevHash), q(e.Hash))
}

// forge makes a self-consistent entry following the given head.
func forge(t *testing.T, head audit.Head) audit.Entry {
	t.Helper()
	e, err := audit.Chain(head, audit.Entry{At: auditT0.Add(time.Hour), Actor: coordinator, Action: audit.ActionDelete,
		EntityType: audit.EntityMeasure, EntityID: "3", Before: json.RawMessage(`{"title":{"en":"Title 3"}}`)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAuditVerifyNamesTampering(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func(t *testing.T, log []audit.Entry) []string
		problem audit.Problem
		seq     int64
	}{
		{
			name: "after changed",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`UPDATE audit_log SET after = '{"title":{"en":"Forged"}}' WHERE seq = 3`}
			},
			problem: audit.Changed, seq: 3,
		},
		{
			name: "actor changed",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`UPDATE audit_log SET actor_id = 8 WHERE seq = 2`}
			},
			problem: audit.Changed, seq: 2,
		},
		{
			name: "time rewritten as the same instant in another form",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`UPDATE audit_log SET at = '2026-11-01T13:03:00.000+04:00' WHERE seq = 4`}
			},
			problem: audit.Changed, seq: 4,
		},
		{
			name: "middle entry deleted",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`DELETE FROM audit_log WHERE seq = 3`}
			},
			problem: audit.Removed, seq: 3,
		},
		{
			name: "first entry deleted",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`DELETE FROM audit_log WHERE seq = 1`}
			},
			problem: audit.Removed, seq: 1,
		},
		{
			name: "last entry deleted",
			tamper: func(*testing.T, []audit.Entry) []string {
				return []string{`DELETE FROM audit_log WHERE seq = 5`}
			},
			problem: audit.Removed, seq: 5,
		},
		{
			name: "forged entry that does not link",
			tamper: func(t *testing.T, log []audit.Entry) []string {
				f := forge(t, audit.Head{Seq: 5, Hash: log[3].Hash})
				return []string{forgedInsert(f), fmt.Sprintf(`UPDATE audit_head SET seq = 6, hash = '%s'`, f.Hash)}
			},
			problem: audit.Inserted, seq: 6,
		},
		{
			name: "forged entry that links, head left alone",
			tamper: func(t *testing.T, log []audit.Entry) []string {
				return []string{forgedInsert(forge(t, audit.Head{Seq: 5, Hash: log[4].Hash}))}
			},
			problem: audit.Inserted, seq: 6,
		},
		{
			name: "forged entry under a number past the end",
			tamper: func(t *testing.T, log []audit.Entry) []string {
				f := forge(t, audit.Head{Seq: 5, Hash: log[4].Hash})
				f.Seq = 10
				f.Hash = f.ComputeHash()
				return []string{forgedInsert(f), fmt.Sprintf(`UPDATE audit_head SET seq = 10, hash = '%s'`, f.Hash)}
			},
			problem: audit.Inserted, seq: 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				log := seedAudit(t, db)
				tamper(t, db, tt.tamper(t, log)...)
				r, err := db.VerifyAudit(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if r.Problem != tt.problem || r.Seq != tt.seq {
					t.Fatalf("verify = %q at %d (%s), want %q at %d", r.Problem, r.Seq, r, tt.problem, tt.seq)
				}
				if want := fmt.Sprintf("audit log entry %d was %s: ", tt.seq, tt.problem); !strings.HasPrefix(r.String(), want) {
					t.Errorf("sentence %q, want it to begin %q", r, want)
				}
			})
		})
	}
}

func TestAuditConcurrentAppendsMakeOneChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		db.Now = func() time.Time { return auditT0 } // read from many goroutines
		const n = 24
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				errs <- db.Transact(ctx, func(tx *sql.Tx) error {
					_, err := db.AppendAudit(ctx, tx, measureEdit(i, fmt.Sprintf("Edit %d", i)))
					return err
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		verifyOK(t, db, n)
		entries, total, err := db.ListAudit(ctx, audit.Filter{Limit: n})
		if err != nil || total != n {
			t.Fatalf("list: %d, %v", total, err)
		}
		ids := map[string]bool{}
		for i, e := range entries {
			if e.Seq != int64(n-i) {
				t.Errorf("entry %d has seq %d", i, e.Seq)
			}
			ids[e.EntityID] = true
		}
		if len(ids) != n {
			t.Errorf("%d distinct entities recorded, want %d", len(ids), n)
		}
	})
}

func TestListAuditFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tick(db) // entry k is at auditT0 + (k-1) minutes
		monitor := audit.Actor{UserID: 8, Name: "monitor@example.org"}
		for _, e := range []audit.Entry{
			{Actor: coordinator, Action: audit.ActionCreate, EntityType: audit.EntityMeasure, EntityID: "1"},
			{Actor: coordinator, Action: audit.ActionCreate, EntityType: audit.EntityOrganisation, EntityID: "1"},
			{Actor: monitor, Action: audit.ActionUpdate, EntityType: audit.EntityMeasure, EntityID: "1"},
			{Actor: coordinator, Action: audit.ActionUpdate, EntityType: audit.EntityMeasure, EntityID: "2"},
			{Actor: monitor, Action: audit.ActionDelete, EntityType: audit.EntityMeasure, EntityID: "1"},
			{Actor: audit.System("import"), Action: audit.ActionImport, EntityType: audit.EntityRegistry},
		} {
			appendEntry(t, db, e)
		}
		tests := []struct {
			name  string
			f     audit.Filter
			seqs  string
			total int
		}{
			{"all, newest first", audit.Filter{}, "6 5 4 3 2 1", 6},
			{"one measure's history", audit.Filter{EntityType: audit.EntityMeasure, EntityID: "1"}, "5 3 1", 3},
			{"an organisation's history", audit.Filter{EntityType: audit.EntityOrganisation, EntityID: "1"}, "2", 1},
			{"by actor", audit.Filter{ActorID: monitor.UserID}, "5 3", 2},
			{"by action", audit.Filter{Action: audit.ActionUpdate}, "4 3", 2},
			{"from", audit.Filter{From: auditT0.Add(3 * time.Minute)}, "6 5 4", 3},
			{"to, exclusive", audit.Filter{To: auditT0.Add(2 * time.Minute)}, "2 1", 2},
			{"between", audit.Filter{From: auditT0.Add(time.Minute), To: auditT0.Add(4 * time.Minute)}, "4 3 2", 3},
			{"a page", audit.Filter{Limit: 2, Offset: 1}, "5 4", 6},
			{"a page of a history", audit.Filter{EntityType: audit.EntityMeasure, Limit: 2, Offset: 2}, "3 1", 4},
			{"nothing", audit.Filter{EntityType: audit.EntityPlan}, "", 0},
			{"hostile input", audit.Filter{EntityID: "1\x00' OR '1'='1\xff"}, "", 0},
		}
		for _, tt := range tests {
			entries, total, err := db.ListAudit(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var seqs []string
			for _, e := range entries {
				seqs = append(seqs, fmt.Sprint(e.Seq))
			}
			if got := strings.Join(seqs, " "); got != tt.seqs || total != tt.total {
				t.Errorf("%s: %q of %d, want %q of %d", tt.name, got, total, tt.seqs, tt.total)
			}
		}
	})
}

func TestImportAppendsOneAuditEntryWhenItChangesSomething(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tick(db)
		if _, err := db.Import(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		entries, total, err := db.ListAudit(ctx, audit.Filter{})
		if err != nil || total != 1 {
			t.Fatalf("after the first import: %d entries, %v", total, err)
		}
		e := entries[0]
		if e.Action != audit.ActionImport || e.EntityType != audit.EntityRegistry || e.EntityID != "" ||
			e.Actor != audit.System("import") || e.Before != nil || !e.At.Equal(auditT0) {
			t.Errorf("import entry = %+v", e)
		}
		var counts map[string]struct{ Created, Updated, Unchanged int }
		if err := json.Unmarshal(e.After, &counts); err != nil {
			t.Fatalf("after %s: %v", e.After, err)
		}
		if c := counts["measures"]; c.Created != 5 || counts["plans"].Created != 3 || counts["members"].Created != 3 || counts["organisations"].Created != 2 {
			t.Errorf("import counts = %s", e.After)
		}

		// Unchanged data writes nothing, so it records nothing.
		if r, err := db.Import(ctx, sample()); err != nil || r.Changed() {
			t.Fatalf("re-import: %+v, %v", r, err)
		}
		if _, total, _ := db.ListAudit(ctx, audit.Filter{}); total != 1 {
			t.Errorf("after an unchanged re-import: %d entries, want 1", total)
		}

		// A refused bundle records nothing either.
		bad := sample()
		bad.Plans[0].Measures[0].Area = "99"
		if _, err := db.Import(ctx, bad); err == nil {
			t.Fatal("bad bundle imported")
		}

		b := sample()
		b.Plans[0].Measures[2].Title = plan.Text{"en": "Information services, improved"}
		if _, err := db.ImportAs(ctx, coordinator, b); err != nil {
			t.Fatal(err)
		}
		entries, total, err = db.ListAudit(ctx, audit.Filter{Action: audit.ActionImport})
		if err != nil || total != 2 {
			t.Fatalf("after a changing import: %d entries, %v", total, err)
		}
		if entries[0].Actor != coordinator || !strings.Contains(string(entries[0].After), `"measures":{"created":0,"unchanged":4,"updated":1}`) {
			t.Errorf("second import entry: %v %s", entries[0].Actor, entries[0].After)
		}
		verifyOK(t, db, 2)
	})
}

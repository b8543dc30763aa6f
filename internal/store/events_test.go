package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// eventsNow is the fixed clock of the events tests.
var eventsNow = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func newEvent(t *testing.T, db *store.DB, kind events.Kind, region, start string, status events.Status, capacity int) int64 {
	t.Helper()
	id, err := db.CreateEvent(context.Background(), audit.System("test"), events.Edit{Kind: kind, Title: plan.Text{"az": "Dəyirmi masa, büdcə; şəffaflıq", "en": "Round table"},
		Start: start, Region: region, Status: status, Capacity: capacity, Place: "Hall"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func register(t *testing.T, db *store.DB, event int64, name string, c events.Category, client string) (events.Registration, string) {
	t.Helper()
	r, tok, err := db.Register(context.Background(), event, events.Registrant{Name: name, Category: c, Consent: true, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	return r, tok
}

func TestEventsWaitlistAndCheckIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return eventsNow }
		ctx := context.Background()
		id := newEvent(t, db, events.RoundTable, "Gəncə", "2026-12-01T10:00", events.Planned, 2)
		a, tokA := register(t, db, id, "Aysel", events.MemberNGO, "c1")
		b, _ := register(t, db, id, "Bəhruz", events.StateBody, "c2")
		c, _ := register(t, db, id, "Cavid", events.Media, "c3")
		d, _ := register(t, db, id, "Dilarə", events.Media, "c4")
		if a.Status != events.Registered || b.Status != events.Registered || c.Status != events.Waitlisted || d.Status != events.Waitlisted {
			t.Fatalf("statuses %s %s %s %s", a.Status, b.Status, c.Status, d.Status)
		}
		ev, err := db.GetEvent(ctx, id)
		if err != nil || ev.Registered != 2 || ev.Waiting != 2 || !ev.Full() {
			t.Fatalf("%+v %v", ev, err)
		}
		if _, err := db.CancelRegistration(ctx, tokA); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CancelRegistration(ctx, tokA); !errors.Is(err, plan.ErrNotFound) {
			t.Fatalf("second cancellation: %v", err)
		}
		regs, err := db.Registrations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := []events.RegStatus{events.Withdrawn, events.Registered, events.Registered, events.Waitlisted}
		for i, r := range regs {
			if r.Status != want[i] {
				t.Errorf("%s: %s, want %s", r.Name, r.Status, want[i])
			}
		}
		if err := db.CheckIn(ctx, audit.System("test"), id, d.ID, true); err == nil {
			t.Error("a waiting registration was checked in")
		}
		for _, r := range []int64{b.ID, c.ID} {
			if err := db.CheckIn(ctx, audit.System("test"), id, r, true); err != nil {
				t.Fatal(err)
			}
		}
		// Held, with a head count of state bodies that includes Bəhruz.
		ev, _ = db.GetEvent(ctx, id)
		if err := db.UpdateEvent(ctx, audit.System("test"), id, events.Edit{Kind: ev.Kind, Title: ev.Title, Start: events.FormatLocal(ev.Start),
			Region: ev.Region, Status: events.Held, Capacity: 2, Version: ev.Version}); err != nil {
			t.Fatal(err)
		}
		five := 5
		if err := db.SetHeadCounts(ctx, audit.System("test"), id, map[events.Category]*int{events.StateBody: &five}); err != nil {
			t.Fatal(err)
		}
		ts, err := db.Tallies(ctx, events.Filter{})
		if err != nil || len(ts) != 1 {
			t.Fatal(ts, err)
		}
		if n := ts[0].Total(); n != 6 { // 5 state bodies by head count + Cavid
			t.Errorf("total %d, want 6", n)
		}
		ps, err := db.VerifyContent(ctx)
		if err != nil || len(ps) != 0 {
			t.Fatalf("verify: %v %v", ps, err)
		}
	})
}

func TestEventsRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return eventsNow }
		ctx := context.Background()
		id := newEvent(t, db, events.Training, "", "2026-12-01T10:00", events.Planned, 0)
		if _, _, err := db.Register(ctx, id, events.Registrant{Name: "Bot", Category: events.OtherCategory, Consent: true, Honeypot: "x"}); !errors.Is(err, events.ErrSpam) {
			t.Errorf("honeypot: %v", err)
		}
		for range events.RateLimit {
			register(t, db, id, "Same", events.OtherCategory, "addr")
		}
		if _, _, err := db.Register(ctx, id, events.Registrant{Name: "Same", Category: events.OtherCategory, Consent: true, Client: "addr"}); !errors.Is(err, events.ErrRateLimited) {
			t.Errorf("rate limit: %v", err)
		}
		db.Now = func() time.Time { return eventsNow.Add(events.RateWindow + time.Minute) }
		register(t, db, id, "Same", events.OtherCategory, "addr")
		if _, _, err := db.Register(ctx, id, events.Registrant{Name: "X", Category: events.OtherCategory}); err == nil {
			t.Error("no consent accepted")
		}
		past := newEvent(t, db, events.Training, "", "2026-10-01T10:00", events.Planned, 0)
		if _, _, err := db.Register(ctx, past, events.Registrant{Name: "Late", Category: events.OtherCategory, Consent: true}); !errors.Is(err, events.ErrClosed) {
			t.Errorf("past event: %v", err)
		}
		ev, _ := db.GetEvent(ctx, id)
		err := db.UpdateEvent(ctx, audit.System("test"), id, events.Edit{Kind: ev.Kind, Title: ev.Title, Start: "2026-12-01T10:00", Status: events.Planned, Version: ev.Version + 5})
		if !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale version: %v", err)
		}
	})
}

// TestEventsStatistics checks the figures against a hand-computed
// fixture: three held events (two round tables, one in the regions, and
// an internet-TV discussion), one cancelled round table.
func TestEventsStatistics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return eventsNow }
		ctx := context.Background()
		a := newEvent(t, db, events.RoundTable, "Bakı", "2017-03-01T10:00", events.Held, 0)
		b := newEvent(t, db, events.RoundTable, "Şəki", "2017-06-01T10:00", events.Held, 0)
		c := newEvent(t, db, events.InternetTV, "", "2018-01-01T02:00", events.Held, 0) // 31 Dec 2017 22:00 UTC: 2018 in Baku
		newEvent(t, db, events.RoundTable, "Quba", "2018-02-01T10:00", events.Cancelled, 0)
		n := func(v int) *int { return &v }
		for ev, hc := range map[int64]map[events.Category]*int{
			a: {events.MemberNGO: n(20), events.StateBody: n(4)},
			b: {events.MemberNGO: n(10), events.ForeignGuest: n(2)},
			c: {events.Media: n(3)},
		} {
			if err := db.SetHeadCounts(ctx, audit.System("test"), ev, hc); err != nil {
				t.Fatal(err)
			}
		}
		ts, err := db.Tallies(ctx, events.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		s := events.Summarise(ts)
		if s.Events != 3 || s.ByKind[events.RoundTable] != 2 || s.ByKind[events.InternetTV] != 1 || s.InRegions != 1 ||
			s.Participants != 39 || s.ByCategory[events.MemberNGO] != 30 || s.ByCategory[events.StateBody] != 4 ||
			s.ByCategory[events.ForeignGuest] != 2 || s.ByYear[2017] != 2 || s.ByYear[2018] != 1 {
			t.Fatalf("%+v", s)
		}
		evs, err := db.ListEvents(ctx, events.Filter{Year: 2018})
		if err != nil || len(evs) != 2 {
			t.Fatalf("2018: %d %v", len(evs), err)
		}
	})
}

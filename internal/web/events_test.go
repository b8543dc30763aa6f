package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// eventIDs are the route matrix's sample event, a registration holding a
// place in it, and that registration's cancellation token.
type eventIDs struct {
	Event, Registration, Token string
}

var (
	eventSamplesMu sync.Mutex
	eventSamples   = map[*store.DB]eventIDs{}
)

// eventSample gives the server db as its events store and records one
// event far enough ahead that registration is open whatever the clock
// says, once per database.
func eventSample(t *testing.T, s *Server, db *store.DB) eventIDs {
	t.Helper()
	eventSamplesMu.Lock()
	defer eventSamplesMu.Unlock()
	s.events = db
	if ids, ok := eventSamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	id, err := db.CreateEvent(ctx, audit.System("test"), events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Sample round table"},
		Start: "2099-01-01T10:00", Status: events.Planned, Capacity: 10})
	if err != nil {
		t.Fatal(err)
	}
	reg, token, err := db.Register(ctx, id, events.Registrant{Name: "Sample Person", Category: events.Media, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := eventIDs{Event: itoa(id), Registration: itoa(reg.ID), Token: token}
	eventSamples[db] = ids
	return ids
}

// TestEventRegistrationWaitlistAndCheckIn registers through the public
// form until the event is full, then onto the waitlist; cancels with the
// link shown; checks a participant in as a coordinator; and searches every
// public page for the participants' names.
func TestEventRegistrationWaitlistAndCheckIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		var current access.Subject
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		s.events, s.now = db, func() time.Time { return now }
		ctx := context.Background()
		id, err := db.CreateEvent(ctx, audit.System("test"), events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Open budget, round table"},
			Start: "2026-12-01T10:00", End: "2026-12-01T13:00", Region: "Gəncə", Status: events.Planned, Capacity: 2})
		if err != nil {
			t.Fatal(err)
		}
		path := "/events/" + itoa(id)
		names := []string{"Aysel Qasımova", "Bəhruz Əliyev", "Cavid Hüseynov"}
		var cancel []string
		link := regexp.MustCompile(`href="(/event-cancel/[0-9a-f]+)"`)
		for i, name := range names {
			rec := send(s, http.MethodPost, path+"/register?lang=en", url.Values{"name": {name}, "category": {"state_body"}, "consent": {"yes"}}, nil,
				"X-Forwarded-For", "ignored")
			if rec.Code != http.StatusOK {
				t.Fatalf("register %s: %d\n%s", name, rec.Code, rec.Body)
			}
			waiting := strings.Contains(rec.Body.String(), "you are on the waitlist")
			if waiting != (i == 2) {
				t.Errorf("registration %d: waitlisted %v", i, waiting)
			}
			m := link.FindStringSubmatch(rec.Body.String())
			if m == nil {
				t.Fatal("no cancellation link")
			}
			cancel = append(cancel, m[1])
		}
		// The consent and the honeypot.
		if rec := send(s, http.MethodPost, path+"/register", url.Values{"name": {"X"}, "category": {"media"}}, nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("without consent: %d", rec.Code)
		}
		if rec := send(s, http.MethodPost, path+"/register", url.Values{"name": {"X"}, "category": {"media"}, "consent": {"yes"}, "website": {"spam"}}, nil); rec.Code != http.StatusBadRequest {
			t.Errorf("honeypot: %d", rec.Code)
		}
		// Following the link changes nothing; confirming cancels and
		// promotes the waiting one.
		if code, _, _ := get(t, s, cancel[0]); code != http.StatusOK {
			t.Fatalf("cancel page: %d", code)
		}
		if rec := send(s, http.MethodPost, cancel[0], url.Values{}, nil); rec.Code != http.StatusOK {
			t.Fatalf("cancel: %d", rec.Code)
		}
		regs, _ := db.Registrations(ctx, id)
		if regs[0].Status != events.Withdrawn || regs[2].Status != events.Registered {
			t.Fatalf("after cancelling: %+v", regs)
		}
		// Check-in, as a coordinator only.
		checkin := path + "/participants/" + itoa(regs[2].ID) + "/checkin"
		if rec := send(s, http.MethodPost, checkin, url.Values{"in": {"yes"}}, nil); rec.Code == http.StatusSeeOther && !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Fatal("the public checked someone in")
		}
		current = access.Subject{User: &account.User{ID: 1, Role: account.RoleCoordinator, Email: "c@example.org"}}
		if rec := send(s, http.MethodPost, checkin, url.Values{"in": {"yes"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("check in: %d %s", rec.Code, rec.Body)
		}
		if code, body, _ := get(t, s, path+"/participants"); code != http.StatusOK || !strings.Contains(body, names[2]) {
			t.Fatalf("participants page: %d", code)
		}
		current = access.Subject{}
		for _, p := range []string{"/events", path, "/events/statistics", "/events.ics", cancel[1]} {
			code, body, _ := get(t, s, p)
			if code != http.StatusOK {
				t.Errorf("%s: %d", p, code)
			}
			for _, n := range names[:2] {
				if strings.Contains(body, n) {
					t.Errorf("%s shows a participant's name", p)
				}
			}
			if strings.Contains(body, names[2]) {
				t.Errorf("%s shows a participant's name", p)
			}
		}
		_, ics, h := get(t, s, "/events.ics")
		if !strings.HasPrefix(h.Get("Content-Type"), "text/calendar") || !strings.Contains(ics, "SUMMARY:Open budget\\, round table\r\n") {
			t.Errorf("feed:\n%s", ics)
		}
	})
}

package web

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// auditWorld is a server over the fixture with accounts (so that the audit
// pages name people) and a switch for who sends the next request.
type auditWorld struct {
	s           *Server
	db          *store.DB
	as          access.Subject
	coordinator account.User
	admin       account.User
	monitor     account.User
}

// newAuditWorld imports the fixture into db, creates a coordinator, an
// administrator and a monitor, and serves db to whomever w.as names. The
// store's clock is set to fixed times, so that nothing depends on the day
// the test runs.
func newAuditWorld(t *testing.T, db *store.DB) *auditWorld {
	t.Helper()
	clock(db, "2016-12-01T08:00:00Z")
	if _, err := db.Import(context.Background(), fixture()); err != nil {
		t.Fatal(err)
	}
	h, err := account.NewHasher(cheap, 0)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := account.NewService(db, h, nil, account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w := &auditWorld{db: db}
	w.coordinator = addUser(t, svc, "leyla@example.org", "Leyla Məmmədova", account.RoleCoordinator)
	w.admin = addUser(t, svc, "admin@example.org", "Rauf <Admin>", account.RoleAdmin)
	w.monitor = addUser(t, svc, "monitor@example.org", "Monitor", account.RoleMonitor)
	w.s, err = New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test",
		Accounts: svc, Editor: db, Audit: db, Subject: func(*http.Request) access.Subject { return w.as }})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// as sets who sends the next requests; nil is the anonymous public.
func (w *auditWorld) asUser(u *account.User) { w.as = access.Subject{User: u} }

// clock makes db stamp every write with the given instant.
func clock(db *store.DB, at string) {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		panic(err)
	}
	db.Now = func() time.Time { return t }
}

func actorOfUser(u account.User) audit.Actor { return audit.Actor{UserID: u.ID, Name: u.Email} }

// editOfMeasure is the form that would save m unchanged.
func editOfMeasure(m plan.Measure) plan.MeasureEdit {
	e := plan.MeasureEdit{PlanID: m.PlanID, AreaID: m.AreaID, Clause: m.Clause, ExternalID: m.ExternalID, Title: maps.Clone(m.Title),
		Description: maps.Clone(m.Description), Indicator: maps.Clone(m.Indicator), PeriodText: m.Period.Text, Values: m.Values, Tags: m.Tags,
		Source: m.Source, SourceURL: m.SourceURL, Version: m.Version}
	for _, x := range m.Executors {
		e.Executors = append(e.Executors, plan.ExecutorRef{OrganisationID: x.OrganisationID, Role: x.Role})
	}
	return e
}

// mustMeasure finds a live measure of the fixture by its external id or,
// failing that, by its clause.
func mustMeasure(t *testing.T, db *store.DB, id string) plan.Measure {
	t.Helper()
	ctx := context.Background()
	if m, err := db.GetMeasure(ctx, id); err == nil {
		return m
	}
	res, err := db.ListMeasures(ctx, plan.MeasureFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Items {
		if m.Clause == id {
			return mustMeasure(t, db, itoa(m.ID))
		}
	}
	t.Fatalf("no live measure %s", id)
	return plan.Measure{}
}

const (
	oldDescription = "The Cabinet of Ministers reviews the list of electronic services every year and publishes the reviewed list on its web site."
	newDescription = "The Cabinet of Ministers reviews the list of electronic services every quarter and publishes the reviewed list on its web site."
)

func TestHistoryTabShowsWhoChangedWhat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newAuditWorld(t, db)
		m := mustMeasure(t, db, "AZ0038")
		e := editOfMeasure(m)
		e.Description = plan.Text{"en": oldDescription}
		clock(db, "2017-03-05T10:00:00Z")
		if err := db.UpdateMeasure(ctx, actorOfUser(w.coordinator), m.ID, e); err != nil {
			t.Fatal(err)
		}
		m = mustMeasure(t, db, "AZ0038")
		e = editOfMeasure(m)
		e.Title["en"] = "Improving the list of e-services"
		e.Description["en"] = newDescription
		e.Executors[0].Role = plan.RoleRecommended
		clock(db, "2017-03-06T21:30:00Z")
		if err := db.UpdateMeasure(ctx, actorOfUser(w.coordinator), m.ID, e); err != nil {
			t.Fatal(err)
		}
		history := "/measures/" + itoa(m.ID) + "/history"

		w.asUser(&w.coordinator)
		status, body, _ := get(t, w.s, history+"?lang=en")
		if status != 200 {
			t.Fatalf("history: status %d\n%.500s", status, body)
		}
		for _, want := range []string{
			"Improving the list of electronic services", // the old title
			"Improving the list of e-services",          // the new one
			"Title (English)", "Executor 1: role", "Description (English)",
			"Leyla Məmmədova", "leyla@example.org", "Updated",
			"7 March 2017, 01:30", // 21:30 UTC is past midnight in Baku
			`<del><span class="visually-hidden">removed: </span>year</del>`,
			`<ins><span class="visually-hidden">added: </span>quarter</ins>`,
			"Responsible", "Recommended",
			`aria-current="page">History`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("history lacks %q", want)
			}
		}
		if n := strings.Count(body, `class="audit-entry"`); n != 2 {
			t.Errorf("history lists %d entries, want 2", n)
		}
		if strings.Index(body, "7 March 2017") > strings.Index(body, "5 March 2017") {
			t.Error("history is not newest first")
		}
		// Azerbaijani labels, with the capital dotted İ.
		_, body, _ = get(t, w.s, history+"?lang=az")
		for _, want := range []string{"Başlıq (ingiliscə)", "İcraçı 1: rol", "Leyla Məmmədova tərəfindən", "Dəyişdirildi"} {
			if !strings.Contains(body, want) {
				t.Errorf("Azerbaijani history lacks %q", want)
			}
		}
		// The measure page offers the tab to those who may read it.
		_, body, _ = get(t, w.s, "/measures/"+itoa(m.ID)+"?lang=en")
		if !strings.Contains(body, `href="`+history+`"`) {
			t.Error("the measure page has no History tab for a coordinator")
		}

		// A monitor is refused; the public is sent to sign in; neither sees
		// the tab.
		w.asUser(&w.monitor)
		if status, _, _ := get(t, w.s, history); status != http.StatusForbidden {
			t.Errorf("monitor: status %d, want 403", status)
		}
		if _, body, _ := get(t, w.s, "/measures/"+itoa(m.ID)); strings.Contains(body, history) {
			t.Error("the measure page offers a monitor the History tab")
		}
		w.asUser(nil)
		status, _, h := get(t, w.s, history)
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login?next=") {
			t.Errorf("anonymous: status %d to %q, want a redirect to sign in", status, h.Get("Location"))
		}
		if _, body, _ := get(t, w.s, "/measures/"+itoa(m.ID)); strings.Contains(body, history) || strings.Contains(body, "Leyla") {
			t.Error("the public measure page shows the history or its people")
		}

		// The organisation's history; unknown ids are 404.
		w.asUser(&w.coordinator)
		org := m.Executors[0].OrganisationID
		o, err := db.GetOrganisation(ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		oe := plan.OrganisationEdit{Name: plan.Text{"en": "Cabinet of Ministers of Azerbaijan"}, Kind: o.Kind, Version: o.Version}
		if o.MemberID != 0 {
			oe.Member = o.Member.Slug
		}
		if err := db.UpdateOrganisation(ctx, actorOfUser(w.coordinator), org, oe); err != nil {
			t.Fatal(err)
		}
		status, body, _ = get(t, w.s, "/organisations/"+itoa(org)+"/history?lang=en")
		if status != 200 || !strings.Contains(body, "Name (English)") || !strings.Contains(body, "Cabinet of Ministers of Azerbaijan") {
			t.Errorf("organisation history: status %d\n%.800s", status, body)
		}
		for _, target := range []string{"/measures/999999/history", "/measures/abc/history", "/organisations/abc/history", "/organisations/0/history"} {
			if status, _, _ := get(t, w.s, target); status != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", target, status)
			}
		}
	})
}

func TestAuditLogFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newAuditWorld(t, db)
		m := mustMeasure(t, db, "AZ0038")
		e := editOfMeasure(m)
		e.Title["en"] = "First change"
		clock(db, "2017-03-05T10:00:00Z")
		if err := db.UpdateMeasure(ctx, actorOfUser(w.coordinator), m.ID, e); err != nil {
			t.Fatal(err)
		}
		other := mustMeasure(t, db, "4.1.10")
		clock(db, "2017-03-06T21:30:00Z") // 7 March in Baku
		if err := db.DeleteMeasure(ctx, actorOfUser(w.admin), other.ID, other.Version); err != nil {
			t.Fatal(err)
		}

		w.asUser(&w.admin)
		count := func(query string) int {
			t.Helper()
			status, body, _ := get(t, w.s, "/admin/audit?lang=en&"+query)
			if status != 200 {
				t.Fatalf("?%s: status %d\n%.1500s", query, status, body)
			}
			return strings.Count(body, `class="audit-entry"`)
		}
		all := count("")
		if all < 5 { // three accounts, an import, an update, a delete
			t.Fatalf("the log lists %d entries", all)
		}
		for _, tt := range []struct {
			query string
			want  int
		}{
			{"type=measure", 2},
			{"type=user", 3},
			{"type=registry&action=import", 1},
			{"action=update", 1},
			{"action=delete", 1},
			{"actor=" + itoa(w.coordinator.ID), 1},
			{"actor=" + itoa(w.admin.ID) + "&type=measure", 1},
			{"from=2017-03-05", 2},
			{"from=2017-03-07", 1},
			{"to=2017-03-06", all - 1},
			{"from=2017-03-05&to=2017-03-05", 1},
			{"from=2018-01-01", 0},
			{"page=999", all}, // past the end: the last page
			{"type=measure&id=" + itoa(other.ID), 1},
			{"id=00" + itoa(m.ID) + "&type=measure", 1},
		} {
			if got := count(tt.query); got != tt.want {
				t.Errorf("?%s: %d entries, want %d", tt.query, got, tt.want)
			}
		}

		// Each entry links to its entity while it exists; the deleted one
		// says so and keeps its history link.
		_, body, _ := get(t, w.s, "/admin/audit?lang=en&type=measure")
		if !strings.Contains(body, `<a href="/measures/`+itoa(m.ID)+`">1.1 First change</a>`) {
			t.Errorf("the updated measure is not linked:\n%.3000s", body)
		}
		if !strings.Contains(body, "(deleted)") {
			t.Error("the deleted measure is not marked deleted")
		}
		if !strings.Contains(body, `href="/measures/`+itoa(other.ID)+`/history"`) {
			t.Error("the deleted measure has no history link")
		}
		// Names are escaped.
		if strings.Contains(body, "Rauf <Admin>") || !strings.Contains(body, "Rauf &lt;Admin&gt;") {
			t.Error("the actor's name is not escaped")
		}

		// Filters that cannot be read are named, with 400, never 500.
		for _, tt := range []struct{ query, want string }{
			{"type=evil", "Choose a kind of item from the list."},
			{"action=drop", "Choose an action from the list."},
			{"actor=abc", "Choose a person from the list."},
			{"from=2017-02-30", "Enter a real date"},
			{"to=yesterday", "Enter a real date"},
			{"from=2017-03-07&to=2017-03-05", "The end date must be"},
			{"id=AZ0038", "Enter the item number in digits"},
			{"id=" + strings.Repeat("9", 30), "Enter the item number in digits"},
			{"type=" + url.QueryEscape(strings.Repeat("ş", 500)), "Choose a kind of item"},
		} {
			status, body, _ := get(t, w.s, "/admin/audit?lang=en&"+tt.query)
			if status != http.StatusBadRequest || !strings.Contains(body, tt.want) || !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("?%s: status %d, want 400 saying %q\n%.500s", tt.query, status, tt.want, body)
			}
		}

		// The chain is checked on request.
		_, body, _ = get(t, w.s, "/admin/audit?lang=en&verify=1")
		if !strings.Contains(body, "Every entry links to the one before it") {
			t.Errorf("verify: no intact chain reported\n%.2000s", body)
		}
		_, body, _ = get(t, w.s, "/admin/audit?lang=az")
		if strings.Contains(body, "Every entry links") || !strings.Contains(body, "Zənciri və məlumatları indi yoxla") {
			t.Error("the chain is checked without being asked, or the link is missing")
		}

		// Coordinators read the log too; monitors and the public do not.
		w.asUser(&w.coordinator)
		if status, _, _ := get(t, w.s, "/admin/audit"); status != 200 {
			t.Errorf("coordinator: status %d", status)
		}
		w.asUser(&w.monitor)
		if status, _, _ := get(t, w.s, "/admin/audit"); status != http.StatusForbidden {
			t.Errorf("monitor: status %d, want 403", status)
		}
	})
}

func TestRestoreDeletedMeasure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newAuditWorld(t, db)
		m := mustMeasure(t, db, "4.1.3")
		clock(db, "2017-03-05T10:00:00Z")
		if err := db.DeleteMeasure(ctx, actorOfUser(w.coordinator), m.ID, m.Version); err != nil {
			t.Fatal(err)
		}
		page := "/measures/" + itoa(m.ID)
		w.asUser(nil)
		if status, _, _ := get(t, w.s, page); status != http.StatusNotFound {
			t.Fatalf("deleted measure: status %d, want 404", status)
		}

		// A coordinator deletes but does not restore.
		w.asUser(&w.coordinator)
		if status, _, _ := get(t, w.s, "/admin/deleted"); status != http.StatusForbidden {
			t.Errorf("coordinator: deleted items status %d, want 403", status)
		}
		restore := "/admin/deleted/measure/" + itoa(m.ID) + "/restore"
		if rec := send(w.s, http.MethodPost, restore, url.Values{}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("coordinator: restore status %d, want 403", rec.Code)
		}

		w.asUser(&w.admin)
		status, body, _ := get(t, w.s, "/admin/deleted?lang=en")
		for _, want := range []string{"Support for the transparency platform", "AZ-NAP-TEST 4.1.3", "Leyla Məmmədova", "5 March 2017, 14:00",
			`action="` + restore + `"`, `href="` + page + `/history"`} {
			if !strings.Contains(body, want) {
				t.Errorf("deleted items lack %q", want)
			}
		}
		if status != 200 {
			t.Fatalf("deleted items: status %d", status)
		}
		rec := send(w.s, http.MethodPost, restore, url.Values{}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("restore: status %d\n%.500s", rec.Code, rec.Body.String())
		}
		loc := rec.Header().Get("Location")
		_, body, _ = get(t, w.s, loc+"&lang=en")
		if !strings.Contains(body, `<a href="`+page+`">Open “4.1.3 Support for the transparency platform”</a>`) ||
			!strings.Contains(body, "Nothing is deleted.") {
			t.Errorf("after restore (%s):\n%.2000s", loc, body)
		}
		w.asUser(nil)
		if status, body, _ := get(t, w.s, page); status != 200 || !strings.Contains(body, "ŞƏFFAFLIQ platformasının") {
			t.Errorf("restored measure: status %d", status)
		}
		w.asUser(&w.coordinator)
		_, body, _ = get(t, w.s, page+"/history?lang=en")
		if !strings.Contains(body, "tag-restore") || !strings.Contains(body, "tag-delete") || !strings.Contains(body, "Rauf &lt;Admin&gt;") {
			t.Errorf("history lacks the delete and the restore:\n%.2000s", body)
		}

		// Restoring it again: it is not deleted any more.
		w.asUser(&w.admin)
		rec = send(w.s, http.MethodPost, restore+"?lang=en", url.Values{}, nil)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "not deleted any more") {
			t.Errorf("second restore: status %d\n%.500s", rec.Code, rec.Body.String())
		}
		for _, target := range []string{"/admin/deleted/user/1/restore", "/admin/deleted/measure/abc/restore", "/admin/deleted/measure/0/restore"} {
			if rec := send(w.s, http.MethodPost, target, url.Values{}, nil); rec.Code != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", target, rec.Code)
			}
		}

		// A restore that clashes with a live measure is refused with the
		// reason beside the row: measure 1.1 took clause 4.1.3 meanwhile.
		m = mustMeasure(t, db, "4.1.3")
		if err := db.DeleteMeasure(ctx, actorOfUser(w.admin), m.ID, m.Version); err != nil {
			t.Fatal(err)
		}
		taker := mustMeasure(t, db, "AZ0038")
		e := editOfMeasure(taker)
		e.Clause = "4.1.3"
		if err := db.UpdateMeasure(ctx, actorOfUser(w.admin), taker.ID, e); err != nil {
			t.Fatal(err)
		}
		rec = send(w.s, http.MethodPost, restore+"?lang=en", url.Values{}, nil)
		body = rec.Body.String()
		if rec.Code != http.StatusConflict || !strings.Contains(body, "This item cannot be restored.") ||
			!strings.Contains(body, `href="#restore-measure-`+itoa(m.ID)+`"`) || !strings.Contains(body, `id="restore-measure-`+itoa(m.ID)+`"`) {
			t.Errorf("clashing restore: status %d\n%.2000s", rec.Code, body)
		}
		if _, err := db.GetMeasure(ctx, itoa(m.ID)); err == nil {
			t.Error("the clashing restore brought the measure back")
		}
	})
}

// TestAuditPagesNeverFail500 sends malformed parameters to the audit pages.
func TestAuditPagesNeverFail500(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newAuditWorld(t, db)
		w.asUser(&w.admin)
		values := []string{"", "0", "-1", "abc", "99999999999999999999999", "%00", "'%20OR%201=1--", "%E2%80%AE", "2017-13-45", "9999-12-31"}
		paths := []string{"/admin/audit", "/admin/deleted", "/measures/%s/history", "/organisations/%s/history"}
		params := []string{"type", "action", "actor", "from", "to", "id", "page", "verify", "lang"}
		for _, p := range paths {
			for _, v := range values {
				target := strings.ReplaceAll(p, "%s", v)
				if v == "" && strings.Contains(p, "%s") {
					continue
				}
				for _, param := range params {
					u := target + "?" + param + "=" + v
					req := httptest.NewRequest(http.MethodGet, u, nil)
					rec := httptest.NewRecorder()
					w.s.ServeHTTP(rec, req)
					if rec.Code >= 500 {
						t.Errorf("GET %s: %d", u, rec.Code)
					}
				}
			}
		}
	})
}

func TestAuditPathLabels(t *testing.T) {
	for _, tt := range []struct {
		lang, entity, path, want string
	}{
		{"en", "measure", "title.en", "Title (English)"},
		{"en", "measure", "executors[0].role", "Executor 1: role"},
		{"en", "measure", "milestones[1].title.az", "Milestone 2: title (Azerbaijani)"},
		{"en", "measure", "period.start", "Period: start"},
		{"en", "measure", "values[2]", "OGP value 3"},
		{"en", "user", "name", "Name"},
		{"en", "registry", "measures.created", "Measures: created"},
		{"en", "measure", `tags["a.b"]`, "Policy areas: a.b"},
		{"en", "measure", "", "Value"},
		{"en", "measure", "brand_new.field", "Brand_new: field"},
		{"en", "measure", "broken[x", "Broken[x"},
		{"az", "measure", "executors[0].role", "İcraçı 1: rol"},
		{"az", "measure", "indicator.ru", "Qiymətləndirmə indikatoru (rusca)"},
		{"ru", "measure", "title.en", "Название (на английском)"},
		{"ru", "user", "name", "Имя"},
	} {
		got := auditPathLabel(locale{Lang: tt.lang}, tt.entity, parseAuditPath(tt.path))
		if got != tt.want {
			t.Errorf("%s %s %q: %q, want %q", tt.lang, tt.entity, tt.path, got, tt.want)
		}
	}
	l := locale{Lang: "en"}
	for _, tt := range []struct {
		path, raw, want string
	}{
		{"executors[0].role", `"responsible"`, "Responsible"},
		{"kind", `"state_body"`, "State body"},
		{"values[0]", `"civic_participation"`, "Civic participation"},
		{"period.end", `"2018-12-31"`, "31 December 2018"},
		{"disabled", `true`, "yes"},
		{"number", `3`, "3"},
		{"title.en", `"<b>"`, "<b>"},
		{"role", `"unheard_of"`, "unheard_of"},
	} {
		if got := auditValue(l, parseAuditPath(tt.path), []byte(tt.raw)); got != tt.want {
			t.Errorf("%s = %s: %q, want %q", tt.path, tt.raw, got, tt.want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	join := func(ps []wordPart) (all, changed string) {
		var b, c strings.Builder
		for _, p := range ps {
			b.WriteString(p.Text)
			if p.Changed {
				c.WriteString("[" + p.Text + "]")
			}
		}
		return b.String(), c.String()
	}
	for _, tt := range []struct {
		old, new, oldMarked, newMarked string
	}{
		{"a b c", "a x c", "[b]", "[x]"},
		{"the quick brown fox", "the slow red fox", "[quick brown]", "[slow red]"},
		{"line one\nline two", "line one\nline three", "[two]", "[three]"},
		{"", "added text", "", "[added text]"},
		{"same", "same", "", ""},
		{"the quick brown fox jumps over the lazy dog", "a slow red fox walks over a sleepy dog",
			"[the quick brown fox jumps over the lazy]", "[a slow red fox walks over a sleepy]"},
		{"one two three four five", "uno two three cuatro five", "[one][four]", "[uno][cuatro]"},
		{"Şəffaflıq və hesabatlılıq", "Şəffaflıq, hesabatlılıq", "[Şəffaflıq və]", "[Şəffaflıq,]"},
	} {
		o, n := wordDiff(tt.old, tt.new)
		oa, oc := join(o)
		na, nc := join(n)
		if oa != tt.old || na != tt.new {
			t.Errorf("%q → %q: the texts do not come back whole: %q, %q", tt.old, tt.new, oa, na)
		}
		if oc != tt.oldMarked || nc != tt.newMarked {
			t.Errorf("%q → %q: marked %q and %q, want %q and %q", tt.old, tt.new, oc, nc, tt.oldMarked, tt.newMarked)
		}
	}
	// Two long texts rewritten throughout stay whole, marked as a whole.
	long := strings.TrimSpace(strings.Repeat("alpha ", 1200))
	other := strings.TrimSpace(strings.Repeat("beta ", 1200))
	o, n := wordDiff(long, other)
	if len(o) != 1 || !o[0].Changed || len(n) != 1 || !n[0].Changed {
		t.Errorf("a rewritten long text: %d and %d parts", len(o), len(n))
	}
}

// TestAuditPageNamesRowsChangedOutsideOgpp checks the page's check finds
// what `ogpp audit verify` finds: a row edited in the database directly.
func TestAuditPageNamesRowsChangedOutsideOgpp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newAuditWorld(t, db)
		w.asUser(&w.admin)
		_, body, _ := get(t, w.s, "/admin/audit?lang=en&verify=1")
		if !strings.Contains(body, "Every plan, measure, organisation and account holds what ogpp last wrote.") {
			t.Fatalf("untouched data reported changed:\n%.3000s", body)
		}
		m, err := db.GetMeasure(context.Background(), "AZ0038")
		if err != nil {
			t.Fatal(err)
		}
		err = db.Transact(context.Background(), func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE measures SET tags = '["Saxta"]' WHERE id = $1`, m.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ = get(t, w.s, "/admin/audit?lang=az&verify=1")
		if !strings.Contains(body, "Verilənlər bazasında ogpp-dən kənarda dəyişdirilib: 1.") ||
			!strings.Contains(body, `Tədbir: <a href="/measures/`+itoa(m.ID)+`">AZ-NAP-TEST 1.1 AZ0038</a>`) {
			t.Errorf("the direct edit is not named:\n%.4000s", body)
		}
	})
}

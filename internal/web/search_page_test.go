package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/search"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// libraryReport is a document of the library as its source would give it:
// its text holds şəffaflıq in small letters.
var libraryReport = search.Document{Kind: search.KindDocument, ID: 7, Lang: "az", URL: "/library/7",
	Title: "Dövlət şirkətlərinin hesabatı", Date: time.Date(2017, 11, 20, 0, 0, 0, 0, time.UTC),
	Body: "Beş dövlət şirkətinin açıqlıq səviyyəsi öyrənilib. Hesabatda şirkətlərin şəffaflıq göstəriciləri və tövsiyələr verilir."}

// newSearchServer serves the registry fixture with a site-wide index over
// the registry and the given documents, which the test may change.
func newSearchServer(t *testing.T, db *store.DB, docs *[]search.Document) *Server {
	t.Helper()
	if _, err := db.Import(context.Background(), fixture()); err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	fake := func(context.Context) ([]search.Document, error) { return *docs, nil }
	x := search.NewIndex(db, append(db.SearchSources(), fake)...)
	s, err := New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", Search: x})
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	return s
}

func TestSearchPageFindsTextTheAzerbaijaniWay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		docs := []search.Document{libraryReport}
		s := newSearchServer(t, db, &docs)
		// The acceptance: ŞƏFFAFLIQ finds a document whose text holds
		// şəffaflıq, with the word marked in its snippet.
		status, body, _ := get(t, s, "/search?q="+urlQueryEscape("ŞƏFFAFLIQ"))
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		for _, want := range []string{
			`<a href="/library/7" lang="az">Dövlət şirkətlərinin hesabatı</a>`,
			`şirkətlərin <mark>şəffaflıq</mark> göstəriciləri`,
			// The measure whose title holds ŞƏFFAFLIQ ranks first.
			`ŞƏFFAFLIQ platformasının dəstəklənməsi`,
			// Tabs by kind with their counts.
			`aria-current="page">Hamısı <span class="count-badge">2</span>`,
			`<span class="tag">Sənəd</span> <span class="muted">20 noyabr 2017</span>`,
			`href="/search?q=%C5%9E%C6%8FFFAFLIQ&amp;kind=document">Sənədlər <span class="count-badge">1</span>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("search page lacks %q:\n%s", want, body)
			}
		}
		if strings.Index(body, "ŞƏFFAFLIQ platformasının") > strings.Index(body, "/library/7") {
			t.Errorf("the title match does not come before the body match")
		}

		// A tab keeps one kind; the others still show their counts.
		_, body, _ = get(t, s, "/search?kind=document&q="+urlQueryEscape("şəff"))
		if !strings.Contains(body, `<mark>şəffaflıq</mark>`) || strings.Contains(body, "platformasının dəstəklənməsi") {
			t.Errorf("document tab:\n%s", body)
		}
	})
}

func TestSearchPageEmptyStateAndBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		docs := []search.Document{libraryReport}
		s := newSearchServer(t, db, &docs)
		status, body, _ := get(t, s, "/search?q=zyxwv&lang=en")
		if status != http.StatusOK || !strings.Contains(body, "Nothing public matches “zyxwv”.") || !strings.Contains(body, "“şəff” finds “şəffaflıq”") {
			t.Errorf("empty state: status %d\n%s", status, body)
		}
		for _, q := range []string{`"`, `*`, `a OR (b`, `'x':*AB`, `NEAR(`, "\x00", "%", "kind"} {
			if status, _, _ := get(t, s, "/search?q="+urlQueryEscape(q)+"&kind=nonsense"); status != http.StatusOK {
				t.Errorf("q=%q: status %d", q, status)
			}
		}
		if status, _, _ := get(t, s, "/search?q="+strings.Repeat("ş", 201)); status != http.StatusBadRequest {
			t.Errorf("overlong query: status %d", status)
		}
	})
}

func TestSearchAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		docs := []search.Document{libraryReport}
		s := newSearchServer(t, db, &docs)
		status, body, hdr := get(t, s, "/api/v1/search?kind=document&q="+urlQueryEscape("ŞƏFFAFLIQ"))
		if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, %s", status, hdr.Get("Content-Type"))
		}
		var res apiSearchResults
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.All != 2 || res.ByKind["measure"] != 1 || len(res.Hits) != 1 {
			t.Fatalf("results %+v", res)
		}
		h := res.Hits[0]
		var marked []string
		for _, f := range h.Snippet {
			if f.Match {
				marked = append(marked, f.Text)
			}
		}
		if h.URL != "/library/7" || h.Date == nil || *h.Date != "2017-11-20" || strings.Join(marked, ",") != "şəffaflıq" {
			t.Errorf("hit %+v, marked %v", h, marked)
		}
		for _, bad := range []string{"/api/v1/search?q=x&kind=nonsense", "/api/v1/search?q=x&limit=0", "/api/v1/search?q=" + strings.Repeat("x", 201)} {
			if status, _, _ := get(t, s, bad); status != http.StatusBadRequest {
				t.Errorf("%s: status %d", bad, status)
			}
		}
	})
}

func TestSearchFollowsSuccessfulChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		docs := []search.Document{libraryReport}
		s := newSearchServer(t, db, &docs)
		found := func() int {
			_, body, _ := get(t, s, "/api/v1/search?q=hesabat")
			var res apiSearchResults
			json.Unmarshal([]byte(body), &res)
			return res.Total
		}
		if n := found(); n != 1 {
			t.Fatalf("before: %d hits", n)
		}
		docs = nil // the document is withdrawn
		coordinator := &account.User{ID: 1, Email: "c@example.org", Role: account.RoleCoordinator}
		change := func(method string, status int, user *account.User) {
			h := s.invalidateSearch(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) }))
			r := httptest.NewRequest(method, "/library/7/delete", nil)
			r = r.WithContext(context.WithValue(r.Context(), subjectKey, who{Subject: access.Subject{User: user}}))
			h.ServeHTTP(httptest.NewRecorder(), r)
		}
		change(http.MethodGet, http.StatusOK, coordinator)
		change(http.MethodPost, http.StatusBadRequest, coordinator)
		change(http.MethodPost, http.StatusSeeOther, nil) // the public registering for an event, say
		if n := found(); n != 1 {
			t.Errorf("a read, a refused change or the public's request rebuilt the index: %d hits", n)
		}
		change(http.MethodPost, http.StatusSeeOther, coordinator)
		if n := found(); n != 0 {
			t.Errorf("after a successful change the withdrawn document is still found")
		}
	})
}

// TestSearchFindsWhatACoordinatorJustAdded: a measure created through the
// registry's form is found by the very next search, with no step between.
func TestSearchFindsWhatACoordinatorJustAdded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Import(ctx, fixture()); err != nil {
			t.Fatalf("import fixture: %v", err)
		}
		who := coordinator
		s, err := New(Options{Registry: db, Editor: db, Audit: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Subject: func(*http.Request) access.Subject { return who }, Search: search.NewIndex(db, db.SearchSources()...)})
		if err != nil {
			t.Fatal(err)
		}
		if _, body, _ := get(t, s, "/search?q="+urlQueryEscape("BÜDCƏ")); strings.Contains(body, "<mark>") {
			t.Fatalf("found before it was added:\n%s", body)
		}
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		form := url.Values{"clause": {"4.1.12"}, "title.az": {"Büdcə hesabatlarının dərci"}, "description.az": {"Dövlət büdcəsinin icrası haqqında hesabatlar hər rüb dərc olunur."}}
		if rec := send(s, http.MethodPost, "/plans/"+itoa(p.ID)+"/measures/new", form, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		_, body, _ := get(t, s, "/search?q="+urlQueryEscape("BÜDCƏ"))
		if !strings.Contains(body, "4.1.12 Büdcə hesabatlarının dərci") || !strings.Contains(body, "Dövlət <mark>büdcəsinin</mark> icrası") {
			t.Errorf("the new measure is not found:\n%s", body)
		}
	})
}

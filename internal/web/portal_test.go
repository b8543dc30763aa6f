package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
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

// TestHomeShowsProgressAndUpcomingEvents: the home page says what the
// platform is, shows the featured plan's latest published round with the
// dashboard's figures and chart, the next three planned events from the
// clock's today (not past or cancelled ones), and still lists the plans.
func TestHomeShowsProgressAndUpcomingEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		s.monitor, s.events, s.featuredPlan = db, db, "AZ-NAP-TEST"
		now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return now }

		_, body, _ := get(t, s, "/?lang=en")
		if !strings.Contains(body, "<h1 id=\"home-intro-heading\">Open Government Platform</h1>") || !strings.Contains(body, `id="home-no-round"`) {
			t.Errorf("home without a published round:\n%.3000s", body)
		}
		rid := publishRound(t, db, "AZ-NAP-TEST", "Annual 2017")
		ctx := context.Background()
		for i, ev := range []struct {
			title, start string
			status       events.Status
		}{
			{"Yesterday's round table", "2026-11-24T10:00", events.Held},
			{"Fourth", "2027-03-01T10:00", events.Planned},
			{"Second", "2026-12-10T10:00", events.Planned},
			{"Cancelled one", "2026-12-01T10:00", events.Cancelled},
			{"First", "2026-11-26T10:00", events.Planned},
			{"Third", "2027-01-15T10:00", events.Planned},
		} {
			if _, err := db.CreateEvent(ctx, audit.System("test"), events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": ev.title},
				Start: ev.start, Status: ev.status}); err != nil {
				t.Fatalf("event %d: %v", i, err)
			}
		}
		_, body, _ = get(t, s, "/?lang=en")
		for _, want := range []string{`href="/rounds/` + itoa(rid) + `"`, `id="home-score"`, `<svg class="chart-svg home-chart"`, "Annual 2017",
			"Upcoming events", `href="/about"`, `ul class="members"`} {
			if !strings.Contains(body, want) {
				t.Errorf("home lacks %q", want)
			}
		}
		_, upcoming, _ := strings.Cut(body, `id="home-upcoming"`)
		upcoming, _, _ = strings.Cut(upcoming, "</ul>")
		first, second, third := strings.Index(upcoming, ">First<"), strings.Index(upcoming, ">Second<"), strings.Index(upcoming, ">Third<")
		if first < 0 || second < first || third < second || strings.Contains(upcoming, "Fourth") || strings.Contains(upcoming, "Yesterday") ||
			strings.Contains(upcoming, "Cancelled") {
			t.Errorf("upcoming events, want First, Second, Third:\n%s", upcoming)
		}
	})
}

// TestNavigationGroupsTheWorkspace: the public sees the public sections
// and no workspace menu; a coordinator gets the workspace entries in a
// menu that works without script; the open-data link leads to the
// catalogue.
func TestNavigationGroupsTheWorkspace(t *testing.T) {
	db := storetest.SQLite(t)
	var who access.Subject
	s := newTestServerWith(t, db, func(*http.Request) access.Subject { return who })
	_, body, _ := get(t, s, "/about?lang=en")
	nav, _, _ := strings.Cut(body[strings.Index(body, `class="main-nav"`):], "</nav>")
	for _, want := range []string{`href="/open-data"`, `href="/about" aria-current="page"`, `href="/events"`, `href="/members"`, `href="/scorecards"`, `href="/projects"`} {
		if !strings.Contains(nav, want) {
			t.Errorf("public nav lacks %s", want)
		}
	}
	if strings.Contains(nav, "workspace-menu") || strings.Contains(nav, "openapi.json") || strings.Contains(nav, `href="/monitoring"`) {
		t.Errorf("public nav shows the workspace or the raw API:\n%s", nav)
	}
	who = access.Subject{User: &account.User{ID: 3, Name: "Coordinator", Email: "c@example.org", Role: account.RoleCoordinator}}
	_, body, _ = get(t, s, "/about?lang=en")
	nav, _, _ = strings.Cut(body[strings.Index(body, `class="main-nav"`):], "</nav>")
	menu, _, _ := strings.Cut(nav[strings.Index(nav, `<details class="workspace-menu">`):], "</details>")
	for _, want := range []string{"<summary>Workspace</summary>", `href="/monitoring"`, `href="/drafts"`, `href="/surveys"`} {
		if !strings.Contains(menu, want) {
			t.Errorf("coordinator's workspace menu lacks %s:\n%s", want, menu)
		}
	}
	if strings.Contains(menu, `href="/admin/users"`) {
		t.Errorf("a coordinator is offered the users' administration")
	}
}

// TestShareAndCrawlerTags: every page describes itself for link previews,
// with its absolute address under the base URL; robots.txt keeps crawlers
// out of forms and accounts and points at a sitemap that lists the public
// pages with their last change.
func TestShareAndCrawlerTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newPortalWorld(t, db)
		base, err := ParseBaseURL("https://ogp.example.org/")
		if err != nil {
			t.Fatal(err)
		}
		w.s.baseURL = base
		_, body, _ := get(t, w.s, "/open-data?lang=en")
		for _, want := range []string{`<meta property="og:url" content="https://ogp.example.org/open-data">`, `<meta name="twitter:card" content="summary">`,
			`<meta property="og:type" content="website">`, `<meta property="og:description" content="The civil-society Open Government Platform`,
			`<meta name="description" content="The civil-society`, `<meta property="og:title" content="Open data">`} {
			if !strings.Contains(body, want) {
				t.Errorf("open data page lacks %s", want)
			}
		}

		status, robots, header := get(t, w.s, "/robots.txt")
		if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "text/plain") {
			t.Fatalf("robots.txt: %d %s", status, header.Get("Content-Type"))
		}
		for _, want := range []string{"User-agent: *\nAllow: /\n", "Disallow: /admin/\n", "Disallow: /account\n", "Disallow: /login\n",
			"Disallow: /*/edit\n", "Sitemap: https://ogp.example.org/sitemap.xml\n"} {
			if !strings.Contains(robots, want) {
				t.Errorf("robots.txt lacks %q:\n%s", want, robots)
			}
		}

		status, sitemap, _ := get(t, w.s, "/sitemap.xml")
		var set sitemapURLSet
		if err := xml.Unmarshal([]byte(sitemap), &set); status != http.StatusOK || err != nil {
			t.Fatalf("sitemap.xml: %d %v\n%.500s", status, err, sitemap)
		}
		locs := map[string]string{}
		for _, u := range set.URLs {
			locs[u.Loc] = u.LastMod
		}
		p, _ := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		at := "https://ogp.example.org"
		for _, want := range []string{at + "/", at + "/about", at + "/open-data", at + "/members", at + "/events", at + "/plans/" + itoa(p.ID),
			at + "/rounds/" + w.published, at + "/events/" + w.event.Event, at + "/scorecards/" + w.cards.Published, at + "/projects"} {
			if _, ok := locs[want]; !ok {
				t.Errorf("sitemap lacks %s", want)
			}
		}
		if mod := locs[at+"/plans/"+itoa(p.ID)]; mod == "" {
			t.Errorf("the plan has no lastmod in the sitemap")
		}
		for _, hidden := range []string{at + "/rounds/" + w.open, at + "/scorecards/" + w.cards.Draft} {
			if _, ok := locs[hidden]; ok {
				t.Errorf("sitemap lists the unpublished %s", hidden)
			}
		}
	})
}

// TestAboutPageInEveryLanguage: the about page gives the report's facts in
// each language.
func TestAboutPageInEveryLanguage(t *testing.T) {
	db := storetest.SQLite(t)
	s := newTestServer(t, db)
	for lang, want := range map[string]string{"az": "11 mühüm sahə üzrə 59 vacib tədbiri", "en": "59 measures in 11 areas", "ru": "59 мер в 11 областях"} {
		status, body, _ := get(t, s, "/about?lang="+lang)
		if status != http.StatusOK || !strings.Contains(body, want) || !strings.Contains(body, `<span class="figure">462</span>`) {
			t.Errorf("about in %s: %d, lacks %q or the 462 participants", lang, status, want)
		}
		if !strings.Contains(body, `class="breadcrumbs"`) {
			t.Errorf("about in %s has no breadcrumbs", lang)
		}
	}
}

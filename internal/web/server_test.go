package web

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// fixture is a small registry in two languages with the letters that make
// Azerbaijani search and sorting hard.
func fixture() *plan.Bundle {
	d := func(s string) *plan.Date {
		x, err := plan.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return &x
	}
	return &plan.Bundle{
		Members: []plan.Member{
			{Slug: "azerbaijan", Name: plan.Text{"az": "Azərbaycan", "en": "Azerbaijan"}, Kind: plan.MemberCountry, Region: "Europe", Code: "AZE"},
			{Slug: "albania", Name: plan.Text{"en": "Albania"}, Kind: plan.MemberCountry, Region: "Europe", Code: "ALB"},
		},
		Plans: []plan.BundlePlan{{
			ExternalID: "AZ-NAP-TEST", Member: "azerbaijan", Number: 3,
			Title:  plan.Text{"az": "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı", "en": "National Action Plan on Open Government"},
			Period: plan.Period{Text: "2016-2018", Start: d("2016-01-01"), End: d("2018-12-31")},
			Areas: []plan.BundleArea{
				{Key: "1", Number: "1", Title: plan.Text{"az": "Elektron xidmətlər", "en": "Electronic services"}},
				{Key: "4", Number: "4", Title: plan.Text{"en": "Civil society"}},
			},
			Measures: []plan.BundleMeasure{
				{Clause: "4.1.10", Area: "4", Title: plan.Text{"az": "İctimai şuraların şəffaflığı"}, Period: plan.Period{Text: "2018", Start: d("2018-01-01"), End: d("2018-12-31")},
					Executors: []plan.BundleExecutor{{Name: plan.Text{"az": "Ədliyyə Nazirliyi"}, Role: plan.RoleResponsible}}},
				{Clause: "4.1.3", Area: "4", Title: plan.Text{"az": "ŞƏFFAFLIQ platformasının dəstəklənməsi", "en": "Support for the transparency platform"},
					Indicator: plan.Text{"en": "Platform supported"}, Values: []plan.OGPValue{plan.ValueCivicParticipation},
					Period:     plan.Period{Text: "2016-2017", Start: d("2016-01-01"), End: d("2017-12-31")},
					Executors:  []plan.BundleExecutor{{Name: plan.Text{"en": "Cabinet of Ministers"}, Role: plan.RoleResponsible}, {Name: plan.Text{"az": "Ədliyyə Nazirliyi"}, Role: plan.RoleRecommended}},
					Milestones: []plan.BundleMilestone{{Title: plan.Text{"en": "Strategy adopted"}}}},
				{Clause: "1.1", Area: "1", ExternalID: "AZ0038", Title: plan.Text{"en": "Improving the list of electronic services"}, Period: plan.Period{Text: "2016-2018", Start: d("2016-01-01"), End: d("2018-12-31")},
					Executors: []plan.BundleExecutor{{Name: plan.Text{"en": "Cabinet of Ministers"}, Role: plan.RoleResponsible}}},
			},
		}, {
			ExternalID: "AP_ALB01", Member: "albania", Number: 1, Title: plan.Text{"en": "Albania action plan 2012-2014"},
			Period:   plan.Period{Text: "2012-2014", Start: d("2012-01-01"), End: d("2014-12-31")},
			Measures: []plan.BundleMeasure{{ExternalID: "AL0002", Clause: "2", Title: plan.Text{"en": "e-Acts"}, Period: plan.Period{Text: "2012"}}},
		}},
	}
}

// newTestServer serves the fixture from db to the anonymous public.
func newTestServer(t *testing.T, db *store.DB) *Server {
	t.Helper()
	return newTestServerWith(t, db, nil)
}

// newTestServerWith serves the fixture from db to whomever subject says.
func newTestServerWith(t *testing.T, db *store.DB, subject func(*http.Request) access.Subject) *Server {
	t.Helper()
	if _, err := db.Import(context.Background(), fixture()); err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	s, err := New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", Subject: subject,
		Editor: db, Audit: db})
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	return s
}

// get performs a request and returns the status and body.
func get(t *testing.T, h http.Handler, target string, header ...string) (int, string, http.Header) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestPagesAndAPIAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		m, err := db.GetMeasure(context.Background(), "AZ0038")
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		if err != nil {
			t.Fatal(err)
		}
		pid, mid := itoa(p.ID), itoa(m.ID)
		orgs, _ := db.ListOrganisations(context.Background(), plan.OrganisationFilter{})
		oid := itoa(orgs.Items[0].ID)
		tests := []struct {
			target string
			status int
			want   string
		}{
			{"/", 200, "Azərbaycan"},
			{"/?page=abc", 200, "Albania"},
			{"/?q=zzzz", 200, "zzzz"},
			{"/plans/" + pid, 200, "Elektron xidmətlər"},
			{"/plans/AZ-NAP-TEST", 200, "4.1.10"},
			{"/plans/" + pid + "?area=abc", 400, "sahə"},
			{"/plans/" + pid + "?year=20x", 400, "İl"},
			{"/plans/" + pid + "?sort=evil", 400, "sıralamaq"},
			{"/plans/999999", 404, "tapılmadı"},
			{"/measures/" + mid, 200, "Improving the list"},
			{"/measures/AZ0038", 200, "Cabinet of Ministers"},
			{"/measures/0", 404, ""},
			{"/organisations", 200, "Ədliyyə Nazirliyi"},
			{"/organisations/" + oid, 200, ""},
			{"/organisations/abc", 404, ""},
			{"/search?q=" + strings.Repeat("x", 201), 400, ""},
			{"/nowhere", 404, ""},
			{"/healthz", 200, `"ok"`},
			{"/metrics", 200, `ogpp_http_requests_total{code="200",method="GET",route="GET /plans/{id}"}`},
			{"/static/style.css", 200, "skip-link"},
			{"/api/v1/plans", 200, `"total": 2`},
			{"/api/v1/plans?limit=0", 400, "limit must be"},
			{"/api/v1/plans?offset=-1", 400, "offset must be"},
			{"/api/v1/plans/" + pid, 200, `"areas"`},
			{"/api/v1/plans/nope", 404, `"error"`},
			{"/api/v1/plans/" + pid + "/measures", 200, `"total": 3`},
			{"/api/v1/plans/" + pid + "/measures?year=x", 400, "year must be"},
			{"/api/v1/plans/nope/measures", 404, `"error"`},
			{"/api/v1/measures/AZ0038", 200, `"external_id": "AZ0038"`},
			{"/api/v1/measures/123456", 404, `"error"`},
			{"/api/v1/measures?member=albania", 200, `"total": 1`},
			{"/api/v1/organisations", 200, `"total": 2`},
			{"/api/v1/organisations/xyz", 404, `"error"`},
			{"/api/v1/members", 200, `"total": 2`},
			{"/api/v1/nothing", 404, `"error"`},
			{"/api/v1/openapi.json", 200, `"openapi": "3.1.0"`},
		}
		for _, tt := range tests {
			status, body, _ := get(t, s, tt.target, "Accept-Language", "az")
			if status != tt.status {
				t.Errorf("GET %s: status %d, want %d\n%.300s", tt.target, status, tt.status, body)
				continue
			}
			if !strings.Contains(body, tt.want) {
				t.Errorf("GET %s: body lacks %q\n%.500s", tt.target, tt.want, body)
			}
		}
	})
}

// TestRouteRoleMatrix walks every registered route as every role and the
// anonymous public, and checks the policy's answer is what the server does:
// allowed requests reach their handler, refused ones are sent to sign in
// (anonymous GET) or answered 403. A route registered without a sample
// request here fails the test, so none escapes the matrix.
func TestRouteRoleMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var current access.Subject
		// Accounts and an account with id 1 behind the subjects, so that
		// the account pages reach their handlers too.
		s, svc := newAccountServer(t, db)
		s.subject = func(*http.Request) access.Subject { return current }
		addUser(t, svc, "admin@example.org", "Admin", account.RoleAdmin)
		if _, err := db.Import(ctx, fixture()); err != nil {
			t.Fatal(err)
		}
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		m, _ := db.GetMeasure(ctx, "AZ0038")
		// A deleted measure for the restore route.
		gone, _ := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: "4.1.10"})
		if err := db.DeleteMeasure(ctx, audit.System("test"), gone.Items[0].ID, gone.Items[0].Version); err != nil {
			t.Fatal(err)
		}
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{})
		pid, mid, oid := itoa(p.ID), itoa(m.ID), itoa(orgs.Items[0].ID)
		samples := map[string]string{
			"GET /static/":                        "/static/style.css",
			"GET /{$}":                            "/",
			"GET /plans/{id}":                     "/plans/" + pid,
			"GET /measures/{id}":                  "/measures/" + mid,
			"GET /organisations":                  "/organisations",
			"GET /organisations/{id}":             "/organisations/" + oid,
			"GET /search":                         "/search?q=plan",
			"GET /monitoring":                     "/monitoring",
			"GET /plans/{id}/measures/new":        "/plans/" + pid + "/measures/new",
			"POST /plans/{id}/measures/new":       "/plans/" + pid + "/measures/new",
			"GET /measures/{id}/edit":             "/measures/" + mid + "/edit",
			"POST /measures/{id}/edit":            "/measures/" + mid + "/edit",
			"GET /measures/{id}/delete":           "/measures/" + mid + "/delete",
			"POST /measures/{id}/delete":          "/measures/" + mid + "/delete",
			"GET /organisations/new":              "/organisations/new",
			"POST /organisations/new":             "/organisations/new",
			"GET /organisations/{id}/edit":        "/organisations/" + oid + "/edit",
			"POST /organisations/{id}/edit":       "/organisations/" + oid + "/edit",
			"GET /organisations/{id}/delete":      "/organisations/" + oid + "/delete",
			"POST /organisations/{id}/delete":     "/organisations/" + oid + "/delete",
			"GET /api/v1/openapi.json":            "/api/v1/openapi.json",
			"GET /api/v1/members":                 "/api/v1/members",
			"GET /api/v1/members.csv":             "/api/v1/members.csv",
			"GET /api/v1/plans":                   "/api/v1/plans",
			"GET /api/v1/plans.csv":               "/api/v1/plans.csv",
			"GET /api/v1/plans/{id}":              "/api/v1/plans/" + pid,
			"GET /api/v1/plans/{id}/measures":     "/api/v1/plans/" + pid + "/measures",
			"GET /api/v1/plans/{id}/measures.csv": "/api/v1/plans/" + pid + "/measures.csv",
			"GET /api/v1/measures":                "/api/v1/measures",
			"GET /api/v1/measures.csv":            "/api/v1/measures.csv",
			"GET /api/v1/measures/{id}":           "/api/v1/measures/" + mid,
			"GET /api/v1/organisations":           "/api/v1/organisations",
			"GET /api/v1/organisations.csv":       "/api/v1/organisations.csv",
			"GET /api/v1/organisations/{id}":      "/api/v1/organisations/" + oid,
			"GET /api/v1/search":                  "/api/v1/search?q=plan",
			"/api/":                               "/api/v1/none",
			"GET /login":                          "/login?next=/plans",
			"POST /login":                         "/login",
			"POST /logout":                        "/logout",
			"GET /setup/{token}":                  "/setup/not-a-token",
			"POST /setup/{token}":                 "/setup/not-a-token",
			"GET /healthz":                        "/healthz",
			"GET /metrics":                        "/metrics",
			"/":                                   "/no/such/page",

			// The public portal's shell.
			"GET /about":                        "/about",
			"GET /open-data":                    "/open-data",
			"GET /open-data/ogpp-open-data.zip": "/open-data/ogpp-open-data.zip",
			"GET /robots.txt":                   "/robots.txt",
			"GET /sitemap.xml":                  "/sitemap.xml",
			"GET /activities.csv":               "/activities.csv?" + projectSample(t, s, db).Activity,

			// Accounts: the admin pages, invitations and one's own account.
			"GET /admin/users":                  "/admin/users?sort=-role",
			"GET /admin/users/new":              "/admin/users/new",
			"POST /admin/users/new":             "/admin/users/new",
			"GET /admin/users/{id}/edit":        "/admin/users/1/edit",
			"POST /admin/users/{id}/edit":       "/admin/users/1/edit",
			"GET /admin/users/{id}/disable":     "/admin/users/1/disable",
			"POST /admin/users/{id}/disable":    "/admin/users/1/disable",
			"POST /admin/users/{id}/enable":     "/admin/users/1/enable",
			"POST /admin/users/{id}/invitation": "/admin/users/1/invitation",
			"GET /invite/{token}":               "/invite/not-a-token",
			"POST /invite/{token}":              "/invite/not-a-token",
			"GET /account":                      "/account",
			"POST /account/password":            "/account/password",
			"POST /account/signout-everywhere":  "/account/signout-everywhere",

			// The audit pages; restoring a live measure changes nothing.
			"GET /measures/{id}/history":              "/measures/" + mid + "/history",
			"GET /organisations/{id}/history":         "/organisations/" + oid + "/history",
			"GET /admin/audit":                        "/admin/audit?type=measure&from=2016-01-01",
			"GET /admin/deleted":                      "/admin/deleted",
			"POST /admin/deleted/{type}/{id}/restore": "/admin/deleted/measure/" + itoa(gone.Items[0].ID) + "/restore",

			// Plans, areas and milestones; the POSTs carry no version, so none deletes.
			"GET /plans/new":                     "/plans/new",
			"POST /plans/new":                    "/plans/new",
			"GET /plans/{id}/edit":               "/plans/" + pid + "/edit",
			"POST /plans/{id}/edit":              "/plans/" + pid + "/edit",
			"GET /plans/{id}/delete":             "/plans/" + pid + "/delete",
			"POST /plans/{id}/delete":            "/plans/" + pid + "/delete",
			"GET /plans/{id}/areas/new":          "/plans/" + pid + "/areas/new",
			"POST /plans/{id}/areas/new":         "/plans/" + pid + "/areas/new",
			"GET /areas/{id}/edit":               "/areas/" + sampleAreaID(t, db) + "/edit",
			"POST /areas/{id}/edit":              "/areas/" + sampleAreaID(t, db) + "/edit",
			"GET /areas/{id}/delete":             "/areas/" + sampleAreaID(t, db) + "/delete",
			"POST /areas/{id}/delete":            "/areas/" + sampleAreaID(t, db) + "/delete",
			"GET /measures/{id}/milestones/new":  "/measures/" + mid + "/milestones/new",
			"POST /measures/{id}/milestones/new": "/measures/" + mid + "/milestones/new",
			"GET /milestones/{id}/edit":          "/milestones/" + sampleMilestoneID(t, db) + "/edit",
			"POST /milestones/{id}/edit":         "/milestones/" + sampleMilestoneID(t, db) + "/edit",
			"GET /milestones/{id}/delete":        "/milestones/" + sampleMilestoneID(t, db) + "/delete",
			"POST /milestones/{id}/delete":       "/milestones/" + sampleMilestoneID(t, db) + "/delete",

			// The monitors' workflow (monitorSample: an open round, an
			// assessment by user 1, so that no role may review it, and a
			// file). The POSTs carry no version or no choice: none writes.
			"GET /plans/{id}/rounds":                                  "/plans/" + monitorSample(t, s, db).Plan + "/rounds",
			"GET /plans/{id}/rounds/new":                              "/plans/" + monitorSample(t, s, db).Plan + "/rounds/new",
			"POST /plans/{id}/rounds/new":                             "/plans/" + monitorSample(t, s, db).Plan + "/rounds/new",
			"GET /rounds/{id}/edit":                                   "/rounds/" + monitorSample(t, s, db).Round + "/edit",
			"POST /rounds/{id}/edit":                                  "/rounds/" + monitorSample(t, s, db).Round + "/edit",
			"GET /rounds/{id}/status":                                 "/rounds/" + monitorSample(t, s, db).Round + "/status?to=closed",
			"POST /rounds/{id}/status":                                "/rounds/" + monitorSample(t, s, db).Round + "/status",
			"GET /rounds/{id}/work":                                   "/rounds/" + monitorSample(t, s, db).Round + "/work?review=to_review",
			"GET /rounds/{rid}/measures/{mid}/assessment":             "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/assessment",
			"POST /rounds/{rid}/measures/{mid}/assessment":            "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/assessment",
			"POST /rounds/{rid}/measures/{mid}/evidence":              "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/evidence",
			"POST /rounds/{rid}/measures/{mid}/evidence/{eid}/remove": "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/evidence/" + monitorSample(t, s, db).Evidence + "/remove",
			"GET /evidence/{id}":                                      "/evidence/" + monitorSample(t, s, db).Evidence,
			"GET /assessments/{id}/versions":                          "/assessments/" + monitorSample(t, s, db).Assessment + "/versions",
			"POST /assessments/{id}/submit":                           "/assessments/" + monitorSample(t, s, db).Assessment + "/submit",
			"GET /assessments/{id}/review":                            "/assessments/" + monitorSample(t, s, db).Assessment + "/review",
			"POST /assessments/{id}/review":                           "/assessments/" + monitorSample(t, s, db).Assessment + "/review",
			"GET /rounds/{rid}/measures/{mid}/self-assessment":        "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/self-assessment",
			"POST /rounds/{rid}/measures/{mid}/self-assessment":       "/rounds/" + monitorSample(t, s, db).Round + "/measures/" + monitorSample(t, s, db).Measure + "/self-assessment",

			// The public side of monitoring: the open round's dashboard is
			// for monitors; the API answers the public about a published one.
			"GET /rounds/{id}":                        "/rounds/" + monitorSample(t, s, db).Round,
			"GET /rounds/{id}/areas.csv":              "/rounds/" + monitorSample(t, s, db).Round + "/areas.csv",
			"GET /rounds/{id}/executors.csv":          "/rounds/" + monitorSample(t, s, db).Round + "/executors.csv",
			"GET /rounds/{id}/report":                 "/rounds/" + monitorSample(t, s, db).Round + "/report",
			"GET /rounds/{id}/report.pdf":             "/rounds/" + monitorSample(t, s, db).Round + "/report.pdf",
			"GET /rounds/{id}/report.xlsx":            "/rounds/" + monitorSample(t, s, db).Round + "/report.xlsx",
			"GET /projects/{id}/report":               "/projects/" + projectSample(t, s, db).Project + "/report",
			"GET /projects/{id}/report.pdf":           "/projects/" + projectSample(t, s, db).Project + "/report.pdf",
			"GET /plans/{id}/progress":                "/plans/" + monitorSample(t, s, db).Plan + "/progress",
			"GET /plans/{id}/assessments.atom":        "/plans/" + monitorSample(t, s, db).Plan + "/assessments.atom",
			"GET /api/v1/plans/{id}/rounds":           "/api/v1/plans/" + monitorSample(t, s, db).Plan + "/rounds",
			"GET /api/v1/plans/{id}/progress":         "/api/v1/plans/" + monitorSample(t, s, db).Plan + "/progress?round=" + publishedRoundSample(t, s, db),
			"GET /api/v1/rounds/{id}/assessments":     "/api/v1/rounds/" + publishedRoundSample(t, s, db) + "/assessments",
			"GET /api/v1/rounds/{id}/assessments.csv": "/api/v1/rounds/" + publishedRoundSample(t, s, db) + "/assessments.csv",

			// The platform's members, people and expert groups
			// (membersSample: a member NGO with a representative who leads
			// a group). The POSTs carry no version or no input: none writes.
			"GET /members":              "/members?status=active",
			"GET /members.csv":          "/members.csv?kind=ngo",
			"GET /members/{id}":         "/members/" + membersSample(t, s, db).Membership,
			"GET /members/new":          "/members/new",
			"POST /members/new":         "/members/new",
			"GET /members/{id}/edit":    "/members/" + membersSample(t, s, db).Membership + "/edit",
			"POST /members/{id}/edit":   "/members/" + membersSample(t, s, db).Membership + "/edit",
			"GET /members/{id}/end":     "/members/" + membersSample(t, s, db).Membership + "/end",
			"POST /members/{id}/end":    "/members/" + membersSample(t, s, db).Membership + "/end",
			"GET /members/{id}/delete":  "/members/" + membersSample(t, s, db).Membership + "/delete",
			"POST /members/{id}/delete": "/members/" + membersSample(t, s, db).Membership + "/delete",
			"GET /people/{id}":          "/people/" + membersSample(t, s, db).Person,
			"GET /people/new":           "/people/new?organisation=" + membersSample(t, s, db).Organisation,
			"POST /people/new":          "/people/new",
			"GET /people/{id}/edit":     "/people/" + membersSample(t, s, db).Person + "/edit",
			"POST /people/{id}/edit":    "/people/" + membersSample(t, s, db).Person + "/edit",
			"GET /people/{id}/delete":   "/people/" + membersSample(t, s, db).Person + "/delete",
			"POST /people/{id}/delete":  "/people/" + membersSample(t, s, db).Person + "/delete",
			"GET /groups":               "/groups",
			"GET /groups/{id}":          "/groups/" + membersSample(t, s, db).Group,
			"GET /groups/new":           "/groups/new",
			"POST /groups/new":          "/groups/new",
			"GET /groups/{id}/edit":     "/groups/" + membersSample(t, s, db).Group + "/edit",
			"POST /groups/{id}/edit":    "/groups/" + membersSample(t, s, db).Group + "/edit",
			"GET /groups/{id}/delete":   "/groups/" + membersSample(t, s, db).Group + "/delete",
			"POST /groups/{id}/delete":  "/groups/" + membersSample(t, s, db).Group + "/delete",

			// The platform's projects (projectSample: a project with an
			// activity of clause 4.1.3, a task assigned to user 1 and an
			// indicator). The POSTs carry no version or no input: none writes.
			"GET /projects":                      "/projects",
			"GET /projects/{id}":                 "/projects/" + projectSample(t, s, db).Project,
			"GET /activities/{id}":               "/activities/" + projectSample(t, s, db).Activity,
			"GET /projects/new":                  "/projects/new",
			"POST /projects/new":                 "/projects/new",
			"GET /projects/{id}/edit":            "/projects/" + projectSample(t, s, db).Project + "/edit",
			"POST /projects/{id}/edit":           "/projects/" + projectSample(t, s, db).Project + "/edit",
			"GET /projects/{id}/delete":          "/projects/" + projectSample(t, s, db).Project + "/delete",
			"POST /projects/{id}/delete":         "/projects/" + projectSample(t, s, db).Project + "/delete",
			"GET /projects/{id}/activities/new":  "/projects/" + projectSample(t, s, db).Project + "/activities/new",
			"POST /projects/{id}/activities/new": "/projects/" + projectSample(t, s, db).Project + "/activities/new",
			"GET /activities/{id}/edit":          "/activities/" + projectSample(t, s, db).Activity + "/edit",
			"POST /activities/{id}/edit":         "/activities/" + projectSample(t, s, db).Activity + "/edit",
			"GET /activities/{id}/delete":        "/activities/" + projectSample(t, s, db).Activity + "/delete",
			"POST /activities/{id}/delete":       "/activities/" + projectSample(t, s, db).Activity + "/delete",
			"GET /activities/{id}/tasks/new":     "/activities/" + projectSample(t, s, db).Activity + "/tasks/new",
			"POST /activities/{id}/tasks/new":    "/activities/" + projectSample(t, s, db).Activity + "/tasks/new",
			"GET /tasks/{id}/edit":               "/tasks/" + projectSample(t, s, db).Task + "/edit",
			"POST /tasks/{id}/edit":              "/tasks/" + projectSample(t, s, db).Task + "/edit",
			"GET /tasks/{id}/delete":             "/tasks/" + projectSample(t, s, db).Task + "/delete",
			"POST /tasks/{id}/delete":            "/tasks/" + projectSample(t, s, db).Task + "/delete",
			"POST /tasks/{id}/done":              "/tasks/" + projectSample(t, s, db).Task + "/done",
			"GET /projects/{id}/indicators/new":  "/projects/" + projectSample(t, s, db).Project + "/indicators/new",
			"POST /projects/{id}/indicators/new": "/projects/" + projectSample(t, s, db).Project + "/indicators/new",
			"GET /indicators/{id}/edit":          "/indicators/" + projectSample(t, s, db).Indicator + "/edit",
			"POST /indicators/{id}/edit":         "/indicators/" + projectSample(t, s, db).Indicator + "/edit",
			"GET /indicators/{id}/delete":        "/indicators/" + projectSample(t, s, db).Indicator + "/delete",
			"POST /indicators/{id}/delete":       "/indicators/" + projectSample(t, s, db).Indicator + "/delete",

			// Drafts and meetings (draftsSample: an unpublished draft with a
			// comment, on a meeting's agenda). The POSTs carry no version or
			// no input: none writes.
			"GET /drafts":                               "/drafts",
			"GET /drafts/new":                           "/drafts/new",
			"POST /drafts/new":                          "/drafts/new",
			"GET /drafts/{id}":                          "/drafts/" + draftsSample(t, s, db).Draft,
			"GET /drafts/{id}/diff":                     "/drafts/" + draftsSample(t, s, db).Draft + "/diff?from=1&to=1",
			"GET /drafts/{id}/versions/new":             "/drafts/" + draftsSample(t, s, db).Draft + "/versions/new",
			"POST /drafts/{id}/versions/new":            "/drafts/" + draftsSample(t, s, db).Draft + "/versions/new",
			"POST /drafts/{id}/comments":                "/drafts/" + draftsSample(t, s, db).Draft + "/comments",
			"POST /drafts/{id}/comments/{cid}/resolve":  "/drafts/" + draftsSample(t, s, db).Draft + "/comments/" + draftsSample(t, s, db).Comment + "/resolve",
			"POST /drafts/{id}/publish":                 "/drafts/" + draftsSample(t, s, db).Draft + "/publish",
			"GET /meetings":                             "/meetings",
			"GET /meetings/new":                         "/meetings/new",
			"POST /meetings/new":                        "/meetings/new",
			"GET /meetings/{id}":                        "/meetings/" + draftsSample(t, s, db).Meeting,
			"POST /meetings/{id}/agenda":                "/meetings/" + draftsSample(t, s, db).Meeting + "/agenda",
			"POST /meetings/{id}/attendance":            "/meetings/" + draftsSample(t, s, db).Meeting + "/attendance",
			"POST /meetings/{id}/items/{item}/decision": "/meetings/" + draftsSample(t, s, db).Meeting + "/items/" + draftsSample(t, s, db).Item + "/decision",

			// The platform's outreach (outreachSample: an appeal with its
			// letter, not published, and a reply with a file; a media item;
			// a register entry). The POSTs carry no version, no input or no
			// file: none writes.
			"GET /appeals":                              "/appeals?status=overdue",
			"GET /appeals.csv":                          "/appeals.csv?status=answered",
			"GET /appeals/{id}":                         "/appeals/" + outreachSample(t, s, db).Appeal,
			"GET /appeals/new":                          "/appeals/new",
			"POST /appeals/new":                         "/appeals/new",
			"GET /appeals/{id}/edit":                    "/appeals/" + outreachSample(t, s, db).Appeal + "/edit",
			"POST /appeals/{id}/edit":                   "/appeals/" + outreachSample(t, s, db).Appeal + "/edit",
			"GET /appeals/{id}/delete":                  "/appeals/" + outreachSample(t, s, db).Appeal + "/delete",
			"POST /appeals/{id}/delete":                 "/appeals/" + outreachSample(t, s, db).Appeal + "/delete",
			"POST /appeals/{id}/document":               "/appeals/" + outreachSample(t, s, db).Appeal + "/document",
			"GET /appeals/{id}/replies/new":             "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/new",
			"POST /appeals/{id}/replies/new":            "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/new",
			"GET /appeals/{id}/replies/{rid}/edit":      "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/" + outreachSample(t, s, db).Reply + "/edit",
			"POST /appeals/{id}/replies/{rid}/edit":     "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/" + outreachSample(t, s, db).Reply + "/edit",
			"GET /appeals/{id}/replies/{rid}/delete":    "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/" + outreachSample(t, s, db).Reply + "/delete",
			"POST /appeals/{id}/replies/{rid}/delete":   "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/" + outreachSample(t, s, db).Reply + "/delete",
			"POST /appeals/{id}/replies/{rid}/document": "/appeals/" + outreachSample(t, s, db).Appeal + "/replies/" + outreachSample(t, s, db).Reply + "/document",
			"GET /appeal-documents/{id}":                "/appeal-documents/" + outreachSample(t, s, db).Letter,
			"GET /media":                                "/media?kind=article",
			"GET /media.csv":                            "/media.csv?year=2024",
			"GET /media/new":                            "/media/new",
			"POST /media/new":                           "/media/new",
			"GET /media/{id}/edit":                      "/media/" + outreachSample(t, s, db).Media + "/edit",
			"POST /media/{id}/edit":                     "/media/" + outreachSample(t, s, db).Media + "/edit",
			"GET /media/{id}/delete":                    "/media/" + outreachSample(t, s, db).Media + "/delete",
			"POST /media/{id}/delete":                   "/media/" + outreachSample(t, s, db).Media + "/delete",
			"GET /resources":                            "/resources",
			"GET /resources.csv":                        "/resources.csv?year=2017",
			"GET /resources/new":                        "/resources/new",
			"POST /resources/new":                       "/resources/new",
			"GET /resources/{id}/edit":                  "/resources/" + outreachSample(t, s, db).Resource + "/edit",
			"POST /resources/{id}/edit":                 "/resources/" + outreachSample(t, s, db).Resource + "/edit",
			"GET /resources/{id}/delete":                "/resources/" + outreachSample(t, s, db).Resource + "/delete",
			"POST /resources/{id}/delete":               "/resources/" + outreachSample(t, s, db).Resource + "/delete",
			// Scorecards (scorecardSample: a draft and a published one). The
			// POSTs carry no version or no input: none writes.
			"GET /scorecards":                    "/scorecards",
			"GET /scorecards/new":                "/scorecards/new",
			"POST /scorecards/new":               "/scorecards/new",
			"GET /scorecards/{id}":               "/scorecards/" + scorecardSample(t, s, db).Draft,
			"GET /scorecards/{id}/scores.csv":    "/scorecards/" + scorecardSample(t, s, db).Published + "/scores.csv",
			"GET /scorecards/{id}/edit":          "/scorecards/" + scorecardSample(t, s, db).Draft + "/edit",
			"POST /scorecards/{id}/edit":         "/scorecards/" + scorecardSample(t, s, db).Draft + "/edit",
			"GET /scorecards/{id}/scores":        "/scorecards/" + scorecardSample(t, s, db).Published + "/scores",
			"POST /scorecards/{id}/scores":       "/scorecards/" + scorecardSample(t, s, db).Published + "/scores",
			"GET /scorecards/{id}/subjects":      "/scorecards/" + scorecardSample(t, s, db).Published + "/subjects?q=a",
			"POST /scorecards/{id}/subjects":     "/scorecards/" + scorecardSample(t, s, db).Published + "/subjects",
			"GET /scorecards/{id}/criteria/new":  "/scorecards/" + scorecardSample(t, s, db).Published + "/criteria/new",
			"POST /scorecards/{id}/criteria/new": "/scorecards/" + scorecardSample(t, s, db).Published + "/criteria/new",
			// Surveys (surveySample: an open one, and a closed one with
			// published results). The POSTs carry no input: none writes.
			"GET /surveys":                     "/surveys",
			"GET /surveys/new":                 "/surveys/new",
			"POST /surveys/new":                "/surveys/new",
			"GET /surveys/{id}":                "/surveys/" + surveySample(t, s, db).Open,
			"GET /surveys/{id}/edit":           "/surveys/" + surveySample(t, s, db).Open + "/edit",
			"POST /surveys/{id}/edit":          "/surveys/" + surveySample(t, s, db).Open + "/edit",
			"GET /surveys/{id}/enter":          "/surveys/" + surveySample(t, s, db).Open + "/enter",
			"POST /surveys/{id}/enter":         "/surveys/" + surveySample(t, s, db).Open + "/enter",
			"GET /surveys/{id}/results":        "/surveys/" + surveySample(t, s, db).Open + "/results",
			"GET /surveys/{id}/responses.csv":  "/surveys/" + surveySample(t, s, db).Open + "/responses.csv",
			"GET /surveys/{id}/responses.xlsx": "/surveys/" + surveySample(t, s, db).Open + "/responses.xlsx",
			"GET /s/{id}":                      "/s/" + surveySample(t, s, db).Open,
			"POST /s/{id}":                     "/s/" + surveySample(t, s, db).Open,
			"GET /s/{id}/thanks":               "/s/" + surveySample(t, s, db).Open + "/thanks",
			// Events (eventSample: an open event with one registration).
			"GET /events":                                  "/events?kind=round_table",
			"GET /events.ics":                              "/events.ics",
			"GET /events.csv":                              "/events.csv?" + eventSample(t, s, db).Event,
			"GET /events/statistics":                       "/events/statistics",
			"GET /events/{id}":                             "/events/" + eventSample(t, s, db).Event,
			"POST /events/{id}/register":                   "/events/" + eventSample(t, s, db).Event + "/register",
			"GET /event-cancel/{token}":                    "/event-cancel/" + eventSample(t, s, db).Token,
			"POST /event-cancel/{token}":                   "/event-cancel/" + eventSample(t, s, db).Token,
			"GET /events/new":                              "/events/new",
			"POST /events/new":                             "/events/new",
			"GET /events/{id}/edit":                        "/events/" + eventSample(t, s, db).Event + "/edit",
			"POST /events/{id}/edit":                       "/events/" + eventSample(t, s, db).Event + "/edit",
			"GET /events/{id}/participants":                "/events/" + eventSample(t, s, db).Event + "/participants",
			"POST /events/{id}/participants/{rid}/checkin": "/events/" + eventSample(t, s, db).Event + "/participants/" + eventSample(t, s, db).Registration + "/checkin",
			"POST /events/{id}/headcounts":                 "/events/" + eventSample(t, s, db).Event + "/headcounts",
			// News and subscriptions (newsSample: a published item, a
			// pending subscription's tokens). The POSTs carry no version:
			// none writes but the token routes, which are the public's.
			"GET /news":                       "/news",
			"GET /news.atom":                  "/news.atom",
			"GET /news/{id}":                  "/news/" + newsSample(t, s, db).News,
			"GET /news/new":                   "/news/new",
			"POST /news/new":                  "/news/new",
			"GET /news/{id}/edit":             "/news/" + newsSample(t, s, db).News + "/edit",
			"POST /news/{id}/edit":            "/news/" + newsSample(t, s, db).News + "/edit",
			"POST /news/{id}/publish":         "/news/" + newsSample(t, s, db).News + "/publish",
			"GET /news/{id}/delete":           "/news/" + newsSample(t, s, db).News + "/delete",
			"POST /news/{id}/delete":          "/news/" + newsSample(t, s, db).News + "/delete",
			"GET /subscribe":                  "/subscribe",
			"POST /subscribe":                 "/subscribe",
			"GET /subscribe/confirm/{token}":  "/subscribe/confirm/" + newsSample(t, s, db).Confirm,
			"POST /subscribe/confirm/{token}": "/subscribe/confirm/" + newsSample(t, s, db).Confirm,
			"GET /unsubscribe/{token}":        "/unsubscribe/" + newsSample(t, s, db).Unsubscribe,
			"POST /unsubscribe/{token}":       "/unsubscribe/" + newsSample(t, s, db).Unsubscribe,
			// Categories, deleting and the JSON API (eventWorkSample: the
			// sample event's category, which its registration uses, so
			// that the delete is refused). The POSTs carry no version or
			// no direction: none writes.
			"GET /events/categories":                "/events/categories",
			"GET /events/categories/new":            "/events/categories/new",
			"POST /events/categories/new":           "/events/categories/new",
			"GET /events/categories/{code}/edit":    "/events/categories/" + eventWorkSample(t, s, db) + "/edit",
			"POST /events/categories/{code}/edit":   "/events/categories/" + eventWorkSample(t, s, db) + "/edit",
			"POST /events/categories/{code}/move":   "/events/categories/" + eventWorkSample(t, s, db) + "/move",
			"GET /events/categories/{code}/delete":  "/events/categories/" + eventWorkSample(t, s, db) + "/delete",
			"POST /events/categories/{code}/delete": "/events/categories/" + eventWorkSample(t, s, db) + "/delete",
			"GET /events/{id}/delete":               "/events/" + eventSample(t, s, db).Event + "/delete",
			"POST /events/{id}/delete":              "/events/" + eventSample(t, s, db).Event + "/delete",
			"GET /surveys/{id}/delete":              "/surveys/" + surveySample(t, s, db).Open + "/delete",
			"POST /surveys/{id}/delete":             "/surveys/" + surveySample(t, s, db).Open + "/delete",
			"GET /scorecards/{id}/delete":           "/scorecards/" + scorecardSample(t, s, db).Draft + "/delete",
			"POST /scorecards/{id}/delete":          "/scorecards/" + scorecardSample(t, s, db).Draft + "/delete",
			"GET /api/v1/events":                    "/api/v1/events?kind=round_table&status=planned&year=2099",
			"GET /api/v1/events/statistics":         "/api/v1/events/statistics?year=2017",
			"GET /api/v1/events/{id}":               "/api/v1/events/" + eventSample(t, s, db).Event,
			"GET /api/v1/scorecards":                "/api/v1/scorecards",
			"GET /api/v1/scorecards/{id}":           "/api/v1/scorecards/" + scorecardSample(t, s, db).Published,
			// The library (librarySample: an unpublished and a published
			// document, each with a file).
			"GET /library":                          "/library?kind=report&year=2017&language=en&sort=date",
			"GET /library.csv":                      "/library.csv?kind=report",
			"GET /library/new":                      "/library/new?event=1",
			"POST /library/new":                     "/library/new",
			"GET /library/{id}":                     "/library/" + librarySample(t, s, db).Draft,
			"GET /api/v1/library":                   "/api/v1/library",
			"GET /news.csv":                         "/news.csv",
			"GET /library/{id}/history":             "/library/" + librarySample(t, s, db).Published + "/history",
			"GET /news/{id}/history":                "/news/" + newsSample(t, s, db).News + "/history",
			"GET /api/v1/library/{id}":              "/api/v1/library/" + librarySample(t, s, db).Published,
			"GET /library/{id}/files/{fid}":         "/library/" + librarySample(t, s, db).Draft + "/files/" + librarySample(t, s, db).DraftFile,
			"GET /library/{id}/edit":                "/library/" + librarySample(t, s, db).Draft + "/edit",
			"POST /library/{id}/edit":               "/library/" + librarySample(t, s, db).Draft + "/edit",
			"POST /library/{id}/publish":            "/library/" + librarySample(t, s, db).Draft + "/publish",
			"GET /library/{id}/delete":              "/library/" + librarySample(t, s, db).Draft + "/delete",
			"POST /library/{id}/delete":             "/library/" + librarySample(t, s, db).Draft + "/delete",
			"POST /library/{id}/files":              "/library/" + librarySample(t, s, db).Draft + "/files",
			"GET /library/{id}/files/{fid}/remove":  "/library/" + librarySample(t, s, db).Draft + "/files/" + librarySample(t, s, db).DraftFile + "/remove",
			"POST /library/{id}/files/{fid}/remove": "/library/" + librarySample(t, s, db).Draft + "/files/" + librarySample(t, s, db).DraftFile + "/remove",
		}
		subjects := map[string]access.Subject{"anonymous": {}}
		for _, role := range account.Roles {
			subjects[string(role)] = access.Subject{User: &account.User{ID: 1, Role: role, OrganisationID: 9}}
		}
		for _, route := range s.Routes() {
			target, ok := samples[route.Pattern]
			if !ok {
				t.Errorf("route %q (%s) has no sample request in the matrix", route.Pattern, route.Action)
				continue
			}
			method := http.MethodGet
			if m, _, found := strings.Cut(route.Pattern, " "); found {
				method = m
			}
			for name, subject := range subjects {
				current = subject
				req := httptest.NewRequest(method, target, nil)
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				refused := rec.Code == http.StatusForbidden || (rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/login?next="))
				if want := !access.Can(subject, route.Action, resourceOf(t, route, method, target)); refused != want {
					t.Errorf("%s %s as %s: status %d, refused %v, want refused %v", method, target, name, rec.Code, refused, want)
				}
				if rec.Code >= 500 {
					t.Errorf("%s %s as %s: status %d", method, target, name, rec.Code)
				}
				// A sample that finds nothing tests the guard but not that
				// the handler behind it copes with the request.
				if !refused && rec.Code == http.StatusNotFound && route.Pattern != "/" && route.Pattern != "/api/" && !strings.Contains(route.Pattern, "{token}") {
					t.Errorf("%s %s as %s: 404, the sample names nothing", method, target, name)
				}
			}
		}
	})
}

func TestOpenAPIDescribesEveryEndpoint(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	routes := map[string]bool{}
	for _, route := range s.Routes() {
		r := route.Pattern
		method, path, ok := strings.Cut(r, " ")
		if !ok || !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		routes[path] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("openapi.json does not describe %s", r)
		}
	}
	for path := range doc.Paths {
		if !routes[path] {
			t.Errorf("openapi.json describes %s, which does not exist", path)
		}
	}
}

func TestSearchFoldsAzerbaijani(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		for _, q := range []string{"ŞƏFFAFLIQ", "şəffaflıq", "Şəffaflıq", "İCTİMAİ", "ictimai"} {
			status, body, _ := get(t, s, "/api/v1/measures?q="+urlQueryEscape(q))
			if status != 200 {
				t.Fatalf("q=%s: status %d", q, status)
			}
			var res struct{ Total int }
			json.Unmarshal([]byte(body), &res)
			if res.Total != 1 {
				t.Errorf("q=%s: %d measures, want 1", q, res.Total)
			}
		}
		// Dotless ı is its own letter: "ICTIMAI" folds to "ıctımaı" and must not
		// match "ictimai".
		_, body, _ := get(t, s, "/api/v1/measures?q=ICTIMAI")
		if !strings.Contains(body, `"total": 0`) {
			t.Errorf("q=ICTIMAI matched dotted i:\n%.300s", body)
		}
		status, body, _ := get(t, s, "/search?q="+urlQueryEscape("ŞƏFFAFLIQ"))
		if status != 200 || !strings.Contains(body, "ŞƏFFAFLIQ platformasının") {
			t.Errorf("search page: status %d, lacks the measure:\n%.500s", status, body)
		}
	})
}

func TestLanguageSwitchAndFallback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		p, _ := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		target := "/plans/" + itoa(p.ID)

		req := httptest.NewRequest(http.MethodGet, target+"?lang=en", nil)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		body := rec.Body.String()
		if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "National Action Plan on Open Government") {
			t.Fatalf("?lang=en did not render English:\n%.500s", body)
		}
		// 4.1.10 exists only in Azerbaijani: shown, marked as such.
		if !strings.Contains(body, `<span lang="az">İctimai şuraların şəffaflığı</span> <abbr class="lang-tag"`) {
			t.Errorf("fallback to Azerbaijani is not marked")
		}
		var cookie *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == langCookie {
				cookie = c
			}
		}
		if cookie == nil || cookie.Value != "en" || !cookie.HttpOnly {
			t.Fatalf("language cookie = %+v, want en, HttpOnly", cookie)
		}
		// The cookie keeps the choice on the next page, over the browser's wish.
		req = httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Accept-Language", "ru")
		req.AddCookie(cookie)
		rec = httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `<html lang="en">`) {
			t.Errorf("cookie language not kept")
		}
		// Russian from the browser, with Russian plurals.
		_, body, _ = get(t, s, "/", "Accept-Language", "ru-RU,ru;q=0.9")
		if !strings.Contains(body, "2 участника") || !strings.Contains(body, "2 плана действий") {
			t.Errorf("Russian home lacks plural counts:\n%.2000s", body)
		}
	})
}

func TestMeasureTableSortsClausesNaturally(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		p, _ := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		for _, tt := range []struct {
			sort string
			want []string
		}{
			{"", []string{"1.1", "4.1.3", "4.1.10"}},
			{"-clause", []string{"4.1.10", "4.1.3", "1.1"}},
		} {
			_, body, _ := get(t, s, "/api/v1/plans/"+itoa(p.ID)+"/measures?sort="+tt.sort)
			var res struct {
				Items []struct{ Clause string }
			}
			json.Unmarshal([]byte(body), &res)
			var got []string
			for _, m := range res.Items {
				got = append(got, m.Clause)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("sort=%q: %v, want %v", tt.sort, got, tt.want)
			}
		}
	})
}

func TestPlanFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		ctx := context.Background()
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		areas, _ := db.PlanAreas(ctx, p.ID)
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "Ədliyyə"})
		if len(areas) != 2 || len(orgs.Items) != 1 {
			t.Fatalf("fixture: %d areas, %d organisations", len(areas), len(orgs.Items))
		}
		base := "/api/v1/plans/" + itoa(p.ID) + "/measures?"
		for _, tt := range []struct {
			query string
			total int
		}{
			{"area=" + itoa(areas[1].ID), 2},
			{"executor=" + itoa(orgs.Items[0].ID), 2},
			{"year=2018", 2},
			{"year=2016", 2},
			{"year=2019", 0},
			{"year=2017&area=" + itoa(areas[0].ID), 1},
			{"area=none", 0},
		} {
			_, body, _ := get(t, s, base+tt.query)
			var res struct{ Total int }
			json.Unmarshal([]byte(body), &res)
			if res.Total != tt.total {
				t.Errorf("%s: total %d, want %d", tt.query, res.Total, tt.total)
			}
		}
		// The page shows the same filter with the choice kept in the form.
		_, body, _ := get(t, s, "/plans/"+itoa(p.ID)+"?year=2019")
		if !strings.Contains(body, `<option value="2019" selected>`) && !strings.Contains(body, "class=\"empty\"") {
			t.Errorf("year filter not shown:\n%.300s", body)
		}
	})
}

func TestCSVTwins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		for _, target := range []string{"/api/v1/plans.csv", "/api/v1/measures.csv", "/api/v1/organisations.csv", "/api/v1/members.csv"} {
			status, body, h := get(t, s, target)
			if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
				t.Fatalf("%s: status %d, type %q", target, status, h.Get("Content-Type"))
			}
			if !strings.HasPrefix(body, "\ufeff") {
				t.Errorf("%s: no byte-order mark for Excel", target)
			}
		}
		_, body, _ := get(t, s, "/api/v1/measures.csv?q=ictimai")
		lines := strings.Split(strings.TrimSpace(body), "\n")
		if len(lines) != 2 || !strings.Contains(lines[1], "İctimai şuraların şəffaflığı") {
			t.Errorf("measures.csv?q=ictimai = %q", lines)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, h := get(t, s, "/static/style.css")
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
	}
	// A cross-site POST is refused before any handler sees it.
	req := httptest.NewRequest(http.MethodPost, "/search", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", rec.Code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestPagesAreCompressed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		for _, target := range []string{"/", "/api/v1/plans", "/api/v1/plans.csv", "/static/style.css"} {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Accept-Encoding", "gzip, deflate")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Header().Get("Content-Encoding") != "gzip" {
				t.Fatalf("%s: not compressed", target)
			}
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatalf("%s: %v", target, err)
			}
			body, err := io.ReadAll(zr)
			if err != nil || len(body) == 0 {
				t.Errorf("%s: %d bytes, %v", target, len(body), err)
			}
		}
		// Without Accept-Encoding the answer is plain.
		_, body, h := get(t, s, "/")
		if h.Get("Content-Encoding") != "" || !strings.Contains(body, "<html") {
			t.Errorf("plain request got %q", h.Get("Content-Encoding"))
		}
	})
}

// TestBadInputNeverFails500 sends malformed and hostile parameters to every
// page and endpoint: each must answer with a 2xx or 4xx, never a 5xx.
func TestBadInputNeverFails500(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		long := urlQueryEscape(strings.Repeat("ş ", 150))
		values := []string{"", "0", "-1", "abc", "99999999999999999999999", "%00", "1e9", "'%20OR%201=1--", "%E2%80%AE", long}
		paths := []string{"/", "/plans/%s", "/measures/%s", "/organisations", "/organisations/%s", "/search",
			"/api/v1/plans", "/api/v1/plans.csv", "/api/v1/plans/%s", "/api/v1/plans/%s/measures", "/api/v1/plans/%s/measures.csv",
			"/api/v1/measures", "/api/v1/measures.csv", "/api/v1/measures/%s", "/api/v1/organisations", "/api/v1/organisations.csv",
			"/api/v1/organisations/%s", "/api/v1/members", "/api/v1/members.csv", "/login", "/setup/%s"}
		params := []string{"q", "page", "limit", "offset", "area", "executor", "year", "sort", "member", "lang", "next"}
		for _, p := range paths {
			for _, v := range values {
				target := strings.ReplaceAll(p, "%s", v)
				if v == "" && strings.Contains(p, "%s") {
					continue
				}
				for _, param := range params {
					u := target + "?" + param + "=" + v
					status, body, _ := get(t, s, u)
					if status >= 500 {
						t.Errorf("GET %s: %d\n%.200s", u, status, body)
					}
				}
			}
		}
	})
}

// resourceOf asks a route's resolver what a request acts on, routing the
// request as the server does so that its path values are set.
func resourceOf(t *testing.T, route Route, method, target string) access.Resource {
	t.Helper()
	if route.Resolve == nil {
		return access.Resource{}
	}
	var res access.Resource
	var err error
	m := http.NewServeMux()
	m.HandleFunc(route.Pattern, func(_ http.ResponseWriter, r *http.Request) { res, err = route.Resolve(r) })
	m.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, target, nil))
	if err != nil {
		t.Fatalf("%s %s: resolve: %v", method, target, err)
	}
	return res
}

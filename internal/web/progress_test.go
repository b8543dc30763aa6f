package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// progressFix is a plan of four measures in two areas with three rounds:
// two published (imported, so approved) and one open with a draft.
//
//	measure  area  executor  end         round 1      round 2 (published)
//	1.1      A     Org X     2017-12-31  limited      complete
//	1.2      A     Org Y     2017-06-30  limited      not started   (overdue)
//	2.1      B     Org X     2018-12-31  not started  substantial, starred
//	2.2      B     Org Y     —           withdrawn    not assessed
//
// Round 2's figures by hand: 4 measures, 3 assessed, 1 each at complete,
// substantial and not started (25% each); score (1 + ⅔ + 0) / 3 = 55.6%.
// Area A (1 + 0) / 2 = 50%, area B ⅔ = 66.7%; Org Y scores 0 and comes
// before Org X's (1 + ⅔) / 2 = 83.3%. Change: 2 increases, 1 decrease.
type progressFix struct {
	plan       plan.Plan
	empty      plan.Plan // a plan without any round
	r1, r2, r3 int64
	measures   map[string]plan.Measure // by clause
	orgX, orgY int64
}

func progressBundle() *plan.Bundle {
	d := func(s string) *plan.Date {
		x, err := plan.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return &x
	}
	x := []plan.BundleExecutor{{Name: plan.Text{"en": "Org X"}, Role: plan.RoleResponsible}}
	y := []plan.BundleExecutor{{Name: plan.Text{"en": "Org Y"}, Role: plan.RoleResponsible}}
	return &plan.Bundle{
		Members: []plan.Member{{Slug: "testland", Name: plan.Text{"en": "Testland", "az": "Testlənd"}, Kind: plan.MemberCountry}},
		Plans: []plan.BundlePlan{{
			ExternalID: "PT-PLAN", Member: "testland", Number: 1, Title: plan.Text{"en": "Testland plan", "az": "Testlənd planı"},
			Period: plan.Period{Text: "2016-2018", Start: d("2016-01-01"), End: d("2018-12-31")},
			Areas:  []plan.BundleArea{{Key: "1", Number: "1", Title: plan.Text{"en": "Area A"}}, {Key: "2", Number: "2", Title: plan.Text{"en": "Area B"}}},
			Measures: []plan.BundleMeasure{
				{ExternalID: "PT01", Clause: "1.1", Area: "1", Title: plan.Text{"en": "Measure one"}, Period: plan.Period{Text: "2017", Start: d("2017-01-01"), End: d("2017-12-31")}, Executors: x},
				{ExternalID: "PT02", Clause: "1.2", Area: "1", Title: plan.Text{"en": "Measure two"}, Period: plan.Period{Text: "2017", Start: d("2017-01-01"), End: d("2017-06-30")}, Executors: y},
				{ExternalID: "PT03", Clause: "2.1", Area: "2", Title: plan.Text{"en": "Measure three"}, Period: plan.Period{Text: "2018", Start: d("2018-01-01"), End: d("2018-12-31")}, Executors: x},
				{ExternalID: "PT04", Clause: "2.2", Area: "2", Title: plan.Text{"en": "Measure four", "az": "Dördüncü tədbir"}, Executors: y},
			},
		}, {
			ExternalID: "PT-EMPTY", Member: "testland", Number: 2, Title: plan.Text{"en": "Plan without rounds"},
			Measures: []plan.BundleMeasure{{ExternalID: "PT09", Clause: "1", Title: plan.Text{"en": "Lonely measure"}}},
		}},
	}
}

func progressMonitoring() *monitor.Bundle {
	yes := true
	d := func(s string) *plan.Date { x, _ := plan.ParseDate(s); return &x }
	rate := func(m string, c monitor.Completion) monitor.BundleAssessment {
		return monitor.BundleAssessment{Measure: m, Rating: monitor.Rating{Completion: c}}
	}
	star := monitor.BundleAssessment{Measure: "PT03", Rating: monitor.Rating{Completion: monitor.Substantial, Verifiable: &yes,
		Relevance: []plan.OGPValue{plan.ValueCivicParticipation}, RelevanceRated: true, Impact: monitor.ImpactTransformative,
		Opened: monitor.OpenedMajor, Narrative: "The **council** met four times."}}
	return &monitor.Bundle{Rounds: []monitor.BundleRound{
		{ExternalID: "PT-PLAN/r1", Plan: "PT-PLAN", Name: plan.Text{"en": "Mid-term 2017", "az": "Aralıq 2017"}, Kind: monitor.KindMidTerm,
			Period: plan.Period{Text: "2016-2017", Start: d("2016-01-01"), End: d("2017-06-30")}, Status: monitor.RoundPublished, Source: "test",
			Assessments: []monitor.BundleAssessment{rate("PT01", monitor.Limited), rate("PT02", monitor.Limited), rate("PT03", monitor.NotStarted), rate("PT04", monitor.Withdrawn)}},
		{ExternalID: "PT-PLAN/r2", Plan: "PT-PLAN", Name: plan.Text{"en": "End of term 2018", "az": "Yekun 2018"}, Kind: monitor.KindEndOfTerm,
			Period: plan.Period{Text: "2018", Start: d("2018-01-01"), End: d("2018-12-31")}, Status: monitor.RoundPublished, Source: "test",
			Assessments: []monitor.BundleAssessment{rate("PT01", monitor.Complete), rate("PT02", monitor.NotStarted), star}},
	}}
}

var (
	progressMonitorA = audit.Actor{UserID: 41, Name: "aysel@example.org"}
	progressFocal    = audit.Actor{UserID: 42, Name: "focal@example.org"}
	progressCoord    = audit.Actor{UserID: 43, Name: "coordinator@example.org"}
)

// newProgressFix loads the fixture. Round 2 is then reopened to hold a
// newer draft of 1.1 (limited) and Org X's self-assessment of it (limited),
// and published again: the public must still see 1.1 complete, the
// approved version, beside the government's disagreeing account.
func newProgressFix(t *testing.T, db *store.DB) progressFix {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Import(ctx, progressBundle()); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportMonitoring(ctx, progressMonitoring()); err != nil {
		t.Fatal(err)
	}
	var f progressFix
	var err error
	if f.plan, err = db.GetPlan(ctx, "PT-PLAN"); err != nil {
		t.Fatal(err)
	}
	if f.empty, err = db.GetPlan(ctx, "PT-EMPTY"); err != nil {
		t.Fatal(err)
	}
	f.measures = map[string]plan.Measure{}
	for _, ext := range []string{"PT01", "PT02", "PT03", "PT04"} {
		m, err := db.GetMeasure(ctx, ext)
		if err != nil {
			t.Fatal(err)
		}
		f.measures[m.Clause] = m
	}
	f.orgX, f.orgY = f.measures["1.1"].Executors[0].OrganisationID, f.measures["1.2"].Executors[0].OrganisationID
	rounds, err := db.ListRounds(ctx, f.plan.ID, false)
	if err != nil || len(rounds) != 2 {
		t.Fatalf("rounds = %+v, %v", rounds, err)
	}
	f.r1, f.r2 = rounds[0].ID, rounds[1].ID
	move := func(id int64, to monitor.RoundStatus) {
		t.Helper()
		rd, err := db.GetRound(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundStatus(ctx, progressCoord, id, to, rd.Version); err != nil {
			t.Fatalf("round %d to %s: %v", id, to, err)
		}
	}
	move(f.r2, monitor.RoundClosed)
	move(f.r2, monitor.RoundOpen)
	m11 := f.measures["1.1"]
	current, err := db.GetAssessment(ctx, f.r2, m11.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveAssessment(ctx, progressMonitorA, monitor.AssessmentEdit{RoundID: f.r2, MeasureID: m11.ID,
		Rating: monitor.Rating{Completion: monitor.Limited}, Version: current.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveSelfAssessment(ctx, progressFocal, monitor.SelfAssessmentEdit{RoundID: f.r2, MeasureID: m11.ID,
		OrganisationID: f.orgX, Completion: monitor.Limited, Narrative: "Work continues."}); err != nil {
		t.Fatal(err)
	}
	move(f.r2, monitor.RoundClosed)
	move(f.r2, monitor.RoundPublished)
	// Round 3, open: only monitors see it, with 1.1's draft.
	if f.r3, err = db.CreateRound(ctx, progressCoord, monitor.RoundEdit{PlanID: f.plan.ID, Name: plan.Text{"en": "Follow-up 2019"},
		Kind: monitor.KindAnnual, PeriodText: "2019"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveAssessment(ctx, progressMonitorA, monitor.AssessmentEdit{RoundID: f.r3, MeasureID: m11.ID,
		Rating: monitor.Rating{Completion: monitor.Substantial, Narrative: "Draft: <script>alert(1)</script> not yet reviewed."}}); err != nil {
		t.Fatal(err)
	}
	return f
}

// progressServer serves the fixture with a monitoring store and a fixed
// clock; who says who asks, the public when it returns the zero Subject.
func progressServer(t *testing.T, db *store.DB, who *access.Subject) *Server {
	t.Helper()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	s, err := New(Options{Registry: db, Monitor: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})), Version: "test",
		Subject: func(*http.Request) access.Subject { return *who }, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	publishedSamplesMu sync.Mutex
	publishedSamples   = map[*store.DB]string{}
)

// publishedRoundSample makes, once per database, a published round of the
// route matrix's plan beside monitorSample's open one, for the routes that
// answer the public only about published rounds, and returns its id.
func publishedRoundSample(t *testing.T, s *Server, db *store.DB) string {
	t.Helper()
	planID, err := strconv.ParseInt(monitorSample(t, s, db).Plan, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	publishedSamplesMu.Lock()
	defer publishedSamplesMu.Unlock()
	if id, ok := publishedSamples[db]; ok {
		return id
	}
	ctx := context.Background()
	id, err := db.CreateRound(ctx, progressCoord, monitor.RoundEdit{PlanID: planID, Name: plan.Text{"en": "Published matrix round"},
		Kind: monitor.KindMidTerm, PeriodText: "2016"})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []monitor.RoundStatus{monitor.RoundClosed, monitor.RoundPublished} {
		rd, err := db.GetRound(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundStatus(ctx, progressCoord, id, to, rd.Version); err != nil {
			t.Fatal(err)
		}
	}
	publishedSamples[db] = itoa(id)
	return publishedSamples[db]
}

var (
	reSVGAreas = regexp.MustCompile(`(?s)<svg class="chart-svg chart-areas".*?</g>\s*</svg>`)
	reBar      = regexp.MustCompile(`(?s)<g class="bar" data-id="(\d+)" data-measures="(\d+)">(.*?)</g>`)
	reSegment  = regexp.MustCompile(`<rect class="seg seg-[a-z_]+" data-level="([a-z_]+)" data-count="(\d+)"`)
	reRow      = regexp.MustCompile(`(?s)<tr data-id="(\d+)">(.*?)</tr>`)
	reCell     = regexp.MustCompile(`data-level="([a-z_]+)" data-count="(\d+)"`)
)

// tableOf cuts the table with the id out of a page.
func tableOf(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<table[^>]* id="` + regexp.QuoteMeta(id) + `">.*?</table>`).FindString(body)
	if m == "" {
		t.Fatalf("no table #%s in the page", id)
	}
	return m
}

// levelCounts reads level="count" pairs, leaving out the zeros.
func levelCounts(re *regexp.Regexp, s string) map[string]int {
	out := map[string]int{}
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		if n, _ := strconv.Atoi(m[2]); n > 0 {
			out[m[1]] = n
		}
	}
	return out
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// readCSV checks the byte-order mark and parses the rest.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	rest, ok := strings.CutPrefix(body, "\ufeff")
	if !ok {
		t.Fatalf("CSV without a byte-order mark: %.60q", body)
	}
	rows, err := csv.NewReader(strings.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v", err)
	}
	return rows
}

// column returns the named column of a CSV's rows (the header first).
func column(t *testing.T, rows [][]string, name string) []string {
	t.Helper()
	for i, h := range rows[0] {
		if h == name {
			var out []string
			for _, r := range rows[1:] {
				out = append(out, r[i])
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", name, rows[0])
	return nil
}

func TestRoundDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		r2 := "/rounds/" + itoa(f.r2)

		status, body, hdr := get(t, s, r2+"?lang=en")
		if status != 200 {
			t.Fatalf("GET %s: %d\n%.500s", r2, status, body)
		}
		if hdr.Get("Cache-Control") == "private, no-store" {
			t.Errorf("the public dashboard is marked private")
		}
		for _, want := range []string{
			`<span class="figure" id="score">55.6%</span>`, `<span class="figure" id="assessed">3</span>`, "measures assessed (of 4)",
			`<span id="as-of">31 December 2018</span>`, `<link rel="alternate" type="application/atom+xml" href="/plans/` + itoa(f.plan.ID) + `/assessments.atom"`,
			`<tr data-level="complete"><th scope="row"><span class="tag tag-completion-complete">Complete</span></th><td class="num">1</td><td class="num">25%</td></tr>`,
			`<tr data-level="not_started"><th scope="row"><span class="tag tag-completion-not_started">Not started</span></th><td class="num">1</td><td class="num">25%</td></tr>`,
			`<tr data-level="unassessed"><th scope="row">Not assessed</th><td class="num">1</td>`,
			`<a href="/rounds/` + itoa(f.r1) + `">Mid-term 2017</a>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("dashboard lacks %s", want)
			}
		}
		if strings.Contains(body, "Follow-up 2019") || strings.Contains(body, "Not yet published") {
			t.Errorf("the public dashboard mentions the unpublished round")
		}

		// One bar per area, and the bars say what the table says.
		svg := reSVGAreas.FindString(body)
		bars := reBar.FindAllStringSubmatch(svg, -1)
		if len(bars) != 2 {
			t.Fatalf("the area chart has %d bars, want 2:\n%s", len(bars), svg)
		}
		table := tableOf(t, body, "areas-table")
		rows := map[string]map[string]int{}
		for _, m := range reRow.FindAllStringSubmatch(table, -1) {
			rows[m[1]] = levelCounts(reCell, m[2])
		}
		areaA, areaB := itoa(f.measures["1.1"].AreaID), itoa(f.measures["2.1"].AreaID)
		wantBars := map[string]map[string]int{
			areaA: {"complete": 1, "not_started": 1},
			areaB: {"substantial": 1, "unassessed": 1},
		}
		for _, b := range bars {
			got := levelCounts(reSegment, b[3])
			if !sameCounts(got, wantBars[b[1]]) {
				t.Errorf("bar of area %s = %v, want %v", b[1], got, wantBars[b[1]])
			}
			if !sameCounts(got, rows[b[1]]) {
				t.Errorf("bar of area %s = %v, its table row %v", b[1], got, rows[b[1]])
			}
		}
		if !strings.Contains(table, "50%") || !strings.Contains(table, "66.7%") {
			t.Errorf("the areas' scores are not 50%% and 66.7%%:\n%s", table)
		}
		if !strings.Contains(svg, `<rect class="seg seg-complete" data-level="complete" data-count="1" x="50%" y="26" width="50%" height="26" fill="url(#pat-complete)"`) {
			t.Errorf("area A's complete segment is not the second half of its bar (after not started):\n%s", svg)
		}

		// The scorecard: lowest score first.
		exec := tableOf(t, body, "executors-table")
		if y, x := strings.Index(exec, `data-id="`+itoa(f.orgY)+`"`), strings.Index(exec, `data-id="`+itoa(f.orgX)+`"`); y < 0 || x < 0 || y > x {
			t.Errorf("the scorecard does not put Org Y (0%%) before Org X (83.3%%):\n%s", exec)
		}
		if !strings.Contains(exec, "83.3%") {
			t.Errorf("Org X's score is not 83.3%%:\n%s", exec)
		}
		// Overdue: 1.2 only; starred: 2.1 only.
		overdue, starred := tableOf(t, body, "overdue-table"), tableOf(t, body, "starred-table")
		if strings.Count(overdue, "<tr data-measure=") != 1 || !strings.Contains(overdue, "Measure two") {
			t.Errorf("overdue:\n%s", overdue)
		}
		if strings.Count(starred, "<tr data-measure=") != 1 || !strings.Contains(starred, "Measure three") {
			t.Errorf("starred:\n%s", starred)
		}
		// Change since round 1: 1.1 and 2.1 up, 1.2 down; 2.2 not assessed now.
		changes := tableOf(t, body, "change-counts")
		for kind, n := range map[string]string{"increase": "2", "no_change": "0", "decrease": "1"} {
			if !regexp.MustCompile(`<tr data-change="` + kind + `">.*?<td class="num">` + n + `</td></tr>`).MatchString(changes) {
				t.Errorf("change %s is not %s:\n%s", kind, n, changes)
			}
		}
		if n := strings.Count(tableOf(t, body, "changes-table"), "<tr data-measure="); n != 3 {
			t.Errorf("%d measures compared, want 3", n)
		}

		// The CSV files have the same figures, with ids in every row.
		status, csvBody, hdr := get(t, s, r2+"/areas.csv")
		if status != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
			t.Fatalf("areas.csv: %d %s", status, hdr.Get("Content-Type"))
		}
		areaRows := readCSV(t, csvBody)
		if len(areaRows) != 3 {
			t.Fatalf("areas.csv has %d rows, want a header and 2", len(areaRows))
		}
		for name, want := range map[string][]string{
			"round_id": {itoa(f.r2), itoa(f.r2)}, "plan_external_id": {"PT-PLAN", "PT-PLAN"}, "area_id": {areaA, areaB},
			"area_title_en": {"Area A", "Area B"}, "measures": {"2", "2"}, "complete_count": {"1", "0"}, "not_started_count": {"1", "0"},
			"substantial_count": {"0", "1"}, "not_assessed": {"0", "1"}, "complete_share": {"50.0", "0.0"}, "score": {"50.0", "66.7"},
			"as_of": {"2018-12-31", "2018-12-31"}, "versions": {"approved", "approved"},
		} {
			if got := column(t, areaRows, name); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("areas.csv %s = %v, want %v", name, got, want)
			}
		}
		_, csvBody, _ = get(t, s, r2+"/executors.csv")
		execRows := readCSV(t, csvBody)
		if got := column(t, execRows, "organisation_id"); strings.Join(got, "|") != itoa(f.orgY)+"|"+itoa(f.orgX) {
			t.Errorf("executors.csv order = %v", got)
		}
		if got := column(t, execRows, "score"); strings.Join(got, "|") != "0.0|83.3" {
			t.Errorf("executors.csv scores = %v", got)
		}

		// Round 1 is the first: nothing to compare with.
		_, body, _ = get(t, s, "/rounds/"+itoa(f.r1)+"?lang=en")
		if !strings.Contains(body, "first round of monitoring") {
			t.Errorf("round 1 does not say it is the first")
		}
		// In Azerbaijani, shares take a decimal comma.
		_, body, _ = get(t, s, r2+"?lang=az")
		if !strings.Contains(body, `<span class="figure" id="score">55,6%</span>`) || !strings.Contains(body, "Yekun 2018") {
			t.Errorf("the Azerbaijani dashboard has no 55,6%%")
		}
	})
}

func TestUnpublishedRound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		r3 := "/rounds/" + itoa(f.r3)
		for _, target := range []string{r3, r3 + "/areas.csv", r3 + "/executors.csv"} {
			status, _, hdr := get(t, s, target)
			if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login?next=") {
				t.Errorf("public GET %s: %d %s, want a redirect to sign in", target, status, hdr.Get("Location"))
			}
		}
		for _, target := range []string{"/api/v1/rounds/" + itoa(f.r3) + "/assessments", "/api/v1/rounds/" + itoa(f.r3) + "/assessments.csv",
			"/api/v1/plans/" + itoa(f.plan.ID) + "/progress?round=" + itoa(f.r3), "/rounds/999999", "/api/v1/rounds/999999/assessments"} {
			if status, _, _ := get(t, s, target); status != 404 {
				t.Errorf("public GET %s: %d, want 404", target, status)
			}
		}
		// A member may not either; a monitor may, marked as unpublished,
		// with the current versions.
		who = access.Subject{User: &account.User{ID: 7, Role: account.RoleMember}}
		if status, _, _ := get(t, s, r3); status != http.StatusForbidden {
			t.Errorf("a member reads an unpublished round: %d", status)
		}
		who = access.Subject{User: &account.User{ID: 8, Role: account.RoleMonitor}}
		status, body, _ := get(t, s, r3+"?lang=en")
		if status != 200 {
			t.Fatalf("a monitor: %d", status)
		}
		for _, want := range []string{`id="unpublished"`, "Not yet published.", `<span class="figure" id="assessed">1</span>`,
			`<tr data-level="substantial"><th scope="row"><span class="tag tag-completion-substantial">Substantial</span></th><td class="num">1</td>`,
			`Follow-up 2019`, `<a href="/rounds/` + itoa(f.r2) + `">End of term 2018</a>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the monitor's view lacks %s", want)
			}
		}
		_, csvBody, _ := get(t, s, r3+"/areas.csv")
		if got := column(t, readCSV(t, csvBody), "versions"); got[0] != "current" {
			t.Errorf("the unpublished round's CSV says %v", got)
		}
		// The published round looks the same to a monitor as to the public:
		// approved versions, not the newer draft of 1.1.
		_, body, _ = get(t, s, "/rounds/"+itoa(f.r2)+"?lang=en")
		if !strings.Contains(body, `<span class="figure" id="score">55.6%</span>`) || strings.Contains(body, `id="unpublished"`) {
			t.Errorf("a monitor sees other figures of the published round than the public")
		}
		if !strings.Contains(body, `<a href="/rounds/`+itoa(f.r3)+`">Follow-up 2019</a>`) {
			t.Errorf("a monitor on a published round cannot move to the open one")
		}
	})
}

func TestProgressRedirectAndPlanPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		status, _, hdr := get(t, s, "/plans/"+itoa(f.plan.ID)+"/progress")
		if status != http.StatusFound || hdr.Get("Location") != "/rounds/"+itoa(f.r2) {
			t.Errorf("progress: %d → %q, want the latest published round %d", status, hdr.Get("Location"), f.r2)
		}
		status, body, _ := get(t, s, "/plans/PT-EMPTY/progress?lang=en")
		if status != 200 || !strings.Contains(body, `id="no-rounds"`) || !strings.Contains(body, "No round of monitoring of this plan has been published yet.") {
			t.Errorf("a plan without rounds: %d\n%.600s", status, body)
		}
		if status, _, _ := get(t, s, "/plans/nope/progress"); status != 404 {
			t.Errorf("an unknown plan's progress: %d", status)
		}
		_, body, _ = get(t, s, "/plans/"+itoa(f.plan.ID)+"?lang=en")
		for _, want := range []string{`<link rel="alternate" type="application/atom+xml" href="/plans/` + itoa(f.plan.ID) + `/assessments.atom"`,
			`<a href="/rounds/` + itoa(f.r1) + `">Mid-term 2017</a>`, `<a href="/rounds/` + itoa(f.r2) + `">End of term 2018</a>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the plan page lacks %s", want)
			}
		}
		if strings.Contains(body, "Follow-up 2019") {
			t.Errorf("the plan page lists the unpublished round")
		}
	})
}

// atomDoc is what the test reads of the feed.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Link    []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestAssessmentsFeed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		status, body, hdr := get(t, s, "/plans/"+itoa(f.plan.ID)+"/assessments.atom?lang=en")
		if status != 200 || hdr.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("feed: %d %s", status, hdr.Get("Content-Type"))
		}
		var doc atomDoc
		if err := xml.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("the feed is not XML: %v\n%s", err, body)
		}
		if doc.ID != "http://example.com/plans/"+itoa(f.plan.ID)+"/assessments.atom" || doc.Title != "Testland plan: published assessments" || doc.Author == "" {
			t.Errorf("feed head: id %q, title %q, author %q", doc.ID, doc.Title, doc.Author)
		}
		if _, err := time.Parse(time.RFC3339, doc.Updated); err != nil {
			t.Errorf("feed updated %q: %v", doc.Updated, err)
		}
		// 4 assessments in round 1 and 3 in round 2; none of round 3.
		if len(doc.Entries) != 7 {
			t.Fatalf("%d entries, want 7", len(doc.Entries))
		}
		ids := map[string]bool{}
		for _, e := range doc.Entries {
			if e.ID == "" || e.Title == "" || e.Summary == "" || len(e.Link) == 0 || ids[e.ID] {
				t.Errorf("entry %+v lacks a part or repeats an id", e)
			}
			ids[e.ID] = true
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("entry updated %q: %v", e.Updated, err)
			}
		}
		m11 := f.measures["1.1"]
		if !ids["http://example.com/measures/"+itoa(m11.ID)+"#round-"+itoa(f.r2)] {
			t.Errorf("no entry for 1.1 in round 2: %v", ids)
		}
		if strings.Contains(body, "Follow-up 2019") || strings.Contains(body, "not yet reviewed") {
			t.Errorf("the feed has the unpublished round")
		}
		// Round 2's 1.1 is complete (approved), not the newer limited draft.
		for _, e := range doc.Entries {
			if strings.HasPrefix(e.Title, "1.1 Measure one") && strings.Contains(e.Title, "End of term 2018") && !strings.Contains(e.Title, "Complete") {
				t.Errorf("1.1 in round 2: %q", e.Title)
			}
		}
	})
}

func TestMonitoringAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		var list struct {
			Items []apiRound `json:"items"`
			Total int        `json:"total"`
		}
		getInto := func(target string, v any) {
			t.Helper()
			status, body, _ := get(t, s, target)
			if status != 200 {
				t.Fatalf("GET %s: %d %s", target, status, body)
			}
			if err := json.Unmarshal([]byte(body), v); err != nil {
				t.Fatalf("GET %s: %v", target, err)
			}
		}
		getInto("/api/v1/plans/"+itoa(f.plan.ID)+"/rounds", &list)
		if list.Total != 2 || len(list.Items) != 2 || list.Items[0].ID != f.r1 || list.Items[1].Status != "published" {
			t.Errorf("public rounds = %+v", list)
		}
		getInto("/api/v1/plans/PT-PLAN/rounds?limit=1&offset=1", &list)
		if list.Total != 2 || len(list.Items) != 1 || list.Items[0].ID != f.r2 {
			t.Errorf("second page of rounds = %+v", list)
		}
		var assessments struct {
			Items []apiAssessment `json:"items"`
			Total int             `json:"total"`
		}
		getInto("/api/v1/rounds/"+itoa(f.r2)+"/assessments", &assessments)
		if assessments.Total != 3 || len(assessments.Items) != 3 {
			t.Fatalf("round 2's assessments = %+v", assessments)
		}
		first := assessments.Items[0]
		if first.Measure.Clause != "1.1" || first.Completion == nil || *first.Completion != "complete" || first.Impact != nil {
			t.Errorf("1.1 in round 2 = %+v", first)
		}
		if third := assessments.Items[2]; third.Measure.ExternalID != "PT03" || !third.Starred || third.Narrative != "The **council** met four times." {
			t.Errorf("2.1 in round 2 = %+v", third)
		}
		_, body, _ := get(t, s, "/api/v1/rounds/"+itoa(f.r2)+"/assessments.csv")
		rows := readCSV(t, body)
		if got := column(t, rows, "completion"); strings.Join(got, "|") != "complete|not_started|substantial" {
			t.Errorf("assessments.csv completion = %v", got)
		}
		if got := column(t, rows, "starred"); strings.Join(got, "|") != "no|no|yes" {
			t.Errorf("assessments.csv starred = %v", got)
		}
		var progress apiProgress
		getInto("/api/v1/plans/"+itoa(f.plan.ID)+"/progress", &progress)
		if progress.Round.ID != f.r2 || progress.Overall.Score != 55.6 || progress.Overall.Counts["complete"] != 1 || progress.Overall.Shares["complete"] != 25 ||
			progress.Overall.NotAssessed != 1 || progress.AsOf != "2018-12-31" || progress.Versions != "approved" {
			t.Errorf("progress = %+v", progress)
		}
		if len(progress.Areas) != 2 || progress.Areas[0].Score != 50 || len(progress.Executors) != 2 || *progress.Executors[0].ID != f.orgY ||
			len(progress.Overdue) != 1 || progress.Overdue[0].Clause != "1.2" || len(progress.Starred) != 1 {
			t.Errorf("progress groups = %+v", progress)
		}
		if progress.Change == nil || progress.Change.PreviousRound.ID != f.r1 || progress.Change.Counts["increase"] != 2 || progress.Change.Counts["decrease"] != 1 {
			t.Errorf("progress change = %+v", progress.Change)
		}
		getInto("/api/v1/plans/"+itoa(f.plan.ID)+"/progress?round="+itoa(f.r1), &progress)
		if progress.Round.ID != f.r1 || progress.Change != nil || progress.Overall.Counts["limited"] != 2 {
			t.Errorf("round 1's progress = %+v", progress)
		}
		for target, want := range map[string]int{
			"/api/v1/plans/" + itoa(f.plan.ID) + "/progress?round=abc":           400,
			"/api/v1/plans/PT-EMPTY/progress":                                    404,
			"/api/v1/plans/PT-EMPTY/progress?round=" + itoa(f.r1):                404,
			"/api/v1/rounds/" + itoa(f.r2) + "/assessments?limit=0":              400,
			"/api/v1/plans/nope/rounds":                                          404,
			"/api/v1/plans/" + itoa(f.empty.ID) + "/rounds":                      200,
			"/api/v1/rounds/" + itoa(f.r2) + "/assessments.csv?offset=2":         200,
			"/api/v1/plans/" + itoa(f.plan.ID) + "/progress?round=" + itoa(f.r3): 404,
			"/api/v1/rounds/abc/assessments":                                     404,
		} {
			if status, body, _ := get(t, s, target); status != want {
				t.Errorf("GET %s: %d, want %d\n%.300s", target, status, want, body)
			}
		}
		// Monitors list every round and may ask for an unpublished one's
		// progress, marked as current versions.
		who = access.Subject{User: &account.User{ID: 8, Role: account.RoleMonitor}}
		getInto("/api/v1/plans/"+itoa(f.plan.ID)+"/rounds", &list)
		if list.Total != 3 {
			t.Errorf("a monitor's rounds = %+v", list)
		}
		getInto("/api/v1/plans/"+itoa(f.plan.ID)+"/progress?round="+itoa(f.r3), &progress)
		if progress.Versions != "current" || progress.Overall.Counts["substantial"] != 1 {
			t.Errorf("a monitor's progress of round 3 = %+v", progress)
		}
	})
}

func TestMeasureAssessmentHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newProgressFix(t, db)
		var who access.Subject
		s := progressServer(t, db, &who)
		m11 := "/measures/" + itoa(f.measures["1.1"].ID) + "?lang=en"
		status, body, _ := get(t, s, m11)
		if status != 200 {
			t.Fatalf("measure page: %d", status)
		}
		_, history, found := strings.Cut(body, `<section class="assessment-history"`)
		if !found {
			t.Fatalf("the measure page has no assessment history")
		}
		r1, r2 := strings.Index(history, `id="round-`+itoa(f.r1)+`"`), strings.Index(history, `id="round-`+itoa(f.r2)+`"`)
		if r1 < 0 || r2 < 0 || r1 > r2 {
			t.Fatalf("the history lacks round 1 then round 2:\n%s", history)
		}
		round2 := history[r2:]
		for _, want := range []string{`tag-completion-complete">Complete`, `tag-completion-limited">Limited`, "Work continues.", "Differs from civil society", "Org X assesses the completion as"} {
			if !strings.Contains(round2, want) {
				t.Errorf("round 2 of 1.1 lacks %s", want)
			}
		}
		if strings.Contains(history, `id="round-`+itoa(f.r3)+`"`) || strings.Contains(body, "not yet reviewed") {
			t.Errorf("the public sees round 3 in the history")
		}
		// The starred measure shows its star and its narrative as HTML.
		_, body, _ = get(t, s, "/measures/PT03?lang=en")
		if !strings.Contains(body, "<strong>council</strong>") || !strings.Contains(body, `class="tag tag-starred"`) {
			t.Errorf("2.1's history lacks the rendered narrative or the star")
		}
		// A monitor sees round 3 too, marked, with its draft's narrative
		// escaped by the markdown renderer.
		who = access.Subject{User: &account.User{ID: 8, Role: account.RoleMonitor}}
		_, body, _ = get(t, s, m11)
		i := strings.Index(body, `id="round-`+itoa(f.r3)+`"`)
		if i < 0 {
			t.Fatalf("a monitor does not see round 3 in the history")
		}
		if !strings.Contains(body[i:], "Not yet published") || !strings.Contains(body[i:], "Review: Draft") || strings.Contains(body, "<script>alert(1)</script>") {
			t.Errorf("round 3 in the monitor's history is not marked, or its narrative is not safe")
		}
		// Monitors see current versions: 1.1's newer draft in the published
		// round 2, marked as such.
		if j := strings.Index(body, `id="round-`+itoa(f.r2)+`"`); j < 0 || j > i || !strings.Contains(body[j:i], "Review: Draft") || strings.Contains(body[j:i], "Not yet published") {
			t.Errorf("round 2 in the monitor's history does not mark 1.1's draft")
		}
		// A measure without a published assessment says so.
		who = access.Subject{}
		_, body, _ = get(t, s, "/measures/PT09?lang=en")
		if !strings.Contains(body, `id="no-assessments"`) {
			t.Errorf("a measure never assessed does not say so")
		}
	})
}

// TestScaleLabelsInEveryLanguage checks every value of the IRM's scales,
// whose keys the pages build at run time, has its name in every language.
func TestScaleLabelsInEveryLanguage(t *testing.T) {
	var keys []string
	for _, c := range monitor.Completions {
		keys = append(keys, "monitor.completion."+string(c))
	}
	for _, v := range monitor.Impacts {
		keys = append(keys, "monitor.impact."+string(v))
	}
	for _, v := range monitor.OpenedLevels {
		keys = append(keys, "monitor.opened."+string(v))
	}
	for _, v := range monitor.EarlyResultsLevels {
		keys = append(keys, "monitor.early_results."+string(v))
	}
	for _, v := range monitor.RoundKinds {
		keys = append(keys, "monitor.kind."+string(v))
	}
	for _, v := range monitor.RoundStatuses {
		keys = append(keys, "monitor.status."+string(v))
	}
	for _, v := range monitor.ReviewStatuses {
		keys = append(keys, "monitor.review."+string(v))
	}
	for _, v := range monitor.ChangeKinds {
		keys = append(keys, "monitor.change."+string(v))
	}
	for _, lang := range []string{"az", "en", "ru"} {
		l := locale{Lang: lang}
		for _, k := range keys {
			if l.T(k) == k {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}

func TestSharePercent(t *testing.T) {
	for _, tt := range []struct {
		lang string
		v    float64
		want string
	}{{"en", 55.6, "55.6%"}, {"en", 25, "25%"}, {"az", 66.7, "66,7%"}, {"ru", 12.5, "12,5\u00a0%"}, {"en", 0, "0%"}} {
		if got := sharePercent(tt.lang, tt.v); got != tt.want {
			t.Errorf("sharePercent(%s, %v) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}

package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// reportClock is the day the reports of these tests are made: 20 November
// 2026 in Baku.
var reportClock = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

// azReportFix is the demo's Azerbaijan plan with its open round, in which
// a monitor has assessed measure 1.1 with a narrative, a link and a file.
type azReportFix struct {
	plan    plan.Plan
	round   monitor.Round
	measure plan.Measure
	file    []byte
}

// azNarrative is the assessment's narrative, in Azerbaijani markdown.
const azNarrative = "Portal **işə salınıb**; şəffaflıq artıb.\n\n- İctimai müzakirə keçirilib\n- Hesabat dərc edilib"

// newAZReportFix loads Azerbaijan's NAP 2016-2018 and its open round as
// the demo does (internal/app's LoadDemo imports the same set), and
// assesses measure 1.1.
func newAZReportFix(t *testing.T, db *store.DB) azReportFix {
	t.Helper()
	ctx := context.Background()
	reg, err := opendata.AzerbaijanNAP()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ImportAll(ctx, audit.System("import"), reg, opendata.AzerbaijanMonitoring()); err != nil {
		t.Fatal(err)
	}
	var f azReportFix
	if f.plan, err = db.GetPlan(ctx, opendata.AzerbaijanNAPID); err != nil {
		t.Fatal(err)
	}
	rounds, err := db.ListRounds(ctx, f.plan.ID, false)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("Azerbaijan's rounds: %v, %v", rounds, err)
	}
	f.round = rounds[0]
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: f.plan.ID, Limit: 1000})
	if err != nil || len(ms.Items) == 0 {
		t.Fatalf("Azerbaijan's measures: %v, %v", ms.Items, err)
	}
	for _, m := range ms.Items {
		if m.Clause == "1.1" {
			f.measure = m
		}
	}
	if f.measure.ID == 0 {
		t.Fatal("Azerbaijan's plan has no measure 1.1")
	}
	yes := true
	author := audit.Actor{UserID: 41, Name: "leyla@example.org"}
	a, err := db.SaveAssessment(ctx, author, monitor.AssessmentEdit{RoundID: f.round.ID, MeasureID: f.measure.ID,
		Rating: monitor.Rating{Completion: monitor.Substantial, Verifiable: &yes, Relevance: []plan.OGPValue{plan.ValueAccessToInformation},
			RelevanceRated: true, Impact: monitor.ImpactModerate, Narrative: azNarrative},
		Links: []monitor.LinkEdit{{Title: "Hesabat", URL: "https://example.org/hesabat", Accessed: "2018-03-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	f.file = minimalPDF
	if _, err := db.AddEvidenceFile(ctx, author, a.ID, monitor.FileUpload{Name: "protokol.pdf", Data: f.file}); err != nil {
		t.Fatal(err)
	}
	return f
}

// reportServer serves a database with monitoring to who, on reportClock.
func reportServer(t *testing.T, db *store.DB, who *access.Subject) *Server {
	t.Helper()
	s, err := New(Options{Registry: db, Monitor: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})),
		Version: "test", Subject: func(*http.Request) access.Subject { return *who }, Now: func() time.Time { return reportClock }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// reportMonitor is a monitor, who may read rounds not yet published.
var reportMonitor = access.Subject{User: &account.User{ID: 41, Name: "Leyla", Email: "leyla@example.org", Role: account.RoleMonitor}}

// pdfText runs pdftotext over a PDF and returns its text with every run of
// white space made one space, as a reader reads it. Without pdftotext the
// test is skipped, unless CI=true, where it must be installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftotext is missing (apt-get install poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// The acceptance: the PDF report of the Azerbaijan demo plan, run through
// pdftotext, holds its Azerbaijani title letter for letter, and the
// round's name, the assessment and its evidence come through in the
// reader's language — Cyrillic included.
func TestRoundReportPDFOfTheAzerbaijanPlan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAZReportFix(t, db)
		who := reportMonitor
		s := reportServer(t, db, &who)
		base := "/rounds/" + strconv.FormatInt(f.round.ID, 10) + "/report.pdf"

		status, body, h := get(t, s, base+"?lang=az")
		if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("report.pdf = %d %q, starts %q", status, h.Get("Content-Type"), body[:min(len(body), 8)])
		}
		if cc := h.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("the report of an unpublished round may be cached: Cache-Control %q", cc)
		}
		azPDF := body
		text := pdfText(t, []byte(body))
		sum := sha256.Sum256(f.file)
		wantIn(t, "the Azerbaijani PDF", text,
			f.plan.Title["az"], // Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı
			f.round.Name["az"],
			"Açıq Hökumət Platforması",
			"20 noyabr 2026",
			f.measure.Title.In("az").Value,
			"Portal işə salınıb; şəffaflıq artıb.",
			"• İctimai müzakirə keçirilib",
			"Əhəmiyyətli",
			"https://example.org/hesabat",
			"protokol.pdf",
			hex.EncodeToString(sum[:]),
			"Səhifə 2 /",
		)
		wantNotIn(t, "the Azerbaijani PDF", text, "**", "report.", "progress.")

		_, body, _ = get(t, s, base+"?lang=ru")
		wantIn(t, "the Russian PDF", pdfText(t, []byte(body)), f.round.Name["ru"], "Общий ход выполнения", "Страница 1 из")

		// The same report twice is the same file: nothing but the clock
		// dates it.
		if get3(t, s, base+"?lang=az") != azPDF {
			t.Error("two PDFs of the same round on the same clock differ")
		}
	})
}

// get3 returns only the body of a GET.
func get3(t *testing.T, h http.Handler, target string) string {
	t.Helper()
	_, body, _ := get(t, h, target)
	return body
}

// The acceptance: the XLSX reads back with the same figures as the
// dashboard — the summary's key figures, counts by completion level and
// each area's row are those figuresOf gives the dashboard, and each area's
// sheet has a row per measure. Checked on the fixture's published round,
// which has two areas, a star and an overdue measure, and on the
// Azerbaijan demo plan.
func TestRoundReportXLSXHasTheDashboardsFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pf := newProgressFix(t, db)
		az := newAZReportFix(t, db)
		who := reportMonitor
		s := reportServer(t, db, &who)
		for _, id := range []int64{pf.r2, az.round.ID} {
			t.Run(strconv.FormatInt(id, 10), func(t *testing.T) {
				status, body, h := get(t, s, fmt.Sprintf("/rounds/%d/report.xlsx?lang=en", id))
				if status != http.StatusOK || !strings.Contains(h.Get("Content-Disposition"), ".xlsx") {
					t.Fatalf("report.xlsx = %d, %q", status, h.Get("Content-Disposition"))
				}
				rd, err := db.GetRound(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				f, err := s.figuresOf(context.Background(), rd)
				if err != nil {
					t.Fatal(err)
				}
				checkXLSXFigures(t, []byte(body), f)
			})
		}
	})
}

// checkXLSXFigures reads a report's workbook back and compares it with the
// dashboard's figures.
func checkXLSXFigures(t *testing.T, data []byte, f roundFigures) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	p := f.Progress
	if len(sheets) != 1+len(p.Areas) || sheets[0] != "Summary" {
		t.Fatalf("sheets %q; want Summary and one per area (%d)", sheets, len(p.Areas))
	}
	rows, err := x.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	// value finds the first row labelled label after the row labelled
	// after, and returns its cell n.
	value := func(after, label string, n int) string {
		t.Helper()
		seen := after == ""
		for _, r := range rows {
			if len(r) == 0 {
				continue
			}
			if !seen {
				seen = r[0] == after
				continue
			}
			if r[0] == label && len(r) > n {
				return r[n]
			}
		}
		t.Errorf("the summary has no row %q after %q", label, after)
		return ""
	}
	en := func(key string) string { return i18n.T("en", key) }
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	o := p.Overall
	checks := []struct{ what, got, want string }{
		{"measures", value(en("progress.overall"), en("progress.measures"), 1), strconv.Itoa(o.Measures)},
		{"assessed", value(en("progress.overall"), en("report.assessed"), 1), strconv.Itoa(o.Assessed())},
		{"not assessed", value(en("progress.overall"), en("progress.unassessed"), 1), strconv.Itoa(o.Unassessed)},
		{"score", value(en("progress.overall"), en("report.score.percent"), 1), num(o.Score)},
		{"starred", value(en("progress.overall"), en("progress.starred.count"), 1), strconv.Itoa(len(p.Starred))},
		{"overdue", value(en("progress.overall"), en("progress.overdue.count"), 1), strconv.Itoa(len(p.Overdue))},
	}
	for _, c := range shownLevels(o) {
		label := en("monitor.completion." + string(c))
		checks = append(checks,
			struct{ what, got, want string }{label, value(en("progress.completion"), label, 1), strconv.Itoa(o.Counts[c])},
			struct{ what, got, want string }{label + " share", value(en("progress.completion"), label, 2), num(o.Share(c))})
	}
	for _, a := range p.Areas {
		name := en("progress.noarea")
		if a.ID != 0 {
			name = a.Name.In("en").Value
			if name == "" {
				name = en("area.untitled")
			}
			if a.Number != "" {
				name = a.Number + ". " + name
			}
		}
		d := a.Distribution
		levels := shownLevels(o)
		checks = append(checks,
			struct{ what, got, want string }{name + " measures", value(en("progress.areas.table"), name, 1), strconv.Itoa(d.Measures)},
			struct{ what, got, want string }{name + " assessed", value(en("progress.areas.table"), name, 2), strconv.Itoa(d.Assessed())},
			struct{ what, got, want string }{name + " score", value(en("progress.areas.table"), name, 4+len(levels)), num(d.Score)})
		for i, c := range levels {
			checks = append(checks, struct{ what, got, want string }{name + " " + string(c), value(en("progress.areas.table"), name, 3+i), strconv.Itoa(d.Counts[c])})
		}
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("summary %s = %q, the dashboard says %s", c.what, c.got, c.want)
		}
	}
	// Each area's sheet lists its measures, one row each under two
	// heading rows.
	for i, a := range p.Areas {
		rs, err := x.GetRows(sheets[1+i])
		if err != nil {
			t.Fatal(err)
		}
		if got := len(rs) - 2; got != a.Distribution.Measures {
			t.Errorf("sheet %q has %d measures, the dashboard %d", sheets[1+i], got, a.Distribution.Measures)
		}
	}
}

// The print page carries the dashboard's SVG charts, a section per area
// (each printed from a new page) and every measure of the round, in the
// reader's language.
func TestRoundReportPrintPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pf := newProgressFix(t, db)
		var public access.Subject
		s := reportServer(t, db, &public)
		status, body, h := get(t, s, fmt.Sprintf("/rounds/%d/report?lang=az", pf.r2))
		if status != http.StatusOK || h.Get("Content-Language") != "az" {
			t.Fatalf("report page = %d, %q", status, h.Get("Content-Language"))
		}
		wantIn(t, "the print page", body, "Testlənd planı", "Yekun 2018", `id="chart-overall"`, `id="chart-areas"`,
			"Measure one", "Dördüncü tədbir", "council met four times", `href="/rounds/`+strconv.FormatInt(pf.r2, 10)+`/report.pdf?lang=az"`)
		if n := strings.Count(body, `<section class="report-area"`); n != 2 {
			t.Errorf("the print page has %d area sections, want 2", n)
		}
		// The dashboard links the three forms of its report.
		_, dash, _ := get(t, s, fmt.Sprintf("/rounds/%d?lang=en", pf.r2))
		for _, suffix := range []string{"/report.pdf?lang=en", "/report.xlsx?lang=en", "/report\""} {
			wantIn(t, "the dashboard", dash, fmt.Sprintf(`href="/rounds/%d%s`, pf.r2, suffix))
		}
	})
}

// Reports of rounds answer as the dashboard does: the public gets none of
// an unpublished round, and bad or unknown ids are 404, never 500.
func TestRoundReportAccessAndBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pf := newProgressFix(t, db)
		var public access.Subject
		s := reportServer(t, db, &public)
		dashboard, _, _ := get(t, s, fmt.Sprintf("/rounds/%d", pf.r3))
		if dashboard == http.StatusOK {
			t.Fatalf("the public reads the unpublished round's dashboard")
		}
		for _, suffix := range []string{"/report", "/report.pdf", "/report.xlsx"} {
			if status, _, _ := get(t, s, fmt.Sprintf("/rounds/%d%s", pf.r3, suffix)); status != dashboard {
				t.Errorf("the public gets %d for the unpublished round's %s, as for its dashboard %d", status, suffix, dashboard)
			}
			for _, id := range []string{"abc", "0", "-3", "99999999", "1e3"} {
				if status, _, _ := get(t, s, "/rounds/"+id+suffix); status != http.StatusNotFound {
					t.Errorf("/rounds/%s%s = %d, want 404", id, suffix, status)
				}
			}
		}
		if status, _, _ := get(t, s, fmt.Sprintf("/rounds/%d/report.pdf", pf.r2)); status != http.StatusOK {
			t.Errorf("the public cannot read the published round's report: %d", status)
		}
	})
}

// A project's activity report shows its indicators reported and
// recorded, the participants of its activities' events by category, and
// renders as a PDF that keeps its Azerbaijani title.
func TestProjectReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var public access.Subject
		s := projectServer(t, db, &public)
		ctx := context.Background()
		uid, err := db.CreateUser(ctx, account.User{Email: "nigar@example.org", Name: "Nigar Hüseynova", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		w := seedLogframe(t, db, uid)
		s.events = db
		id, err := db.CreateEvent(ctx, audit.System("test"), events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Round table on proposals", "az": "Təkliflər üzrə dəyirmi masa"},
			Start: "2017-03-10T10:00", Region: "Gəncə", ActivityID: w.activity, Status: events.Held})
		if err != nil {
			t.Fatal(err)
		}
		officials, guests := 14, 6
		if err := db.SetHeadCounts(ctx, audit.System("test"), id, map[events.Category]*int{events.StateBody: &officials, events.ForeignGuest: &guests}); err != nil {
			t.Fatal(err)
		}
		status, body, _ := get(t, s, fmt.Sprintf("/projects/%d/report?lang=en", w.project))
		if status != http.StatusOK {
			t.Fatalf("project report page = %d", status)
		}
		wantIn(t, "the activity report", body, "Accelerating OGP", "Accelerate the development of OGP", "462",
			`<span class="figure" id="participants">20</span>`, `<span class="figure" id="events-held">1</span>`,
			"Round table on proposals", "Gəncə", i18n.T("en", "events.category.state_body"))
		// A category the coordinators renamed is named as they renamed it.
		cats, err := db.ListCategories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var version int
		for _, c := range cats {
			if c.Code == events.StateBody {
				version = c.Version
			}
		}
		if err := db.UpdateCategory(ctx, audit.System("test"), events.StateBody, events.CategoryEdit{Code: events.StateBody, Active: true, Version: version,
			Label: plan.Text{"en": "Government officials", "az": "Dövlət məmurları", "ru": "Государственные служащие"}}); err != nil {
			t.Fatal(err)
		}
		_, body, _ = get(t, s, fmt.Sprintf("/projects/%d/report?lang=en", w.project))
		wantIn(t, "the activity report after renaming a category", body, "Government officials")
		_, page, _ := get(t, s, fmt.Sprintf("/projects/%d?lang=en", w.project))
		wantIn(t, "the project page", page, fmt.Sprintf(`href="/projects/%d/report.pdf?lang=en"`, w.project))

		status, pdf, h := get(t, s, fmt.Sprintf("/projects/%d/report.pdf?lang=az", w.project))
		if status != http.StatusOK || h.Get("Content-Type") != "application/pdf" {
			t.Fatalf("project report.pdf = %d %q", status, h.Get("Content-Type"))
		}
		wantIn(t, "the project's PDF", pdfText(t, []byte(pdf)), "AHT-nin sürətləndirilməsi", "Fəaliyyət hesabatı",
			"Təkliflər üzrə dəyirmi masa", "Gəncə", "20")
		for _, bad := range []string{"abc", "0", "99999999"} {
			for _, suffix := range []string{"/report", "/report.pdf"} {
				if status, _, _ := get(t, s, "/projects/"+bad+suffix); status != http.StatusNotFound {
					t.Errorf("/projects/%s%s = %d, want 404", bad, suffix, status)
				}
			}
		}
	})
}

package app

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/web"
)

// The item 9: the demo holds the seed project as its report gives
// it — twelve activities under the clauses the report names, their tasks,
// and the report's totals as reported values — and the project's page says
// so.
func TestDemoProject(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	var seed struct {
		Activities []struct {
			No        string   `json:"no"`
			NAPClause string   `json:"nap_clause"`
			Tasks     []string `json:"tasks"`
		} `json:"activities"`
	}
	raw, err := os.ReadFile("../opendata/data/ogp-platform-project.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &seed); err != nil {
		t.Fatal(err)
	}

	list, err := db.ListProjects(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("projects = %+v, %v", list, err)
	}
	p, err := db.GetProject(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Activities) != 12 || len(seed.Activities) != 12 {
		t.Fatalf("%d activities, the seed has %d; want 12", len(p.Activities), len(seed.Activities))
	}
	if len(p.Goals) != 2 || p.Goals[0].ID != "A" || p.Goals[1].Text["az"] == "" || p.GeneralGoal["az"] == "" || p.Plan != opendata.AzerbaijanNAPID {
		t.Errorf("project = %+v", p)
	}
	for i, a := range p.Activities {
		s := seed.Activities[i]
		if a.Number != s.No || a.Clause != s.NAPClause || len(a.Tasks) != len(s.Tasks) || a.Title["az"] == "" {
			t.Errorf("activity %d = %s, clause %s, %d tasks; the seed: %s, clause %s, %d tasks", i, a.Number, a.Clause, len(a.Tasks), s.No, s.NAPClause, len(s.Tasks))
		}
		// Every clause the report cites is in the demo registry.
		if a.MeasureID == 0 {
			t.Errorf("activity %s (clause %s) links to no measure", a.Number, a.Clause)
		}
		if a.Goal != "" {
			t.Errorf("activity %s serves goal %q, which the report does not say", a.Number, a.Goal)
		}
	}
	three := p.Activities[2]
	if three.Number != "3" || three.Clause != "4.1.2" {
		t.Fatalf("activity 3 = %+v", three)
	}
	for i, task := range three.Tasks {
		if task.Title["en"] != seed.Activities[2].Tasks[i] || task.Title["az"] == "" || task.AssigneeID != 0 || task.AssigneeName != "" || task.Due != nil {
			t.Errorf("activity 3, task %d = %+v", i+1, task)
		}
	}
	if three.Tasks[2].Title["az"] != "Təkliflər Paketi layihəsinin Platformanın toplantısında müzakirəsi və təsdiq edilməsi" {
		t.Errorf("activity 3, task 3 in Azerbaijani = %q", three.Tasks[2].Title["az"])
	}
	want := map[string]int64{"Round tables held": 17, "Round tables held in the regions": 4, "Participants": 462,
		"Representatives of state bodies among the participants": 14, "Foreign guests among the participants": 6, "Internet-TV discussions": 8}
	if len(p.Indicators) != len(want) {
		t.Errorf("%d indicators, want %d", len(p.Indicators), len(want))
	}
	for _, ind := range p.Indicators {
		if ind.Reported == nil || *ind.Reported != want[ind.Name["en"]] || ind.ReportedSource != "the project's report" || ind.Target != nil || ind.Computation == "" {
			t.Errorf("indicator %+v", ind)
		}
	}
	if ps, err := db.VerifyContent(ctx); err != nil || len(ps) != 0 {
		t.Errorf("verify = %+v, %v", ps, err)
	}
	if r, err := db.VerifyAudit(ctx); err != nil || !r.OK() {
		t.Errorf("audit = %+v, %v", r, err)
	}
	if e, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: "project", Limit: 1}); len(e) != 1 || e[0].Actor != audit.System("demo") {
		t.Errorf("project's audit entry = %+v", e)
	}

	s, err := web.New(web.Options{Registry: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Projects: db,
		IndicatorSources: db.ProjectIndicatorSources()})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/projects/"+strconv.FormatInt(p.ID, 10)+"?lang=en", nil))
	body := rec.Body.String()
	for _, w := range []string{"reported 462", "reported 17", "Accelerate the development of the Open Government Partnership in Azerbaijan",
		`href="/measures/` + strconv.FormatInt(three.MeasureID, 10) + `">4.1.2</a>`} {
		if rec.Code != 200 || !strings.Contains(body, w) {
			t.Errorf("project page: status %d, lacks %q", rec.Code, w)
		}
	}

	// A coordinator's deleting the project does not bring it back at the next start.
	for _, a := range p.Activities {
		if err := db.DeleteActivity(ctx, audit.System("test"), a.ID, a.Version); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteProject(ctx, audit.System("test"), p.ID, p.Version); err != nil {
		t.Fatal(err)
	}
	if loaded, _, err := LoadDemo(ctx, db); err != nil || loaded {
		t.Errorf("demo after the project was deleted: %v, %v", loaded, err)
	}
}

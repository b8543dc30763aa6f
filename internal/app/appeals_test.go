package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

func TestOutreachConfig(t *testing.T) {
	c, err := outreachConfig(Config{})
	if err != nil || c.Calendar.HasHolidays() || c.Kinds.String() != "information_request=7,proposal=15,complaint=15" {
		t.Errorf("defaults: %+v, %v", c, err)
	}
	path := filepath.Join(t.TempDir(), "holidays.txt")
	if err := os.WriteFile(path, []byte("# Novruz\n2024-03-20 Novruz bayramı\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = outreachConfig(Config{Holidays: path, AppealKinds: "inquiry=30"})
	if err != nil || c.Calendar.IsWorkingDay(plan.Date{Year: 2024, Month: 3, Day: 20}) || c.Kinds.String() != "inquiry=30" {
		t.Errorf("configured: %+v, %v", c, err)
	}
	if err := os.WriteFile(path, []byte("2024-03-20\n20.03.2024\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := outreachConfig(Config{Holidays: path}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a bad holidays file: %v", err)
	}
	if _, err := outreachConfig(Config{AppealKinds: "proposal=fifteen"}); err == nil {
		t.Error("bad kinds accepted")
	}
}

// TestOutreachIndicators: the seed project's "appeals sent" and "media
// items" count what was recorded for its activities.
func TestOutreachIndicators(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The Azerbaijan plan whose clauses the seed project's activities cite.
	bundles, err := opendata.DemoBundles()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		if slices.ContainsFunc(b.Plans, func(p plan.BundlePlan) bool { return p.ExternalID == opendata.AzerbaijanNAPID }) {
			if _, err := db.Import(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := loadDemoProject(ctx, db); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListProjects(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("projects = %+v, %v", list, err)
	}
	p, err := db.GetProject(ctx, list[0].ID)
	if err != nil || len(p.Activities) == 0 {
		t.Fatalf("project = %+v, %v", p, err)
	}
	actor := audit.System("test")
	org, err := db.CreateOrganisation(ctx, actor, plan.OrganisationEdit{Name: plan.Text{"az": "Maliyyə Nazirliyi"}, Kind: plan.OrgStateBody})
	if err != nil {
		t.Fatal(err)
	}
	for _, activity := range []int64{p.Activities[0].ID, p.Activities[0].ID, 0} {
		if _, err := db.CreateAppeal(ctx, actor, platform.AppealEdit{Kind: "proposal", ReplyDays: 15, AddresseeID: org, SentOn: "2017-05-02",
			Subject: plan.Text{"az": "Təkliflər"}, ActivityID: activity}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateMedia(ctx, actor, platform.MediaEdit{Outlet: "Turan", Kind: platform.MediaArticle, PublishedOn: "2017-05-03",
		Title: "Dəyirmi masa", ActivityID: p.Activities[len(p.Activities)-1].ID}); err != nil {
		t.Fatal(err)
	}
	p.Indicators = []platform.Indicator{{Computation: platform.ComputeAppealsSent}, {Computation: platform.ComputeMediaItems}}
	if err := platform.NewComputations(outreachIndicatorSources(db)...).Record(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if a, m := p.Indicators[0].Recorded, p.Indicators[1].Recorded; a == nil || *a != 2 || m == nil || *m != 1 {
		t.Errorf("recorded appeals %v, media %v; want 2 and 1", a, m)
	}
}

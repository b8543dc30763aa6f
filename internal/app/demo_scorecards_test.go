package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The demo holds the structure of the seed's two comparative assessments
// with no scores: the five state companies the project's report names
// against the two things it analysed, linked to activity 6 (NAP 5.5); and
// the nine state bodies against the ASAN centres' standards (NAP 8.6),
// which the seed does not name, so no subjects and a description that
// says so. A second start loads nothing again.
func TestDemoScorecards(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListScorecards(ctx, true)
	if err != nil || len(list) != 2 {
		t.Fatalf("published demo scorecards: %+v %v", list, err)
	}
	companies, err := db.GetScorecard(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range companies.Subjects {
		names = append(names, s.Name.In("az").Value)
	}
	if want := []string{"SOCAR", "Azərenerji", "Azərsu", "AZAL", "Azərbaycan Dəmir Yolları"}; !slices.Equal(names, want) {
		t.Errorf("companies %q, want %q", names, want)
	}
	if len(companies.Criteria) != 2 || len(companies.Cells) != 0 {
		t.Errorf("companies: %d criteria, %d cells; want 2 and none", len(companies.Criteria), len(companies.Cells))
	}
	for _, tot := range companies.Totals() {
		if tot.Share != nil || tot.Rank != 0 {
			t.Errorf("%s has a total in the demo: no result may be invented", tot.Subject.Name)
		}
	}
	if companies.ActivityID == 0 {
		t.Error("the companies' scorecard is not linked to its activity")
	}
	asan, err := db.GetScorecard(ctx, list[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(asan.Subjects) != 0 || len(asan.Cells) != 0 || len(asan.Criteria) != 1 {
		t.Errorf("ASAN: %d subjects, %d criteria, %d cells", len(asan.Subjects), len(asan.Criteria), len(asan.Cells))
	}
	if d := asan.Description.In("en").Value; !strings.Contains(d, "does not name the 9 bodies") {
		t.Errorf("ASAN's description does not say why it has no subjects: %q", d)
	}
	problems, err := db.VerifyContent(ctx)
	if err != nil || len(problems) > 0 {
		t.Errorf("verify content after the demo: %v %v", problems, err)
	}
	if loaded, _, err := LoadDemo(ctx, db); err != nil || loaded {
		t.Errorf("second start: loaded %v, %v", loaded, err)
	}
	if again, _ := db.ListScorecards(ctx, false); len(again) != 2 {
		t.Errorf("%d scorecards after a second start", len(again))
	}
}

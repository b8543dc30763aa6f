package monitor

import (
	"testing"

	"ogpp/internal/plan"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestStarred(t *testing.T) {
	star := Rating{Completion: Complete, Verifiable: yes(), Relevance: []plan.OGPValue{plan.ValueCivicParticipation}, RelevanceRated: true, Impact: ImpactTransformative}
	tests := []struct {
		name  string
		edit  func(r *Rating)
		want  bool
		rated bool
	}{
		{"all four", func(r *Rating) {}, true, true},
		{"substantial is enough", func(r *Rating) { r.Completion = Substantial }, true, true},
		{"limited is not", func(r *Rating) { r.Completion = Limited }, false, true},
		{"withdrawn is rated, not starred", func(r *Rating) { r.Completion = Withdrawn }, false, true},
		{"not verifiable", func(r *Rating) { r.Verifiable = no() }, false, true},
		{"verifiability not rated", func(r *Rating) { r.Verifiable = nil }, false, false},
		{"relevant to no value", func(r *Rating) { r.Relevance = nil }, false, true},
		{"relevance not rated", func(r *Rating) { r.Relevance, r.RelevanceRated = nil, false }, false, false},
		{"moderate impact", func(r *Rating) { r.Impact = ImpactModerate }, false, true},
		{"impact not rated", func(r *Rating) { r.Impact = "" }, false, false},
		{"completion unclear", func(r *Rating) { r.Completion = Unclear }, false, false},
	}
	for _, tt := range tests {
		r := star
		tt.edit(&r)
		if got := Starred(r); got != tt.want {
			t.Errorf("%s: Starred = %v, want %v", tt.name, got, tt.want)
		}
		if got := StarRated(r); got != tt.rated {
			t.Errorf("%s: StarRated = %v, want %v", tt.name, got, tt.rated)
		}
	}
}

func TestOverdueAndChange(t *testing.T) {
	d := func(s string) *plan.Date {
		x, err := plan.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return &x
	}
	asOf := *d("2018-06-30")
	period := plan.Period{Text: "2017", Start: d("2017-01-01"), End: d("2017-12-31")}
	for _, tt := range []struct {
		p    plan.Period
		c    Completion
		want bool
	}{
		{period, Limited, true},
		{period, Complete, false},
		{period, Withdrawn, false},
		{period, "", false},
		{plan.Period{Text: "Ongoing"}, NotStarted, false},
		{plan.Period{End: d("2018-06-30")}, Limited, false}, // ends today: not yet overdue
		{plan.Period{End: d("2018-06-29")}, NoEvidence, true},
	} {
		if got := Overdue(tt.p, tt.c, asOf); got != tt.want {
			t.Errorf("Overdue(%v, %s) = %v, want %v", tt.p.End, tt.c, got, tt.want)
		}
	}
	for _, tt := range []struct {
		a, b Completion
		want ChangeKind
	}{
		{NotStarted, Limited, ChangeIncrease}, {Complete, Substantial, ChangeDecrease}, {Limited, Limited, ChangeNone},
		{Withdrawn, Complete, ""}, {"", Complete, ""}, {Complete, Unclear, ""},
	} {
		if got := Change(tt.a, tt.b); got != tt.want {
			t.Errorf("Change(%s, %s) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSummarise checks the dashboard's figures on a plan of six measures
// against a hand count.
func TestSummarise(t *testing.T) {
	d := func(s string) *plan.Date { x, _ := plan.ParseDate(s); return &x }
	justice := plan.Executor{OrganisationID: 1, Organisation: plan.Organisation{ID: 1, Name: plan.Text{"az": "Ədliyyə Nazirliyi"}}, Role: plan.RoleResponsible}
	cabinet := plan.Executor{OrganisationID: 2, Organisation: plan.Organisation{ID: 2, Name: plan.Text{"en": "Cabinet of Ministers"}}, Role: plan.RoleResponsible}
	helper := plan.Executor{OrganisationID: 3, Organisation: plan.Organisation{ID: 3, Name: plan.Text{"en": "Helper"}}, Role: plan.RoleSupporting}
	ended := plan.Period{End: d("2017-12-31")}
	area1 := plan.Area{ID: 10, Number: "1", Title: plan.Text{"en": "E-services"}}
	area4 := plan.Area{ID: 40, Number: "4", Title: plan.Text{"en": "Civil society"}}
	measures := []plan.Measure{
		{ID: 1, AreaID: 10, Area: area1, Period: ended, Executors: []plan.Executor{justice, helper}},
		{ID: 2, AreaID: 10, Area: area1, Period: ended, Executors: []plan.Executor{justice}},
		{ID: 3, AreaID: 40, Area: area4, Executors: []plan.Executor{cabinet}},
		{ID: 4, AreaID: 40, Area: area4, Period: ended, Executors: []plan.Executor{cabinet, justice}},
		{ID: 5, AreaID: 40, Area: area4, Executors: []plan.Executor{cabinet}},
		{ID: 6, Executors: nil}, // no area, no executor, not assessed
	}
	star := Rating{Completion: Complete, Verifiable: yes(), Relevance: []plan.OGPValue{plan.ValueTechnology}, RelevanceRated: true, Impact: ImpactTransformative}
	now := map[int64]Assessment{
		1: {Rating: star},
		2: {Rating: Rating{Completion: Limited}},
		3: {Rating: Rating{Completion: NotStarted}},
		4: {Rating: Rating{Completion: Substantial}},
		5: {Rating: Rating{Completion: Withdrawn}},
	}
	before := map[int64]Assessment{
		1: {Rating: Rating{Completion: Substantial}},
		2: {Rating: Rating{Completion: Limited}},
		3: {Rating: Rating{Completion: Limited}},
		5: {Rating: Rating{Completion: Limited}},
	}
	p := Summarise(measures, now, before, *d("2018-06-30"))

	o := p.Overall
	if o.Measures != 6 || o.Unassessed != 1 || o.Assessed() != 5 || o.Counts[Complete] != 1 || o.Counts[Withdrawn] != 1 {
		t.Errorf("overall = %+v", o)
	}
	// Scored: complete 1 + limited ⅓ + not started 0 + substantial ⅔ = 2 of 4 → 50 %.
	if o.Scored != 4 || o.Score != 50 {
		t.Errorf("overall score %v of %d, want 50 of 4", o.Score, o.Scored)
	}
	if got := o.Share(Complete); got != 16.7 {
		t.Errorf("complete share %v, want 16.7", got)
	}
	if len(p.Areas) != 3 || p.Areas[0].ID != 10 || p.Areas[1].ID != 40 || p.Areas[2].ID != 0 {
		t.Fatalf("areas = %+v", p.Areas)
	}
	// Area 1: complete and limited → (1 + ⅓) / 2 = 66.7 %.
	if a := p.Areas[0].Distribution; a.Score != 66.7 || a.Measures != 2 {
		t.Errorf("area 1 = %+v", a)
	}
	// Executors, responsible only, lowest score first: Cabinet (not
	// started 0, substantial ⅔ → 33.3), Justice (1, ⅓, ⅔ → 66.7).
	if len(p.Executors) != 2 || p.Executors[0].ID != 2 || p.Executors[0].Distribution.Score != 33.3 ||
		p.Executors[1].ID != 1 || p.Executors[1].Distribution.Score != 66.7 || p.Executors[1].Distribution.Measures != 3 {
		t.Errorf("executors = %+v", p.Executors)
	}
	// Overdue: ended 2017, not complete: measures 2 and 4; 1 is complete.
	if len(p.Overdue) != 2 || p.Overdue[0].ID != 2 || p.Overdue[1].ID != 4 {
		t.Errorf("overdue = %v", ids(p.Overdue))
	}
	if len(p.Starred) != 1 || p.Starred[0].ID != 1 {
		t.Errorf("starred = %v", ids(p.Starred))
	}
	// Changes: 1 up, 2 same, 3 down; 5 withdrawn and 4 new are left out.
	if !p.HasPrevious || len(p.Changes) != 3 || p.ChangeCounts[ChangeIncrease] != 1 || p.ChangeCounts[ChangeNone] != 1 || p.ChangeCounts[ChangeDecrease] != 1 {
		t.Errorf("changes = %+v, counts %v", p.Changes, p.ChangeCounts)
	}
	if q := Summarise(measures, now, nil, *d("2018-06-30")); q.HasPrevious || q.Changes != nil {
		t.Errorf("without a previous round: %+v", q.Changes)
	}
}

func ids(ms []plan.Measure) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

package scorecard

import (
	"math/big"
	"testing"

	"ogpp/internal/plan"
)

func score(n int) *int { return &n }

// handCard is the scorecard of the hand-computed expectation:
//
//	criterion A: weight 2, scale 0–4; criterion B: weight 1, scale 1–5
//	X: A 4, B 5 → (2·4/4 + 1·4/4) / 3 = 3/3 = 100 %
//	Y: A 2, B —  → (2·2/4)           / 3 = 1/3 ≈ 33.3 % (1 of 2 scored)
//	Z: A 0, B 5 → (0 + 1·4/4)        / 3 = 1/3 ≈ 33.3 %, tied with Y
//	W: nothing   → no total, no rank
//	V: A 1, B 1 → (2·1/4 + 0)        / 3 = 1/6 ≈ 16.7 %, rank 4 (two share 2)
func handCard() Scorecard {
	return Scorecard{
		Subjects: []Subject{{ID: 1, Name: plan.Text{"en": "W"}}, {ID: 2, Name: plan.Text{"en": "Y"}}, {ID: 3, Name: plan.Text{"en": "X"}},
			{ID: 4, Name: plan.Text{"en": "Z"}}, {ID: 5, Name: plan.Text{"en": "V"}}},
		Criteria: []Criterion{{ID: 10, Weight: 2, Min: 0, Max: 4}, {ID: 11, Weight: 1, Min: 1, Max: 5}},
		Cells: []Cell{
			{SubjectID: 3, CriterionID: 10, Score: score(4)}, {SubjectID: 3, CriterionID: 11, Score: score(5)},
			{SubjectID: 2, CriterionID: 10, Score: score(2)}, {SubjectID: 2, CriterionID: 11, Note: "no report found yet"},
			{SubjectID: 4, CriterionID: 10, Score: score(0)}, {SubjectID: 4, CriterionID: 11, Score: score(5)},
			{SubjectID: 5, CriterionID: 10, Score: score(1)}, {SubjectID: 5, CriterionID: 11, Score: score(1)},
		},
	}
}

func TestTotalsAndRanking(t *testing.T) {
	c := handCard()
	got := c.Totals()
	want := []struct {
		subject int64
		share   *big.Rat
		rank    int
		scored  int
	}{
		{3, big.NewRat(1, 1), 1, 2},
		{2, big.NewRat(1, 3), 2, 1},
		{4, big.NewRat(1, 3), 2, 2},
		{5, big.NewRat(1, 6), 4, 2},
		{1, nil, 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("%d totals, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Subject.ID != w.subject || g.Rank != w.rank || g.Scored != w.scored || g.Cells != 2 {
			t.Errorf("place %d: subject %d rank %d scored %d/%d, want subject %d rank %d scored %d/2", i, g.Subject.ID, g.Rank, g.Scored, g.Cells, w.subject, w.rank, w.scored)
		}
		switch {
		case w.share == nil && g.Share != nil:
			t.Errorf("subject %d: share %v, want none", w.subject, g.Share)
		case w.share != nil && (g.Share == nil || g.Share.Cmp(w.share) != 0):
			t.Errorf("subject %d: share %v, want %v", w.subject, g.Share, w.share)
		}
	}
	if p := got[1].Percent(); p < 33.33 || p > 33.34 {
		t.Errorf("Y's percent %v, want 33.33…", p)
	}
	if got[1].Complete() || !got[0].Complete() {
		t.Errorf("completeness: Y %v, X %v", got[1].Complete(), got[0].Complete())
	}
}

func TestValidateCells(t *testing.T) {
	c := handCard()
	cells := []Cell{
		{SubjectID: 3, CriterionID: 10, Score: score(5)}, // above 0–4
		{SubjectID: 3, CriterionID: 11, Score: score(0)}, // below 1–5
		{SubjectID: 2, CriterionID: 10, Score: score(4)}, // fine
		{SubjectID: 2, CriterionID: 99, Score: score(1)}, // no such criterion
		{SubjectID: 4, CriterionID: 10, Evidence: "javascript://alert(1)"},
		{SubjectID: 4, CriterionID: 11, Evidence: "  https://example.org/report.pdf "},
	}
	fe := c.ValidateCells(cells)
	want := map[string]string{
		CellField(3, 10): "scorecard.score.out_of_scale",
		CellField(3, 11): "scorecard.score.out_of_scale",
		CellField(2, 99): "scorecard.cell.unknown",
		CellField(4, 10): "scorecard.evidence.invalid",
	}
	if len(fe) != len(want) {
		t.Errorf("errors %v, want %v", fe, want)
	}
	for k, v := range want {
		if fe[k] != v {
			t.Errorf("%s: %q, want %q", k, fe[k], v)
		}
	}
	if cells[5].Evidence != "https://example.org/report.pdf" || !cells[5].IsLink() {
		t.Errorf("evidence not tidied into a link: %q", cells[5].Evidence)
	}
}

func TestCriterionValidate(t *testing.T) {
	for _, tt := range []struct {
		e     CriterionEdit
		field string
	}{
		{CriterionEdit{Title: plan.Text{"en": "x"}, Weight: 0, Min: 0, Max: 3}, "weight"},
		{CriterionEdit{Title: plan.Text{"en": "x"}, Weight: 1, Min: 3, Max: 3}, "max"},
		{CriterionEdit{Weight: 1, Min: 0, Max: 3}, "title"},
	} {
		if fe := tt.e.Validate(); fe[tt.field] == "" {
			t.Errorf("%+v: no error on %s: %v", tt.e, tt.field, fe)
		}
	}
	ok := CriterionEdit{Title: plan.Text{"en": " x "}, Weight: 2, Min: 0, Max: 3}
	if fe := ok.Validate(); len(fe) > 0 {
		t.Errorf("valid criterion refused: %v", fe)
	}
}

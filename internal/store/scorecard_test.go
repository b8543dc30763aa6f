package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func scoreOf(n int) *int { return &n }

// TestScorecardTotalsStored builds the domain test's hand-computed
// scorecard through the store — weights 2 and 1, an unscored cell, a tie —
// and reads the same ranking back, on both databases.
func TestScorecardTotalsStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		actor := audit.Actor{UserID: 1, Name: "coordinator@example.org"}
		id, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Disclosure", "az": "Açıqlama"}, Status: scorecard.Draft})
		if err != nil {
			t.Fatal(err)
		}
		version := 1
		orgs := map[string]int64{}
		for _, name := range []string{"Wanderers", "Yellow", "Xenon", "Zebra"} {
			o, err := db.CreateOrganisation(ctx, actor, plan.OrganisationEdit{Name: plan.Text{"en": name}, Kind: plan.OrgStateBody})
			if err != nil {
				t.Fatal(err)
			}
			orgs[name] = o
			if err := db.AddSubject(ctx, actor, id, version, o); err != nil {
				t.Fatal(err)
			}
			version++
		}
		if err := db.AddSubject(ctx, actor, id, version, orgs["Zebra"]); !scHasField(err, "organisation") {
			t.Errorf("the same organisation twice: %v", err)
		}
		for _, cr := range []scorecard.CriterionEdit{{Title: plan.Text{"en": "A"}, Weight: 2, Min: 0, Max: 4}, {Title: plan.Text{"en": "B"}, Weight: 1, Min: 1, Max: 5}} {
			if err := db.AddCriterion(ctx, actor, id, version, cr); err != nil {
				t.Fatal(err)
			}
			version++
		}
		c, err := db.GetScorecard(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		sub := map[string]int64{}
		for _, s := range c.Subjects {
			sub[s.Name.String()] = s.ID
		}
		a, b := c.Criteria[0].ID, c.Criteria[1].ID
		cells := []scorecard.Cell{
			{SubjectID: sub["Xenon"], CriterionID: a, Score: scoreOf(4)}, {SubjectID: sub["Xenon"], CriterionID: b, Score: scoreOf(5), Evidence: "https://example.org/x.pdf"},
			{SubjectID: sub["Yellow"], CriterionID: a, Score: scoreOf(2)}, {SubjectID: sub["Yellow"], CriterionID: b, Note: "report not found yet"},
			{SubjectID: sub["Zebra"], CriterionID: a, Score: scoreOf(0)}, {SubjectID: sub["Zebra"], CriterionID: b, Score: scoreOf(5)},
		}
		// A score outside its scale refuses the whole save.
		bad := append([]scorecard.Cell(nil), cells...)
		bad[5].Score = scoreOf(6)
		err = db.SaveCells(ctx, actor, id, version, bad)
		if !scHasField(err, scorecard.CellField(sub["Zebra"], b)) {
			t.Fatalf("score 6 on a 1–5 scale: %v", err)
		}
		if err := db.SaveCells(ctx, actor, id, version, cells); err != nil {
			t.Fatal(err)
		}
		// A save from the version before is stale and shows the current one.
		var conflict *plan.ConflictError[scorecard.Scorecard]
		if err := db.SaveCells(ctx, actor, id, version, cells); !errors.As(err, &conflict) || conflict.Current.Version != version+1 {
			t.Fatalf("stale save: %v", err)
		}
		c, err = db.GetScorecard(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var ranks []int
		for _, tot := range c.Totals() {
			got = append(got, tot.Subject.Name.String())
			ranks = append(ranks, tot.Rank)
		}
		want, wantRanks := []string{"Xenon", "Yellow", "Zebra", "Wanderers"}, []int{1, 2, 2, 0}
		for i := range want {
			if got[i] != want[i] || ranks[i] != wantRanks[i] {
				t.Fatalf("ranking %v %v, want %v %v", got, ranks, want, wantRanks)
			}
		}
		if x := c.Cell(sub["Yellow"], b); x.Score != nil || x.Note != "report not found yet" {
			t.Errorf("unscored cell with a note: %+v", x)
		}
		// Every write fingerprinted and audited.
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) > 0 {
			t.Fatalf("verify content: %v %v", problems, err)
		}
		res, err := db.VerifyAudit(ctx)
		if err != nil || !res.OK() {
			t.Fatalf("verify audit: %+v %v", res, err)
		}
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE scorecard_cells SET score = 4 WHERE subject_id = $1 AND criterion_id = $2`, sub["Zebra"], a)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err = db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != scorecard.EntityScorecard || problems[0].ID != id {
			t.Fatalf("a score changed in the database: %v %v", problems, err)
		}
	})
}

// TestScorecardPublishedOnly: the public list holds only published
// scorecards.
func TestScorecardPublishedOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		actor := audit.System("test")
		draft, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Draft"}, Status: scorecard.Draft})
		if err != nil {
			t.Fatal(err)
		}
		pub, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Public"}, Status: scorecard.Draft})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateScorecard(ctx, actor, pub, scorecard.Edit{Title: plan.Text{"en": "Public"}, Status: scorecard.Published, Version: 1}); err != nil {
			t.Fatal(err)
		}
		public, err := db.ListScorecards(ctx, true)
		if err != nil || len(public) != 1 || public[0].ID != pub {
			t.Fatalf("public list %+v %v", public, err)
		}
		all, err := db.ListScorecards(ctx, false)
		if err != nil || len(all) != 2 || all[0].ID != draft {
			t.Fatalf("full list %+v %v", all, err)
		}
		if err := db.UpdateScorecard(ctx, actor, pub, scorecard.Edit{Status: scorecard.Published, Version: 2}); !scHasField(err, "title") {
			t.Errorf("no title: %v", err)
		}
	})
}

func scHasField(err error, field string) bool {
	var fe plan.FieldErrors
	return errors.As(err, &fe) && fe[field] != ""
}

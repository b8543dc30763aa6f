package store_test

import (
	"context"
	"errors"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestSelfAssessments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := monitorFixture(t, db)
		org := func(q string) int64 {
			t.Helper()
			res, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: q})
			if err != nil || len(res.Items) != 1 {
				t.Fatalf("organisation %q = %v, %v", q, res.Items, err)
			}
			return res.Items[0].ID
		}
		cabinet, undp := org("Cabinet"), org("UNDP")
		focal := audit.Actor{UserID: 31, Name: "focal@cabmin.gov.az"}
		n := auditCount(t, db)

		// The Cabinet is responsible for 4.1.3, UNDP supports 4.1.10.
		s, err := db.SaveSelfAssessment(ctx, focal, monitor.SelfAssessmentEdit{RoundID: f.round, MeasureID: f.measures["4.1.3"].ID,
			OrganisationID: cabinet, Completion: monitor.Complete, Narrative: "Tədbir tam icra olunub."})
		if err != nil {
			t.Fatalf("save: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if s.Version != 1 || s.Completion != monitor.Complete || s.Narrative != "Tədbir tam icra olunub." || s.AuthorName != focal.Name || s.OrganisationID != cabinet {
			t.Errorf("saved = %+v", s)
		}
		if _, err := db.SaveSelfAssessment(ctx, focal, monitor.SelfAssessmentEdit{RoundID: f.round, MeasureID: f.measures["4.1.3"].ID,
			OrganisationID: cabinet, Completion: monitor.Substantial, Version: 1}); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		_, err = db.SaveSelfAssessment(ctx, focal, monitor.SelfAssessmentEdit{RoundID: f.round, MeasureID: f.measures["4.1.3"].ID,
			OrganisationID: cabinet, Completion: monitor.Limited, Version: 1})
		var conflict *plan.ConflictError[monitor.SelfAssessment]
		if !errors.As(err, &conflict) || conflict.Current.Version != 2 || conflict.Current.Completion != monitor.Substantial {
			t.Errorf("stale save = %v", err)
		}
		var fe plan.FieldErrors
		if _, err := db.SaveSelfAssessment(ctx, focal, monitor.SelfAssessmentEdit{RoundID: f.round, MeasureID: f.measures["4.1.10"].ID,
			OrganisationID: cabinet, Completion: monitor.Complete}); !errors.As(err, &fe) || fe["organisation"] != "monitor.organisation.not_executor" {
			t.Errorf("a body that does not execute the measure = %v", err)
		}
		if _, err := db.SaveSelfAssessment(ctx, audit.Actor{UserID: 32, Name: "focal@undp.org"}, monitor.SelfAssessmentEdit{RoundID: f.round,
			MeasureID: f.measures["4.1.10"].ID, OrganisationID: undp, Completion: monitor.Limited}); err != nil {
			t.Errorf("a supporting executor: %v", err)
		}
		n = wantOneEntry(t, db, n)
		all, err := db.RoundSelfAssessments(ctx, f.round)
		if err != nil || len(all) != 2 || len(all[f.measures["4.1.3"].ID]) != 1 || all[f.measures["4.1.10"].ID][0].OrganisationID != undp {
			t.Errorf("round's self-assessments = %+v, %v", all, err)
		}

		// Beside civil society's assessment, a disagreement shows.
		a, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, f.measures["4.1.3"], monitor.Limited, 0))
		if err != nil {
			t.Fatal(err)
		}
		if !all[f.measures["4.1.3"].ID][0].Disagrees(a) {
			t.Errorf("substantial vs limited should disagree")
		}
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveSelfAssessment(ctx, focal, monitor.SelfAssessmentEdit{RoundID: f.round, MeasureID: f.measures["4.1.3"].ID,
			OrganisationID: cabinet, Completion: monitor.Complete, Version: 2}); !errors.Is(err, monitor.ErrFrozen) {
			t.Errorf("self-assessment in a closed round = %v", err)
		}
		wantCleanContent(t, db)
	})
}

package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// irmBundle rates the sample's measures that have external ids, as OGP's
// data set would: a progress report and an end-of-term round of AZ-1, and
// one round of ZM-1.
func irmBundle() *monitor.Bundle {
	no := false
	return &monitor.Bundle{Rounds: []monitor.BundleRound{
		{ExternalID: "AZ-1/progress", Plan: "AZ-1", Name: plan.Text{"en": "IRM progress report", "az": "MTM aralıq hesabatı"}, Kind: monitor.KindMidTerm,
			Period: plan.Period{Text: "2016-2017", Start: date("2016-01-01"), End: date("2017-06-30")}, Source: "OGP commitment data",
			Assessments: []monitor.BundleAssessment{{Measure: "AZ0038", Rating: monitor.Rating{Completion: monitor.Limited, Verifiable: yes(),
				Relevance: []plan.OGPValue{plan.ValueAccessToInformation}, Impact: monitor.ImpactModerate}}}},
		{ExternalID: "AZ-1/end-of-term", Plan: "AZ-1", Name: plan.EN("IRM end-of-term report"), Kind: monitor.KindEndOfTerm,
			Period: plan.Period{Text: "2016-2018", Start: date("2016-01-01"), End: date("2018-12-31")}, Source: "OGP commitment data",
			Assessments: []monitor.BundleAssessment{{Measure: "AZ0038", Change: monitor.ChangeIncrease, Rating: monitor.Rating{Completion: monitor.Complete,
				Verifiable: yes(), Relevance: []plan.OGPValue{plan.ValueAccessToInformation}, Impact: monitor.ImpactTransformative, Opened: monitor.OpenedMajor}}}},
		{ExternalID: "ZM-1/progress", Plan: "ZM-1", Kind: monitor.KindMidTerm, Status: monitor.RoundClosed,
			Assessments: []monitor.BundleAssessment{{Measure: "ZM0001", Rating: monitor.Rating{Completion: monitor.NotStarted, Verifiable: &no}}}},
	}}
}

func TestImportMonitoring(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadMonitoring(t, db)
		tick(db)
		n := auditCount(t, db)
		first, err := db.ImportMonitoring(ctx, irmBundle())
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if first.Rounds.Created != 3 || first.Assessments.Created != 3 {
			t.Errorf("first import = %+v", first)
		}
		n = wantOneEntry(t, db, n)
		if e, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityMonitoring, Limit: 1}); len(e) != 1 || e[0].Action != audit.ActionImport || e[0].Actor.Name != "system:import" {
			t.Errorf("import entry = %+v", e)
		}
		p, _ := db.GetPlan(ctx, "AZ-1")
		rounds, err := db.ListRounds(ctx, p.ID, true)
		if err != nil || len(rounds) != 2 || rounds[0].ExternalID != "AZ-1/progress" || rounds[1].ExternalID != "AZ-1/end-of-term" ||
			rounds[0].Name["az"] != "MTM aralıq hesabatı" || rounds[0].Assessed != 1 || rounds[0].Approved != 1 || rounds[0].Source != "OGP commitment data" {
			t.Fatalf("imported rounds = %+v, %v", rounds, err)
		}
		m, _ := db.GetMeasure(ctx, "AZ0038")
		end, err := db.RoundAssessments(ctx, rounds[1].ID, true)
		if a := end[m.ID]; err != nil || a.Status != monitor.ReviewApproved || a.AuthorName != "system:import" || a.Source != "OGP commitment data" ||
			!a.Starred() || a.Version != 1 {
			t.Errorf("imported assessment = %+v, %v", a, err)
		}
		h, err := db.MeasureHistory(ctx, m.ID, true)
		if err != nil || len(h) != 2 || monitor.Change(h[0].Assessment.Completion, h[1].Assessment.Completion) != monitor.ChangeIncrease {
			t.Errorf("history = %+v, %v", h, err)
		}

		// Again: nothing changes, nothing is logged.
		second, err := db.ImportMonitoring(ctx, irmBundle())
		if err != nil || second.Changed() || second.Rounds.Unchanged != 3 || second.Assessments.Unchanged != 3 {
			t.Fatalf("second import = %+v, %v", second, err)
		}
		n = wantOneEntry(t, db, n-1)

		// A changed rating is a new approved version; the old one stays.
		b := irmBundle()
		b.Rounds[0].Assessments[0].Completion = monitor.Substantial
		third, err := db.ImportMonitoring(ctx, b)
		if err != nil || third.Assessments.Updated != 1 || third.Rounds.Updated != 0 {
			t.Fatalf("third import = %+v, %v", third, err)
		}
		n = wantOneEntry(t, db, n)
		progress, _ := db.RoundAssessments(ctx, rounds[0].ID, true)
		versions, _ := db.AssessmentVersions(ctx, progress[m.ID].ID)
		if progress[m.ID].Version != 2 || progress[m.ID].Completion != monitor.Substantial || len(versions) != 2 {
			t.Errorf("after a changed rating: %+v, %d versions", progress[m.ID], len(versions))
		}

		// Unknown plans and measures are named, and nothing is written.
		b = irmBundle()
		b.Rounds[0].Assessments = append(b.Rounds[0].Assessments, monitor.BundleAssessment{Measure: "AZ9999"})
		b.Rounds[2].Plan = "NOPE-1"
		b.Rounds[1].Assessments[0].Completion = monitor.Substantial
		_, err = db.ImportMonitoring(ctx, b)
		var ps plan.Problems
		if !errors.As(err, &ps) || len(ps) != 2 || !strings.Contains(err.Error(), `"AZ9999"`) || !strings.Contains(err.Error(), `"NOPE-1"`) {
			t.Errorf("unknown names = %v", err)
		}
		b = irmBundle()
		b.Rounds[0].Kind = "weekly"
		b.Rounds[1].Assessments[0].Impact = "huge"
		if _, err := db.ImportMonitoring(ctx, b); !errors.As(err, &ps) || len(ps) != 2 {
			t.Errorf("invalid ratings = %v", err)
		}
		wantOneEntry(t, db, n-1)
		end, _ = db.RoundAssessments(ctx, rounds[1].ID, true)
		if end[m.ID].Completion != monitor.Complete {
			t.Errorf("a refused import changed a rating to %s", end[m.ID].Completion)
		}
		wantCleanContent(t, db)
	})
}

func TestImportAllIsOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tick(db)
		admin := audit.Actor{UserID: 1, Name: "admin@example.org"}
		bad := irmBundle()
		bad.Rounds[1].Assessments[0].Measure = "AZ9999"
		_, _, err := db.ImportAll(ctx, admin, monitorSample(), bad)
		if err == nil || !strings.Contains(err.Error(), "AZ9999") {
			t.Fatalf("import with a bad monitoring part = %v", err)
		}
		if c, _ := db.Counts(ctx); c != (plan.Counts{}) {
			t.Errorf("registry after a refused import = %+v", c)
		}
		if n := auditCount(t, db); n != 0 {
			t.Errorf("%d audit entries after a refused import", n)
		}
		rr, mr, err := db.ImportAll(ctx, admin, monitorSample(), irmBundle())
		if err != nil || rr.Measures.Created != 5 || mr.Assessments.Created != 3 {
			t.Fatalf("import all = %+v, %+v, %v", rr, mr, err)
		}
		if n := auditCount(t, db); n != 2 {
			t.Errorf("%d audit entries, want one per part", n)
		}
		if e, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityMonitoring, Limit: 1}); len(e) != 1 || e[0].Actor != admin {
			t.Errorf("monitoring entry = %+v", e)
		}
		rr, mr, err = db.ImportAll(ctx, admin, monitorSample(), irmBundle())
		if err != nil || rr.Changed() || mr.Changed() || auditCount(t, db) != 2 {
			t.Errorf("import all again = %+v, %+v, %v", rr, mr, err)
		}
		wantCleanContent(t, db)
	})
}

package store_test

import (
	"context"
	"testing"

	"ogpp/internal/monitor"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
)

// benchRound loads the demo data, opens a round of its largest plan and
// assesses every measure, approving every other one after a second save,
// so that reads find drafts over approved versions, links and files. It
// returns the round's id and how many measures it has.
func benchRound(b *testing.B, db *store.DB) (int64, int) {
	b.Helper()
	ctx := context.Background()
	bundles, err := opendata.DemoBundles()
	if err != nil {
		b.Fatal(err)
	}
	largest, size := "", 0
	for _, bundle := range bundles {
		if _, err := db.Import(ctx, bundle); err != nil {
			b.Fatal(err)
		}
		for _, p := range bundle.Plans {
			if len(p.Measures) > size {
				largest, size = p.ExternalID, len(p.Measures)
			}
		}
	}
	p, err := db.GetPlan(ctx, largest)
	if err != nil {
		b.Fatal(err)
	}
	round, err := db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: p.ID, Name: plan.EN("Benchmark"), Kind: monitor.KindAnnual})
	if err != nil {
		b.Fatal(err)
	}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	for i, m := range ms.Items {
		a, err := db.SaveAssessment(ctx, monitorA, assessEdit(round, m, monitor.Limited, 0))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.AddEvidenceFile(ctx, monitorA, a.ID, monitor.FileUpload{Name: "report.pdf", Data: pdf}); err != nil {
			b.Fatal(err)
		}
		if i%2 == 1 {
			continue
		}
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 1); err != nil {
			b.Fatal(err)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, true, "", 1); err != nil {
			b.Fatal(err)
		}
		if _, err := db.SaveAssessment(ctx, monitorA, assessEdit(round, m, monitor.Substantial, 1)); err != nil {
			b.Fatal(err)
		}
	}
	return round, len(ms.Items)
}

// BenchmarkRoundAssessments reads every assessment of a round of the
// largest plan, with their evidence, as the dashboard and the round's page
// do: the monitors' view (current versions) and the public's (approved).
func BenchmarkRoundAssessments(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *store.DB) {
		round, n := benchRound(b, db)
		for _, approved := range []bool{false, true} {
			name := "current"
			if approved {
				name = "approved"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					as, err := db.RoundAssessments(context.Background(), round, approved)
					if err != nil || len(as) == 0 || len(as) > n {
						b.Fatalf("%d assessments, %v", len(as), err)
					}
				}
				b.ReportMetric(float64(n), "measures")
			})
		}
	})
}

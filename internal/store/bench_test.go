package store_test

import (
	"context"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// benchDemo loads the whole demo data set and returns the Azerbaijan
// plan's measure 1.1.
func benchDemo(b *testing.B, db *store.DB) plan.Measure {
	b.Helper()
	ctx := context.Background()
	bundles, err := opendata.DemoBundles()
	if err != nil {
		b.Fatal(err)
	}
	for _, bundle := range bundles {
		if _, err := db.Import(ctx, bundle); err != nil {
			b.Fatal(err)
		}
	}
	p, err := db.GetPlan(ctx, opendata.AzerbaijanNAPID)
	if err != nil {
		b.Fatal(err)
	}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: "1.1"})
	if err != nil || len(ms.Items) == 0 {
		b.Fatalf("measure 1.1: %v", err)
	}
	return ms.Items[0]
}

func benchDialects(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.Postgres(b)) })
}

// BenchmarkUpdateMeasure is a coordinator's save: validation, the checks
// against the database, the update, its executors, the fingerprint and
// the audit entry, in one transaction.
func BenchmarkUpdateMeasure(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		m := benchDemo(b, db)
		var executors []plan.ExecutorRef
		for _, x := range m.Executors {
			executors = append(executors, plan.ExecutorRef{OrganisationID: x.OrganisationID, Role: x.Role})
		}
		titles := []string{"Elektron xidmətlərin təkmilləşdirilməsi", "Elektron xidmətlərin siyahısının təkmilləşdirilməsi"}
		version := m.Version
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			e := plan.MeasureEdit{PlanID: m.PlanID, AreaID: m.AreaID, Clause: m.Clause, Title: plan.Text{"az": titles[i%2], "en": m.Title["en"]},
				Indicator: m.Indicator, PeriodText: m.Period.Text, Executors: executors, Source: m.Source, SourceURL: m.SourceURL, Version: version}
			if err := db.UpdateMeasure(ctx, audit.System("bench"), m.ID, e); err != nil {
				b.Fatal(err)
			}
			version++
			i++
		}
	})
}

// BenchmarkVerifyContent checks every row of the demo data against its
// fingerprint, as `ogpp audit verify` does.
func BenchmarkVerifyContent(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *store.DB) {
		benchDemo(b, db)
		b.ReportAllocs()
		for b.Loop() {
			problems, err := db.VerifyContent(context.Background())
			if err != nil || len(problems) > 0 {
				b.Fatalf("%v, %v", problems, err)
			}
		}
	})
}

package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// benchServer serves the whole demo data set (Azerbaijan's NAP and OGP's
// 558 commitments) and returns the id of the plan with the most measures.
func benchServer(b *testing.B, db *store.DB) (*Server, int64) {
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
	s, err := New(Options{Registry: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	plans, err := db.ListPlans(ctx, plan.PlanFilter{Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	var biggest plan.PlanSummary
	for _, p := range plans.Items {
		if p.MeasureCount > biggest.MeasureCount {
			biggest = p
		}
	}
	return s, biggest.ID
}

func benchGet(b *testing.B, h http.Handler, target string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", target, rec.Code)
		}
	}
}

// eachDialect runs a benchmark on SQLite and, when configured, PostgreSQL.
func eachDialect(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { fn(b, storetest.Postgres(b)) })
}

func BenchmarkPlanPage(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, id := benchServer(b, db)
		benchGet(b, s, "/plans/"+strconv.FormatInt(id, 10))
	})
}

func BenchmarkPlanPageFiltered(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, id := benchServer(b, db)
		benchGet(b, s, "/plans/"+strconv.FormatInt(id, 10)+"?year=2019&q=parliament&sort=-clause")
	})
}

func BenchmarkMeasuresAPI(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, id := benchServer(b, db)
		benchGet(b, s, "/api/v1/plans/"+strconv.FormatInt(id, 10)+"/measures")
	})
}

func BenchmarkAllMeasuresAPIPage(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, _ := benchServer(b, db)
		benchGet(b, s, "/api/v1/measures?limit=100&offset=400")
	})
}

func BenchmarkHomePage(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, _ := benchServer(b, db)
		benchGet(b, s, "/")
	})
}

func BenchmarkSearch(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, _ := benchServer(b, db)
		benchGet(b, s, "/search?q=PARLIAMENT+information")
	})
}

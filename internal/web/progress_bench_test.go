package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
)

// dashboardBench loads the whole demo data set with its monitoring (the
// IRM's two rounds per plan of OGP's data set) and returns a server with a
// monitoring store and the latest published round of the plan with the
// most measures. Should the data hold no round for that plan, it makes
// two published ones through the store, rating every measure.
func dashboardBench(b *testing.B, db *store.DB) (*Server, int64, int) {
	b.Helper()
	ctx := context.Background()
	sets, err := opendata.DemoSets()
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range sets {
		if _, _, err := db.ImportAll(ctx, audit.System("import"), set.Registry, set.Monitoring); err != nil {
			b.Fatal(err)
		}
	}
	plans, err := db.ListPlans(ctx, plan.PlanFilter{Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	// The largest plan; of several as large, one with published rounds.
	var biggest plan.PlanSummary
	var rounds []monitor.Round
	for _, p := range plans.Items {
		if p.MeasureCount < biggest.MeasureCount || (p.MeasureCount == biggest.MeasureCount && len(rounds) > 0) {
			continue
		}
		published, err := db.ListRounds(ctx, p.ID, true)
		if err != nil {
			b.Fatal(err)
		}
		if p.MeasureCount > biggest.MeasureCount || len(published) > 0 {
			biggest, rounds = p, published
		}
	}
	if len(rounds) == 0 {
		rounds = benchPublishRounds(b, db, biggest.ID)
	}
	b.Logf("plan %s (%d measures), round %q", biggest.ExternalID, biggest.MeasureCount, rounds[len(rounds)-1].ExternalID)
	s, err := New(Options{Registry: db, Monitor: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	return s, rounds[len(rounds)-1].ID, biggest.MeasureCount
}

// benchPublishRounds makes two published rounds of a plan, every measure
// rated (approved) in both, so that the dashboard has change to show.
func benchPublishRounds(b *testing.B, db *store.DB, planID int64) []monitor.Round {
	b.Helper()
	ctx := context.Background()
	author, reviewer, coord := audit.Actor{UserID: 1, Name: "a@example.org"}, audit.Actor{UserID: 2, Name: "b@example.org"}, audit.Actor{UserID: 3, Name: "c@example.org"}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: planID, Limit: 1000})
	if err != nil {
		b.Fatal(err)
	}
	for i, period := range []string{"2017", "2018"} {
		id, err := db.CreateRound(ctx, coord, monitor.RoundEdit{PlanID: planID, Name: plan.Text{"en": "Benchmark " + period}, Kind: monitor.KindAnnual, PeriodText: period})
		if err != nil {
			b.Fatal(err)
		}
		for j, m := range ms.Items {
			c := monitor.Completions[(i+j)%4]
			a, err := db.SaveAssessment(ctx, author, monitor.AssessmentEdit{RoundID: id, MeasureID: m.ID, Rating: monitor.Rating{Completion: c}})
			if err != nil {
				b.Fatal(err)
			}
			if err := db.SubmitAssessment(ctx, author, a.ID, a.Version); err != nil {
				b.Fatal(err)
			}
			if err := db.ReviewAssessment(ctx, reviewer, a.ID, true, "", a.Version); err != nil {
				b.Fatal(err)
			}
		}
		for _, to := range []monitor.RoundStatus{monitor.RoundClosed, monitor.RoundPublished} {
			rd, err := db.GetRound(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			if err := db.SetRoundStatus(ctx, coord, id, to, rd.Version); err != nil {
				b.Fatal(err)
			}
		}
	}
	rounds, err := db.ListRounds(ctx, planID, true)
	if err != nil {
		b.Fatal(err)
	}
	return rounds
}

// benchPage is benchGet that also reports the answer's size, as written
// and as sent to a browser that takes gzip.
func benchPage(b *testing.B, h http.Handler, target string) {
	b.Helper()
	plain := httptest.NewRecorder()
	h.ServeHTTP(plain, httptest.NewRequest(http.MethodGet, target, nil))
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	gz := httptest.NewRecorder()
	h.ServeHTTP(gz, req)
	benchGet(b, h, target)
	// After the loop: it resets what was reported before.
	b.ReportMetric(float64(plain.Body.Len()), "bytes")
	b.ReportMetric(float64(gz.Body.Len()), "gzip-bytes")
}

// BenchmarkRoundDashboard renders the dashboard of the largest plan's
// latest published round: its measures, both rounds' approved
// assessments, the summary and the charts.
func BenchmarkRoundDashboard(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		benchPage(b, s, "/rounds/"+strconv.FormatInt(round, 10))
	})
}

// BenchmarkProgressAPI answers the same figures as JSON.
func BenchmarkProgressAPI(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		rd, err := db.GetRound(context.Background(), round)
		if err != nil {
			b.Fatal(err)
		}
		benchPage(b, s, "/api/v1/plans/"+strconv.FormatInt(rd.PlanID, 10)+"/progress")
	})
}

// BenchmarkAssessmentsFeed renders the largest plan's Atom feed.
func BenchmarkAssessmentsFeed(b *testing.B) {
	eachDialect(b, func(b *testing.B, db *store.DB) {
		s, round, _ := dashboardBench(b, db)
		rd, err := db.GetRound(context.Background(), round)
		if err != nil {
			b.Fatal(err)
		}
		benchPage(b, s, "/plans/"+strconv.FormatInt(rd.PlanID, 10)+"/assessments.atom")
	})
}

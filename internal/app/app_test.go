package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ogpp/internal/opendata"
)

func TestServeLoadsDemoAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	cfg := Config{Addr: "127.0.0.1:0", DB: filepath.Join(t.TempDir(), "ogpp.db"), Demo: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Ready: func(addr string) { ready <- addr }}
	go func() { done <- Serve(ctx, cfg, &out) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve ended before it was ready: %v", err)
	}
	if !strings.Contains(out.String(), "http://127.0.0.1:") {
		t.Errorf("start-up did not print the URL: %q", out.String())
	}
	// No administrator yet: a one-time setup link, never a default password.
	if !strings.Contains(out.String(), "/setup/") || strings.Contains(strings.ToLower(out.String()), "password:") {
		t.Errorf("start-up did not print a setup link: %q", out.String())
	}
	resp, err := http.Get("http://" + addr + "/api/v1/plans?member=azerbaijan")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "AZ-NAP-2016-2018") {
		t.Errorf("demo plan not served: %d %.300s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("graceful shutdown: %v", err)
	}
}

func TestDemoLoadsOnlyIntoAnEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loaded, report, err := LoadDemo(ctx, db)
	if err != nil || !loaded {
		t.Fatalf("first demo load: %v, %v", loaded, err)
	}
	if report.Registry.Plans.Created != 215 || report.Registry.Members.Created != 76 {
		t.Errorf("demo = %d plans of %d members, want 215 of 76", report.Registry.Plans.Created, report.Registry.Members.Created)
	}
	// The IRM's 85 progress and 132 end-of-term reports, and Azerbaijan's open round.
	if m := report.Monitoring; m.Rounds.Created != 218 || m.Assessments.Created != 551 {
		t.Errorf("demo monitoring = %d rounds, %d assessments; want 218 and 551", m.Rounds.Created, m.Assessments.Created)
	}
	if loaded, _, err = LoadDemo(ctx, db); err != nil || loaded {
		t.Errorf("second demo load: %v, %v", loaded, err)
	}
}

// The acceptance: the Azerbaijan demo plan has an open round a
// monitor can work in, and an OGP plan shows the IRM's two reports in the
// order they were written.
func TestDemoRounds(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		plan string
		want []string // external id, kind, status, assessed
	}{
		{opendata.AzerbaijanNAPID, []string{"AZ-NAP-2016-2018/cso-2018 end_of_term open 0"}},
		{"AP_ALB03", []string{"AP_ALB03/progress mid_term published 2", "AP_ALB03/end-of-term end_of_term published 2"}},
	}
	for _, tt := range tests {
		p, err := db.GetPlan(ctx, tt.plan)
		if err != nil {
			t.Fatalf("plan %s: %v", tt.plan, err)
		}
		rounds, err := db.ListRounds(ctx, p.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rounds {
			got = append(got, fmt.Sprintf("%s %s %s %d", r.ExternalID, r.Kind, r.Status, r.Assessed))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("rounds of %s = %q, want %q", tt.plan, got, tt.want)
		}
	}
	p, err := db.GetPlan(ctx, opendata.AzerbaijanNAPID)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := db.ListRounds(ctx, p.ID, false)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("Azerbaijan's rounds: %v, %v", rounds, err)
	}
	r := rounds[0]
	if r.Frozen() || r.Public() || r.Period.Text != "2016-2018" {
		t.Errorf("Azerbaijan's round is frozen %v, public %v, period %q; want open to monitors, not public, 2016-2018", r.Frozen(), r.Public(), r.Period.Text)
	}
	for _, lang := range []string{"az", "en", "ru"} {
		if r.Name[lang] == "" {
			t.Errorf("Azerbaijan's round has no name in %s", lang)
		}
	}

	// A star the IRM gave survives the database: AR0045, starred in
	// AP_ARG03's end-of-term report; the progress report gave it no
	// completion (NA), so it has no assessment there.
	m, err := db.GetMeasure(ctx, "AR0045")
	if err != nil {
		t.Fatal(err)
	}
	rounds, err = db.ListRounds(ctx, m.PlanID, true)
	if err != nil {
		t.Fatal(err)
	}
	starred := map[string]bool{}
	for _, r := range rounds {
		as, err := db.RoundAssessments(ctx, r.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if a, ok := as[m.ID]; ok {
			starred[r.ExternalID] = a.Starred()
		}
	}
	if want := map[string]bool{"AP_ARG03/end-of-term": true}; !maps.Equal(starred, want) {
		t.Errorf("AR0045 starred = %v, want %v", starred, want)
	}
}

func TestPublicURL(t *testing.T) {
	tests := []struct{ listening, configured, want string }{
		{"[::]:8080", ":8080", "http://localhost:8080/"},
		{"0.0.0.0:8080", "0.0.0.0:8080", "http://localhost:8080/"},
		{"127.0.0.1:9000", "127.0.0.1:9000", "http://127.0.0.1:9000/"},
	}
	for _, tt := range tests {
		if got := PublicURL(tt.listening, tt.configured); got != tt.want {
			t.Errorf("PublicURL(%q, %q) = %q, want %q", tt.listening, tt.configured, got, tt.want)
		}
	}
}

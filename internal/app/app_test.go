package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
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
	if report.Plans.Created != 215 || report.Members.Created != 76 {
		t.Errorf("demo = %d plans of %d members, want 215 of 76", report.Plans.Created, report.Members.Created)
	}
	if loaded, _, err = LoadDemo(ctx, db); err != nil || loaded {
		t.Errorf("second demo load: %v, %v", loaded, err)
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

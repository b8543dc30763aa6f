package app

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"ogpp/internal/web"
)

// The acceptance: event statistics for the demo show the figures
// the project reported beside those ogpp recorded. The demo invents no
// events, so every recorded figure is 0.
func TestDemoEventStatistics(t *testing.T) {
	ctx := context.Background()
	db, err := OpenStore(ctx, filepath.Join(t.TempDir(), "ogpp.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	s, err := web.New(web.Options{Registry: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Projects: db, Events: db,
		IndicatorSources: append(db.ProjectIndicatorSources(), db.EventIndicatorSources()...)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/events/statistics?lang=en", nil))
	body := rec.Body.String()
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	for _, want := range []string{
		`<th scope="row">Round tables held</th><td class="num">17</td><td class="num">0</td>`,
		`<th scope="row">Round tables held in the regions</th><td class="num">4</td><td class="num">0</td>`,
		`<th scope="row">Participants</th><td class="num">462</td><td class="num">0</td>`,
		`<th scope="row">Representatives of state bodies among the participants</th><td class="num">14</td><td class="num">0</td>`,
		`<th scope="row">Foreign guests among the participants</th><td class="num">6</td><td class="num">0</td>`,
		`<th scope="row">Internet-TV discussions</th><td class="num">8</td><td class="num">0</td>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("statistics lack %q", want)
		}
	}
}

package web

import (
	"context"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestNewsCSV lists the published news with their text, never a draft,
// whoever asks.
func TestNewsCSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServerWith(t, db, nil)
		ids := newsSample(t, s, db)
		if _, err := db.CreateNews(context.Background(), audit.System("test"), news.Edit{Title: "Qaralama xəbər", Body: "Hələ dərc olunmayıb.", Lang: "az"}); err != nil {
			t.Fatal(err)
		}
		status, body, h := get(t, s, "/news.csv")
		if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
			t.Fatalf("news.csv: %d %q", status, h.Get("Content-Type"))
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[1][0] != ids.News || rows[1][3] != "Sample news" || rows[1][7] != "/news/"+ids.News {
			t.Fatalf("news.csv rows: %q", rows)
		}
		if strings.Contains(body, "Qaralama") {
			t.Errorf("news.csv shows a draft")
		}
	})
}

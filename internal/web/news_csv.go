package web

import (
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// newsCSV is the published news as CSV, newest first, with each item's
// markdown text: the same file for whoever asks.
func (s *Server) newsCSV(w http.ResponseWriter, r *http.Request) {
	items, err := readAll(func(limit, offset int) (plan.Page[news.Item], error) {
		page, err := s.news.ListNews(r.Context(), news.Filter{PublishedOnly: true, Limit: limit, Offset: offset})
		return plan.Page[news.Item]{Items: page.Items, Total: page.Total}, err
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvWriter(w, "news.csv", []string{"id", "published_at", "language", "title", "body", "plan_id", "event_id", "url"})
	for _, it := range items {
		cw.Write([]string{strconv.FormatInt(it.ID, 10), it.PublishedAt.UTC().Format(time.RFC3339), it.Lang, it.Title, it.Body,
			outreachOptionalID(it.PlanID), outreachOptionalID(it.EventID), "/news/" + strconv.FormatInt(it.ID, 10)})
	}
	cw.Flush()
}

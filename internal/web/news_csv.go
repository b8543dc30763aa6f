package web

import (
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/news"
)

// newsCSVPage is how many items one read of the store brings.
const newsCSVPage = 500

// newsCSV is the published news as CSV, newest first, with each item's
// markdown text: the same file for whoever asks.
func (s *Server) newsCSV(w http.ResponseWriter, r *http.Request) {
	var items []news.Item
	for offset := 0; ; offset += newsCSVPage {
		page, err := s.news.ListNews(r.Context(), news.Filter{PublishedOnly: true, Limit: newsCSVPage, Offset: offset})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		items = append(items, page.Items...)
		if len(page.Items) < newsCSVPage || offset+newsCSVPage >= page.Total {
			break
		}
	}
	cw := csvWriter(w, "news.csv", []string{"id", "published_at", "language", "title", "body", "plan_id", "event_id", "url"})
	for _, it := range items {
		cw.Write([]string{strconv.FormatInt(it.ID, 10), it.PublishedAt.UTC().Format(time.RFC3339), it.Lang, it.Title, it.Body,
			outreachOptionalID(it.PlanID), outreachOptionalID(it.EventID), "/news/" + strconv.FormatInt(it.ID, 10)})
	}
	cw.Flush()
}

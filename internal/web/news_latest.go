package web

import (
	"net/http"

	"ogpp/internal/news"
)

// newsOnHome is how many of the latest news items the home page shows.
const newsOnHome = 3

// newsLatestView is the home page's "Latest news" section; On is false
// when the server keeps no news, and the section is then left out.
type newsLatestView struct {
	L     locale
	On    bool
	Items []news.Item
}

// latestNews reads the newest published items for the home page. A
// failure leaves the section empty rather than the home page down.
func (s *Server) latestNews(r *http.Request) newsLatestView {
	v := newsLatestView{L: locale{Lang: langOf(r)}, On: s.news != nil}
	if !v.On {
		return v
	}
	res, err := s.news.ListNews(r.Context(), news.Filter{PublishedOnly: true, Limit: newsOnHome})
	if err != nil {
		s.log.Warn("latest news", "err", err)
		return v
	}
	v.Items = res.Items
	return v
}

package web

import (
	"net/http"

	"ogpp/internal/news"
)

func newsDeleteView(it news.Item) deleteView {
	return deleteView{Action: newsURL(it.ID) + "/delete", Kind: "news", Name: it.Title, Version: it.Version, Cancel: newsURL(it.ID)}
}

// deleteNewsPage asks whether to delete an item: following a link never
// deletes.
func (s *Server) deleteNewsPage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, newsDeleteView(it))
}

// deleteNews soft-deletes an item.
func (s *Server) deleteNews(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	err := s.news.DeleteNews(r.Context(), s.actorOf(r), it.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/news?done=news_deleted", newsDeleteView, it, "")
}

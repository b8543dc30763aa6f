package web

import (
	"net/http"

	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// publishNews publishes the item (publish=1) or withdraws it from the
// public (publish=0), then shows it.
func (s *Server) publishNews(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	publish := r.PostForm.Get("publish") == "1"
	done := "news_withdrawn"
	if publish {
		done = "news_published"
	}
	err := s.news.PublishNews(r.Context(), s.actorOf(r), it.ID, publish, postedVersion(r))
	// A stale version shows the item as it now is, to decide anew.
	answerSave(s, w, r, err, newsURL(it.ID)+"?done="+done, func(plan.FieldErrors) { s.notFound(w, r) }, func(current news.Item) {
		http.Redirect(w, r, newsURL(current.ID), http.StatusSeeOther)
	})
}

package web

import (
	"errors"
	"net/http"

	"ogpp/internal/notify"
	"ogpp/internal/plan"
)

// unsubscribePage asks to confirm unsubscribing: following the link
// changes nothing.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	s.unsubscribe(w, r, false)
}

// unsubscribePost unsubscribes: the button of the page, and the
// one-click request mail programs send (RFC 8058), which needs no session
// and carries no Origin.
func (s *Server) unsubscribePost(w http.ResponseWriter, r *http.Request) {
	s.unsubscribe(w, r, true)
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request, do bool) {
	l := locale{Lang: langOf(r)}
	token := r.PathValue("token")
	var sub notify.Subscription
	var err error
	if do {
		sub, err = s.notify.Store.Unsubscribe(r.Context(), token)
	} else {
		sub, err = s.notify.Store.SubscriptionByUnsubscribeToken(r.Context(), token)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	switch {
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	done := do || sub.Status == notify.Unsubscribed
	title := l.T("unsubscribe.title")
	if done {
		title = l.T("unsubscribe.done")
	}
	s.render(w, r, http.StatusOK, "unsubscribe", page{Title: title,
		Data: tokenPageView{Email: sub.Email, Topic: s.topicOf(r, sub), Token: token, Done: done}})
}

package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/notify"
	"ogpp/internal/plan"
)

// tokenPageView is the page of a confirmation or an unsubscribe link.
type tokenPageView struct {
	Email, Topic string
	Token        string
	Done         bool
	Expired      bool
}

// topicOf names a subscription's topic in the reader's language.
func (s *Server) topicOf(r *http.Request, sub notify.Subscription) string {
	l := locale{Lang: langOf(r)}
	title := ""
	if sub.Topic == notify.TopicPlan && s.reg != nil {
		if p, err := s.reg.GetPlan(r.Context(), strconv.FormatInt(sub.PlanID, 10)); err == nil {
			title = l.Plain(p.Title)
		}
	}
	return notify.TopicName(l.Lang, sub.Topic, title)
}

// confirmSubscriptionPage asks to confirm a subscription: following the
// link (which mail programs may do on their own) changes nothing.
func (s *Server) confirmSubscriptionPage(w http.ResponseWriter, r *http.Request) {
	s.confirmSubscription(w, r, false)
}

// confirmSubscriptionPost confirms the subscription.
func (s *Server) confirmSubscriptionPost(w http.ResponseWriter, r *http.Request) {
	s.confirmSubscription(w, r, true)
}

func (s *Server) confirmSubscription(w http.ResponseWriter, r *http.Request, do bool) {
	l := locale{Lang: langOf(r)}
	token := r.PathValue("token")
	var sub notify.Subscription
	var err error
	if do {
		sub, err = s.notify.Store.ConfirmSubscription(r.Context(), token)
	} else {
		sub, err = s.notify.Store.SubscriptionByConfirmToken(r.Context(), token)
	}
	// The token is a secret: keep it out of caches and referrers.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	switch {
	case errors.Is(err, notify.ErrExpired):
		s.render(w, r, http.StatusGone, "subscribe_confirm", page{Title: l.T("subscribe.confirm.title"), Data: tokenPageView{Expired: true}})
		return
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	title := l.T("subscribe.confirm.title")
	if do {
		title = l.T("subscribe.confirmed")
	}
	s.render(w, r, http.StatusOK, "subscribe_confirm", page{Title: title,
		Data: tokenPageView{Email: sub.Email, Topic: s.topicOf(r, sub), Token: token, Done: do}})
}

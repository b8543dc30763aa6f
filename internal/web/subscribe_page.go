package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/notify"
	"ogpp/internal/plan"
)

// needSubscriptions answers 404 when the server keeps no subscriptions.
func (s *Server) needSubscriptions(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.notify == nil || s.notify.Store == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// subscribeView is the subscribe page: the form, or what was sent.
type subscribeView struct {
	formView
	// Enabled is false when no mail can be sent: the page says so and
	// shows no form.
	Enabled bool
	Topics  []subscribeTopic
	// Plan is the plan of a subscription to its rounds.
	Plan *plan.Plan
	// Sent is the address a confirmation link was sent to.
	Sent string
}

// subscribeTopic is one choice of the form.
type subscribeTopic struct {
	Value, Label string
	Checked      bool
}

// subscribePage shows the subscribe form; ?topic= picks the topic and
// ?plan= the plan whose rounds to follow.
func (s *Server) subscribePage(w http.ResponseWriter, r *http.Request) {
	v := subscribeView{formView: formView{Values: map[string]string{"topic": string(notify.TopicNews)}}}
	q := r.URL.Query()
	if t := notify.Topic(q.Get("topic")); t.Valid() {
		v.Values["topic"] = string(t)
	}
	if id, ok := positiveID(q.Get("plan")); ok {
		v.Values["plan"] = strconv.FormatInt(id, 10)
	}
	s.renderSubscribe(w, r, http.StatusOK, v)
}

// subscribe records a subscription and mails the confirmation link.
func (s *Server) subscribe(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	v := subscribeView{formView: formView{Values: map[string]string{}}}
	keep(r.PostForm, v.Values, "email", "topic", "plan")
	if !s.notify.Enabled() {
		s.renderSubscribe(w, r, http.StatusServiceUnavailable, v)
		return
	}
	req := notify.Request{Email: r.PostForm.Get("email"), Topic: notify.Topic(r.PostForm.Get("topic")), Lang: l.Lang,
		Honeypot: r.PostForm.Get("website"), Client: clientKey(r)}
	bad := plan.FieldErrors{}
	if p := r.PostForm.Get("plan"); p != "" {
		id, ok := positiveID(p)
		if !ok {
			bad["plan"] = "subscribe.plan.required"
		}
		req.PlanID = id
	}
	planTitle := ""
	if req.Topic == notify.TopicPlan && req.PlanID > 0 {
		p, err := s.reg.GetPlan(r.Context(), strconv.FormatInt(req.PlanID, 10))
		switch {
		case errors.Is(err, plan.ErrNotFound):
			bad["plan"] = "subscribe.plan.required"
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			planTitle = l.Plain(p.Title)
		}
	}
	var err error
	if len(bad) > 0 {
		withDomainErrors(bad, req.Validate)
		err = bad
	} else {
		_, err = s.notify.Subscribe(r.Context(), req, notify.Links{Base: s.publicURL(r, "")}, planTitle)
	}
	var fe plan.FieldErrors
	switch {
	case err == nil:
		v.Sent = req.Email
		s.renderSubscribe(w, r, http.StatusOK, v)
	case errors.As(err, &fe):
		v.Errors = editErrors(l, fe, []string{"email", "topic", "plan"}, map[string]string{"topic": "topic-" + string(notify.TopicNews), "plan": "email"})
		s.renderSubscribe(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, notify.ErrSpam):
		s.badRequest(w, r, l.T("subscribe.refused"))
	case errors.Is(err, notify.ErrRateLimited):
		v.Errors = []fieldError{{Field: "email", Message: l.T("subscribe.rate_limited")}}
		s.renderSubscribe(w, r, http.StatusTooManyRequests, v)
	default:
		// The mail server failed: say so, keep what was typed.
		s.log.Error("subscribe: confirmation mail not sent", "err", err)
		v.Errors = []fieldError{{Field: "email", Message: l.T("subscribe.failed")}}
		s.renderSubscribe(w, r, http.StatusServiceUnavailable, v)
	}
}

func (s *Server) renderSubscribe(w http.ResponseWriter, r *http.Request, status int, v subscribeView) {
	l := locale{Lang: langOf(r)}
	v.Enabled = s.notify.Enabled()
	v.Action = "/subscribe"
	topics := []notify.Topic{notify.TopicNews, notify.TopicEvents}
	if id, ok := positiveID(v.Values["plan"]); ok && s.reg != nil {
		if p, err := s.reg.GetPlan(r.Context(), strconv.FormatInt(id, 10)); err == nil {
			v.Plan = &p
			topics = append(topics, notify.TopicPlan)
		}
	}
	for _, t := range topics {
		label := l.T("subscribe.topic." + string(t))
		if t == notify.TopicPlan {
			label = l.T("subscribe.topic.plan", l.Plain(v.Plan.Title))
		}
		v.Topics = append(v.Topics, subscribeTopic{Value: string(t), Label: label, Checked: v.Values["topic"] == string(t)})
	}
	title := l.T("subscribe.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "subscribe", page{Title: title, Data: v})
}

package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/events"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// newsItemView is a news item's page.
type newsItemView struct {
	Item  news.Item
	Plan  *plan.Plan
	Event *events.Event
}

// newsItemPage shows a news item with the plan or event it is about:
// public once published.
func (s *Server) newsItemPage(w http.ResponseWriter, r *http.Request) {
	it, ok := s.newsFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := newsItemView{Item: it}
	if it.PlanID != 0 && s.reg != nil {
		if p, err := s.reg.GetPlan(r.Context(), strconv.FormatInt(it.PlanID, 10)); err == nil {
			v.Plan = &p
		}
	}
	if it.EventID != 0 && s.events != nil {
		if ev, err := s.events.GetEvent(r.Context(), it.EventID); err == nil {
			v.Event = &ev
		}
	}
	s.render(w, r, http.StatusOK, "news_item", page{Title: it.Title, Data: v, Crumbs: []crumb{{Label: l.T("news.title"), URL: "/news"}}})
}

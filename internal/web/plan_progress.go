package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/plan"
)

// progressEmptyData is the page of a plan with no published round yet.
type progressEmptyData struct {
	Plan    plan.Plan
	FeedURL string
	// Monitoring says the reader may see the rounds in progress.
	Monitoring bool
}

// planProgress sends the reader to the dashboard of the plan's latest
// published round, so that a link to a plan's progress stays right as
// rounds are published; with none published it says so.
func (s *Server) planProgress(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	if s.monitor != nil {
		rd, found, err := s.latestPublishedRound(r.Context(), p.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if found {
			http.Redirect(w, r, "/rounds/"+strconv.FormatInt(rd.ID, 10), http.StatusFound)
			return
		}
	}
	l := locale{Lang: langOf(r)}
	planURL := "/plans/" + strconv.FormatInt(p.ID, 10)
	s.render(w, r, http.StatusOK, "progress_empty", page{
		Title:  l.T("progress.title") + " · " + l.Plain(p.Title),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(p.Title), planURL}},
		Data:   progressEmptyData{Plan: p, FeedURL: planURL + "/assessments.atom", Monitoring: s.monitor != nil && s.seesUnpublished(r)},
	})
}

package web

import (
	"fmt"
	"net/http"

	"ogpp/internal/events"
	"ogpp/internal/platform"
	"ogpp/internal/report"
)

// reportMediaLimit bounds the coverage an activity report lists.
const reportMediaLimit = 1000

// projectReport reads the path's project and what its activity report
// shows — its indicators with their recorded values, the participants of
// its activities' events, the platform's surveys whose results are public
// and the coverage of its activities — and lays it out in the reader's
// language. Capabilities this server runs without add nothing. It answers
// 404 or 500 itself when it cannot.
func (s *Server) projectReport(w http.ResponseWriter, r *http.Request) (report.Project, platform.Project, bool) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return report.Project{}, p, false
	}
	ctx := r.Context()
	fail := func(err error) (report.Project, platform.Project, bool) {
		s.serverError(w, r, fmt.Errorf("project %d report: %w", p.ID, err))
		return report.Project{}, p, false
	}
	if err := s.indicators.Record(ctx, &p); err != nil {
		return fail(err)
	}
	in := report.ProjectInput{Lang: langOf(r), Project: p, Computes: s.indicators.Computes, Generated: s.now()}
	activities := map[int64]bool{}
	ids := []int64{}
	for _, a := range p.Activities {
		activities[a.ID] = true
		ids = append(ids, a.ID)
	}
	if s.events != nil {
		// Categories are kept by coordinators, who may rename or add them:
		// the report names them as the statistics page does.
		cats, err := s.events.ListCategories(ctx)
		if err != nil {
			return fail(err)
		}
		lang := in.Lang
		in.CategoryLabel = func(c events.Category) string { return cats.Label(c).In(lang).Value }
		tallies, err := s.events.Tallies(ctx, events.Filter{})
		if err != nil {
			return fail(err)
		}
		for _, t := range tallies {
			if t.Event.ActivityID != 0 && activities[t.Event.ActivityID] {
				in.Tallies = append(in.Tallies, t)
			}
		}
	}
	if s.surveys != nil {
		list, err := s.surveys.ListSurveys(ctx)
		if err != nil {
			return fail(err)
		}
		for _, sv := range list {
			if sv.ResultsPublic {
				in.Surveys = append(in.Surveys, sv)
			}
		}
	}
	if s.appeals.Store != nil && len(ids) > 0 {
		page, err := s.appeals.Store.ListMedia(ctx, platform.MediaFilter{ActivityIDs: ids, Limit: reportMediaLimit})
		if err != nil {
			return fail(err)
		}
		in.Media = page.Items
	}
	return report.NewProject(in), p, true
}

package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// monitoringRow is an unpublished round with its plan, for the overview.
type monitoringRow struct {
	Round    monitor.Round
	Plan     plan.Plan
	Measures int
}

// monitoringPage is the monitors' way in: every plan's open and closed
// rounds, open first, with how far each has got and a link to its work.
func (s *Server) monitoringPage(w http.ResponseWriter, r *http.Request) {
	if s.monitor == nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	rounds, err := s.monitor.UnpublishedRounds(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows := make([]monitoringRow, 0, len(rounds))
	plans := map[int64]monitoringRow{}
	for _, round := range rounds {
		row, ok := plans[round.PlanID]
		if !ok {
			p, err := s.reg.GetPlan(ctx, strconv.FormatInt(round.PlanID, 10))
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			measures, err := s.reg.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 1})
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			row = monitoringRow{Plan: p, Measures: measures.Total}
			plans[round.PlanID] = row
		}
		row.Round = round
		rows = append(rows, row)
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "monitoring", page{Title: l.T("monitoring.title"), Crumbs: []crumb{{l.T("nav.plans"), "/"}}, Data: rows})
}

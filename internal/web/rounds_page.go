package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// roundsData is what the plan's rounds page shows.
type roundsData struct {
	Plan     plan.Plan
	Rounds   []monitor.Round
	Measures int
	// Monitors see every round and the way to their work; the public
	// only the published ones.
	Monitoring bool
	Manage     bool
	// Answer lists, for a government focal point, the open rounds and the
	// measures its body may answer for in them.
	Answer []answerRound
}

// answerRound is an open round and the focal point's measures in it.
type answerRound struct {
	Round    monitor.Round
	Measures []plan.Measure
}

// roundsPage lists a plan's monitoring rounds with their status and how
// many measures each has assessed and approved.
func (s *Server) roundsPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	d := roundsData{Plan: p, Monitoring: s.can(r, access.ReadMonitoring, access.Resource{}),
		Manage: s.can(r, access.ManageRounds, access.Resource{})}
	// Listing every round, unpublished ones included, also serves the
	// focal point's section below; what is shown is filtered here.
	rounds, err := s.monitor.ListRounds(ctx, p.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, round := range rounds {
		if d.Monitoring || round.Public() {
			d.Rounds = append(d.Rounds, round)
		}
	}
	total, err := s.reg.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 1})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Measures = total.Total
	if sub := s.subjectOf(r); !d.Monitoring && !sub.Anonymous() && sub.User.OrganisationID != 0 {
		if d.Answer, err = s.answerRounds(r, rounds, p.ID, sub.User.OrganisationID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "rounds", page{
		Title: l.T("monitor.rounds.title") + " · " + l.Plain(p.Title),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(p.Member.Name), "/?q=" + urlQueryEscape(l.Plain(p.Member.Name))},
			{l.Plain(p.Title), "/plans/" + strconv.FormatInt(p.ID, 10)}},
		Data: d,
	})
}

// answerRounds finds, for a user of a state body, the open rounds and the
// plan's measures the policy lets them answer for.
func (s *Server) answerRounds(r *http.Request, rounds []monitor.Round, planID, orgID int64) ([]answerRound, error) {
	var open []monitor.Round
	for _, round := range rounds {
		if round.Status == monitor.RoundOpen {
			open = append(open, round)
		}
	}
	if len(open) == 0 {
		return nil, nil
	}
	res, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{PlanID: planID, OrganisationID: orgID, Limit: 1000})
	if err != nil {
		return nil, err
	}
	var mine []plan.Measure
	for _, m := range res.Items {
		if s.can(r, access.AnswerForMeasure, access.Resource{ExecutorIDs: executorIDs(m)}) {
			mine = append(mine, m)
		}
	}
	if len(mine) == 0 {
		return nil, nil
	}
	out := make([]answerRound, 0, len(open))
	for _, round := range open {
		out = append(out, answerRound{Round: round, Measures: mine})
	}
	return out, nil
}

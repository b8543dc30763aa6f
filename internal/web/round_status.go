package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// roundStatusView is the confirmation of a round's move to another status.
type roundStatusView struct {
	Round monitor.Round
	Plan  plan.Plan
	To    monitor.RoundStatus
	// Problem explains why the move cannot be made; no form is shown then.
	Problem string
	// Changed says the round changed since the page was shown: confirm
	// anew.
	Changed bool
}

// roundStatusTarget reads the status asked for; ok is false for none
// that exists.
func roundStatusTarget(value string) (monitor.RoundStatus, bool) {
	to := monitor.RoundStatus(value)
	return to, to.Valid()
}

// roundStatusPage asks a coordinator to confirm closing, reopening or
// publishing a round, saying what the move does; following a link never
// changes anything.
func (s *Server) roundStatusPage(w http.ResponseWriter, r *http.Request) {
	round, p, ok := s.roundFor(w, r, "id")
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	to, ok := roundStatusTarget(r.URL.Query().Get("to"))
	if !ok {
		s.badRequest(w, r, l.T("monitor.status.unknown"))
		return
	}
	v := roundStatusView{Round: round, Plan: p, To: to}
	if !round.Status.CanMoveTo(to) {
		v.Problem = badTransition(l, round.Status, to)
	}
	s.renderRoundStatus(w, r, http.StatusOK, v)
}

// setRoundStatus makes the confirmed move. A move the round cannot make
// from where it is now is explained; a round changed since the page was
// shown is shown again as it now is.
func (s *Server) setRoundStatus(w http.ResponseWriter, r *http.Request) {
	round, p, ok := s.roundFor(w, r, "id")
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	to, ok := roundStatusTarget(r.PostForm.Get("to"))
	if !ok {
		s.badRequest(w, r, l.T("monitor.status.unknown"))
		return
	}
	err := s.monitor.SetRoundStatus(r.Context(), s.actorOf(r), round.ID, to, postedVersion(r))
	var stale *plan.ConflictError[monitor.Round]
	switch {
	case errors.As(err, &stale):
		v := roundStatusView{Round: stale.Current, Plan: p, To: to, Changed: true}
		if !stale.Current.Status.CanMoveTo(to) {
			v.Problem = badTransition(l, stale.Current.Status, to)
		}
		s.renderRoundStatus(w, r, http.StatusConflict, v)
	case errors.Is(err, monitor.ErrBadTransition):
		s.renderRoundStatus(w, r, http.StatusConflict, roundStatusView{Round: round, Plan: p, To: to, Problem: badTransition(l, round.Status, to)})
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(p.ID, 10)+"/rounds?done=round_"+string(to), http.StatusSeeOther)
	}
}

// badTransition explains why a round cannot go from one status to another
// and what to do instead.
func badTransition(l locale, from, to monitor.RoundStatus) string {
	if from == to {
		return l.T("monitor.status.already", l.T("monitor.status."+string(to)))
	}
	if from == monitor.RoundOpen && to == monitor.RoundPublished {
		return l.T("monitor.status.close_first")
	}
	return l.T("monitor.status.impossible", l.T("monitor.status."+string(from)), l.T("monitor.status."+string(to)))
}

func (s *Server) renderRoundStatus(w http.ResponseWriter, r *http.Request, status int, v roundStatusView) {
	l := locale{Lang: langOf(r)}
	planURL := "/plans/" + strconv.FormatInt(v.Plan.ID, 10)
	noStore(w)
	s.render(w, r, status, "round_status", page{Title: l.T("monitor.status.confirm." + string(v.To)),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(v.Plan.Title), planURL}, {l.T("monitor.rounds.title"), planURL + "/rounds"}},
		Data:   v})
}

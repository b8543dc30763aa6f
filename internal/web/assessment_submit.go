package web

import (
	"errors"
	"net/http"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// submitAssessment hands a draft or returned assessment to review. The
// form names the version it was shown with: what goes to review is what
// the monitor saw.
func (s *Server) submitAssessment(w http.ResponseWriter, r *http.Request) {
	a, round, p, m, ok := s.assessmentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	f, err := s.loadAssessmentForm(r, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	refuse := func(key string) {
		f.Errors = []fieldError{{Field: "review", Message: l.T(key)}}
		s.renderAssessment(w, r, http.StatusConflict, f)
	}
	if f.Frozen {
		s.renderAssessment(w, r, http.StatusConflict, f)
		return
	}
	if postedVersion(r) != a.Version {
		refuse("monitor.submit.stale")
		return
	}
	err = s.monitor.SubmitAssessment(r.Context(), s.actorOf(r), a.ID, a.Version)
	var stale *plan.ConflictError[monitor.Assessment]
	switch {
	case errors.Is(err, monitor.ErrFrozen):
		f.Frozen = true
		s.renderAssessment(w, r, http.StatusConflict, f)
	case errors.As(err, &stale):
		refuse("monitor.submit.stale")
	case errors.Is(err, monitor.ErrBadTransition):
		refuse("monitor.submit.impossible")
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, assessmentURL(round.ID, m.ID)+"?done=assessment_submitted", http.StatusSeeOther)
	}
}

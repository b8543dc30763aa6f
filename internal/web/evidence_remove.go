package web

import (
	"errors"
	"net/http"

	"ogpp/internal/monitor"
)

// removeEvidence takes a file off the assessment's current evidence; the
// versions that had it keep it. The form names the version it was shown
// with, and a page that has grown stale since is shown again rather than
// acted on: a remove should be of what the monitor saw.
func (s *Server) removeEvidence(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	eid, ok := pathInt(r, "eid")
	if !ok {
		s.notFound(w, r)
		return
	}
	f, err := s.loadAssessmentForm(r, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !f.Exists || !hasFile(f.Saved.A, eid) {
		s.notFound(w, r)
		return
	}
	l := locale{Lang: langOf(r)}
	if f.Frozen {
		s.renderAssessment(w, r, http.StatusConflict, f)
		return
	}
	if postedVersion(r) != f.Saved.A.Version {
		f.Errors = []fieldError{{Field: "evidence", Message: l.T("monitor.evidence.stale")}}
		s.renderAssessment(w, r, http.StatusConflict, f)
		return
	}
	err = s.monitor.RemoveEvidence(r.Context(), s.actorOf(r), f.Saved.A.ID, eid)
	switch {
	case errors.Is(err, monitor.ErrFrozen):
		f.Frozen = true
		s.renderAssessment(w, r, http.StatusConflict, f)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, assessmentURL(round.ID, m.ID)+"?done=evidence_removed#evidence", http.StatusSeeOther)
	}
}

// hasFile reports whether a file is among the assessment's current
// evidence.
func hasFile(a monitor.Assessment, id int64) bool {
	for _, e := range a.Evidence {
		if e.ID == id && e.Kind == monitor.EvidenceFile {
			return true
		}
	}
	return false
}

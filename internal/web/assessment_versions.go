package web

import (
	"net/http"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// versionsData is an assessment's saved versions.
type versionsData struct {
	A        monitor.Assessment
	Round    monitor.Round
	Measure  plan.Measure
	Versions []monitor.AssessmentVersion
	Back     string
}

// assessmentVersionsPage lists every saved version of an assessment,
// newest first, with who saved it and when: nothing is overwritten, and
// this is where that shows.
func (s *Server) assessmentVersionsPage(w http.ResponseWriter, r *http.Request) {
	a, round, p, m, ok := s.assessmentFor(w, r)
	if !ok {
		return
	}
	versions, err := s.monitor.AssessmentVersions(r.Context(), a.ID)
	if !s.answerLoad(w, r, err) {
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "assessment_versions", page{
		Title:  measureLabel(l, m) + " · " + l.T("monitor.versions.title"),
		Crumbs: roundCrumbs(l, p, round),
		Data:   versionsData{A: a, Round: round, Measure: m, Versions: versions, Back: assessmentURL(round.ID, m.ID)},
	})
}

package web

import (
	"net/http"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// measureMonitoring is a measure's assessment history across rounds, as
// its page shows it.
type measureMonitoring struct {
	L locale
	// On says the server keeps monitoring at all; without it the page has
	// no monitoring section.
	On      bool
	Entries []historyEntry
	// Monitoring says the reader sees unpublished rounds and the review
	// state of assessments.
	Monitoring bool
}

// historyEntry is the measure's assessment in one round, with the
// government's own accounts beside it.
type historyEntry struct {
	Round monitor.Round
	View  assessmentView
}

// monitoringOf reads a measure's assessments in every round the reader
// may see: the published rounds' approved versions for the public, every
// round's current version for those who may read monitoring.
func (s *Server) monitoringOf(r *http.Request, m plan.Measure) (measureMonitoring, error) {
	out := measureMonitoring{L: locale{Lang: langOf(r)}, On: s.monitor != nil}
	if s.monitor == nil {
		return out, nil
	}
	out.Monitoring = s.seesUnpublished(r)
	ctx := r.Context()
	history, err := s.monitor.MeasureHistory(ctx, m.ID, !out.Monitoring)
	if err != nil {
		return out, err
	}
	for _, h := range history {
		selfs, err := s.monitor.RoundSelfAssessments(ctx, h.Round.ID)
		if err != nil {
			return out, err
		}
		out.Entries = append(out.Entries, historyEntry{Round: h.Round, View: newAssessmentView(h.Assessment, m, selfs[m.ID])})
	}
	return out, nil
}

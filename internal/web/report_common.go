package web

import (
	"fmt"
	"net/http"

	"ogpp/internal/report"
)

// roundReport reads the path's round and lays its monitoring report out in
// the reader's language from the figures the round's dashboard shows
// (figuresOf, which is monitor.Summarise), so that the report and the
// dashboard can never disagree. It answers 404 or 500 itself when it
// cannot.
func (s *Server) roundReport(w http.ResponseWriter, r *http.Request) (report.Round, roundFigures, bool) {
	rd, ok := s.roundOr404(w, r)
	if !ok {
		return report.Round{}, roundFigures{}, false
	}
	f, err := s.figuresOf(r.Context(), rd)
	if err != nil {
		s.serverError(w, r, err)
		return report.Round{}, f, false
	}
	rep := report.NewRound(report.RoundInput{Lang: langOf(r), Plan: f.Plan, Round: f.Round, Measures: f.Measures,
		Assessments: f.Assessments, Progress: f.Progress, AsOf: f.AsOf, Generated: s.now(), Current: f.Current})
	return rep, f, true
}

// sendReport writes a generated file. A report of a round the public
// cannot see yet is kept out of shared caches.
func sendReport(w http.ResponseWriter, contentType, disposition, name string, public bool, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, name))
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	if !public {
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Write(body)
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
)

// projectReportPDF sends a project's activity report as a PDF in the
// reader's language.
func (s *Server) projectReportPDF(w http.ResponseWriter, r *http.Request) {
	rep, p, ok := s.projectReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := rep.WritePDF(&buf, s.now()); err != nil {
		s.serverError(w, r, fmt.Errorf("project %d report: %w", p.ID, err))
		return
	}
	sendReport(w, "application/pdf", "inline", fmt.Sprintf("ogpp-project-%d-%s.pdf", p.ID, rep.Lang), true, buf.Bytes())
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
)

// roundReportPDF sends a round's monitoring report as a PDF in the reader's
// language. The guard has let only monitors through to an unpublished
// round, as for its dashboard.
func (s *Server) roundReportPDF(w http.ResponseWriter, r *http.Request) {
	rep, f, ok := s.roundReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := rep.WritePDF(&buf, s.now()); err != nil {
		s.serverError(w, r, fmt.Errorf("round %d report: %w", f.Round.ID, err))
		return
	}
	sendReport(w, "application/pdf", "inline", fmt.Sprintf("ogpp-round-%d-%s.pdf", f.Round.ID, rep.Lang), f.Round.Public(), buf.Bytes())
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
)

// roundReportXLSX sends a round's monitoring report as a workbook: the
// dashboard's figures on a summary sheet and a sheet per area.
func (s *Server) roundReportXLSX(w http.ResponseWriter, r *http.Request) {
	rep, f, ok := s.roundReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := rep.WriteXLSX(&buf); err != nil {
		s.serverError(w, r, fmt.Errorf("round %d report: %w", f.Round.ID, err))
		return
	}
	sendReport(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment",
		fmt.Sprintf("ogpp-round-%d-%s.xlsx", f.Round.ID, rep.Lang), f.Round.Public(), buf.Bytes())
}

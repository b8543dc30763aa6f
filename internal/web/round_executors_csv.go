package web

import (
	"net/http"
	"strconv"
)

// roundExecutorsCSV serves the dashboard's executor scorecard, a row per
// responsible executor in the scorecard's order (lowest score first).
func (s *Server) roundExecutorsCSV(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.roundOr404(w, r)
	if !ok {
		return
	}
	f, err := s.figuresOf(r.Context(), rd)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header := append(progressCSVKeys(), "rank", "organisation_id")
	header = append(append(header, textHeader("organisation_name")...), distributionCSVHeader()...)
	cw := csvWriter(w, "round-"+strconv.FormatInt(rd.ID, 10)+"-executors.csv", header)
	for i, e := range f.Progress.Executors {
		row := append(progressCSVIDs(f), strconv.Itoa(i+1), strconv.FormatInt(e.ID, 10))
		row = append(append(row, textColumns(e.Name)...), distributionCSV(e.Distribution)...)
		cw.Write(row)
	}
	cw.Flush()
}

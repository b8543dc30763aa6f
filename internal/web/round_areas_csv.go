package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
)

// roundAreasCSV serves the data of the dashboard's chart of completion by
// area, a row per area: the same figures as the chart and its table.
func (s *Server) roundAreasCSV(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.roundOr404(w, r)
	if !ok {
		return
	}
	f, err := s.figuresOf(r.Context(), rd)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header := append(progressCSVKeys(), "area_id", "area_number")
	header = append(append(header, textHeader("area_title")...), distributionCSVHeader()...)
	cw := csvWriter(w, "round-"+strconv.FormatInt(rd.ID, 10)+"-areas.csv", header)
	for _, a := range f.Progress.Areas {
		// The measures outside any area have no area id: an empty cell,
		// not a 0 that could be mistaken for an area's.
		id := ""
		if a.ID != 0 {
			id = strconv.FormatInt(a.ID, 10)
		}
		row := append(progressCSVIDs(f), id, a.Number)
		row = append(append(row, textColumns(a.Name)...), distributionCSV(a.Distribution)...)
		cw.Write(row)
	}
	cw.Flush()
}

// progressCSVKeys are the columns that say which round a row belongs to.
func progressCSVKeys() []string {
	return []string{"round_id", "round_external_id", "plan_id", "plan_external_id", "as_of", "versions"}
}

// progressCSVIDs fills progressCSVKeys for a round's figures. "versions"
// tells approved figures from an unpublished round's current ones.
func progressCSVIDs(f roundFigures) []string {
	versions := "approved"
	if f.Current {
		versions = "current"
	}
	return []string{strconv.FormatInt(f.Round.ID, 10), f.Round.ExternalID, strconv.FormatInt(f.Plan.ID, 10), f.Plan.ExternalID, f.AsOf.String(), versions}
}

// distributionCSVHeader names a distribution's columns: every completion
// level's count and share, whether used or not, so that files of different
// rounds have the same columns.
func distributionCSVHeader() []string {
	h := []string{"measures", "assessed", "not_assessed"}
	for _, c := range monitor.Completions {
		h = append(h, string(c)+"_count")
	}
	for _, c := range monitor.Completions {
		h = append(h, string(c)+"_share")
	}
	return append(h, "score", "scored")
}

// distributionCSV writes a distribution under distributionCSVHeader.
// Shares and the score are percentages with a decimal point.
func distributionCSV(d monitor.Distribution) []string {
	row := []string{strconv.Itoa(d.Measures), strconv.Itoa(d.Assessed()), strconv.Itoa(d.Unassessed)}
	for _, c := range monitor.Completions {
		row = append(row, strconv.Itoa(d.Counts[c]))
	}
	for _, c := range monitor.Completions {
		row = append(row, strconv.FormatFloat(d.Share(c), 'f', 1, 64))
	}
	return append(row, strconv.FormatFloat(d.Score, 'f', 1, 64), strconv.Itoa(d.Scored))
}

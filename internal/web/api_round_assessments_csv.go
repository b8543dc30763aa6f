package web

import (
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/monitor"
)

var assessmentCSVHeader = func() []string {
	h := []string{"round_id", "round_external_id", "assessment_id", "measure_id", "measure_external_id", "clause"}
	h = append(h, textHeader("title")...)
	return append(h, "completion", "verifiable", "relevance", "potential_impact", "did_it_open_government", "early_results", "starred",
		"narrative", "links", "files", "version", "updated_at", "source")
}()

// apiRoundAssessmentsCSV is apiRoundAssessments as a spreadsheet, every
// assessment of the round in one file. Evidence is summed up as counts and
// the links' addresses; the JSON has it whole.
func (s *Server) apiRoundAssessmentsCSV(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, problem := paging(q, true)
	if problem != "" {
		badParam(w, problem)
		return
	}
	rd, items, ok := s.roundPublishedAssessments(w, r)
	if !ok {
		return
	}
	cw := csvWriter(w, "round-"+strconv.FormatInt(rd.ID, 10)+"-assessments.csv", assessmentCSVHeader)
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, x := range items[min(offset, len(items)):min(offset+limit, len(items))] {
		a, m := x.Assessment, x.Measure
		verifiable := ""
		if a.Verifiable != nil {
			verifiable = yesNo(*a.Verifiable)
		}
		relevance := make([]string, len(a.Relevance))
		for i, v := range a.Relevance {
			relevance[i] = string(v)
		}
		var links []string
		files := 0
		for _, e := range a.Evidence {
			if e.Kind == monitor.EvidenceFile {
				files++
			} else {
				links = append(links, e.URL)
			}
		}
		row := []string{strconv.FormatInt(rd.ID, 10), rd.ExternalID, strconv.FormatInt(a.ID, 10), strconv.FormatInt(m.ID, 10), m.ExternalID, m.Clause}
		row = append(row, textColumns(m.Title)...)
		row = append(row, string(a.Completion), verifiable, strings.Join(relevance, ";"), string(a.Impact), string(a.Opened), string(a.EarlyResults),
			yesNo(a.Starred()), a.Narrative, strings.Join(links, " "), strconv.Itoa(files), strconv.Itoa(a.Version), stamp(a.UpdatedAt), a.Source)
		cw.Write(row)
	}
	cw.Flush()
}

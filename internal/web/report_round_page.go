package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/report"
)

// roundReportData is the monitoring report as a page for printing: the
// report's sections and the dashboard's SVG charts.
type roundReportData struct {
	Report report.Round
	// Dashboard holds the charts and tables the dashboard draws.
	Dashboard dashboardData
}

// Level is a completion level as the dashboard's tags show it.
func (d roundReportData) Level(c monitor.Completion) levelCell {
	return levelCell{Key: levelKey(c), Label: d.Report.CompletionLabel(c)}
}

// roundReportPage shows a round's monitoring report as a page laid out for
// printing: a cover, the key figures and the dashboard's charts, then each
// area on a page of its own with every measure's assessment and evidence.
func (s *Server) roundReportPage(w http.ResponseWriter, r *http.Request) {
	rep, f, ok := s.roundReport(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	roundURL := "/rounds/" + strconv.FormatInt(f.Round.ID, 10)
	s.render(w, r, http.StatusOK, "report_round", page{
		Title:  l.T("report.title") + " · " + rep.PlanTitle,
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {rep.PlanTitle, planURL}, {rep.RoundName, roundURL}},
		Data:   roundReportData{Report: rep, Dashboard: newDashboardData(l, f)},
	})
}

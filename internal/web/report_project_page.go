package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/report"
)

// projectReportData is a project's activity report as a page.
type projectReportData struct {
	Report    report.Project
	ProjectID int64
}

// projectReportPage shows a project's activity report as a page laid out
// for printing.
func (s *Server) projectReportPage(w http.ResponseWriter, r *http.Request) {
	rep, p, ok := s.projectReport(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "report_project", page{
		Title:  l.T("report.project.title") + " · " + rep.Title,
		Crumbs: []crumb{{l.T("logframe.projects.title"), "/projects"}, {rep.Title, "/projects/" + strconv.FormatInt(p.ID, 10)}},
		Data:   projectReportData{Report: rep, ProjectID: p.ID},
	})
}

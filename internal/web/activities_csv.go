package web

import (
	"net/http"
	"strconv"
)

// activitiesCSVHeader is the header of the activities' open data; its
// types are declared in the open-data registry.
var activitiesCSVHeader = func() []string {
	h := []string{"id", "project_id"}
	h = append(h, textHeader("project")...)
	h = append(h, "number")
	h = append(h, textHeader("title")...)
	return append(h, "clause", "status")
}()

// activitiesCSV serves every activity of the platform's projects as CSV:
// its project, number, title, the action plan's clause it serves and where
// it stands.
func (s *Server) activitiesCSV(w http.ResponseWriter, r *http.Request) {
	list, err := s.projects.ListActivities(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvWriter(w, "activities.csv", activitiesCSVHeader)
	for _, a := range list {
		row := []string{strconv.FormatInt(a.ID, 10), strconv.FormatInt(a.ProjectID, 10)}
		row = append(row, textColumns(a.ProjectTitle)...)
		row = append(row, a.Number)
		row = append(row, textColumns(a.Title)...)
		row = append(row, a.Clause, string(a.Status))
		cw.Write(row)
	}
	cw.Flush()
}

package web

import (
	"net/http"

	"ogpp/internal/platform"
)

const groupsPerPage = 50

// groupsData is what the list of expert groups shows.
type groupsData struct {
	Groups   []platform.Group
	Status   string
	Statuses []platform.GroupStatus
	Pager    pager
}

// groupsPage lists the platform's expert groups, active ones first,
// filtered by status.
func (s *Server) groupsPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	status := platform.GroupStatus(r.URL.Query().Get("status"))
	if status != "" && !status.Valid() {
		s.badRequest(w, r, l.T("members.filter.status.invalid"))
		return
	}
	n := pageNumber(r)
	res, err := s.members.ListGroups(r.Context(), platform.GroupFilter{Status: status, Limit: groupsPerPage, Offset: (n - 1) * groupsPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "groups", page{Title: l.T("groups.title"),
		Data: groupsData{Groups: res.Items, Status: string(status), Statuses: platform.GroupStatuses,
			Pager: newPager(setQuery("/groups", "status", string(status)), n, groupsPerPage, res.Total)}})
}

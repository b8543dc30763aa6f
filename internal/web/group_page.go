package web

import (
	"net/http"

	"ogpp/internal/platform"
)

// groupData is what an expert group's page shows. Work is what the group
// has worked on, from the server's GroupWork source; HasWork says whether
// there is one at all, so that the page can tell "nothing yet" from
// "not recorded here".
type groupData struct {
	Group   platform.Group
	Work    []platform.GroupWorkItem
	HasWork bool
}

// groupPage shows an expert group: what it was formed for, its lead and
// members (names, organisations and positions; never contacts) and its
// work.
func (s *Server) groupPage(w http.ResponseWriter, r *http.Request) {
	g, ok := s.groupFor(w, r)
	if !ok {
		return
	}
	d := groupData{Group: g, HasWork: s.groupWork != nil}
	if s.groupWork != nil {
		work, err := s.groupWork.GroupWork(r.Context(), g.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Work = work
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "group", page{Title: l.Plain(g.Name), Crumbs: groupsCrumbs(l), Data: d})
}

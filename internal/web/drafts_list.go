package web

import (
	"net/http"

	"ogpp/internal/access"
	"ogpp/internal/drafts"
)

// draftsListPage is what the drafts page shows: every draft to those who
// take part in drafting, the published ones to everyone else.
type draftsListPage struct {
	Drafts []drafts.Draft
	// All says the reader sees drafts in progress too.
	All      bool
	CanStart bool
	// CanMeetings offers the meetings' page, which the readers of drafts
	// in progress may see.
	CanMeetings bool
}

// draftsPage lists drafts, most recently changed first.
func (s *Server) draftsPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	all := s.can(r, access.ReadDrafts, access.Resource{})
	ds, err := s.drafts.ListDrafts(r.Context(), drafts.DraftFilter{PublishedOnly: !all})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := l.T("drafts.list.title")
	if !all {
		title = l.T("drafts.list.title_public")
	}
	s.render(w, r, http.StatusOK, "drafts", page{Title: title, Data: draftsListPage{Drafts: ds, All: all,
		CanStart: s.can(r, access.StartDraft, access.Resource{}), CanMeetings: all}})
}

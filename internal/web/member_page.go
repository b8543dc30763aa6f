package web

import (
	"net/http"

	"ogpp/internal/platform"
)

// memberData is what a membership's page shows.
type memberData struct {
	Membership platform.Membership
	// People are the organisation's people in the platform,
	// representatives first: names, positions and expertise.
	People []platform.Person
}

// memberPage shows an organisation's membership of the platform, its
// representatives and its other people, without contacts.
func (s *Server) memberPage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok {
		return
	}
	people, err := s.members.ListPeople(r.Context(), platform.PeopleFilter{OrganisationID: m.OrganisationID, Limit: 1000})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "member", page{Title: l.Plain(m.Organisation.Name), Crumbs: membersCrumbs(l),
		Data: memberData{Membership: m, People: people.Items}})
}

package web

import (
	"errors"
	"net/http"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// personData is what a person's page shows. Contacts is nil unless the
// reader may see contacts: the handler does not read them otherwise.
type personData struct {
	Person   platform.Person
	Contacts *platform.Contacts
	// MembershipID links the person's organisation to its membership; 0
	// when it has none.
	MembershipID int64
	Groups       []platform.Group
}

// personPage shows a person: name, organisation, position, expertise and
// expert groups for everyone, contacts for coordinators and admins.
func (s *Server) personPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.personFor(w, r)
	if !ok {
		return
	}
	d := personData{Person: p}
	ctx := r.Context()
	if s.maySeeContacts(r) {
		c, err := s.members.PersonContacts(ctx, p.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Contacts = &c
	}
	if p.OrganisationID != 0 {
		m, err := s.members.MembershipOf(ctx, p.OrganisationID)
		switch {
		case err == nil:
			d.MembershipID = m.ID
		case !errors.Is(err, plan.ErrNotFound):
			s.serverError(w, r, err)
			return
		}
	}
	groups, err := s.members.GroupsOfPerson(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Groups = groups
	l := locale{Lang: langOf(r)}
	crumbs := membersCrumbs(l)
	if d.MembershipID != 0 {
		crumbs = append(crumbs, crumb{l.Plain(p.Organisation.Name), "/members/" + membersID(d.MembershipID)})
	}
	if d.Contacts != nil {
		// Contacts are for this reader only: keep the page out of caches
		// even where the session's own header would not reach.
		noStore(w)
	}
	s.render(w, r, http.StatusOK, "person", page{Title: l.Plain(p.Name), Crumbs: crumbs, Data: d})
}

package web

import (
	"net/http"

	"ogpp/internal/platform"
)

// deletePersonPage asks whether to delete a person; one who leads an
// expert group is explained instead of offered.
func (s *Server) deletePersonPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.personFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := personDeleteView(p, l)
	groups, err := s.members.GroupsOfPerson(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, g := range groups {
		if g.LeadID == p.ID {
			v.Problem = l.T("delete.person.in_use")
		}
	}
	s.renderMembersDelete(w, r, http.StatusOK, v)
}

// deletePerson soft-deletes a person who leads no expert group.
func (s *Server) deletePerson(w http.ResponseWriter, r *http.Request) {
	p, ok := s.personFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.members.DeletePerson(r.Context(), s.actorOf(r), p.ID, postedVersion(r))
	done := "/members?done=members_deleted"
	if p.OrganisationID != 0 {
		if m, merr := s.members.MembershipOf(r.Context(), p.OrganisationID); merr == nil {
			done = "/members/" + membersID(m.ID) + "?done=members_deleted"
		}
	}
	answerMembersDelete(s, w, r, err, done, func(x platform.Person) deleteView { return personDeleteView(x, l) }, p, l.T("delete.person.in_use"))
}

func personDeleteView(p platform.Person, l locale) deleteView {
	id := membersID(p.ID)
	return deleteView{Action: "/people/" + id + "/delete", Kind: "person", Name: l.Plain(p.Name), Version: p.Version, Cancel: "/people/" + id}
}

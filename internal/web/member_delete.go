package web

import (
	"net/http"

	"ogpp/internal/platform"
)

// deleteMemberPage asks whether to delete a membership entered by
// mistake; one that ended is ended, not deleted, and the page says so.
func (s *Server) deleteMemberPage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok {
		return
	}
	s.renderMembersDelete(w, r, http.StatusOK, memberDeleteView(m, locale{Lang: langOf(r)}))
}

// deleteMember soft-deletes a membership.
func (s *Server) deleteMember(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.members.DeleteMembership(r.Context(), s.actorOf(r), m.ID, postedVersion(r))
	answerMembersDelete(s, w, r, err, "/members?done=members_deleted",
		func(x platform.Membership) deleteView { return memberDeleteView(x, l) }, m, "")
}

func memberDeleteView(m platform.Membership, l locale) deleteView {
	id := membersID(m.ID)
	return deleteView{Action: "/members/" + id + "/delete", Kind: "membership", Name: l.Plain(m.Organisation.Name), Version: m.Version,
		Cancel: "/members/" + id}
}

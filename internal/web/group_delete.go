package web

import (
	"net/http"

	"ogpp/internal/platform"
)

// deleteGroupPage asks whether to delete an expert group.
func (s *Server) deleteGroupPage(w http.ResponseWriter, r *http.Request) {
	g, ok := s.groupFor(w, r)
	if !ok {
		return
	}
	s.renderMembersDelete(w, r, http.StatusOK, groupDeleteView(g, locale{Lang: langOf(r)}))
}

// deleteGroup soft-deletes an expert group.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	g, ok := s.groupFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.members.DeleteGroup(r.Context(), s.actorOf(r), g.ID, postedVersion(r))
	answerMembersDelete(s, w, r, err, "/groups?done=members_deleted", func(x platform.Group) deleteView { return groupDeleteView(x, l) }, g, "")
}

func groupDeleteView(g platform.Group, l locale) deleteView {
	id := membersID(g.ID)
	return deleteView{Action: "/groups/" + id + "/delete", Kind: "group", Name: l.Plain(g.Name), Version: g.Version, Cancel: "/groups/" + id}
}

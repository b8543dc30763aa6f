package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// needMembers answers 404 on a server built without a members store (a
// read-only mirror, or tests of other parts), as the editing routes do
// without an editor.
func (s *Server) needMembers(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.members == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	})
}

// mayManageMembers asks the policy whether the sender may edit members,
// people and groups, so that pages offer only the forms that will work.
func (s *Server) mayManageMembers(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.ManageMembers, access.Resource{})
}

// maySeeContacts asks the policy whether the sender may see people's
// private contacts. Pages read contacts only when it says yes, so that a
// template cannot show what the handler never loaded.
func (s *Server) maySeeContacts(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.SeeContacts, access.Resource{})
}

// membershipFor reads the live membership a path names, answering 404
// when there is none.
func (s *Server) membershipFor(w http.ResponseWriter, r *http.Request) (platform.Membership, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.Membership{}, false
	}
	m, err := s.members.GetMembership(r.Context(), id)
	return m, s.membersFound(w, r, err)
}

// personFor reads the live person a path names, without contacts.
func (s *Server) personFor(w http.ResponseWriter, r *http.Request) (platform.Person, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.Person{}, false
	}
	p, err := s.members.GetPerson(r.Context(), id)
	return p, s.membersFound(w, r, err)
}

// groupFor reads the live expert group a path names.
func (s *Server) groupFor(w http.ResponseWriter, r *http.Request) (platform.Group, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return platform.Group{}, false
	}
	g, err := s.members.GetGroup(r.Context(), id)
	return g, s.membersFound(w, r, err)
}

// membersFound answers a read's error: 404 for plan.ErrNotFound, 500 for another;
// it reports whether there was none.
func (s *Server) membersFound(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
		return false
	case err != nil:
		s.serverError(w, r, err)
		return false
	}
	return true
}

// membersCrumbs are the breadcrumbs of the member pages.
func membersCrumbs(l locale) []crumb { return []crumb{{l.T("members.title"), "/members"}} }

// groupsCrumbs are the breadcrumbs of the group pages.
func groupsCrumbs(l locale) []crumb { return []crumb{{l.T("groups.title"), "/groups"}} }

// membersID writes an id for a path or a form.
func membersID(id int64) string { return strconv.FormatInt(id, 10) }

// membershipStatusView is a membership's status as a coloured tag with
// its text (never colour alone), and the day it changed.
type membershipStatusView struct {
	L      locale
	Status platform.MembershipStatus
	Class  string
	Since  string // formatted; "" while active since joining
}

// MembershipStatus describes m's status for the "membership-status"
// partial.
func (l locale) MembershipStatus(m platform.Membership) membershipStatusView {
	class := map[platform.MembershipStatus]string{platform.MembershipActive: "tag-green", platform.MembershipSuspended: "tag-yellow",
		platform.MembershipLeft: "tag-grey"}[m.Status]
	return membershipStatusView{L: l, Status: m.Status, Class: class, Since: l.Date(m.StatusSince)}
}

// MembershipSince formats the day an organisation joined.
func (l locale) MembershipSince(m platform.Membership) string { return l.Date(&m.Since) }

// GroupStatusClass is the colour of an expert group's status tag.
func (l locale) GroupStatusClass(s platform.GroupStatus) string {
	if s == platform.GroupActive {
		return "tag-green"
	}
	return "tag-grey"
}

// renderMembersDelete shows the confirmation of a delete of a membership,
// a person or a group. Unlike the registry's, it promises no restore:
// the store can restore them, but no page offers it yet.
func (s *Server) renderMembersDelete(w http.ResponseWriter, r *http.Request, status int, v deleteView) {
	l := locale{Lang: langOf(r)}
	noStore(w)
	s.render(w, r, status, "members_delete", page{Title: l.T("delete." + v.Kind + ".title"), Data: v})
}

// answerMembersDelete finishes a delete as answerDelete does, showing the
// confirmation again with renderMembersDelete.
func answerMembersDelete[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, done string,
	view func(T) deleteView, stored T, inUse string) {
	var stale *plan.ConflictError[T]
	switch {
	case errors.As(err, &stale):
		v := view(stale.Current)
		v.Conflict = true
		s.renderMembersDelete(w, r, http.StatusConflict, v)
	case inUse != "" && errors.Is(err, plan.ErrInUse):
		v := view(stored)
		v.Problem = inUse
		s.renderMembersDelete(w, r, http.StatusConflict, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, done, http.StatusSeeOther)
	}
}

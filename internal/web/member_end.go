package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// memberEndView asks to confirm that an organisation left the platform,
// and on what day.
type memberEndView struct {
	formView
	Membership platform.Membership
	Conflict   bool
}

// endMemberPage asks for the day an organisation left, today by default.
// Ending is a form, so that following a link never ends a membership.
func (s *Server) endMemberPage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok {
		return
	}
	today := s.now().In(displayZone).Format("2006-01-02")
	s.renderMemberEnd(w, r, http.StatusOK, memberEndView{Membership: m,
		formView: formView{Values: map[string]string{"date": today, "version": strconv.Itoa(m.Version)}}})
}

// endMember records that the organisation left on the posted day.
func (s *Server) endMember(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	v := memberEndView{Membership: m, formView: formView{Values: map[string]string{"date": r.PostForm.Get("date"),
		"version": strconv.Itoa(postedVersion(r))}}}
	day, err := plan.ParseDate(strings.TrimSpace(r.PostForm.Get("date")))
	if err != nil {
		v.add("date", l.T("members.date.invalid"))
		s.renderMemberEnd(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	err = s.members.EndMembership(r.Context(), s.actorOf(r), m.ID, day, postedVersion(r))
	var fe plan.FieldErrors
	var stale *plan.ConflictError[platform.Membership]
	switch {
	case errors.As(err, &stale):
		v.Membership, v.Conflict = stale.Current, true
		v.Values["version"] = strconv.Itoa(stale.Current.Version)
		s.renderMemberEnd(w, r, http.StatusConflict, v)
	case errors.As(err, &fe):
		v.Errors = editErrors(l, fe, []string{"date"}, nil)
		s.renderMemberEnd(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, "/members/"+membersID(m.ID)+"?done=membership_ended", http.StatusSeeOther)
	}
}

func (s *Server) renderMemberEnd(w http.ResponseWriter, r *http.Request, status int, v memberEndView) {
	l := locale{Lang: langOf(r)}
	v.Action = "/members/" + membersID(v.Membership.ID) + "/end"
	title := l.T("members.end.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "member_end", page{Title: title,
		Crumbs: append(membersCrumbs(l), crumb{l.Plain(v.Membership.Organisation.Name), "/members/" + membersID(v.Membership.ID)}), Data: v})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// memberFieldOrder is the membership form's field order, for the error
// summary.
var memberFieldOrder = []string{"organisation", "org_name", "org_kind", "since", "status", "status_since", "note"}

// memberForm is what the membership form shows.
type memberForm struct {
	formView
	New          bool
	MembershipID int64
	// Organisation is the member, on an existing membership's form.
	Organisation plan.Organisation
	// Candidates are the organisations a new membership may be for.
	Candidates []plan.Organisation
	Kinds      []plan.OrganisationKind
	Statuses   []platform.MembershipStatus
	Conflict   *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f memberForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// memberFormValues turns a stored membership into form values.
func memberFormValues(m platform.Membership) map[string]string {
	v := map[string]string{"organisation": membersID(m.OrganisationID), "since": m.Since.String(), "status": string(m.Status),
		"status_since": dateString(m.StatusSince), "version": strconv.Itoa(m.Version)}
	putText(v, "note", m.Note)
	return v
}

// memberEdit reads a posted membership form. An organisation chosen from
// the list wins over a new one typed in; "new" (or nothing chosen) with a
// name typed in creates one.
func memberEdit(form url.Values) (platform.MembershipEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "organisation", "org_kind", "since", "status", "status_since", "version")
	keepText(form, v, "org_name", "note")
	version, _ := formInt(form, "version")
	e := platform.MembershipEdit{Since: form.Get("since"), Status: platform.MembershipStatus(form.Get("status")),
		StatusSince: form.Get("status_since"), Note: formText(form, "note"), Version: int(version)}
	switch org := form.Get("organisation"); org {
	case "", "new":
		if name := formText(form, "org_name"); !name.IsEmpty() || org == "new" {
			e.NewOrganisation = &plan.OrganisationEdit{Name: name, Kind: plan.OrganisationKind(form.Get("org_kind"))}
		}
	default:
		id, err := strconv.ParseInt(org, 10, 64)
		if err != nil || id <= 0 {
			id = -1 // the store names it unknown beside the field
		}
		e.OrganisationID = id
	}
	return e, v
}

// newMemberPage shows an empty membership form.
func (s *Server) newMemberPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"status": string(platform.MembershipActive), "org_kind": string(plan.OrgNGO)}
	if o := r.URL.Query().Get("organisation"); o != "" {
		v["organisation"] = o
	}
	s.renderMemberForm(w, r, http.StatusOK, memberForm{New: true, formView: formView{Values: v}})
}

// createMember adds the posted membership and shows it.
func (s *Server) createMember(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v := memberEdit(r.PostForm)
	f := memberForm{New: true, formView: formView{Values: v}}
	id, err := s.members.CreateMembership(r.Context(), s.actorOf(r), e)
	answerSave[platform.Membership](s, w, r, err, "/members/"+membersID(id)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseMember(w, r, f, fe) }, nil)
}

// editMemberPage shows a membership's form with its stored values.
func (s *Server) editMemberPage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok {
		return
	}
	s.renderMemberForm(w, r, http.StatusOK, memberForm{MembershipID: m.ID, Organisation: m.Organisation,
		formView: formView{Values: memberFormValues(m)}})
}

// updateMember saves the posted form over the membership unless someone
// saved it meanwhile.
func (s *Server) updateMember(w http.ResponseWriter, r *http.Request) {
	m, ok := s.membershipFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := memberEdit(r.PostForm)
	f := memberForm{MembershipID: m.ID, Organisation: m.Organisation, formView: formView{Values: v}}
	err := s.members.UpdateMembership(r.Context(), s.actorOf(r), m.ID, e)
	answerSave(s, w, r, err, "/members/"+membersID(m.ID)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseMember(w, r, f, fe) },
		func(current platform.Membership) {
			f.Conflict = s.memberConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderMemberForm(w, r, http.StatusConflict, f)
		})
}

// memberConflict compares the stored membership with the form.
func (s *Server) memberConflict(ctx context.Context, l locale, current platform.Membership, yours map[string]string) *conflictView {
	labels := map[string]string{"since": l.T("members.since"), "status": l.T("members.status"), "status_since": l.T("members.status_since")}
	textLabels(l, labels, map[string]string{"note": l.T("members.note")})
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if st := v["status"]; st != "" {
			out["status"] = l.T("members.status." + st)
		}
		return out
	}
	order := append([]string{"since", "status", "status_since"}, textOrder("note")...)
	c := &conflictView{Changes: compareForms(order, labels, readable(memberFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityMembership, current.ID)
	return c
}

func (s *Server) refuseMember(w http.ResponseWriter, r *http.Request, f memberForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "org_name", "note")
	f.Errors = editErrors(l, fe, memberFieldOrder, anchor)
	s.renderMemberForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderMemberForm(w http.ResponseWriter, r *http.Request, status int, f memberForm) {
	l := locale{Lang: langOf(r)}
	f.Kinds, f.Statuses = memberKinds(), platform.MembershipStatuses
	crumbs := membersCrumbs(l)
	title := l.T("members.new")
	f.Action = "/members/new"
	if f.New {
		cands, err := s.members.MembershipCandidates(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		f.Candidates = cands
	} else {
		title = l.T("members.edit")
		f.Action = "/members/" + membersID(f.MembershipID) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(f.Organisation.Name), "/members/" + membersID(f.MembershipID)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "member_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// memberKinds are the kinds a new member organisation may have: a state
// body is not a member of a civil-society platform.
func memberKinds() []plan.OrganisationKind {
	var out []plan.OrganisationKind
	for _, k := range plan.OrganisationKinds {
		if k != plan.OrgStateBody {
			out = append(out, k)
		}
	}
	return out
}

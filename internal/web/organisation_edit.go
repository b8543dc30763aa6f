package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// organisationFieldOrder is the organisation form's field order, for the
// error summary.
var organisationFieldOrder = []string{"member", "name", "kind"}

// organisationForm is what the organisation form shows.
type organisationForm struct {
	formView
	New            bool
	OrganisationID int64
	Members        []plan.Member
	Kinds          []plan.OrganisationKind
	Conflict       *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f organisationForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// organisationFormValues turns a stored organisation into form values.
func organisationFormValues(o plan.Organisation) map[string]string {
	v := map[string]string{"member": o.Member.Slug, "kind": string(o.Kind), "version": strconv.Itoa(o.Version)}
	if o.MemberID == 0 {
		v["member"] = ""
	}
	putText(v, "name", o.Name)
	return v
}

// organisationEdit reads a posted organisation form.
func organisationEdit(form url.Values) (plan.OrganisationEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "member", "kind", "version")
	keepText(form, v, "name")
	version, _ := formInt(form, "version")
	return plan.OrganisationEdit{Member: form.Get("member"), Name: formText(form, "name"), Kind: plan.OrganisationKind(form.Get("kind")),
		Version: int(version)}, v
}

// newOrganisationPage shows an empty organisation form; ?member= picks
// the country or locality beforehand.
func (s *Server) newOrganisationPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"kind": string(plan.OrgStateBody), "member": r.URL.Query().Get("member")}
	s.renderOrganisationForm(w, r, http.StatusOK, organisationForm{New: true, formView: formView{Values: v}})
}

// createOrganisation adds the posted organisation and shows it.
func (s *Server) createOrganisation(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v := organisationEdit(r.PostForm)
	f := organisationForm{New: true, formView: formView{Values: v}}
	id, err := s.editor.CreateOrganisation(r.Context(), s.actorOf(r), e)
	answerSave[plan.Organisation](s, w, r, err, "/organisations/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseOrganisation(w, r, f, fe) }, nil)
}

// editOrganisationPage shows an organisation's form with its stored
// values and version.
func (s *Server) editOrganisationPage(w http.ResponseWriter, r *http.Request) {
	o, ok := s.organisationFor(w, r)
	if !ok {
		return
	}
	s.renderOrganisationForm(w, r, http.StatusOK, organisationForm{OrganisationID: o.ID, formView: formView{Values: organisationFormValues(o)}})
}

// updateOrganisation saves the posted form over the organisation unless
// someone saved it meanwhile (see updateMeasure).
func (s *Server) updateOrganisation(w http.ResponseWriter, r *http.Request) {
	o, ok := s.organisationFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := organisationEdit(r.PostForm)
	f := organisationForm{OrganisationID: o.ID, formView: formView{Values: v}}
	err := s.editor.UpdateOrganisation(r.Context(), s.actorOf(r), o.ID, e)
	answerSave(s, w, r, err, "/organisations/"+strconv.FormatInt(o.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseOrganisation(w, r, f, fe) },
		func(current plan.Organisation) {
			f.Conflict = s.organisationConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderOrganisationForm(w, r, http.StatusConflict, f)
		})
}

// organisationConflict compares the stored organisation with the form.
func (s *Server) organisationConflict(ctx context.Context, l locale, current plan.Organisation, yours map[string]string) *conflictView {
	labels := map[string]string{"member": l.T("edit.organisation.member"), "kind": l.T("edit.organisation.kind")}
	textLabels(l, labels, map[string]string{"name": l.T("edit.organisation.name")})
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if k := v["kind"]; k != "" {
			out["kind"] = l.T("orgkind." + k)
		}
		return out
	}
	order := append([]string{"member"}, textOrder("name")...)
	order = append(order, "kind")
	c := &conflictView{Changes: compareForms(order, labels, readable(organisationFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, audit.EntityOrganisation, current.ID)
	return c
}

func (s *Server) refuseOrganisation(w http.ResponseWriter, r *http.Request, f organisationForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "name")
	f.Errors = editErrors(l, fe, organisationFieldOrder, anchor)
	s.renderOrganisationForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderOrganisationForm(w http.ResponseWriter, r *http.Request, status int, f organisationForm) {
	l := locale{Lang: langOf(r)}
	members, err := s.reg.ListMembers(r.Context(), plan.MemberFilter{Limit: 1000})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, m := range members.Items {
		f.Members = append(f.Members, m.Member)
	}
	f.Kinds = plan.OrganisationKinds
	crumbs := []crumb{{l.T("nav.organisations"), "/organisations"}}
	title := l.T("edit.organisation.new")
	f.Action = "/organisations/new"
	if !f.New {
		title = l.T("edit.organisation.edit")
		f.Action = "/organisations/" + strconv.FormatInt(f.OrganisationID, 10) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.formView.Values), "name")), "/organisations/" + strconv.FormatInt(f.OrganisationID, 10)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "organisation_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// organisationFor reads the organisation a path names, answering 404 when
// there is none.
func (s *Server) organisationFor(w http.ResponseWriter, r *http.Request) (plan.Organisation, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return plan.Organisation{}, false
	}
	o, err := s.reg.GetOrganisation(r.Context(), id)
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return o, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return o, false
	}
	return o, true
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// personFieldOrder is the person form's field order, for the error
// summary.
var personFieldOrder = []string{"name", "organisation", "position", "representative", "expertise", "email", "phone", "address"}

// personForm is what the person form shows.
type personForm struct {
	formView
	New      bool
	PersonID int64
	// Organisations are those a person may be of: the platform's members
	// and the person's own.
	Organisations []plan.Organisation
	Conflict      *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f personForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// personFormValues turns a stored person and their contacts into form
// values.
func personFormValues(p platform.Person, c platform.Contacts) map[string]string {
	v := map[string]string{"expertise": strings.Join(p.Expertise, "\n"), "email": c.Email, "phone": c.Phone, "address": c.Address,
		"version": strconv.Itoa(p.Version)}
	if p.OrganisationID != 0 {
		v["organisation"] = membersID(p.OrganisationID)
	}
	if p.Representative {
		v["representative"] = "on"
	}
	putText(v, "name", p.Name)
	putText(v, "position", p.Position)
	return v
}

// personEdit reads a posted person form.
func personEdit(form url.Values) (platform.PersonEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "organisation", "representative", "expertise", "email", "phone", "address", "version")
	keepText(form, v, "name", "position")
	version, _ := formInt(form, "version")
	org, ok := formInt(form, "organisation")
	if !ok {
		org = -1 // the store names it unknown beside the field
	}
	return platform.PersonEdit{Name: formText(form, "name"), OrganisationID: org, Position: formText(form, "position"),
		Representative: form.Get("representative") != "", Expertise: strings.Split(form.Get("expertise"), "\n"),
		Contacts: platform.Contacts{Email: form.Get("email"), Phone: form.Get("phone"), Address: form.Get("address")},
		Version:  int(version)}, v
}

// newPersonPage shows an empty person form; ?organisation= picks the
// organisation and ?representative=1 ticks the box beforehand, as the
// membership page's "Add a representative" does.
func (s *Server) newPersonPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := map[string]string{}
	if o := q.Get("organisation"); o != "" {
		v["organisation"] = o
	}
	if q.Get("representative") != "" {
		v["representative"] = "on"
	}
	s.renderPersonForm(w, r, http.StatusOK, personForm{New: true, formView: formView{Values: v}})
}

// createPerson adds the posted person and shows them.
func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v := personEdit(r.PostForm)
	f := personForm{New: true, formView: formView{Values: v}}
	id, err := s.members.CreatePerson(r.Context(), s.actorOf(r), e)
	answerSave[platform.Person](s, w, r, err, "/people/"+membersID(id)+"?done=created",
		func(fe plan.FieldErrors) { s.refusePerson(w, r, f, fe) }, nil)
}

// editPersonPage shows a person's form with their stored values and
// contacts (the route is for those who may manage people, and they may
// see contacts).
func (s *Server) editPersonPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.personFor(w, r)
	if !ok {
		return
	}
	c, err := s.members.PersonContacts(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderPersonForm(w, r, http.StatusOK, personForm{PersonID: p.ID, formView: formView{Values: personFormValues(p, c)}})
}

// updatePerson saves the posted form over the person unless someone saved
// them meanwhile.
func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request) {
	p, ok := s.personFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := personEdit(r.PostForm)
	f := personForm{PersonID: p.ID, formView: formView{Values: v}}
	err := s.members.UpdatePerson(r.Context(), s.actorOf(r), p.ID, e)
	answerSave(s, w, r, err, "/people/"+membersID(p.ID)+"?done=saved",
		func(fe plan.FieldErrors) { s.refusePerson(w, r, f, fe) },
		func(current platform.Person) {
			c, err := s.members.PersonContacts(r.Context(), current.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			f.Conflict = s.personConflict(r.Context(), locale{Lang: langOf(r)}, current, c, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderPersonForm(w, r, http.StatusConflict, f)
		})
}

// personConflict compares the stored person with the form.
func (s *Server) personConflict(ctx context.Context, l locale, current platform.Person, c platform.Contacts, yours map[string]string) *conflictView {
	labels := map[string]string{"organisation": l.T("people.organisation"), "representative": l.T("people.representative"),
		"expertise": l.T("people.expertise"), "email": l.T("people.email"), "phone": l.T("people.phone"), "address": l.T("people.address")}
	textLabels(l, labels, map[string]string{"name": l.T("people.name"), "position": l.T("people.position")})
	order := append(textOrder("name"), "organisation")
	order = append(append(order, textOrder("position")...), "representative", "expertise", "email", "phone", "address")
	theirs := personFormValues(current, c)
	// The form's own expertise may have blank lines; compare the tags.
	mine := map[string]string{}
	for k, x := range yours {
		mine[k] = x
	}
	e, _ := personEdit(valuesForm(yours))
	e.Validate()
	mine["expertise"] = strings.Join(e.Expertise, "\n")
	cv := &conflictView{Changes: compareForms(order, labels, theirs, mine)}
	cv.By, cv.At = s.lastChange(ctx, platform.EntityPerson, current.ID)
	return cv
}

func (s *Server) refusePerson(w http.ResponseWriter, r *http.Request, f personForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "name", "position")
	f.Errors = editErrors(l, fe, personFieldOrder, anchor)
	s.renderPersonForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderPersonForm(w http.ResponseWriter, r *http.Request, status int, f personForm) {
	l := locale{Lang: langOf(r)}
	list, err := s.members.MemberList(r.Context(), platform.MembershipFilter{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	seen := map[int64]bool{}
	for _, m := range list {
		f.Organisations = append(f.Organisations, m.Organisation)
		seen[m.OrganisationID] = true
	}
	if id, ok := formInt(valuesForm(f.Values), "organisation"); ok && id > 0 && !seen[id] {
		// The person's own organisation, or the one asked for, even when
		// it is no member.
		if o, err := s.reg.GetOrganisation(r.Context(), id); err == nil {
			f.Organisations = append([]plan.Organisation{o}, f.Organisations...)
		}
	}
	crumbs := membersCrumbs(l)
	title := l.T("people.new")
	f.Action = "/people/new"
	if !f.New {
		title = l.T("people.edit")
		f.Action = "/people/" + membersID(f.PersonID) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.Values), "name")), "/people/" + membersID(f.PersonID)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "person_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

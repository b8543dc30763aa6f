package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// appealFieldOrder is the appeal form's field order, for the error summary.
var appealFieldOrder = []string{"kind", "addressee", "reference", "sent_on", "subject", "activity", "measure", "closed_on"}

// appealForm is what the appeal form shows.
type appealForm struct {
	formView
	New        bool
	AppealID   int64
	Kinds      []appealKindOption
	Addressees []addresseeGroup
	Activities []outreachActivityOption
	Conflict   *conflictView
}

// addresseeGroup is a member's organisations, an optgroup of the select.
type addresseeGroup struct {
	Label string
	Items []platform.Addressee
}

// Text describes a translatable field for the "textfield" partial.
func (f appealForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// appealFormValues turns a stored appeal into form values.
func appealFormValues(a platform.Appeal) map[string]string {
	v := map[string]string{"kind": a.Kind, "addressee": strconv.FormatInt(a.AddresseeID, 10), "reference": a.Reference,
		"sent_on": a.SentOn.String(), "activity": outreachOptionalID(a.ActivityID), "measure": outreachOptionalID(a.MeasureID),
		"closed_on": dateString(a.ClosedOn), "version": strconv.Itoa(a.Version)}
	if a.DocumentsPublic {
		v["documents_public"] = "1"
	}
	putText(v, "subject", a.Subject)
	return v
}

// appealEditOf reads a posted appeal form. The reply days come from the
// configured kinds, except that an appeal whose kind is unchanged keeps
// its own (stored, nil for a new one): a later change of the law's days
// moves no deadline already running.
func (s *Server) appealEditOf(form url.Values, stored *platform.Appeal) (platform.AppealEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "kind", "addressee", "reference", "sent_on", "activity", "measure", "closed_on", "documents_public", "version")
	keepText(form, v, "subject")
	e := platform.AppealEdit{Kind: form.Get("kind"), Reference: form.Get("reference"), SentOn: form.Get("sent_on"),
		Subject: formText(form, "subject"), ClosedOn: form.Get("closed_on"), DocumentsPublic: form.Get("documents_public") != "",
		Today: s.outreachToday()}
	e.AddresseeID = outreachFormID(form, "addressee", "appeal.addressee.required", bad)
	e.ActivityID = outreachFormID(form, "activity", "appeal.activity.invalid", bad)
	e.MeasureID = outreachFormID(form, "measure", "appeal.measure.invalid", bad)
	if stored != nil && stored.Kind == e.Kind {
		e.ReplyDays = stored.ReplyDays
	} else {
		e.ReplyDays, _ = s.appealKinds().Days(e.Kind)
	}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// newAppealPage shows an empty appeal form; ?measure= and ?activity= fill
// in what the appeal concerns.
func (s *Server) newAppealPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := map[string]string{"kind": s.appealKinds()[0].Key, "sent_on": s.outreachToday().String()}
	for _, k := range []string{"measure", "activity", "addressee"} {
		if id, ok := positiveID(q.Get(k)); ok {
			v[k] = strconv.FormatInt(id, 10)
		}
	}
	s.renderAppealForm(w, r, http.StatusOK, appealForm{New: true, formView: formView{Values: v}})
}

// createAppeal records the posted appeal and shows it.
func (s *Server) createAppeal(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.appealEditOf(r.PostForm, nil)
	f := appealForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseAppeal(w, r, f, bad)
		return
	}
	id, err := s.appeals.Store.CreateAppeal(r.Context(), s.actorOf(r), e)
	answerSave[platform.Appeal](s, w, r, err, "/appeals/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseAppeal(w, r, f, fe) }, nil)
}

// editAppealPage shows an appeal's form with its stored values and version.
func (s *Server) editAppealPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return
	}
	s.renderAppealForm(w, r, http.StatusOK, appealForm{AppealID: a.ID, formView: formView{Values: appealFormValues(a)}})
}

// updateAppeal saves the posted form over the appeal unless someone saved
// it meanwhile: then the form comes back with what they saved.
func (s *Server) updateAppeal(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := s.appealEditOf(r.PostForm, &a)
	f := appealForm{AppealID: a.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseAppeal(w, r, f, bad)
		return
	}
	err := s.appeals.Store.UpdateAppeal(r.Context(), s.actorOf(r), a.ID, e)
	answerSave(s, w, r, err, "/appeals/"+strconv.FormatInt(a.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseAppeal(w, r, f, fe) },
		func(current platform.Appeal) {
			f.Conflict = s.appealConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderAppealForm(w, r, http.StatusConflict, f)
		})
}

// appealConflict compares the stored appeal with the form.
func (s *Server) appealConflict(ctx context.Context, l locale, current platform.Appeal, yours map[string]string) *conflictView {
	labels := map[string]string{"kind": l.T("appeal.field.kind"), "addressee": l.T("appeal.field.addressee"), "reference": l.T("appeal.field.reference"),
		"sent_on": l.T("appeal.field.sent_on"), "activity": l.T("outreach.field.activity"), "measure": l.T("outreach.field.measure"),
		"closed_on": l.T("appeal.field.closed_on"), "documents_public": l.T("appeal.field.documents_public")}
	textLabels(l, labels, map[string]string{"subject": l.T("appeal.field.subject")})
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if k := v["kind"]; k != "" {
			out["kind"] = appealKindLabel(l, k)
		}
		out["documents_public"] = l.T("outreach.no")
		if v["documents_public"] != "" {
			out["documents_public"] = l.T("outreach.yes")
		}
		return out
	}
	order := append([]string{"kind", "addressee", "reference", "sent_on"}, textOrder("subject")...)
	order = append(order, "activity", "measure", "closed_on", "documents_public")
	c := &conflictView{Changes: compareForms(order, labels, readable(appealFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityAppeal, current.ID)
	return c
}

func (s *Server) refuseAppeal(w http.ResponseWriter, r *http.Request, f appealForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "subject")
	f.Errors = editErrors(l, fe, appealFieldOrder, anchor)
	s.renderAppealForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderAppealForm(w http.ResponseWriter, r *http.Request, status int, f appealForm) {
	l := locale{Lang: langOf(r)}
	ctx := r.Context()
	addressees, err := s.appeals.Store.AppealAddressees(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, a := range addressees {
		label := l.Plain(a.MemberName)
		if label == "" {
			label = l.T("appeal.addressee.no_member")
		}
		if n := len(f.Addressees); n == 0 || f.Addressees[n-1].Label != label {
			f.Addressees = append(f.Addressees, addresseeGroup{Label: label})
		}
		g := &f.Addressees[len(f.Addressees)-1]
		g.Items = append(g.Items, a)
	}
	kind := f.Values["kind"]
	found := kind == ""
	for _, k := range s.appealKinds() {
		f.Kinds = append(f.Kinds, appealKindOption{Key: k.Key, Label: appealKindLabel(l, k.Key) + " — " + l.N("count.working_days", k.Days)})
		found = found || k.Key == kind
	}
	if !found {
		// A kind no longer configured stays selectable for the appeals
		// recorded with it.
		f.Kinds = append(f.Kinds, appealKindOption{Key: kind, Label: appealKindLabel(l, kind)})
	}
	idx, err := s.outreachActivities(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if idx.list != nil {
		f.Activities = idx.options(l, f.Values["activity"])
	}
	crumbs := []crumb{{l.T("appeals.title"), "/appeals"}}
	title := l.T("appeal.new")
	f.Action = "/appeals/new"
	if !f.New {
		title = l.T("appeal.edit")
		f.Action = "/appeals/" + strconv.FormatInt(f.AppealID, 10) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.Values), "subject")), "/appeals/" + strconv.FormatInt(f.AppealID, 10)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "appeal_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteAppealPage asks whether to delete an appeal.
func (s *Server) deleteAppealPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok {
		return
	}
	s.renderOutreachDelete(w, r, http.StatusOK, appealDeleteView(a, locale{Lang: langOf(r)}))
}

// deleteAppeal soft-deletes an appeal, with its replies and documents.
func (s *Server) deleteAppeal(w http.ResponseWriter, r *http.Request) {
	a, ok := s.appealFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.appeals.Store.DeleteAppeal(r.Context(), s.actorOf(r), a.ID, postedVersion(r))
	answerOutreachDelete(s, w, r, err, "/appeals?done=outreach_deleted", func(x platform.Appeal) outreachDeleteView { return appealDeleteView(x, l) })
}

func appealDeleteView(a platform.Appeal, l locale) outreachDeleteView {
	id := strconv.FormatInt(a.ID, 10)
	return outreachDeleteView{Action: "/appeals/" + id + "/delete", Kind: "appeal", Name: l.Plain(a.Subject) + " — " + l.Plain(a.Addressee),
		Version: a.Version, Cancel: "/appeals/" + id}
}

// ActivityField describes the activity input.
func (f appealForm) ActivityField(l locale) outreachActivityField {
	return activityFieldOf(l, f.formView, f.Activities)
}

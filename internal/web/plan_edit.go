package web

import (
	"context"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// planTextFields are a plan's translatable fields, in form order.
var planTextFields = []string{"title", "note"}

// planFieldOrder is the plan form's field order, for the error summary.
var planFieldOrder = []string{"member", "external_id", "number", "title", "period", "approved", "source", "source_url", "note"}

// planForm is what the plan form shows.
type planForm struct {
	formView
	New      bool
	PlanID   int64
	Members  []plan.Member
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f planForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// planFormValues turns a stored plan into form values.
func planFormValues(p plan.Plan) map[string]string {
	v := map[string]string{"member": p.Member.Slug, "external_id": p.ExternalID, "period": editablePeriod(p.Period),
		"approved": p.Approved, "source": p.Source, "source_url": p.SourceURL, "version": strconv.Itoa(p.Version)}
	if p.Number != 0 {
		v["number"] = strconv.Itoa(p.Number)
	}
	putText(v, "title", p.Title)
	putText(v, "note", p.Note)
	return v
}

// editablePeriod is the text a plan's or milestone's period is edited as:
// its own text whenever that text is valid input, because the store keeps
// the stored dates of a period whose text a save leaves unchanged (an
// import may have set them apart from the text); else what periodText
// offers, so that saving an untouched form never fails on the period.
func editablePeriod(p plan.Period) string {
	if _, err := plan.ParsePeriod(p.Text); err == nil {
		return p.Text
	}
	return periodText(p)
}

// planEdit reads a posted plan form into an edit, the values to show again
// should it be refused, and the problems only the form can see.
func planEdit(form url.Values) (plan.PlanEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "member", "external_id", "number", "period", "approved", "source", "source_url", "version")
	keepText(form, v, planTextFields...)
	e := plan.PlanEdit{Member: form.Get("member"), ExternalID: form.Get("external_id"), Title: formText(form, "title"),
		PeriodText: form.Get("period"), Approved: form.Get("approved"), Source: form.Get("source"), SourceURL: form.Get("source_url"),
		Note: formText(form, "note")}
	if n, ok := formInt(form, "number"); ok && n <= math.MaxInt32 {
		e.Number = int(n)
	} else {
		bad["number"] = "edit.plan.number.range"
	}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// withDomainErrors adds the domain's problems to the form's own, when the
// form has any, so that one round trip shows them all; without form
// problems the store validates (and tidies) the edit itself.
func withDomainErrors(bad plan.FieldErrors, validate func() plan.FieldErrors) {
	if len(bad) == 0 {
		return
	}
	for f, key := range validate() {
		if _, ok := bad[f]; !ok {
			bad[f] = key
		}
	}
}

// newPlanPage shows an empty plan form; ?member= picks the country or
// locality beforehand.
func (s *Server) newPlanPage(w http.ResponseWriter, r *http.Request) {
	v := map[string]string{"member": r.URL.Query().Get("member")}
	s.renderPlanForm(w, r, http.StatusOK, planForm{New: true, formView: formView{Values: v}})
}

// createPlan adds the posted plan and shows it, or shows the form again
// with the user's input and what is wrong with it.
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := planEdit(r.PostForm)
	f := planForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refusePlan(w, r, f, bad)
		return
	}
	id, err := s.editor.CreatePlan(r.Context(), s.actorOf(r), e)
	answerSave[plan.Plan](s, w, r, err, "/plans/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refusePlan(w, r, f, fe) }, nil)
}

// editPlanPage shows a plan's form filled in with its stored values and
// version.
func (s *Server) editPlanPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	s.renderPlanForm(w, r, http.StatusOK, planForm{PlanID: p.ID, formView: formView{Values: planFormValues(p)}})
}

// updatePlan saves the posted form over the plan unless someone saved it
// meanwhile (see updateMeasure).
func (s *Server) updatePlan(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := planEdit(r.PostForm)
	f := planForm{PlanID: p.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refusePlan(w, r, f, bad)
		return
	}
	err := s.editor.UpdatePlan(r.Context(), s.actorOf(r), p.ID, e)
	answerSave(s, w, r, err, "/plans/"+strconv.FormatInt(p.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refusePlan(w, r, f, fe) },
		func(current plan.Plan) {
			f.Conflict = s.planConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderPlanForm(w, r, http.StatusConflict, f)
		})
}

// planConflict compares the stored plan with what the user typed.
func (s *Server) planConflict(ctx context.Context, l locale, current plan.Plan, yours map[string]string) *conflictView {
	labels := map[string]string{"member": l.T("edit.plan.member"), "external_id": l.T("edit.plan.external_id"),
		"number": l.T("edit.plan.number"), "period": l.T("plan.period"), "approved": l.T("plan.approved"),
		"source": l.T("plan.source"), "source_url": l.T("edit.source_url")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.plan.title"), "note": l.T("edit.plan.note")})
	order := append([]string{"member", "external_id", "number"}, textOrder("title")...)
	order = append(order, "period", "approved", "source", "source_url")
	order = append(order, textOrder("note")...)
	c := &conflictView{Changes: compareForms(order, labels, planFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, audit.EntityPlan, current.ID)
	return c
}

// refusePlan shows the form again with a message per field, answering 422.
func (s *Server) refusePlan(w http.ResponseWriter, r *http.Request, f planForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, planTextFields...)
	f.Errors = editErrors(l, fe, planFieldOrder, anchor)
	s.renderPlanForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderPlanForm(w http.ResponseWriter, r *http.Request, status int, f planForm) {
	l := locale{Lang: langOf(r)}
	members, err := s.reg.ListMembers(r.Context(), plan.MemberFilter{Limit: 1000})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, m := range members.Items {
		f.Members = append(f.Members, m.Member)
	}
	crumbs := []crumb{{l.T("nav.plans"), "/"}}
	title := l.T("edit.plan.new")
	f.Action = "/plans/new"
	if !f.New {
		title = l.T("edit.plan.edit")
		f.Action = "/plans/" + strconv.FormatInt(f.PlanID, 10) + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.formView.Values), "title")), "/plans/" + strconv.FormatInt(f.PlanID, 10)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "plan_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deletePlanPage asks whether to delete a plan; one that still has
// measures is explained instead of offered.
func (s *Server) deletePlanPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := planDeleteView(p, l)
	measures, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{PlanID: p.ID, Limit: 1})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if measures.Total > 0 {
		v.Problem = l.T("delete.plan.in_use")
	}
	s.renderDelete(w, r, http.StatusOK, v)
}

// deletePlan soft-deletes a plan without measures and returns to the list
// of plans. A plan saved since the confirmation was shown asks again.
func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.editor.DeletePlan(r.Context(), s.actorOf(r), p.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/?done=deleted", func(x plan.Plan) deleteView { return planDeleteView(x, l) }, p, l.T("delete.plan.in_use"))
}

func planDeleteView(p plan.Plan, l locale) deleteView {
	id := strconv.FormatInt(p.ID, 10)
	return deleteView{Action: "/plans/" + id + "/delete", Kind: "plan", Name: l.Plain(p.Title) + " (" + p.ExternalID + ")",
		Version: p.Version, Cancel: "/plans/" + id}
}

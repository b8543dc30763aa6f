package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/plan"
)

// newMeasurePage shows an empty measure form for a plan.
func (s *Server) newMeasurePage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	f := measureForm{New: true, Plan: p, formView: formView{Values: map[string]string{}}}
	s.renderMeasureForm(w, r, http.StatusOK, f)
}

// createMeasure adds the posted measure to a plan and shows it, or shows
// the form again with the user's input and what is wrong with it.
func (s *Server) createMeasure(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, values, bad := measureEdit(r.PostForm, p.ID)
	f := measureForm{New: true, Plan: p, formView: formView{Values: values}}
	if len(bad) > 0 {
		s.refuseMeasure(w, r, f, bad)
		return
	}
	id, err := s.editor.CreateMeasure(r.Context(), s.actorOf(r), e)
	answerSave[plan.Measure](s, w, r, err, "/measures/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseMeasure(w, r, f, fe) }, nil)
}

// editMeasurePage shows a measure's form filled in with its stored values
// and version.
func (s *Server) editMeasurePage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok {
		return
	}
	f := measureForm{Plan: m.Plan, MeasureID: m.ID, formView: formView{Values: measureFormValues(m)}}
	s.renderMeasureForm(w, r, http.StatusOK, f)
}

// updateMeasure saves the posted form over the measure when nobody saved
// it meanwhile. When someone did, the form comes back with the user's input,
// what the other save changed, and the stored version: saving again then
// replaces it knowingly, never silently.
func (s *Server) updateMeasure(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, values, bad := measureEdit(r.PostForm, m.PlanID)
	f := measureForm{Plan: m.Plan, MeasureID: m.ID, formView: formView{Values: values}}
	if len(bad) > 0 {
		s.refuseMeasure(w, r, f, bad)
		return
	}
	err := s.editor.UpdateMeasure(r.Context(), s.actorOf(r), m.ID, e)
	answerSave(s, w, r, err, "/measures/"+strconv.FormatInt(m.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseMeasure(w, r, f, fe) },
		func(current plan.Measure) {
			f.Conflict = s.measureConflict(r.Context(), locale{Lang: langOf(r)}, current, values)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderMeasureForm(w, r, http.StatusConflict, f)
		})
}

// refuseMeasure shows the form again with a message per field. The answer
// is 422 so that scripts and tests can tell a refusal from a page.
func (s *Server) refuseMeasure(w http.ResponseWriter, r *http.Request, f measureForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{"executors": "executor-0-organisation", "values": "value-" + string(plan.OGPValues[0])}
	textAnchors(anchor, measureTextFields...)
	f.Errors = editErrors(l, fe, measureFieldOrder, anchor)
	s.renderMeasureForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderMeasureForm(w http.ResponseWriter, r *http.Request, status int, f measureForm) {
	l := locale{Lang: langOf(r)}
	if err := s.measureFormChoices(r.Context(), &f); err != nil {
		s.serverError(w, r, err)
		return
	}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	crumbs := []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Plan.Title), planURL}}
	title := l.T("edit.measure.new")
	f.Action = planURL + "/measures/new"
	if !f.New {
		title = l.T("edit.measure.edit")
		f.Action = "/measures/" + strconv.FormatInt(f.MeasureID, 10) + "/edit"
		crumbs = append(crumbs, crumb{f.formView.Values["clause"] + " " + l.Plain(formText(valuesForm(f.formView.Values), "title")), "/measures/" + strconv.FormatInt(f.MeasureID, 10)})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "measure_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// planFor reads the plan a path names, answering 404 when there is none.
func (s *Server) planFor(w http.ResponseWriter, r *http.Request) (plan.Plan, bool) {
	p, err := s.reg.GetPlan(r.Context(), r.PathValue("id"))
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return p, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	return p, true
}

// measureFor reads the measure a path names, answering 404 when there is
// none.
func (s *Server) measureFor(w http.ResponseWriter, r *http.Request) (plan.Measure, bool) {
	m, err := s.reg.GetMeasure(r.Context(), r.PathValue("id"))
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return m, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return m, false
	}
	return m, true
}

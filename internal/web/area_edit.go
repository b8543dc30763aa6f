package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// areaFieldOrder is the area form's field order, for the error summary.
var areaFieldOrder = []string{"plan", "number", "title", "position"}

// areaForm is what the area form shows.
type areaForm struct {
	formView
	New      bool
	Plan     plan.Plan
	AreaID   int64
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f areaForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// areaFormValues turns a stored area into form values.
func areaFormValues(a plan.Area) map[string]string {
	v := map[string]string{"number": a.Number, "position": positionText(a.Position), "version": strconv.Itoa(a.Version)}
	putText(v, "title", a.Title)
	return v
}

// positionText shows a stored position, counted from 0, as people count
// places in a list: from 1.
func positionText(position int) string { return strconv.Itoa(position + 1) }

// formPosition reads a place counted from 1 into a stored position counted
// from 0. Left empty, the row goes last (the store puts a place past the
// end there).
func formPosition(form url.Values, bad plan.FieldErrors) int {
	s := strings.TrimSpace(form.Get("position"))
	if s == "" {
		return math.MaxInt32
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		bad["position"] = "edit.position.invalid"
		return 0
	}
	return min(n, math.MaxInt32) - 1
}

// areaEdit reads a posted area form of plan planID.
func areaEdit(form url.Values, planID int64) (plan.AreaEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "number", "position", "version")
	keepText(form, v, "title")
	e := plan.AreaEdit{PlanID: planID, Number: form.Get("number"), Title: formText(form, "title"), Position: formPosition(form, bad)}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// newAreaPage shows an empty area form for a plan, placed last.
func (s *Server) newAreaPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok {
		return
	}
	areas, err := s.reg.PlanAreas(r.Context(), p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	v := map[string]string{"position": positionText(len(areas))}
	s.renderAreaForm(w, r, http.StatusOK, areaForm{New: true, Plan: p, formView: formView{Values: v}})
}

// createArea adds the posted area to a plan and returns to the plan's
// areas, or shows the form again with what is wrong.
func (s *Server) createArea(w http.ResponseWriter, r *http.Request) {
	p, ok := s.planFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := areaEdit(r.PostForm, p.ID)
	f := areaForm{New: true, Plan: p, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseArea(w, r, f, bad)
		return
	}
	_, err := s.editor.CreateArea(r.Context(), s.actorOf(r), e)
	answerSave[plan.Area](s, w, r, err, planAreasURL(p.ID, "created"), func(fe plan.FieldErrors) { s.refuseArea(w, r, f, fe) }, nil)
}

// editAreaPage shows an area's form filled in with its stored values and
// version.
func (s *Server) editAreaPage(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.areaFor(w, r)
	if !ok {
		return
	}
	s.renderAreaForm(w, r, http.StatusOK, areaForm{Plan: p, AreaID: a.ID, formView: formView{Values: areaFormValues(a)}})
}

// updateArea saves the posted form over the area unless someone saved it
// meanwhile (see updateMeasure).
func (s *Server) updateArea(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.areaFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := areaEdit(r.PostForm, a.PlanID)
	f := areaForm{Plan: p, AreaID: a.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseArea(w, r, f, bad)
		return
	}
	err := s.editor.UpdateArea(r.Context(), s.actorOf(r), a.ID, e)
	answerSave(s, w, r, err, planAreasURL(a.PlanID, "saved"),
		func(fe plan.FieldErrors) { s.refuseArea(w, r, f, fe) },
		func(current plan.Area) {
			f.Conflict = s.areaConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderAreaForm(w, r, http.StatusConflict, f)
		})
}

// planAreasURL is a plan page's areas, confirming what was done.
func planAreasURL(planID int64, done string) string {
	return "/plans/" + strconv.FormatInt(planID, 10) + "?done=" + done + "#areas"
}

// areaConflict compares the stored area with what the user typed.
func (s *Server) areaConflict(ctx context.Context, l locale, current plan.Area, yours map[string]string) *conflictView {
	labels := map[string]string{"number": l.T("edit.area.number"), "position": l.T("edit.position")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.area.title")})
	order := append([]string{"number"}, textOrder("title")...)
	order = append(order, "position")
	c := &conflictView{Changes: compareForms(order, labels, areaFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, audit.EntityArea, current.ID)
	return c
}

// refuseArea shows the form again with a message per field, answering 422.
func (s *Server) refuseArea(w http.ResponseWriter, r *http.Request, f areaForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{"plan": "number"}
	textAnchors(anchor, "title")
	f.Errors = editErrors(l, fe, areaFieldOrder, anchor)
	s.renderAreaForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderAreaForm(w http.ResponseWriter, r *http.Request, status int, f areaForm) {
	l := locale{Lang: langOf(r)}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	crumbs := []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Plan.Title), planURL}}
	title := l.T("edit.area.new")
	f.Action = planURL + "/areas/new"
	if !f.New {
		title = l.T("edit.area.edit")
		f.Action = "/areas/" + strconv.FormatInt(f.AreaID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "area_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// areaFor reads the area a path names and its plan, answering 404 when
// there is none.
func (s *Server) areaFor(w http.ResponseWriter, r *http.Request) (plan.Area, plan.Plan, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return plan.Area{}, plan.Plan{}, false
	}
	a, err := s.editor.GetArea(r.Context(), id)
	var p plan.Plan
	if err == nil {
		p, err = s.reg.GetPlan(r.Context(), strconv.FormatInt(a.PlanID, 10))
	}
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return a, p, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return a, p, false
	}
	return a, p, true
}

// deleteAreaPage asks whether to delete an area; one that still groups
// measures is explained instead of offered.
func (s *Server) deleteAreaPage(w http.ResponseWriter, r *http.Request) {
	a, _, ok := s.areaFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := areaDeleteView(a, l)
	if a.MeasureCount > 0 {
		v.Problem = l.T("delete.area.in_use")
	}
	s.renderDelete(w, r, http.StatusOK, v)
}

// deleteArea soft-deletes an area that groups no measure and returns to
// its plan. An area saved since the confirmation was shown asks again.
func (s *Server) deleteArea(w http.ResponseWriter, r *http.Request) {
	a, _, ok := s.areaFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.editor.DeleteArea(r.Context(), s.actorOf(r), a.ID, postedVersion(r))
	answerDelete(s, w, r, err, planAreasURL(a.PlanID, "deleted"), func(x plan.Area) deleteView { return areaDeleteView(x, l) }, a,
		l.T("delete.area.in_use"))
}

func areaDeleteView(a plan.Area, l locale) deleteView {
	name := l.Plain(a.Title)
	if a.Number != "" {
		name = a.Number + " " + name
	}
	return deleteView{Action: "/areas/" + strconv.FormatInt(a.ID, 10) + "/delete", Kind: "area", Name: name, Version: a.Version,
		Cancel: "/plans/" + strconv.FormatInt(a.PlanID, 10) + "#areas"}
}

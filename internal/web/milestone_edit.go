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

// milestoneFieldOrder is the milestone form's field order, for the error
// summary.
var milestoneFieldOrder = []string{"measure", "title", "period", "position"}

// milestoneForm is what the milestone form shows.
type milestoneForm struct {
	formView
	New         bool
	Measure     plan.Measure
	MilestoneID int64
	Conflict    *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f milestoneForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// milestoneFormValues turns a stored milestone into form values.
func milestoneFormValues(ms plan.Milestone) map[string]string {
	v := map[string]string{"period": editablePeriod(ms.Period), "position": positionText(ms.Position), "version": strconv.Itoa(ms.Version)}
	putText(v, "title", ms.Title)
	return v
}

// milestoneEdit reads a posted milestone form of measure measureID.
func milestoneEdit(form url.Values, measureID int64) (plan.MilestoneEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "period", "position", "version")
	keepText(form, v, "title")
	e := plan.MilestoneEdit{MeasureID: measureID, Title: formText(form, "title"), PeriodText: form.Get("period"), Position: formPosition(form, bad)}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// newMilestonePage shows an empty milestone form for a measure, placed
// last.
func (s *Server) newMilestonePage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok {
		return
	}
	v := map[string]string{"position": positionText(len(m.Milestones))}
	s.renderMilestoneForm(w, r, http.StatusOK, milestoneForm{New: true, Measure: m, formView: formView{Values: v}})
}

// createMilestone adds the posted milestone to a measure and shows the
// measure, or shows the form again with what is wrong.
func (s *Server) createMilestone(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := milestoneEdit(r.PostForm, m.ID)
	f := milestoneForm{New: true, Measure: m, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseMilestone(w, r, f, bad)
		return
	}
	_, err := s.editor.CreateMilestone(r.Context(), s.actorOf(r), e)
	answerSave[plan.Milestone](s, w, r, err, measureMilestonesURL(m.ID, "created"),
		func(fe plan.FieldErrors) { s.refuseMilestone(w, r, f, fe) }, nil)
}

// editMilestonePage shows a milestone's form filled in with its stored
// values and version.
func (s *Server) editMilestonePage(w http.ResponseWriter, r *http.Request) {
	ms, m, ok := s.milestoneFor(w, r)
	if !ok {
		return
	}
	s.renderMilestoneForm(w, r, http.StatusOK, milestoneForm{Measure: m, MilestoneID: ms.ID, formView: formView{Values: milestoneFormValues(ms)}})
}

// updateMilestone saves the posted form over the milestone unless someone
// saved it meanwhile (see updateMeasure).
func (s *Server) updateMilestone(w http.ResponseWriter, r *http.Request) {
	ms, m, ok := s.milestoneFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := milestoneEdit(r.PostForm, ms.MeasureID)
	f := milestoneForm{Measure: m, MilestoneID: ms.ID, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseMilestone(w, r, f, bad)
		return
	}
	err := s.editor.UpdateMilestone(r.Context(), s.actorOf(r), ms.ID, e)
	answerSave(s, w, r, err, measureMilestonesURL(ms.MeasureID, "saved"),
		func(fe plan.FieldErrors) { s.refuseMilestone(w, r, f, fe) },
		func(current plan.Milestone) {
			f.Conflict = s.milestoneConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderMilestoneForm(w, r, http.StatusConflict, f)
		})
}

// measureMilestonesURL is a measure page's milestones, confirming what was
// done.
func measureMilestonesURL(measureID int64, done string) string {
	return "/measures/" + strconv.FormatInt(measureID, 10) + "?done=" + done + "#milestones"
}

// milestoneConflict compares the stored milestone with what the user typed.
func (s *Server) milestoneConflict(ctx context.Context, l locale, current plan.Milestone, yours map[string]string) *conflictView {
	labels := map[string]string{"period": l.T("measure.period"), "position": l.T("edit.position")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.milestone.title")})
	order := append(textOrder("title"), "period", "position")
	c := &conflictView{Changes: compareForms(order, labels, milestoneFormValues(current), yours)}
	c.By, c.At = s.lastChange(ctx, audit.EntityMilestone, current.ID)
	return c
}

// refuseMilestone shows the form again with a message per field,
// answering 422.
func (s *Server) refuseMilestone(w http.ResponseWriter, r *http.Request, f milestoneForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "title")
	anchor["measure"] = anchor["title"]
	f.Errors = editErrors(l, fe, milestoneFieldOrder, anchor)
	s.renderMilestoneForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderMilestoneForm(w http.ResponseWriter, r *http.Request, status int, f milestoneForm) {
	l := locale{Lang: langOf(r)}
	measureURL := "/measures/" + strconv.FormatInt(f.Measure.ID, 10)
	name := l.Plain(f.Measure.Title)
	if f.Measure.Clause != "" {
		name = f.Measure.Clause + " " + name
	}
	crumbs := []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Measure.Plan.Title), "/plans/" + strconv.FormatInt(f.Measure.PlanID, 10)},
		{name, measureURL}}
	title := l.T("edit.milestone.new")
	f.Action = measureURL + "/milestones/new"
	if !f.New {
		title = l.T("edit.milestone.edit")
		f.Action = "/milestones/" + strconv.FormatInt(f.MilestoneID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "milestone_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// milestoneFor reads the milestone a path names and its measure, answering
// 404 when there is none.
func (s *Server) milestoneFor(w http.ResponseWriter, r *http.Request) (plan.Milestone, plan.Measure, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return plan.Milestone{}, plan.Measure{}, false
	}
	ms, err := s.editor.GetMilestone(r.Context(), id)
	var m plan.Measure
	if err == nil {
		m, err = s.reg.GetMeasure(r.Context(), strconv.FormatInt(ms.MeasureID, 10))
	}
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return ms, m, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return ms, m, false
	}
	return ms, m, true
}

// deleteMilestonePage asks whether to delete a milestone.
func (s *Server) deleteMilestonePage(w http.ResponseWriter, r *http.Request) {
	ms, _, ok := s.milestoneFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, milestoneDeleteView(ms, locale{Lang: langOf(r)}))
}

// deleteMilestone soft-deletes a milestone and returns to its measure. A
// milestone saved since the confirmation was shown asks again.
func (s *Server) deleteMilestone(w http.ResponseWriter, r *http.Request) {
	ms, _, ok := s.milestoneFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.editor.DeleteMilestone(r.Context(), s.actorOf(r), ms.ID, postedVersion(r))
	answerDelete(s, w, r, err, measureMilestonesURL(ms.MeasureID, "deleted"),
		func(x plan.Milestone) deleteView { return milestoneDeleteView(x, l) }, ms, "")
}

func milestoneDeleteView(ms plan.Milestone, l locale) deleteView {
	return deleteView{Action: "/milestones/" + strconv.FormatInt(ms.ID, 10) + "/delete", Kind: "milestone", Name: l.Plain(ms.Title),
		Version: ms.Version, Cancel: "/measures/" + strconv.FormatInt(ms.MeasureID, 10) + "#milestones"}
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// activityFieldOrder is the activity form's field order, for the error
// summary.
var activityFieldOrder = []string{"number", "title", "clause", "goal", "status", "description", "outputs"}

// activityForm is what the activity form shows.
type activityForm struct {
	formView
	New        bool
	ActivityID int64
	Project    platform.Project
	Statuses   []platform.ActivityStatus
	Outputs    []outputRow
	Kinds      []platform.OutputKind
	Conflict   *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f activityForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// activityFormValues turns a stored activity into form values.
func activityFormValues(a platform.Activity) map[string]string {
	v := map[string]string{"number": a.Number, "clause": a.Clause, "goal": a.Goal, "status": string(a.Status), "version": strconv.Itoa(a.Version)}
	putText(v, "title", a.Title)
	putText(v, "description", a.Description)
	putOutputs(v, a.Outputs)
	return v
}

// activityEdit reads a posted activity form for a project.
func activityEdit(form url.Values, projectID int64) (platform.ActivityEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "number", "clause", "goal", "status", "version")
	keepText(form, v, "title", "description")
	keepOutputs(form, v)
	return platform.ActivityEdit{ProjectID: projectID, Number: form.Get("number"), Title: formText(form, "title"), Clause: form.Get("clause"),
		Goal: form.Get("goal"), Status: platform.ActivityStatus(form.Get("status")), Description: formText(form, "description"),
		Outputs: formOutputs(form), Version: postedFormVersion(form)}, v
}

// newActivityPage shows an empty activity form for a project, numbered
// after its last activity.
func (s *Server) newActivityPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return
	}
	v := map[string]string{"status": string(platform.ActivityPlanned), "number": strconv.Itoa(len(p.Activities) + 1)}
	s.renderActivityForm(w, r, http.StatusOK, activityForm{New: true, Project: p, formView: formView{Values: v}})
}

// createActivity adds the posted activity and shows it.
func (s *Server) createActivity(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := activityEdit(r.PostForm, p.ID)
	f := activityForm{New: true, Project: p, formView: formView{Values: v}}
	id, err := s.projects.CreateActivity(r.Context(), s.actorOf(r), e)
	answerSave[platform.Activity](s, w, r, err, "/activities/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseActivity(w, r, f, fe) }, nil)
}

// editActivityPage shows an activity's form with its stored values.
func (s *Server) editActivityPage(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.activityAndProject(w, r)
	if !ok {
		return
	}
	s.renderActivityForm(w, r, http.StatusOK, activityForm{ActivityID: a.ID, Project: p, formView: formView{Values: activityFormValues(a)}})
}

// updateActivity saves the posted form over the activity unless someone
// saved it meanwhile.
func (s *Server) updateActivity(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.activityAndProject(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := activityEdit(r.PostForm, p.ID)
	f := activityForm{ActivityID: a.ID, Project: p, formView: formView{Values: v}}
	err := s.projects.UpdateActivity(r.Context(), s.actorOf(r), a.ID, e)
	answerSave(s, w, r, err, "/activities/"+strconv.FormatInt(a.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseActivity(w, r, f, fe) },
		func(current platform.Activity) {
			f.Conflict = s.activityConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderActivityForm(w, r, http.StatusConflict, f)
		})
}

// activityAndProject reads the activity a path names and its project.
func (s *Server) activityAndProject(w http.ResponseWriter, r *http.Request) (platform.Activity, platform.Project, bool) {
	a, ok := s.activityFor(w, r)
	if !ok {
		return a, platform.Project{}, false
	}
	p, err := s.projects.GetProject(r.Context(), a.ProjectID)
	return a, p, s.logframeFound(w, r, err)
}

// activityConflict compares the stored activity with the form.
func (s *Server) activityConflict(ctx context.Context, l locale, current platform.Activity, yours map[string]string) *conflictView {
	labels := map[string]string{"number": l.T("logframe.activity.number"), "clause": l.T("logframe.activity.clause"),
		"goal": l.T("logframe.activity.goal"), "status": l.T("logframe.status")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.measure.title"), "description": l.T("measure.description")})
	order := append([]string{"number"}, textOrder("title")...)
	order = append(order, "clause", "goal", "status")
	order = append(order, textOrder("description")...)
	for i := range logframeMaxFormRows {
		row := outputRow{N: i}
		for _, part := range []string{"title", "url"} {
			labels[row.Name(part)] = l.T("logframe.output.row", i+1) + ": " + l.T("logframe.output."+part)
			order = append(order, row.Name(part))
		}
	}
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if st := v["status"]; st != "" {
			out["status"] = l.T("logframe.activity.status." + st)
		}
		return out
	}
	c := &conflictView{Changes: compareForms(order, labels, readable(activityFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityActivity, current.ID)
	return c
}

func (s *Server) refuseActivity(w http.ResponseWriter, r *http.Request, f activityForm, fe plan.FieldErrors) {
	f.Errors = logframeRefuse(locale{Lang: langOf(r)}, fe, activityFieldOrder, "title", "description")
	s.renderActivityForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderActivityForm(w http.ResponseWriter, r *http.Request, status int, f activityForm) {
	l := locale{Lang: langOf(r)}
	f.Statuses, f.Kinds = platform.ActivityStatuses, platform.OutputKinds
	f.Outputs = outputRows(f.formView.Values)
	pid := strconv.FormatInt(f.Project.ID, 10)
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"}, {l.Plain(f.Project.Title), "/projects/" + pid}}
	title := l.T("logframe.activity.new")
	f.Action = "/projects/" + pid + "/activities/new"
	if !f.New {
		id := strconv.FormatInt(f.ActivityID, 10)
		title = l.T("logframe.activity.edit")
		f.Action = "/activities/" + id + "/edit"
		crumbs = append(crumbs, crumb{l.T("logframe.activity.heading", f.formView.Values["number"], l.Plain(formText(valuesForm(f.formView.Values), "title"))),
			"/activities/" + id})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "activity_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteActivityPage asks whether to delete an activity (with its tasks).
func (s *Server) deleteActivityPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.activityFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, activityDeleteView(a, locale{Lang: langOf(r)}))
}

// deleteActivity soft-deletes an activity and goes back to its project.
func (s *Server) deleteActivity(w http.ResponseWriter, r *http.Request) {
	a, ok := s.activityFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.projects.DeleteActivity(r.Context(), s.actorOf(r), a.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/projects/"+strconv.FormatInt(a.ProjectID, 10)+"?done=deleted",
		func(x platform.Activity) deleteView { return activityDeleteView(x, l) }, a, "")
}

func activityDeleteView(a platform.Activity, l locale) deleteView {
	id := strconv.FormatInt(a.ID, 10)
	return deleteView{Action: "/activities/" + id + "/delete", Kind: "activity", Name: l.T("logframe.activity.heading", a.Number, l.Plain(a.Title)),
		Version: a.Version, Cancel: "/activities/" + id}
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// projectFieldOrder is the project form's field order, for the error
// summary.
var projectFieldOrder = []string{"title", "general_goal", "goals", "description", "plan", "source", "source_url"}

// projectForm is what the project form shows.
type projectForm struct {
	formView
	New       bool
	ProjectID int64
	Goals     []goalRow
	Conflict  *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f projectForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// goalRow is one specific goal in the project form: its letter and its
// text in each language.
type goalRow struct {
	N     int
	Goal  string
	Texts []langInput
}

// ID is the id of one of the row's inputs: "goal-0-id".
func (g goalRow) ID(part string) string { return "goal-" + strconv.Itoa(g.N) + "-" + part }

// Number counts rows from one, for labels.
func (g goalRow) Number() int { return g.N + 1 }

func goalKey(n int, part string) string { return "goal." + strconv.Itoa(n) + "." + part }

// goalRows lists the goals a form shows: the filled ones, then blank ones.
func goalRows(l locale, v map[string]string) []goalRow {
	last := -1
	for i := range logframeMaxFormRows {
		if v[goalKey(i, "id")] != "" {
			last = i
		}
		for _, lang := range i18n.Supported {
			if v[textKey(goalKey(i, "text"), lang)] != "" {
				last = i
			}
		}
	}
	var rows []goalRow
	for i := 0; i <= last+logframeBlankRows; i++ {
		g := goalRow{N: i, Goal: v[goalKey(i, "id")]}
		for _, lang := range i18n.Supported {
			g.Texts = append(g.Texts, langInput{ID: g.ID(lang), Name: textKey(goalKey(i, "text"), lang), Lang: lang,
				Label: l.T("lang." + lang), Value: v[textKey(goalKey(i, "text"), lang)]})
		}
		rows = append(rows, g)
	}
	return rows
}

// projectFormValues turns a stored project into form values.
func projectFormValues(p platform.Project) map[string]string {
	v := map[string]string{"plan": p.Plan, "source": p.Source, "source_url": p.SourceURL, "version": strconv.Itoa(p.Version)}
	putText(v, "title", p.Title)
	putText(v, "general_goal", p.GeneralGoal)
	putText(v, "description", p.Description)
	for i, g := range p.Goals {
		v[goalKey(i, "id")] = g.ID
		putText(v, goalKey(i, "text"), g.Text)
	}
	return v
}

// projectEdit reads a posted project form.
func projectEdit(form url.Values) (platform.ProjectEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "plan", "source", "source_url", "version")
	keepText(form, v, "title", "general_goal", "description")
	e := platform.ProjectEdit{Title: formText(form, "title"), GeneralGoal: formText(form, "general_goal"), Description: formText(form, "description"),
		Plan: form.Get("plan"), Source: form.Get("source"), SourceURL: form.Get("source_url"), Version: postedFormVersion(form)}
	for i := range logframeMaxFormRows {
		keep(form, v, goalKey(i, "id"))
		keepText(form, v, goalKey(i, "text"))
		g := platform.Goal{ID: form.Get(goalKey(i, "id")), Text: formText(form, goalKey(i, "text"))}
		if g.ID != "" || !g.Text.Clean().IsEmpty() {
			e.Goals = append(e.Goals, g)
		}
	}
	return e, v
}

// postedFormVersion is postedVersion for a form already read.
func postedFormVersion(form url.Values) int {
	v, _ := formInt(form, "version")
	return int(v)
}

// newProjectPage shows an empty project form.
func (s *Server) newProjectPage(w http.ResponseWriter, r *http.Request) {
	s.renderProjectForm(w, r, http.StatusOK, projectForm{New: true, formView: formView{Values: map[string]string{}}})
}

// createProject adds the posted project and shows it.
func (s *Server) createProject(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v := projectEdit(r.PostForm)
	f := projectForm{New: true, formView: formView{Values: v}}
	id, err := s.projects.CreateProject(r.Context(), s.actorOf(r), e)
	answerSave[platform.Project](s, w, r, err, "/projects/"+strconv.FormatInt(id, 10)+"?done=created",
		func(fe plan.FieldErrors) { s.refuseProject(w, r, f, fe) }, nil)
}

// editProjectPage shows a project's form with its stored values.
func (s *Server) editProjectPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return
	}
	s.renderProjectForm(w, r, http.StatusOK, projectForm{ProjectID: p.ID, formView: formView{Values: projectFormValues(p)}})
}

// updateProject saves the posted form over the project unless someone
// saved it meanwhile: then the form comes back with what differs.
func (s *Server) updateProject(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := projectEdit(r.PostForm)
	f := projectForm{ProjectID: p.ID, formView: formView{Values: v}}
	err := s.projects.UpdateProject(r.Context(), s.actorOf(r), p.ID, e)
	answerSave(s, w, r, err, "/projects/"+strconv.FormatInt(p.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseProject(w, r, f, fe) },
		func(current platform.Project) {
			f.Conflict = s.projectConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderProjectForm(w, r, http.StatusConflict, f)
		})
}

// projectConflict compares the stored project with the form.
func (s *Server) projectConflict(ctx context.Context, l locale, current platform.Project, yours map[string]string) *conflictView {
	labels := map[string]string{"plan": l.T("logframe.project.plan"), "source": l.T("measure.source"), "source_url": l.T("edit.source_url")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.measure.title"), "general_goal": l.T("logframe.project.general_goal"),
		"description": l.T("measure.description")})
	order := textOrder("title", "general_goal")
	theirs := projectFormValues(current)
	for i := range logframeMaxFormRows {
		id := goalKey(i, "id")
		labels[id] = l.T("logframe.goal.row", i+1)
		order = append(order, id)
		for _, lang := range i18n.Supported {
			k := textKey(goalKey(i, "text"), lang)
			labels[k] = l.T("logframe.goal.row", i+1) + " (" + l.T("lang."+lang) + ")"
			order = append(order, k)
		}
	}
	order = append(order, textOrder("description")...)
	order = append(order, "plan", "source", "source_url")
	c := &conflictView{Changes: compareForms(order, labels, theirs, yours)}
	c.By, c.At = s.lastChange(ctx, platform.EntityProject, current.ID)
	return c
}

func (s *Server) refuseProject(w http.ResponseWriter, r *http.Request, f projectForm, fe plan.FieldErrors) {
	f.Errors = logframeRefuse(locale{Lang: langOf(r)}, fe, projectFieldOrder, "title", "general_goal", "description")
	s.renderProjectForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, status int, f projectForm) {
	l := locale{Lang: langOf(r)}
	f.Goals = goalRows(l, f.formView.Values)
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"}}
	title := l.T("logframe.project.new")
	f.Action = "/projects/new"
	if !f.New {
		id := strconv.FormatInt(f.ProjectID, 10)
		title = l.T("logframe.project.edit")
		f.Action = "/projects/" + id + "/edit"
		crumbs = append(crumbs, crumb{l.Plain(formText(valuesForm(f.formView.Values), "title")), "/projects/" + id})
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "project_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteProjectPage asks whether to delete a project; one that still has
// activities is explained instead of offered.
func (s *Server) deleteProjectPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := projectDeleteView(p, l)
	if len(p.Activities) > 0 {
		v.Problem = l.T("delete.project.in_use")
	}
	s.renderDelete(w, r, http.StatusOK, v)
}

// deleteProject soft-deletes a project without activities.
func (s *Server) deleteProject(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.projects.DeleteProject(r.Context(), s.actorOf(r), p.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/projects?done=deleted",
		func(x platform.Project) deleteView { return projectDeleteView(x, l) }, p, l.T("delete.project.in_use"))
}

func projectDeleteView(p platform.Project, l locale) deleteView {
	id := strconv.FormatInt(p.ID, 10)
	return deleteView{Action: "/projects/" + id + "/delete", Kind: "project", Name: l.Plain(p.Title), Version: p.Version, Cancel: "/projects/" + id}
}

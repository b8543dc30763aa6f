package web

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/markdown"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// needProjects answers 404 on a server built without a projects store,
// as a read-only mirror of the registry is.
func (s *Server) needProjects(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.projects == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// logframeToday is the calendar day in Azerbaijan by the server's clock
// (injected in tests), against which tasks are overdue.
func (s *Server) logframeToday() plan.Date { return platform.Today(s.now(), displayZone) }

// logframeMarkdown renders a translatable markdown field in the reader's
// language, marked with its language when it falls back to another, as
// locale.Text marks plain text.
func logframeMarkdown(l locale, t plan.Text) template.HTML {
	loc := t.In(l.Lang)
	if loc.Value == "" {
		return ""
	}
	body := markdown.ToHTML(loc.Value)
	if !loc.Fallback {
		return body
	}
	return template.HTML(`<div lang="`+template.HTMLEscapeString(loc.Lang)+`">`) + body + template.HTML(`</div>`)
}

// projectsData is the list of projects.
type projectsData struct {
	Projects []platform.ProjectSummary
}

// projectsPage lists the platform's projects.
func (s *Server) projectsPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.projects.ListProjects(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "projects", page{Title: l.T("logframe.projects.title"), Data: projectsData{Projects: list}})
}

// projectData is a project's logframe page.
type projectData struct {
	Project platform.Project
	Goals   []logframeGoal
	// Other are the activities of no goal the project has.
	Other []platform.Activity
	// Grouped says some activity serves a goal: activities are then shown
	// under their goals, and otherwise in one table after them.
	Grouped    bool
	Indicators []logframeIndicator
	Today      plan.Date
	Markdown   template.HTML
}

// activityTable is a table of activities, for the "lf-activities"
// partial.
type activityTable struct {
	L          locale
	Caption    string
	Activities []platform.Activity
	Today      plan.Date
}

// Table describes a table of some of the project's activities.
func (d projectData) Table(l locale, caption string, as []platform.Activity) activityTable {
	return activityTable{L: l, Caption: caption, Activities: as, Today: d.Today}
}

// logframeGoal is a specific goal with the activities serving it.
type logframeGoal struct {
	Goal       platform.Goal
	Activities []platform.Activity
}

// logframeIndicator is an indicator with the words its actual value is
// shown in.
type logframeIndicator struct {
	platform.Indicator
	// Computed says a source computes its recorded value.
	Computed bool
}

// Actual says what the indicator's actual value is: "reported 462,
// recorded 0" where it has both, one of them where it has one, "" where
// it has none.
func (v logframeIndicator) Actual(l locale) string {
	var parts []string
	if v.Reported != nil {
		parts = append(parts, l.T("logframe.indicator.reported_value", l.Num(int(*v.Reported))))
	}
	if v.Recorded != nil {
		parts = append(parts, l.T("logframe.indicator.recorded_value", l.Num(int(*v.Recorded))))
	}
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += ", "
		}
		out += p
	}
	return out
}

// TargetText is the target as a number in the reader's way, "" for none.
func (v logframeIndicator) TargetText(l locale) string {
	if v.Target == nil {
		return ""
	}
	return l.Num(int(*v.Target))
}

// ComputationLabel names the indicator's computation for readers.
func (v logframeIndicator) ComputationLabel(l locale) string {
	return indicatorComputationLabel(l, v.Computation)
}

// indicatorComputationLabel names a computation in the reader's language;
// one the catalog does not know is shown by its name.
func indicatorComputationLabel(l locale, c string) string {
	if c == "" {
		return ""
	}
	key := "logframe.computation." + c
	if s := l.T(key); s != key {
		return s
	}
	return c
}

// projectPage shows a project's logframe: its goals with the activities
// serving each, and its indicators with reported and recorded values.
func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.projectFor(w, r)
	if !ok {
		return
	}
	if err := s.indicators.Record(r.Context(), &p); err != nil {
		s.serverError(w, r, err)
		return
	}
	d := projectData{Project: p, Today: s.logframeToday(), Markdown: logframeMarkdown(locale{Lang: langOf(r)}, p.Description)}
	for _, g := range p.Goals {
		d.Goals = append(d.Goals, logframeGoal{Goal: g, Activities: p.GoalActivities(g.ID)})
	}
	d.Other = p.UngroupedActivities()
	d.Grouped = len(d.Other) < len(p.Activities)
	for _, ind := range p.Indicators {
		d.Indicators = append(d.Indicators, logframeIndicator{Indicator: ind, Computed: s.indicators.Computes(ind.Computation)})
	}
	l := locale{Lang: langOf(r)}
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"}}
	s.render(w, r, http.StatusOK, "project", page{Title: l.Plain(p.Title), Crumbs: crumbs, Data: d})
}

// activityPageData is an activity's page.
type activityPageData struct {
	Activity platform.Activity
	Goal     plan.Text
	// Measure is the registry's measure the clause names, nil when the
	// registry has none.
	Measure  *plan.Measure
	Tasks    []logframeTask
	Markdown template.HTML
	// Materials are the outputs of the activity and of its tasks.
	Materials []platform.Output
	Today     plan.Date
	// Library lists the library's documents of the activity.
	Library materialsView
}

// logframeTask is a task as the activity page shows it to one reader.
type logframeTask struct {
	platform.Task
	Overdue bool
	// ShowAssignee: the assignee is shown to who plans the work and to
	// the assignee; the public sees what was done, not who was asked to.
	ShowAssignee bool
	// CanComplete offers the "mark as done" button.
	CanComplete bool
}

// activityPage shows an activity: the clause it serves with a link to the
// measure, what was done (its tasks) and its materials.
func (s *Server) activityPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.activityFor(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	d := activityPageData{Activity: a, Today: s.logframeToday(), Markdown: logframeMarkdown(l, a.Description), Materials: append([]platform.Output(nil), a.Outputs...)}
	p, err := s.projects.GetProject(ctx, a.ProjectID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Goal = p.GoalText(a.Goal)
	if a.MeasureID != 0 {
		m, err := s.reg.GetMeasure(ctx, strconv.FormatInt(a.MeasureID, 10))
		switch {
		case err == nil:
			d.Measure = &m
		case !errors.Is(err, plan.ErrNotFound):
			s.serverError(w, r, err)
			return
		}
	}
	subject := s.subjectOf(r)
	manage := access.Can(subject, access.ManagePlatform, access.Resource{})
	for _, t := range a.Tasks {
		mine := !subject.Anonymous() && t.AssigneeID != 0 && t.AssigneeID == subject.User.ID
		d.Tasks = append(d.Tasks, logframeTask{Task: t, Overdue: t.Overdue(d.Today), ShowAssignee: t.Assigned() && (manage || mine),
			CanComplete: t.Status != platform.TaskDone && access.Can(subject, access.CompleteTask, access.Resource{AssigneeID: t.AssigneeID})})
		d.Materials = append(d.Materials, t.Outputs...)
	}
	d.Library = s.activityMaterials(r, a.ID)
	title := l.T("logframe.activity.heading", a.Number, l.Plain(a.Title))
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"}, {l.Plain(a.ProjectTitle), "/projects/" + strconv.FormatInt(a.ProjectID, 10)}}
	s.render(w, r, http.StatusOK, "activity", page{Title: title, Crumbs: crumbs, Data: d})
}

// measureActivities lists the activities serving a measure, for the
// measure's page; none when the server keeps no projects.
func (s *Server) measureActivities(r *http.Request, measureID int64) ([]platform.ActivityRef, error) {
	if s.projects == nil {
		return nil, nil
	}
	return s.projects.MeasureActivities(r.Context(), measureID)
}

// logframeID reads the numeric id of a path, answering 404 for anything
// else.
func (s *Server) logframeID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return 0, false
	}
	return id, true
}

// logframeFound finishes a read of what a path names: 404 when there is
// none, 500 when the read failed. It reports whether the handler may go on.
func (s *Server) logframeFound(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
		return false
	case err != nil:
		s.serverError(w, r, err)
		return false
	}
	return true
}

// projectFor reads the project a path names.
func (s *Server) projectFor(w http.ResponseWriter, r *http.Request) (platform.Project, bool) {
	id, ok := s.logframeID(w, r)
	if !ok {
		return platform.Project{}, false
	}
	p, err := s.projects.GetProject(r.Context(), id)
	return p, s.logframeFound(w, r, err)
}

// activityFor reads the activity a path names.
func (s *Server) activityFor(w http.ResponseWriter, r *http.Request) (platform.Activity, bool) {
	id, ok := s.logframeID(w, r)
	if !ok {
		return platform.Activity{}, false
	}
	a, err := s.projects.GetActivity(r.Context(), id)
	return a, s.logframeFound(w, r, err)
}

// taskFor reads the task a path names.
func (s *Server) taskFor(w http.ResponseWriter, r *http.Request) (platform.Task, bool) {
	id, ok := s.logframeID(w, r)
	if !ok {
		return platform.Task{}, false
	}
	t, err := s.projects.GetTask(r.Context(), id)
	return t, s.logframeFound(w, r, err)
}

// indicatorFor reads the indicator a path names.
func (s *Server) indicatorFor(w http.ResponseWriter, r *http.Request) (platform.Indicator, bool) {
	id, ok := s.logframeID(w, r)
	if !ok {
		return platform.Indicator{}, false
	}
	ind, err := s.projects.GetIndicator(r.Context(), id)
	return ind, s.logframeFound(w, r, err)
}

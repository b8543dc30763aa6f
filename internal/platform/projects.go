// Package platform is the platform's own work: its member organisations,
// people and expert groups, its projects (logframes) with their activities
// and tasks, appeals to state bodies, media coverage and resources. It holds
// types, validation and rules, and the small interfaces the store
// implements; it imports neither SQL nor HTTP.
package platform

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/plan"
)

// The audit log's entity types of the logframe.
const (
	EntityProject   = "project"
	EntityActivity  = "activity"
	EntityTask      = "task"
	EntityIndicator = "indicator"
)

// Limits on what a logframe form may hold, in characters per language.
const (
	logframeMaxShort   = 2000   // titles, names, numbers, sources
	logframeMaxLong    = 100000 // goals, descriptions
	logframeMaxRows    = 50     // goals, outputs
	logframeMaxGoalID  = 8      // "A", "B", "A.1"
	logframeMaxCounted = 1 << 53
)

// Project is one of the platform's projects, as a logframe: what it is for
// (a general goal and specific goals), what it does (activities, each
// serving a clause of the national action plan) and how that is measured
// (output indicators, with target and actual values).
type Project struct {
	ID          int64
	Title       plan.Text
	GeneralGoal plan.Text
	// Goals are the specific goals, in order, each with its letter.
	Goals []Goal
	// Description is markdown in each language.
	Description plan.Text
	// Plan is the external id of the registry plan (the national action
	// plan) whose clauses the activities cite, such as "AZ-NAP-2016-2018";
	// an activity links to the measure of that plan with its clause.
	Plan string
	// Source says where the project's account comes from; SourceURL is
	// where its materials are published.
	Source    string
	SourceURL string
	Version   int
	UpdatedAt time.Time
	// Activities, with their tasks, and Indicators are filled by reads of
	// one project.
	Activities []Activity
	Indicators []Indicator
}

// Goal is a specific goal of a project: "A", "Build the institutional
// capacity…".
type Goal struct {
	ID   string    `json:"id"`
	Text plan.Text `json:"text"`
}

// GoalText returns the text of the goal with the given letter, nil when
// the project has none.
func (p Project) GoalText(id string) plan.Text {
	for _, g := range p.Goals {
		if g.ID == id {
			return g.Text
		}
	}
	return nil
}

// GoalActivities returns the activities serving the goal with the given
// letter ("" for those that name none), in the project's order.
func (p Project) GoalActivities(id string) []Activity {
	var out []Activity
	for _, a := range p.Activities {
		if a.Goal == id {
			out = append(out, a)
		}
	}
	return out
}

// UngroupedActivities returns the activities whose goal is none of the
// project's goals, so that a page listing activities by goal misses none.
func (p Project) UngroupedActivities() []Activity {
	var out []Activity
	for _, a := range p.Activities {
		if p.GoalText(a.Goal) == nil {
			out = append(out, a)
		}
	}
	return out
}

// OverdueTasks counts the project's tasks that are past their due date on
// today and not done.
func (p Project) OverdueTasks(today plan.Date) int {
	n := 0
	for _, a := range p.Activities {
		n += a.OverdueTasks(today)
	}
	return n
}

// ProjectSummary is a project as the list of projects shows it.
type ProjectSummary struct {
	ID          int64
	Title       plan.Text
	GeneralGoal plan.Text
	Activities  int
	// ActivitiesDone counts the activities whose status is done.
	ActivitiesDone int
}

// Output is something an activity or a task produced, published at a web
// address: a document (a report, a proposal package) or a link (a page, a
// recording).
type Output struct {
	Kind  OutputKind `json:"kind"`
	Title string     `json:"title"`
	URL   string     `json:"url"`
}

// Label is what a page shows of the output: its title, or its address when
// it has none.
func (o Output) Label() string {
	if o.Title != "" {
		return o.Title
	}
	return o.URL
}

// OutputKind says what an output is.
type OutputKind string

// The kinds of output.
const (
	OutputDocument OutputKind = "document"
	OutputLink     OutputKind = "link"
)

// OutputKinds lists the kinds as forms offer them.
var OutputKinds = []OutputKind{OutputDocument, OutputLink}

// Valid reports whether k is one of OutputKinds.
func (k OutputKind) Valid() bool { return slices.Contains(OutputKinds, k) }

// ProjectEdit is what a coordinator's form sets on a project. Version is
// the version the form was filled in from: an update is refused with a
// *plan.ConflictError[Project] when the stored project has moved on.
type ProjectEdit struct {
	Title       plan.Text
	GeneralGoal plan.Text
	Goals       []Goal
	Description plan.Text
	Plan        string
	Source      string
	SourceURL   string
	Version     int
}

// Validate tidies e (trims spaces, drops empty translations and empty goal
// rows) and checks what can be checked without the database.
func (e *ProjectEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title, e.GeneralGoal, e.Description = logframeTrimText(e.Title), logframeTrimText(e.GeneralGoal), logframeTrimText(e.Description)
	e.Plan = strings.TrimSpace(e.Plan)
	e.Source = strings.TrimSpace(e.Source)
	e.SourceURL = strings.TrimSpace(e.SourceURL)
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	logframeCheckText(fe, "title", e.Title, logframeMaxShort)
	logframeCheckText(fe, "general_goal", e.GeneralGoal, logframeMaxLong)
	logframeCheckText(fe, "description", e.Description, logframeMaxLong)
	logframeCheckString(fe, "plan", e.Plan, logframeMaxShort)
	logframeCheckString(fe, "source", e.Source, logframeMaxShort)
	if logframeCheckString(fe, "source_url", e.SourceURL, logframeMaxShort) && e.SourceURL != "" && !logframeWebURL(e.SourceURL) {
		fe["source_url"] = "edit.source_url.invalid"
	}
	var goals []Goal
	for _, g := range e.Goals {
		g.ID = strings.TrimSpace(g.ID)
		g.Text = logframeTrimText(g.Text)
		switch {
		case g.ID == "" && g.Text.IsEmpty():
			continue
		case g.ID == "":
			fe["goals"] = "logframe.goals.id_required"
		case g.Text.IsEmpty():
			fe["goals"] = "logframe.goals.text_required"
		case utf8.RuneCountInString(g.ID) > logframeMaxGoalID || strings.ContainsFunc(g.ID, func(r rune) bool { return r <= ' ' || r == 0x7f }):
			fe["goals"] = "logframe.goals.id_invalid"
		case slices.ContainsFunc(goals, func(o Goal) bool { return o.ID == g.ID }):
			fe["goals"] = "logframe.goals.duplicate"
		}
		logframeCheckText(fe, "goals", g.Text, logframeMaxLong)
		goals = append(goals, g)
	}
	if len(goals) > logframeMaxRows {
		fe["goals"] = "logframe.goals.too_many"
	}
	e.Goals = goals
	return fe
}

// tidyOutputs trims the outputs a form sent, drops empty rows and checks
// the rest: each needs a web address and a known kind.
func tidyOutputs(fe plan.FieldErrors, outputs []Output) []Output {
	var out []Output
	for _, o := range outputs {
		o.Title = strings.TrimSpace(o.Title)
		o.URL = strings.TrimSpace(o.URL)
		if o.Title == "" && o.URL == "" {
			continue
		}
		if o.Kind == "" {
			o.Kind = OutputLink
		}
		switch {
		case !o.Kind.Valid():
			fe["outputs"] = "logframe.outputs.kind_invalid"
		case o.URL == "":
			fe["outputs"] = "logframe.outputs.url_required"
		case !logframeCheckString(fe, "outputs", o.Title, logframeMaxShort) || !logframeCheckString(fe, "outputs", o.URL, logframeMaxShort):
		case !logframeWebURL(o.URL):
			fe["outputs"] = "logframe.outputs.url_invalid"
		}
		out = append(out, o)
	}
	if len(out) > logframeMaxRows {
		fe["outputs"] = "logframe.outputs.too_many"
	}
	return out
}

// logframeTrimText trims each translation and drops the empty ones.
func logframeTrimText(t plan.Text) plan.Text {
	var out plan.Text
	for k, v := range t {
		if v = strings.TrimSpace(v); v != "" {
			if out == nil {
				out = plan.Text{}
			}
			out[k] = v
		}
	}
	return out
}

// logframeCheckText checks every translation of a field as
// logframeCheckString does, in a stable order.
func logframeCheckText(fe plan.FieldErrors, field string, t plan.Text, limit int) {
	langs := make([]string, 0, len(t))
	for k := range t {
		langs = append(langs, k)
	}
	slices.Sort(langs)
	for _, l := range langs {
		if !logframeCheckString(fe, field, t[l], limit) {
			return
		}
	}
}

// logframeCheckString records "edit.<field>.invalid" for text no database
// can store (NUL bytes, invalid UTF-8, control characters other than line
// breaks and tabs) and "edit.<field>.too_long" past limit characters, as
// the registry's forms do. It reports whether s passed.
func logframeCheckString(fe plan.FieldErrors, field, s string, limit int) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f
	}) {
		fe[field] = "edit." + field + ".invalid"
		return false
	}
	if utf8.RuneCountInString(s) > limit {
		fe[field] = "edit." + field + ".too_long"
		return false
	}
	return true
}

// logframeWebURL reports whether s is an absolute http or https URL: what
// a page may link to without running anything.
func logframeWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

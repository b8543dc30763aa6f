package report

import (
	"slices"
	"strings"
	"time"

	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/survey"
)

// ProjectInput is what the activity report of a project is made of, read
// by the caller.
type ProjectInput struct {
	Lang string
	// Project holds its activities and indicators, whose recorded values
	// platform.Computations.Record has filled.
	Project platform.Project
	// Computes says whether a source computes an indicator's computation.
	Computes func(computation string) bool
	// Tallies are the participants of the project's events (those of its
	// activities), as events.Store.Tallies gives them.
	Tallies []events.Tally
	// Surveys are the platform's surveys whose results are public.
	Surveys []survey.Survey
	// Media is the coverage of the project's activities.
	Media []platform.MediaItem
	// CategoryLabel names a participant category in the language; nil,
	// or "" for a category, for the catalog's name.
	CategoryLabel func(events.Category) string
	Generated     time.Time
}

// Project is a project's activity report laid out in the reader's
// language.
type Project struct {
	Lang        string
	Platform    string
	Title       string
	GeneralGoal string
	Generated   string
	Activities  int
	// ActivitiesDone counts the activities whose status is done.
	ActivitiesDone int
	Indicators     []IndicatorRow
	// Statistics are the events' figures, by events.Summarise.
	Statistics events.Statistics
	Events     []EventRow
	Categories []CountRow
	Kinds      []CountRow
	Surveys    []SurveyRow
	Media      []MediaRow
}

// IndicatorRow is an output indicator: its target, the value reported and
// the value recorded by ogpp ("" for none).
type IndicatorRow struct {
	Name, Target, Reported, Recorded string
	// Source says where the reported value comes from; Computation how
	// the recorded one is counted.
	Source, Computation string
}

// EventRow is a held event with its participants.
type EventRow struct {
	Date, Title, Kind, Region string
	Participants              int
}

// CountRow is a label and a count.
type CountRow struct {
	Label string
	Count int
}

// SurveyRow is a survey with its responses.
type SurveyRow struct {
	Title      string
	Responses  int
	SampleSize int
}

// MediaRow is a piece of coverage.
type MediaRow struct {
	Date, Outlet, Kind, Title, URL string
}

// NewProject lays a project's work out in the input's language.
func NewProject(in ProjectInput) Project {
	l := labels(in.Lang)
	p := in.Project
	r := Project{Lang: in.Lang, Platform: l.T("site.name"), Title: l.Text(p.Title), GeneralGoal: l.Text(p.GeneralGoal),
		Generated: l.Day(in.Generated, Zone), Activities: len(p.Activities)}
	for _, a := range p.Activities {
		if a.Status == platform.ActivityDone {
			r.ActivitiesDone++
		}
	}
	for _, ind := range p.Indicators {
		row := IndicatorRow{Name: l.Text(ind.Name), Target: optNum(l, ind.Target), Reported: optNum(l, ind.Reported),
			Recorded: optNum(l, ind.Recorded), Source: ind.ReportedSource}
		if ind.Computation != "" {
			row.Computation = computationLabel(l, ind.Computation)
			if in.Computes == nil || !in.Computes(ind.Computation) {
				row.Computation = l.T("logframe.indicator.not_computed", row.Computation)
			}
		}
		r.Indicators = append(r.Indicators, row)
	}
	r.Statistics = events.Summarise(in.Tallies)
	for _, t := range in.Tallies {
		if t.Event.Status != events.Held {
			continue
		}
		start := t.Event.Start.In(events.Zone)
		r.Events = append(r.Events, EventRow{Date: i18nDate(l, start), Title: l.Text(t.Event.Title),
			Kind: l.T("events.kind." + string(t.Event.Kind)), Region: t.Event.Region, Participants: t.Total()})
	}
	for c, n := range r.Statistics.ByCategory {
		if n > 0 {
			r.Categories = append(r.Categories, CountRow{categoryLabel(l, in.CategoryLabel, c), n})
		}
	}
	// The most numerous first, as a reader compares them.
	slices.SortFunc(r.Categories, func(a, b CountRow) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Label, b.Label)
	})
	for _, k := range events.Kinds {
		if n := r.Statistics.ByKind[k]; n > 0 {
			r.Kinds = append(r.Kinds, CountRow{l.T("events.kind." + string(k)), n})
		}
	}
	for _, s := range in.Surveys {
		r.Surveys = append(r.Surveys, SurveyRow{Title: l.Text(s.Title), Responses: s.Responses, SampleSize: s.SampleSize})
	}
	for _, m := range in.Media {
		d := m.PublishedOn
		r.Media = append(r.Media, MediaRow{Date: l.Date(&d), Outlet: m.Outlet, Kind: l.T("media.kind." + string(m.Kind)), Title: m.Title, URL: m.URL})
	}
	return r
}

// T translates a key in the report's language.
func (r Project) T(key string, args ...any) string { return labels(r.Lang).T(key, args...) }

// Num writes a number in the report's language.
func (r Project) Num(n int) string { return labels(r.Lang).Num(n) }

// optNum writes an optional number, "" for none.
func optNum(l labels, n *int64) string {
	if n == nil {
		return ""
	}
	return l.Num(int(*n))
}

// i18nDate writes the calendar day of t (already in its zone).
func i18nDate(l labels, t time.Time) string {
	d := plan.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return l.Date(&d)
}

// computationLabel names a computation as the project page does: by its
// catalog name, by its own name when the catalog has none.
func computationLabel(l labels, c string) string {
	key := "logframe.computation." + c
	if s := l.T(key); s != key {
		return s
	}
	name, arg := platform.SplitComputation(c)
	if name == platform.ComputeParticipantsByCategory {
		return l.T("report.participants.of", l.T("events.category."+arg))
	}
	return c
}

// categoryLabel names a participant category: as the caller names it, by
// the catalog's name of a default category, else by its code.
func categoryLabel(l labels, name func(events.Category) string, c events.Category) string {
	if name != nil {
		if s := name(c); s != "" {
			return s
		}
	}
	key := "events.category." + string(c)
	if s := l.T(key); s != key {
		return s
	}
	return string(c)
}

package report

import (
	"strings"
	"time"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// RoundInput is what a monitoring report of a plan in a round is made of:
// the values the round's dashboard shows, read and summarised by the
// caller with monitor.Summarise.
type RoundInput struct {
	// Lang is the reader's language.
	Lang        string
	Plan        plan.Plan
	Round       monitor.Round
	Measures    []plan.Measure
	Assessments map[int64]monitor.Assessment
	// Progress is monitor.Summarise of Measures and Assessments: the
	// dashboard's figures.
	Progress monitor.Progress
	// AsOf is the day overdue measures were judged on.
	AsOf plan.Date
	// Generated is when the report is made (an injected clock's now).
	Generated time.Time
	// Current says the figures use drafts: the round is not published.
	Current bool
}

// Round is a monitoring report laid out in the reader's language, ready
// for any of its formats.
type Round struct {
	Lang      string
	Platform  string
	Member    string
	PlanTitle string
	RoundName string
	Period    string
	AsOf      string
	Generated string
	// Draft says the round is not published: the report shows drafts.
	Draft bool
	// Overall, Starred and Overdue are the dashboard's key figures.
	Overall monitor.Distribution
	Starred int
	Overdue int
	// Levels are the completion levels the tables have columns for: the
	// IRM's four always, the others when some measure has them.
	Levels []Level
	Areas  []AreaSection
}

// Level is a completion level with its name; "" is not assessed.
type Level struct {
	Completion monitor.Completion
	Label      string
}

// AreaSection is an area of the plan with its figures and its measures.
type AreaSection struct {
	ID int64
	// Name is the area's number and title, or what stands for the
	// measures outside any area.
	Name         string
	Distribution monitor.Distribution
	Measures     []MeasureEntry
}

// MeasureEntry is a measure with its assessment in the round.
type MeasureEntry struct {
	ID     int64
	Clause string
	Title  string
	// Assessed says the measure has an assessment in the round.
	Assessed   bool
	Completion monitor.Completion
	// Ratings are the IRM's ratings given, label and value.
	Ratings []Field
	// Narrative is the assessment's text as plain paragraphs.
	Narrative string
	Evidence  []EvidenceEntry
	Starred   bool
	Overdue   bool
}

// Field is a label and its value.
type Field struct {
	Label, Value string
}

// EvidenceEntry is a link or a file an assessment rests on.
type EvidenceEntry struct {
	Title    string
	URL      string
	FileName string
	SHA256   string
}

// Label is what identifies the evidence: its title, else its address or
// file name.
func (e EvidenceEntry) Label() string {
	switch {
	case e.Title != "":
		return e.Title
	case e.URL != "":
		return e.URL
	}
	return e.FileName
}

// NewRound lays a round's figures and assessments out in the input's
// language. The areas come in the order Summarise gives them, which is the
// dashboard's.
func NewRound(in RoundInput) Round {
	l := labels(in.Lang)
	p := in.Progress
	r := Round{
		Lang:      in.Lang,
		Platform:  l.T("site.name"),
		Member:    l.Text(in.Plan.Member.Name),
		PlanTitle: l.Text(in.Plan.Title),
		RoundName: l.Text(in.Round.Name),
		Period:    periodText(l, in.Round.Period),
		AsOf:      l.Date(&in.AsOf),
		Generated: l.Day(in.Generated, Zone),
		Draft:     in.Current,
		Overall:   p.Overall,
		Starred:   len(p.Starred),
		Overdue:   len(p.Overdue),
	}
	for _, c := range monitor.Completions {
		if c.Rank() >= 0 || p.Overall.Counts[c] > 0 {
			r.Levels = append(r.Levels, Level{Completion: c, Label: levelLabel(l, c)})
		}
	}
	starred, overdue := idSet(p.Starred), idSet(p.Overdue)
	index := map[int64]int{}
	for _, a := range p.Areas {
		index[a.ID] = len(r.Areas)
		r.Areas = append(r.Areas, AreaSection{ID: a.ID, Name: areaName(l, a), Distribution: a.Distribution})
	}
	for _, m := range in.Measures {
		i, ok := index[m.AreaID]
		if !ok {
			// Summarise saw every measure; a measure it did not see has
			// no figures to be reported with.
			continue
		}
		e := MeasureEntry{ID: m.ID, Clause: m.Clause, Title: l.Text(m.Title), Starred: starred[m.ID], Overdue: overdue[m.ID]}
		if a, ok := in.Assessments[m.ID]; ok {
			e.Assessed = true
			e.Completion = a.Completion
			e.Ratings = ratings(l, a.Rating)
			e.Narrative = PlainText(a.Narrative)
			for _, ev := range a.Evidence {
				e.Evidence = append(e.Evidence, EvidenceEntry{Title: ev.Title, URL: ev.URL, FileName: ev.FileName, SHA256: ev.SHA256})
			}
		}
		r.Areas[i].Measures = append(r.Areas[i].Measures, e)
	}
	return r
}

// CompletionLabel names a measure's completion, "not assessed" included.
func (r Round) CompletionLabel(c monitor.Completion) string { return levelLabel(labels(r.Lang), c) }

// T translates a key in the report's language.
func (r Round) T(key string, args ...any) string { return labels(r.Lang).T(key, args...) }

// Num writes a number in the report's language.
func (r Round) Num(n int) string { return labels(r.Lang).Num(n) }

// Percent writes a percentage in the report's language.
func (r Round) Percent(v float64) string { return labels(r.Lang).Percent(v) }

// levelLabel names a completion level, "" being not assessed, with the
// dashboard's words.
func levelLabel(l labels, c monitor.Completion) string {
	if c == "" {
		return l.T("progress.unassessed")
	}
	return l.T("monitor.completion." + string(c))
}

// areaName names an area as the dashboard's chart does: "1. Title".
func areaName(l labels, a monitor.GroupProgress) string {
	if a.ID == 0 {
		return l.T("progress.noarea")
	}
	name := l.Text(a.Name)
	if name == "" {
		name = l.T("area.untitled")
	}
	if a.Number != "" {
		name = a.Number + ". " + name
	}
	return name
}

// periodText writes a period as written, or by its dates when it has no
// text.
func periodText(l labels, p plan.Period) string {
	if p.Text != "" {
		return p.Text
	}
	s, e := l.Date(p.Start), l.Date(p.End)
	if s == "" && e == "" {
		return ""
	}
	return s + " – " + e
}

// ratings lists the IRM's ratings an assessment gives.
func ratings(l labels, r monitor.Rating) []Field {
	var out []Field
	if r.Completion != "" {
		out = append(out, Field{l.T("monitor.field.completion"), l.T("monitor.completion." + string(r.Completion))})
	}
	if r.Verifiable != nil {
		v := l.T("monitor.verifiable.no")
		if *r.Verifiable {
			v = l.T("monitor.verifiable.yes")
		}
		out = append(out, Field{l.T("monitor.field.verifiable"), v})
	}
	if r.RelevanceRated {
		var names []string
		for _, v := range r.Relevance {
			names = append(names, l.T("value."+string(v)))
		}
		v := strings.Join(names, ", ")
		if len(names) == 0 {
			v = l.T("monitor.relevance.none")
		}
		out = append(out, Field{l.T("monitor.field.relevance"), v})
	}
	if r.Impact != "" {
		out = append(out, Field{l.T("monitor.field.impact"), l.T("monitor.impact." + string(r.Impact))})
	}
	if r.Opened != "" {
		out = append(out, Field{l.T("monitor.field.opened"), l.T("monitor.opened." + string(r.Opened))})
	}
	if r.EarlyResults != "" {
		out = append(out, Field{l.T("monitor.field.early_results"), l.T("monitor.early_results." + string(r.EarlyResults))})
	}
	return out
}

// idSet is the set of the measures' ids.
func idSet(ms []plan.Measure) map[int64]bool {
	out := make(map[int64]bool, len(ms))
	for _, m := range ms {
		out[m.ID] = true
	}
	return out
}

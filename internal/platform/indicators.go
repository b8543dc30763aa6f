package platform

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/plan"
)

// Indicator is an output indicator of a project's logframe: what is
// counted ("round tables held"), the target, and the actual value. The
// actual value is typed in (Reported, with the source it comes from),
// computed from what ogpp has recorded (Computation names how; Recorded is
// the result), or both — and then a page shows both, "reported 462,
// recorded 0", since neither replaces the other.
type Indicator struct {
	ID        int64
	ProjectID int64
	Position  int
	Name      plan.Text
	// Target is the value the project set out to reach; nil for none.
	Target *int64
	// Reported is the actual value as typed in; nil for none.
	Reported       *int64
	ReportedSource string
	// Computation names the IndicatorSource that computes the actual
	// value from recorded data, "" for none; see Computations.
	Computation string
	// Recorded is the computed value, filled by Computations.Record when a
	// source computes Computation; nil otherwise.
	Recorded  *int64
	Version   int
	UpdatedAt time.Time
}

// Names of computations. The platform's own work computes the first two;
// the others are computed by the capabilities that record what they count
// (appeals, media, events) once they register their sources, and an
// indicator may name them before then: it shows its reported value until
// a source computes the recorded one.
const (
	// ComputeTasksDone counts the project's tasks that are done.
	ComputeTasksDone = "tasks_done"
	// ComputeActivitiesDone counts the project's activities that are done.
	ComputeActivitiesDone = "activities_done"
	// ComputeAppealsSent counts appeals sent to state bodies for the
	// project's activities.
	ComputeAppealsSent = "appeals_sent"
	// ComputeMediaItems counts media coverage of the project's activities.
	ComputeMediaItems = "media_items"
	// ComputeRoundTablesHeld counts round tables held for the project.
	ComputeRoundTablesHeld = "round_tables_held"
	// ComputeRoundTablesInRegions counts those held outside the capital.
	ComputeRoundTablesInRegions = "round_tables_in_regions"
	// ComputeParticipants counts the participants of the project's events.
	ComputeParticipants = "participants"
	// ComputeParticipantsByCategory counts the participants of one
	// category, named after a colon: "participants_by_category:state_body".
	ComputeParticipantsByCategory = "participants_by_category"
	// ComputeInternetTV counts internet-TV discussions held.
	ComputeInternetTV = "internet_tv_discussions"
)

// KnownComputations lists the computation names forms offer, with the
// participant categories the seed project reports on, whether or not a
// source computes them yet.
var KnownComputations = []string{
	ComputeTasksDone, ComputeActivitiesDone, ComputeAppealsSent, ComputeMediaItems,
	ComputeRoundTablesHeld, ComputeRoundTablesInRegions, ComputeParticipants,
	ComputeParticipantsByCategory + ":state_body", ComputeParticipantsByCategory + ":foreign_guest",
	ComputeInternetTV,
}

// computationPattern is a computation's shape: a name, and an argument
// after a colon.
var computationPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(:[a-z0-9_]+)?$`)

// SplitComputation splits "participants_by_category:state_body" into the
// source's name and its argument ("" when there is none).
func SplitComputation(c string) (name, arg string) {
	name, arg, _ = strings.Cut(c, ":")
	return name, arg
}

// IndicatorSource computes an indicator's actual value from what ogpp has
// recorded. Each capability that records something worth counting (tasks,
// appeals, media, events) registers one source per count with
// NewComputations, where the application is wired together.
type IndicatorSource interface {
	// Name is the computation's name as indicators store it, such as
	// "tasks_done".
	Name() string
	// Count returns the value for the project. arg is what follows the
	// name and a colon in the indicator's computation (the category of
	// "participants_by_category:state_body"), "" when nothing does.
	Count(ctx context.Context, projectID int64, arg string) (int64, error)
}

// SourceFunc makes an IndicatorSource of a name and a function.
type SourceFunc struct {
	Computation string
	Func        func(ctx context.Context, projectID int64, arg string) (int64, error)
}

// Name returns the computation's name.
func (s SourceFunc) Name() string { return s.Computation }

// Count calls the function.
func (s SourceFunc) Count(ctx context.Context, projectID int64, arg string) (int64, error) {
	return s.Func(ctx, projectID, arg)
}

// Computations is the set of sources a server computes indicators with,
// by name. Its zero value computes nothing. It is built once per store and
// passed around, never kept in a package variable, so that one process can
// serve several platforms.
type Computations struct {
	byName map[string]IndicatorSource
}

// NewComputations collects sources; a later source of the same name
// replaces an earlier one.
func NewComputations(sources ...IndicatorSource) Computations {
	c := Computations{byName: map[string]IndicatorSource{}}
	for _, s := range sources {
		if s != nil {
			c.byName[s.Name()] = s
		}
	}
	return c
}

// Names lists the names of the registered sources, sorted.
func (c Computations) Names() []string {
	out := make([]string, 0, len(c.byName))
	for n := range c.byName {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Computes reports whether a source computes the computation.
func (c Computations) Computes(computation string) bool {
	name, _ := SplitComputation(computation)
	_, ok := c.byName[name]
	return ok && computation != ""
}

// Record fills the Recorded value of each of the project's indicators that
// a registered source computes; the others keep nil.
func (c Computations) Record(ctx context.Context, p *Project) error {
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		ind.Recorded = nil
		if !c.Computes(ind.Computation) {
			continue
		}
		name, arg := SplitComputation(ind.Computation)
		n, err := c.byName[name].Count(ctx, p.ID, arg)
		if err != nil {
			return fmt.Errorf("indicator %d (%s): %w", ind.ID, ind.Computation, err)
		}
		ind.Recorded = &n
	}
	return nil
}

// IndicatorEdit is what a coordinator's form sets on an indicator. The
// numbers are as typed (whole numbers, or empty for none), so that a
// refused form shows them back. Version is as for ProjectEdit.
type IndicatorEdit struct {
	ProjectID      int64
	Name           plan.Text
	Target         string
	Reported       string
	ReportedSource string
	Computation    string
	Version        int
}

// Validate tidies e and checks it; the store checks that the project
// exists.
func (e *IndicatorEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Name = logframeTrimText(e.Name)
	e.Target = strings.TrimSpace(e.Target)
	e.Reported = strings.TrimSpace(e.Reported)
	e.ReportedSource = strings.TrimSpace(e.ReportedSource)
	e.Computation = strings.TrimSpace(e.Computation)
	if e.ProjectID <= 0 {
		fe["project"] = "logframe.project.required"
	}
	if e.Name.IsEmpty() {
		fe["name"] = "edit.name.required"
	}
	logframeCheckText(fe, "name", e.Name, logframeMaxShort)
	if _, ok := countValue(e.Target); !ok {
		fe["target"] = "logframe.number.invalid"
	}
	if _, ok := countValue(e.Reported); !ok {
		fe["reported"] = "logframe.number.invalid"
	}
	logframeCheckString(fe, "reported_source", e.ReportedSource, logframeMaxShort)
	if e.ReportedSource != "" && e.Reported == "" {
		fe["reported"] = "logframe.reported.required"
	}
	if e.Computation != "" && !computationPattern.MatchString(e.Computation) {
		fe["computation"] = "logframe.computation.invalid"
	}
	return fe
}

// Values returns the target and the reported value as numbers (nil for
// none); call it after Validate.
func (e *IndicatorEdit) Values() (target, reported *int64) {
	target, _ = countValue(e.Target)
	reported, _ = countValue(e.Reported)
	return target, reported
}

// countValue reads a whole number of things, allowing the digit groups
// people type in each language ("1 234", "1,234", "1.234"); nil for empty
// text. A separator that does not group three digits ("3.5") is refused
// rather than read as something else. Past 2^53 a number stops being exact
// in JSON, and no count of a project's work gets there.
func countValue(s string) (*int64, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return nil, true
	}
	if groupedDigits.MatchString(s) {
		s = strings.NewReplacer(",", "", ".", "").Replace(s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > logframeMaxCounted {
		return nil, false
	}
	return &n, true
}

// groupedDigits is a number written with thousands separators.
var groupedDigits = regexp.MustCompile(`^[0-9]{1,3}([.,][0-9]{3})+$`)

// ProjectBundle is a whole project keyed by what it says rather than by
// database ids, for loading one (the demo's seed project) in one
// transaction.
type ProjectBundle struct {
	Project    ProjectEdit
	Activities []BundleActivity
	Indicators []IndicatorEdit
}

// BundleActivity is an activity with its tasks; their ids are left out.
type BundleActivity struct {
	Activity ActivityEdit
	Tasks    []TaskEdit
}

// Today is the calendar day of t in loc, for comparing with due dates.
func Today(t time.Time, loc *time.Location) plan.Date {
	t = t.In(loc)
	return plan.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

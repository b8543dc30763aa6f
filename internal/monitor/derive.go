package monitor

import (
	"math"
	"slices"
	"strings"

	"ogpp/internal/plan"
)

// Starred reports whether r meets the IRM's star: verifiable, relevant to
// at least one OGP value, of transformative potential impact, and
// substantially or fully complete. Anything not rated is not starred.
func Starred(r Rating) bool {
	return r.Verifiable != nil && *r.Verifiable && len(r.Relevance) > 0 && r.Impact == ImpactTransformative &&
		(r.Completion == Substantial || r.Completion == Complete)
}

// StarRated reports whether r rates all four inputs of the star:
// verifiability, relevance, potential impact and completion on the IRM's
// scale (or withdrawn).
func StarRated(r Rating) bool {
	return r.Verifiable != nil && r.RelevanceRated && r.Impact != "" && (r.Completion.Rank() >= 0 || r.Completion == Withdrawn)
}

// Overdue reports whether a measure's period ended before asOf while it is
// not complete (nor withdrawn). A measure without an end date, or not
// assessed, is never overdue: there is nothing to hold it to.
func Overdue(p plan.Period, c Completion, asOf plan.Date) bool {
	if p.End == nil || c == "" {
		return false
	}
	return p.End.Before(asOf) && c != Complete && c != Withdrawn
}

// Change says how completion moved from prev to cur; "" when either is off
// the IRM's scale or missing.
func Change(prev, cur Completion) ChangeKind {
	a, b := prev.Rank(), cur.Rank()
	switch {
	case a < 0 || b < 0:
		return ""
	case b > a:
		return ChangeIncrease
	case b < a:
		return ChangeDecrease
	}
	return ChangeNone
}

// Distribution counts a set of measures by completion and scores it.
type Distribution struct {
	// Counts holds how many measures are at each level; Unassessed how
	// many have no assessment.
	Counts     map[Completion]int
	Unassessed int
	// Measures is the size of the set.
	Measures int
	// Score is the mean weight (see Completion.Weight) of the measures on
	// the IRM's scale, as a percentage rounded to one decimal; Scored is
	// how many that is. With none scored the score is 0.
	Score  float64
	Scored int
}

// Add counts one measure's completion ("" for not assessed).
func (d *Distribution) Add(c Completion) {
	if d.Counts == nil {
		d.Counts = map[Completion]int{}
	}
	d.Measures++
	if c == "" {
		d.Unassessed++
		return
	}
	d.Counts[c]++
	if w, ok := c.Weight(); ok {
		// Keep the exact sum in Score until Finish.
		d.Score += w
		d.Scored++
	}
}

// finish turns the summed weights into the percentage.
func (d *Distribution) finish() {
	if d.Scored == 0 {
		d.Score = 0
		return
	}
	d.Score = math.Round(d.Score/float64(d.Scored)*1000) / 10
}

// Share is the percentage of the set's measures at level c, rounded to one
// decimal.
func (d Distribution) Share(c Completion) float64 {
	if d.Measures == 0 {
		return 0
	}
	return math.Round(float64(d.Counts[c])/float64(d.Measures)*1000) / 10
}

// Assessed is how many measures have an assessment.
func (d Distribution) Assessed() int { return d.Measures - d.Unassessed }

// GroupProgress is the distribution of one area's or executor's measures.
type GroupProgress struct {
	// ID is the area's or organisation's id; 0 for the measures outside
	// any area.
	ID   int64
	Name plan.Text
	// Number is an area's number, for sorting and display.
	Number       string
	Distribution Distribution
}

// MeasureChange is one measure's completion in two rounds.
type MeasureChange struct {
	Measure       plan.Measure
	Previous, Now Completion
	Change        ChangeKind
}

// Progress is everything the dashboard shows of a plan in a round.
type Progress struct {
	Overall   Distribution
	Areas     []GroupProgress
	Executors []GroupProgress
	Overdue   []plan.Measure
	Starred   []plan.Measure
	// Changes lists, when there is a previous round, every measure
	// assessed on the IRM's scale in both, and ChangeCounts sums them.
	Changes      []MeasureChange
	ChangeCounts map[ChangeKind]int
	HasPrevious  bool
}

// Summarise derives a round's progress: the plan's measures (in display
// order), the round's assessments by measure id, the previous round's
// (nil when there is none) and the day "overdue" is judged on. Executors
// are the measures' responsible executors, ordered by score, lowest first
// (the scorecard names who lags), then by name. It is the one place these
// figures are computed.
func Summarise(measures []plan.Measure, assessments map[int64]Assessment, previous map[int64]Assessment, asOf plan.Date) Progress {
	var p Progress
	areaIndex := map[int64]int{}
	execIndex := map[int64]int{}
	for _, m := range measures {
		a, assessed := assessments[m.ID]
		c := Completion("")
		if assessed {
			c = a.Completion
		}
		p.Overall.Add(c)
		i, ok := areaIndex[m.AreaID]
		if !ok {
			i = len(p.Areas)
			areaIndex[m.AreaID] = i
			p.Areas = append(p.Areas, GroupProgress{ID: m.AreaID, Name: m.Area.Title, Number: m.Area.Number})
		}
		p.Areas[i].Distribution.Add(c)
		seen := map[int64]bool{}
		for _, e := range m.Executors {
			if e.Role != plan.RoleResponsible || seen[e.OrganisationID] {
				continue
			}
			seen[e.OrganisationID] = true
			j, ok := execIndex[e.OrganisationID]
			if !ok {
				j = len(p.Executors)
				execIndex[e.OrganisationID] = j
				p.Executors = append(p.Executors, GroupProgress{ID: e.OrganisationID, Name: e.Organisation.Name})
			}
			p.Executors[j].Distribution.Add(c)
		}
		if assessed && Overdue(m.Period, c, asOf) {
			p.Overdue = append(p.Overdue, m)
		}
		if assessed && a.Starred() {
			p.Starred = append(p.Starred, m)
		}
		if previous != nil {
			if b, ok := previous[m.ID]; ok && assessed {
				if ch := Change(b.Completion, c); ch != "" {
					p.Changes = append(p.Changes, MeasureChange{Measure: m, Previous: b.Completion, Now: c, Change: ch})
				}
			}
		}
	}
	p.Overall.finish()
	for i := range p.Areas {
		p.Areas[i].Distribution.finish()
	}
	for i := range p.Executors {
		p.Executors[i].Distribution.finish()
	}
	slices.SortStableFunc(p.Executors, func(a, b GroupProgress) int {
		if a.Distribution.Score != b.Distribution.Score {
			if a.Distribution.Score < b.Distribution.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name.String(), b.Name.String())
	})
	if previous != nil {
		p.HasPrevious = true
		p.ChangeCounts = map[ChangeKind]int{}
		for _, c := range p.Changes {
			p.ChangeCounts[c.Change]++
		}
	}
	return p
}

package events

import (
	"sort"
	"time"
)

// Tally is what an event's participants are recorded as: named
// registrations checked in, by category, and head counts by category
// where they were entered.
type Tally struct {
	Event     Event
	CheckedIn map[Category]int
	// Heads holds the categories whose head count was entered; a
	// category absent from it has no head count.
	Heads map[Category]int
}

// Count is the counting rule: per category, an entered head count is the
// number of that category's participants — it counts everyone of that
// category who came, named or not, so the checked-in names of that
// category are not added to it — and a category without a head count
// counts its named registrations that were checked in. The event's total
// is the sum over categories, so no person is counted twice: each is in
// exactly one category, and each category is counted one way.
func (t Tally) Count() map[Category]int {
	out := map[Category]int{}
	for c, n := range t.Heads {
		out[c] = n
	}
	for c, n := range t.CheckedIn {
		if _, headed := t.Heads[c]; !headed && n > 0 {
			out[c] = n
		}
	}
	return out
}

// Total is the sum of Count.
func (t Tally) Total() int {
	n := 0
	for _, v := range t.Count() {
		n += v
	}
	return n
}

// Statistics are the figures of the statistics page over held events.
type Statistics struct {
	Events       int
	ByKind       map[Kind]int
	ByRegion     map[string]int
	ByYear       map[int]int
	InRegions    int
	Participants int
	ByCategory   map[Category]int
	Regions      []string // sorted
	Years        []int    // sorted
}

// Summarise computes the statistics of the tallies of held events; others
// are skipped, since only a held event had participants.
func Summarise(ts []Tally) Statistics {
	s := Statistics{ByKind: map[Kind]int{}, ByRegion: map[string]int{}, ByYear: map[int]int{}, ByCategory: map[Category]int{}}
	for _, t := range ts {
		if t.Event.Status != Held {
			continue
		}
		s.Events++
		s.ByKind[t.Event.Kind]++
		region := t.Event.Region
		if region == "" {
			region = "-"
		}
		if _, seen := s.ByRegion[region]; !seen {
			s.Regions = append(s.Regions, region)
		}
		s.ByRegion[region]++
		y := t.Event.Start.In(Zone).Year()
		if _, seen := s.ByYear[y]; !seen {
			s.Years = append(s.Years, y)
		}
		s.ByYear[y]++
		if t.Event.InRegions() {
			s.InRegions++
		}
		for c, n := range t.Count() {
			s.ByCategory[c] += n
			s.Participants += n
		}
	}
	sort.Strings(s.Regions)
	sort.Ints(s.Years)
	return s
}

// YearOf is the year of t in Zone.
func YearOf(t time.Time) int { return t.In(Zone).Year() }

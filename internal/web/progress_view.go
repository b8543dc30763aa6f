package web

import (
	"math"
	"strconv"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// unassessedKey stands for the measures without an assessment where a
// completion level's name would go (CSS classes, CSV columns, patterns).
const unassessedKey = "unassessed"

// levelKey names a completion level in CSS classes and CSV columns.
func levelKey(c monitor.Completion) string {
	if c == "" {
		return unassessedKey
	}
	return string(c)
}

// levelLabel names a completion level in the reader's language.
func levelLabel(l locale, c monitor.Completion) string {
	if c == "" {
		return l.T("progress.unassessed")
	}
	return l.T("monitor.completion." + string(c))
}

// shownLevels are the completion levels a round's tables have columns for:
// the IRM's four always, the others only when some measure has them, so
// that a table stays narrow enough for a phone.
func shownLevels(overall monitor.Distribution) []monitor.Completion {
	var out []monitor.Completion
	for _, c := range monitor.Completions {
		if c.Rank() >= 0 || overall.Counts[c] > 0 {
			out = append(out, c)
		}
	}
	return out
}

// sharePercent writes a percentage the locale's way with at most one
// decimal: "33.3%", "33,3%", "33,3 %"; a whole number has none.
func sharePercent(lang string, v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	switch lang {
	case "az":
		return strings.Replace(s, ".", ",", 1) + "%"
	case "ru":
		return strings.Replace(s, ".", ",", 1) + "\u00a0%"
	}
	return s + "%"
}

// levelCell is one completion level's figures in a row of a table.
type levelCell struct {
	Key   string
	Label string
	Count int
	Share string
}

// groupRow is an area's, an executor's or the whole plan's distribution
// as a row of a table, every figure taken from monitor.Summarise.
type groupRow struct {
	ID     int64
	Name   plan.Text
	Number string
	// URL is where the group is described: its area's measures, its
	// organisation's page.
	URL                        string
	Measures, Assessed, Scored int
	Unassessed                 int
	Cells                      []levelCell
	Score                      string
}

// newGroupRow lays out one distribution over the levels the table shows.
func newGroupRow(l locale, levels []monitor.Completion, g monitor.GroupProgress) groupRow {
	d := g.Distribution
	row := groupRow{ID: g.ID, Name: g.Name, Number: g.Number, Measures: d.Measures, Assessed: d.Assessed(), Scored: d.Scored,
		Unassessed: d.Unassessed, Score: sharePercent(l.Lang, d.Score)}
	for _, c := range levels {
		row.Cells = append(row.Cells, levelCell{Key: levelKey(c), Label: levelLabel(l, c), Count: d.Counts[c], Share: sharePercent(l.Lang, d.Share(c))})
	}
	return row
}

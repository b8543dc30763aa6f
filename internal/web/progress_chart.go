package web

import (
	"math"

	"ogpp/internal/monitor"
)

// The geometry of the stacked bar charts. Heights are in CSS pixels and
// horizontal positions in percent of the chart's width, so that a chart
// fills a phone's screen as well as a desktop's and its text keeps the
// same readable size on both (a viewBox would shrink it on a phone).
const (
	chartLabelLine = 18.0 // from a row's top to its label's baseline
	chartBarTop    = 26.0 // from a row's top to its bar
	chartBarHeight = 26.0
	chartRowHeight = 64.0
	// chartLabelShare is the part of the width a label may take before it
	// is cut off, leaving the rest to the score at the right.
	chartLabelShare = 80
	// chartLabelRunes bounds a label's text on the server as well; the
	// table with the chart has it whole.
	chartLabelRunes = 90
	// chartCountMin is the narrowest segment, in percent, that gets its
	// count written in it (about 20 pixels on a phone); narrower ones
	// have it in their tooltip and the table.
	chartCountMin = 6.0
)

// stackedChart is a chart of horizontal bars, one per group, each split by
// completion level, drawn by the template as SVG.
type stackedChart struct {
	Height float64
	// LabelShare is the percentage of the width labels may take.
	LabelShare int
	Bars       []chartBar
}

// chartView is a chart as a template draws it: its element id, its
// accessible name and description, and whether it carries the fill
// patterns every chart of the page uses (the first chart does).
type chartView struct {
	L           locale
	ID          string
	Title, Desc string
	Chart       stackedChart
	Defs        bool
}

// chartBar is one group's bar.
type chartBar struct {
	ID int64
	// Label is the group's name, shortened to fit; Title is whole.
	Label, Title string
	Score        string
	Measures     int
	// LabelTop and LabelHeight place the label's line, LabelY is its
	// baseline within that line and ScoreY the score's on the chart.
	LabelTop, LabelHeight, LabelY, ScoreY float64
	BarY, BarHeight                       float64
	Segments                              []chartSegment
}

// chartSegment is the part of a bar at one completion level; X, Width
// and TextX are percentages of the bar's width.
type chartSegment struct {
	Key, Label   string
	Count        int
	Share        string // "" for the measures not assessed, which have no share
	X, Width     float64
	TextX, TextY float64
	ShowCount    bool
}

// chartRow is what a bar is drawn from.
type chartRow struct {
	ID           int64
	Label        string
	Distribution monitor.Distribution
}

// chartLevels are the segments' order along a bar: the IRM's scale from
// not started to complete, the levels off it, then the measures not
// assessed, as the legend and the tables list them.
func chartLevels() []monitor.Completion {
	return append(append([]monitor.Completion(nil), monitor.Completions...), "")
}

// newStackedChart lays the rows out one under the other. A bar's length
// stands for all the group's measures; each segment's for its share.
func newStackedChart(l locale, rows []chartRow) stackedChart {
	c := stackedChart{Height: chartRowHeight * float64(len(rows)), LabelShare: chartLabelShare}
	for i, row := range rows {
		top := chartRowHeight * float64(i)
		d := row.Distribution
		bar := chartBar{ID: row.ID, Label: chartShorten(row.Label, chartLabelRunes), Title: row.Label, Score: sharePercent(l.Lang, d.Score),
			Measures: d.Measures, LabelTop: top, LabelHeight: chartBarTop, LabelY: chartLabelLine, ScoreY: top + chartLabelLine, BarY: top + chartBarTop, BarHeight: chartBarHeight}
		done := 0
		for _, level := range chartLevels() {
			n := d.Unassessed
			share := ""
			if level != "" {
				n = d.Counts[level]
				share = sharePercent(l.Lang, d.Share(level))
			}
			if n == 0 || d.Measures == 0 {
				continue
			}
			// Positions come from the running count, so the segments meet
			// exactly and the last one ends at the full width.
			x0 := svgUnit(100 * float64(done) / float64(d.Measures))
			done += n
			x1 := svgUnit(100 * float64(done) / float64(d.Measures))
			seg := chartSegment{Key: levelKey(level), Label: levelLabel(l, level), Count: n, Share: share,
				X: x0, Width: svgUnit(x1 - x0), TextX: svgUnit((x0 + x1) / 2), TextY: bar.BarY + chartBarHeight/2 + 5}
			seg.ShowCount = seg.Width >= chartCountMin
			bar.Segments = append(bar.Segments, seg)
		}
		c.Bars = append(c.Bars, bar)
	}
	return c
}

// svgUnit rounds a position to what a screen or printer can show.
func svgUnit(v float64) float64 { return math.Round(v*100) / 100 }

// chartShorten cuts s to n characters, marking the cut.
func chartShorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

package report

import (
	"io"
	"strings"
	"time"

	"ogpp/internal/monitor"
)

// levelColours are the fills of the completion levels, the dashboard's
// chart colours ("" is not assessed).
var levelColours = map[monitor.Completion]colour{
	monitor.NotStarted:  {246, 215, 210},
	monitor.Limited:     {252, 233, 169},
	monitor.Substantial: {169, 216, 184},
	monitor.Complete:    {0, 112, 60},
	monitor.Withdrawn:   {217, 217, 217},
	monitor.Unclear:     {236, 236, 236},
	monitor.NoEvidence:  {243, 242, 241},
	"":                  {255, 255, 255},
}

// chartOrder is the segments' order along a bar, as on the dashboard: the
// IRM's scale, the levels off it, then the measures not assessed.
func chartOrder() []monitor.Completion {
	return append(append([]monitor.Completion(nil), monitor.Completions...), "")
}

// WritePDF writes the monitoring report as a PDF: a cover, the summary
// figures, two charts drawn in the PDF (the distribution of completion and
// completion by area), then a section per area with each measure's
// assessment and evidence. generated dates the file itself.
func (r Round) WritePDF(out io.Writer, generated time.Time) error {
	pdfSlots <- struct{}{}
	defer func() { <-pdfSlots }()
	l := labels(r.Lang)
	title := r.PlanTitle
	w := newPDF(l, title, r.Platform+" · "+r.RoundName, generated)
	f := w.f

	// The cover.
	f.AddPage()
	f.SetY(60)
	w.font("", 11, mutedColour)
	w.multi(contentWidth, 6, r.Platform, "", "L", false)
	f.Ln(4)
	w.font("B", 22, textColour)
	w.multi(contentWidth, 10, title, "", "L", false)
	f.Ln(4)
	w.font("", 14, accent)
	w.multi(contentWidth, 7, r.RoundName, "", "L", false)
	f.Ln(10)
	w.font("", 11, textColour)
	if r.Member != "" {
		w.field(l.T("report.member"), r.Member)
	}
	if r.Period != "" {
		w.field(l.T("progress.period"), r.Period)
	}
	w.field(l.T("progress.asof"), r.AsOf)
	w.field(l.T("report.generated"), r.Generated)
	if r.Draft {
		f.Ln(6)
		w.font("B", 10, textColour)
		w.multi(contentWidth, 5, l.T("progress.unpublished.title")+" "+l.T("progress.unpublished.body"), "1", "L", false)
	}

	// The summary figures and charts.
	f.AddPage()
	w.heading(l.T("progress.overall"), 16)
	w.keyFigures([]Field{
		{l.T("progress.score"), l.Percent(r.Overall.Score)},
		{l.T("progress.assessed.of", l.Num(r.Overall.Measures)), l.Num(r.Overall.Assessed())},
		{l.T("progress.starred.count"), l.Num(r.Starred)},
		{l.T("progress.overdue.count"), l.Num(r.Overdue)},
	})
	w.para(l.T("progress.score.explained"), 8.5, mutedColour)
	f.Ln(4)
	w.heading(l.T("report.chart.distribution"), 12)
	r.distributionChart(w)
	f.Ln(6)
	w.heading(l.T("progress.areas.chart"), 12)
	r.areaChart(w)

	// A section per area.
	for _, a := range r.Areas {
		f.AddPage()
		w.heading(a.Name, 15)
		d := a.Distribution
		w.para(l.T("report.area.figures", l.Num(d.Measures), l.Num(d.Assessed()), l.Percent(d.Score)), 9.5, mutedColour)
		f.Ln(3)
		for _, m := range a.Measures {
			r.measurePDF(w, m)
		}
	}
	return w.write(out)
}

// keyFigures writes figures side by side, each big above its label.
func (w *pdfWriter) keyFigures(fs []Field) {
	f := w.f
	cw := contentWidth / float64(len(fs))
	x, y := f.GetX(), f.GetY()
	for i, fig := range fs {
		f.SetXY(x+float64(i)*cw, y)
		w.font("B", 20, accent)
		w.cell(cw-2, 10, fig.Value, "", 2, "L", false, 0, "")
		f.SetX(x + float64(i)*cw)
		w.font("", 8.5, textColour)
		w.multi(cw-3, 4, fig.Label, "", "L", false)
	}
	f.SetXY(x, y+24)
}

// distributionChart draws one bar per completion level, its length the
// level's count against the largest, with the count and share beside it.
func (r Round) distributionChart(w *pdfWriter) {
	f := w.f
	l := labels(r.Lang)
	const labelW, valueW, barH, gap = 48.0, 30.0, 6.0, 2.5
	barW := contentWidth - labelW - valueW
	type row struct {
		c     monitor.Completion
		label string
		n     int
	}
	var rows []row
	for _, lv := range r.Levels {
		rows = append(rows, row{lv.Completion, lv.Label, r.Overall.Counts[lv.Completion]})
	}
	if r.Overall.Unassessed > 0 {
		rows = append(rows, row{"", levelLabel(l, ""), r.Overall.Unassessed})
	}
	most := 0
	for _, x := range rows {
		most = max(most, x.n)
	}
	w.needSpace(float64(len(rows)) * (barH + gap))
	for _, x := range rows {
		y := f.GetY()
		w.font("", 9, textColour)
		f.SetXY(pageMargin, y)
		w.cell(labelW-2, barH, x.label, "", 0, "R", false, 0, "")
		f.SetDrawColor(ruleColour.R, ruleColour.G, ruleColour.B)
		f.SetLineWidth(0.2)
		w.fill(colour{238, 240, 241})
		f.Rect(pageMargin+labelW, y, barW, barH, "F")
		if most > 0 && x.n > 0 {
			w.fill(levelColours[x.c])
			f.Rect(pageMargin+labelW, y, barW*float64(x.n)/float64(most), barH, "FD")
		}
		f.SetXY(pageMargin+labelW+barW+2, y)
		value := l.Num(x.n)
		if x.c != "" {
			value += " · " + l.Percent(r.Overall.Share(x.c))
		}
		w.cell(valueW-2, barH, value, "", 0, "L", false, 0, "")
		f.SetY(y + barH + gap)
	}
}

// areaChart draws one bar per area, split by completion level, each bar
// standing for all the area's measures, with its score and a legend.
func (r Round) areaChart(w *pdfWriter) {
	f := w.f
	l := labels(r.Lang)
	const scoreW, barH, labelH, gap = 18.0, 6.0, 4.5, 3.0
	barW := contentWidth - scoreW
	for _, a := range r.Areas {
		d := a.Distribution
		w.needSpace(labelH + barH + gap)
		y := f.GetY()
		w.font("", 8.5, textColour)
		f.SetXY(pageMargin, y)
		w.cell(barW, labelH, shorten(a.Name, 110), "", 0, "L", false, 0, "")
		w.font("B", 8.5, textColour)
		w.cell(scoreW, labelH, l.Percent(d.Score), "", 0, "R", false, 0, "")
		y += labelH
		f.SetDrawColor(ruleColour.R, ruleColour.G, ruleColour.B)
		f.SetLineWidth(0.2)
		done := 0
		for _, c := range chartOrder() {
			n := d.Unassessed
			if c != "" {
				n = d.Counts[c]
			}
			if n == 0 || d.Measures == 0 {
				continue
			}
			// Positions come from the running count, so the segments meet
			// exactly and the last one ends at the full width.
			x0 := barW * float64(done) / float64(d.Measures)
			done += n
			x1 := barW * float64(done) / float64(d.Measures)
			w.fill(levelColours[c])
			f.Rect(pageMargin+x0, y, x1-x0, barH, "FD")
			if x1-x0 >= 6 {
				w.font("B", 7.5, segmentText(c))
				f.SetXY(pageMargin+x0, y)
				w.cell(x1-x0, barH, l.Num(n), "", 0, "C", false, 0, "")
			}
		}
		f.SetY(y + barH + gap)
	}
	// The legend.
	f.Ln(1)
	x := pageMargin
	y := f.GetY()
	for _, c := range chartOrder() {
		if c != "" && c.Rank() < 0 && r.Overall.Counts[c] == 0 || c == "" && r.Overall.Unassessed == 0 {
			continue
		}
		label := levelLabel(l, c)
		w.font("", 8, textColour)
		wd := 5 + f.GetStringWidth(label) + 5
		if x+wd > pageMargin+contentWidth {
			x, y = pageMargin, y+5
		}
		w.fill(levelColours[c])
		f.Rect(x, y+0.7, 3.5, 3.5, "FD")
		f.SetXY(x+4.5, y)
		w.cell(wd-4.5, 5, label, "", 0, "L", false, 0, "")
		x += wd
	}
	f.SetY(y + 7)
}

// segmentText is the colour of a count written on a segment: white on the
// dark "complete", black elsewhere.
func segmentText(c monitor.Completion) colour {
	if c == monitor.Complete {
		return colour{255, 255, 255}
	}
	return textColour
}

// measurePDF writes a measure: its clause and title, completion, ratings,
// narrative and evidence.
func (r Round) measurePDF(w *pdfWriter, m MeasureEntry) {
	f := w.f
	l := labels(r.Lang)
	w.needSpace(30)
	heading := m.Title
	if m.Clause != "" {
		heading = m.Clause + " " + heading
	}
	w.font("B", 11, textColour)
	w.multi(contentWidth, 5.5, heading, "", "L", false)
	var marks []string
	if m.Starred {
		marks = append(marks, l.T("progress.starred.mark"))
	}
	if m.Overdue {
		marks = append(marks, l.T("report.overdue.mark"))
	}
	if len(marks) > 0 {
		w.font("B", 8.5, accent)
		w.multi(contentWidth, 4.5, strings.Join(marks, " · "), "", "L", false)
	}
	f.Ln(1)
	if !m.Assessed {
		w.para(l.T("progress.unassessed"), 9, mutedColour)
	}
	for _, fd := range m.Ratings {
		w.field(fd.Label, fd.Value)
	}
	if m.Narrative != "" {
		f.Ln(1)
		w.para(m.Narrative, 9.5, textColour)
	}
	if len(m.Evidence) > 0 {
		f.Ln(1)
		w.font("B", 9, textColour)
		w.multi(contentWidth, lineHeight, l.T("report.evidence"), "", "L", false)
		for _, e := range m.Evidence {
			line := "• " + e.Label()
			if e.URL != "" && e.URL != e.Label() {
				line += " — " + e.URL
			}
			if e.FileName != "" {
				if e.FileName != e.Label() {
					line += " — " + e.FileName
				}
				line += " (SHA-256 " + e.SHA256 + ")"
			}
			w.font("", 8.5, textColour)
			w.multi(contentWidth, 4.5, line, "", "L", false)
		}
	}
	f.Ln(3)
	w.rule()
	f.Ln(3)
}

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

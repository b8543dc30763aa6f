package report

import (
	"io"
	"time"
)

// WritePDF writes the activity report as a PDF: the project's goal, its
// indicators (target, reported, recorded), its events and their
// participants by category with a chart, surveys and media coverage.
func (r Project) WritePDF(out io.Writer, generated time.Time) error {
	pdfSlots <- struct{}{}
	defer func() { <-pdfSlots }()
	l := labels(r.Lang)
	w := newPDF(l, r.Title, r.Platform+" · "+l.T("report.project.title"), generated)
	f := w.f
	f.AddPage()
	w.font("", 10, mutedColour)
	w.multi(contentWidth, 5, r.Platform+" · "+l.T("report.project.title"), "", "L", false)
	f.Ln(2)
	w.heading(r.Title, 18)
	if r.GeneralGoal != "" {
		w.field(l.T("logframe.project.general_goal"), r.GeneralGoal)
	}
	w.field(l.T("report.generated"), r.Generated)
	w.field(l.T("report.project.activities"), l.T("report.project.activities.done", l.Num(r.ActivitiesDone), l.Num(r.Activities)))
	f.Ln(4)

	w.heading(l.T("report.project.indicators"), 13)
	if len(r.Indicators) == 0 {
		w.para(l.T("report.none"), 9.5, mutedColour)
	} else {
		w.table([]string{l.T("logframe.indicator.name"), l.T("logframe.indicator.target"), l.T("report.reported"), l.T("report.recorded")},
			[]float64{contentWidth - 75, 25, 25, 25}, func(add func(...string)) {
				for _, ind := range r.Indicators {
					add(ind.Name, ind.Target, ind.Reported, ind.Recorded)
				}
			})
	}
	f.Ln(4)

	w.heading(l.T("report.project.events"), 13)
	s := r.Statistics
	w.keyFigures([]Field{
		{l.T("report.events.held"), l.Num(s.Events)},
		{l.T("report.events.regions"), l.Num(s.InRegions)},
		{l.T("report.participants"), l.Num(s.Participants)},
	})
	if len(r.Categories) > 0 {
		w.heading(l.T("report.participants.by_category"), 11)
		w.countChart(l, r.Categories)
	}
	if len(r.Events) > 0 {
		f.Ln(2)
		w.table([]string{l.T("report.date"), l.T("report.event"), l.T("report.region"), l.T("report.participants")},
			[]float64{28, contentWidth - 28 - 35 - 25, 35, 25}, func(add func(...string)) {
				for _, e := range r.Events {
					add(e.Date, e.Title+" ("+e.Kind+")", e.Region, l.Num(e.Participants))
				}
			})
	}
	f.Ln(4)

	w.heading(l.T("report.project.surveys"), 13)
	if len(r.Surveys) == 0 {
		w.para(l.T("report.none"), 9.5, mutedColour)
	} else {
		w.table([]string{l.T("report.survey"), l.T("report.responses"), l.T("report.sample")},
			[]float64{contentWidth - 50, 25, 25}, func(add func(...string)) {
				for _, sv := range r.Surveys {
					sample := ""
					if sv.SampleSize > 0 {
						sample = l.Num(sv.SampleSize)
					}
					add(sv.Title, l.Num(sv.Responses), sample)
				}
			})
	}
	f.Ln(4)

	w.heading(l.T("media.title"), 13)
	if len(r.Media) == 0 {
		w.para(l.T("report.none"), 9.5, mutedColour)
	} else {
		w.table([]string{l.T("report.date"), l.T("report.outlet"), l.T("report.piece")},
			[]float64{28, 45, contentWidth - 73}, func(add func(...string)) {
				for _, m := range r.Media {
					title := m.Title
					if m.URL != "" {
						title += " — " + m.URL
					}
					add(m.Date, m.Outlet+" ("+m.Kind+")", title)
				}
			})
	}
	return w.write(out)
}

// table writes a table with a bold header; rows wrap within their cells
// and a row that would not fit starts a new page, header repeated.
func (w *pdfWriter) table(header []string, widths []float64, rows func(add func(...string))) {
	f := w.f
	const size, lh = 8.5, 4.4
	drawHeader := func() {
		w.font("B", size, textColour)
		w.fill(colour{238, 240, 241})
		for i, h := range header {
			w.cell(widths[i], lh+1.5, h, "B", 0, "L", true, 0, "")
		}
		f.Ln(-1)
	}
	w.needSpace(3 * lh)
	drawHeader()
	rows(func(cells ...string) {
		w.font("", size, textColour)
		lines := 1
		for i, c := range cells {
			if n := len(f.SplitText(pdfSafe(c), widths[i]-2)); n > lines {
				lines = n
			}
		}
		h := float64(lines)*lh + 1
		_, pageH := f.GetPageSize()
		_, _, _, bottom := f.GetMargins()
		if f.GetY()+h > pageH-bottom {
			f.AddPage()
			drawHeader()
			w.font("", size, textColour)
		}
		x, y := f.GetX(), f.GetY()
		for i, c := range cells {
			f.SetXY(x, y)
			w.multi(widths[i], lh, c, "", "L", false)
			x += widths[i]
		}
		f.SetXY(pageMargin, y+h)
		w.rule()
	})
}

// countChart draws one bar per row, its length the count against the
// largest, with the count beside it.
func (w *pdfWriter) countChart(l labels, rows []CountRow) {
	f := w.f
	const labelW, valueW, barH, gap = 55.0, 18.0, 5.5, 2.0
	barW := contentWidth - labelW - valueW
	most := 0
	for _, r := range rows {
		most = max(most, r.Count)
	}
	for _, r := range rows {
		w.needSpace(barH + gap)
		y := f.GetY()
		w.font("", 8.5, textColour)
		f.SetXY(pageMargin, y)
		w.cell(labelW-2, barH, shorten(r.Label, 40), "", 0, "R", false, 0, "")
		if most > 0 {
			w.fill(accent)
			f.Rect(pageMargin+labelW, y, barW*float64(r.Count)/float64(most), barH, "F")
		}
		f.SetXY(pageMargin+labelW+barW*float64(r.Count)/float64(max(most, 1))+1.5, y)
		w.cell(valueW, barH, l.Num(r.Count), "", 0, "L", false, 0, "")
		f.SetY(y + barH + gap)
	}
}

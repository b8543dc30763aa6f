package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxSheetName is the longest sheet name a spreadsheet accepts.
const maxSheetName = 31

// WriteXLSX writes the monitoring report as a workbook: a summary sheet with
// the dashboard's figures (key figures, measures by completion, completion
// by area) and one sheet per area with a row per measure. Counts are
// numbers and shares and scores percentages as numbers, so that the sheet
// can be computed with.
func (r Round) WriteXLSX(out io.Writer) error {
	l := labels(r.Lang)
	x := excelize.NewFile()
	defer x.Close()
	summary := SheetName(l.T("report.sheet.summary"), nil)
	if err := x.SetSheetName("Sheet1", summary); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	s := &sheetWriter{x: x, name: summary, bold: bold}
	s.row(true, r.PlanTitle)
	s.row(false, r.RoundName)
	s.row(false, l.T("progress.period"), r.Period)
	s.row(false, l.T("progress.asof"), r.AsOf)
	s.row(false, l.T("report.generated"), r.Generated)
	s.row(false, r.Platform)
	if r.Draft {
		s.row(false, l.T("progress.unpublished.title"))
	}
	s.row(false)
	o := r.Overall
	s.row(true, l.T("progress.overall"))
	s.row(false, l.T("progress.measures"), o.Measures)
	s.row(false, l.T("report.assessed"), o.Assessed())
	s.row(false, l.T("progress.unassessed"), o.Unassessed)
	s.row(false, l.T("report.score.percent"), o.Score)
	s.row(false, l.T("progress.starred.count"), r.Starred)
	s.row(false, l.T("progress.overdue.count"), r.Overdue)
	s.row(false)
	s.row(true, l.T("progress.completion"), l.T("progress.measures"), l.T("report.share.percent"))
	for _, lv := range r.Levels {
		s.row(false, lv.Label, o.Counts[lv.Completion], o.Share(lv.Completion))
	}
	s.row(false, l.T("progress.unassessed"), o.Unassessed)
	s.row(false, l.T("progress.total"), o.Measures)
	s.row(false)
	header := []any{l.T("progress.area"), l.T("progress.measures"), l.T("report.assessed")}
	for _, lv := range r.Levels {
		header = append(header, lv.Label)
	}
	header = append(header, l.T("progress.unassessed"), l.T("report.score.percent"))
	s.row(true, l.T("progress.areas.table"))
	s.row(true, header...)
	for _, a := range r.Areas {
		d := a.Distribution
		row := []any{a.Name, d.Measures, d.Assessed()}
		for _, lv := range r.Levels {
			row = append(row, d.Counts[lv.Completion])
		}
		row = append(row, d.Unassessed, d.Score)
		s.row(false, row...)
	}
	if err := s.err; err != nil {
		return err
	}
	if err := x.SetColWidth(summary, "A", "A", 48); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}

	used := map[string]bool{strings.ToLower(summary): true}
	for _, a := range r.Areas {
		name := SheetName(a.Name, used)
		if _, err := x.NewSheet(name); err != nil {
			return fmt.Errorf("write xlsx: sheet %q: %w", name, err)
		}
		as := &sheetWriter{x: x, name: name, bold: bold}
		as.row(true, a.Name)
		as.row(true, l.T("measure.clause"), l.T("measure.title"), l.T("monitor.field.completion"), l.T("monitor.field.verifiable"),
			l.T("monitor.field.relevance"), l.T("monitor.field.impact"), l.T("monitor.field.opened"), l.T("monitor.field.early_results"),
			l.T("progress.starred.mark"), l.T("report.overdue.mark"), l.T("monitor.field.narrative"), l.T("report.evidence"))
		for _, m := range a.Measures {
			rating := map[string]string{}
			for _, fd := range m.Ratings {
				rating[fd.Label] = fd.Value
			}
			var ev []string
			for _, e := range m.Evidence {
				line := e.Label()
				if e.URL != "" && e.URL != line {
					line += " " + e.URL
				}
				if e.SHA256 != "" {
					line += " SHA-256 " + e.SHA256
				}
				ev = append(ev, line)
			}
			as.row(false, m.Clause, m.Title, levelLabel(l, m.Completion), rating[l.T("monitor.field.verifiable")],
				rating[l.T("monitor.field.relevance")], rating[l.T("monitor.field.impact")], rating[l.T("monitor.field.opened")],
				rating[l.T("monitor.field.early_results")], yesNo(l, m.Starred), yesNo(l, m.Overdue), m.Narrative, strings.Join(ev, "\n"))
		}
		if as.err != nil {
			return as.err
		}
		for col, width := range map[string]float64{"A": 10, "B": 60, "C": 16, "K": 80, "L": 60} {
			if err := x.SetColWidth(name, col, col, width); err != nil {
				return fmt.Errorf("write xlsx: %w", err)
			}
		}
		if err := x.SetColStyle(name, "B", wrap); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
		// The headings stay in view while the measures scroll.
		if err := x.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("write xlsx: %w", err)
		}
	}
	if err := x.Write(out); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// yesNo writes a flag as the scale's yes, or nothing.
func yesNo(l labels, b bool) string {
	if b {
		return l.T("monitor.verifiable.yes")
	}
	return ""
}

// sheetWriter appends rows to a sheet, keeping the first error.
type sheetWriter struct {
	x    *excelize.File
	name string
	bold int
	n    int
	err  error
}

// row appends a row; bold rows are headings.
func (s *sheetWriter) row(bold bool, cells ...any) {
	s.n++
	if s.err != nil || len(cells) == 0 {
		return
	}
	cell := "A" + strconv.Itoa(s.n)
	if err := s.x.SetSheetRow(s.name, cell, &cells); err != nil {
		s.err = fmt.Errorf("write xlsx: sheet %q row %d: %w", s.name, s.n, err)
		return
	}
	if bold {
		end, _ := excelize.CoordinatesToCellName(len(cells), s.n)
		if err := s.x.SetCellStyle(s.name, cell, end, s.bold); err != nil {
			s.err = fmt.Errorf("write xlsx: sheet %q row %d: %w", s.name, s.n, err)
		}
	}
}

// SheetName makes a spreadsheet's sheet name of s: without the characters
// a name may not hold ([ ] : * ? / \), without apostrophes at its ends, at
// most 31 characters, and, when used is given, not one of used (compared
// without case, as spreadsheets do) — a number in brackets tells apart
// names that would be the same. The name chosen is added to used.
func SheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return ' '
		}
		if r < ' ' {
			return ' '
		}
		return r
	}, s)
	s = strings.Trim(strings.Join(strings.Fields(s), " "), "' ")
	if s == "" {
		s = "-"
	}
	name := cutRunes(s, maxSheetName)
	for i := 2; used != nil && used[strings.ToLower(name)]; i++ {
		suffix := " (" + strconv.Itoa(i) + ")"
		name = strings.TrimRight(cutRunes(s, maxSheetName-utf8.RuneCountInString(suffix)), "' ") + suffix
	}
	if used != nil {
		used[strings.ToLower(name)] = true
	}
	return name
}

// cutRunes keeps the first n characters of s, without trailing spaces.
func cutRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n]), " '")
}

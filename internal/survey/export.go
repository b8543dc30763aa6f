package survey

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// exportHeader is the header row of a response export: the response's own
// columns, then one column per question (its text in lang).
func exportHeader(s Survey, lang string, labels ExportLabels) []string {
	h := []string{labels.ID, labels.Channel, labels.Respondent, labels.EnteredBy, labels.Time}
	for _, q := range s.Questions() {
		h = append(h, q.Text.In(lang).Value)
	}
	return h
}

// ExportLabels are the translated names of the export's fixed columns and
// sheets.
type ExportLabels struct {
	ID, Channel, Respondent, EnteredBy, Time string
	Responses, Summary                       string
	Question, Answer, Count, Percent         string
}

// exportRow is one response as cells: choices by their label, several
// chosen options joined by "; ".
func exportRow(s Survey, r Response, lang string) []string {
	row := []string{strconv.FormatInt(r.ID, 10), r.Channel, r.Respondent, r.EnteredName, r.CreatedAt.UTC().Format("2006-01-02 15:04:05")}
	for _, q := range s.Questions() {
		vals := r.Answers[q.Key]
		if q.Choice() {
			labels := make([]string, 0, len(vals))
			for _, v := range vals {
				if o, ok := q.Option(v); ok {
					labels = append(labels, o.Label.In(lang).Value)
				} else {
					labels = append(labels, v)
				}
			}
			vals = labels
		}
		row = append(row, strings.Join(vals, "; "))
	}
	return row
}

// guardCell keeps a spreadsheet from running an answer typed by the public
// as a formula (CSV injection): a cell starting with =, + or @, or with a
// minus that does not start a number, gets an apostrophe in front. The
// XLSX export needs none: its cells are typed as text.
func guardCell(c string) string {
	if c == "" {
		return c
	}
	switch c[0] {
	case '=', '+', '@':
		return "'" + c
	case '-':
		if _, err := strconv.ParseFloat(c, 64); err != nil {
			return "'" + c
		}
	}
	return c
}

// WriteCSV writes the responses as CSV with a UTF-8 byte order mark, so
// that Excel opens the Azerbaijani letters as they are.
func WriteCSV(w io.Writer, s Survey, responses []Response, lang string, labels ExportLabels) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader(s, lang, labels)); err != nil {
		return err
	}
	for _, r := range responses {
		row := exportRow(s, r, lang)
		for i := range row {
			row[i] = guardCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes a workbook of two sheets: the responses, one a row under
// a header row, and a summary of the counts and percentages per answer.
func WriteXLSX(w io.Writer, s Survey, responses []Response, lang string, labels ExportLabels) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", labels.Responses); err != nil {
		return err
	}
	put := func(sheet string, row int, cells []any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, cell, &cells)
	}
	strs := func(ss []string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	if err := put(labels.Responses, 1, strs(exportHeader(s, lang, labels))); err != nil {
		return err
	}
	for i, r := range responses {
		if err := put(labels.Responses, i+2, strs(exportRow(s, r, lang))); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(labels.Summary); err != nil {
		return err
	}
	row := 1
	if err := put(labels.Summary, row, []any{labels.Question, labels.Answer, labels.Count, labels.Percent}); err != nil {
		return err
	}
	for _, qr := range Tally(s, responses, lang).Questions {
		for _, c := range qr.Counts {
			row++
			if err := put(labels.Summary, row, []any{qr.Question.Text.In(lang).Value, c.Label, c.N, c.Percent}); err != nil {
				return err
			}
		}
	}
	return f.Write(w)
}

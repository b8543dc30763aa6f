package web

import (
	"net/url"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// logframeBlankRows is how many empty rows a form's lists (goals,
// outputs) offer beyond the filled ones: without script, saving is what
// brings more.
const logframeBlankRows = 2

// logframeMaxFormRows bounds the rows a posted list is read from; the
// domain refuses more than it keeps anyway.
const logframeMaxFormRows = 60

// outputRow is one row of a form's outputs table.
type outputRow struct {
	N                int
	Kind, Title, URL string
}

// ID is the id of one of the row's inputs: "output-0-url".
func (o outputRow) ID(part string) string { return "output-" + strconv.Itoa(o.N) + "-" + part }

// Name is the form name of one of the row's inputs: "output.0.url".
func (o outputRow) Name(part string) string { return "output." + strconv.Itoa(o.N) + "." + part }

// putOutputs writes outputs into form values.
func putOutputs(v map[string]string, outputs []platform.Output) {
	for i, o := range outputs {
		r := outputRow{N: i}
		v[r.Name("kind")], v[r.Name("title")], v[r.Name("url")] = string(o.Kind), o.Title, o.URL
	}
}

// formOutputs reads a posted outputs table; the domain drops the empty
// rows.
func formOutputs(form url.Values) []platform.Output {
	var out []platform.Output
	for i := range logframeMaxFormRows {
		r := outputRow{N: i}
		o := platform.Output{Kind: platform.OutputKind(form.Get(r.Name("kind"))), Title: form.Get(r.Name("title")), URL: form.Get(r.Name("url"))}
		if o.Title != "" || o.URL != "" {
			out = append(out, o)
		}
	}
	return out
}

// keepOutputs copies a posted outputs table into form values, as typed.
func keepOutputs(form url.Values, v map[string]string) {
	for i := range logframeMaxFormRows {
		r := outputRow{N: i}
		keep(form, v, r.Name("kind"), r.Name("title"), r.Name("url"))
	}
}

// outputRows lists the rows a form shows: the filled ones, then blank
// ones.
func outputRows(v map[string]string) []outputRow {
	var rows []outputRow
	last := -1
	for i := range logframeMaxFormRows {
		r := outputRow{N: i}
		if v[r.Name("title")] != "" || v[r.Name("url")] != "" {
			last = i
		}
	}
	for i := 0; i <= last+logframeBlankRows; i++ {
		r := outputRow{N: i}
		r.Kind, r.Title, r.URL = v[r.Name("kind")], v[r.Name("title")], v[r.Name("url")]
		if r.Kind == "" {
			r.Kind = string(platform.OutputDocument)
		}
		rows = append(rows, r)
	}
	return rows
}

// logframeRefuse turns field errors into a form's error list, anchoring
// the translatable fields on their first language and the lists on their
// first row.
func logframeRefuse(l locale, fe plan.FieldErrors, order []string, texts ...string) []fieldError {
	anchor := map[string]string{"outputs": outputRow{}.ID("url"), "goals": goalRow{}.ID("id")}
	textAnchors(anchor, texts...)
	return editErrors(l, fe, order, anchor)
}

// outputRowsView is a form's outputs table, for the "lf-output-rows"
// partial.
type outputRowsView struct {
	L     locale
	Rows  []outputRow
	Kinds []platform.OutputKind
	Error string
}

// OutputRows describes the activity form's outputs table.
func (f activityForm) OutputRows(l locale) outputRowsView {
	return outputRowsView{L: l, Rows: f.Outputs, Kinds: f.Kinds, Error: f.ErrorFor(outputRow{}.ID("url"))}
}

// OutputRows describes the task form's outputs table.
func (f taskForm) OutputRows(l locale) outputRowsView {
	return outputRowsView{L: l, Rows: f.Outputs, Kinds: f.Kinds, Error: f.ErrorFor(outputRow{}.ID("url"))}
}

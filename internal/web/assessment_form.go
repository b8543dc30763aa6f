package web

import (
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// assessmentFieldOrder is the assessment form's field order, for the error
// summary.
var assessmentFieldOrder = []string{"measure", "completion", "verifiable", "relevance", "impact", "opened", "early_results",
	"narrative", "milestones", "links", "file"}

// emptyLinkRows is how many blank link rows the form offers beyond the
// assessment's own, so that links are added without script.
const emptyLinkRows = 3

// maxLinkRows bounds the rows read from a posted form: the domain's limit
// and the blank rows, so that a crafted form cannot make the loop long.
const maxLinkRows = 50 + emptyLinkRows

// assessmentForm is the assessment page: the form with the user's values
// and problems, or, in a frozen round, the saved assessment read-only;
// and around it the evidence, the review and the government's account.
type assessmentForm struct {
	formView
	Round   monitor.Round
	Plan    plan.Plan
	Measure plan.Measure
	// Exists says the measure has an assessment in the round; Saved is
	// it, as stored, shown read-only and as the narrative's preview.
	Exists bool
	Saved  assessmentView
	// Frozen says the round is not open: the page is read-only.
	Frozen   bool
	Links    []linkRow
	Conflict *conflictView
	// EvidenceAction is where files are posted, and removed below.
	EvidenceAction string
	MaxUpload      string
	// FileError is the upload's problem, shown beside the file input.
	FileError string
	CanSubmit bool
	// CanReview says the signed-in user may review it now.
	CanReview bool
}

// linkRow is one row of the links table.
type linkRow struct {
	Index                  int
	Title, URL, Accessed   string
	TitleID, URLID, DateID string
}

// Radios describes one of the form's radio groups.
func (f assessmentForm) Radios(l locale, name string) radiosView {
	v := radiosView{L: l, Name: name, Legend: l.T("monitor.field." + name), Optional: name != "completion"}
	current := f.Values[name]
	switch name {
	case "completion":
		v.Hint = l.T("monitor.field.completion.hint")
		for _, c := range monitor.Completions {
			v.add(string(c), l.T("monitor.completion."+string(c)), current)
		}
	case "verifiable":
		v.Hint = l.T("monitor.field.verifiable.hint")
		v.add("yes", l.T("monitor.verifiable.yes"), current)
		v.add("no", l.T("monitor.verifiable.no"), current)
	case "impact":
		v.Hint = l.T("monitor.field.impact.hint")
		for _, x := range monitor.Impacts {
			v.add(string(x), l.T("monitor.impact."+string(x)), current)
		}
	case "opened":
		for _, x := range monitor.OpenedLevels {
			v.add(string(x), l.T("monitor.opened."+string(x)), current)
		}
	case "early_results":
		for _, x := range monitor.EarlyResultsLevels {
			v.add(string(x), l.T("monitor.early_results."+string(x)), current)
		}
	}
	if name != "completion" {
		v.add("", l.T("monitor.not_rated"), current)
	}
	if len(v.Options) > 0 {
		v.Error = f.ErrorFor(v.Options[0].ID)
	}
	return v
}

// Relevance lists the OGP values' checkboxes.
func (f assessmentForm) Relevance() []valueChoice {
	out := make([]valueChoice, 0, len(plan.OGPValues))
	for _, x := range plan.OGPValues {
		out = append(out, valueChoice{Value: x, Checked: f.Values["relevance."+string(x)] != ""})
	}
	return out
}

// MilestoneCompletion is the completion the form holds for a milestone.
func (f assessmentForm) MilestoneCompletion(id int64) string {
	return f.Values[milestoneKey(id)]
}

// Completions are the levels a milestone can be rated at.
func (f assessmentForm) Completions() []monitor.Completion { return monitor.Completions }

// Narrative describes the narrative's text area.
func (f assessmentForm) Narrative(l locale) fieldView {
	return fieldView{L: l, Name: "narrative", Label: l.T("monitor.field.narrative"), Hint: l.T("monitor.field.narrative.hint"),
		Value: f.Values["narrative"], Error: f.ErrorFor("narrative")}
}

func milestoneKey(id int64) string { return "milestone." + strconv.FormatInt(id, 10) }

func linkKey(i int, part string) string { return "link." + strconv.Itoa(i) + "." + part }

// assessmentFormValues turns a stored assessment into form values, the way
// assessmentEdit reads them back.
func assessmentFormValues(a monitor.Assessment) map[string]string {
	v := map[string]string{
		"completion":    string(a.Completion),
		"impact":        string(a.Impact),
		"opened":        string(a.Opened),
		"early_results": string(a.EarlyResults),
		"narrative":     a.Narrative,
		"version":       strconv.Itoa(a.Version),
	}
	if a.Verifiable != nil {
		v["verifiable"] = map[bool]string{true: "yes", false: "no"}[*a.Verifiable]
	}
	for _, x := range a.Relevance {
		v["relevance."+string(x)] = "on"
	}
	if a.RelevanceRated && len(a.Relevance) == 0 {
		v["relevance.none"] = "on"
	}
	for _, m := range a.Milestones {
		v[milestoneKey(m.MilestoneID)] = string(m.Completion)
	}
	i := 0
	for _, e := range a.Evidence {
		if e.Kind != monitor.EvidenceLink {
			continue
		}
		v[linkKey(i, "title")], v[linkKey(i, "url")] = e.Title, e.URL
		if e.AccessedOn != nil {
			v[linkKey(i, "accessed")] = e.AccessedOn.String()
		}
		i++
	}
	return v
}

// assessmentEdit reads a posted assessment form for a measure in a round,
// with the values to show again should it be refused and the form's own
// problems (what the domain cannot see: a malformed choice).
func assessmentEdit(form url.Values, roundID int64, m plan.Measure) (monitor.AssessmentEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "completion", "verifiable", "impact", "opened", "early_results", "narrative", "version", "relevance.none")
	version, _ := formInt(form, "version")
	e := monitor.AssessmentEdit{RoundID: roundID, MeasureID: m.ID, Version: int(version)}
	e.Completion = monitor.Completion(form.Get("completion"))
	e.Impact = monitor.Impact(form.Get("impact"))
	e.Opened = monitor.Opened(form.Get("opened"))
	e.EarlyResults = monitor.EarlyResults(form.Get("early_results"))
	e.Narrative = form.Get("narrative")
	switch form.Get("verifiable") {
	case "yes":
		e.Verifiable = new(true)
	case "no":
		e.Verifiable = new(false)
	case "":
	default:
		bad["verifiable"] = "monitor.verifiable.invalid"
	}
	for _, x := range plan.OGPValues {
		if form.Get("relevance."+string(x)) != "" {
			e.Relevance = append(e.Relevance, x)
			v["relevance."+string(x)] = "on"
		}
	}
	// "Relevant to none" is a judgement too, unlike leaving all unticked;
	// ticking a value as well is a contradiction to point out.
	if form.Get("relevance.none") != "" {
		e.RelevanceRated = true
		if len(e.Relevance) > 0 {
			bad["relevance"] = "monitor.relevance.contradiction"
		}
	}
	// Only the measure's own milestones are read: no other id can come in.
	for _, ms := range m.Milestones {
		c := form.Get(milestoneKey(ms.ID))
		v[milestoneKey(ms.ID)] = c
		e.Milestones = append(e.Milestones, monitor.MilestoneCompletion{MilestoneID: ms.ID, Completion: monitor.Completion(c)})
	}
	row := 0
	for i := 0; i < maxLinkRows; i++ {
		title, u, accessed := form.Get(linkKey(i, "title")), form.Get(linkKey(i, "url")), form.Get(linkKey(i, "accessed"))
		if strings.TrimSpace(title+u+accessed) == "" {
			continue
		}
		v[linkKey(row, "title")], v[linkKey(row, "url")], v[linkKey(row, "accessed")] = title, u, accessed
		row++
		e.Links = append(e.Links, monitor.LinkEdit{Title: title, URL: u, Accessed: accessed})
	}
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

// linkRows builds the link table from form values, with blank rows after.
func linkRows(v map[string]string) []linkRow {
	var rows []linkRow
	add := func(i int, title, u, accessed string) {
		rows = append(rows, linkRow{Index: i, Title: title, URL: u, Accessed: accessed,
			TitleID: "link-" + strconv.Itoa(i) + "-title", URLID: "link-" + strconv.Itoa(i) + "-url", DateID: "link-" + strconv.Itoa(i) + "-accessed"})
	}
	n := 0
	for i := 0; i < maxLinkRows; i++ {
		title, u, accessed := v[linkKey(i, "title")], v[linkKey(i, "url")], v[linkKey(i, "accessed")]
		if title == "" && u == "" && accessed == "" {
			continue
		}
		add(n, title, u, accessed)
		n++
	}
	for i := 0; i < emptyLinkRows; i++ {
		add(n+i, "", "", "")
	}
	return rows
}

// assessmentLabels names the form's fields for the conflict message.
func assessmentLabels(l locale) map[string]string {
	labels := map[string]string{}
	for _, f := range []string{"completion", "verifiable", "relevance", "impact", "opened", "early_results", "narrative", "milestones", "links"} {
		labels[f] = l.T("monitor.field." + f)
	}
	return labels
}

// flatAssessment turns form values into one line per field, in words, to
// compare two versions of the form.
func flatAssessment(l locale, m plan.Measure, v map[string]string) map[string]string {
	label := func(prefix, value string) string {
		if value == "" {
			return ""
		}
		return l.T(prefix + value)
	}
	out := map[string]string{
		"completion":    label("monitor.completion.", v["completion"]),
		"verifiable":    label("monitor.verifiable.", v["verifiable"]),
		"impact":        label("monitor.impact.", v["impact"]),
		"opened":        label("monitor.opened.", v["opened"]),
		"early_results": label("monitor.early_results.", v["early_results"]),
		"narrative":     strings.TrimSpace(strings.ReplaceAll(v["narrative"], "\r\n", "\n")),
	}
	var values []string
	for _, x := range plan.OGPValues {
		if v["relevance."+string(x)] != "" {
			values = append(values, l.T("value."+string(x)))
		}
	}
	if len(values) == 0 && v["relevance.none"] != "" {
		values = append(values, l.T("monitor.relevance.none"))
	}
	out["relevance"] = strings.Join(values, ", ")
	var ms []string
	for i, x := range m.Milestones {
		if c := v[milestoneKey(x.ID)]; c != "" {
			ms = append(ms, strconv.Itoa(i+1)+": "+l.T("monitor.completion."+c))
		}
	}
	out["milestones"] = strings.Join(ms, "; ")
	var links []string
	for _, row := range linkRows(v) {
		if row.URL != "" || row.Title != "" {
			links = append(links, strings.TrimSpace(row.Title+" "+row.URL+" "+row.Accessed))
		}
	}
	out["links"] = strings.Join(links, "; ")
	return out
}

// assessmentConflict compares the stored assessment with what the user
// typed: who saved it is on the version itself.
func assessmentConflict(l locale, m plan.Measure, current monitor.Assessment, yours map[string]string) *conflictView {
	order := []string{"completion", "verifiable", "relevance", "impact", "opened", "early_results", "narrative", "milestones", "links"}
	return &conflictView{By: current.AuthorName, At: current.UpdatedAt,
		Changes: compareForms(order, assessmentLabels(l), flatAssessment(l, m, assessmentFormValues(current)), flatAssessment(l, m, yours))}
}

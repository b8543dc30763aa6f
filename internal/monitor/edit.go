package monitor

import (
	"errors"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"ogpp/internal/plan"
)

var (
	// ErrFrozen refuses a change to an assessment of a round that is not
	// open.
	ErrFrozen = errors.New("the round is closed")
	// ErrOwnWork refuses a monitor's review of their own assessment.
	ErrOwnWork = errors.New("an assessment is reviewed by someone other than its author")
	// ErrBadTransition refuses a move a round or a review cannot make,
	// such as approving a draft or publishing an open round.
	ErrBadTransition = errors.New("not possible from the current status")
)

// Limits on what a monitor may write.
const (
	maxName      = 2000
	maxNarrative = 100000
	maxLinks     = 50
	// MaxEvidenceBytes bounds an uploaded file: a scanned letter or a
	// report fits, a video does not (link to it instead).
	MaxEvidenceBytes = 10 << 20
)

// RoundEdit is what a coordinator's form sets on a round.
type RoundEdit struct {
	PlanID     int64
	Name       plan.Text
	Kind       RoundKind
	PeriodText string
	Version    int
}

// Validate tidies e and checks it.
func (e *RoundEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.PeriodText = strings.TrimSpace(e.PeriodText)
	e.Name = e.Name.Clean()
	if e.PlanID <= 0 {
		fe["plan"] = "edit.plan.required"
	}
	if e.Name.IsEmpty() {
		fe["name"] = "edit.name.required"
	}
	checkText(fe, "name", e.Name, maxName)
	if !e.Kind.Valid() {
		fe["kind"] = "monitor.kind.invalid"
	}
	if checkString(fe, "period", e.PeriodText, maxName) {
		if _, err := plan.ParsePeriod(e.PeriodText); err != nil {
			fe["period"] = "edit.period.invalid"
		}
	}
	return fe
}

// LinkEdit is a link given as evidence.
type LinkEdit struct {
	Title    string
	URL      string
	Accessed string // YYYY-MM-DD, or empty
}

// AssessmentEdit is a monitor's save of an assessment. Version is the
// version the form was filled in from (0 for a first save): a save over a
// newer version is refused as a *plan.ConflictError[Assessment]. Links
// replace the assessment's links; files are added apart.
type AssessmentEdit struct {
	RoundID   int64
	MeasureID int64
	Rating
	Links   []LinkEdit
	Version int
}

// Validate tidies e and checks what can be checked without the database:
// every rating on its scale, the narrative's length, every link a web
// address with a real date. The store checks that the milestones are the
// measure's.
func (e *AssessmentEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	if e.RoundID <= 0 || e.MeasureID <= 0 {
		fe["measure"] = "monitor.measure.required"
	}
	if e.Completion == "" {
		fe["completion"] = "monitor.completion.required"
	} else if !e.Completion.Valid() {
		fe["completion"] = "monitor.completion.invalid"
	}
	if e.Impact != "" && !e.Impact.Valid() {
		fe["impact"] = "monitor.impact.invalid"
	}
	if e.Opened != "" && !e.Opened.Valid() {
		fe["opened"] = "monitor.opened.invalid"
	}
	if e.EarlyResults != "" && !e.EarlyResults.Valid() {
		fe["early_results"] = "monitor.early_results.invalid"
	}
	var values []plan.OGPValue
	for _, v := range e.Relevance {
		if !v.Valid() {
			fe["relevance"] = "monitor.relevance.invalid"
		} else if !contains(values, v) {
			values = append(values, v)
		}
	}
	e.Relevance = values
	if len(values) > 0 {
		e.RelevanceRated = true
	}
	e.Narrative = strings.TrimSpace(strings.ReplaceAll(e.Narrative, "\r\n", "\n"))
	checkString(fe, "narrative", e.Narrative, maxNarrative)
	seen := map[int64]bool{}
	var ms []MilestoneCompletion
	for _, m := range e.Milestones {
		switch {
		case m.MilestoneID <= 0 || seen[m.MilestoneID]:
			fe["milestones"] = "monitor.milestones.invalid"
		case m.Completion == "":
			// Not rated: left out.
		case !m.Completion.Valid():
			fe["milestones"] = "monitor.completion.invalid"
		default:
			ms = append(ms, m)
		}
		seen[m.MilestoneID] = true
	}
	e.Milestones = ms
	var links []LinkEdit
	for _, l := range e.Links {
		l.Title, l.URL, l.Accessed = strings.TrimSpace(l.Title), strings.TrimSpace(l.URL), strings.TrimSpace(l.Accessed)
		if l.Title == "" && l.URL == "" && l.Accessed == "" {
			continue
		}
		switch {
		case l.URL == "":
			fe["links"] = "monitor.link.url_required"
		case !webURL(l.URL) || utf8.RuneCountInString(l.URL) > maxName:
			fe["links"] = "monitor.link.url_invalid"
		case l.Accessed != "":
			if _, err := plan.ParseDate(l.Accessed); err != nil {
				fe["links"] = "monitor.link.date_invalid"
			}
		}
		if !checkString(fe, "links", l.Title, maxName) {
			continue
		}
		links = append(links, l)
	}
	if len(links) > maxLinks {
		fe["links"] = "monitor.link.too_many"
	}
	e.Links = links
	return fe
}

// SelfAssessmentEdit is a focal point's account of a measure its body
// executes. Version is as for AssessmentEdit.
type SelfAssessmentEdit struct {
	RoundID        int64
	MeasureID      int64
	OrganisationID int64
	Completion     Completion
	Narrative      string
	Version        int
}

// Validate tidies e and checks it.
func (e *SelfAssessmentEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	if e.RoundID <= 0 || e.MeasureID <= 0 || e.OrganisationID <= 0 {
		fe["measure"] = "monitor.measure.required"
	}
	if e.Completion == "" {
		fe["completion"] = "monitor.completion.required"
	} else if !e.Completion.Valid() {
		fe["completion"] = "monitor.completion.invalid"
	}
	e.Narrative = strings.TrimSpace(strings.ReplaceAll(e.Narrative, "\r\n", "\n"))
	checkString(fe, "narrative", e.Narrative, maxNarrative)
	return fe
}

// FileUpload is a file a monitor attaches as evidence.
type FileUpload struct {
	Name string
	Data []byte
}

// allowedTypes are the kinds of evidence file ogpp keeps, by the type their
// content shows; office documents show as ZIP and are told apart by name.
var allowedTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true, "text/csv; charset=utf-8": true,
}

var officeExtensions = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// CheckFile checks an upload by its content, never by what the browser
// claimed, and returns the type to serve it as and the cleaned name; a
// problem comes as a message key.
func CheckFile(f FileUpload) (contentType, name, problem string) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(f.Name), `\`, "/"))
	if name == "." || name == "/" || !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		name = "evidence"
	}
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	switch {
	case len(f.Data) == 0:
		return "", name, "monitor.file.empty"
	case len(f.Data) > MaxEvidenceBytes:
		return "", name, "monitor.file.too_large"
	}
	detected := http.DetectContentType(f.Data)
	if detected == "text/plain; charset=utf-8" && strings.HasSuffix(strings.ToLower(name), ".csv") {
		detected = "text/csv; charset=utf-8"
	}
	if allowedTypes[detected] {
		return detected, name, ""
	}
	if detected == "application/zip" {
		ext := strings.ToLower(path.Ext(name))
		if t, ok := officeExtensions[ext]; ok {
			return t, name, ""
		}
	}
	return "", name, "monitor.file.type"
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// checkText checks every translation of a field as checkString does.
func checkText(fe plan.FieldErrors, field string, t plan.Text, limit int) {
	for _, v := range t {
		if !checkString(fe, field, v, limit) {
			return
		}
	}
}

// checkString records "edit.<field>.invalid" for text no database can
// store and "edit.<field>.too_long" past limit characters.
func checkString(fe plan.FieldErrors, field, s string, limit int) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f
	}) {
		fe[field] = "edit." + field + ".invalid"
		return false
	}
	if utf8.RuneCountInString(s) > limit {
		fe[field] = "edit." + field + ".too_long"
		return false
	}
	return true
}

// webURL reports whether s is an absolute http or https URL.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

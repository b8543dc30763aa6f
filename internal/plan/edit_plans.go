package plan

import (
	"strings"
	"unicode"
)

// maxPlanNumber bounds a plan's number: members write a handful of plans,
// and a typing slip of 20162018 must not sort a plan past every other.
const maxPlanNumber = 1000

// PlanEdit is what a coordinator's form sets on an action plan. Member is
// the member's slug; ExternalID is what imports match the plan by (OGP's
// "Action Plan ID", such as AP_AZE03, or one of the platform's own).
// Version is the version the form was filled in from, as for MeasureEdit.
type PlanEdit struct {
	Member     string
	ExternalID string
	Number     int // the member's nth plan; 0 when unknown
	Title      Text
	PeriodText string
	Approved   string
	Source     string
	SourceURL  string
	Note       Text
	Version    int
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the member exists and that no other plan has the
// external id.
func (e *PlanEdit) Validate() FieldErrors {
	fe := FieldErrors{}
	e.Member = strings.TrimSpace(e.Member)
	e.ExternalID = strings.TrimSpace(e.ExternalID)
	e.PeriodText = strings.TrimSpace(e.PeriodText)
	e.Approved = strings.TrimSpace(e.Approved)
	e.Source = strings.TrimSpace(e.Source)
	e.SourceURL = strings.TrimSpace(e.SourceURL)
	e.Title, e.Note = trimText(e.Title), trimText(e.Note)
	if e.Member == "" {
		fe["member"] = "edit.member.required"
	}
	checkString(fe, "member", e.Member, maxShortText)
	switch {
	case e.ExternalID == "":
		fe["external_id"] = "edit.plan.external_id.required"
	case !checkString(fe, "external_id", e.ExternalID, maxShortText):
	case !planIDShape(e.ExternalID):
		fe["external_id"] = "edit.plan.external_id.format"
	case strings.EqualFold(e.ExternalID, "new"):
		// /plans/new is the form for a new plan.
		fe["external_id"] = "edit.plan.external_id.reserved"
	}
	if e.Number < 0 || e.Number > maxPlanNumber {
		fe["number"] = "edit.plan.number.range"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	checkText(fe, "title", e.Title, maxShortText)
	checkPeriod(fe, e.PeriodText)
	checkString(fe, "approved", e.Approved, maxShortText)
	checkString(fe, "source", e.Source, maxShortText)
	if checkString(fe, "source_url", e.SourceURL, maxShortText) && e.SourceURL != "" && !webURL(e.SourceURL) {
		fe["source_url"] = "edit.source_url.invalid"
	}
	checkText(fe, "note", e.Note, maxLongText)
	return fe
}

// Period returns the plan's period as PeriodText gives it; call it after
// Validate.
func (e *PlanEdit) Period() (Period, error) {
	return ParsePeriod(e.PeriodText)
}

// planIDShape reports whether s can be a plan's external id. The id is a
// path segment of the plan's page and API (/plans/AP_AZE03), and a
// reference that is all digits is read as a database id, so it must hold a
// letter and nothing a URL path would split or escape.
func planIDShape(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
		default:
			return false
		}
	}
	return letter
}

// AreaEdit is what a coordinator's form sets on an area of a plan. Position
// is the area's place among the plan's areas, counted from 0; a place past
// the last puts it last. An area stays in the plan it was created in.
// Version is as for MeasureEdit.
type AreaEdit struct {
	PlanID   int64
	Number   string // "1", as the plan numbers it; may be empty
	Title    Text
	Position int
	Version  int
}

// Validate tidies e and checks it: an area needs a number or a title. The
// store checks that the plan exists and that no other area of it has the
// number.
func (e *AreaEdit) Validate() FieldErrors {
	fe := FieldErrors{}
	e.Number = strings.TrimSpace(e.Number)
	e.Title = trimText(e.Title)
	if e.PlanID <= 0 {
		fe["plan"] = "edit.plan.required"
	}
	checkString(fe, "number", e.Number, maxShortText)
	if e.Title.IsEmpty() && e.Number == "" {
		// Plans list many areas by number alone; one with neither could
		// not be told apart, nor matched by an import.
		fe["title"] = "edit.area.title.required"
	}
	checkText(fe, "title", e.Title, maxShortText)
	if e.Position < 0 {
		fe["position"] = "edit.position.invalid"
	}
	return fe
}

// Key is what an import would match the area by within its plan: its
// number, or its folded title when it has none (as OGP's themes are keyed).
func (e *AreaEdit) Key() string {
	return AreaKey(e.Number, e.Title)
}

// AreaKey is an area's natural key within its plan: its number, or its
// folded title when it has none.
func AreaKey(number string, title Text) string {
	if number != "" {
		return number
	}
	return title.Key()
}

// MilestoneEdit is what a coordinator's form sets on a milestone of a
// measure. Position is its place among the measure's milestones, as for
// AreaEdit; a milestone stays with the measure it was created for. Version
// is as for MeasureEdit.
type MilestoneEdit struct {
	MeasureID  int64
	Title      Text
	PeriodText string
	Position   int
	Version    int
}

// Validate tidies e and checks it; the store checks that the measure exists.
func (e *MilestoneEdit) Validate() FieldErrors {
	fe := FieldErrors{}
	e.PeriodText = strings.TrimSpace(e.PeriodText)
	e.Title = trimText(e.Title)
	if e.MeasureID <= 0 {
		fe["measure"] = "edit.measure.required"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	checkText(fe, "title", e.Title, maxShortText)
	checkPeriod(fe, e.PeriodText)
	if e.Position < 0 {
		fe["position"] = "edit.position.invalid"
	}
	return fe
}

// Period returns the milestone's period as PeriodText gives it; call it
// after Validate.
func (e *MilestoneEdit) Period() (Period, error) {
	return ParsePeriod(e.PeriodText)
}

// checkPeriod records "edit.period.invalid" for text ParsePeriod refuses.
func checkPeriod(fe FieldErrors, text string) {
	if checkString(fe, "period", text, maxShortText) {
		if _, err := ParsePeriod(text); err != nil {
			fe["period"] = "edit.period.invalid"
		}
	}
}

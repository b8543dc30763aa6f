package plan

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	// ErrConflict is what a write based on an out-of-date version of an
	// entity is refused with; the error itself is a *ConflictError.
	ErrConflict = errors.New("changed by someone else meanwhile")
	// ErrInUse refuses to delete an entity that live rows still refer to,
	// such as an organisation executing measures.
	ErrInUse = errors.New("still in use")
)

// ConflictError refuses a write whose form was filled in from a version
// that is no longer the stored one. Current is the entity as it is now, so
// that a page can show what changed and let the user start again from it.
// errors.Is(err, ErrConflict) reports it.
type ConflictError[T any] struct {
	Current T
}

func (e *ConflictError[T]) Error() string { return ErrConflict.Error() }

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError[T]) Is(target error) bool { return target == ErrConflict }

// FieldErrors maps a form field ("title", "clause", "period", …) to the
// message key of what is wrong with it, such as "edit.title.required". The
// web layer translates the keys and shows each beside its field.
type FieldErrors map[string]string

// Error lists the problems in field order, for logs and the command line.
func (fe FieldErrors) Error() string {
	fields := make([]string, 0, len(fe))
	for f := range fe {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	var b strings.Builder
	b.WriteString("invalid input")
	for i, f := range fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", f, fe[f])
	}
	return b.String()
}

// Limits on what a form may hold, in characters per language.
const (
	maxShortText = 2000   // titles, names, clauses, ids, sources
	maxLongText  = 100000 // descriptions, indicators
	maxTags      = 50
)

// ExecutorRef names an organisation, by id, taking part in a measure.
type ExecutorRef struct {
	OrganisationID int64
	Role           ExecutorRole
}

// MeasureEdit is what a coordinator's form sets on a measure. Milestones
// are edited apart and are kept as they are. Version is the version the
// form was filled in from: an update is refused with a *ConflictError when
// the stored measure has moved on.
type MeasureEdit struct {
	PlanID      int64
	AreaID      int64 // 0 for none
	Clause      string
	ExternalID  string
	Title       Text
	Description Text
	Indicator   Text
	PeriodText  string
	Values      []OGPValue
	Tags        []string
	Executors   []ExecutorRef
	Source      string
	SourceURL   string
	Version     int
}

// Validate tidies e (trims spaces, drops empty translations, empty and
// repeated tags) and checks what can be checked without the database. The
// store checks the rest: that the plan, area and organisations exist and
// that the clause is free.
func (e *MeasureEdit) Validate() FieldErrors {
	fe := FieldErrors{}
	e.Clause = strings.TrimSpace(e.Clause)
	e.ExternalID = strings.TrimSpace(e.ExternalID)
	e.PeriodText = strings.TrimSpace(e.PeriodText)
	e.Source = strings.TrimSpace(e.Source)
	e.SourceURL = strings.TrimSpace(e.SourceURL)
	e.Title, e.Description, e.Indicator = trimText(e.Title), trimText(e.Description), trimText(e.Indicator)
	if e.PlanID <= 0 {
		fe["plan"] = "edit.plan.required"
	}
	if e.AreaID < 0 {
		fe["area"] = "edit.area.unknown"
	}
	checkString(fe, "clause", e.Clause, maxShortText)
	checkString(fe, "external_id", e.ExternalID, maxShortText)
	if e.Clause == "" && e.ExternalID == "" {
		// An import matches a measure by one of them.
		fe["clause"] = "edit.clause.required"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	checkText(fe, "title", e.Title, maxShortText)
	checkText(fe, "description", e.Description, maxLongText)
	checkText(fe, "indicator", e.Indicator, maxLongText)
	if checkString(fe, "period", e.PeriodText, maxShortText) {
		if _, err := ParsePeriod(e.PeriodText); err != nil {
			fe["period"] = "edit.period.invalid"
		}
	}
	values := e.Values[:0:0]
	for _, v := range e.Values {
		if !v.Valid() {
			fe["values"] = "edit.values.invalid"
		} else if !slices.Contains(values, v) {
			values = append(values, v)
		}
	}
	e.Values = values
	var tags []string
	for _, t := range e.Tags {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !slices.Contains(tags, t) && checkString(fe, "tags", t, maxShortText) {
			tags = append(tags, t)
		}
	}
	e.Tags = tags
	if len(tags) > maxTags {
		fe["tags"] = "edit.tags.too_many"
	}
	seen := map[ExecutorRef]bool{}
	for _, x := range e.Executors {
		switch {
		case x.OrganisationID <= 0:
			fe["executors"] = "edit.executors.unknown"
		case !x.Role.Valid():
			fe["executors"] = "edit.executors.role_invalid"
		case seen[x]:
			fe["executors"] = "edit.executors.duplicate"
		}
		seen[x] = true
	}
	checkString(fe, "source", e.Source, maxShortText)
	if checkString(fe, "source_url", e.SourceURL, maxShortText) && e.SourceURL != "" && !webURL(e.SourceURL) {
		fe["source_url"] = "edit.source_url.invalid"
	}
	return fe
}

// Period returns the measure's period as PeriodText gives it; call it
// after Validate.
func (e *MeasureEdit) Period() (Period, error) {
	return ParsePeriod(e.PeriodText)
}

// MatchKey is what an import will match the edited measure by.
func (e *MeasureEdit) MatchKey() string {
	return BundleMeasure{ExternalID: e.ExternalID, Clause: e.Clause}.MatchKey()
}

// OrganisationEdit is what a coordinator's form sets on an organisation.
// Member is a member's slug, empty for an organisation of no one member.
// Version is as for MeasureEdit.
type OrganisationEdit struct {
	Member  string
	Name    Text
	Kind    OrganisationKind
	Version int
}

// Validate tidies e and checks it; the store checks that the member exists
// and that no other organisation of the member has the name.
func (e *OrganisationEdit) Validate() FieldErrors {
	fe := FieldErrors{}
	e.Member = strings.TrimSpace(e.Member)
	e.Name = trimText(e.Name)
	checkString(fe, "member", e.Member, maxShortText)
	if e.Name.IsEmpty() {
		fe["name"] = "edit.name.required"
	}
	checkText(fe, "name", e.Name, maxShortText)
	if !e.Kind.Valid() {
		fe["kind"] = "edit.kind.invalid"
	}
	return fe
}

// Deleted is a soft-deleted entity as the admin's restore page lists it.
type Deleted struct {
	EntityType string // "measure", "organisation", "plan", "area", "milestone"
	ID         int64
	Title      Text // a measure's, plan's, area's or milestone's title, an organisation's name
	// Context says where it was: a measure's plan id and clause; an
	// organisation's member; a plan's member and id; an area's plan id and
	// number; a milestone's plan id and measure clause.
	Context   string
	DeletedAt time.Time
	Version   int
}

// trimText trims each translation and drops the empty ones.
func trimText(t Text) Text {
	var out Text
	for k, v := range t {
		if v = strings.TrimSpace(v); v != "" {
			if out == nil {
				out = Text{}
			}
			out[k] = v
		}
	}
	return out
}

// checkText checks every translation of a field as checkString does.
func checkText(fe FieldErrors, field string, t Text, limit int) {
	for _, l := range slices.Sorted(func(yield func(string) bool) {
		for k := range t {
			if !yield(k) {
				return
			}
		}
	}) {
		if !checkString(fe, field, t[l], limit) {
			return
		}
	}
}

// checkString records "edit.<field>.invalid" for text no database can
// store (NUL bytes, invalid UTF-8, other control characters than line
// breaks and tabs) and "edit.<field>.too_long" past limit characters. It
// reports whether s passed.
func checkString(fe FieldErrors, field, s string, limit int) bool {
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

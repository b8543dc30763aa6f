package platform

import (
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/plan"
)

// MembershipStatus says where an organisation stands in the platform.
type MembershipStatus string

// Membership statuses, in the order pages list them.
const (
	MembershipActive    MembershipStatus = "active"
	MembershipSuspended MembershipStatus = "suspended"
	MembershipLeft      MembershipStatus = "left"
)

// MembershipStatuses lists the statuses in display order.
var MembershipStatuses = []MembershipStatus{MembershipActive, MembershipSuspended, MembershipLeft}

// Valid reports whether s is a known status.
func (s MembershipStatus) Valid() bool {
	return s == MembershipActive || s == MembershipSuspended || s == MembershipLeft
}

// Limits on what a form may hold, in characters per language.
const (
	membersMaxShort = 2000
	membersMaxLong  = 20000
	membersMaxTags  = 50
	// membersMaxPeople bounds a group's members: a form of that many
	// checkboxes is already more than anyone reads.
	membersMaxPeople = 500
)

// Membership is an organisation's membership of the platform. Its
// representatives are the organisation's people marked as representing it
// (see Person.Representative); reads fill them without contacts.
type Membership struct {
	ID             int64
	OrganisationID int64
	Organisation   plan.Organisation // filled by reads: name, kind, member
	Since          plan.Date
	Status         MembershipStatus
	// StatusSince is the day the status last changed; nil while the
	// organisation has been active since it joined.
	StatusSince     *plan.Date
	Note            plan.Text
	Representatives []PersonRef
	UpdatedAt       time.Time
	// Version counts the writes to the membership (see MembershipEdit).
	Version int
}

// MembershipFilter selects memberships; empty fields select all.
type MembershipFilter struct {
	Status MembershipStatus
	Kind   plan.OrganisationKind
	Limit  int
	Offset int
}

// MembershipEdit is what a coordinator's form sets on a membership.
// OrganisationID names an existing organisation; when it is 0 and
// NewOrganisation is set, the organisation is created with the membership,
// in one transaction. Since and StatusSince are YYYY-MM-DD as typed.
// Version is the version the form was filled in from: an update is refused
// with a *plan.ConflictError when the stored membership has moved on.
type MembershipEdit struct {
	OrganisationID  int64
	NewOrganisation *plan.OrganisationEdit
	Since           string
	Status          MembershipStatus
	StatusSince     string
	Note            plan.Text
	Version         int
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the organisation exists, is no state body and is
// not a member already. A status other than active needs the day it
// changed; a day of change before joining is refused.
func (e *MembershipEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Since = strings.TrimSpace(e.Since)
	e.StatusSince = strings.TrimSpace(e.StatusSince)
	e.Note = membersTidyText(e.Note)
	switch {
	case e.OrganisationID < 0:
		fe["organisation"] = "members.organisation.unknown"
	case e.OrganisationID == 0 && e.NewOrganisation == nil:
		fe["organisation"] = "members.organisation.required"
	case e.OrganisationID == 0:
		for field, key := range e.NewOrganisation.Validate() {
			if field == "name" || field == "kind" {
				fe["org_"+field] = key
			} else {
				fe["organisation"] = key
			}
		}
		if e.NewOrganisation.Kind == plan.OrgStateBody {
			fe["org_kind"] = "members.organisation.state_body"
		}
	}
	since, ok := membersParseDate(fe, "since", e.Since, true)
	if !e.Status.Valid() {
		fe["status"] = "members.status.invalid"
	}
	changed, changedOK := membersParseDate(fe, "status_since", e.StatusSince, false)
	if e.Status.Valid() && e.Status != MembershipActive && e.StatusSince == "" && changedOK {
		fe["status_since"] = "members.status_since.required"
	}
	if ok && changedOK && changed != nil && changed.Before(*since) {
		fe["status_since"] = "members.status_since.before_since"
	}
	membersCheckText(fe, "note", e.Note, membersMaxLong)
	return fe
}

// SinceDate returns the day the organisation joined; call it after
// Validate.
func (e *MembershipEdit) SinceDate() plan.Date {
	d, _ := plan.ParseDate(e.Since)
	return d
}

// StatusSinceDate returns the day the status changed, nil for none; call
// it after Validate.
func (e *MembershipEdit) StatusSinceDate() *plan.Date {
	if e.StatusSince == "" {
		return nil
	}
	d, err := plan.ParseDate(e.StatusSince)
	if err != nil {
		return nil
	}
	return &d
}

// membersParseDate checks a typed YYYY-MM-DD day of field; an empty one is
// "<field> required" when required. It reports whether the value passed.
func membersParseDate(fe plan.FieldErrors, field, s string, required bool) (*plan.Date, bool) {
	if s == "" {
		if required {
			fe[field] = "members." + field + ".required"
			return nil, false
		}
		return nil, true
	}
	d, err := plan.ParseDate(s)
	if err != nil {
		fe[field] = "members.date.invalid"
		return nil, false
	}
	if d.Year < 1900 || d.Year > 2999 {
		fe[field] = "members.date.invalid"
		return nil, false
	}
	return &d, true
}

// membersTidyText trims each translation and drops the empty ones.
func membersTidyText(t plan.Text) plan.Text {
	var out plan.Text
	for k, v := range t {
		if v = strings.TrimSpace(v); v != "" {
			if out == nil {
				out = plan.Text{}
			}
			out[k] = v
		}
	}
	return out
}

// membersCheckText checks every translation of a field as
// membersCheckString does.
func membersCheckText(fe plan.FieldErrors, field string, t plan.Text, limit int) {
	for _, l := range plan.Languages {
		if !membersCheckString(fe, field, t[l], limit) {
			return
		}
	}
	for k, v := range t {
		if k != "az" && k != "en" && k != "ru" && !membersCheckString(fe, field, v, limit) {
			return
		}
	}
}

// membersCheckString records "edit.<field>.invalid" for text no database
// can store (NUL bytes, invalid UTF-8, control characters other than line
// breaks and tabs) and "edit.<field>.too_long" past limit characters, the
// keys the registry's forms use. It reports whether s passed.
func membersCheckString(fe plan.FieldErrors, field, s string, limit int) bool {
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

// ActiveOn reports whether the membership was active on day d, as far as
// its dates tell: it had joined by then, and it is active now or its
// status changed (to suspended or left) only after d. Only the last
// change of status is kept, so a suspension that has ended since does not
// count against the days it lasted.
func (m Membership) ActiveOn(d plan.Date) bool {
	if d.Before(m.Since) {
		return false
	}
	if m.Status == MembershipActive {
		return true
	}
	return m.StatusSince != nil && d.Before(*m.StatusSince)
}

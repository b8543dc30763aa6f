package platform

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/plan"
)

// The audit log's entity types of the platform's outreach: appeals to
// state bodies and their replies and documents, media coverage, the
// resources register.
const (
	EntityAppeal         = "appeal"
	EntityAppealReply    = "appeal_reply"
	EntityAppealDocument = "appeal_document"
	EntityMedia          = "media"
	EntityResource       = "resource"
)

// Limits on what the platform's forms may hold, in characters.
const (
	pwMaxShort   = 2000
	pwMaxLong    = 20000
	maxReplyDays = 365
)

// AppealKind is a kind of appeal and the number of working days the law
// gives a state body to reply to it.
type AppealKind struct {
	Key  string // information_request, proposal, …: lowercase letters, digits and _
	Days int
}

// AppealKinds is the configured list of kinds, in the order forms offer
// them.
type AppealKinds []AppealKind

// DefaultAppealKinds are Azerbaijan's: a request for information is
// answered within 7 working days (Law on the Right to Obtain Information,
// 2005, art. 24), a citizen's proposal or complaint within 15 (Law on
// Citizens' Appeals, 2015, art. 10). Other countries' laws differ, and
// laws change: the --appeal-kinds setting replaces the list.
func DefaultAppealKinds() AppealKinds {
	return AppealKinds{{Key: "information_request", Days: 7}, {Key: "proposal", Days: 15}, {Key: "complaint", Days: 15}}
}

// ParseAppealKinds reads a list of kinds written "key=days, key=days", e.g.
// "information_request=7,proposal=15,complaint=15,inquiry=30".
func ParseAppealKinds(s string) (AppealKinds, error) {
	var out AppealKinds
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, days, ok := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if !ok || !validKindKey(key) {
			return nil, fmt.Errorf("appeal kinds: %q: want key=days, the key in lowercase letters, digits and _", part)
		}
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if err != nil || n < 1 || n > maxReplyDays {
			return nil, fmt.Errorf("appeal kinds: %q: the days must be a whole number from 1 to %d", part, maxReplyDays)
		}
		if _, dup := out.Days(key); dup {
			return nil, fmt.Errorf("appeal kinds: %q is listed twice", key)
		}
		out = append(out, AppealKind{Key: key, Days: n})
	}
	if len(out) == 0 {
		return nil, errors.New("appeal kinds: none given")
	}
	return out, nil
}

// String writes the list as ParseAppealKinds reads it.
func (ks AppealKinds) String() string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k.Key + "=" + strconv.Itoa(k.Days)
	}
	return strings.Join(parts, ",")
}

// Days returns the working days a kind gives for a reply.
func (ks AppealKinds) Days(key string) (int, bool) {
	for _, k := range ks {
		if k.Key == key {
			return k.Days, true
		}
	}
	return 0, false
}

func validKindKey(k string) bool {
	if k == "" || len(k) > 40 {
		return false
	}
	for _, r := range k {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// AppealStatus is where an appeal stands, derived from its replies, its
// deadline and the day it is looked at; never stored.
type AppealStatus string

// The statuses of an appeal.
const (
	// AppealAwaiting: no reply yet, and the deadline has not passed.
	AppealAwaiting AppealStatus = "awaiting"
	// AppealAnswered: at least one reply is recorded, on time or not.
	AppealAnswered AppealStatus = "answered"
	// AppealOverdue: the deadline has passed without a reply.
	AppealOverdue AppealStatus = "overdue"
	// AppealNoReply: the platform stopped waiting and closed the appeal
	// without a reply.
	AppealNoReply AppealStatus = "no_reply"
)

// AppealStatuses lists the statuses in the order filters offer them.
var AppealStatuses = []AppealStatus{AppealAwaiting, AppealOverdue, AppealAnswered, AppealNoReply}

// Valid reports whether s is a known status.
func (s AppealStatus) Valid() bool { return slices.Contains(AppealStatuses, s) }

// AppealDocument is a file kept with an appeal: the letter sent, or a
// reply's. The content is judged by what it holds when uploaded, and its
// SHA-256 recorded, as for monitoring's evidence.
type AppealDocument struct {
	ID          int64
	AppealID    int64
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
	AddedBy     string
	AddedAt     time.Time
}

// Reply is a state body's answer to an appeal.
type Reply struct {
	ID         int64
	AppealID   int64
	ReceivedOn plan.Date
	Summary    plan.Text
	Document   *AppealDocument
	Version    int
}

// Appeal is an appeal or proposal the platform sent to a state body.
type Appeal struct {
	ID   int64
	Kind string
	// ReplyDays is the working days the law gave for a reply when the
	// appeal was recorded: a later change of the configured kinds does not
	// move the deadline of appeals already sent.
	ReplyDays   int
	AddresseeID int64
	Addressee   plan.Text // the organisation's name
	Reference   string    // the letter's outgoing number, if any
	SentOn      plan.Date
	Subject     plan.Text
	// ActivityID names one of the platform's activities (0 for none); the
	// activities live apart, so the id is kept as given.
	ActivityID int64
	// MeasureID names the NAP measure the appeal concerns (0 for none);
	// Measure is that measure, when it is live.
	MeasureID int64
	Measure   *MeasureRef
	ClosedOn  *plan.Date // the day the platform stopped waiting for a reply
	// DocumentsPublic lets the public download the letter and the replies'
	// files; until the coordinators set it, only they may.
	DocumentsPublic bool
	Document        *AppealDocument
	Replies         []Reply // in the order they were received
	Version         int
	UpdatedAt       time.Time
}

// MeasureRef is a measure as a link shows it.
type MeasureRef struct {
	ID     int64
	PlanID int64
	Clause string
	Title  plan.Text
}

// Deadline is the last day for a reply: ReplyDays working days after the
// day the appeal was sent.
func (a Appeal) Deadline(cal Calendar) plan.Date {
	return cal.AddWorkingDays(a.SentOn, a.ReplyDays)
}

// Status derives where the appeal stands on the day today: answered once a
// reply is recorded (however late), no reply once closed without one,
// overdue the day after the deadline, awaiting before that.
func (a Appeal) Status(cal Calendar, today plan.Date) AppealStatus {
	switch {
	case len(a.Replies) > 0:
		return AppealAnswered
	case a.ClosedOn != nil:
		return AppealNoReply
	case a.Deadline(cal).Before(today):
		return AppealOverdue
	}
	return AppealAwaiting
}

// FirstReply returns the earliest reply, nil without one.
func (a Appeal) FirstReply() *Reply {
	var first *Reply
	for i := range a.Replies {
		if first == nil || a.Replies[i].ReceivedOn.Before(first.ReceivedOn) {
			first = &a.Replies[i]
		}
	}
	return first
}

// AnsweredLate reports whether the first reply came after the deadline.
func (a Appeal) AnsweredLate(cal Calendar) bool {
	r := a.FirstReply()
	return r != nil && a.Deadline(cal).Before(r.ReceivedOn)
}

// AppealEdit is what a coordinator's form sets on an appeal. ReplyDays is
// the kind's days, which the caller looks up in the configured kinds (or
// keeps from the stored appeal when its kind is unchanged). Today is the
// day the edit is made, in the platform's time zone: dates after it are
// refused; the zero date skips that check. Version is the version the form
// was filled in from.
type AppealEdit struct {
	Kind            string
	ReplyDays       int
	AddresseeID     int64
	Reference       string
	SentOn          string // YYYY-MM-DD
	Subject         plan.Text
	ActivityID      int64
	MeasureID       int64
	ClosedOn        string // YYYY-MM-DD, or empty while waiting
	DocumentsPublic bool
	Today           plan.Date
	Version         int
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the addressee and the measure exist. Problems are
// message keys by field.
func (e *AppealEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Kind = strings.TrimSpace(e.Kind)
	e.Reference = strings.TrimSpace(e.Reference)
	e.SentOn, e.ClosedOn = strings.TrimSpace(e.SentOn), strings.TrimSpace(e.ClosedOn)
	e.Subject = pwTrimText(e.Subject)
	switch {
	case e.Kind == "":
		fe["kind"] = "appeal.kind.required"
	case !validKindKey(e.Kind) || e.ReplyDays < 1 || e.ReplyDays > maxReplyDays:
		fe["kind"] = "appeal.kind.invalid"
	}
	if e.AddresseeID <= 0 {
		fe["addressee"] = "appeal.addressee.required"
	}
	pwCheckString(fe, "reference", e.Reference, pwMaxShort)
	sent, ok := pwParseDay(fe, "appeal", "sent_on", e.SentOn, e.Today, true)
	if e.Subject.IsEmpty() {
		fe["subject"] = "appeal.subject.required"
	}
	pwCheckText(fe, "subject", e.Subject, pwMaxShort)
	if e.ActivityID < 0 {
		fe["activity"] = "appeal.activity.invalid"
	}
	if e.MeasureID < 0 {
		fe["measure"] = "appeal.measure.invalid"
	}
	if closed, cok := pwParseDay(fe, "appeal", "closed_on", e.ClosedOn, e.Today, false); cok && ok && closed.Before(sent) {
		fe["closed_on"] = "appeal.closed_on.before_sent"
	}
	return fe
}

// ReplyEdit is a reply as a coordinator records it. Today and Version are
// as for AppealEdit.
type ReplyEdit struct {
	ReceivedOn string // YYYY-MM-DD
	Summary    plan.Text
	Today      plan.Date
	Version    int
}

// Validate tidies e and checks it; the store checks that the reply does
// not come before the appeal was sent.
func (e *ReplyEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.ReceivedOn = strings.TrimSpace(e.ReceivedOn)
	e.Summary = pwTrimText(e.Summary)
	pwParseDay(fe, "appeal", "received_on", e.ReceivedOn, e.Today, true)
	if e.Summary.IsEmpty() {
		fe["summary"] = "appeal.summary.required"
	}
	pwCheckText(fe, "summary", e.Summary, pwMaxLong)
	return fe
}

// AppealFilter selects appeals. Zero fields do not filter. Status is
// derived on the day Today with Calendar, which every list needs to say
// where each appeal stands.
type AppealFilter struct {
	Status      AppealStatus
	AddresseeID int64
	Kind        string
	ActivityID  int64
	// ActivityIDs, when not nil, keeps the appeals of any of these
	// activities (none when empty): a project's, for its indicators.
	ActivityIDs []int64
	MeasureID   int64
	// SentFrom and SentTo bound the day sent, both included.
	SentFrom, SentTo *plan.Date
	Q                string // words of the subject or the reference
	Today            plan.Date
	Calendar         Calendar
	Limit, Offset    int
}

// AppealList is a page of appeals: newest sent first, except the overdue,
// which come longest overdue first.
type AppealList struct {
	Items []Appeal
	Total int
	// ByStatus counts, by status, the appeals the filter's other
	// conditions select: the figures beside the status filter.
	ByStatus map[AppealStatus]int
}

// Addressee is an organisation an appeal can be sent to.
type Addressee struct {
	ID         int64
	Name       plan.Text
	Member     string // the member's slug, "" for none
	MemberName plan.Text
}

// pwTrimText trims each translation and drops the empty ones.
func pwTrimText(t plan.Text) plan.Text {
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

// pwCheckText checks every translation of a field as pwCheckString does,
// in a stable order.
func pwCheckText(fe plan.FieldErrors, field string, t plan.Text, limit int) {
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		if !pwCheckString(fe, field, t[l], limit) {
			return
		}
	}
}

// pwCheckString records "edit.<field>.invalid" for text no database can
// store (NUL bytes, invalid UTF-8, control characters other than line
// breaks and tabs) and "edit.<field>.too_long" past limit characters, as
// the registry's forms do. It reports whether s passed.
func pwCheckString(fe plan.FieldErrors, field, s string, limit int) bool {
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

// pwParseDay reads a day field written YYYY-MM-DD, recording the message
// key prefix.field.required when required and empty, .invalid when not a
// real day, .future when after today (unless today is zero). It reports
// whether a day was read.
func pwParseDay(fe plan.FieldErrors, prefix, field, s string, today plan.Date, required bool) (plan.Date, bool) {
	if s == "" {
		if required {
			fe[field] = prefix + "." + field + ".required"
		}
		return plan.Date{}, false
	}
	d, err := plan.ParseDate(s)
	if err != nil {
		fe[field] = prefix + "." + field + ".invalid"
		return plan.Date{}, false
	}
	if today.Year != 0 && today.Before(d) {
		fe[field] = prefix + "." + field + ".future"
		return d, false
	}
	return d, true
}

// pwWebURL reports whether s is an absolute http or https URL.
func pwWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

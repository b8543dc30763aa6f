package drafts

import (
	"strings"
	"unicode/utf8"

	"ogpp/internal/plan"
)

// Limits on what a form may hold, in characters.
const (
	maxTitle = 2000
	// MaxBody bounds a version's text: a strategic plan of some fifteen
	// thousand words fits.
	MaxBody     = 100000
	maxNote     = 2000
	maxComment  = 20000
	maxPlace    = 2000
	maxAgenda   = 50
	maxSections = 10000 // a paragraph number beyond any text
)

// DraftEdit is what the form starting a draft sets. Body, when given,
// becomes the draft's first version.
type DraftEdit struct {
	Kind       Kind
	Title      plan.Text
	GroupID    int64 // 0 for none yet
	ActivityID int64 // 0 for none
	Body       string
	Note       string
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the expert group exists.
func (e *DraftEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title = e.Title.Clean()
	for k, v := range e.Title {
		e.Title[k] = strings.Join(strings.Fields(v), " ")
	}
	e.Title = e.Title.Clean()
	if !e.Kind.Valid() {
		fe["kind"] = "drafts.kind.invalid"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "drafts.title.required"
	}
	for _, l := range plan.Languages {
		checkString(fe, "title", e.Title[l], maxTitle)
	}
	if e.GroupID < 0 {
		fe["group"] = "drafts.group.unknown"
	}
	if e.ActivityID < 0 {
		fe["activity"] = "drafts.activity.invalid"
	}
	e.Body = tidyBody(e.Body)
	checkString(fe, "body", e.Body, MaxBody)
	e.Note = strings.TrimSpace(e.Note)
	checkString(fe, "note", e.Note, maxNote)
	return fe
}

// RevisionEdit is a new version of a draft's text. Base is the number of
// the version the author started from: saving when a newer one exists is
// refused with a *plan.ConflictError[Revision] carrying the newest, so
// that nobody overwrites a colleague's version unseen.
type RevisionEdit struct {
	DraftID int64
	Body    string
	Note    string
	Base    int
}

// Validate tidies e and checks it.
func (e *RevisionEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Body = tidyBody(e.Body)
	if e.Body == "" {
		fe["body"] = "drafts.body.required"
	} else {
		checkString(fe, "body", e.Body, MaxBody)
	}
	e.Note = strings.TrimSpace(e.Note)
	checkString(fe, "note", e.Note, maxNote)
	if e.DraftID <= 0 || e.Base < 0 {
		fe["body"] = "drafts.draft.unknown"
	}
	return fe
}

// CommentEdit is a member's comment, or a reply when ParentID is set (the
// reply then takes its thread's anchor, whatever it says).
type CommentEdit struct {
	DraftID   int64
	Revision  int
	Section   string
	Paragraph int
	ParentID  int64
	Body      string
}

// Validate tidies e and checks it; the store checks that the version has
// the section and the section the paragraph.
func (e *CommentEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Body = tidyBody(e.Body)
	if e.Body == "" {
		fe["comment"] = "drafts.comment.required"
	} else {
		checkString(fe, "comment", e.Body, maxComment)
	}
	e.Section = strings.TrimSpace(e.Section)
	if e.ParentID < 0 || e.DraftID <= 0 {
		fe["comment"] = "drafts.comment.unknown"
	}
	if e.ParentID == 0 {
		if e.Revision <= 0 || e.Section == "" || utf8.RuneCountInString(e.Section) > maxSlug+8 {
			fe["section"] = "drafts.section.unknown"
		}
		if e.Paragraph < 0 || e.Paragraph > maxSections {
			fe["section"] = "drafts.paragraph.unknown"
		}
	}
	return fe
}

// MeetingEdit is what the form recording a meeting sets. Agenda lists the
// drafts to decide on, in order.
type MeetingEdit struct {
	Date   string // YYYY-MM-DD
	Place  string
	Quorum Quorum
	Agenda []int64
}

// Validate tidies e and checks it; the store checks that each draft may go
// on an agenda.
func (e *MeetingEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Date = strings.TrimSpace(e.Date)
	e.Place = strings.Join(strings.Fields(e.Place), " ")
	if e.Date == "" {
		fe["date"] = "drafts.date.required"
	} else if _, err := plan.ParseDate(e.Date); err != nil {
		fe["date"] = "drafts.date.invalid"
	}
	if e.Place == "" {
		fe["place"] = "drafts.place.required"
	}
	checkString(fe, "place", e.Place, maxPlace)
	if !e.Quorum.Valid() {
		fe["quorum"] = "drafts.quorum.invalid"
	}
	var agenda []int64
	for _, id := range e.Agenda {
		switch {
		case id <= 0:
			fe["agenda"] = "drafts.agenda.unknown"
		case !contains(agenda, id):
			agenda = append(agenda, id)
		}
	}
	if len(agenda) > maxAgenda {
		fe["agenda"] = "drafts.agenda.too_long"
	}
	e.Agenda = agenda
	return fe
}

// AttendanceEdit records which member organisations attended a meeting.
// Version is the meeting's version the form was filled in from.
type AttendanceEdit struct {
	MeetingID int64
	Present   []int64
	Version   int
}

// Validate tidies e (drops repeated organisations) and checks it; the
// store checks that each has an active membership.
func (e *AttendanceEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	var present []int64
	for _, id := range e.Present {
		switch {
		case id <= 0:
			fe["present"] = "drafts.present.unknown"
		case !contains(present, id):
			present = append(present, id)
		}
	}
	e.Present = present
	return fe
}

// DecisionEdit records a meeting's vote and outcome on an agenda item.
// Revision is the number of the draft's version the form showed as the
// one voted on: when the draft has a newer version meanwhile, the decision
// is refused, since nobody voted on that text. Version is the meeting's.
type DecisionEdit struct {
	MeetingID int64
	ItemID    int64
	Votes     Votes
	Outcome   Outcome
	Revision  int
	Version   int
}

// Validate checks what can be checked without the meeting: the rules that
// need its attendance are CheckDecision's, which the store applies.
func (e *DecisionEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	if e.Votes.For < 0 || e.Votes.Against < 0 || e.Votes.Abstain < 0 {
		fe["votes"] = "drafts.votes.invalid"
	}
	if !e.Outcome.Valid() {
		fe["outcome"] = "drafts.outcome.invalid"
	}
	return fe
}

// tidyBody makes line ends "\n" and trims the text's ends.
func tidyBody(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// checkString records "drafts.<field>.invalid" for text no database can
// store (NUL bytes, invalid UTF-8, control characters other than line
// breaks and tabs) and "drafts.<field>.too_long" past limit characters.
func checkString(fe plan.FieldErrors, field, s string, limit int) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f
	}) {
		fe[field] = "drafts." + field + ".invalid"
		return false
	}
	if utf8.RuneCountInString(s) > limit {
		fe[field] = "drafts." + field + ".too_long"
		return false
	}
	return true
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

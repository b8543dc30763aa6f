// Package drafts holds the documents an expert group drafts for the
// platform — its strategic plan, packages of proposals to the government,
// reports — and the platform meetings that decide on them: versions of the
// text in markdown, comments of members on a section or a paragraph of a
// version, a meeting's agenda, attendance, quorum, votes and outcome, and
// the publication of the adopted text. It has no SQL and no HTTP; the
// store implements Store for SQLite and PostgreSQL.
package drafts

import (
	"errors"
	"time"

	"ogpp/internal/plan"
)

// The audit log's entity types of drafts, their comments and meetings.
// A new version of a draft's text is an update of the draft, whose audit
// entry records the version's number and fingerprint.
const (
	EntityDraft   = "draft"
	EntityComment = "draft_comment"
	EntityMeeting = "meeting"
)

var (
	// ErrLocked refuses a new version of a draft that a meeting has
	// decided on: the adopted text is the one that was voted, and a
	// rejected draft is closed.
	ErrLocked = errors.New("the draft's text is locked by a meeting's decision")
	// ErrClosed refuses a comment on a draft no longer under discussion.
	ErrClosed = errors.New("the draft is no longer open for comments")
	// ErrBadTransition refuses a move a draft cannot make from its status,
	// such as publishing a draft that was not adopted or putting an
	// adopted one on an agenda.
	ErrBadTransition = errors.New("not possible from the draft's current status")
	// ErrDecided refuses a second decision on an agenda item, and a change
	// of attendance once the meeting has decided anything: the quorum of a
	// decision is the attendance it was taken with.
	ErrDecided = errors.New("the meeting has already decided")
)

// Kind is what sort of document a draft is.
type Kind string

// Kinds of draft, as the seed's activities produce them.
const (
	KindStrategicPlan Kind = "strategic_plan"
	KindProposals     Kind = "proposal_package"
	KindReport        Kind = "report"
	KindOther         Kind = "other"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{KindProposals, KindStrategicPlan, KindReport, KindOther}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	return k == KindStrategicPlan || k == KindProposals || k == KindReport || k == KindOther
}

// Status is where a draft is on its way from first text to publication.
type Status string

// Draft statuses. A draft is written (drafting), put on a meeting's agenda,
// and decided there: adopted, rejected or returned for revision (written on,
// and put on an agenda again). An adopted draft may be published.
const (
	StatusDrafting  Status = "drafting"
	StatusOnAgenda  Status = "on_agenda"
	StatusAdopted   Status = "adopted"
	StatusRejected  Status = "rejected"
	StatusReturned  Status = "returned"
	StatusPublished Status = "published"
)

// Statuses lists the statuses in the order of a draft's life.
var Statuses = []Status{StatusDrafting, StatusOnAgenda, StatusReturned, StatusAdopted, StatusRejected, StatusPublished}

// Writable reports whether a draft in status s takes new versions: not once
// a meeting has adopted or rejected it. A draft on an agenda still does, so
// that a typo can be fixed before the meeting; the decision records the
// version that was voted.
func (s Status) Writable() bool {
	return s == StatusDrafting || s == StatusOnAgenda || s == StatusReturned
}

// Discussable reports whether members may comment on a draft in status s:
// while its text may still change.
func (s Status) Discussable() bool { return s.Writable() }

// CanGoOnAgenda reports whether a draft in status s may be put on a
// meeting's agenda: one being written, or returned for revision. A draft is
// on one agenda at a time.
func (s Status) CanGoOnAgenda() bool { return s == StatusDrafting || s == StatusReturned }

// Draft is a document drafted by an expert group.
type Draft struct {
	ID    int64
	Kind  Kind
	Title plan.Text
	// GroupID is the expert group drafting it (0 for none yet); GroupName
	// is filled by reads.
	GroupID   int64
	GroupName plan.Text
	// ActivityID is the platform's activity the draft serves, as a plain
	// number (0 for none): activities live in another part of ogpp.
	ActivityID int64
	Status     Status
	// Current is the number of the latest version of the text, 0 before
	// the first; Adopted the number of the version a meeting adopted.
	Current int
	Adopted int
	// DecidedBy is the meeting that last decided on the draft, 0 for none.
	DecidedBy   int64
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Version counts the writes to the draft, for optimistic concurrency;
	// it is not the number of a version of the text (see Current).
	Version int
	// OpenThreads counts the unresolved comment threads; filled by lists.
	OpenThreads int
}

// Public reports whether the public may read the draft: once published,
// and then only its adopted text.
func (d Draft) Public() bool { return d.Status == StatusPublished }

// Locked reports whether the draft's text can no longer change.
func (d Draft) Locked() bool { return !d.Status.Writable() }

// Revision is one saved version of a draft's text. Every save makes a new
// one; none is ever overwritten.
type Revision struct {
	DraftID int64
	Number  int
	// Body is the text in markdown, rendered sanitised.
	Body string
	// Note says what changed, in the author's words; optional.
	Note       string
	AuthorID   int64
	AuthorName string
	SavedAt    time.Time
}

// Comment is a member's comment on a version of a draft, anchored at a
// section (by its heading's slug, see Split) and optionally a paragraph of
// it. A comment with a ParentID is a reply in that comment's thread;
// threads are one level deep, and it is the thread (its first comment)
// that is resolved.
type Comment struct {
	ID      int64
	DraftID int64
	// Revision is the number of the version the comment was written on.
	Revision int
	// Section is the slug of the section's heading, Preamble for the text
	// before the first heading.
	Section string
	// Paragraph is the paragraph's number within the section, from 1; 0
	// for the section as a whole.
	Paragraph  int
	ParentID   int64
	Body       string // markdown
	AuthorID   int64
	AuthorName string
	CreatedAt  time.Time
	// Resolved, ResolvedBy and ResolvedAt are set on a thread's first
	// comment.
	Resolved   bool
	ResolvedBy string
	ResolvedAt *time.Time
	// Version counts the writes to the comment (resolving, reopening).
	Version int
	// Replies are the thread's replies, oldest first, on a thread's first
	// comment as reads return it.
	Replies []Comment
}

// Meeting is a meeting of the platform that decides on drafts.
type Meeting struct {
	ID     int64
	Date   plan.Date
	Place  string
	Quorum Quorum
	// Eligible is how many member organisations had an active membership
	// when the attendance was recorded, 0 before: the quorum is counted
	// against it, so that a later change of membership does not change a
	// past meeting's quorum.
	Eligible int
	// Present are the member organisations that attended.
	Present     []Attendee
	Attendance  bool // whether attendance was recorded
	Agenda      []AgendaItem
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int
	CreatedName string
}

// Attendee is an organisation present at a meeting.
type Attendee struct {
	OrganisationID int64
	Name           plan.Text
}

// QuorumMet reports whether the meeting's recorded attendance makes its
// quorum.
func (m Meeting) QuorumMet() bool {
	return m.Attendance && m.Quorum.Met(len(m.Present), m.Eligible)
}

// Decided reports whether the meeting has decided on any agenda item.
func (m Meeting) Decided() bool {
	for _, it := range m.Agenda {
		if it.Outcome != "" {
			return true
		}
	}
	return false
}

// AgendaItem is a draft on a meeting's agenda, with the meeting's vote on
// it and its outcome once decided.
type AgendaItem struct {
	ID        int64
	MeetingID int64
	Position  int
	DraftID   int64
	// DraftTitle, DraftStatus and DraftCurrent are filled by reads.
	DraftTitle   plan.Text
	DraftStatus  Status
	DraftCurrent int
	Votes        Votes
	Outcome      Outcome // "" until decided
	// Revision is the number of the version the meeting voted on.
	Revision  int
	DecidedAt *time.Time
}

// Outcome is a meeting's decision on a draft.
type Outcome string

// Outcomes.
const (
	OutcomeAdopted  Outcome = "adopted"
	OutcomeRejected Outcome = "rejected"
	OutcomeReturned Outcome = "returned"
)

// Outcomes lists the outcomes in the order forms offer them.
var Outcomes = []Outcome{OutcomeAdopted, OutcomeReturned, OutcomeRejected}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	return o == OutcomeAdopted || o == OutcomeRejected || o == OutcomeReturned
}

// Status is the status a draft takes when a meeting decides o on it.
func (o Outcome) Status() Status {
	switch o {
	case OutcomeAdopted:
		return StatusAdopted
	case OutcomeRejected:
		return StatusRejected
	}
	return StatusReturned
}

// Votes are the votes of the member organisations present on an agenda
// item: one vote each.
type Votes struct {
	For, Against, Abstain int
}

// Cast is how many voted.
func (v Votes) Cast() int { return v.For + v.Against + v.Abstain }

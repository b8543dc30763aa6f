package drafts

import (
	"context"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// Store keeps drafts, their versions and comments, and the meetings that
// decide on them. The store implements it for SQLite and PostgreSQL. Every
// write checks its input (plan.FieldErrors), refuses to act on what
// changed since the form was filled in (a *plan.ConflictError), and
// appends its audit entry in the same transaction. Unknown ids are
// plan.ErrNotFound.
type Store interface {
	// ListDrafts returns drafts, most recently changed first.
	ListDrafts(ctx context.Context, f DraftFilter) ([]Draft, error)
	GetDraft(ctx context.Context, id int64) (Draft, error)
	// CreateDraft starts a draft, with its first version when e.Body is
	// set.
	CreateDraft(ctx context.Context, actor audit.Actor, e DraftEdit) (int64, error)
	// Revisions returns a draft's versions, newest first.
	Revisions(ctx context.Context, draftID int64) ([]Revision, error)
	GetRevision(ctx context.Context, draftID int64, number int) (Revision, error)
	// SaveRevision saves a new version of the text: ErrLocked once a
	// meeting adopted or rejected the draft, a
	// *plan.ConflictError[Revision] when e.Base is not the latest.
	SaveRevision(ctx context.Context, actor audit.Actor, e RevisionEdit) (Revision, error)
	// Comments returns a draft's threads, oldest first, each with its
	// replies.
	Comments(ctx context.Context, draftID int64) ([]Comment, error)
	// AddComment adds a comment or a reply: ErrClosed once the draft is
	// decided.
	AddComment(ctx context.Context, actor audit.Actor, e CommentEdit) (int64, error)
	// ResolveComment resolves a thread, or reopens it when resolved is
	// false; a *plan.ConflictError[Comment] when version is stale.
	ResolveComment(ctx context.Context, actor audit.Actor, draftID, commentID int64, resolved bool, version int) error
	// PublishDraft publishes an adopted draft (ErrBadTransition for any
	// other).
	PublishDraft(ctx context.Context, actor audit.Actor, id int64, version int) error
	// GroupMember reports whether a person of the expert group has the
	// email as contact: how a signed-in user is known to belong to it.
	GroupMember(ctx context.Context, groupID int64, email string) (bool, error)
	// ExpertGroups lists the live expert groups a draft may be given to.
	ExpertGroups(ctx context.Context) ([]GroupRef, error)

	// ListMeetings returns meetings, the latest first, with their agendas.
	ListMeetings(ctx context.Context) ([]Meeting, error)
	GetMeeting(ctx context.Context, id int64) (Meeting, error)
	// CreateMeeting records a meeting and its agenda: each draft must be
	// able to go on one (ErrBadTransition otherwise, as a field error).
	CreateMeeting(ctx context.Context, actor audit.Actor, e MeetingEdit) (int64, error)
	// AddAgendaItem puts a draft on a meeting's agenda.
	AddAgendaItem(ctx context.Context, actor audit.Actor, meetingID, draftID int64, version int) error
	// RecordAttendance records the organisations present and counts the
	// members active on the meeting's day, whom the quorum is measured
	// against; ErrDecided once the meeting has decided anything.
	RecordAttendance(ctx context.Context, actor audit.Actor, e AttendanceEdit) error
	// RecordDecision records votes and an outcome (see CheckDecision) and
	// moves the draft along: adopted locks its text at the version voted.
	RecordDecision(ctx context.Context, actor audit.Actor, e DecisionEdit) error
	// ActiveMembers lists the organisations whose membership of the
	// platform was active on a day, who may attend a meeting held then and
	// vote, alphabetically.
	ActiveMembers(ctx context.Context, on plan.Date) ([]Attendee, error)
}

// DraftFilter selects drafts; zero fields select all.
type DraftFilter struct {
	PublishedOnly bool
	GroupID       int64
	// Agenda selects the drafts that may go on a meeting's agenda.
	Agenda bool
}

// GroupRef names an expert group.
type GroupRef struct {
	ID   int64
	Name plan.Text
}

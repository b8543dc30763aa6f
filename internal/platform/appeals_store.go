package platform

import (
	"context"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
)

// AppealStore keeps the platform's appeals to state bodies, their replies
// and documents. The store implements it for SQLite and PostgreSQL. Every
// write checks its input (plan.FieldErrors), refuses to overwrite a newer
// version (*plan.ConflictError[Appeal] or [Reply]) and appends its audit
// entry in the same transaction; deletes are soft. Unknown or deleted ids
// are plan.ErrNotFound.
type AppealStore interface {
	// ListAppeals returns a page of the live appeals f selects, with
	// their replies, and their counts by status.
	ListAppeals(ctx context.Context, f AppealFilter) (AppealList, error)
	// CountAppeals counts the live appeals f selects (its Limit and Offset
	// aside): the figure of an indicator such as "appeals sent".
	CountAppeals(ctx context.Context, f AppealFilter) (int, error)
	// GetAppeal returns a live appeal with its replies.
	GetAppeal(ctx context.Context, id int64) (Appeal, error)
	CreateAppeal(ctx context.Context, actor audit.Actor, e AppealEdit) (int64, error)
	UpdateAppeal(ctx context.Context, actor audit.Actor, id int64, e AppealEdit) error
	DeleteAppeal(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreAppeal(ctx context.Context, actor audit.Actor, id int64) error
	// AppealAddressees lists the organisations an appeal can be sent to:
	// the live state bodies and every organisation already written to,
	// by member, then name.
	AppealAddressees(ctx context.Context) ([]Addressee, error)
	// UsedAddressees lists the organisations live appeals were sent to,
	// for the list's filter.
	UsedAddressees(ctx context.Context) ([]Addressee, error)

	// SetAppealDocument checks a file by its content (monitor.CheckFile;
	// a problem is plan.FieldErrors{"file": key}), keeps it with its
	// SHA-256 and makes it the appeal's letter; an earlier letter stays
	// kept, no longer shown.
	SetAppealDocument(ctx context.Context, actor audit.Actor, appealID int64, f monitor.FileUpload) (AppealDocument, error)
	// AppealDocument returns a kept file's description and the live
	// appeal it belongs to, so that the caller can decide who may read it.
	AppealDocument(ctx context.Context, id int64) (AppealDocument, Appeal, error)
	// AppealDocumentContent returns a kept file's content.
	AppealDocumentContent(ctx context.Context, id int64) ([]byte, error)

	// AddReply records a reply to a live appeal; one dated before the
	// appeal was sent is refused with plan.FieldErrors.
	AddReply(ctx context.Context, actor audit.Actor, appealID int64, e ReplyEdit) (int64, error)
	GetReply(ctx context.Context, id int64) (Reply, error)
	UpdateReply(ctx context.Context, actor audit.Actor, id int64, e ReplyEdit) error
	DeleteReply(ctx context.Context, actor audit.Actor, id int64, version int) error
	// SetReplyDocument is SetAppealDocument for a reply's file.
	SetReplyDocument(ctx context.Context, actor audit.Actor, replyID int64, f monitor.FileUpload) (AppealDocument, error)
}

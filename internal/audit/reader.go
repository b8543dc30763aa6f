package audit

import "context"

// Reader reads the log back, newest entry first, for the admin's log
// browser and the history of one entity. The store implements it.
type Reader interface {
	ListAudit(ctx context.Context, f Filter) ([]Entry, int, error)
}

package audit

import (
	"context"
	"fmt"
)

// ContentProblem is a row whose stored content is not what ogpp last
// wrote: someone changed, inserted or removed it in the database directly.
type ContentProblem struct {
	EntityType string // EntityMeasure, EntityUser, …; "member" for members
	ID         int64
	// Name says which row it is in words a coordinator recognises: a
	// plan's external id and a measure's clause, a user's email.
	Name string
	// Detail says what was found, in English, for the command line.
	Detail string
}

func (p ContentProblem) String() string {
	return fmt.Sprintf("%s %d (%s): %s", p.EntityType, p.ID, p.Name, p.Detail)
}

// ContentVerifier checks that the data the log records is what ogpp last
// wrote: the store implements it beside Reader.
type ContentVerifier interface {
	VerifyContent(ctx context.Context) ([]ContentProblem, error)
}

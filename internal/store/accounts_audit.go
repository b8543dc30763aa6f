package store

import (
	"context"
	"database/sql"
	"strconv"

	"ogpp/internal/audit"
)

// userRecord is what the audit log keeps of an account: never its
// password hash.
type userRecord struct {
	Email          string `json:"email"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	OrganisationID int64  `json:"organisation_id,omitempty"`
	Disabled       bool   `json:"disabled,omitempty"`
}

func readUserRecord(ctx context.Context, tx *sql.Tx, id int64) (*userRecord, error) {
	var r userRecord
	var org sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT email, name, role, organisation_id, disabled_at IS NOT NULL FROM users WHERE id = $1`, id).
		Scan(&r.Email, &r.Name, &r.Role, &org, &r.Disabled)
	if err != nil {
		return nil, err
	}
	r.OrganisationID = org.Int64
	return &r, nil
}

// auditUser appends the audit entry of an account change inside tx, with
// the actor the context carries. before and after are records, or nil.
func (db *DB) auditUser(ctx context.Context, tx *sql.Tx, action audit.Action, id int64, before, after any) error {
	var e audit.Entry
	e.Actor = audit.ActorFrom(ctx)
	e.Action, e.EntityType, e.EntityID = action, audit.EntityUser, strconv.FormatInt(id, 10)
	var err error
	if before != nil {
		if e.Before, err = audit.JSON(before); err != nil {
			return err
		}
	}
	if after != nil {
		if e.After, err = audit.JSON(after); err != nil {
			return err
		}
	}
	_, err = db.AppendAudit(ctx, tx, e)
	return err
}

// auditUserChange records the account as it was before and is after a
// change made in tx by change.
func (db *DB) auditUserChange(ctx context.Context, tx *sql.Tx, id int64, change func() error) error {
	before, err := readUserRecord(ctx, tx, id)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := readUserRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	if before != nil && *before == *after {
		return nil // nothing a reader would call a change
	}
	return db.auditUser(ctx, tx, audit.ActionUpdate, id, before, after)
}

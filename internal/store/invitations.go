package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
)

// The store keeps invitations and the users' last sign-in for the account
// service.
var (
	_ account.InvitationStore = (*DB)(nil)
	_ account.DirectoryStore  = (*DB)(nil)
)

// CreateInvitedUser inserts a user without a password and the hash of
// their invitation link in one transaction, so that there is never an
// account nobody can get into, nor a link to no account.
func (db *DB) CreateInvitedUser(ctx context.Context, u account.User, tokenHash string, expires time.Time) (int64, error) {
	u.PasswordHash = ""
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = insertUser(ctx, tx, u); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			tokenHash, id, formatTime(u.CreatedAt), formatTime(expires)); err != nil {
			return err
		}
		after, err := readUserRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditUser(ctx, tx, audit.ActionCreate, id, nil, invitedRecord{userRecord: *after, Invitation: "issued"})
	})
	if err != nil {
		return 0, fmt.Errorf("invite %s: %w", u.Email, err)
	}
	return id, nil
}

// invitedRecord is what the audit log keeps of an invitation: that one was
// issued, never its token.
type invitedRecord struct {
	userRecord
	Invitation string `json:"invitation"`
}

// ReissueInvitation spends the user's unused invitations and stores a new
// one, refusing users who have a password or are disabled.
func (db *DB) ReissueInvitation(ctx context.Context, userID int64, tokenHash string, created, expires time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var hash string
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT password_hash, disabled_at IS NOT NULL FROM users WHERE id = $1`, userID).Scan(&hash, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return account.ErrNotFound
		}
		if err != nil {
			return err
		}
		if hash != "" || disabled {
			return account.ErrNotInvitable
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`,
			formatTime(created), userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			tokenHash, userID, formatTime(created), formatTime(expires)); err != nil {
			return err
		}
		return db.auditUser(ctx, tx, audit.ActionUpdate, userID, nil, map[string]string{"invitation": "issued"})
	})
	if err != nil {
		return fmt.Errorf("reissue invitation for user %d: %w", userID, err)
	}
	return nil
}

// usableInvitation selects the user of an invitation that is unused and
// unexpired at $2, whose user is enabled and has no password yet.
const usableInvitation = ` FROM invitations i JOIN users u ON u.id = i.user_id
	WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND u.disabled_at IS NULL AND u.password_hash = ''`

// InvitedUser returns the user a usable invitation names.
func (db *DB) InvitedUser(ctx context.Context, tokenHash string, at time.Time) (account.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+usableInvitation, tokenHash, formatTime(at)))
	if errors.Is(err, sql.ErrNoRows) {
		err = account.ErrInvitationInvalid
	}
	if err != nil {
		return account.User{}, fmt.Errorf("invitation: %w", err)
	}
	return u, nil
}

// RedeemInvitation spends an invitation and sets the user's password in one
// transaction. The UPDATE that spends it is also the check, so two people
// using one link at once cannot both set a password.
func (db *DB) RedeemInvitation(ctx context.Context, tokenHash, passwordHash string, at time.Time) (account.User, error) {
	var u account.User
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE invitations SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
			AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL AND password_hash = '') RETURNING user_id`,
			tokenHash, formatTime(at)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return account.ErrInvitationInvalid
		}
		if err != nil {
			return err
		}
		// Any other link sent to the same person is now worthless.
		if _, err := tx.ExecContext(ctx, `UPDATE invitations SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`, formatTime(at), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, passwordHash, formatTime(at), id); err != nil {
			return err
		}
		if u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id)); err != nil {
			return err
		}
		// The invitee acts for themselves: nobody else knows the password.
		actor := audit.Actor{UserID: id, Name: u.Email}
		return db.auditUser(audit.WithActor(ctx, actor), tx, audit.ActionUpdate, id, nil, map[string]string{"password": "set", "invitation": "accepted"})
	})
	if err != nil {
		return account.User{}, fmt.Errorf("redeem invitation: %w", err)
	}
	return u, nil
}

// UserDirectory returns every user with their last sign-in, which a trigger
// on sessions records (see migration 00005), ordered by email.
func (db *DB) UserDirectory(ctx context.Context) ([]account.UserSummary, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+`, COALESCE(u.last_login_at, '') FROM users u ORDER BY u.email`)
	if err != nil {
		return nil, fmt.Errorf("user directory: %w", err)
	}
	defer rows.Close()
	var out []account.UserSummary
	for rows.Next() {
		var last string
		var s account.UserSummary
		var err error
		if s.User, err = scanUser(suffixScanner{rows, []any{&last}}); err != nil {
			return nil, fmt.Errorf("user directory: %w", err)
		}
		if last != "" {
			if s.LastSignIn, err = parseTime(last); err != nil {
				return nil, fmt.Errorf("user directory: %w", err)
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("user directory: %w", err)
	}
	return out, nil
}

// suffixScanner scans a row whose first columns go to the caller's
// destinations and whose last go to dest, so that scanUser reads the user
// columns of a wider row.
type suffixScanner struct {
	s    scanner
	dest []any
}

// Scan scans into dest followed by p's destinations.
func (p suffixScanner) Scan(dest ...any) error {
	return p.s.Scan(append(dest[:len(dest):len(dest)], p.dest...)...)
}

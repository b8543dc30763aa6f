package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// The store keeps accounts for the account package.
var _ account.Store = (*DB)(nil)

const userColumns = `u.id, u.email, u.name, u.role, COALESCE(u.organisation_id, 0), u.password_hash,
	u.disabled_at IS NOT NULL, u.created_at, u.updated_at`

// scanUser reads userColumns. SQLite returns the IS NOT NULL expression as
// 0 or 1 and PostgreSQL as a boolean; database/sql converts both to a bool.
func scanUser(s scanner) (account.User, error) {
	var u account.User
	var role, created, updated string
	if err := s.Scan(&u.ID, &u.Email, &u.Name, &role, &u.OrganisationID, &u.PasswordHash,
		&u.Disabled, &created, &updated); err != nil {
		return u, err
	}
	u.Role = account.Role(role)
	var err error
	if u.CreatedAt, err = parseTime(created); err != nil {
		return u, err
	}
	u.UpdatedAt, err = parseTime(updated)
	return u, err
}

// organisationValue stores a focal point's organisation, NULL for none.
func organisationValue(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// checkOrganisation refuses a focal point whose organisation is not a state
// body on record, so that the web layer can say which field is wrong rather
// than fail on a foreign key.
func checkOrganisation(ctx context.Context, q querier, id int64) error {
	if id == 0 {
		return nil
	}
	var kind string
	err := q.QueryRowContext(ctx, `SELECT kind FROM organisations WHERE id = $1`, id).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return account.ErrUnknownOrganisation
	}
	if err != nil {
		return err
	}
	if plan.OrganisationKind(kind) != plan.OrgStateBody {
		return account.ErrNotStateBody
	}
	return nil
}

// insertUser inserts u, returning account.ErrEmailTaken when the email is in
// use. ON CONFLICT rather than a prior SELECT, so that two PostgreSQL
// transactions racing for one email cannot both pass.
func insertUser(ctx context.Context, tx *sql.Tx, u account.User) (int64, error) {
	if err := checkOrganisation(ctx, tx, u.OrganisationID); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, role, organisation_id, password_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id`,
		cleanArg(u.Email), cleanArg(u.Name), string(u.Role), organisationValue(u.OrganisationID), u.PasswordHash,
		formatTime(u.CreatedAt), formatTime(u.UpdatedAt)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, account.ErrEmailTaken
	}
	return id, err
}

// CreateUser inserts a user (validated by the caller) and returns its id.
func (db *DB) CreateUser(ctx context.Context, u account.User) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = insertUser(ctx, tx, u); err != nil {
			return err
		}
		after, err := readUserRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditUser(ctx, tx, audit.ActionCreate, id, nil, after)
	})
	if err != nil {
		return 0, fmt.Errorf("create user %s: %w", u.Email, err)
	}
	return id, nil
}

// GetUser reads one user by id.
func (db *DB) GetUser(ctx context.Context, id int64) (account.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = account.ErrNotFound
	}
	if err != nil {
		return account.User{}, fmt.Errorf("get user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail reads one user by normalised email.
func (db *DB) UserByEmail(ctx context.Context, email string) (account.User, error) {
	if cleanArg(email) != email {
		// No stored email holds a NUL or invalid UTF-8, and cleaning them
		// out would match another address.
		return account.User{}, fmt.Errorf("user %q: %w", email, account.ErrNotFound)
	}
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.email = $1`, email))
	if errors.Is(err, sql.ErrNoRows) {
		err = account.ErrNotFound
	}
	if err != nil {
		return account.User{}, fmt.Errorf("user %q: %w", email, err)
	}
	return u, nil
}

// ListUsers returns every user ordered by email. A platform has tens or
// hundreds of users, so there is no paging.
func (db *DB) ListUsers(ctx context.Context) ([]account.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users u ORDER BY u.email`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// activeAdmins counts enabled admins.
func activeAdmins(ctx context.Context, q querier) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE role = $1 AND disabled_at IS NULL`, string(account.RoleAdmin)).Scan(&n)
	return n, err
}

// lockUsers serialises transactions that count admins and then change
// users. On PostgreSQL (read committed) two of them could otherwise each
// count the other's admin before either commits, and together leave none,
// or create two first admins; the lock mode conflicts with itself and with
// writers, so the second waits and its next statement sees the first's
// commit. SQLite's single writer already runs them one at a time.
func (db *DB) lockUsers(ctx context.Context, tx *sql.Tx) error {
	if db.dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`)
	return err
}

// updateUser runs an UPDATE of user id and refuses with
// account.ErrLastAdmin when it took away the last enabled admin. Checking
// after the change, inside the transaction, covers every way of losing the
// last one; checking only when the user was an enabled admin lets a
// database with no admin yet (before the setup link is used) be managed.
func (db *DB) updateUser(ctx context.Context, tx *sql.Tx, id int64, query string, args ...any) error {
	if err := db.lockUsers(ctx, tx); err != nil {
		return err
	}
	var role string
	var disabled bool
	err := tx.QueryRowContext(ctx, `SELECT role, disabled_at IS NOT NULL FROM users WHERE id = $1`, id).Scan(&role, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return account.ErrNotFound
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return err
	}
	if account.Role(role) != account.RoleAdmin || disabled {
		return nil
	}
	n, err := activeAdmins(ctx, tx)
	if err != nil {
		return err
	}
	if n == 0 {
		return account.ErrLastAdmin
	}
	return nil
}

// SetUserRole changes a user's role and organisation.
func (db *DB) SetUserRole(ctx context.Context, id int64, r account.Role, organisationID int64, at time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkOrganisation(ctx, tx, organisationID); err != nil {
			return err
		}
		return db.auditUserChange(ctx, tx, id, func() error {
			return db.updateUser(ctx, tx, id, `UPDATE users SET role = $1, organisation_id = $2, updated_at = $3 WHERE id = $4`,
				string(r), organisationValue(organisationID), formatTime(at), id)
		})
	})
	if err != nil {
		return fmt.Errorf("set role of user %d: %w", id, err)
	}
	return nil
}

// SetUserDisabled disables a user, deleting their sessions in the same
// transaction, or enables one. Disabling a disabled user keeps the time it
// was first disabled.
func (db *DB) SetUserDisabled(ctx context.Context, id int64, disabled bool, at time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		return db.auditUserChange(ctx, tx, id, func() error {
			if !disabled {
				return db.updateUser(ctx, tx, id, `UPDATE users SET disabled_at = NULL, updated_at = $1 WHERE id = $2`, formatTime(at), id)
			}
			if err := db.updateUser(ctx, tx, id, `UPDATE users SET disabled_at = COALESCE(disabled_at, $1), updated_at = $1 WHERE id = $2`,
				formatTime(at), id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id)
			return err
		})
	})
	if err != nil {
		verb := "enable"
		if disabled {
			verb = "disable"
		}
		return fmt.Errorf("%s user %d: %w", verb, id, err)
	}
	return nil
}

// SetPasswordHash stores a new password hash and deletes every session of
// the user but keep, in one transaction: no moment exists where the new
// password is set and an old session still works.
func (db *DB) SetPasswordHash(ctx context.Context, id int64, hash string, at time.Time, keep string) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, hash, formatTime(at), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return account.ErrNotFound
		}
		if _, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, id, keep); err != nil {
			return err
		}
		// The log says that the password changed, never what it is.
		return db.auditUser(ctx, tx, audit.ActionUpdate, id, nil, map[string]string{"password": "changed"})
	})
	if err != nil {
		return fmt.Errorf("set password of user %d: %w", id, err)
	}
	return nil
}

// RehashPassword replaces a password hash by one of the same password made
// with newer parameters, unless the password changed meanwhile. It leaves
// updated_at alone: nothing a person would call a change happened.
func (db *DB) RehashPassword(ctx context.Context, id int64, old, new string) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3`, new, id, old)
		return err
	})
	if err != nil {
		return fmt.Errorf("rehash password of user %d: %w", id, err)
	}
	return nil
}

// HasAdmin reports whether an enabled admin exists.
func (db *DB) HasAdmin(ctx context.Context) (bool, error) {
	n, err := activeAdmins(ctx, db.read)
	if err != nil {
		return false, fmt.Errorf("has admin: %w", err)
	}
	return n > 0, nil
}

// CreateSetupToken stores the hash of a one-time setup link's token.
func (db *DB) CreateSetupToken(ctx context.Context, hash string, created, expires time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO setup_tokens (token_hash, created_at, expires_at) VALUES ($1, $2, $3)`,
			hash, formatTime(created), formatTime(expires))
		return err
	})
	if err != nil {
		return fmt.Errorf("create setup token: %w", err)
	}
	return nil
}

// SetupTokenUsable reports whether a setup token exists, is unused and
// has not expired at the given time.
func (db *DB) SetupTokenUsable(ctx context.Context, hash string, at time.Time) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM setup_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
		hash, formatTime(at)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check setup token: %w", err)
	}
	return n > 0, nil
}

// RedeemSetupToken burns a setup token and creates the first admin in one
// transaction, so that a token is spent only by an admin that exists and
// two people using links at once cannot both become the first admin.
func (db *DB) RedeemSetupToken(ctx context.Context, hash string, admin account.User, at time.Time) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1`,
			formatTime(at), hash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return account.ErrSetupInvalid
		}
		if err := db.lockUsers(ctx, tx); err != nil {
			return err
		}
		admins, err := activeAdmins(ctx, tx)
		if err != nil {
			return err
		}
		if admins > 0 {
			return account.ErrAdminExists
		}
		if id, err = insertUser(ctx, tx, admin); err != nil {
			return err
		}
		after, err := readUserRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		// Nobody is signed in yet: the setup link itself is the actor.
		return db.auditUser(audit.WithActor(ctx, audit.System("setup")), tx, audit.ActionCreate, id, nil, after)
	})
	if err != nil {
		return 0, fmt.Errorf("redeem setup token: %w", err)
	}
	return id, nil
}

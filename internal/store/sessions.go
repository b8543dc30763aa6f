package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ogpp/internal/account"
)

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s account.Session) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, remote_addr, user_agent)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			s.TokenHash, s.UserID, formatTime(s.CreatedAt), formatTime(s.LastSeenAt), formatTime(s.ExpiresAt),
			cleanArg(s.RemoteAddr), cleanArg(s.UserAgent))
		return err
	})
	if err != nil {
		return fmt.Errorf("create session for user %d: %w", s.UserID, err)
	}
	return nil
}

// SessionByTokenHash reads a session and its user in one query, as every
// signed-in request does.
func (db *DB) SessionByTokenHash(ctx context.Context, hash string) (account.Session, account.User, error) {
	row := db.read.QueryRowContext(ctx, `SELECT s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at,
		s.remote_addr, s.user_agent, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, hash)
	var s account.Session
	var created, seen, expires string
	u, err := scanUser(prefixScanner{row, []any{&s.TokenHash, &s.UserID, &created, &seen, &expires, &s.RemoteAddr, &s.UserAgent}})
	if errors.Is(err, sql.ErrNoRows) {
		return s, u, fmt.Errorf("session: %w", account.ErrNotFound)
	}
	if err != nil {
		return s, u, fmt.Errorf("session: %w", err)
	}
	for _, t := range []struct {
		dst *time.Time
		src string
	}{{&s.CreatedAt, created}, {&s.LastSeenAt, seen}, {&s.ExpiresAt, expires}} {
		if *t.dst, err = parseTime(t.src); err != nil {
			return account.Session{}, account.User{}, fmt.Errorf("session: %w", err)
		}
	}
	return s, u, nil
}

// prefixScanner scans a row whose first columns go to dest and whose
// others go to the caller's destinations, so that scanUser reads the user
// columns of a join.
type prefixScanner struct {
	s    scanner
	dest []any
}

// Scan scans into p's destinations followed by dest.
func (p prefixScanner) Scan(dest ...any) error {
	return p.s.Scan(append(p.dest[:len(p.dest):len(p.dest)], dest...)...)
}

// TouchSession moves a session's last-seen time forward, never back, so
// that two instances touching it at once cannot shorten it.
func (db *DB) TouchSession(ctx context.Context, hash string, at time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at < $1`, formatTime(at), hash)
		return err
	})
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession deletes one session.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions deletes every session of a user.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// PruneSessions deletes the sessions that expired by expiredBy or were last
// seen by idleSince.
func (db *DB) PruneSessions(ctx context.Context, expiredBy, idleSince time.Time) (int, error) {
	var n int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2`,
			formatTime(expiredBy), formatTime(idleSince))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune sessions: %w", err)
	}
	return int(n), nil
}

// RecordLoginFailure records one failed login under each key.
func (db *DB) RecordLoginFailure(ctx context.Context, at time.Time, keys ...string) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2)`,
				cleanArg(k), formatTime(at)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	return nil
}

// RecentLoginFailures returns the times of a key's failures after since,
// newest first, at most limit: the throttle needs only the limit-th newest
// to know whether, and until when, a key is blocked.
func (db *DB) RecentLoginFailures(ctx context.Context, key string, since time.Time, limit int) ([]time.Time, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT failed_at FROM login_failures
		WHERE throttle_key = $1 AND failed_at > $2 ORDER BY failed_at DESC LIMIT $3`, cleanArg(key), formatTime(since), limit)
	if err != nil {
		return nil, fmt.Errorf("recent login failures: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("recent login failures: %w", err)
		}
		t, err := parseTime(s)
		if err != nil {
			return nil, fmt.Errorf("recent login failures: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recent login failures: %w", err)
	}
	return out, nil
}

// ClearLoginFailures forgets a key's failures.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE throttle_key = $1`, cleanArg(key))
		return err
	})
	if err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

// PruneLoginFailures deletes failures at or before the given time.
func (db *DB) PruneLoginFailures(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE failed_at <= $1`, formatTime(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune login failures: %w", err)
	}
	return int(n), nil
}

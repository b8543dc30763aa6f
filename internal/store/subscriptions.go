package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/notify"
	"ogpp/internal/plan"
)

// The store keeps subscriptions.
var _ notify.Store = (*DB)(nil)

// Purposes of subscription tokens.
const (
	tokenConfirm     = "confirm"
	tokenUnsubscribe = "unsubscribe"
)

// subscriptionRecord is a subscription as the audit log records it: the
// address only as a hash, so that the append-only log keeps no address
// of someone who later unsubscribed.
type subscriptionRecord struct {
	EmailHash string        `json:"email_sha256"`
	Topic     notify.Topic  `json:"topic"`
	PlanID    int64         `json:"plan_id,omitempty"`
	Lang      string        `json:"lang"`
	Status    notify.Status `json:"status"`
}

// subscriber is how the audit log names the public who subscribed.
var subscriber = audit.Actor{Name: "public:subscription"}

func recordOfSubscription(s notify.Subscription) subscriptionRecord {
	return subscriptionRecord{EmailHash: emailHash(s.Email), Topic: s.Topic, PlanID: s.PlanID, Lang: s.Lang, Status: s.Status}
}

// emailHash is the SHA-256 of an address's key, for the audit log and the
// rate limit.
func emailHash(email string) string {
	sum := sha256.Sum256([]byte("ogpp-subscription:" + notify.EmailKey(email)))
	return hex.EncodeToString(sum[:16])
}

func newToken() string {
	buf := make([]byte, 24)
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

const subscriptionColumns = `id, email, topic, plan_id, lang, status, confirmed_at, created_at`

func scanSubscription(scan func(...any) error) (notify.Subscription, error) {
	var s notify.Subscription
	var confirmed sql.NullString
	var created string
	if err := scan(&s.ID, &s.Email, &s.Topic, &s.PlanID, &s.Lang, &s.Status, &confirmed, &created); err != nil {
		return s, err
	}
	var err error
	if s.CreatedAt, err = parseTime(created); err != nil {
		return s, err
	}
	if confirmed.Valid {
		if s.ConfirmedAt, err = parseTime(confirmed.String); err != nil {
			return s, err
		}
	}
	return s, nil
}

// Subscribe records a pending subscription, or renews the address's
// subscription to the topic, and returns it with a confirmation token of
// which only the hash is stored.
func (db *DB) Subscribe(ctx context.Context, r notify.Request) (notify.Subscription, string, error) {
	var out notify.Subscription
	if r.Honeypot != "" {
		return out, "", notify.ErrSpam
	}
	if fe := r.Validate(); len(fe) > 0 {
		return out, "", fmt.Errorf("subscribe: %w", fe)
	}
	token := newToken()
	now := db.Now()
	stamp := formatTime(now)
	key := notify.EmailKey(r.Email)
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if r.Topic == notify.TopicPlan {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM plans WHERE id = $1 AND deleted_at IS NULL`, r.PlanID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return plan.FieldErrors{"plan": "subscribe.plan.required"}
			}
		}
		since := formatTime(now.Add(-notify.RateWindow))
		// Expired confirmations and attempts past the window count for
		// nothing any more: keep the tables small.
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscription_tokens WHERE purpose = $1 AND expires_at < $2`, tokenConfirm, stamp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscription_attempts WHERE created_at <= $1`, since); err != nil {
			return err
		}
		for _, limit := range []struct {
			column, value string
			max           int
		}{{"email_hash", emailHash(key), notify.AddressLimit}, {"client", r.Client, notify.ClientLimit}} {
			if limit.value == "" {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM subscription_attempts WHERE `+limit.column+` = $1 AND created_at > $2`,
				limit.value, since).Scan(&n); err != nil {
				return err
			}
			if n >= limit.max {
				return notify.ErrRateLimited
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscription_attempts (email_hash, client, created_at) VALUES ($1, $2, $3)`,
			emailHash(key), r.Client, stamp); err != nil {
			return err
		}
		existing, err := scanSubscription(tx.QueryRowContext(ctx, `SELECT `+subscriptionColumns+` FROM subscriptions
			WHERE email_key = $1 AND topic = $2 AND plan_id = $3`, key, string(r.Topic), r.PlanID).Scan)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out = notify.Subscription{Email: r.Email, Topic: r.Topic, PlanID: r.PlanID, Lang: r.Lang, Status: notify.Pending, CreatedAt: now}
			if err := tx.QueryRowContext(ctx, `INSERT INTO subscriptions (email, email_key, topic, plan_id, lang, status, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, r.Email, key, string(r.Topic), r.PlanID, r.Lang, string(notify.Pending), stamp).Scan(&out.ID); err != nil {
				return err
			}
			if err := db.auditChange(ctx, tx, subscriber, audit.ActionCreate, notify.EntitySubscription, out.ID, nil, recordOfSubscription(out)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			out = existing
			before := recordOfSubscription(existing)
			out.Lang, out.Email = r.Lang, r.Email
			if out.Status == notify.Unsubscribed {
				out.Status, out.ConfirmedAt = notify.Pending, time.Time{}
			}
			var confirmed any
			if !out.ConfirmedAt.IsZero() {
				confirmed = formatTime(out.ConfirmedAt)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET email = $1, lang = $2, status = $3, confirmed_at = $4, updated_at = $5, version = version + 1 WHERE id = $6`,
				out.Email, out.Lang, string(out.Status), confirmed, stamp, out.ID); err != nil {
				return err
			}
			if after := recordOfSubscription(out); after != before {
				if err := db.auditChange(ctx, tx, subscriber, audit.ActionUpdate, notify.EntitySubscription, out.ID, before, after); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO subscription_tokens (token_hash, subscription_id, purpose, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
			tokenHash(token), out.ID, tokenConfirm, formatTime(now.Add(notify.ConfirmTTL)), stamp)
		return err
	})
	if err != nil {
		return out, "", fmt.Errorf("subscribe: %w", err)
	}
	return out, token, nil
}

// subscriptionByToken finds the subscription a token of the purpose
// names, with the token's expiry.
func subscriptionByToken(ctx context.Context, q querier, token, purpose string) (notify.Subscription, sql.NullString, error) {
	var expires sql.NullString
	s, err := scanSubscription(func(dest ...any) error {
		return q.QueryRowContext(ctx, `SELECT t.expires_at, s.id, s.email, s.topic, s.plan_id, s.lang, s.status, s.confirmed_at, s.created_at
			FROM subscription_tokens t JOIN subscriptions s ON s.id = t.subscription_id WHERE t.token_hash = $1 AND t.purpose = $2`,
			tokenHash(token), purpose).Scan(append([]any{&expires}, dest...)...)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return s, expires, plan.ErrNotFound
	}
	return s, expires, err
}

// SubscriptionByConfirmToken finds the subscription a confirmation token
// names.
func (db *DB) SubscriptionByConfirmToken(ctx context.Context, token string) (notify.Subscription, error) {
	s, expires, err := subscriptionByToken(ctx, db.read, token, tokenConfirm)
	if err == nil && expires.Valid && expires.String < formatTime(db.Now()) {
		err = notify.ErrExpired
	}
	if err != nil {
		return s, fmt.Errorf("subscription by token: %w", err)
	}
	return s, nil
}

// ConfirmSubscription confirms the subscription a confirmation token
// names and spends the token. An unsubscribed subscription stays so: its
// address asked for nothing more.
func (db *DB) ConfirmSubscription(ctx context.Context, token string) (notify.Subscription, error) {
	var out notify.Subscription
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		s, expires, err := subscriptionByToken(ctx, tx, token, tokenConfirm)
		if err != nil {
			return err
		}
		now := db.Now()
		if expires.Valid && expires.String < formatTime(now) {
			return notify.ErrExpired
		}
		out = s
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscription_tokens WHERE token_hash = $1`, tokenHash(token)); err != nil {
			return err
		}
		if s.Status != notify.Pending {
			return nil
		}
		out.Status, out.ConfirmedAt = notify.Confirmed, now.UTC().Truncate(time.Millisecond)
		if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET status = $1, confirmed_at = $2, updated_at = $2, version = version + 1 WHERE id = $3`,
			string(out.Status), formatTime(now), s.ID); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, subscriber, audit.ActionUpdate, notify.EntitySubscription, s.ID, recordOfSubscription(s), recordOfSubscription(out))
	})
	if err != nil {
		return out, fmt.Errorf("confirm subscription: %w", err)
	}
	return out, nil
}

// unsubscribeTokenLife is how long the unsubscribe link of a mail works.
// Every mail carries a new one, so a subscriber always holds a recent
// link; keeping them all would grow the table by one row per mail sent.
const unsubscribeTokenLife = 365 * 24 * time.Hour

// UnsubscribeToken issues a new unsubscribe token of subscription id and
// forgets its tokens older than unsubscribeTokenLife.
func (db *DB) UnsubscribeToken(ctx context.Context, id int64) (string, error) {
	token := newToken()
	now := db.Now()
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscription_tokens WHERE subscription_id = $1 AND purpose = $2 AND created_at < $3`,
			id, tokenUnsubscribe, formatTime(now.Add(-unsubscribeTokenLife))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO subscription_tokens (token_hash, subscription_id, purpose, created_at) VALUES ($1, $2, $3, $4)`,
			tokenHash(token), id, tokenUnsubscribe, formatTime(now))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("unsubscribe token of %d: %w", id, err)
	}
	return token, nil
}

// SubscriptionByUnsubscribeToken finds the subscription an unsubscribe
// token names.
func (db *DB) SubscriptionByUnsubscribeToken(ctx context.Context, token string) (notify.Subscription, error) {
	s, _, err := subscriptionByToken(ctx, db.read, token, tokenUnsubscribe)
	if err != nil {
		return s, fmt.Errorf("subscription by token: %w", err)
	}
	return s, nil
}

// Unsubscribe ends the subscription an unsubscribe token names. Doing it
// twice is harmless: mail programs may repeat a one-click request.
func (db *DB) Unsubscribe(ctx context.Context, token string) (notify.Subscription, error) {
	var out notify.Subscription
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		s, _, err := subscriptionByToken(ctx, tx, token, tokenUnsubscribe)
		if err != nil {
			return err
		}
		out = s
		if s.Status == notify.Unsubscribed {
			return nil
		}
		out.Status = notify.Unsubscribed
		if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3`,
			string(out.Status), formatTime(db.Now()), s.ID); err != nil {
			return err
		}
		// Pending confirmations of an ended subscription are void.
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscription_tokens WHERE subscription_id = $1 AND purpose = $2`, s.ID, tokenConfirm); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, subscriber, audit.ActionUpdate, notify.EntitySubscription, s.ID, recordOfSubscription(s), recordOfSubscription(out))
	})
	if err != nil {
		return out, fmt.Errorf("unsubscribe: %w", err)
	}
	return out, nil
}

// ConfirmedSubscriptions lists the subscriptions that get digests, in the
// order they were made.
func (db *DB) ConfirmedSubscriptions(ctx context.Context) ([]notify.Subscription, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+subscriptionColumns+` FROM subscriptions WHERE status = $1 ORDER BY id`, string(notify.Confirmed))
	if err != nil {
		return nil, fmt.Errorf("confirmed subscriptions: %w", err)
	}
	defer rows.Close()
	var out []notify.Subscription
	for rows.Next() {
		s, err := scanSubscription(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("confirmed subscriptions: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// DigestSent lists what a subscription's digests carried.
func (db *DB) DigestSent(ctx context.Context, id int64) (map[notify.ItemRef]bool, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT kind, item_id FROM subscription_sent WHERE subscription_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("digest sent to %d: %w", id, err)
	}
	defer rows.Close()
	out := map[notify.ItemRef]bool{}
	for rows.Next() {
		var ref notify.ItemRef
		if err := rows.Scan(&ref.Kind, &ref.ID); err != nil {
			return nil, fmt.Errorf("digest sent to %d: %w", id, err)
		}
		out[ref] = true
	}
	return out, rows.Err()
}

// RecordDigest records a digest sent at at with items.
func (db *DB) RecordDigest(ctx context.Context, id int64, items []notify.ItemRef, at time.Time) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		stamp := formatTime(at)
		for _, it := range items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO subscription_sent (subscription_id, kind, item_id, sent_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (subscription_id, kind, item_id) DO NOTHING`, id, string(it.Kind), it.ID, stamp); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE subscriptions SET last_digest_at = $1 WHERE id = $2`, stamp, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("record digest of %d: %w", id, err)
	}
	return nil
}

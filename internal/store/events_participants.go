package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
)

// registrationRecord is a registration as the audit log records it and as
// its fingerprint covers it; the cancellation token and the client hash
// are left out of both.
type registrationRecord struct {
	EventID      int64            `json:"event_id"`
	Name         string           `json:"title"`
	Organisation string           `json:"organisation,omitempty"`
	Category     events.Category  `json:"category"`
	Status       events.RegStatus `json:"status"`
	CheckedInAt  string           `json:"checked_in_at,omitempty"`
}

func (r registrationRecord) hash() string { return contentHash(r) }

// headCountRecord is a head count as the audit log records it.
type headCountRecord struct {
	EventID  int64           `json:"event_id"`
	Category events.Category `json:"category"`
	Count    int             `json:"count"`
}

func (r headCountRecord) hash() string { return contentHash(r) }

// registrant is how the audit log names the public who registered.
var registrant = audit.Actor{Name: "public:registration"}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Register records a named registration for an event open to it: planned
// and not started at db.Now. When the places are all taken it goes to the
// waitlist. A filled-in honeypot is refused with events.ErrSpam, an
// address past the rate limit with events.ErrRateLimited (counted in the
// database, so that every instance shares it), invalid input with
// plan.FieldErrors. It returns the registration and the one-time token
// that cancels it, of which only the hash is stored.
func (db *DB) Register(ctx context.Context, eventID int64, in events.Registrant) (events.Registration, string, error) {
	var reg events.Registration
	if in.Honeypot != "" {
		return reg, "", events.ErrSpam
	}
	if fe := in.Validate(); len(fe) > 0 {
		return reg, "", fmt.Errorf("register: %w", fe)
	}
	buf := make([]byte, 24)
	rand.Read(buf)
	token := hex.EncodeToString(buf)
	now := db.Now()
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := db.lockEvent(ctx, tx, eventID); err != nil {
			return err
		}
		ev, _, err := readEventRecord(ctx, tx, eventID)
		if err != nil {
			return err
		}
		start, err := parseTime(ev.Start)
		if err != nil {
			return err
		}
		if ev.Status != events.Planned || !start.After(now) {
			return events.ErrClosed
		}
		if in.Client != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations WHERE client = $1 AND created_at > $2`,
				in.Client, formatTime(now.Add(-events.RateWindow))).Scan(&n); err != nil {
				return err
			}
			if n >= events.RateLimit {
				return events.ErrRateLimited
			}
		}
		if err := checkCategories(ctx, tx, "category", true, in.Category); err != nil {
			return err
		}
		status := events.Registered
		if ev.Capacity > 0 {
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered'`, eventID).Scan(&taken); err != nil {
				return err
			}
			if taken >= ev.Capacity {
				status = events.Waitlisted
			}
		}
		r := registrationRecord{EventID: eventID, Name: in.Name, Organisation: in.Organisation, Category: in.Category, Status: status}
		stamp := formatTime(now)
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO event_registrations (event_id, name, organisation, category, status, cancel_hash, client, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			eventID, r.Name, r.Organisation, string(r.Category), string(r.Status), tokenHash(token), in.Client, r.hash(), stamp).Scan(&id); err != nil {
			return err
		}
		reg = events.Registration{ID: id, EventID: eventID, Name: r.Name, Organisation: r.Organisation, Category: r.Category, Status: status, CreatedAt: now, Version: 1}
		return db.auditChange(ctx, tx, registrant, audit.ActionCreate, events.EntityRegistration, id, nil, r)
	})
	if err != nil {
		return reg, "", fmt.Errorf("register for event %d: %w", eventID, err)
	}
	return reg, token, nil
}

const registrationColumns = `id, event_id, name, organisation, category, status, checked_in_at, created_at, version`

func scanRegistration(scan func(...any) error) (events.Registration, error) {
	var r events.Registration
	var checked sql.NullString
	var created string
	if err := scan(&r.ID, &r.EventID, &r.Name, &r.Organisation, &r.Category, &r.Status, &checked, &created, &r.Version); err != nil {
		return r, err
	}
	var err error
	if r.CreatedAt, err = parseTime(created); err != nil {
		return r, err
	}
	if checked.Valid {
		r.CheckedIn = true
		if r.CheckedInAt, err = parseTime(checked.String); err != nil {
			return r, err
		}
	}
	return r, nil
}

func recordOfRegistration(r events.Registration) registrationRecord {
	rec := registrationRecord{EventID: r.EventID, Name: r.Name, Organisation: r.Organisation, Category: r.Category, Status: r.Status}
	if r.CheckedIn {
		rec.CheckedInAt = formatTime(r.CheckedInAt)
	}
	return rec
}

// RegistrationByToken finds the registration a cancellation token names.
func (db *DB) RegistrationByToken(ctx context.Context, token string) (events.Registration, error) {
	r, err := scanRegistration(db.read.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM event_registrations WHERE cancel_hash = $1`, tokenHash(token)).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return r, plan.ErrNotFound
	}
	return r, err
}

// CancelRegistration cancels the registration the token names; when it
// held a place, the first waiting registration (the earliest) takes it. A
// registration already cancelled stays as it is: the link is one-time.
func (db *DB) CancelRegistration(ctx context.Context, token string) (events.Registration, error) {
	var out events.Registration
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var eventID int64
		if err := tx.QueryRowContext(ctx, `SELECT event_id FROM event_registrations WHERE cancel_hash = $1`, tokenHash(token)).Scan(&eventID); errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		if err := db.lockEvent(ctx, tx, eventID); err != nil {
			return err
		}
		reg, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM event_registrations WHERE cancel_hash = $1`, tokenHash(token)).Scan)
		if err != nil {
			return err
		}
		if reg.Status == events.Withdrawn {
			return plan.ErrNotFound
		}
		held := reg.Status == events.Registered
		if err := db.setRegistration(ctx, tx, registrant, reg, func(r *events.Registration) { r.Status = events.Withdrawn }); err != nil {
			return err
		}
		out = reg
		out.Status = events.Withdrawn
		if !held {
			return nil
		}
		ev, _, err := readEventRecord(ctx, tx, eventID)
		if err != nil {
			return err
		}
		return db.promoteWaiting(ctx, tx, eventID, ev.Capacity)
	})
	if err != nil {
		return out, fmt.Errorf("cancel registration: %w", err)
	}
	return out, nil
}

// promoteWaiting gives free places to the waiting registrations, first
// come first served.
func (db *DB) promoteWaiting(ctx context.Context, tx *sql.Tx, eventID int64, capacity int) error {
	for {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered'`, eventID).Scan(&taken); err != nil {
			return err
		}
		if capacity > 0 && taken >= capacity {
			return nil
		}
		next, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM event_registrations
			WHERE event_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1`, eventID).Scan)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := db.setRegistration(ctx, tx, audit.System("waitlist"), next, func(r *events.Registration) { r.Status = events.Registered }); err != nil {
			return err
		}
	}
}

// setRegistration changes a registration and records the change.
func (db *DB) setRegistration(ctx context.Context, tx *sql.Tx, actor audit.Actor, reg events.Registration, change func(*events.Registration)) error {
	before := recordOfRegistration(reg)
	change(&reg)
	after := recordOfRegistration(reg)
	var checked any
	if after.CheckedInAt != "" {
		checked = after.CheckedInAt
	}
	res, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = $1, checked_in_at = $2, content_hash = $3, updated_at = $4, version = version + 1
		WHERE id = $5 AND version = $6`, string(after.Status), checked, after.hash(), formatTime(db.Now()), reg.ID, reg.Version)
	if err := oneRow(res, err); err != nil {
		return err
	}
	return db.auditChange(ctx, tx, actor, audit.ActionUpdate, events.EntityRegistration, reg.ID, before, after)
}

// Registrations lists an event's named registrations in the order they
// came: private, for coordinators.
func (db *DB) Registrations(ctx context.Context, eventID int64) ([]events.Registration, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+registrationColumns+` FROM event_registrations WHERE event_id = $1 ORDER BY id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("registrations of event %d: %w", eventID, err)
	}
	defer rows.Close()
	var out []events.Registration
	for rows.Next() {
		r, err := scanRegistration(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CheckIn records (or, with in false, withdraws) the attendance of a
// registration holding a place; a waiting or cancelled one is refused
// with plan.FieldErrors.
func (db *DB) CheckIn(ctx context.Context, actor audit.Actor, eventID, regID int64, in bool) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		reg, err := scanRegistration(tx.QueryRowContext(ctx, `SELECT `+registrationColumns+` FROM event_registrations WHERE id = $1 AND event_id = $2`, regID, eventID).Scan)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		if reg.Status != events.Registered {
			return plan.FieldErrors{"registration": "events.checkin.not_registered"}
		}
		if reg.CheckedIn == in {
			return nil
		}
		return db.setRegistration(ctx, tx, actor, reg, func(r *events.Registration) {
			r.CheckedIn, r.CheckedInAt = in, time.Time{}
			if in {
				r.CheckedInAt = db.Now().UTC().Truncate(time.Millisecond)
			}
		})
	})
	if err != nil {
		return fmt.Errorf("check in %d: %w", regID, err)
	}
	return nil
}

// HeadCounts returns the head counts entered for an event by category.
func (db *DB) HeadCounts(ctx context.Context, eventID int64) (map[events.Category]int, error) {
	return headCounts(ctx, db.read, eventID)
}

func headCounts(ctx context.Context, q querier, eventID int64) (map[events.Category]int, error) {
	rows, err := q.QueryContext(ctx, `SELECT category, count FROM event_head_counts WHERE event_id = $1`, eventID)
	if err != nil {
		return nil, fmt.Errorf("head counts of event %d: %w", eventID, err)
	}
	defer rows.Close()
	out := map[events.Category]int{}
	for rows.Next() {
		var c events.Category
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			return nil, err
		}
		out[c] = n
	}
	return out, rows.Err()
}

// SetHeadCounts sets an event's head counts: a category with a number is
// set to it, one with nil has its head count removed (its checked-in
// names count again), one absent from counts stays as it is.
func (db *DB) SetHeadCounts(ctx context.Context, actor audit.Actor, eventID int64, counts map[events.Category]*int) error {
	fe := plan.FieldErrors{}
	codes := slices.Sorted(maps.Keys(counts))
	for c, n := range counts {
		if !c.Valid() {
			fe["category"] = "events.category.unknown"
		} else if n != nil && (*n < 0 || *n > events.MaxHeadCount) {
			fe["count."+string(c)] = "events.count.invalid"
		}
	}
	if len(fe) > 0 {
		return fmt.Errorf("head counts: %w", fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if _, _, err := readEventRecord(ctx, tx, eventID); err != nil {
			return err
		}
		// A deactivated category keeps the counts recorded under it, so
		// it may still be corrected; a code never kept is refused.
		if err := checkCategories(ctx, tx, "category", false, codes...); err != nil {
			return err
		}
		now := formatTime(db.Now())
		for _, c := range codes {
			n := counts[c]
			var id int64
			var old int
			err := tx.QueryRowContext(ctx, `SELECT id, count FROM event_head_counts WHERE event_id = $1 AND category = $2`, eventID, string(c)).Scan(&id, &old)
			exists := err == nil
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			before := headCountRecord{EventID: eventID, Category: c, Count: old}
			switch {
			case n == nil && exists:
				if _, err := tx.ExecContext(ctx, `DELETE FROM event_head_counts WHERE id = $1`, id); err != nil {
					return err
				}
				if err := db.auditDeleted(ctx, tx, actor, events.EntityHeadCount, id, before); err != nil {
					return err
				}
			case n != nil && exists && old != *n:
				after := headCountRecord{EventID: eventID, Category: c, Count: *n}
				if _, err := tx.ExecContext(ctx, `UPDATE event_head_counts SET count = $1, content_hash = $2, updated_at = $3, version = version + 1 WHERE id = $4`,
					*n, after.hash(), now, id); err != nil {
					return err
				}
				if err := db.auditChange(ctx, tx, actor, audit.ActionUpdate, events.EntityHeadCount, id, before, after); err != nil {
					return err
				}
			case n != nil && !exists:
				after := headCountRecord{EventID: eventID, Category: c, Count: *n}
				if err := tx.QueryRowContext(ctx, `INSERT INTO event_head_counts (event_id, category, count, content_hash, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
					eventID, string(c), *n, after.hash(), now).Scan(&id); err != nil {
					return err
				}
				if err := db.auditChange(ctx, tx, actor, audit.ActionCreate, events.EntityHeadCount, id, nil, after); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("head counts of event %d: %w", eventID, err)
	}
	return nil
}

// Tallies returns the participants of each event the filter selects, by
// the counting rule of events.Tally.
func (db *DB) Tallies(ctx context.Context, f events.Filter) ([]events.Tally, error) {
	return db.tallies(ctx, f, 0)
}

// tallies is Tallies, limited to one project's events (those linked to
// its activities) when projectID is not 0.
func (db *DB) tallies(ctx context.Context, f events.Filter, projectID int64) ([]events.Tally, error) {
	evs, err := db.ListEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	var inProject map[int64]bool
	if projectID != 0 {
		inProject = map[int64]bool{}
		rows, err := db.read.QueryContext(ctx, `SELECT id FROM project_activities WHERE project_id = $1 AND deleted_at IS NULL`, projectID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			inProject[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	byEvent := map[int64]*events.Tally{}
	var out []events.Tally
	for _, ev := range evs {
		if inProject != nil && !inProject[ev.ActivityID] {
			continue
		}
		out = append(out, events.Tally{Event: ev, CheckedIn: map[events.Category]int{}, Heads: map[events.Category]int{}})
	}
	for i := range out {
		byEvent[out[i].Event.ID] = &out[i]
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err := db.read.QueryContext(ctx, `SELECT event_id, category, COUNT(*) FROM event_registrations
		WHERE status = 'registered' AND checked_in_at IS NOT NULL GROUP BY event_id, category`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c events.Category
		var n int
		if err := rows.Scan(&id, &c, &n); err != nil {
			return nil, err
		}
		if t := byEvent[id]; t != nil {
			t.CheckedIn[c] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hrows, err := db.read.QueryContext(ctx, `SELECT event_id, category, count FROM event_head_counts`)
	if err != nil {
		return nil, err
	}
	defer hrows.Close()
	for hrows.Next() {
		var id int64
		var c events.Category
		var n int
		if err := hrows.Scan(&id, &c, &n); err != nil {
			return nil, err
		}
		if t := byEvent[id]; t != nil {
			t.Heads[c] = n
		}
	}
	return out, hrows.Err()
}

// verifyEvents checks the fingerprints of events, registrations and head
// counts.
func verifyEvents(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	out, err := pwVerifyPass(ctx, tx, events.EntityEvent, `SELECT id, content_hash, `+eventColumns+` FROM events ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored string
			r, err := scanEventRecord(rows.Scan, &id, &stored)
			return id, stored, r.hash(), r.Title.String(), err
		})
	if err != nil {
		return nil, err
	}
	regs, err := pwVerifyPass(ctx, tx, events.EntityRegistration, `SELECT content_hash, `+registrationColumns+` FROM event_registrations ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var stored string
			reg, err := scanRegistration(func(dest ...any) error { return rows.Scan(append([]any{&stored}, dest...)...) })
			return reg.ID, stored, recordOfRegistration(reg).hash(), "registration " + strconv.FormatInt(reg.ID, 10), err
		})
	if err != nil {
		return nil, err
	}
	heads, err := pwVerifyPass(ctx, tx, events.EntityHeadCount, `SELECT id, content_hash, event_id, category, count FROM event_head_counts ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored string
			var r headCountRecord
			err := rows.Scan(&id, &stored, &r.EventID, &r.Category, &r.Count)
			return id, stored, r.hash(), string(r.Category), err
		})
	if err != nil {
		return nil, err
	}
	return append(append(out, regs...), heads...), nil
}

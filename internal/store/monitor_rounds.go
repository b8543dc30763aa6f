package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// roundContent is what a round's fingerprint covers: the row's own
// columns, the plan by its database id, so that renaming the plan does not
// make the round look tampered with.
type roundContent struct {
	PlanID     int64               `json:"plan_id"`
	ExternalID string              `json:"external_id"`
	Name       plan.Text           `json:"name"`
	Kind       monitor.RoundKind   `json:"kind"`
	Period     plan.Period         `json:"period"`
	Status     monitor.RoundStatus `json:"status"`
	Source     string              `json:"source"`
}

func (c roundContent) hash() string {
	c.Name = c.Name.Clean()
	return contentHash(c)
}

// roundRecord is a round as the audit log records it: naming its plan by
// external id.
type roundRecord struct {
	Plan       string              `json:"plan"`
	ExternalID string              `json:"id,omitempty"`
	Name       plan.Text           `json:"name"`
	Kind       monitor.RoundKind   `json:"kind"`
	Period     plan.Period         `json:"period"`
	Status     monitor.RoundStatus `json:"status"`
	Source     string              `json:"source,omitempty"`
}

// roundState is a stored round as writes need it.
type roundState struct {
	content roundContent
	plan    string // the plan's external id
	version int
	hash    string // as stored
}

func (s roundState) record() roundRecord {
	c := s.content
	return roundRecord{Plan: s.plan, ExternalID: c.ExternalID, Name: c.Name, Kind: c.Kind, Period: c.Period, Status: c.Status, Source: c.Source}
}

// name is how problems and errors name the round.
func (s roundState) name() string {
	if s.content.ExternalID != "" {
		return s.content.ExternalID
	}
	return s.plan + " " + s.content.Name.String()
}

const roundStateSelect = `SELECT r.id, r.plan_id, p.external_id, r.external_id, r.name, r.kind, r.period_text, r.period_start, r.period_end,
	r.status, r.source, r.version, r.content_hash FROM rounds r JOIN plans p ON p.id = r.plan_id`

func scanRoundState(row scanner) (int64, roundState, error) {
	var id int64
	var s roundState
	var name string
	var start, end sql.NullString
	err := row.Scan(&id, &s.content.PlanID, &s.plan, &s.content.ExternalID, &name, &s.content.Kind, &s.content.Period.Text, &start, &end,
		&s.content.Status, &s.content.Source, &s.version, &s.hash)
	if err != nil {
		return id, s, err
	}
	if s.content.Name, err = parseText(name); err != nil {
		return id, s, err
	}
	s.content.Period, err = parsePeriod(s.content.Period.Text, start, end)
	return id, s, err
}

// readRoundState reads round id; plan.ErrNotFound when there is none.
func readRoundState(ctx context.Context, q querier, id int64) (roundState, error) {
	_, s, err := scanRoundState(q.QueryRowContext(ctx, roundStateSelect+` WHERE r.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

// rehashRound stores the fingerprint of round id as it now is, and returns
// it as it now is.
func rehashRound(ctx context.Context, tx *sql.Tx, id int64) (roundState, error) {
	s, err := readRoundState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE rounds SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

const roundColumns = `r.id, r.plan_id, r.external_id, r.name, r.kind, r.period_text, r.period_start, r.period_end, r.status, r.source, r.version, r.updated_at,
	(SELECT COUNT(*) FROM assessments a WHERE a.round_id = r.id),
	(SELECT COUNT(*) FROM assessments a WHERE a.round_id = r.id AND a.approved_version IS NOT NULL)`

// roundOrder puts rounds in the order of their periods, undated ones
// last, then of creation; COALESCE because the dialects sort NULLs apart.
const roundOrder = ` ORDER BY COALESCE(r.period_start, r.period_end, '9999-12-31'), COALESCE(r.period_end, '9999-12-31'), r.id`

func scanRound(s scanner) (monitor.Round, error) {
	var r monitor.Round
	var name, kind, status, updated string
	var start, end sql.NullString
	err := s.Scan(&r.ID, &r.PlanID, &r.ExternalID, &name, &kind, &r.Period.Text, &start, &end, &status, &r.Source, &r.Version, &updated,
		&r.Assessed, &r.Approved)
	if err != nil {
		return r, err
	}
	r.Kind, r.Status = monitor.RoundKind(kind), monitor.RoundStatus(status)
	if r.Name, err = parseText(name); err != nil {
		return r, err
	}
	if r.Period, err = parsePeriod(r.Period.Text, start, end); err != nil {
		return r, err
	}
	r.UpdatedAt, err = parseTime(updated)
	return r, err
}

func queryRounds(ctx context.Context, q querier, where string, args ...any) ([]monitor.Round, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+roundColumns+` FROM rounds r JOIN plans p ON p.id = r.plan_id`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []monitor.Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListRounds returns a plan's rounds in the order of their periods (then
// of creation), with their counts of assessed and approved measures; only
// the published ones when publishedOnly. The rounds of a deleted plan are
// hidden with it.
func (db *DB) ListRounds(ctx context.Context, planID int64, publishedOnly bool) ([]monitor.Round, error) {
	where := ` WHERE r.plan_id = $1 AND p.deleted_at IS NULL`
	args := []any{planID}
	if publishedOnly {
		where += ` AND r.status = $2`
		args = append(args, string(monitor.RoundPublished))
	}
	out, err := queryRounds(ctx, db.read, where+roundOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("list rounds of plan %d: %w", planID, err)
	}
	return out, nil
}

// UnpublishedRounds returns the rounds of every plan that are open or
// closed, the work in hand, in round order within each plan.
func (db *DB) UnpublishedRounds(ctx context.Context) ([]monitor.Round, error) {
	out, err := queryRounds(ctx, db.read, ` WHERE r.status <> $1 AND p.deleted_at IS NULL`+strings.Replace(roundOrder, "ORDER BY", "ORDER BY r.status DESC, p.id,", 1),
		string(monitor.RoundPublished))
	if err != nil {
		return nil, fmt.Errorf("list unpublished rounds: %w", err)
	}
	return out, nil
}

// GetRound returns round id with its counts; plan.ErrNotFound when there
// is none or its plan is deleted.
func (db *DB) GetRound(ctx context.Context, id int64) (monitor.Round, error) {
	out, err := queryRounds(ctx, db.read, ` WHERE r.id = $1 AND p.deleted_at IS NULL`, id)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return monitor.Round{}, fmt.Errorf("get round %d: %w", id, err)
	}
	return out[0], nil
}

// CreateRound adds an open round to a plan and records it in the audit
// log, in one transaction, and returns its id. Invalid input or an unknown
// or deleted plan is refused with plan.FieldErrors.
func (db *DB) CreateRound(ctx context.Context, actor audit.Actor, e monitor.RoundEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create round: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM plans WHERE id = $1 AND deleted_at IS NULL`, e.PlanID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.FieldErrors{"plan": "edit.plan.unknown"}
		}
		if err != nil {
			return err
		}
		period, _ := plan.ParsePeriod(e.PeriodText) // Validate checked it
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO rounds (plan_id, name, kind, period_text, period_start, period_end, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			e.PlanID, textJSON(e.Name), string(e.Kind), period.Text, dateValue(period.Start), dateValue(period.End),
			string(monitor.RoundOpen), now).Scan(&id); err != nil {
			return err
		}
		after, err := rehashRound(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, audit.EntityRound, id, nil, after.record())
	})
	if err != nil {
		return 0, fmt.Errorf("create round: %w", err)
	}
	return id, nil
}

// UpdateRound sets a round's name, kind and period when its stored version
// is e.Version. A period whose text is unchanged keeps its stored dates,
// which an import may have set apart from the text. A round stays with its
// plan: its assessments are of the plan's measures. A frozen round may
// still be renamed; its assessments are what is frozen.
func (db *DB) UpdateRound(ctx context.Context, actor audit.Actor, id int64, e monitor.RoundEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update round %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readRoundState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.version != e.Version {
			return errStale
		}
		if e.PlanID != before.content.PlanID {
			return plan.FieldErrors{"plan": "monitor.round.plan_fixed"}
		}
		period := before.content.Period
		if e.PeriodText != period.Text {
			period, _ = plan.ParsePeriod(e.PeriodText)
		}
		res, err := tx.ExecContext(ctx, `UPDATE rounds SET name = $1, kind = $2, period_text = $3, period_start = $4, period_end = $5,
			updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8`,
			textJSON(e.Name), string(e.Kind), period.Text, dateValue(period.Start), dateValue(period.End), formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashRound(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, audit.EntityRound, id, before.record(), after.record())
	})
	return db.roundWriteError(ctx, "update", id, err)
}

// SetRoundStatus moves round id to status when its stored version is
// version, along monitor.RoundStatus.CanMoveTo; another move is refused
// with monitor.ErrBadTransition.
func (db *DB) SetRoundStatus(ctx context.Context, actor audit.Actor, id int64, status monitor.RoundStatus, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readRoundState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.version != version {
			return errStale
		}
		if !before.content.Status.CanMoveTo(status) {
			return fmt.Errorf("%s to %s: %w", before.content.Status, status, monitor.ErrBadTransition)
		}
		res, err := tx.ExecContext(ctx, `UPDATE rounds SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4`,
			string(status), formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashRound(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, audit.EntityRound, id, before.record(), after.record())
	})
	return db.roundWriteError(ctx, "set status of", id, err)
}

// roundWriteError wraps the error of a write to round id, turning a stale
// version into a conflict that carries the round as it is now.
func (db *DB) roundWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetRound(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s round %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[monitor.Round]{Current: current}
	}
	return fmt.Errorf("%s round %d: %w", op, id, err)
}

// openRound reads the round an assessment write goes to, refusing with
// monitor.ErrFrozen when it is not open.
func openRound(ctx context.Context, tx *sql.Tx, id int64) (roundState, error) {
	s, err := readRoundState(ctx, tx, id)
	if err != nil {
		return s, fmt.Errorf("round %d: %w", id, err)
	}
	if s.content.Status != monitor.RoundOpen {
		return s, fmt.Errorf("round %s is %s: %w", strconv.Quote(s.name()), s.content.Status, monitor.ErrFrozen)
	}
	return s, nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// indicatorContent is what an indicator's fingerprint and its audit
// entries cover.
type indicatorContent struct {
	ProjectID      int64     `json:"project_id"`
	Position       int       `json:"position"`
	Name           plan.Text `json:"name"`
	Target         *int64    `json:"target,omitempty"`
	Reported       *int64    `json:"reported,omitempty"`
	ReportedSource string    `json:"reported_source,omitempty"`
	Computation    string    `json:"computation,omitempty"`
}

func (c indicatorContent) hash() string { return contentHash(c) }

type indicatorState struct {
	id      int64
	content indicatorContent
	version int
	hash    string
	deleted bool // the indicator or its project
}

const indicatorStateSelect = `SELECT i.id, i.project_id, i.position, i.name, i.target, i.reported, i.reported_source, i.computation,
	i.version, i.content_hash, i.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL
	FROM project_indicators i JOIN projects p ON p.id = i.project_id`

func scanIndicatorState(row scanner) (indicatorState, error) {
	var s indicatorState
	var name string
	var target, reported sql.NullInt64
	c := &s.content
	err := row.Scan(&s.id, &c.ProjectID, &c.Position, &name, &target, &reported, &c.ReportedSource, &c.Computation, &s.version, &s.hash, &s.deleted)
	if err != nil {
		return s, err
	}
	c.Target, c.Reported = nullInt(target), nullInt(reported)
	c.Name, err = parseText(name)
	return s, err
}

func nullInt(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	v := n.Int64
	return &v
}

// intValue stores an optional number as itself or NULL.
func intValue(n *int64) any {
	if n == nil {
		return nil
	}
	return *n
}

func readIndicatorState(ctx context.Context, q querier, id int64) (indicatorState, error) {
	s, err := scanIndicatorState(q.QueryRowContext(ctx, indicatorStateSelect+` WHERE i.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

func rehashIndicator(ctx context.Context, tx *sql.Tx, id int64) (indicatorState, error) {
	s, err := readIndicatorState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE project_indicators SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

const indicatorOrder = ` ORDER BY i.project_id, i.position, i.id`

// queryIndicators reads the live indicators of live projects matching the
// conditions given (each beginning with AND).
func queryIndicators(ctx context.Context, q querier, where string, args ...any) ([]platform.Indicator, error) {
	rows, err := q.QueryContext(ctx, `SELECT i.id, i.project_id, i.position, i.name, i.target, i.reported, i.reported_source, i.computation,
		i.version, i.updated_at FROM project_indicators i JOIN projects p ON p.id = i.project_id
		WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []platform.Indicator
	for rows.Next() {
		var ind platform.Indicator
		var name, updated string
		var target, reported sql.NullInt64
		if err := rows.Scan(&ind.ID, &ind.ProjectID, &ind.Position, &name, &target, &reported, &ind.ReportedSource, &ind.Computation,
			&ind.Version, &updated); err != nil {
			return nil, err
		}
		ind.Target, ind.Reported = nullInt(target), nullInt(reported)
		if ind.Name, err = parseText(name); err != nil {
			return nil, err
		}
		if ind.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	return out, rows.Err()
}

// GetIndicator returns a live indicator of a live project.
func (db *DB) GetIndicator(ctx context.Context, id int64) (platform.Indicator, error) {
	is, err := queryIndicators(ctx, db.read, ` AND i.id = $1`, id)
	if err == nil && len(is) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Indicator{}, fmt.Errorf("get indicator %d: %w", id, err)
	}
	return is[0], nil
}

// CreateIndicator adds an indicator after the project's others and
// records it in the audit log, in one transaction, and returns its id.
func (db *DB) CreateIndicator(ctx context.Context, actor audit.Actor, e platform.IndicatorEdit) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.createIndicator(ctx, tx, actor, e)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create indicator: %w", err)
	}
	return id, nil
}

func (db *DB) createIndicator(ctx context.Context, tx *sql.Tx, actor audit.Actor, e platform.IndicatorEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fe
	}
	if _, err := liveProject(ctx, tx, e.ProjectID, "project"); err != nil {
		return 0, err
	}
	var position int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM project_indicators WHERE project_id = $1`, e.ProjectID).Scan(&position); err != nil {
		return 0, err
	}
	target, reported := e.Values()
	var id int64
	now := formatTime(db.Now())
	err := tx.QueryRowContext(ctx, `INSERT INTO project_indicators (project_id, position, name, target, reported, reported_source, computation, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		e.ProjectID, position, textJSON(e.Name), intValue(target), intValue(reported), e.ReportedSource, e.Computation, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	after, err := rehashIndicator(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	return id, db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityIndicator, id, nil, after.content)
}

// UpdateIndicator replaces what the form sets on indicator id when the
// stored version is e.Version. An indicator stays with its project.
func (db *DB) UpdateIndicator(ctx context.Context, actor audit.Actor, id int64, e platform.IndicatorEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update indicator %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readIndicatorState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		if e.ProjectID != before.content.ProjectID {
			return plan.FieldErrors{"project": "logframe.project.fixed"}
		}
		target, reported := e.Values()
		res, err := tx.ExecContext(ctx, `UPDATE project_indicators SET name = $1, target = $2, reported = $3, reported_source = $4, computation = $5,
			updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8 AND deleted_at IS NULL`,
			textJSON(e.Name), intValue(target), intValue(reported), e.ReportedSource, e.Computation, formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashIndicator(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityIndicator, id, before.content, after.content)
	})
	return db.indicatorWriteError(ctx, "update", id, err)
}

// DeleteIndicator soft-deletes indicator id when its stored version is
// version.
func (db *DB) DeleteIndicator(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readIndicatorState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE project_indicators SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityIndicator, id, before.content)
	})
	return db.indicatorWriteError(ctx, "delete", id, err)
}

// RestoreIndicator brings back a soft-deleted indicator in its place.
func (db *DB) RestoreIndicator(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE project_indicators SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, err := readIndicatorState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityIndicator, id, nil, after.content)
	})
	if err != nil {
		return fmt.Errorf("restore indicator %d: %w", id, err)
	}
	return nil
}

func (db *DB) indicatorWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetIndicator(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s indicator %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Indicator]{Current: current}
	}
	return fmt.Errorf("%s indicator %d: %w", op, id, err)
}

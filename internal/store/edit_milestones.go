package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// milestoneRecord is a milestone as the audit log records it: the bundle
// form with its plan's external id, its measure's clause (or external id,
// lacking one) and its place among the measure's milestones.
type milestoneRecord struct {
	Plan    string `json:"plan"`
	Measure string `json:"measure"`
	plan.BundleMilestone
	Position int `json:"position"`
}

// milestoneRow is a milestone as a write finds it.
type milestoneRow struct {
	milestoneRecord
	measureID int64
	version   int
	deleted   bool // the milestone, its measure or its plan
}

// GetMilestone reads a live milestone of a live measure, with its version,
// for the edit form.
func (db *DB) GetMilestone(ctx context.Context, id int64) (plan.Milestone, error) {
	ms, err := db.queryMilestones(ctx, ` JOIN measures m ON m.id = ms.measure_id JOIN plans p ON p.id = m.plan_id
		WHERE ms.id = $1 AND ms.deleted_at IS NULL AND `+measureLive, id)
	if err != nil {
		return plan.Milestone{}, fmt.Errorf("get milestone %d: %w", id, err)
	}
	if len(ms) == 0 {
		return plan.Milestone{}, fmt.Errorf("get milestone %d: %w", id, plan.ErrNotFound)
	}
	return ms[0], nil
}

// CreateMilestone adds a milestone to a measure at e.Position and records
// it in the audit log, in one transaction, and returns its id. Invalid
// input or an unknown or deleted measure is refused with plan.FieldErrors.
//
// A measure's milestones are part of its content: each milestone write
// also stamps the measure as updated and fingerprints it anew, so that a
// re-import of what is now stored finds it unchanged. The measure's
// version stays: a measure form does not carry milestones, so saving one
// filled in before the milestone changed overwrites nothing.
func (db *DB) CreateMilestone(ctx context.Context, actor audit.Actor, e plan.MilestoneEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create milestone: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1 AND `+measureLive, e.MeasureID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.FieldErrors{"measure": "edit.measure.unknown"}
		}
		if err != nil {
			return err
		}
		period, _ := e.Period() // Validate checked it
		// The position is set by reorder once the row exists.
		if err := tx.QueryRowContext(ctx, `INSERT INTO milestones (measure_id, position, title, period_text, period_start, period_end)
			VALUES ($1, 0, $2, $3, $4, $5) RETURNING id`, e.MeasureID, textJSON(e.Title), period.Text, dateValue(period.Start), dateValue(period.End)).Scan(&id); err != nil {
			return err
		}
		if err := db.milestoneChanged(ctx, tx, e.MeasureID, id, e.Position); err != nil {
			return err
		}
		return db.auditMilestone(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create milestone: %w", err)
	}
	return id, nil
}

// UpdateMilestone sets milestone id's title, period and place when the
// stored version is e.Version. A period whose text is unchanged keeps its
// stored dates. A milestone cannot move to another measure. A stale version
// is refused with a *plan.ConflictError[plan.Milestone]; an unknown or
// deleted milestone (or one of a deleted measure) with plan.ErrNotFound.
func (db *DB) UpdateMilestone(ctx context.Context, actor audit.Actor, id int64, e plan.MilestoneEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update milestone %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMilestoneRow(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		if e.MeasureID != before.measureID {
			return plan.FieldErrors{"measure": "edit.milestone.measure_fixed"}
		}
		period := before.Period
		if e.PeriodText != before.Period.Text {
			period, _ = e.Period()
		}
		res, err := tx.ExecContext(ctx, `UPDATE milestones SET title = $1, period_text = $2, period_start = $3, period_end = $4, version = version + 1
			WHERE id = $5 AND version = $6 AND deleted_at IS NULL`,
			textJSON(e.Title), period.Text, dateValue(period.Start), dateValue(period.End), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.milestoneChanged(ctx, tx, before.measureID, id, e.Position); err != nil {
			return err
		}
		return db.auditMilestone(ctx, tx, actor, audit.ActionUpdate, id, &before.milestoneRecord)
	})
	return db.milestoneWriteError(ctx, "update", id, err)
}

// DeleteMilestone soft-deletes milestone id when its stored version is
// version and closes the gap it leaves. Errors are as for UpdateMilestone.
func (db *DB) DeleteMilestone(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMilestoneRow(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		res, err := tx.ExecContext(ctx, `UPDATE milestones SET deleted_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.milestoneChanged(ctx, tx, before.measureID, 0, 0); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, audit.EntityMilestone, id, before.milestoneRecord)
	})
	return db.milestoneWriteError(ctx, "delete", id, err)
}

// RestoreMilestone brings back a soft-deleted milestone at the place it
// had, raising its version; one that is not deleted is plan.ErrNotFound.
func (db *DB) RestoreMilestone(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var measureID int64
		var position int
		err := tx.QueryRowContext(ctx, `SELECT measure_id, position FROM milestones WHERE id = $1 AND deleted_at IS NOT NULL`, id).Scan(&measureID, &position)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE milestones SET deleted_at = NULL, version = version + 1 WHERE id = $1`, id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.milestoneChanged(ctx, tx, measureID, id, position); err != nil {
			return err
		}
		return db.auditMilestone(ctx, tx, actor, audit.ActionRestore, id, nil)
	})
	if err != nil {
		return fmt.Errorf("restore milestone %d: %w", id, err)
	}
	return nil
}

// milestoneWriteError is measureWriteError for milestones.
func (db *DB) milestoneWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetMilestone(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s milestone %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[plan.Milestone]{Current: current}
	}
	return fmt.Errorf("%s milestone %d: %w", op, id, err)
}

// milestoneChanged follows a write to a milestone of measure measureID:
// it moves milestone id (0 for none) to place and renumbers the measure's
// live milestones from 0, then stamps the measure as updated and
// fingerprints it anew. The shifted milestones keep their versions: only
// their order changed, which the moved milestone's audit entry records.
func (db *DB) milestoneChanged(ctx context.Context, tx *sql.Tx, measureID, id int64, place int) error {
	// Stamped first: on PostgreSQL the update locks the measure's row, so
	// that two writes to its milestones number them one after the other.
	if _, err := tx.ExecContext(ctx, `UPDATE measures SET updated_at = $1 WHERE id = $2`, formatTime(db.Now()), measureID); err != nil {
		return err
	}
	if _, err := reorder(ctx, tx, `milestones`, `measure_id`, measureID, id, place); err != nil {
		return err
	}
	return rehashMeasure(ctx, tx, measureID)
}

// rehashMeasure stores measure id's content hash as its record now gives
// it, as auditMeasure does after a write to the measure itself.
func rehashMeasure(ctx context.Context, tx *sql.Tx, id int64) error {
	r, _, _, err := readMeasureRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE measures SET content_hash = $1 WHERE id = $2`, contentHash(r.BundleMeasure), id)
	return err
}

// auditMilestone appends an audit entry for milestone id with before (nil
// for none) and the milestone as it now is as after.
func (db *DB) auditMilestone(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *milestoneRecord) error {
	after, err := readMilestoneRow(ctx, tx, id)
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return db.auditChange(ctx, tx, actor, action, audit.EntityMilestone, id, b, after.milestoneRecord)
}

// readMilestoneRow reads milestone id within tx; plan.ErrNotFound when
// there is none.
func readMilestoneRow(ctx context.Context, tx *sql.Tx, id int64) (milestoneRow, error) {
	var r milestoneRow
	var title string
	var start, end sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT p.external_id, CASE WHEN m.clause <> '' THEN m.clause ELSE m.external_id END,
		ms.title, ms.period_text, ms.period_start, ms.period_end, ms.position, ms.measure_id, ms.version,
		ms.deleted_at IS NOT NULL OR m.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL
		FROM milestones ms JOIN measures m ON m.id = ms.measure_id JOIN plans p ON p.id = m.plan_id WHERE ms.id = $1`, id).Scan(
		&r.Plan, &r.Measure, &title, &r.Period.Text, &start, &end, &r.Position, &r.measureID, &r.version, &r.deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, plan.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	if r.Title, err = parseText(title); err != nil {
		return r, err
	}
	r.Period, err = parsePeriod(r.Period.Text, start, end)
	return r, err
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
	"ogpp/internal/survey"
)

// The soft deletion of events, surveys and scorecards: as for the
// registry, a deleted row keeps everything it held (an event its
// registrations and head counts, a survey its responses, a scorecard its
// scores), every read skips it, and an administrator restores it from the
// deleted items page. Deleting and restoring are audited in the same
// transaction.

// softDelete marks row id of table deleted when its stored version is
// version, and records before as what was deleted.
func (db *DB) softDelete(ctx context.Context, tx *sql.Tx, actor audit.Actor, table, entity string, id int64, version int, before any) error {
	now := formatTime(db.Now())
	res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = $1, updated_at = $1, version = version + 1
		WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
	if err := oneRow(res, err); err != nil {
		return err
	}
	return db.auditDeleted(ctx, tx, actor, entity, id, before)
}

// restoreRow brings back soft-deleted row id of table and records what it
// holds as read by after; a row that is not deleted is plan.ErrNotFound.
func (db *DB) restoreRow(ctx context.Context, actor audit.Actor, table, entity string, id int64, after func(tx *sql.Tx) (any, error)) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		a, err := after(tx)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, entity, id, nil, a)
	})
	if err != nil {
		return fmt.Errorf("restore %s %d: %w", entity, id, err)
	}
	return nil
}

// listDeleted reads the rows query selects as (id, title, title's
// language, context, deleted_at, version): a title in one language names
// its language, a translated title (stored as JSON) selects ”.
func (db *DB) listDeleted(ctx context.Context, entity, query string) ([]plan.Deleted, error) {
	rows, err := db.read.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list deleted %ss: %w", entity, err)
	}
	defer rows.Close()
	var out []plan.Deleted
	for rows.Next() {
		d := plan.Deleted{EntityType: entity}
		var title, lang, at string
		if err := rows.Scan(&d.ID, &title, &lang, &d.Context, &at, &d.Version); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entity, err)
		}
		if lang != "" {
			d.Title = plan.Text{lang: title}
		} else if d.Title, err = parseText(title); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entity, err)
		}
		if d.DeletedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entity, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// writeConflict turns a stale delete into a conflict carrying the row as
// it now is, read by current.
func writeConflict[T any](op, entity string, id int64, err error, current func() (T, error)) error {
	if errors.Is(err, errStale) {
		cur, gerr := current()
		if gerr != nil {
			return fmt.Errorf("%s %s %d: %w", op, entity, id, gerr)
		}
		err = &plan.ConflictError[T]{Current: cur}
	}
	if err != nil {
		return fmt.Errorf("%s %s %d: %w", op, entity, id, err)
	}
	return nil
}

// DeleteEvent soft-deletes event id when its stored version is version.
func (db *DB) DeleteEvent(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := readEventRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		return db.softDelete(ctx, tx, actor, "events", events.EntityEvent, id, version, before)
	})
	return writeConflict("delete", events.EntityEvent, id, err, func() (events.Event, error) { return db.GetEvent(ctx, id) })
}

// RestoreEvent brings back a soft-deleted event with its participants.
func (db *DB) RestoreEvent(ctx context.Context, actor audit.Actor, id int64) error {
	return db.restoreRow(ctx, actor, "events", events.EntityEvent, id, func(tx *sql.Tx) (any, error) {
		r, _, err := readEventRecord(ctx, tx, id)
		return r, err
	})
}

// ListDeletedEvents lists the soft-deleted events, latest deletion first,
// each with its start date and region as context.
func (db *DB) ListDeletedEvents(ctx context.Context) ([]plan.Deleted, error) {
	return db.listDeleted(ctx, events.EntityEvent, `SELECT id, title, '', substr(starts_at, 1, 10) || ' ' || region, deleted_at, version
		FROM events WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`)
}

// DeleteSurvey soft-deletes survey id when its stored version is version.
func (db *DB) DeleteSurvey(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := readSurveyRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		return db.softDelete(ctx, tx, actor, "surveys", survey.EntitySurvey, id, version, before)
	})
	return writeConflict("delete", survey.EntitySurvey, id, err, func() (survey.Survey, error) { return db.GetSurvey(ctx, id) })
}

// RestoreSurvey brings back a soft-deleted survey with its responses.
func (db *DB) RestoreSurvey(ctx context.Context, actor audit.Actor, id int64) error {
	return db.restoreRow(ctx, actor, "surveys", survey.EntitySurvey, id, func(tx *sql.Tx) (any, error) {
		r, _, err := readSurveyRecord(ctx, tx, id)
		return r, err
	})
}

// ListDeletedSurveys lists the soft-deleted surveys, latest deletion
// first, each with its status as context.
func (db *DB) ListDeletedSurveys(ctx context.Context) ([]plan.Deleted, error) {
	return db.listDeleted(ctx, survey.EntitySurvey, `SELECT id, title, '', status, deleted_at, version
		FROM surveys WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`)
}

// DeleteScorecard soft-deletes scorecard id when its stored version is
// version.
func (db *DB) DeleteScorecard(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, deleted, err := readScorecardRecord(ctx, tx, id)
		if err == nil && deleted {
			err = plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		return db.softDelete(ctx, tx, actor, "scorecards", scorecard.EntityScorecard, id, version, before)
	})
	return writeConflict("delete", scorecard.EntityScorecard, id, err, func() (scorecard.Scorecard, error) { return db.GetScorecard(ctx, id) })
}

// RestoreScorecard brings back a soft-deleted scorecard with its scores.
func (db *DB) RestoreScorecard(ctx context.Context, actor audit.Actor, id int64) error {
	return db.restoreRow(ctx, actor, "scorecards", scorecard.EntityScorecard, id, func(tx *sql.Tx) (any, error) {
		r, _, _, err := readScorecardRecord(ctx, tx, id)
		return r, err
	})
}

// ListDeletedScorecards lists the soft-deleted scorecards, latest
// deletion first, each with its status as context.
func (db *DB) ListDeletedScorecards(ctx context.Context) ([]plan.Deleted, error) {
	return db.listDeleted(ctx, scorecard.EntityScorecard, `SELECT id, title, '', status, deleted_at, version
		FROM scorecards WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`)
}

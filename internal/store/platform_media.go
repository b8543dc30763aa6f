package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// mediaRecord is a media item as the audit log records it and its
// fingerprint covers it; the piece's title is "name", the key the audit
// pages name an entity by.
type mediaRecord struct {
	Outlet      string `json:"outlet"`
	Kind        string `json:"kind"`
	PublishedOn string `json:"published_on"`
	Name        string `json:"name"`
	URL         string `json:"url,omitempty"`
	ActivityID  int64  `json:"activity_id,omitempty"`
	EventID     int64  `json:"event_id,omitempty"`
	MeasureID   int64  `json:"measure_id,omitempty"`
}

func (r mediaRecord) hash() string { return contentHash(r) }

func recordOfMediaEdit(e *platform.MediaEdit) mediaRecord {
	return mediaRecord{Outlet: e.Outlet, Kind: string(e.Kind), PublishedOn: e.PublishedOn, Name: e.Title, URL: e.URL,
		ActivityID: max(e.ActivityID, 0), EventID: max(e.EventID, 0), MeasureID: max(e.MeasureID, 0)}
}

const mediaRecordColumns = `i.outlet, i.kind, i.published_on, i.title, i.url, i.activity_id, i.event_id, i.measure_id`

func (r *mediaRecord) scan(s scanner, before ...any) error {
	var activity, event, measure sql.NullInt64
	if err := s.Scan(append(before, &r.Outlet, &r.Kind, &r.PublishedOn, &r.Name, &r.URL, &activity, &event, &measure)...); err != nil {
		return err
	}
	r.ActivityID, r.EventID, r.MeasureID = activity.Int64, event.Int64, measure.Int64
	return nil
}

// readMediaRecord reads item id in its audit form with its version;
// plan.ErrNotFound when there is none or it is deleted.
func readMediaRecord(ctx context.Context, tx *sql.Tx, id int64) (mediaRecord, int, error) {
	var r mediaRecord
	var version int
	var deleted bool
	err := r.scan(tx.QueryRowContext(ctx, `SELECT i.version, i.deleted_at IS NOT NULL, `+mediaRecordColumns+` FROM media_items i WHERE i.id = $1`, id),
		&version, &deleted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && deleted) {
		err = plan.ErrNotFound
	}
	return r, version, err
}

// pwCheckMeasure refuses a measure that is not live, unless the row
// already names it (it may have been deleted since).
func pwCheckMeasure(ctx context.Context, tx *sql.Tx, measureID, stored int64) error {
	if measureID <= 0 || measureID == stored {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1 AND `+measureLive,
		measureID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return plan.FieldErrors{"measure": "appeal.measure.unknown"}
	}
	return nil
}

func mediaArgs(r mediaRecord, now string) []any {
	return []any{r.Outlet, r.Kind, r.PublishedOn, r.Name, r.URL, pwNullID(r.ActivityID), pwNullID(r.EventID), pwNullID(r.MeasureID), r.hash(), now}
}

// CreateMedia records a piece of media coverage and returns its id.
func (db *DB) CreateMedia(ctx context.Context, actor audit.Actor, e platform.MediaEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create media item: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := pwCheckMeasure(ctx, tx, e.MeasureID, 0); err != nil {
			return err
		}
		r := recordOfMediaEdit(&e)
		if err := tx.QueryRowContext(ctx, `INSERT INTO media_items (outlet, kind, published_on, title, url, activity_id, event_id, measure_id,
			content_hash, updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			mediaArgs(r, formatTime(db.Now()))...).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityMedia, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create media item: %w", err)
	}
	return id, nil
}

// UpdateMedia replaces a media item when its stored version is e.Version;
// a stale one is refused with a *plan.ConflictError[platform.MediaItem].
func (db *DB) UpdateMedia(ctx context.Context, actor audit.Actor, id int64, e platform.MediaEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update media item %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := readMediaRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		if err := pwCheckMeasure(ctx, tx, e.MeasureID, before.MeasureID); err != nil {
			return err
		}
		r := recordOfMediaEdit(&e)
		res, err := tx.ExecContext(ctx, `UPDATE media_items SET outlet = $1, kind = $2, published_on = $3, title = $4, url = $5, activity_id = $6,
			event_id = $7, measure_id = $8, content_hash = $9, updated_at = $10, version = version + 1
			WHERE id = $11 AND version = $12 AND deleted_at IS NULL`, append(mediaArgs(r, formatTime(db.Now())), id, e.Version)...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityMedia, id, before, r)
	})
	return db.mediaWriteError(ctx, "update", id, err)
}

// DeleteMedia soft-deletes a media item when its stored version is
// version.
func (db *DB) DeleteMedia(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := readMediaRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE media_items SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityMedia, id, before)
	})
	return db.mediaWriteError(ctx, "delete", id, err)
}

// RestoreMedia brings back a soft-deleted media item.
func (db *DB) RestoreMedia(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE media_items SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, _, err := readMediaRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityMedia, id, nil, after)
	})
	if err != nil {
		return fmt.Errorf("restore media item %d: %w", id, err)
	}
	return nil
}

func (db *DB) mediaWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetMedia(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s media item %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.MediaItem]{Current: current}
	}
	return fmt.Errorf("%s media item %d: %w", op, id, err)
}

// mediaSelect reads media items with their live measure.
const mediaSelect = `SELECT i.id, i.outlet, i.kind, i.published_on, i.title, i.url, i.activity_id, i.event_id, i.measure_id,
	m.id, m.plan_id, m.clause, m.title, i.version, i.updated_at
	FROM media_items i
	LEFT JOIN measures m ON m.id = i.measure_id AND m.deleted_at IS NULL
		AND EXISTS (SELECT 1 FROM plans mp WHERE mp.id = m.plan_id AND mp.deleted_at IS NULL)`

func scanMedia(s scanner) (platform.MediaItem, error) {
	var it platform.MediaItem
	var kind, published, updated string
	var activity, event, measure, mID, mPlan sql.NullInt64
	var mClause, mTitle sql.NullString
	if err := s.Scan(&it.ID, &it.Outlet, &kind, &published, &it.Title, &it.URL, &activity, &event, &measure,
		&mID, &mPlan, &mClause, &mTitle, &it.Version, &updated); err != nil {
		return it, err
	}
	it.Kind = platform.MediaKind(kind)
	it.ActivityID, it.EventID, it.MeasureID = activity.Int64, event.Int64, measure.Int64
	var err error
	if it.PublishedOn, err = pwDay(published); err != nil {
		return it, err
	}
	if mID.Valid {
		title, err := parseText(mTitle.String)
		if err != nil {
			return it, err
		}
		it.Measure = &platform.MeasureRef{ID: mID.Int64, PlanID: mPlan.Int64, Clause: mClause.String, Title: title}
	}
	it.UpdatedAt, err = parseTime(updated)
	return it, err
}

// mediaConds turns a filter into conditions on the live items i.
func mediaConds(f platform.MediaFilter) *conds {
	c := &conds{}
	c.add(`i.deleted_at IS NULL`)
	if f.Kind != "" {
		c.add(`i.kind = ?`, string(f.Kind))
	}
	if f.Year != 0 {
		c.add(`i.published_on >= ? AND i.published_on <= ?`, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.ActivityID != 0 {
		c.add(`i.activity_id = ?`, f.ActivityID)
	}
	if f.ActivityIDs != nil {
		pwInIDs(c, "i.activity_id", f.ActivityIDs)
	}
	if f.EventID != 0 {
		c.add(`i.event_id = ?`, f.EventID)
	}
	if f.MeasureID != 0 {
		c.add(`i.measure_id = ?`, f.MeasureID)
	}
	if f.From != nil {
		c.add(`i.published_on >= ?`, f.From.String())
	}
	if f.To != nil {
		c.add(`i.published_on <= ?`, f.To.String())
	}
	return c
}

// ListMedia returns a page of the live items f selects, newest first.
func (db *DB) ListMedia(ctx context.Context, f platform.MediaFilter) (plan.Page[platform.MediaItem], error) {
	var out plan.Page[platform.MediaItem]
	n, err := db.CountMedia(ctx, f)
	if err != nil {
		return out, err
	}
	out.Total = n
	c := mediaConds(f)
	limit, offset := pageLimits(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, mediaSelect+c.where()+` ORDER BY i.published_on DESC, i.id DESC LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return out, fmt.Errorf("list media: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scanMedia(rows)
		if err != nil {
			return out, fmt.Errorf("list media: %w", err)
		}
		out.Items = append(out.Items, it)
	}
	return out, rows.Err()
}

// CountMedia counts the live items f selects, its Limit and Offset aside:
// an indicator's "media items" is CountMedia with the project's activities
// in f.ActivityIDs.
func (db *DB) CountMedia(ctx context.Context, f platform.MediaFilter) (int, error) {
	c := mediaConds(f)
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM media_items i`+c.where(), c.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count media: %w", err)
	}
	return n, nil
}

// MediaYears lists the years of the live items, newest first.
func (db *DB) MediaYears(ctx context.Context) ([]int, error) {
	return pwYears(ctx, db.read, `SELECT DISTINCT SUBSTR(published_on, 1, 4) FROM media_items WHERE deleted_at IS NULL`)
}

// pwYears reads distinct four-digit years, newest first.
func pwYears(ctx context.Context, q querier, query string) ([]int, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y string
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("years: %w", err)
		}
		n, err := strconv.Atoi(y)
		if err != nil {
			return nil, fmt.Errorf("stored year %q: %w", y, err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Sorted here rather than in SQL: SUBSTR's result has the database's
	// collation, which the two dialects declare differently.
	slices.SortFunc(out, func(a, b int) int { return b - a })
	return out, nil
}

// GetMedia returns a live media item.
func (db *DB) GetMedia(ctx context.Context, id int64) (platform.MediaItem, error) {
	it, err := scanMedia(db.read.QueryRowContext(ctx, mediaSelect+` WHERE i.id = $1 AND i.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return it, fmt.Errorf("media item %d: %w", id, err)
	}
	return it, nil
}

func verifyMediaItems(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, platform.EntityMedia, `SELECT i.id, i.content_hash, `+mediaRecordColumns+` FROM media_items i ORDER BY i.id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored string
			var r mediaRecord
			err := r.scan(rows, &id, &stored)
			return id, stored, r.hash(), r.Outlet + ": " + r.Name, err
		})
}

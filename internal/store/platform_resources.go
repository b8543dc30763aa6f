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

// resourceRecord is an entry of the resources register as the audit log
// records it and its fingerprint covers it; the item is "name", the key
// the audit pages name an entity by, and the cost a decimal, as people
// read it.
type resourceRecord struct {
	Name       string `json:"name"`
	BoughtOn   string `json:"bought_on"`
	Amount     string `json:"amount"`
	Currency   string `json:"currency"`
	ActivityID int64  `json:"activity_id,omitempty"`
	Note       string `json:"note,omitempty"`
}

func (r resourceRecord) hash() string { return contentHash(r) }

const resourceRecordColumns = `r.item, r.bought_on, r.cost_minor, r.currency, r.activity_id, r.note`

func (r *resourceRecord) scan(s scanner, before ...any) (platform.Cost, error) {
	var cost platform.Cost
	var activity sql.NullInt64
	if err := s.Scan(append(before, &r.Name, &r.BoughtOn, &cost.Minor, &cost.Currency, &activity, &r.Note)...); err != nil {
		return cost, err
	}
	r.Amount, r.Currency, r.ActivityID = cost.Decimal(), cost.Currency, activity.Int64
	return cost, nil
}

// readResourceRecord reads entry id in its audit form with its version;
// plan.ErrNotFound when there is none or it is deleted.
func readResourceRecord(ctx context.Context, tx *sql.Tx, id int64) (resourceRecord, int, error) {
	var r resourceRecord
	var version int
	var deleted bool
	_, err := r.scan(tx.QueryRowContext(ctx, `SELECT r.version, r.deleted_at IS NOT NULL, `+resourceRecordColumns+` FROM platform_resources r WHERE r.id = $1`, id),
		&version, &deleted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && deleted) {
		err = plan.ErrNotFound
	}
	return r, version, err
}

func resourceArgs(e *platform.ResourceEdit, cost platform.Cost, now string) (resourceRecord, []any) {
	r := resourceRecord{Name: e.Item, BoughtOn: e.BoughtOn, Amount: cost.Decimal(), Currency: cost.Currency, ActivityID: max(e.ActivityID, 0), Note: e.Note}
	return r, []any{r.Name, r.BoughtOn, cost.Minor, cost.Currency, pwNullID(r.ActivityID), r.Note, r.hash(), now}
}

// CreateResource adds an entry to the resources register and returns its
// id.
func (db *DB) CreateResource(ctx context.Context, actor audit.Actor, e platform.ResourceEdit) (int64, error) {
	cost, fe := e.Validate()
	if len(fe) > 0 {
		return 0, fmt.Errorf("create resource: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		r, args := resourceArgs(&e, cost, formatTime(db.Now()))
		if err := tx.QueryRowContext(ctx, `INSERT INTO platform_resources (item, bought_on, cost_minor, currency, activity_id, note, content_hash,
			updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`, args...).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityResource, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create resource: %w", err)
	}
	return id, nil
}

// UpdateResource replaces an entry when its stored version is e.Version; a
// stale one is refused with a *plan.ConflictError[platform.ResourceItem].
func (db *DB) UpdateResource(ctx context.Context, actor audit.Actor, id int64, e platform.ResourceEdit) error {
	cost, fe := e.Validate()
	if len(fe) > 0 {
		return fmt.Errorf("update resource %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := readResourceRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		r, args := resourceArgs(&e, cost, formatTime(db.Now()))
		res, err := tx.ExecContext(ctx, `UPDATE platform_resources SET item = $1, bought_on = $2, cost_minor = $3, currency = $4, activity_id = $5,
			note = $6, content_hash = $7, updated_at = $8, version = version + 1 WHERE id = $9 AND version = $10 AND deleted_at IS NULL`,
			append(args, id, e.Version)...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityResource, id, before, r)
	})
	return db.resourceWriteError(ctx, "update", id, err)
}

// DeleteResource soft-deletes an entry when its stored version is version.
func (db *DB) DeleteResource(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := readResourceRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE platform_resources SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityResource, id, before)
	})
	return db.resourceWriteError(ctx, "delete", id, err)
}

// RestoreResource brings back a soft-deleted entry.
func (db *DB) RestoreResource(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platform_resources SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, _, err := readResourceRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityResource, id, nil, after)
	})
	if err != nil {
		return fmt.Errorf("restore resource %d: %w", id, err)
	}
	return nil
}

func (db *DB) resourceWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetResource(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s resource %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.ResourceItem]{Current: current}
	}
	return fmt.Errorf("%s resource %d: %w", op, id, err)
}

const resourceSelect = `SELECT r.id, r.item, r.bought_on, r.cost_minor, r.currency, r.activity_id, r.note, r.version, r.updated_at FROM platform_resources r`

func scanResource(s scanner) (platform.ResourceItem, error) {
	var it platform.ResourceItem
	var bought, updated string
	var activity sql.NullInt64
	if err := s.Scan(&it.ID, &it.Item, &bought, &it.Cost.Minor, &it.Cost.Currency, &activity, &it.Note, &it.Version, &updated); err != nil {
		return it, err
	}
	it.ActivityID = activity.Int64
	var err error
	if it.BoughtOn, err = pwDay(bought); err != nil {
		return it, err
	}
	it.UpdatedAt, err = parseTime(updated)
	return it, err
}

func resourceConds(f platform.ResourceFilter) *conds {
	c := &conds{}
	c.add(`r.deleted_at IS NULL`)
	if f.Year != 0 {
		c.add(`r.bought_on >= ? AND r.bought_on <= ?`, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.ActivityID != 0 {
		c.add(`r.activity_id = ?`, f.ActivityID)
	}
	return c
}

// ListResources returns a page of the live entries f selects, newest
// purchase first, with the sums of all of them by currency.
func (db *DB) ListResources(ctx context.Context, f platform.ResourceFilter) (platform.ResourceList, error) {
	out := platform.ResourceList{Sums: map[string]int64{}}
	c := resourceConds(f)
	rows, err := db.read.QueryContext(ctx, `SELECT r.currency, COUNT(*), CAST(SUM(r.cost_minor) AS BIGINT) FROM platform_resources r`+c.where()+` GROUP BY r.currency`, c.args...)
	if err != nil {
		return out, fmt.Errorf("list resources: %w", err)
	}
	for rows.Next() {
		var currency string
		var n int
		var sum int64
		if err := rows.Scan(&currency, &n, &sum); err != nil {
			rows.Close()
			return out, fmt.Errorf("list resources: %w", err)
		}
		out.Total += n
		out.Sums[currency] = sum
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("list resources: %w", err)
	}
	limit, offset := pageLimits(f.Limit, f.Offset)
	rows, err = db.read.QueryContext(ctx, resourceSelect+c.where()+` ORDER BY r.bought_on DESC, r.id DESC LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return out, fmt.Errorf("list resources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		it, err := scanResource(rows)
		if err != nil {
			return out, fmt.Errorf("list resources: %w", err)
		}
		out.Items = append(out.Items, it)
	}
	return out, rows.Err()
}

// ResourceYears lists the years of purchase of the live entries, newest
// first.
func (db *DB) ResourceYears(ctx context.Context) ([]int, error) {
	return pwYears(ctx, db.read, `SELECT DISTINCT SUBSTR(bought_on, 1, 4) FROM platform_resources WHERE deleted_at IS NULL`)
}

// GetResource returns a live entry of the register.
func (db *DB) GetResource(ctx context.Context, id int64) (platform.ResourceItem, error) {
	it, err := scanResource(db.read.QueryRowContext(ctx, resourceSelect+` WHERE r.id = $1 AND r.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return it, fmt.Errorf("resource %d: %w", id, err)
	}
	return it, nil
}

func verifyResources(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, platform.EntityResource, `SELECT r.id, r.content_hash, `+resourceRecordColumns+` FROM platform_resources r ORDER BY r.id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored string
			var r resourceRecord
			_, err := r.scan(rows, &id, &stored)
			return id, stored, r.hash(), r.Name, err
		})
}

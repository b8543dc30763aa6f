package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// categoryRecord is a participant category as the audit log records it
// and as its fingerprint covers it; the label is "title", the key the
// audit pages name an entity by. Migration 00014 seeds the defaults with
// fingerprints of this shape.
type categoryRecord struct {
	Code     events.Category `json:"code"`
	Label    plan.Text       `json:"title"`
	Position int             `json:"position"`
	Active   bool            `json:"active"`
}

func (r categoryRecord) hash() string { return contentHash(r) }

const categoryColumns = `c.id, c.code, c.label, c.position, c.active, c.version`

// categoryUse counts what was recorded under a category: registrations
// and head counts, whatever their event.
const categoryUse = `(SELECT COUNT(*) FROM event_registrations r WHERE r.category = c.code) +
	(SELECT COUNT(*) FROM event_head_counts h WHERE h.category = c.code)`

func scanCategory(scan func(...any) error, extra ...any) (int64, events.CategoryInfo, error) {
	var id int64
	var x events.CategoryInfo
	var label string
	var active int
	if err := scan(append([]any{&id, &x.Code, &label, &x.Position, &active, &x.Version}, extra...)...); err != nil {
		return 0, x, err
	}
	x.ID, x.Active = id, active != 0
	var err error
	x.Label, err = parseText(label)
	return id, x, err
}

func recordOfCategory(x events.CategoryInfo) categoryRecord {
	return categoryRecord{Code: x.Code, Label: x.Label.Clean(), Position: x.Position, Active: x.Active}
}

// ListCategories lists every kept participant category in order, with how
// much was recorded under each.
func (db *DB) ListCategories(ctx context.Context) (events.CategoryList, error) {
	return listCategories(ctx, db.read)
}

func listCategories(ctx context.Context, q querier) (events.CategoryList, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+categoryColumns+`, `+categoryUse+` FROM event_categories c ORDER BY c.position, c.id`)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	defer rows.Close()
	var out events.CategoryList
	for rows.Next() {
		var used int
		_, x, err := scanCategory(rows.Scan, &used)
		if err != nil {
			return nil, fmt.Errorf("list categories: %w", err)
		}
		x.Used = used
		out = append(out, x)
	}
	return out, rows.Err()
}

// readCategory reads category c for a write; plan.ErrNotFound when none.
func readCategory(ctx context.Context, q querier, c events.Category) (int64, events.CategoryInfo, error) {
	id, x, err := scanCategory(q.QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM event_categories c WHERE c.code = $1`, string(c)).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, x, plan.ErrNotFound
	}
	return id, x, err
}

// CreateCategory adds a category after the others.
func (db *DB) CreateCategory(ctx context.Context, actor audit.Actor, e events.CategoryEdit) error {
	if fe := e.Validate(true, i18n.Supported); len(fe) > 0 {
		return fmt.Errorf("create category: %w", fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM event_categories`).Scan(&last); err != nil {
			return err
		}
		if _, _, err := readCategory(ctx, tx, e.Code); err == nil {
			return plan.FieldErrors{"code": "events.categories.code.taken"}
		} else if !errors.Is(err, plan.ErrNotFound) {
			return err
		}
		r := categoryRecord{Code: e.Code, Label: e.Label, Position: last + 1, Active: true}
		now := formatTime(db.Now())
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO event_categories (code, label, position, active, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, string(r.Code), textJSON(r.Label), r.Position, pwFlag(r.Active), r.hash(), now).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, events.EntityCategory, id, nil, r)
	})
	if err != nil {
		return fmt.Errorf("create category %q: %w", e.Code, err)
	}
	return nil
}

// writeCategory stores x as category id's new state and records the
// change.
func (db *DB) writeCategory(ctx context.Context, tx *sql.Tx, actor audit.Actor, id int64, before, after events.CategoryInfo) error {
	a := recordOfCategory(after)
	res, err := tx.ExecContext(ctx, `UPDATE event_categories SET label = $1, position = $2, active = $3, content_hash = $4, updated_at = $5,
		version = version + 1 WHERE id = $6 AND version = $7`, textJSON(a.Label), a.Position, pwFlag(a.Active), a.hash(), formatTime(db.Now()), id, before.Version)
	if err := oneRow(res, err); err != nil {
		return err
	}
	return db.auditChange(ctx, tx, actor, audit.ActionUpdate, events.EntityCategory, id, recordOfCategory(before), a)
}

// UpdateCategory renames category c and sets whether it is offered.
func (db *DB) UpdateCategory(ctx context.Context, actor audit.Actor, c events.Category, e events.CategoryEdit) error {
	if fe := e.Validate(false, i18n.Supported); len(fe) > 0 {
		return fmt.Errorf("update category %q: %w", c, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		id, before, err := readCategory(ctx, tx, c)
		if err != nil {
			return err
		}
		if before.Version != e.Version {
			return errStale
		}
		after := before
		after.Label, after.Active = e.Label, e.Active
		return db.writeCategory(ctx, tx, actor, id, before, after)
	})
	if errors.Is(err, errStale) {
		_, current, gerr := readCategory(ctx, db.read, c)
		if gerr != nil {
			return fmt.Errorf("update category %q: %w", c, gerr)
		}
		err = &plan.ConflictError[events.CategoryInfo]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("update category %q: %w", c, err)
	}
	return nil
}

// MoveCategory swaps category c with its neighbour above or below; at
// either end it stays where it is.
func (db *DB) MoveCategory(ctx context.Context, actor audit.Actor, c events.Category, up bool) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		list, err := listCategories(ctx, tx)
		if err != nil {
			return err
		}
		i := -1
		for k, x := range list {
			if x.Code == c {
				i = k
			}
		}
		if i < 0 {
			return plan.ErrNotFound
		}
		j := i + 1
		if up {
			j = i - 1
		}
		if j < 0 || j >= len(list) {
			return nil
		}
		a, b := list[i], list[j]
		// Positions are renumbered from the list's order, so that rows
		// seeded or created with equal positions still move.
		pa, pb := j+1, i+1
		for _, step := range []struct {
			x   events.CategoryInfo
			pos int
		}{{a, pa}, {b, pb}} {
			id, cur, err := readCategory(ctx, tx, step.x.Code)
			if err != nil {
				return err
			}
			after := cur
			after.Position = step.pos
			if err := db.writeCategory(ctx, tx, actor, id, cur, after); err != nil {
				return err
			}
		}
		// The others keep their order, renumbered the same way.
		for k, x := range list {
			if k == i || k == j || x.Position == k+1 {
				continue
			}
			id, cur, err := readCategory(ctx, tx, x.Code)
			if err != nil {
				return err
			}
			after := cur
			after.Position = k + 1
			if err := db.writeCategory(ctx, tx, actor, id, cur, after); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("move category %q: %w", c, err)
	}
	return nil
}

// DeleteCategory removes a category nothing was recorded under.
func (db *DB) DeleteCategory(ctx context.Context, actor audit.Actor, c events.Category) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		id, before, err := readCategory(ctx, tx, c)
		if err != nil {
			return err
		}
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT `+categoryUse+` FROM event_categories c WHERE c.id = $1`, id).Scan(&used); err != nil {
			return err
		}
		if used > 0 {
			return plan.FieldErrors{"category": "events.categories.in_use"}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM event_categories WHERE id = $1`, id); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, events.EntityCategory, id, recordOfCategory(before))
	})
	if err != nil {
		return fmt.Errorf("delete category %q: %w", c, err)
	}
	return nil
}

// checkCategories refuses codes that are not kept (plan.FieldErrors under
// field), and, with offered, codes kept but no longer offered.
func checkCategories(ctx context.Context, q querier, field string, offered bool, codes ...events.Category) error {
	list, err := listCategories(ctx, q)
	if err != nil {
		return err
	}
	for _, c := range codes {
		if !list.Has(c) || (offered && !list.Offers(c)) {
			return plan.FieldErrors{field: "events.category.unknown"}
		}
	}
	return nil
}

// verifyEventCategories checks the fingerprints of the categories.
func verifyEventCategories(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, events.EntityCategory, `SELECT c.content_hash, `+categoryColumns+` FROM event_categories c ORDER BY c.id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var stored string
			id, x, err := scanCategory(func(dest ...any) error { return rows.Scan(append([]any{&stored}, dest...)...) })
			return id, stored, recordOfCategory(x).hash(), string(x.Code), err
		})
}

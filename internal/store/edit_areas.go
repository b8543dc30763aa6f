package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// areaRecord is an area as the audit log records it: the bundle form (its
// key, number and title) with its plan's external id and its place.
type areaRecord struct {
	Plan string `json:"plan"`
	plan.BundleArea
	Position int `json:"position"`
}

// areaHashed is what an import fingerprints of an area: its bundle form and
// its place in the plan's list.
type areaHashed struct {
	plan.BundleArea
	Position int
}

// hash is the area's content hash exactly as an import computes it.
func (r areaRecord) hash() string {
	a := r.BundleArea
	a.Title = a.Title.Clean()
	return contentHash(areaHashed{a, r.Position})
}

// areaRow is an area as a write finds it.
type areaRow struct {
	areaRecord
	planID  int64
	version int
	deleted bool // the area or its plan
}

// GetArea reads a live area of a live plan, with its measure count and
// version, for the edit form.
func (db *DB) GetArea(ctx context.Context, id int64) (plan.Area, error) {
	areas, err := db.queryAreas(ctx, ` WHERE a.id = $1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL`, id)
	if err != nil {
		return plan.Area{}, fmt.Errorf("get area %d: %w", id, err)
	}
	if len(areas) == 0 {
		return plan.Area{}, fmt.Errorf("get area %d: %w", id, plan.ErrNotFound)
	}
	return areas[0], nil
}

// CreateArea adds an area to a plan at e.Position and records it in the
// audit log, in one transaction, and returns its id. The area's key, which
// imports match it by, is its number or, unnumbered, its folded title.
// Invalid input, an unknown or deleted plan, or a number or key another
// area of the plan has is refused with plan.FieldErrors.
func (db *DB) CreateArea(ctx context.Context, actor audit.Actor, e plan.AreaEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create area: %w", fe)
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
		key := e.Key()
		if err := checkAreaEdit(ctx, tx, 0, e.PlanID, e.Number, key); err != nil {
			return err
		}
		// The position is set by placeArea once the row exists.
		if err := tx.QueryRowContext(ctx, `INSERT INTO areas (plan_id, area_key, number, external_id, title, source, position)
			VALUES ($1, $2, $3, '', $4, '', 0) RETURNING id`, e.PlanID, key, e.Number, textJSON(e.Title)).Scan(&id); err != nil {
			return err
		}
		if err := db.placeArea(ctx, tx, e.PlanID, id, e.Position); err != nil {
			return err
		}
		return db.auditArea(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create area: %w", err)
	}
	return id, nil
}

// UpdateArea sets area id's number, title and place when the stored
// version is e.Version. Its key follows its number (or title, unnumbered)
// when that changes, and stays otherwise, so a key an import gave it
// survives edits of the rest; the measures of the area, whose records
// name it by key, are fingerprinted anew. An area cannot move to another
// plan. A stale version is refused with a *plan.ConflictError[plan.Area];
// an unknown or deleted area with plan.ErrNotFound.
func (db *DB) UpdateArea(ctx context.Context, actor audit.Actor, id int64, e plan.AreaEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update area %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readAreaRow(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		if e.PlanID != before.planID {
			return plan.FieldErrors{"plan": "edit.area.plan_fixed"}
		}
		key := before.Key
		if plan.AreaKey(before.Number, before.Title) != e.Key() {
			key = e.Key()
		}
		if err := checkAreaEdit(ctx, tx, id, before.planID, e.Number, key); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE areas SET area_key = $1, number = $2, title = $3, version = version + 1
			WHERE id = $4 AND version = $5 AND deleted_at IS NULL`, key, e.Number, textJSON(e.Title), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.placeArea(ctx, tx, before.planID, id, e.Position); err != nil {
			return err
		}
		if key != before.Key {
			if err := rehashAreaMeasures(ctx, tx, id); err != nil {
				return err
			}
		}
		return db.auditArea(ctx, tx, actor, audit.ActionUpdate, id, &before.areaRecord)
	})
	return db.areaWriteError(ctx, "update", id, err)
}

// DeleteArea soft-deletes area id when its stored version is version and
// closes the gap it leaves in the plan's order. An area that still groups
// live measures is refused with plan.ErrInUse: moving them out of it
// silently would change what the plan says, so they must be moved to
// another area (or deleted) first. Other errors are as for UpdateArea.
func (db *DB) DeleteArea(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readAreaRow(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measures WHERE area_id = $1 AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("groups %d measure(s): %w", n, plan.ErrInUse)
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE areas SET deleted_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.placeArea(ctx, tx, before.planID, 0, 0); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, audit.EntityArea, id, before.areaRecord)
	})
	return db.areaWriteError(ctx, "delete", id, err)
}

// RestoreArea brings back a soft-deleted area at the place it had, raising
// its version. One that is not deleted is plan.ErrNotFound; one whose
// number a live area of the plan took meanwhile is refused with
// plan.FieldErrors.
func (db *DB) RestoreArea(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var planID int64
		var number string
		var position int
		err := tx.QueryRowContext(ctx, `SELECT plan_id, number, position FROM areas WHERE id = $1 AND deleted_at IS NOT NULL`, id).Scan(&planID, &number, &position)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		if taken, err := areaNumberTaken(ctx, tx, planID, number, id); err != nil {
			return err
		} else if taken {
			return plan.FieldErrors{"number": "edit.area.number.taken"}
		}
		res, err := tx.ExecContext(ctx, `UPDATE areas SET deleted_at = NULL, version = version + 1 WHERE id = $1`, id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := db.placeArea(ctx, tx, planID, id, position); err != nil {
			return err
		}
		return db.auditArea(ctx, tx, actor, audit.ActionRestore, id, nil)
	})
	if err != nil {
		return fmt.Errorf("restore area %d: %w", id, err)
	}
	return nil
}

// areaWriteError is measureWriteError for areas.
func (db *DB) areaWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetArea(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s area %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[plan.Area]{Current: current}
	}
	return fmt.Errorf("%s area %d: %w", op, id, err)
}

// checkAreaEdit checks that no other live area of the plan has the number
// and that no other area, live or deleted, has the key (a deleted area
// keeps its key so that an import does not bring it back as new).
func checkAreaEdit(ctx context.Context, tx *sql.Tx, id, planID int64, number, key string) error {
	if taken, err := areaNumberTaken(ctx, tx, planID, number, id); err != nil {
		return err
	} else if taken {
		return plan.FieldErrors{"number": "edit.area.number.taken"}
	}
	var deleted bool
	err := tx.QueryRowContext(ctx, `SELECT deleted_at IS NOT NULL FROM areas WHERE plan_id = $1 AND area_key = $2 AND id <> $3`,
		planID, key, id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	field := "number"
	if number == "" {
		field = "title" // an unnumbered area is keyed by its title
	}
	msg := "edit.area." + field + ".taken"
	if deleted {
		msg += "_by_deleted"
	}
	return plan.FieldErrors{field: msg}
}

// areaNumberTaken reports whether a live area of the plan other than id has
// the number; an empty number is never taken.
func areaNumberTaken(ctx context.Context, tx *sql.Tx, planID int64, number string, id int64) (bool, error) {
	if number == "" {
		return false, nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM areas WHERE plan_id = $1 AND number = $2 AND id <> $3 AND deleted_at IS NULL LIMIT 1`,
		planID, number, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// placeArea moves area id (0 for none) to place among the plan's live
// areas and renumbers them 0, 1, 2, …, as an import numbers them, so that
// importing an export of the plan finds its areas unchanged. The areas the
// move shifts are fingerprinted anew; their shift is recorded by the moved
// area's audit entry, not by entries of their own, and does not raise
// their versions, since nothing in them was edited.
func (db *DB) placeArea(ctx context.Context, tx *sql.Tx, planID, id int64, place int) error {
	if db.dialect == Postgres {
		// Two writes to one plan's areas would otherwise each number the
		// areas as they were before the other; SQLite's single writer
		// already serialises them. NO KEY UPDATE, because a new area's
		// foreign key holds a KEY SHARE lock on the plan already, which a
		// FOR UPDATE would wait on in two writers at once: a deadlock.
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM plans WHERE id = $1 FOR NO KEY UPDATE`, planID); err != nil {
			return err
		}
	}
	shifted, err := reorder(ctx, tx, `areas`, `plan_id`, planID, id, place)
	if err != nil {
		return err
	}
	for _, sid := range shifted {
		if sid == id {
			continue // its audit entry fingerprints it
		}
		r, err := readAreaRow(ctx, tx, sid)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE areas SET content_hash = $1 WHERE id = $2`, r.hash(), sid); err != nil {
			return err
		}
	}
	return nil
}

// reorder puts row id (0 for none) of table at place among the live rows
// whose parent column is parentID, numbers them all from 0 in order, and
// returns the ids whose position changed. A place past the end puts the
// row last. table and parent are names from this package, never input.
func reorder(ctx context.Context, tx *sql.Tx, table, parent string, parentID, id int64, place int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, position FROM `+table+` WHERE `+parent+` = $1 AND deleted_at IS NULL ORDER BY position, id`, parentID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	had := map[int64]int{}
	found := false
	for rows.Next() {
		var rid int64
		var pos int
		if err := rows.Scan(&rid, &pos); err != nil {
			rows.Close()
			return nil, err
		}
		had[rid] = pos
		if rid == id {
			found = true
			continue
		}
		ids = append(ids, rid)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	if found {
		place = min(max(place, 0), len(ids))
		ids = slices.Insert(ids, place, id)
	}
	var shifted []int64
	for i, rid := range ids {
		if had[rid] == i {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET position = $1 WHERE id = $2`, i, rid); err != nil {
			return nil, err
		}
		shifted = append(shifted, rid)
	}
	return shifted, nil
}

// rehashAreaMeasures fingerprints anew the measures of area id, live and
// deleted, after its key changed: a measure's fingerprint names its area by
// key.
func rehashAreaMeasures(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM measures WHERE area_id = $1`, id)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var mid int64
		if err := rows.Scan(&mid); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, mid)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	rows.Close()
	for _, mid := range ids {
		if err := rehashMeasure(ctx, tx, mid); err != nil {
			return fmt.Errorf("measure %d: %w", mid, err)
		}
	}
	return nil
}

// auditArea stores area id's fingerprint as it now is and appends an audit
// entry with before (nil for none) and it as after.
func (db *DB) auditArea(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *areaRecord) error {
	after, err := readAreaRow(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE areas SET content_hash = $1 WHERE id = $2`, after.hash(), id); err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return db.auditChange(ctx, tx, actor, action, audit.EntityArea, id, b, after.areaRecord)
}

// readAreaRow reads area id within tx; plan.ErrNotFound when there is none.
func readAreaRow(ctx context.Context, tx *sql.Tx, id int64) (areaRow, error) {
	var r areaRow
	var title string
	err := tx.QueryRowContext(ctx, `SELECT p.external_id, a.area_key, a.number, a.external_id, a.title, a.source, a.position,
		a.plan_id, a.version, a.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL
		FROM areas a JOIN plans p ON p.id = a.plan_id WHERE a.id = $1`, id).Scan(
		&r.Plan, &r.Key, &r.Number, &r.ExternalID, &title, &r.Source, &r.Position, &r.planID, &r.version, &r.deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, plan.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	r.Title, err = parseText(title)
	return r, err
}

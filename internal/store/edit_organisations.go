package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// CreateOrganisation adds an organisation and records it in the audit log,
// in one transaction, and returns its id. Invalid input, an unknown member
// or a name the member's organisations already have is refused with
// plan.FieldErrors.
func (db *DB) CreateOrganisation(ctx context.Context, actor audit.Actor, e plan.OrganisationEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create organisation: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		memberID, err := checkOrganisationEdit(ctx, tx, 0, &e)
		if err != nil {
			return err
		}
		args := organisationArgs(&e, memberID, formatTime(db.Now()))
		if err := tx.QueryRowContext(ctx, `INSERT INTO organisations (member_id, scope, name, name_key, kind, search, search_intl, sort_key, content_hash, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`, args...).Scan(&id); err != nil {
			return err
		}
		return db.auditOrganisation(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create organisation: %w", err)
	}
	return id, nil
}

// UpdateOrganisation replaces organisation id's member, name and kind when
// the stored version is e.Version. A stale version is refused with a
// *plan.ConflictError[plan.Organisation]; an unknown or deleted id with
// plan.ErrNotFound.
func (db *DB) UpdateOrganisation(ctx context.Context, actor audit.Actor, id int64, e plan.OrganisationEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update organisation %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, deleted, err := readOrganisationRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if version != e.Version {
			return errStale
		}
		memberID, err := checkOrganisationEdit(ctx, tx, id, &e)
		if err != nil {
			return err
		}
		args := append(organisationArgs(&e, memberID, formatTime(db.Now())), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE organisations SET member_id = $1, scope = $2, name = $3, name_key = $4, kind = $5, search = $6,
			search_intl = $7, sort_key = $8, content_hash = $9, updated_at = $10, version = version + 1
			WHERE id = $11 AND version = $12 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditOrganisation(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	return db.organisationWriteError(ctx, "update", id, err)
}

// DeleteOrganisation soft-deletes organisation id when its stored version
// is version. An organisation still executing a live measure is refused
// with plan.ErrInUse: the measures must name someone else first.
func (db *DB) DeleteOrganisation(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, deleted, err := readOrganisationRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if stored != version {
			return errStale
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measure_executors e JOIN measures m ON m.id = e.measure_id JOIN plans p ON p.id = m.plan_id
			WHERE e.organisation_id = $1 AND `+measureLive, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("executes %d measure(s): %w", n, plan.ErrInUse)
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE organisations SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		b, err := audit.JSON(before)
		if err != nil {
			return err
		}
		_, err = db.AppendAudit(ctx, tx, audit.Entry{Actor: actor, Action: audit.ActionDelete, EntityType: audit.EntityOrganisation,
			EntityID: strconv.FormatInt(id, 10), Before: b})
		return err
	})
	return db.organisationWriteError(ctx, "delete", id, err)
}

// RestoreOrganisation brings back a soft-deleted organisation, raising its
// version; one that is not deleted is plan.ErrNotFound.
func (db *DB) RestoreOrganisation(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE organisations SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		return db.auditOrganisation(ctx, tx, actor, audit.ActionRestore, id, nil)
	})
	if err != nil {
		return fmt.Errorf("restore organisation %d: %w", id, err)
	}
	return nil
}

// ListDeleted returns the soft-deleted entities of one type
// (audit.EntityMeasure, EntityOrganisation, EntityPlan, EntityArea or
// EntityMilestone), most recently deleted first, for the admin's restore
// page.
func (db *DB) ListDeleted(ctx context.Context, entityType string) ([]plan.Deleted, error) {
	var q string
	switch entityType {
	case audit.EntityMeasure:
		q = `SELECT m.id, m.title, p.external_id || ' ' || m.clause, m.deleted_at, m.version
			FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.deleted_at IS NOT NULL ORDER BY m.deleted_at DESC, m.id DESC`
	case audit.EntityOrganisation:
		q = `SELECT id, name, scope, deleted_at, version FROM organisations WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`
	case audit.EntityPlan:
		q = `SELECT p.id, p.title, mb.slug || ' ' || p.external_id, p.deleted_at, p.version
			FROM plans p JOIN members mb ON mb.id = p.member_id WHERE p.deleted_at IS NOT NULL ORDER BY p.deleted_at DESC, p.id DESC`
	case audit.EntityArea:
		q = `SELECT a.id, a.title, p.external_id || ' ' || a.number, a.deleted_at, a.version
			FROM areas a JOIN plans p ON p.id = a.plan_id WHERE a.deleted_at IS NOT NULL ORDER BY a.deleted_at DESC, a.id DESC`
	case audit.EntityMilestone:
		q = `SELECT ms.id, ms.title, p.external_id || ' ' || CASE WHEN m.clause <> '' THEN m.clause ELSE m.external_id END, ms.deleted_at, ms.version
			FROM milestones ms JOIN measures m ON m.id = ms.measure_id JOIN plans p ON p.id = m.plan_id
			WHERE ms.deleted_at IS NOT NULL ORDER BY ms.deleted_at DESC, ms.id DESC`
	default:
		return nil, fmt.Errorf("list deleted: no deleted %q is kept", entityType)
	}
	rows, err := db.read.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list deleted %ss: %w", entityType, err)
	}
	defer rows.Close()
	var out []plan.Deleted
	for rows.Next() {
		d := plan.Deleted{EntityType: entityType}
		var title, at string
		if err := rows.Scan(&d.ID, &title, &d.Context, &at, &d.Version); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entityType, err)
		}
		if d.Title, err = parseText(title); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entityType, err)
		}
		if d.DeletedAt, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("list deleted %ss: %w", entityType, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list deleted %ss: %w", entityType, err)
	}
	return out, nil
}

// organisationWriteError is measureWriteError for organisations.
func (db *DB) organisationWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetOrganisation(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s organisation %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[plan.Organisation]{Current: current}
	}
	return fmt.Errorf("%s organisation %d: %w", op, id, err)
}

// checkOrganisationEdit checks an edit of organisation id (0 for a new one)
// against the database and returns the member's id (nil for none): the
// member exists and no other organisation of it, live or deleted, has the
// name (folded as imports fold it).
func checkOrganisationEdit(ctx context.Context, tx *sql.Tx, id int64, e *plan.OrganisationEdit) (any, error) {
	var memberID any
	if e.Member != "" {
		var mid int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM members WHERE slug = $1`, e.Member).Scan(&mid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, plan.FieldErrors{"member": "edit.member.unknown"}
		}
		if err != nil {
			return nil, err
		}
		memberID = mid
	}
	var deleted bool
	err := tx.QueryRowContext(ctx, `SELECT deleted_at IS NOT NULL FROM organisations WHERE scope = $1 AND name_key = $2 AND id <> $3`,
		e.Member, e.Name.Key(), id).Scan(&deleted)
	switch {
	case err == nil && deleted:
		return nil, plan.FieldErrors{"name": "edit.name.taken_by_deleted"}
	case err == nil:
		return nil, plan.FieldErrors{"name": "edit.name.taken"}
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	return memberID, nil
}

// organisationArgs are the columns an edit sets, computed as an import
// computes them (so a later import of the same organisation matches it).
func organisationArgs(e *plan.OrganisationEdit, memberID any, now string) []any {
	name := e.Name.Clean()
	search := searchText(name)
	hash := contentHash(plan.BundleOrganisation{Member: e.Member, Name: name, Kind: e.Kind})
	return []any{memberID, e.Member, textJSON(name), name.Key(), string(e.Kind), search.az, search.intl,
		i18n.SortKey(name.String()), hash, now}
}

// auditOrganisation appends an audit entry for organisation id with before
// (nil for none) and the organisation as it now is as after.
func (db *DB) auditOrganisation(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *plan.BundleOrganisation) error {
	after, _, _, err := readOrganisationRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	e := audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityOrganisation, EntityID: strconv.FormatInt(id, 10)}
	if before != nil {
		if e.Before, err = audit.JSON(before); err != nil {
			return err
		}
	}
	if e.After, err = audit.JSON(after); err != nil {
		return err
	}
	_, err = db.AppendAudit(ctx, tx, e)
	return err
}

// readOrganisationRecord reads organisation id within tx in its audit form
// (the bundle form: member slug, name, kind), with its version and whether
// it is deleted; plan.ErrNotFound when there is none.
func readOrganisationRecord(ctx context.Context, tx *sql.Tx, id int64) (plan.BundleOrganisation, int, bool, error) {
	var o plan.BundleOrganisation
	var name, kind string
	var version int
	var deleted bool
	err := tx.QueryRowContext(ctx, `SELECT scope, name, kind, version, deleted_at IS NOT NULL FROM organisations WHERE id = $1`, id).Scan(
		&o.Member, &name, &kind, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return o, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return o, 0, false, err
	}
	o.Kind = plan.OrganisationKind(kind)
	o.Name, err = parseText(name)
	return o, version, deleted, err
}

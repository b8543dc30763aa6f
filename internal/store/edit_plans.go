package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// planRecord is a plan as the audit log records it: the bundle form without
// its areas and measures, naming its member by slug.
type planRecord struct {
	ExternalID string      `json:"id"`
	Member     string      `json:"member"`
	Number     int         `json:"number,omitempty"`
	Title      plan.Text   `json:"title"`
	Period     plan.Period `json:"period"`
	Approved   string      `json:"approved,omitempty"`
	Source     string      `json:"source,omitempty"`
	SourceURL  string      `json:"source_url,omitempty"`
	Note       plan.Text   `json:"note,omitempty"`
}

// hash is the plan's content hash exactly as an import computes it (a
// BundlePlan with no areas or measures), so that importing the content an
// edit wrote finds the plan unchanged.
func (r planRecord) hash() string {
	return contentHash(plan.BundlePlan{ExternalID: r.ExternalID, Member: r.Member, Number: r.Number, Title: r.Title.Clean(),
		Period: r.Period, Approved: r.Approved, Source: r.Source, SourceURL: r.SourceURL, Note: r.Note.Clean()})
}

// CreatePlan adds an action plan and records it in the audit log, in one
// transaction, and returns its id. Invalid input, an unknown member or an
// external id another plan has (even a deleted one) is refused with
// plan.FieldErrors and changes nothing.
func (db *DB) CreatePlan(ctx context.Context, actor audit.Actor, e plan.PlanEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create plan: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		memberID, err := checkPlanEdit(ctx, tx, 0, &e)
		if err != nil {
			return err
		}
		period, _ := e.Period() // Validate checked it
		args := planArgs(&e, memberID, period, formatTime(db.Now()))
		if err := tx.QueryRowContext(ctx, `INSERT INTO plans (member_id, external_id, number, title, period_text, period_start, period_end,
			approved, source, source_url, note, search, search_intl, content_hash, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`, args...).Scan(&id); err != nil {
			return err
		}
		return db.auditPlan(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create plan: %w", err)
	}
	return id, nil
}

// UpdatePlan replaces what the form sets on plan id when the stored version
// is e.Version, raises the version and records the change, in one
// transaction. A period whose text is unchanged keeps its stored dates,
// which an import may have set apart from the text. A stale version is
// refused with a *plan.ConflictError[plan.Plan] carrying the plan as it is
// now; an unknown or deleted id with plan.ErrNotFound.
func (db *DB) UpdatePlan(ctx context.Context, actor audit.Actor, id int64, e plan.PlanEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update plan %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, deleted, err := readPlanRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if version != e.Version {
			return errStale
		}
		memberID, err := checkPlanEdit(ctx, tx, id, &e)
		if err != nil {
			return err
		}
		period := before.Period
		if e.PeriodText != before.Period.Text {
			period, _ = e.Period()
		}
		args := append(planArgs(&e, memberID, period, formatTime(db.Now())), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE plans SET member_id = $1, external_id = $2, number = $3, title = $4, period_text = $5,
			period_start = $6, period_end = $7, approved = $8, source = $9, source_url = $10, note = $11, search = $12, search_intl = $13,
			content_hash = $14, updated_at = $15, version = version + 1
			WHERE id = $16 AND version = $17 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditPlan(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	return db.planWriteError(ctx, "update", id, err)
}

// DeletePlan soft-deletes plan id when its stored version is version; its
// areas and deleted measures are hidden with it and come back with it. A
// plan that still has live measures is refused with plan.ErrInUse: they
// must be deleted first, one by one, so that nobody removes a whole plan's
// commitments by a slip. Other errors are as for UpdatePlan.
func (db *DB) DeletePlan(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, deleted, err := readPlanRecord(ctx, tx, id)
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
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measures WHERE plan_id = $1 AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("has %d measure(s): %w", n, plan.ErrInUse)
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE plans SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, audit.EntityPlan, id, before)
	})
	return db.planWriteError(ctx, "delete", id, err)
}

// RestorePlan brings back a soft-deleted plan, raising its version; one
// that is not deleted is plan.ErrNotFound. Its external id cannot have been
// taken meanwhile: a deleted plan keeps it.
func (db *DB) RestorePlan(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE plans SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		return db.auditPlan(ctx, tx, actor, audit.ActionRestore, id, nil)
	})
	if err != nil {
		return fmt.Errorf("restore plan %d: %w", id, err)
	}
	return nil
}

// planWriteError is measureWriteError for plans.
func (db *DB) planWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetPlan(ctx, strconv.FormatInt(id, 10))
		if gerr != nil {
			return fmt.Errorf("%s plan %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[plan.Plan]{Current: current}
	}
	return fmt.Errorf("%s plan %d: %w", op, id, err)
}

// checkPlanEdit checks an edit of plan id (0 for a new one) against the
// database and returns the member's id: the member exists, no other plan
// has the external id, and a plan moved to another member has no measure
// executed by an organisation of the old one (a measure's executors belong
// to its plan's member or to none).
func checkPlanEdit(ctx context.Context, tx *sql.Tx, id int64, e *plan.PlanEdit) (int64, error) {
	var memberID int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM members WHERE slug = $1`, e.Member).Scan(&memberID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, plan.FieldErrors{"member": "edit.member.unknown"}
	}
	if err != nil {
		return 0, err
	}
	fe := plan.FieldErrors{}
	var deleted bool
	err = tx.QueryRowContext(ctx, `SELECT deleted_at IS NOT NULL FROM plans WHERE external_id = $1 AND id <> $2`, e.ExternalID, id).Scan(&deleted)
	switch {
	case err == nil && deleted:
		fe["external_id"] = "edit.plan.external_id.taken_by_deleted"
	case err == nil:
		fe["external_id"] = "edit.plan.external_id.taken"
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	if id != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM measure_executors x JOIN measures m ON m.id = x.measure_id
			JOIN organisations o ON o.id = x.organisation_id
			WHERE m.plan_id = $1 AND m.deleted_at IS NULL AND o.member_id IS NOT NULL AND o.member_id <> $2`, id, memberID).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			fe["member"] = "edit.plan.member.executors_elsewhere"
		}
	}
	if len(fe) > 0 {
		return 0, fe
	}
	return memberID, nil
}

// planArgs are the columns an edit sets, in the order CreatePlan and
// UpdatePlan list them, computed as an import computes them.
func planArgs(e *plan.PlanEdit, memberID int64, period plan.Period, now string) []any {
	r := planRecord{ExternalID: e.ExternalID, Member: e.Member, Number: e.Number, Title: e.Title.Clean(), Period: period,
		Approved: e.Approved, Source: e.Source, SourceURL: e.SourceURL, Note: e.Note.Clean()}
	search := searchText(r.Title, r.ExternalID)
	return []any{memberID, r.ExternalID, r.Number, textJSON(r.Title), period.Text, dateValue(period.Start), dateValue(period.End),
		r.Approved, r.Source, r.SourceURL, textJSON(r.Note), search.az, search.intl, r.hash(), now}
}

// auditPlan appends an audit entry for plan id with before (nil for none)
// and the plan as it now is as after.
func (db *DB) auditPlan(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *planRecord) error {
	after, _, _, err := readPlanRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return db.auditChange(ctx, tx, actor, action, audit.EntityPlan, id, b, after)
}

// auditChange appends an entry recording a change of one entity from
// before (nil for none) to after.
func (db *DB) auditChange(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, entity string, id int64, before, after any) error {
	e := audit.Entry{Actor: actor, Action: action, EntityType: entity, EntityID: strconv.FormatInt(id, 10)}
	var err error
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

// auditDeleted appends the entry of a soft delete: the entity as it was
// before, and no after.
func (db *DB) auditDeleted(ctx context.Context, tx *sql.Tx, actor audit.Actor, entity string, id int64, before any) error {
	b, err := audit.JSON(before)
	if err != nil {
		return err
	}
	_, err = db.AppendAudit(ctx, tx, audit.Entry{Actor: actor, Action: audit.ActionDelete, EntityType: entity,
		EntityID: strconv.FormatInt(id, 10), Before: b})
	return err
}

// readPlanRecord reads plan id within tx in its audit form, with its
// version and whether it is deleted; plan.ErrNotFound when there is none.
func readPlanRecord(ctx context.Context, tx *sql.Tx, id int64) (planRecord, int, bool, error) {
	var r planRecord
	var version int
	var deleted bool
	var title, note string
	var start, end sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT p.external_id, mb.slug, p.number, p.title, p.period_text, p.period_start, p.period_end,
		p.approved, p.source, p.source_url, p.note, p.version, p.deleted_at IS NOT NULL
		FROM plans p JOIN members mb ON mb.id = p.member_id WHERE p.id = $1`, id).Scan(
		&r.ExternalID, &r.Member, &r.Number, &title, &r.Period.Text, &start, &end,
		&r.Approved, &r.Source, &r.SourceURL, &note, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	if r.Title, err = parseText(title); err != nil {
		return r, 0, false, err
	}
	if r.Note, err = parseText(note); err != nil {
		return r, 0, false, err
	}
	r.Period, err = parsePeriod(r.Period.Text, start, end)
	return r, version, deleted, err
}

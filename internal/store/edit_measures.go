package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// measureRecord is a measure as the audit log records it: the bundle form,
// which names its area by key and its executors by name, so that a diff
// reads "title.en" or "executors[0].role" rather than database ids.
type measureRecord struct {
	Plan string `json:"plan"` // the plan's external id
	plan.BundleMeasure
}

// errStale is what a write finds when the stored version is not the one
// the edit started from; the caller turns it into a *plan.ConflictError
// once the transaction is over.
var errStale = errors.New("stale version")

// CreateMeasure adds a measure and records it in the audit log, in one
// transaction, and returns its id. Invalid input is refused with
// plan.FieldErrors and changes nothing.
func (db *DB) CreateMeasure(ctx context.Context, actor audit.Actor, e plan.MeasureEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create measure: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkMeasure(ctx, tx, 0, "", &e); err != nil {
			return err
		}
		now := formatTime(db.Now())
		args := measureArgs(&e, now)
		err := tx.QueryRowContext(ctx, `INSERT INTO measures (plan_id, area_id, match_key, clause, clause_key, external_id, title, description, indicator,
			period_text, period_start, period_end, ogp_values, tags, source, source_url, search, search_intl, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`, args...).Scan(&id)
		if err != nil {
			return err
		}
		if err := writeExecutors(ctx, tx, id, e.Executors); err != nil {
			return err
		}
		return db.auditMeasure(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create measure: %w", err)
	}
	return id, nil
}

// UpdateMeasure replaces what the form sets on measure id (its milestones
// stay) when the stored version is e.Version, raises the version and
// records the change in the audit log, in one transaction. A measure
// changed meanwhile is refused with a *plan.ConflictError[plan.Measure]
// carrying it as it is now; an unknown or deleted one with plan.ErrNotFound.
func (db *DB) UpdateMeasure(ctx context.Context, actor audit.Actor, id int64, e plan.MeasureEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update measure %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, deleted, err := readMeasureRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if version != e.Version {
			return errStale
		}
		if err := checkMeasure(ctx, tx, id, before.Clause, &e); err != nil {
			return err
		}
		args := append(measureArgs(&e, formatTime(db.Now())), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE measures SET plan_id = $1, area_id = $2, match_key = $3, clause = $4, clause_key = $5, external_id = $6,
			title = $7, description = $8, indicator = $9, period_text = $10, period_start = $11, period_end = $12, ogp_values = $13, tags = $14,
			source = $15, source_url = $16, search = $17, search_intl = $18, updated_at = $19, version = version + 1
			WHERE id = $20 AND version = $21 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM measure_executors WHERE measure_id = $1`, id); err != nil {
			return err
		}
		if err := writeExecutors(ctx, tx, id, e.Executors); err != nil {
			return err
		}
		return db.auditMeasure(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	return db.measureWriteError(ctx, "update", id, err)
}

// DeleteMeasure soft-deletes measure id when its stored version is
// version: it disappears from every read until RestoreMeasure. Errors are
// as for UpdateMeasure.
func (db *DB) DeleteMeasure(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, deleted, err := readMeasureRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE measures SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		b, err := audit.JSON(before)
		if err != nil {
			return err
		}
		_, err = db.AppendAudit(ctx, tx, audit.Entry{Actor: actor, Action: audit.ActionDelete, EntityType: audit.EntityMeasure,
			EntityID: strconv.FormatInt(id, 10), Before: b})
		return err
	})
	return db.measureWriteError(ctx, "delete", id, err)
}

// RestoreMeasure brings back a soft-deleted measure, raising its version.
// A measure that is not deleted is plan.ErrNotFound; one whose clause a
// live measure of its plan took meanwhile is refused with plan.FieldErrors.
func (db *DB) RestoreMeasure(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var planID int64
		var clause string
		err := tx.QueryRowContext(ctx, `SELECT plan_id, clause FROM measures WHERE id = $1 AND deleted_at IS NOT NULL`, id).Scan(&planID, &clause)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		if taken, err := clauseTaken(ctx, tx, planID, clause, id); err != nil {
			return err
		} else if taken {
			return plan.FieldErrors{"clause": "edit.clause.taken"}
		}
		res, err := tx.ExecContext(ctx, `UPDATE measures SET deleted_at = NULL, updated_at = $1, version = version + 1 WHERE id = $2`,
			formatTime(db.Now()), id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditMeasure(ctx, tx, actor, audit.ActionRestore, id, nil)
	})
	if err != nil {
		return fmt.Errorf("restore measure %d: %w", id, err)
	}
	return nil
}

// measureWriteError wraps the error of a write to measure id, turning a
// stale version into a conflict that carries the measure as it is now.
func (db *DB) measureWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetMeasure(ctx, strconv.FormatInt(id, 10))
		if gerr != nil {
			return fmt.Errorf("%s measure %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[plan.Measure]{Current: current}
	}
	return fmt.Errorf("%s measure %d: %w", op, id, err)
}

// measureArgs are the columns an edit sets, in the order CreateMeasure and
// UpdateMeasure list them; search and sort columns are computed as an
// import computes them.
func measureArgs(e *plan.MeasureEdit, now string) []any {
	period, _ := e.Period() // Validate checked it
	var areaID any
	if e.AreaID != 0 {
		areaID = e.AreaID
	}
	values := make([]string, len(e.Values))
	for i, v := range e.Values {
		values[i] = string(v)
	}
	title, desc, ind := e.Title.Clean(), e.Description.Clean(), e.Indicator.Clean()
	search := searchText(e.Clause, e.ExternalID, title, desc, ind)
	return []any{e.PlanID, areaID, e.MatchKey(), e.Clause, plan.ClauseKey(e.Clause), e.ExternalID, textJSON(title), textJSON(desc), textJSON(ind),
		period.Text, dateValue(period.Start), dateValue(period.End), strings.Join(values, ","), tagsJSON(e.Tags),
		e.Source, e.SourceURL, search.az, search.intl, now}
}

// checkMeasure checks an edit of measure id (0 for a new one) against the
// database: its plan and area exist, its clause and match key are free in
// the plan, its executors exist and belong to the plan's member or to none.
// oldClause is the stored clause, which may stay even when another live
// measure shares it (imported plans have such duplicates).
func checkMeasure(ctx context.Context, tx *sql.Tx, id int64, oldClause string, e *plan.MeasureEdit) error {
	fe := plan.FieldErrors{}
	var memberID int64
	err := tx.QueryRowContext(ctx, `SELECT member_id FROM plans WHERE id = $1 AND deleted_at IS NULL`, e.PlanID).Scan(&memberID)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"plan": "edit.plan.unknown"}
	}
	if err != nil {
		return err
	}
	if e.AreaID != 0 {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM areas WHERE id = $1 AND plan_id = $2 AND deleted_at IS NULL`, e.AreaID, e.PlanID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			fe["area"] = "edit.area.unknown"
		} else if err != nil {
			return err
		}
	}
	var otherID int64
	var otherDeleted bool
	err = tx.QueryRowContext(ctx, `SELECT id, deleted_at IS NOT NULL FROM measures WHERE plan_id = $1 AND match_key = $2 AND id <> $3`,
		e.PlanID, e.MatchKey(), id).Scan(&otherID, &otherDeleted)
	switch {
	case err == nil:
		field := "clause"
		if e.ExternalID != "" {
			field = "external_id"
		}
		fe[field] = "edit." + field + ".taken"
		if otherDeleted {
			fe[field] += "_by_deleted"
		}
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if e.Clause != "" && (id == 0 || e.Clause != oldClause) {
		if taken, err := clauseTaken(ctx, tx, e.PlanID, e.Clause, id); err != nil {
			return err
		} else if taken && fe["clause"] == "" {
			fe["clause"] = "edit.clause.taken"
		}
	}
	for _, x := range e.Executors {
		var orgMember int64
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(member_id, 0) FROM organisations WHERE id = $1 AND deleted_at IS NULL`, x.OrganisationID).Scan(&orgMember)
		if errors.Is(err, sql.ErrNoRows) {
			fe["executors"] = "edit.executors.unknown"
			break
		}
		if err != nil {
			return err
		}
		if orgMember != 0 && orgMember != memberID {
			fe["executors"] = "edit.executors.other_member"
			break
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// clauseTaken reports whether a live measure of the plan other than id has
// the clause.
func clauseTaken(ctx context.Context, tx *sql.Tx, planID int64, clause string, id int64) (bool, error) {
	if clause == "" {
		return false, nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM measures WHERE plan_id = $1 AND clause = $2 AND id <> $3 AND deleted_at IS NULL LIMIT 1`,
		planID, clause, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

func writeExecutors(ctx context.Context, tx *sql.Tx, measureID int64, executors []plan.ExecutorRef) error {
	for i, x := range executors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO measure_executors (measure_id, organisation_id, role, position) VALUES ($1, $2, $3, $4)`,
			measureID, x.OrganisationID, string(x.Role), i); err != nil {
			return fmt.Errorf("executor %d: %w", x.OrganisationID, err)
		}
	}
	return nil
}

// oneRow turns an UPDATE that changed no row, because another transaction
// raised the version between the check and the write, into errStale.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return errStale
	}
	return nil
}

// auditMeasure reads measure id as it now is, stores its content hash (so
// that importing the same content again changes nothing) and appends an
// audit entry with before (nil for none) and it as after.
func (db *DB) auditMeasure(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *measureRecord) error {
	after, _, _, err := readMeasureRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE measures SET content_hash = $1 WHERE id = $2`, contentHash(after.BundleMeasure), id); err != nil {
		return err
	}
	e := audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityMeasure, EntityID: strconv.FormatInt(id, 10)}
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

// readMeasureRecord reads measure id within tx in its audit form, with its
// version and whether it is deleted; plan.ErrNotFound when there is none.
func readMeasureRecord(ctx context.Context, tx *sql.Tx, id int64) (measureRecord, int, bool, error) {
	var r measureRecord
	var version int
	var deleted bool
	var title, desc, ind, values, tags string
	var start, end sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT p.external_id, COALESCE(a.area_key, ''), m.external_id, m.clause, m.title, m.description, m.indicator,
		m.period_text, m.period_start, m.period_end, m.ogp_values, m.tags, m.source, m.source_url, m.version, m.deleted_at IS NOT NULL
		FROM measures m JOIN plans p ON p.id = m.plan_id LEFT JOIN areas a ON a.id = m.area_id WHERE m.id = $1`, id).Scan(
		&r.Plan, &r.Area, &r.ExternalID, &r.Clause, &title, &desc, &ind, &r.Period.Text, &start, &end, &values, &tags,
		&r.Source, &r.SourceURL, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	for _, t := range []struct {
		dst *plan.Text
		src string
	}{{&r.Title, title}, {&r.Description, desc}, {&r.Indicator, ind}} {
		if *t.dst, err = parseText(t.src); err != nil {
			return r, 0, false, err
		}
	}
	if r.Period, err = parsePeriod(r.Period.Text, start, end); err != nil {
		return r, 0, false, err
	}
	if values != "" {
		for _, v := range strings.Split(values, ",") {
			r.Values = append(r.Values, plan.OGPValue(v))
		}
	}
	if err := json.Unmarshal([]byte(tags), &r.Tags); err != nil {
		return r, 0, false, fmt.Errorf("stored tags %q: %w", tags, err)
	}
	if len(r.Tags) == 0 {
		r.Tags = nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT o.name, e.role FROM measure_executors e JOIN organisations o ON o.id = e.organisation_id
		WHERE e.measure_id = $1 ORDER BY e.position, e.role`, id)
	if err != nil {
		return r, 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var x plan.BundleExecutor
		var name, role string
		if err := rows.Scan(&name, &role); err != nil {
			return r, 0, false, err
		}
		x.Role = plan.ExecutorRole(role)
		if x.Name, err = parseText(name); err != nil {
			return r, 0, false, err
		}
		r.Executors = append(r.Executors, x)
	}
	if err := rows.Err(); err != nil {
		return r, 0, false, err
	}
	rows.Close()
	mrows, err := tx.QueryContext(ctx, `SELECT title, period_text, period_start, period_end FROM milestones
		WHERE measure_id = $1 AND deleted_at IS NULL ORDER BY position`, id)
	if err != nil {
		return r, 0, false, err
	}
	defer mrows.Close()
	for mrows.Next() {
		var ms plan.BundleMilestone
		var title string
		var start, end sql.NullString
		if err := mrows.Scan(&title, &ms.Period.Text, &start, &end); err != nil {
			return r, 0, false, err
		}
		if ms.Title, err = parseText(title); err != nil {
			return r, 0, false, err
		}
		if ms.Period, err = parsePeriod(ms.Period.Text, start, end); err != nil {
			return r, 0, false, err
		}
		r.Milestones = append(r.Milestones, ms)
	}
	return r, version, deleted, mrows.Err()
}

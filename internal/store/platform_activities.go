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

// activityContent is what an activity's fingerprint and its audit entries
// cover. The project is named by id: renaming the project does not make
// its activities look tampered with.
type activityContent struct {
	ProjectID   int64                   `json:"project_id"`
	Number      string                  `json:"number"`
	Title       plan.Text               `json:"title"`
	Clause      string                  `json:"clause,omitempty"`
	Goal        string                  `json:"goal,omitempty"`
	Status      platform.ActivityStatus `json:"status"`
	Description plan.Text               `json:"description,omitempty"`
	Outputs     []platform.Output       `json:"outputs,omitempty"`
}

func (c activityContent) hash() string { return contentHash(c) }

// activityState is a stored activity as writes and verification need it.
type activityState struct {
	id      int64
	content activityContent
	version int
	hash    string
	// deleted is true when the activity or its project is deleted.
	deleted bool
}

const activityStateSelect = `SELECT a.id, a.project_id, a.number, a.title, a.clause, a.goal, a.status, a.description, a.outputs,
	a.version, a.content_hash, a.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL
	FROM project_activities a JOIN projects p ON p.id = a.project_id`

func scanActivityState(row scanner) (activityState, error) {
	var s activityState
	var title, desc, outputs, status string
	c := &s.content
	err := row.Scan(&s.id, &c.ProjectID, &c.Number, &title, &c.Clause, &c.Goal, &status, &desc, &outputs, &s.version, &s.hash, &s.deleted)
	if err != nil {
		return s, err
	}
	c.Status = platform.ActivityStatus(status)
	if c.Title, err = parseText(title); err != nil {
		return s, err
	}
	if c.Description, err = parseText(desc); err != nil {
		return s, err
	}
	c.Outputs, err = parseOutputs(outputs)
	return s, err
}

func readActivityState(ctx context.Context, q querier, id int64) (activityState, error) {
	s, err := scanActivityState(q.QueryRowContext(ctx, activityStateSelect+` WHERE a.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

func rehashActivity(ctx context.Context, tx *sql.Tx, id int64) (activityState, error) {
	s, err := readActivityState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE project_activities SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

// activityColumns are what pages read of an activity, with the measure
// its clause names in its project's plan (the oldest, should the plan
// have duplicate clauses).
const activityColumns = `a.id, a.project_id, p.title, p.plan_ref, a.number, a.title, a.clause, a.goal, a.status, a.description, a.outputs,
	a.version, a.updated_at,
	COALESCE((SELECT MIN(m.id) FROM measures m JOIN plans pl ON pl.id = m.plan_id
		WHERE a.clause <> '' AND pl.external_id = p.plan_ref AND m.clause = a.clause AND m.deleted_at IS NULL AND pl.deleted_at IS NULL), 0)`

// activityLive keeps live activities of live projects.
const activityLive = ` WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL`

// activityOrder orders activities by project, then naturally by number.
const activityOrder = ` ORDER BY a.project_id, a.number_key, a.id`

// queryActivities reads live activities matching the conditions that
// follow activityLive (each beginning with AND), without their tasks.
func queryActivities(ctx context.Context, q querier, where string, args ...any) ([]platform.Activity, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+activityColumns+` FROM project_activities a JOIN projects p ON p.id = a.project_id`+activityLive+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []platform.Activity
	for rows.Next() {
		var a platform.Activity
		var ptitle, title, status, desc, outputs, updated string
		if err := rows.Scan(&a.ID, &a.ProjectID, &ptitle, &a.ProjectPlan, &a.Number, &title, &a.Clause, &a.Goal, &status, &desc, &outputs,
			&a.Version, &updated, &a.MeasureID); err != nil {
			return nil, err
		}
		a.Status = platform.ActivityStatus(status)
		if a.ProjectTitle, err = parseText(ptitle); err != nil {
			return nil, err
		}
		if a.Title, err = parseText(title); err != nil {
			return nil, err
		}
		if a.Description, err = parseText(desc); err != nil {
			return nil, err
		}
		if a.Outputs, err = parseOutputs(outputs); err != nil {
			return nil, err
		}
		if a.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetActivity returns a live activity of a live project with its tasks.
func (db *DB) GetActivity(ctx context.Context, id int64) (platform.Activity, error) {
	a, err := getActivity(ctx, db.read, id)
	if err != nil {
		return a, fmt.Errorf("get activity %d: %w", id, err)
	}
	return a, nil
}

func getActivity(ctx context.Context, q querier, id int64) (platform.Activity, error) {
	as, err := queryActivities(ctx, q, ` AND a.id = $1`, id)
	if err != nil {
		return platform.Activity{}, err
	}
	if len(as) == 0 {
		return platform.Activity{}, plan.ErrNotFound
	}
	a := as[0]
	a.Tasks, err = queryTasks(ctx, q, ` AND t.activity_id = $1`+taskOrder, id)
	return a, err
}

func activityRefs(as []platform.Activity) []platform.ActivityRef {
	out := make([]platform.ActivityRef, len(as))
	for i, a := range as {
		out[i] = platform.ActivityRef{ID: a.ID, ProjectID: a.ProjectID, ProjectTitle: a.ProjectTitle, Number: a.Number, Title: a.Title,
			Clause: a.Clause, Status: a.Status}
	}
	return out
}

// ListActivities returns every live activity of every live project.
func (db *DB) ListActivities(ctx context.Context) ([]platform.ActivityRef, error) {
	as, err := queryActivities(ctx, db.read, activityOrder)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return activityRefs(as), nil
}

// MeasureActivities returns the live activities whose project cites the
// measure's plan and whose clause is the measure's.
func (db *DB) MeasureActivities(ctx context.Context, measureID int64) ([]platform.ActivityRef, error) {
	as, err := queryActivities(ctx, db.read, ` AND a.clause <> '' AND EXISTS (SELECT 1 FROM measures m JOIN plans pl ON pl.id = m.plan_id
		WHERE m.id = $1 AND pl.external_id = p.plan_ref AND m.clause = a.clause AND m.deleted_at IS NULL AND pl.deleted_at IS NULL)`+activityOrder, measureID)
	if err != nil {
		return nil, fmt.Errorf("activities of measure %d: %w", measureID, err)
	}
	return activityRefs(as), nil
}

// CreateActivity adds an activity to a live project and records it in the
// audit log, in one transaction, and returns its id.
func (db *DB) CreateActivity(ctx context.Context, actor audit.Actor, e platform.ActivityEdit) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.createActivity(ctx, tx, actor, e)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create activity: %w", err)
	}
	return id, nil
}

func (db *DB) createActivity(ctx context.Context, tx *sql.Tx, actor audit.Actor, e platform.ActivityEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fe
	}
	if err := checkActivity(ctx, tx, 0, &e); err != nil {
		return 0, err
	}
	var id int64
	now := formatTime(db.Now())
	err := tx.QueryRowContext(ctx, `INSERT INTO project_activities (project_id, number, number_key, title, clause, goal, status, description, outputs,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		e.ProjectID, e.Number, plan.ClauseKey(e.Number), textJSON(e.Title), e.Clause, e.Goal, string(e.Status), textJSON(e.Description),
		outputsJSON(e.Outputs), now).Scan(&id)
	if err != nil {
		return 0, err
	}
	after, err := rehashActivity(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	return id, db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityActivity, id, nil, after.content)
}

// checkActivity checks an edit of activity id (0 for a new one) against
// the database: its project is live and has its goal, and no other live
// activity of the project has its number.
func checkActivity(ctx context.Context, tx *sql.Tx, id int64, e *platform.ActivityEdit) error {
	p, err := liveProject(ctx, tx, e.ProjectID, "project")
	if err != nil {
		return err
	}
	fe := plan.FieldErrors{}
	if e.Goal != "" && (platform.Project{Goals: p.content.Goals}).GoalText(e.Goal) == nil {
		fe["goal"] = "logframe.goal.unknown"
	}
	var other int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM project_activities WHERE project_id = $1 AND number = $2 AND id <> $3 AND deleted_at IS NULL`,
		e.ProjectID, e.Number, id).Scan(&other)
	switch {
	case err == nil:
		fe["number"] = "logframe.number.taken"
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// UpdateActivity replaces what the form sets on activity id when the
// stored version is e.Version; its tasks stay.
func (db *DB) UpdateActivity(ctx context.Context, actor audit.Actor, id int64, e platform.ActivityEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update activity %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readActivityState(ctx, tx, id)
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
		if err := checkActivity(ctx, tx, id, &e); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE project_activities SET number = $1, number_key = $2, title = $3, clause = $4, goal = $5, status = $6,
			description = $7, outputs = $8, updated_at = $9, version = version + 1 WHERE id = $10 AND version = $11 AND deleted_at IS NULL`,
			e.Number, plan.ClauseKey(e.Number), textJSON(e.Title), e.Clause, e.Goal, string(e.Status), textJSON(e.Description), outputsJSON(e.Outputs),
			formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashActivity(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityActivity, id, before.content, after.content)
	})
	return db.activityWriteError(ctx, "update", id, err)
}

// DeleteActivity soft-deletes activity id, and with it the view of its
// tasks, when its stored version is version.
func (db *DB) DeleteActivity(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readActivityState(ctx, tx, id)
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
		res, err := tx.ExecContext(ctx, `UPDATE project_activities SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityActivity, id, before.content)
	})
	return db.activityWriteError(ctx, "delete", id, err)
}

// RestoreActivity brings back a soft-deleted activity of a live project,
// refusing with plan.FieldErrors when a live activity of the project has
// taken its number meanwhile.
func (db *DB) RestoreActivity(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var projectID int64
		var number string
		err := tx.QueryRowContext(ctx, `SELECT project_id, number FROM project_activities WHERE id = $1 AND deleted_at IS NOT NULL`, id).Scan(&projectID, &number)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := liveProject(ctx, tx, projectID, "project"); err != nil {
			return err
		}
		var other int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM project_activities WHERE project_id = $1 AND number = $2 AND id <> $3 AND deleted_at IS NULL`,
			projectID, number, id).Scan(&other)
		if err == nil {
			return plan.FieldErrors{"number": "logframe.number.taken"}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE project_activities SET deleted_at = NULL, updated_at = $1, version = version + 1 WHERE id = $2`,
			formatTime(db.Now()), id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readActivityState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityActivity, id, nil, after.content)
	})
	if err != nil {
		return fmt.Errorf("restore activity %d: %w", id, err)
	}
	return nil
}

func (db *DB) activityWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetActivity(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s activity %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Activity]{Current: current}
	}
	return fmt.Errorf("%s activity %d: %w", op, id, err)
}

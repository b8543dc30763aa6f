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

// taskContent is what a task's fingerprint and its audit entries cover.
// The assignee is the user's id or the name typed in; a user's own name is
// theirs to change and not part of the task.
type taskContent struct {
	ActivityID   int64               `json:"activity_id"`
	Position     int                 `json:"position"`
	Title        plan.Text           `json:"title"`
	Status       platform.TaskStatus `json:"status"`
	AssigneeID   int64               `json:"assignee_id,omitempty"`
	AssigneeName string              `json:"assignee_name,omitempty"`
	Due          string              `json:"due,omitempty"`
	Outputs      []platform.Output   `json:"outputs,omitempty"`
}

func (c taskContent) hash() string { return contentHash(c) }

// taskState is a stored task as writes and verification need it.
type taskState struct {
	id      int64
	content taskContent
	version int
	hash    string
	// deleted is true when the task, its activity or its project is.
	deleted bool
}

const taskStateSelect = `SELECT t.id, t.activity_id, t.position, t.title, t.status, COALESCE(t.assignee_id, 0), t.assignee_name, COALESCE(t.due, ''),
	t.outputs, t.version, t.content_hash, t.deleted_at IS NOT NULL OR a.deleted_at IS NOT NULL OR p.deleted_at IS NOT NULL
	FROM project_tasks t JOIN project_activities a ON a.id = t.activity_id JOIN projects p ON p.id = a.project_id`

func scanTaskState(row scanner) (taskState, error) {
	var s taskState
	var title, status, outputs string
	c := &s.content
	err := row.Scan(&s.id, &c.ActivityID, &c.Position, &title, &status, &c.AssigneeID, &c.AssigneeName, &c.Due, &outputs, &s.version, &s.hash, &s.deleted)
	if err != nil {
		return s, err
	}
	c.Status = platform.TaskStatus(status)
	if c.Title, err = parseText(title); err != nil {
		return s, err
	}
	c.Outputs, err = parseOutputs(outputs)
	return s, err
}

func readTaskState(ctx context.Context, q querier, id int64) (taskState, error) {
	s, err := scanTaskState(q.QueryRowContext(ctx, taskStateSelect+` WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

func rehashTask(ctx context.Context, tx *sql.Tx, id int64) (taskState, error) {
	s, err := readTaskState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE project_tasks SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

// taskColumns are what pages read of a task: a user assignee by their
// name as it now is.
const taskColumns = `t.id, t.activity_id, t.position, t.title, t.status, COALESCE(t.assignee_id, 0), COALESCE(u.name, t.assignee_name),
	t.due, t.outputs, t.version, t.updated_at`

const taskOrder = ` ORDER BY t.activity_id, t.position, t.id`

// queryTasks reads the live tasks of live activities of live projects
// matching the conditions given (each beginning with AND).
func queryTasks(ctx context.Context, q querier, where string, args ...any) ([]platform.Task, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+taskColumns+` FROM project_tasks t JOIN project_activities a ON a.id = t.activity_id
		JOIN projects p ON p.id = a.project_id LEFT JOIN users u ON u.id = t.assignee_id
		WHERE t.deleted_at IS NULL AND a.deleted_at IS NULL AND p.deleted_at IS NULL`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []platform.Task
	for rows.Next() {
		var t platform.Task
		var title, status, outputs, updated string
		var due sql.NullString
		if err := rows.Scan(&t.ID, &t.ActivityID, &t.Position, &title, &status, &t.AssigneeID, &t.AssigneeName, &due, &outputs,
			&t.Version, &updated); err != nil {
			return nil, err
		}
		t.Status = platform.TaskStatus(status)
		if t.Title, err = parseText(title); err != nil {
			return nil, err
		}
		if t.Due, err = parseDate(due); err != nil {
			return nil, err
		}
		if t.Outputs, err = parseOutputs(outputs); err != nil {
			return nil, err
		}
		if t.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// GetTask returns a live task of a live activity.
func (db *DB) GetTask(ctx context.Context, id int64) (platform.Task, error) {
	ts, err := queryTasks(ctx, db.read, ` AND t.id = $1`, id)
	if err == nil && len(ts) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Task{}, fmt.Errorf("get task %d: %w", id, err)
	}
	return ts[0], nil
}

// ListAssignees returns every account that is not disabled, by name.
func (db *DB) ListAssignees(ctx context.Context) ([]platform.Assignee, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM users WHERE disabled_at IS NULL ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list assignees: %w", err)
	}
	defer rows.Close()
	var out []platform.Assignee
	for rows.Next() {
		var a platform.Assignee
		if err := rows.Scan(&a.ID, &a.Name); err != nil {
			return nil, fmt.Errorf("list assignees: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list assignees: %w", err)
	}
	return out, nil
}

// CreateTask adds a task at the end of a live activity's checklist and
// records it in the audit log, in one transaction, and returns its id.
func (db *DB) CreateTask(ctx context.Context, actor audit.Actor, e platform.TaskEdit) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.createTask(ctx, tx, actor, e)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create task: %w", err)
	}
	return id, nil
}

func (db *DB) createTask(ctx context.Context, tx *sql.Tx, actor audit.Actor, e platform.TaskEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fe
	}
	a, err := readActivityState(ctx, tx, e.ActivityID)
	if errors.Is(err, plan.ErrNotFound) || err == nil && a.deleted {
		return 0, plan.FieldErrors{"activity": "logframe.activity.unknown"}
	}
	if err != nil {
		return 0, err
	}
	if err := checkAssignee(ctx, tx, e.AssigneeID); err != nil {
		return 0, err
	}
	var position int
	// Deleted tasks keep their places, so that one restored comes back
	// where it was.
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM project_tasks WHERE activity_id = $1`, e.ActivityID).Scan(&position); err != nil {
		return 0, err
	}
	var id int64
	now := formatTime(db.Now())
	err = tx.QueryRowContext(ctx, `INSERT INTO project_tasks (activity_id, position, title, status, assignee_id, assignee_name, due, outputs, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		e.ActivityID, position, textJSON(e.Title), string(e.Status), assigneeValue(e.AssigneeID), e.AssigneeName, dateValue(e.DueDate()),
		outputsJSON(e.Outputs), now).Scan(&id)
	if err != nil {
		return 0, err
	}
	after, err := rehashTask(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	return id, db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityTask, id, nil, after.content)
}

// assigneeValue stores no assignee as NULL, which the foreign key allows.
func assigneeValue(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// checkAssignee refuses a task assigned to a user who does not exist or
// is disabled.
func checkAssignee(ctx context.Context, tx *sql.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	var disabled bool
	err := tx.QueryRowContext(ctx, `SELECT disabled_at IS NOT NULL FROM users WHERE id = $1`, id).Scan(&disabled)
	if errors.Is(err, sql.ErrNoRows) || err == nil && disabled {
		return plan.FieldErrors{"assignee": "logframe.assignee.unknown"}
	}
	return err
}

// UpdateTask replaces what the form sets on task id when the stored version
// is e.Version. A task stays in its activity and keeps its place.
func (db *DB) UpdateTask(ctx context.Context, actor audit.Actor, id int64, e platform.TaskEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update task %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readTaskState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		if e.ActivityID != before.content.ActivityID {
			return plan.FieldErrors{"activity": "logframe.activity.fixed"}
		}
		// An assignee whose account was disabled since may stay.
		if e.AssigneeID != before.content.AssigneeID {
			if err := checkAssignee(ctx, tx, e.AssigneeID); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE project_tasks SET title = $1, status = $2, assignee_id = $3, assignee_name = $4, due = $5, outputs = $6,
			updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9 AND deleted_at IS NULL`,
			textJSON(e.Title), string(e.Status), assigneeValue(e.AssigneeID), e.AssigneeName, dateValue(e.DueDate()), outputsJSON(e.Outputs),
			formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashTask(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityTask, id, before.content, after.content)
	})
	return db.taskWriteError(ctx, "update", id, err)
}

// CompleteTask marks task id done when its stored version is version; a
// task already done stays as it is.
func (db *DB) CompleteTask(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readTaskState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		if before.content.Status == platform.TaskDone {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE project_tasks SET status = $1, updated_at = $2, version = version + 1
			WHERE id = $3 AND version = $4 AND deleted_at IS NULL`, string(platform.TaskDone), formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashTask(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityTask, id, before.content, after.content)
	})
	return db.taskWriteError(ctx, "complete", id, err)
}

// DeleteTask soft-deletes task id when its stored version is version.
func (db *DB) DeleteTask(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readTaskState(ctx, tx, id)
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
		res, err := tx.ExecContext(ctx, `UPDATE project_tasks SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityTask, id, before.content)
	})
	return db.taskWriteError(ctx, "delete", id, err)
}

// RestoreTask brings back a soft-deleted task, in its place; one that is
// not deleted is plan.ErrNotFound.
func (db *DB) RestoreTask(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE project_tasks SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, err := readTaskState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityTask, id, nil, after.content)
	})
	if err != nil {
		return fmt.Errorf("restore task %d: %w", id, err)
	}
	return nil
}

func (db *DB) taskWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetTask(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s task %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Task]{Current: current}
	}
	return fmt.Errorf("%s task %d: %w", op, id, err)
}

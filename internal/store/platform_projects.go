package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

var _ platform.ProjectStore = (*DB)(nil)

// projectContent is what a project's fingerprint and its audit entries
// cover: its own columns, as a reader would name them.
type projectContent struct {
	Title       plan.Text       `json:"title"`
	GeneralGoal plan.Text       `json:"general_goal,omitempty"`
	Goals       []platform.Goal `json:"goals,omitempty"`
	Description plan.Text       `json:"description,omitempty"`
	Plan        string          `json:"plan,omitempty"`
	Source      string          `json:"source,omitempty"`
	SourceURL   string          `json:"source_url,omitempty"`
}

func (c projectContent) hash() string { return contentHash(c) }

// projectState is a stored project as writes and verification need it.
type projectState struct {
	id      int64
	content projectContent
	version int
	hash    string // as stored
	deleted bool
	updated string
}

const projectStateSelect = `SELECT p.id, p.title, p.general_goal, p.goals, p.description, p.plan_ref, p.source, p.source_url,
	p.version, p.content_hash, p.deleted_at IS NOT NULL, p.updated_at FROM projects p`

func scanProjectState(row scanner) (projectState, error) {
	var s projectState
	var title, goal, goals, desc string
	err := row.Scan(&s.id, &title, &goal, &goals, &desc, &s.content.Plan, &s.content.Source, &s.content.SourceURL,
		&s.version, &s.hash, &s.deleted, &s.updated)
	if err != nil {
		return s, err
	}
	c := &s.content
	if c.Title, err = parseText(title); err != nil {
		return s, err
	}
	if c.GeneralGoal, err = parseText(goal); err != nil {
		return s, err
	}
	if c.Description, err = parseText(desc); err != nil {
		return s, err
	}
	c.Goals, err = parseGoals(goals)
	return s, err
}

// readProjectState reads project id, deleted or not; plan.ErrNotFound when
// there is none.
func readProjectState(ctx context.Context, q querier, id int64) (projectState, error) {
	s, err := scanProjectState(q.QueryRowContext(ctx, projectStateSelect+` WHERE p.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

// rehashProject stores the fingerprint of project id as it now is, and
// returns the project as it now is.
func rehashProject(ctx context.Context, tx *sql.Tx, id int64) (projectState, error) {
	s, err := readProjectState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE projects SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

// goalsJSON encodes a project's specific goals for their column.
func goalsJSON(goals []platform.Goal) string {
	if len(goals) == 0 {
		return "[]"
	}
	out := make([]platform.Goal, len(goals))
	for i, g := range goals {
		out[i] = platform.Goal{ID: g.ID, Text: g.Text.Clean()}
	}
	b, _ := json.Marshal(out) // plain strings always marshal
	return string(b)
}

func parseGoals(s string) ([]platform.Goal, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var out []platform.Goal
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("stored goals %q: %w", s, err)
	}
	for i := range out {
		out[i].Text = out[i].Text.Clean()
	}
	return out, nil
}

// outputsJSON encodes outputs for their column.
func outputsJSON(outputs []platform.Output) string {
	if len(outputs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(outputs) // plain strings always marshal
	return string(b)
}

func parseOutputs(s string) ([]platform.Output, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var out []platform.Output
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("stored outputs %q: %w", s, err)
	}
	return out, nil
}

// ListProjects returns the live projects, oldest first, with their counts
// of live activities and of those done.
func (db *DB) ListProjects(ctx context.Context) ([]platform.ProjectSummary, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT p.id, p.title, p.general_goal,
		(SELECT COUNT(*) FROM project_activities a WHERE a.project_id = p.id AND a.deleted_at IS NULL),
		(SELECT COUNT(*) FROM project_activities a WHERE a.project_id = p.id AND a.deleted_at IS NULL AND a.status = $1)
		FROM projects p WHERE p.deleted_at IS NULL ORDER BY p.id`, string(platform.ActivityDone))
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	defer rows.Close()
	var out []platform.ProjectSummary
	for rows.Next() {
		var p platform.ProjectSummary
		var title, goal string
		if err := rows.Scan(&p.ID, &title, &goal, &p.Activities, &p.ActivitiesDone); err != nil {
			return nil, fmt.Errorf("list projects: %w", err)
		}
		if p.Title, err = parseText(title); err != nil {
			return nil, fmt.Errorf("list projects: %w", err)
		}
		if p.GeneralGoal, err = parseText(goal); err != nil {
			return nil, fmt.Errorf("list projects: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return out, nil
}

// CountProjects counts every project row, deleted ones too.
func (db *DB) CountProjects(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM projects`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count projects: %w", err)
	}
	return n, nil
}

// GetProject returns a live project with its live activities (each with
// its tasks and measure) and indicators.
func (db *DB) GetProject(ctx context.Context, id int64) (platform.Project, error) {
	p, err := getProject(ctx, db.read, id)
	if err != nil {
		return p, fmt.Errorf("get project %d: %w", id, err)
	}
	return p, nil
}

func getProject(ctx context.Context, q querier, id int64) (platform.Project, error) {
	s, err := readProjectState(ctx, q, id)
	if err != nil {
		return platform.Project{}, err
	}
	if s.deleted {
		return platform.Project{}, plan.ErrNotFound
	}
	c := s.content
	p := platform.Project{ID: s.id, Title: c.Title, GeneralGoal: c.GeneralGoal, Goals: c.Goals, Description: c.Description, Plan: c.Plan,
		Source: c.Source, SourceURL: c.SourceURL, Version: s.version}
	if p.UpdatedAt, err = parseTime(s.updated); err != nil {
		return p, err
	}
	if p.Activities, err = queryActivities(ctx, q, ` AND a.project_id = $1`+activityOrder, id); err != nil {
		return p, err
	}
	tasks, err := queryTasks(ctx, q, ` AND a.project_id = $1`+taskOrder, id)
	if err != nil {
		return p, err
	}
	for i := range p.Activities {
		for _, t := range tasks {
			if t.ActivityID == p.Activities[i].ID {
				p.Activities[i].Tasks = append(p.Activities[i].Tasks, t)
			}
		}
	}
	p.Indicators, err = queryIndicators(ctx, q, ` AND i.project_id = $1`+indicatorOrder, id)
	return p, err
}

// CreateProject adds a project and records it in the audit log, in one
// transaction, and returns its id.
func (db *DB) CreateProject(ctx context.Context, actor audit.Actor, e platform.ProjectEdit) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.createProject(ctx, tx, actor, e)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create project: %w", err)
	}
	return id, nil
}

func (db *DB) createProject(ctx context.Context, tx *sql.Tx, actor audit.Actor, e platform.ProjectEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fe
	}
	if err := checkProjectPlan(ctx, tx, e.Plan); err != nil {
		return 0, err
	}
	var id int64
	now := formatTime(db.Now())
	err := tx.QueryRowContext(ctx, `INSERT INTO projects (title, general_goal, goals, description, plan_ref, source, source_url, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		textJSON(e.Title), textJSON(e.GeneralGoal), goalsJSON(e.Goals), textJSON(e.Description), e.Plan, e.Source, e.SourceURL, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	after, err := rehashProject(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	return id, db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityProject, id, nil, after.content)
}

// UpdateProject replaces what the form sets on project id when the stored
// version is e.Version. A goal that live activities still serve cannot be
// dropped: it is refused with plan.FieldErrors.
func (db *DB) UpdateProject(ctx context.Context, actor audit.Actor, id int64, e platform.ProjectEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update project %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readProjectState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		// A plan deleted since may stay cited; a new one must exist.
		if e.Plan != before.content.Plan {
			if err := checkProjectPlan(ctx, tx, e.Plan); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT goal FROM project_activities WHERE project_id = $1 AND deleted_at IS NULL AND goal <> ''`, id)
		if err != nil {
			return err
		}
		var used []string
		for rows.Next() {
			var g string
			if err := rows.Scan(&g); err != nil {
				rows.Close()
				return err
			}
			used = append(used, g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, g := range used {
			if (platform.Project{Goals: e.Goals}).GoalText(g) == nil {
				return plan.FieldErrors{"goals": "logframe.goals.in_use"}
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE projects SET title = $1, general_goal = $2, goals = $3, description = $4, plan_ref = $5, source = $6,
			source_url = $7, updated_at = $8, version = version + 1 WHERE id = $9 AND version = $10 AND deleted_at IS NULL`,
			textJSON(e.Title), textJSON(e.GeneralGoal), goalsJSON(e.Goals), textJSON(e.Description), e.Plan, e.Source, e.SourceURL,
			formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashProject(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityProject, id, before.content, after.content)
	})
	return db.projectWriteError(ctx, "update", id, err)
}

// DeleteProject soft-deletes project id when its stored version is
// version; one with live activities is refused with plan.ErrInUse.
func (db *DB) DeleteProject(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readProjectState(ctx, tx, id)
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
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM project_activities WHERE project_id = $1 AND deleted_at IS NULL`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("has %d activities: %w", n, plan.ErrInUse)
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE projects SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityProject, id, before.content)
	})
	return db.projectWriteError(ctx, "delete", id, err)
}

// RestoreProject brings back a soft-deleted project; one that is not
// deleted is plan.ErrNotFound.
func (db *DB) RestoreProject(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE projects SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, err := readProjectState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityProject, id, nil, after.content)
	})
	if err != nil {
		return fmt.Errorf("restore project %d: %w", id, err)
	}
	return nil
}

// projectWriteError wraps the error of a write to project id, turning a
// stale version into a conflict carrying the project as it is now.
func (db *DB) projectWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetProject(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s project %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Project]{Current: current}
	}
	return fmt.Errorf("%s project %d: %w", op, id, err)
}

// checkProjectPlan refuses a project citing a plan the registry does not
// hold: its activities would link to no measure.
func checkProjectPlan(ctx context.Context, tx *sql.Tx, externalID string) error {
	if externalID == "" {
		return nil
	}
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM plans WHERE external_id = $1 AND deleted_at IS NULL`, externalID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"plan": "logframe.plan.unknown"}
	}
	return err
}

// liveProject reads project id within tx for a write to what belongs to
// it, refusing an unknown or deleted one with field errors on field.
func liveProject(ctx context.Context, tx *sql.Tx, id int64, field string) (projectState, error) {
	s, err := readProjectState(ctx, tx, id)
	if errors.Is(err, plan.ErrNotFound) || err == nil && s.deleted {
		return s, plan.FieldErrors{field: "logframe.project.unknown"}
	}
	return s, err
}

// ImportProject writes a whole project, its activities with their tasks
// and its indicators in one transaction, each row with its audit entry.
func (db *DB) ImportProject(ctx context.Context, actor audit.Actor, b platform.ProjectBundle) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = db.createProject(ctx, tx, actor, b.Project); err != nil {
			return err
		}
		for _, a := range b.Activities {
			a.Activity.ProjectID = id
			aid, err := db.createActivity(ctx, tx, actor, a.Activity)
			if err != nil {
				return fmt.Errorf("activity %s: %w", a.Activity.Number, err)
			}
			for i, t := range a.Tasks {
				t.ActivityID = aid
				if _, err := db.createTask(ctx, tx, actor, t); err != nil {
					return fmt.Errorf("activity %s, task %d: %w", a.Activity.Number, i+1, err)
				}
			}
		}
		for i, ind := range b.Indicators {
			ind.ProjectID = id
			if _, err := db.createIndicator(ctx, tx, actor, ind); err != nil {
				return fmt.Errorf("indicator %d: %w", i+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import project: %w", err)
	}
	return id, nil
}

// ProjectIndicatorSources are the computations the platform's own work
// answers: tasks done and activities done, counted over the project's live
// activities.
func (db *DB) ProjectIndicatorSources() []platform.IndicatorSource {
	return []platform.IndicatorSource{
		platform.SourceFunc{Computation: platform.ComputeTasksDone, Func: func(ctx context.Context, projectID int64, _ string) (int64, error) {
			var n int64
			err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM project_tasks t JOIN project_activities a ON a.id = t.activity_id
				WHERE a.project_id = $1 AND t.status = $2 AND t.deleted_at IS NULL AND a.deleted_at IS NULL`,
				projectID, string(platform.TaskDone)).Scan(&n)
			return n, err
		}},
		platform.SourceFunc{Computation: platform.ComputeActivitiesDone, Func: func(ctx context.Context, projectID int64, _ string) (int64, error) {
			var n int64
			err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM project_activities a WHERE a.project_id = $1 AND a.status = $2 AND a.deleted_at IS NULL`,
				projectID, string(platform.ActivityDone)).Scan(&n)
			return n, err
		}},
	}
}

package platform

import (
	"context"

	"ogpp/internal/audit"
)

// ProjectStore keeps the platform's projects, their activities, tasks and
// indicators. The store implements it for SQLite and PostgreSQL. Every
// write checks its input (plan.FieldErrors with message keys), refuses to
// overwrite a newer version (*plan.ConflictError[Project], [Activity],
// [Task] or [Indicator], carrying the row as it now is), and appends its
// audit entry in the same transaction. Deletes are soft: every read skips
// what is deleted, and what belongs to it (the activities of a deleted
// project, the tasks of a deleted activity); Restore brings it back. Unknown
// or deleted ids are plan.ErrNotFound.
type ProjectStore interface {
	// ListProjects returns the live projects, oldest first, with their
	// counts of activities.
	ListProjects(ctx context.Context) ([]ProjectSummary, error)
	// GetProject returns a project with its activities (in the order of
	// their numbers, each with its tasks and the measure its clause names)
	// and its indicators; Recorded values are left for Computations.
	GetProject(ctx context.Context, id int64) (Project, error)
	CreateProject(ctx context.Context, actor audit.Actor, e ProjectEdit) (int64, error)
	UpdateProject(ctx context.Context, actor audit.Actor, id int64, e ProjectEdit) error
	// DeleteProject refuses a project with live activities with
	// plan.ErrInUse: they go first.
	DeleteProject(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreProject(ctx context.Context, actor audit.Actor, id int64) error
	// CountProjects counts every project ever made, deleted ones too: the
	// demo is loaded only into a database that never had one.
	CountProjects(ctx context.Context) (int, error)

	// GetActivity returns an activity with its tasks, its project's title
	// and plan, and the measure its clause names.
	GetActivity(ctx context.Context, id int64) (Activity, error)
	// ListActivities returns every live activity of every live project,
	// by project and number: what appeals, media and events link to.
	ListActivities(ctx context.Context) ([]ActivityRef, error)
	// MeasureActivities returns the live activities serving a measure:
	// those whose project cites the measure's plan and whose clause is the
	// measure's.
	MeasureActivities(ctx context.Context, measureID int64) ([]ActivityRef, error)
	CreateActivity(ctx context.Context, actor audit.Actor, e ActivityEdit) (int64, error)
	// UpdateActivity keeps the activity in its project: an edit naming
	// another is refused with plan.FieldErrors.
	UpdateActivity(ctx context.Context, actor audit.Actor, id int64, e ActivityEdit) error
	// DeleteActivity hides the activity with its tasks.
	DeleteActivity(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreActivity(ctx context.Context, actor audit.Actor, id int64) error

	GetTask(ctx context.Context, id int64) (Task, error)
	// CreateTask adds a task at the end of its activity's checklist.
	CreateTask(ctx context.Context, actor audit.Actor, e TaskEdit) (int64, error)
	UpdateTask(ctx context.Context, actor audit.Actor, id int64, e TaskEdit) error
	// CompleteTask marks a task done and changes nothing else: what an
	// assignee may do to their own task.
	CompleteTask(ctx context.Context, actor audit.Actor, id int64, version int) error
	DeleteTask(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreTask(ctx context.Context, actor audit.Actor, id int64) error
	// ListAssignees returns the users tasks can be assigned to (every
	// account that is not disabled), by name.
	ListAssignees(ctx context.Context) ([]Assignee, error)

	GetIndicator(ctx context.Context, id int64) (Indicator, error)
	// CreateIndicator adds an indicator after the project's others.
	CreateIndicator(ctx context.Context, actor audit.Actor, e IndicatorEdit) (int64, error)
	UpdateIndicator(ctx context.Context, actor audit.Actor, id int64, e IndicatorEdit) error
	DeleteIndicator(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreIndicator(ctx context.Context, actor audit.Actor, id int64) error

	// ImportProject writes a whole project in one transaction, each row
	// with its audit entry, and returns the project's id; any invalid part
	// refuses the whole with plan.FieldErrors naming it.
	ImportProject(ctx context.Context, actor audit.Actor, b ProjectBundle) (int64, error)
}

package platform

import (
	"slices"
	"strings"
	"time"

	"ogpp/internal/plan"
)

// Activity is one of a project's activities: the work done under a clause
// of the national action plan, with the tasks it was broken into and what
// it produced.
type Activity struct {
	ID        int64
	ProjectID int64
	// ProjectTitle and ProjectPlan are the project's, for pages that show
	// an activity on its own.
	ProjectTitle plan.Text
	ProjectPlan  string
	// Number is the activity's number in the project, as written: "3".
	Number string
	Title  plan.Text
	// Clause is the clause of the national action plan the activity
	// serves, as the plan numbers it: "4.1.2", "7".
	Clause string
	// MeasureID is the registry's measure with that clause in the
	// project's plan, found when read; 0 when the registry has none.
	MeasureID int64
	// Goal is the letter of the specific goal the activity serves, "" for
	// none.
	Goal   string
	Status ActivityStatus
	// Description is markdown in each language.
	Description plan.Text
	Outputs     []Output
	// Tasks are filled by reads of one activity or one project, in order.
	Tasks     []Task
	Version   int
	UpdatedAt time.Time
}

// TasksDone counts the activity's tasks that are done.
func (a Activity) TasksDone() int {
	n := 0
	for _, t := range a.Tasks {
		if t.Status == TaskDone {
			n++
		}
	}
	return n
}

// OverdueTasks counts the activity's tasks past their due date on today
// and not done.
func (a Activity) OverdueTasks(today plan.Date) int {
	n := 0
	for _, t := range a.Tasks {
		if t.Overdue(today) {
			n++
		}
	}
	return n
}

// ActivityRef names an activity for lists elsewhere: the activities serving
// a measure, the activity an appeal or a media item belongs to.
type ActivityRef struct {
	ID           int64
	ProjectID    int64
	ProjectTitle plan.Text
	Number       string
	Title        plan.Text
	Clause       string
	Status       ActivityStatus
}

// ActivityStatus is where an activity stands.
type ActivityStatus string

// The statuses of an activity.
const (
	ActivityPlanned    ActivityStatus = "planned"
	ActivityInProgress ActivityStatus = "in_progress"
	ActivityDone       ActivityStatus = "done"
	ActivityCancelled  ActivityStatus = "cancelled"
)

// ActivityStatuses lists the statuses as forms offer them.
var ActivityStatuses = []ActivityStatus{ActivityPlanned, ActivityInProgress, ActivityDone, ActivityCancelled}

// Valid reports whether s is one of ActivityStatuses.
func (s ActivityStatus) Valid() bool { return slices.Contains(ActivityStatuses, s) }

// ActivityEdit is what a coordinator's form sets on an activity. Tasks are
// edited apart and are kept as they are. Version is as for ProjectEdit.
type ActivityEdit struct {
	ProjectID   int64
	Number      string
	Title       plan.Text
	Clause      string
	Goal        string
	Status      ActivityStatus
	Description plan.Text
	Outputs     []Output
	Version     int
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the project exists, has the goal, and has no other
// activity with the number.
func (e *ActivityEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Number = strings.TrimSpace(e.Number)
	e.Clause = strings.TrimSpace(e.Clause)
	e.Goal = strings.TrimSpace(e.Goal)
	e.Title, e.Description = logframeTrimText(e.Title), logframeTrimText(e.Description)
	if e.ProjectID <= 0 {
		fe["project"] = "logframe.project.required"
	}
	if e.Number == "" {
		fe["number"] = "logframe.number.required"
	}
	logframeCheckString(fe, "number", e.Number, logframeMaxShort)
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	logframeCheckText(fe, "title", e.Title, logframeMaxShort)
	logframeCheckString(fe, "clause", e.Clause, logframeMaxShort)
	logframeCheckString(fe, "goal", e.Goal, logframeMaxGoalID)
	if e.Status == "" {
		e.Status = ActivityPlanned
	}
	if !e.Status.Valid() {
		fe["status"] = "logframe.status.invalid"
	}
	logframeCheckText(fe, "description", e.Description, logframeMaxLong)
	e.Outputs = tidyOutputs(fe, e.Outputs)
	return fe
}

// Task is an item of an activity's checklist.
type Task struct {
	ID         int64
	ActivityID int64
	// Position orders the checklist; new tasks go last.
	Position int
	Title    plan.Text
	Status   TaskStatus
	// AssigneeID is the user the task is assigned to, 0 for none;
	// AssigneeName is that user's name as it now is, or the name of a
	// person without an account, typed in.
	AssigneeID   int64
	AssigneeName string
	// Due is the day the task should be done by; nil for none.
	Due       *plan.Date
	Outputs   []Output
	Version   int
	UpdatedAt time.Time
}

// Overdue reports whether the task is past its due date on today and not
// done. The day is given, never read from the clock, so that pages and
// tests agree on what "today" is.
func (t Task) Overdue(today plan.Date) bool {
	return t.Status != TaskDone && t.Due != nil && t.Due.Before(today)
}

// Assigned reports whether the task has an assignee, a user or a name.
func (t Task) Assigned() bool { return t.AssigneeID != 0 || t.AssigneeName != "" }

// TaskStatus is where a task stands.
type TaskStatus string

// The statuses of a task.
const (
	TaskTodo  TaskStatus = "todo"
	TaskDoing TaskStatus = "doing"
	TaskDone  TaskStatus = "done"
)

// TaskStatuses lists the statuses as forms offer them.
var TaskStatuses = []TaskStatus{TaskTodo, TaskDoing, TaskDone}

// Valid reports whether s is one of TaskStatuses.
func (s TaskStatus) Valid() bool { return slices.Contains(TaskStatuses, s) }

// TaskEdit is what a coordinator's form sets on a task. Due is the date as
// typed (YYYY-MM-DD, or empty for none); an assignee is a user or a name,
// not both. Version is as for ProjectEdit.
type TaskEdit struct {
	ActivityID   int64
	Title        plan.Text
	Status       TaskStatus
	AssigneeID   int64
	AssigneeName string
	Due          string
	Outputs      []Output
	Version      int
}

// Validate tidies e and checks what can be checked without the database;
// the store checks that the activity and the assignee exist.
func (e *TaskEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title = logframeTrimText(e.Title)
	e.AssigneeName = strings.Join(strings.Fields(e.AssigneeName), " ")
	e.Due = strings.TrimSpace(e.Due)
	if e.ActivityID <= 0 {
		fe["activity"] = "logframe.activity.required"
	}
	if e.Title.IsEmpty() {
		fe["title"] = "edit.title.required"
	}
	logframeCheckText(fe, "title", e.Title, logframeMaxShort)
	if e.Status == "" {
		e.Status = TaskTodo
	}
	if !e.Status.Valid() {
		fe["status"] = "logframe.status.invalid"
	}
	switch {
	case e.AssigneeID < 0:
		fe["assignee"] = "logframe.assignee.unknown"
	case e.AssigneeID > 0 && e.AssigneeName != "":
		fe["assignee"] = "logframe.assignee.both"
	default:
		logframeCheckString(fe, "assignee", e.AssigneeName, logframeMaxShort)
	}
	if e.Due != "" {
		if _, err := plan.ParseDate(e.Due); err != nil {
			fe["due"] = "logframe.due.invalid"
		}
	}
	e.Outputs = tidyOutputs(fe, e.Outputs)
	return fe
}

// DueDate returns the due date Due gives, nil for none; call it after
// Validate.
func (e *TaskEdit) DueDate() *plan.Date {
	if e.Due == "" {
		return nil
	}
	d, err := plan.ParseDate(e.Due)
	if err != nil {
		return nil
	}
	return &d
}

// Assignee is someone a task can be assigned to: a user with an account.
type Assignee struct {
	ID   int64
	Name string
}

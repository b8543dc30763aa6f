package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// taskFieldOrder is the task form's field order, for the error summary.
var taskFieldOrder = []string{"title", "status", "assignee", "due", "outputs"}

// taskForm is what the task form shows.
type taskForm struct {
	formView
	New       bool
	TaskID    int64
	Activity  platform.Activity
	Statuses  []platform.TaskStatus
	Assignees []platform.Assignee
	Outputs   []outputRow
	Kinds     []platform.OutputKind
	Conflict  *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f taskForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// Selected reports whether the assignee select shows user id chosen.
func (f taskForm) Selected(id int64) bool {
	return f.formView.Values["assignee"] == strconv.FormatInt(id, 10)
}

// taskFormValues turns a stored task into form values; a user assignee is
// chosen in the list, a name typed in stays typed.
func taskFormValues(t platform.Task) map[string]string {
	v := map[string]string{"status": string(t.Status), "version": strconv.Itoa(t.Version)}
	if t.AssigneeID != 0 {
		v["assignee"] = strconv.FormatInt(t.AssigneeID, 10)
	} else {
		v["assignee_name"] = t.AssigneeName
	}
	if t.Due != nil {
		v["due"] = t.Due.String()
	}
	putText(v, "title", t.Title)
	putOutputs(v, t.Outputs)
	return v
}

// taskEdit reads a posted task form for an activity. An assignee that is
// not a number reads as an unknown user, which the domain refuses.
func taskEdit(form url.Values, activityID int64) (platform.TaskEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "status", "assignee", "assignee_name", "due", "version")
	keepText(form, v, "title")
	keepOutputs(form, v)
	assignee, ok := formInt(form, "assignee")
	if !ok {
		assignee = -1
	}
	return platform.TaskEdit{ActivityID: activityID, Title: formText(form, "title"), Status: platform.TaskStatus(form.Get("status")),
		AssigneeID: assignee, AssigneeName: form.Get("assignee_name"), Due: form.Get("due"), Outputs: formOutputs(form),
		Version: postedFormVersion(form)}, v
}

// newTaskPage shows an empty task form for an activity.
func (s *Server) newTaskPage(w http.ResponseWriter, r *http.Request) {
	a, ok := s.activityFor(w, r)
	if !ok {
		return
	}
	s.renderTaskForm(w, r, http.StatusOK, taskForm{New: true, Activity: a, formView: formView{Values: map[string]string{"status": string(platform.TaskTodo)}}})
}

// createTask adds the posted task to the activity's checklist and goes
// back to the activity.
func (s *Server) createTask(w http.ResponseWriter, r *http.Request) {
	a, ok := s.activityFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := taskEdit(r.PostForm, a.ID)
	f := taskForm{New: true, Activity: a, formView: formView{Values: v}}
	id, err := s.projects.CreateTask(r.Context(), s.actorOf(r), e)
	answerSave[platform.Task](s, w, r, err, "/activities/"+strconv.FormatInt(a.ID, 10)+"?done=created#task-"+strconv.FormatInt(id, 10),
		func(fe plan.FieldErrors) { s.refuseTask(w, r, f, fe) }, nil)
}

// editTaskPage shows a task's form with its stored values.
func (s *Server) editTaskPage(w http.ResponseWriter, r *http.Request) {
	t, a, ok := s.taskAndActivity(w, r)
	if !ok {
		return
	}
	s.renderTaskForm(w, r, http.StatusOK, taskForm{TaskID: t.ID, Activity: a, formView: formView{Values: taskFormValues(t)}})
}

// updateTask saves the posted form over the task unless someone saved it
// meanwhile.
func (s *Server) updateTask(w http.ResponseWriter, r *http.Request) {
	t, a, ok := s.taskAndActivity(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v := taskEdit(r.PostForm, a.ID)
	f := taskForm{TaskID: t.ID, Activity: a, formView: formView{Values: v}}
	err := s.projects.UpdateTask(r.Context(), s.actorOf(r), t.ID, e)
	answerSave(s, w, r, err, "/activities/"+strconv.FormatInt(a.ID, 10)+"?done=saved#task-"+strconv.FormatInt(t.ID, 10),
		func(fe plan.FieldErrors) { s.refuseTask(w, r, f, fe) },
		func(current platform.Task) {
			f.Conflict = s.taskConflict(r.Context(), locale{Lang: langOf(r)}, current, v)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderTaskForm(w, r, http.StatusConflict, f)
		})
}

// taskAndActivity reads the task a path names and its activity.
func (s *Server) taskAndActivity(w http.ResponseWriter, r *http.Request) (platform.Task, platform.Activity, bool) {
	t, ok := s.taskFor(w, r)
	if !ok {
		return t, platform.Activity{}, false
	}
	a, err := s.projects.GetActivity(r.Context(), t.ActivityID)
	return t, a, s.logframeFound(w, r, err)
}

// taskConflict compares the stored task with the form.
func (s *Server) taskConflict(ctx context.Context, l locale, current platform.Task, yours map[string]string) *conflictView {
	labels := map[string]string{"status": l.T("logframe.status"), "assignee": l.T("logframe.task.assignee"),
		"assignee_name": l.T("logframe.task.assignee_name"), "due": l.T("logframe.task.due")}
	textLabels(l, labels, map[string]string{"title": l.T("edit.measure.title")})
	order := append(textOrder("title"), "status", "assignee", "assignee_name", "due")
	for i := range logframeMaxFormRows {
		row := outputRow{N: i}
		for _, part := range []string{"title", "url"} {
			labels[row.Name(part)] = l.T("logframe.output.row", i+1) + ": " + l.T("logframe.output."+part)
			order = append(order, row.Name(part))
		}
	}
	readable := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		if st := v["status"]; st != "" {
			out["status"] = l.T("logframe.task.status." + st)
		}
		if v["assignee"] == strconv.FormatInt(current.AssigneeID, 10) && current.AssigneeID != 0 {
			out["assignee"] = current.AssigneeName
		}
		return out
	}
	c := &conflictView{Changes: compareForms(order, labels, readable(taskFormValues(current)), readable(yours))}
	c.By, c.At = s.lastChange(ctx, platform.EntityTask, current.ID)
	return c
}

func (s *Server) refuseTask(w http.ResponseWriter, r *http.Request, f taskForm, fe plan.FieldErrors) {
	f.Errors = logframeRefuse(locale{Lang: langOf(r)}, fe, taskFieldOrder, "title")
	s.renderTaskForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderTaskForm(w http.ResponseWriter, r *http.Request, status int, f taskForm) {
	l := locale{Lang: langOf(r)}
	assignees, err := s.projects.ListAssignees(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f.Assignees, f.Statuses, f.Kinds = assignees, platform.TaskStatuses, platform.OutputKinds
	f.Outputs = outputRows(f.formView.Values)
	aid := strconv.FormatInt(f.Activity.ID, 10)
	crumbs := []crumb{{l.T("logframe.projects.title"), "/projects"},
		{l.Plain(f.Activity.ProjectTitle), "/projects/" + strconv.FormatInt(f.Activity.ProjectID, 10)},
		{l.T("logframe.activity.heading", f.Activity.Number, l.Plain(f.Activity.Title)), "/activities/" + aid}}
	title := l.T("logframe.task.new")
	f.Action = "/activities/" + aid + "/tasks/new"
	if !f.New {
		title = l.T("logframe.task.edit")
		f.Action = "/tasks/" + strconv.FormatInt(f.TaskID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "task_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// deleteTaskPage asks whether to delete a task.
func (s *Server) deleteTaskPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.taskFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, taskDeleteView(t, locale{Lang: langOf(r)}))
}

// deleteTask soft-deletes a task and goes back to its activity.
func (s *Server) deleteTask(w http.ResponseWriter, r *http.Request) {
	t, ok := s.taskFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.projects.DeleteTask(r.Context(), s.actorOf(r), t.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/activities/"+strconv.FormatInt(t.ActivityID, 10)+"?done=deleted",
		func(x platform.Task) deleteView { return taskDeleteView(x, l) }, t, "")
}

func taskDeleteView(t platform.Task, l locale) deleteView {
	return deleteView{Action: "/tasks/" + strconv.FormatInt(t.ID, 10) + "/delete", Kind: "task", Name: l.Plain(t.Title), Version: t.Version,
		Cancel: "/activities/" + strconv.FormatInt(t.ActivityID, 10)}
}

// taskAssignee tells the policy whom the task in the path is assigned to,
// so that an assignee may complete their own task and no other.
func (s *Server) taskAssignee(r *http.Request) (access.Resource, error) {
	if s.projects == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return access.Resource{}, plan.ErrNotFound
	}
	t, err := s.projects.GetTask(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{AssigneeID: t.AssigneeID}, nil
}

// completeTask marks a task done and goes back to its activity, saying
// so; a task saved by someone else since the page was shown is left as it
// is, and the activity page says why.
func (s *Server) completeTask(w http.ResponseWriter, r *http.Request) {
	t, ok := s.taskFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	back := "/activities/" + strconv.FormatInt(t.ActivityID, 10)
	err := s.projects.CompleteTask(r.Context(), s.actorOf(r), t.ID, postedVersion(r))
	switch {
	case errors.Is(err, plan.ErrConflict):
		http.Redirect(w, r, back+"?done=task_changed#task-"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		http.Redirect(w, r, back+"?done=task_done#task-"+strconv.FormatInt(t.ID, 10), http.StatusSeeOther)
	}
}

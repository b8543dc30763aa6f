package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// projectMatrixSample names what the project routes of the route × role
// matrix act on: a project citing the fixture's plan, an activity of its
// clause 4.1.3, a task of it assigned to the matrix's user (id 1, so that
// the monitor and the member may complete it) and an indicator.
type projectMatrixSample struct {
	Project, Activity, Task, Indicator string
}

var (
	projectSamplesMu sync.Mutex
	projectSamples   = map[*store.DB]projectMatrixSample{}
)

// projectSample makes the matrix's project sample once per database, and
// gives the matrix's server the projects store it was built without.
func projectSample(t *testing.T, s *Server, db *store.DB) projectMatrixSample {
	t.Helper()
	projectSamplesMu.Lock()
	defer projectSamplesMu.Unlock()
	if s.projects == nil {
		s.projects = db
	}
	if p, ok := projectSamples[db]; ok {
		return p
	}
	w := seedLogframe(t, db, 1)
	sample := projectMatrixSample{Project: itoa(w.project), Activity: itoa(w.activity), Task: itoa(w.assigned), Indicator: itoa(w.indicator)}
	projectSamples[db] = sample
	return sample
}

// logframeWorld is a project citing the fixture's plan, as seedLogframe
// makes it.
type logframeWorld struct {
	project, activity, indicator int64
	// assigned is a task assigned to a user, due 2017-03-01; named to one
	// assigned by name, due later; done is done.
	assigned, named, done int64
	measure               int64 // the fixture's 4.1.3, which the activity serves
}

// seedLogframe writes a project with goals A and B, an activity of clause
// 4.1.3 serving goal A with three tasks (the first assigned to user
// assignee), and an indicator reported 462 and computed as participants.
func seedLogframe(t *testing.T, db *store.DB, assignee int64) logframeWorld {
	t.Helper()
	ctx := context.Background()
	by := audit.System("test")
	var w logframeWorld
	var err error
	w.project, err = db.CreateProject(ctx, by, platform.ProjectEdit{Title: plan.Text{"en": "Accelerating OGP", "az": "AHT-nin sürətləndirilməsi"},
		GeneralGoal: plan.Text{"en": "Accelerate the development of OGP"},
		Goals:       []platform.Goal{{ID: "A", Text: plan.Text{"en": "Institutional capacity"}}, {ID: "B", Text: plan.Text{"en": "Monitoring the plan"}}},
		Plan:        "AZ-NAP-TEST", Source: "the project's report", SourceURL: "https://example.org/ogpp"})
	if err != nil {
		t.Fatal(err)
	}
	w.activity, err = db.CreateActivity(ctx, by, platform.ActivityEdit{ProjectID: w.project, Number: "3", Title: plan.Text{"en": "Package of proposals"},
		Clause: "4.1.3", Goal: "A", Status: platform.ActivityInProgress, Description: plan.Text{"en": "Drafted by an **expert group**."},
		Outputs: []platform.Output{{Kind: platform.OutputDocument, Title: "Proposal package", URL: "https://example.org/package.pdf"}}})
	if err != nil {
		t.Fatal(err)
	}
	if w.assigned, err = db.CreateTask(ctx, by, platform.TaskEdit{ActivityID: w.activity, Title: plan.Text{"en": "Form an expert group"},
		AssigneeID: assignee, Due: "2017-03-01"}); err != nil {
		t.Fatal(err)
	}
	if w.named, err = db.CreateTask(ctx, by, platform.TaskEdit{ActivityID: w.activity, Title: plan.Text{"en": "Draft the package"},
		AssigneeName: "Elnur Quliyev", Due: "2017-09-01", Status: platform.TaskDoing}); err != nil {
		t.Fatal(err)
	}
	if w.done, err = db.CreateTask(ctx, by, platform.TaskEdit{ActivityID: w.activity, Title: plan.Text{"en": "Approve it at a meeting"},
		Status: platform.TaskDone, Outputs: []platform.Output{{Kind: platform.OutputLink, Title: "Minutes", URL: "https://example.org/minutes"}}}); err != nil {
		t.Fatal(err)
	}
	if w.indicator, err = db.CreateIndicator(ctx, by, platform.IndicatorEdit{ProjectID: w.project, Name: plan.Text{"en": "Participants"},
		Reported: "462", ReportedSource: "the project's report", Computation: platform.ComputeParticipants}); err != nil {
		t.Fatal(err)
	}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{Q: "4.1.3"})
	if err != nil || len(ms.Items) != 1 {
		t.Fatalf("measure 4.1.3 = %+v, %v", ms.Items, err)
	}
	w.measure = ms.Items[0].ID
	return w
}

// projectServer serves the fixture and projects to whomever *who points
// at, on 1 June 2017 in Baku, with participants counted by a source that
// has recorded none yet.
func projectServer(t *testing.T, db *store.DB, who *access.Subject) *Server {
	t.Helper()
	s := newTestServerWith(t, db, func(*http.Request) access.Subject { return *who })
	s.projects = db
	s.indicators = platform.NewComputations(append(db.ProjectIndicatorSources(), platform.SourceFunc{Computation: platform.ComputeParticipants,
		Func: func(context.Context, int64, string) (int64, error) { return 0, nil }})...)
	s.now = func() time.Time { return time.Date(2017, 5, 31, 21, 0, 0, 0, time.UTC) } // 1 June in Baku
	return s
}

func wantIn(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func wantNotIn(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s shows %q", what, w)
		}
	}
}

// The logframe page shows each goal with its activities, and the
// indicators' reported and recorded values side by side.
func TestLogframePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var who access.Subject
		s := projectServer(t, db, &who)
		uid, err := db.CreateUser(context.Background(), account.User{Email: "nigar@example.org", Name: "Nigar Hüseynova", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		w := seedLogframe(t, db, uid)
		status, body, _ := get(t, s, "/projects?lang=en")
		if status != 200 {
			t.Fatalf("projects: %d", status)
		}
		wantIn(t, "projects", body, `href="/projects/`+itoa(w.project)+`">Accelerating OGP</a>`, "0 of 1 done")
		status, body, _ = get(t, s, "/projects/"+itoa(w.project)+"?lang=en")
		if status != 200 {
			t.Fatalf("project: %d\n%s", status, body)
		}
		wantIn(t, "logframe", body, "Accelerate the development of OGP", "Institutional capacity", "Monitoring the plan",
			`href="/activities/`+itoa(w.activity)+`">Package of proposals</a>`, `href="/measures/`+itoa(w.measure)+`">4.1.3</a>`,
			"reported 462, recorded 0", "reported: the project&#39;s report", "1 of 3 done", "1 task overdue", "No activity serves this goal yet.",
			`href="https://example.org/ogpp"`)
		wantNotIn(t, "the public's logframe", body, "/edit", "/delete", "Add an activity", "Nigar", "Elnur")

		// Without a source that computes it, only the reported value shows.
		s.indicators = platform.NewComputations()
		_, body, _ = get(t, s, "/projects/"+itoa(w.project)+"?lang=en")
		wantIn(t, "logframe without sources", body, "reported 462</td>", "to be recorded: Participants of events")
		wantNotIn(t, "logframe without sources", body, "recorded 0")

		_, body, _ = get(t, s, "/projects/"+itoa(w.project)+"?lang=az")
		wantIn(t, "Azerbaijani logframe", body, "hesabata görə 462", "AHT-nin sürətləndirilməsi")
		_, body, _ = get(t, s, "/projects/"+itoa(w.project)+"?lang=ru")
		wantIn(t, "Russian logframe", body, "по отчёту 462", "1 задача просрочена")

		who = coordinator
		_, body, _ = get(t, s, "/projects/"+itoa(w.project)+"?lang=en")
		wantIn(t, "the coordinator's logframe", body, `href="/projects/`+itoa(w.project)+`/edit"`, `href="/indicators/`+itoa(w.indicator)+`/edit"`,
			"Add an activity", "Add an indicator")
		if status, _, _ := get(t, s, "/projects/999999"); status != 404 {
			t.Errorf("unknown project: %d", status)
		}
	})
}

// An activity shows the clause it serves, linked to the registry's
// measure, what was done and its materials; the measure lists the
// activities serving it. The public sees no assignee; the assignee and
// coordinators do, and the assignee completes their own task only.
func TestActivityServesMeasure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var who access.Subject
		s := projectServer(t, db, &who)
		uid, err := db.CreateUser(ctx, account.User{Email: "nigar@example.org", Name: "Nigar Hüseynova", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		w := seedLogframe(t, db, uid)
		target := "/activities/" + itoa(w.activity) + "?lang=en"
		status, body, _ := get(t, s, target)
		if status != 200 {
			t.Fatalf("activity: %d\n%s", status, body)
		}
		wantIn(t, "activity", body, "Activity 3. Package of proposals", `href="/measures/`+itoa(w.measure)+`"`, "Support for the transparency platform",
			"Institutional capacity", "Drafted by an <strong>expert group</strong>.", "Form an expert group", "due 1 March 2017", "Overdue",
			`href="https://example.org/package.pdf"`, `href="https://example.org/minutes"`, "In progress")
		// The public sees what was done, not who was asked to do it.
		wantNotIn(t, "the public's activity", body, "Nigar", "nigar@example.org", "Elnur", "assigned to", "Mark as done", "/tasks/")

		// Before the due date nothing is overdue.
		s.now = func() time.Time { return time.Date(2017, 2, 1, 12, 0, 0, 0, time.UTC) }
		_, body, _ = get(t, s, target)
		wantNotIn(t, "activity in February", body, "Overdue")

		status, body, _ = get(t, s, "/measures/"+itoa(w.measure)+"?lang=en")
		if status != 200 {
			t.Fatalf("measure: %d", status)
		}
		wantIn(t, "measure", body, "The platform&#39;s activities serving this measure", `href="/activities/`+itoa(w.activity)+`">Activity 3. Package of proposals</a>`)
		m, _ := db.GetMeasure(ctx, "AZ0038")
		_, body, _ = get(t, s, "/measures/"+itoa(m.ID)+"?lang=en")
		wantNotIn(t, "another measure", body, "activities serving this measure")

		// The assignee sees their own task's assignee and completes it; not another's.
		me := &account.User{ID: uid, Name: "Nigar Hüseynova", Email: "nigar@example.org", Role: account.RoleMonitor}
		who = access.Subject{User: me}
		_, body, _ = get(t, s, target)
		wantIn(t, "the assignee's activity", body, "assigned to Nigar Hüseynova", `action="/tasks/`+itoa(w.assigned)+`/done"`)
		wantNotIn(t, "the assignee's activity", body, "Elnur", `action="/tasks/`+itoa(w.named)+`/done"`, "/edit")
		if rec := send(s, http.MethodPost, "/tasks/"+itoa(w.named)+"/done", url.Values{"version": {"1"}}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("completing another's task: %d", rec.Code)
		}
		rec := send(s, http.MethodPost, "/tasks/"+itoa(w.assigned)+"/done", url.Values{"version": {"1"}}, nil)
		if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "done=task_done") {
			t.Fatalf("completing one's task: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		if task, _ := db.GetTask(ctx, w.assigned); task.Status != platform.TaskDone {
			t.Errorf("task = %+v", task)
		}
		// The same form again is stale: nothing changes, the page says why.
		rec = send(s, http.MethodPost, "/tasks/"+itoa(w.assigned)+"/done", url.Values{"version": {"1"}}, nil)
		if !strings.Contains(rec.Header().Get("Location"), "done=task_changed") {
			t.Errorf("stale completion: %d %s", rec.Code, rec.Header().Get("Location"))
		}
		// A member who is not the assignee may not.
		who = access.Subject{User: &account.User{ID: uid + 1, Role: account.RoleMember}}
		if rec := send(s, http.MethodPost, "/tasks/"+itoa(w.named)+"/done", url.Values{"version": {"1"}}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("a member completing a task not theirs: %d", rec.Code)
		}

		who = coordinator
		_, body, _ = get(t, s, target)
		wantIn(t, "the coordinator's activity", body, "assigned to Nigar Hüseynova", "assigned to Elnur Quliyev", `action="/tasks/`+itoa(w.named)+`/done"`,
			`href="/tasks/`+itoa(w.named)+`/edit"`, "Add a task")

		// An activity of a clause the registry lacks says so.
		a, _ := db.GetActivity(ctx, w.activity)
		if err := db.UpdateActivity(ctx, audit.System("test"), w.activity, platform.ActivityEdit{ProjectID: w.project, Number: "3", Title: a.Title,
			Clause: "9.9", Version: a.Version}); err != nil {
			t.Fatal(err)
		}
		_, body, _ = get(t, s, target)
		wantIn(t, "an activity of an unknown clause", body, "9.9", "(this clause is not in the registry)")
	})
}

// A task form with a bad date, a bad link and a user and a name at once
// comes back with everything typed and a message beside each field.
func TestTaskFormKeepsInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := coordinator
		s := projectServer(t, db, &who)
		uid, err := db.CreateUser(context.Background(), account.User{Email: "nigar@example.org", Name: "Nigar Hüseynova", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		w := seedLogframe(t, db, 0)
		target := "/activities/" + itoa(w.activity) + "/tasks/new?lang=en"
		status, body, _ := get(t, s, target)
		if status != 200 {
			t.Fatalf("new task: %d", status)
		}
		wantIn(t, "task form", body, `<option value="`+itoa(uid)+`">Nigar Hüseynova</option>`, `name="output.0.url"`, `type="date"`)
		form := url.Values{"title.en": {"Present the package"}, "title.az": {"Paketin təqdimatı"}, "status": {"doing"}, "assignee": {itoa(uid)},
			"assignee_name": {"Aysel Məmmədova"}, "due": {"2017-02-30"}, "output.0.kind": {"link"}, "output.0.title": {"Video"},
			"output.0.url": {"javascript:alert(1)"}}
		rec := send(s, http.MethodPost, target, form, nil)
		body = rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("refused task: %d\n%s", rec.Code, body)
		}
		wantIn(t, "refused task", body, `href="#assignee">Choose a user or type a name, not both.`, `href="#due">Enter a real date`,
			`href="#output-0-url">Enter full web addresses`, `value="Present the package"`, `value="Paketin təqdimatı"`, `value="2017-02-30"`,
			`value="Aysel Məmmədova"`, `value="Video"`, `value="javascript:alert(1)"`, `<option value="`+itoa(uid)+`" selected>`,
			`<option value="doing" selected>`, "Error: New task")
		if a, _ := db.GetActivity(context.Background(), w.activity); len(a.Tasks) != 3 {
			t.Fatalf("a refused task was saved: %d tasks", len(a.Tasks))
		}
		form.Set("due", "2017-02-28")
		form.Del("assignee_name")
		form.Set("output.0.url", "https://example.org/video")
		rec = send(s, http.MethodPost, target, form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("task: %d\n%s", rec.Code, rec.Body.String())
		}
		a, _ := db.GetActivity(context.Background(), w.activity)
		if len(a.Tasks) != 4 || a.Tasks[3].AssigneeID != uid || a.Tasks[3].Due.String() != "2017-02-28" || a.Tasks[3].Outputs[0].Title != "Video" {
			t.Errorf("saved task = %+v", a.Tasks[3])
		}

		// The edit form carries the version; a stale one shows what changed.
		id := itoa(a.Tasks[3].ID)
		_, body, _ = get(t, s, "/tasks/"+id+"/edit?lang=en")
		version := hiddenVersion(t, body)
		form.Set("status", "done")
		form.Set("version", version)
		if rec := send(s, http.MethodPost, "/tasks/"+id+"/edit", form, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("edit task: %d\n%s", rec.Code, rec.Body.String())
		}
		form.Set("status", "todo")
		rec = send(s, http.MethodPost, "/tasks/"+id+"/edit?lang=en", form, nil)
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale task edit: %d", rec.Code)
		}
		wantIn(t, "conflict", rec.Body.String(), "Status", "Done", "To do", `name="version" value="2"`)

		// Deleting asks first; the form deletes.
		status, body, _ = get(t, s, "/tasks/"+id+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "Delete this task?") || !strings.Contains(body, `action="/tasks/`+id+`/delete"`) {
			t.Fatalf("delete page: %d\n%s", status, body)
		}
		if rec := send(s, http.MethodPost, "/tasks/"+id+"/delete", url.Values{"version": {"2"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete: %d", rec.Code)
		}
		if _, err := db.GetTask(context.Background(), a.Tasks[3].ID); err == nil {
			t.Error("the task is still there")
		}
	})
}

// Coordinators build a logframe through the forms: a project with goals,
// an activity serving one of them, an indicator typed in with digit
// groups. Refused input comes back with messages; deletes ask first.
func TestLogframeForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := projectServer(t, db, &who)

		rec := send(s, http.MethodPost, "/projects/new?lang=en", url.Values{"goal.0.id": {"A"}, "source_url": {"ftp://x"}, "plan": {"NO-SUCH-PLAN"}}, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("refused project: %d", rec.Code)
		}
		wantIn(t, "refused project", body, `href="#title-az">Enter the title in at least one language.`, `href="#goal-0-id">Write the text of each specific goal.`,
			`href="#source_url">`, `value="A"`)
		form := url.Values{"title.en": {"Monitoring 2018"}, "goal.0.id": {"A"}, "goal.0.text.en": {"Monitor the plan"}, "goal.1.id": {"B"},
			"goal.1.text.az": {"Məlumatlandırma"}, "plan": {"NO-SUCH-PLAN"}}
		rec = send(s, http.MethodPost, "/projects/new?lang=en", form, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "The registry has no plan with this id.") {
			t.Fatalf("unknown plan: %d", rec.Code)
		}
		form.Set("plan", "AZ-NAP-TEST")
		rec = send(s, http.MethodPost, "/projects/new", form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create project: %d\n%s", rec.Code, rec.Body.String())
		}
		pid := strings.TrimSuffix(strings.TrimPrefix(rec.Header().Get("Location"), "/projects/"), "?done=created")
		status, body, _ := get(t, s, "/projects/"+pid+"/edit?lang=en")
		if status != 200 {
			t.Fatalf("edit project: %d", status)
		}
		wantIn(t, "project form", body, `>Monitor the plan</textarea>`, `>Məlumatlandırma</textarea>`, `name="goal.2.id"`, `name="version" value="1"`)

		// An activity of an unknown goal and a taken number is refused.
		list, _ := db.ListProjects(ctx)
		p, _ := db.GetProject(ctx, list[0].ID)
		target := "/projects/" + pid + "/activities/new?lang=en"
		_, body, _ = get(t, s, target)
		wantIn(t, "activity form", body, `<option value="A">A. Monitor the plan</option>`, `name="number" type="text" autocomplete="off" value="1"`)
		act := url.Values{"number": {"1"}, "title.en": {"Round tables"}, "clause": {"4.1.3"}, "goal": {"Z"}, "status": {"done"}}
		rec = send(s, http.MethodPost, target, act, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `href="#goal">Choose one of the project&#39;s specific goals.`) {
			t.Fatalf("refused activity: %d\n%s", rec.Code, rec.Body.String())
		}
		act.Set("goal", "B")
		if rec := send(s, http.MethodPost, target, act, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("create activity: %d\n%s", rec.Code, rec.Body.String())
		}
		rec = send(s, http.MethodPost, target, act, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Another activity of this project has this number.") {
			t.Errorf("taken number: %d", rec.Code)
		}

		// An indicator typed in with digit groups.
		rec = send(s, http.MethodPost, "/projects/"+pid+"/indicators/new?lang=en", url.Values{"name.en": {"Participants"}, "target": {"3.5"},
			"reported": {"1 234"}, "reported_source": {"the report"}, "computation": {platform.ComputeTasksDone}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `href="#target">Enter a whole number`) {
			t.Fatalf("refused indicator: %d\n%s", rec.Code, rec.Body.String())
		}
		rec = send(s, http.MethodPost, "/projects/"+pid+"/indicators/new?lang=en", url.Values{"name.en": {"Participants"}, "target": {"2,000"},
			"reported": {"1 234"}, "reported_source": {"the report"}, "computation": {platform.ComputeTasksDone}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create indicator: %d\n%s", rec.Code, rec.Body.String())
		}
		p, _ = db.GetProject(ctx, p.ID)
		if len(p.Indicators) != 1 || *p.Indicators[0].Target != 2000 || *p.Indicators[0].Reported != 1234 || len(p.Activities) != 1 || p.Activities[0].Goal != "B" {
			t.Fatalf("project = %+v", p)
		}
		_, body, _ = get(t, s, "/projects/"+pid+"?lang=en")
		wantIn(t, "project", body, "reported 1,234, recorded 0", "2,000", "Monitor the plan")
		_, body, _ = get(t, s, "/indicators/"+itoa(p.Indicators[0].ID)+"/edit?lang=en")
		wantIn(t, "indicator form", body, `value="1234"`, `<option value="tasks_done" selected>Tasks done</option>`, "Round tables held (once recorded)")

		// A stale project form shows who saved what.
		form.Set("version", "1")
		form.Set("title.en", "Monitoring 2018-2019")
		if rec := send(s, http.MethodPost, "/projects/"+pid+"/edit", form, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("save project: %d\n%s", rec.Code, rec.Body.String())
		}
		form.Set("title.en", "Monitoring, again")
		rec = send(s, http.MethodPost, "/projects/"+pid+"/edit?lang=en", form, nil)
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale project: %d", rec.Code)
		}
		wantIn(t, "project conflict", rec.Body.String(), "Monitoring 2018-2019", "Monitoring, again", `name="version" value="2"`)

		// A project with activities cannot go; the page says why.
		status, body, _ = get(t, s, "/projects/"+pid+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "This project still has activities.") || strings.Contains(body, `action="/projects/`+pid+`/delete"`) {
			t.Errorf("delete of a project with activities is offered:\n%.2000s", body)
		}
		aid := itoa(p.Activities[0].ID)
		_, body, _ = get(t, s, "/activities/"+aid+"/delete?lang=en")
		wantIn(t, "activity delete", body, "Delete this activity?", "Activity 1. Round tables")
		if rec := send(s, http.MethodPost, "/activities/"+aid+"/delete", url.Values{"version": {"1"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete activity: %d", rec.Code)
		}
		if rec := send(s, http.MethodPost, "/projects/"+pid+"/delete", url.Values{"version": {"2"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete project: %d\n%s", rec.Code, rec.Body.String())
		}
		if status, _, _ := get(t, s, "/projects/"+pid); status != 404 {
			t.Errorf("deleted project: %d", status)
		}
	})
}

// The keys the logframe's pages build at run time exist in every language.
func TestLogframeKeysTranslated(t *testing.T) {
	var keys []string
	for _, st := range platform.ActivityStatuses {
		keys = append(keys, "logframe.activity.status."+string(st))
	}
	for _, st := range platform.TaskStatuses {
		keys = append(keys, "logframe.task.status."+string(st))
	}
	for _, k := range platform.OutputKinds {
		keys = append(keys, "logframe.output.kind."+string(k))
	}
	for _, c := range platform.KnownComputations {
		keys = append(keys, "logframe.computation."+c)
	}
	for _, kind := range []string{"project", "activity", "task", "indicator"} {
		keys = append(keys, "delete."+kind+".title", "delete."+kind+".warning", "delete."+kind+".submit", "audit.type."+kind)
	}
	keys = append(keys, "done.task_done", "done.task_changed", "count.overdue_tasks.one", "count.overdue_tasks.other")
	for _, l := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(l, k) {
				t.Errorf("%s lacks %q", l, k)
			}
		}
	}
}

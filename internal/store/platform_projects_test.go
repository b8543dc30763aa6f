package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// logframe creates a project citing plan AZ-1 of sample() with goals A and
// B, and returns its id.
func logframe(t *testing.T, db *store.DB) int64 {
	t.Helper()
	id, err := db.CreateProject(context.Background(), coordinator, platform.ProjectEdit{
		Title:       plan.Text{"en": "Accelerating OGP", "az": " AHT-nin sürətləndirilməsi "},
		GeneralGoal: plan.Text{"en": "Accelerate OGP"},
		Goals: []platform.Goal{{ID: "A", Text: plan.Text{"en": "Capacity"}}, {ID: " ", Text: nil},
			{ID: "B", Text: plan.Text{"en": "Monitoring"}}},
		Plan: "AZ-1", Source: "the project's report", SourceURL: "http://edf.az/ts_general/azl/layihe/OGPP/index.htm",
	})
	if err != nil {
		t.Fatalf("create project: %v", err)
	}
	return id
}

func fieldErrors(t *testing.T, err error) plan.FieldErrors {
	t.Helper()
	var fe plan.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want field errors", err)
	}
	return fe
}

func TestProjectEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		tick(db)
		n := auditCount(t, db)

		_, err := db.CreateProject(ctx, coordinator, platform.ProjectEdit{Goals: []platform.Goal{{ID: "A"}, {Text: plan.Text{"en": "x"}}},
			SourceURL: "javascript:alert(1)"})
		fe := fieldErrors(t, err)
		if fe["title"] != "edit.title.required" || fe["source_url"] != "edit.source_url.invalid" || fe["goals"] == "" {
			t.Errorf("refused project = %v", fe)
		}
		if auditCount(t, db) != n {
			t.Fatal("a refused create wrote to the log")
		}

		id := logframe(t, db)
		n = wantOneEntry(t, db, n)
		p, err := db.GetProject(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Title["az"] != "AHT-nin sürətləndirilməsi" || len(p.Goals) != 2 || p.Goals[1].ID != "B" || p.Plan != "AZ-1" || p.Version != 1 {
			t.Errorf("created = %+v", p)
		}
		if e := lastEntry(t, db, platform.EntityProject, id); e.Action != audit.ActionCreate || e.Actor != coordinator {
			t.Errorf("entry = %+v", e)
		}

		edit := platform.ProjectEdit{Title: plan.Text{"en": "Accelerating the OGP"}, Goals: p.Goals, Plan: "AZ-1", Version: 1}
		if err := db.UpdateProject(ctx, coordinator, id, edit); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		// The same form saved again is stale: it carries the project as it now is.
		err = db.UpdateProject(ctx, coordinator, id, edit)
		var conflict *plan.ConflictError[platform.Project]
		if !errors.As(err, &conflict) || !errors.Is(err, plan.ErrConflict) || conflict.Current.Version != 2 || conflict.Current.Title["en"] != "Accelerating the OGP" {
			t.Fatalf("stale update = %v", err)
		}

		aid, err := db.CreateActivity(ctx, coordinator, platform.ActivityEdit{ProjectID: id, Number: "1", Title: plan.Text{"en": "Strategy"}, Goal: "A"})
		if err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		// A goal an activity serves cannot be dropped; a project with activities cannot go.
		edit.Version, edit.Goals = 2, p.Goals[1:]
		if fe := fieldErrors(t, db.UpdateProject(ctx, coordinator, id, edit)); fe["goals"] != "logframe.goals.in_use" {
			t.Errorf("dropping a goal in use = %v", fe)
		}
		if err := db.DeleteProject(ctx, coordinator, id, 2); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("delete with activities = %v", err)
		}
		a, _ := db.GetActivity(ctx, aid)
		if err := db.DeleteActivity(ctx, coordinator, aid, a.Version); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.DeleteProject(ctx, coordinator, id, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale delete = %v", err)
		}
		if err := db.DeleteProject(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.GetProject(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted project read = %v", err)
		}
		if list, _ := db.ListProjects(ctx); len(list) != 0 {
			t.Errorf("deleted project listed: %+v", list)
		}
		if c, _ := db.CountProjects(ctx); c != 1 {
			t.Errorf("count = %d: a deleted project still counts, so that the demo is not loaded again", c)
		}
		// Restoring the activity of a deleted project waits for the project.
		if fe := fieldErrors(t, db.RestoreActivity(ctx, coordinator, aid)); fe["project"] != "logframe.project.unknown" {
			t.Errorf("restore activity of a deleted project = %v", fe)
		}
		if err := db.RestoreProject(ctx, coordinator, id); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreActivity(ctx, coordinator, aid); err != nil {
			t.Fatal(err)
		}
		wantOneEntry(t, db, n+1)
		list, err := db.ListProjects(ctx)
		if err != nil || len(list) != 1 || list[0].Activities != 1 || list[0].ActivitiesDone != 0 {
			t.Errorf("projects = %+v, %v", list, err)
		}
	})
}

func TestActivitiesServeMeasures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		id := logframe(t, db)
		e := platform.ActivityEdit{ProjectID: id, Number: "12", Title: plan.Text{"en": "Road maps"}, Clause: "4.1.3", Goal: "B",
			Status: platform.ActivityDone, Description: plan.Text{"en": "Four **round tables**."},
			Outputs: []platform.Output{{Title: " Report ", URL: "https://example.org/report.pdf", Kind: platform.OutputDocument}, {}}}
		twelve, err := db.CreateActivity(ctx, coordinator, e)
		if err != nil {
			t.Fatal(err)
		}
		// Natural order: 2 before 12, whatever the order of creation.
		two, err := db.CreateActivity(ctx, coordinator, platform.ActivityEdit{ProjectID: id, Number: "2", Title: plan.Text{"en": "Equipment"}, Clause: "9.9"})
		if err != nil {
			t.Fatal(err)
		}
		e.Goal = "C"
		fe := fieldErrors(t, func() error { _, err := db.CreateActivity(ctx, coordinator, e); return err }())
		if fe["goal"] != "logframe.goal.unknown" || fe["number"] != "logframe.number.taken" {
			t.Errorf("refused activity = %v", fe)
		}
		e.Number, e.Goal, e.Status = "x", "", "finished"
		fe = fieldErrors(t, func() error { _, err := db.CreateActivity(ctx, coordinator, e); return err }())
		if fe["status"] != "logframe.status.invalid" {
			t.Errorf("refused status = %v", fe)
		}

		m, err := db.GetMeasure(ctx, "AZ0038")
		if err != nil {
			t.Fatal(err)
		}
		p, _ := db.GetPlan(ctx, "AZ-1")
		ms, _ := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: "Platformaya"})
		if len(ms.Items) != 1 {
			t.Fatalf("measure 4.1.3 = %+v", ms.Items)
		}
		measure := ms.Items[0].ID

		a, err := db.GetActivity(ctx, twelve)
		if err != nil {
			t.Fatal(err)
		}
		if a.MeasureID != measure || a.ProjectTitle["en"] != "Accelerating OGP" || a.ProjectPlan != "AZ-1" || len(a.Outputs) != 1 ||
			a.Outputs[0].Title != "Report" || a.Status != platform.ActivityDone {
			t.Errorf("activity = %+v", a)
		}
		if b, _ := db.GetActivity(ctx, two); b.MeasureID != 0 || b.Status != platform.ActivityPlanned {
			t.Errorf("an activity of a clause the registry lacks = %+v", b)
		}
		got, err := db.MeasureActivities(ctx, measure)
		if err != nil || len(got) != 1 || got[0].ID != twelve || got[0].Number != "12" {
			t.Errorf("activities of 4.1.3 = %+v, %v", got, err)
		}
		if got, _ := db.MeasureActivities(ctx, m.ID); len(got) != 0 {
			t.Errorf("activities of 1.1 = %+v", got)
		}
		pr, _ := db.GetProject(ctx, id)
		if len(pr.Activities) != 2 || pr.Activities[0].ID != two || pr.Activities[1].ID != twelve {
			t.Errorf("order = %+v", pr.Activities)
		}
		all, _ := db.ListActivities(ctx)
		if len(all) != 2 || all[0].ProjectTitle["en"] != "Accelerating OGP" {
			t.Errorf("all activities = %+v", all)
		}

		// A measure deleted from the registry is no longer linked.
		mm, _ := db.GetMeasure(ctx, strconv.FormatInt(measure, 10))
		if err := db.DeleteMeasure(ctx, coordinator, measure, mm.Version); err != nil {
			t.Fatal(err)
		}
		if a, _ := db.GetActivity(ctx, twelve); a.MeasureID != 0 {
			t.Errorf("linked to a deleted measure: %d", a.MeasureID)
		}

		// Edits keep the activity in its project and check the number anew.
		upd := platform.ActivityEdit{ProjectID: id, Number: "2", Title: a.Title, Version: a.Version}
		if fe := fieldErrors(t, db.UpdateActivity(ctx, coordinator, twelve, upd)); fe["number"] != "logframe.number.taken" {
			t.Errorf("renumbered onto another = %v", fe)
		}
		upd.Number, upd.ProjectID = "12", id+1
		if fe := fieldErrors(t, db.UpdateActivity(ctx, coordinator, twelve, upd)); fe["project"] != "logframe.project.fixed" {
			t.Errorf("moved = %v", fe)
		}
		upd.ProjectID = id
		if err := db.UpdateActivity(ctx, coordinator, twelve, upd); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[platform.Activity]
		if err := db.UpdateActivity(ctx, coordinator, twelve, upd); !errors.As(err, &conflict) || conflict.Current.Version != 2 {
			t.Errorf("stale = %v", err)
		}
	})
}

func TestTasks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		uid, err := db.CreateUser(ctx, account.User{Email: "monitor@example.org", Name: "Nigar", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		id := logframe(t, db)
		aid, err := db.CreateActivity(ctx, coordinator, platform.ActivityEdit{ProjectID: id, Number: "3", Title: plan.Text{"en": "Proposals"}})
		if err != nil {
			t.Fatal(err)
		}
		n := auditCount(t, db)

		_, err = db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid, AssigneeID: uid, AssigneeName: "Someone", Due: "2017-02-30", Status: "later"})
		fe := fieldErrors(t, err)
		if fe["title"] == "" || fe["assignee"] != "logframe.assignee.both" || fe["due"] != "logframe.due.invalid" || fe["status"] != "logframe.status.invalid" {
			t.Errorf("refused task = %v", fe)
		}
		_, err = db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid, Title: plan.Text{"en": "x"}, AssigneeID: uid + 100})
		if fe := fieldErrors(t, err); fe["assignee"] != "logframe.assignee.unknown" {
			t.Errorf("unknown user = %v", fe)
		}
		_, err = db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid + 100, Title: plan.Text{"en": "x"}})
		if fe := fieldErrors(t, err); fe["activity"] != "logframe.activity.unknown" {
			t.Errorf("unknown activity = %v", fe)
		}
		if auditCount(t, db) != n {
			t.Fatal("refused tasks wrote to the log")
		}

		first, err := db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid, Title: plan.Text{"en": "Form an expert group"},
			AssigneeID: uid, Due: "2017-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		second, err := db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid, Title: plan.Text{"en": "Draft the package"},
			AssigneeName: "  Elnur   Quliyev ", Status: platform.TaskDoing,
			Outputs: []platform.Output{{Kind: platform.OutputLink, URL: "https://example.org/draft"}}})
		if err != nil {
			t.Fatal(err)
		}
		wantOneEntry(t, db, n+1)
		a, err := db.GetActivity(ctx, aid)
		if err != nil || len(a.Tasks) != 2 {
			t.Fatalf("activity = %+v, %v", a, err)
		}
		t1, t2 := a.Tasks[0], a.Tasks[1]
		if t1.ID != first || t1.AssigneeName != "Nigar" || t1.AssigneeID != uid || t1.Due.String() != "2017-03-01" || t1.Status != platform.TaskTodo || t1.Position != 1 {
			t.Errorf("first = %+v", t1)
		}
		if t2.ID != second || t2.AssigneeName != "Elnur Quliyev" || t2.AssigneeID != 0 || t2.Due != nil || t2.Position != 2 || len(t2.Outputs) != 1 {
			t.Errorf("second = %+v", t2)
		}
		// Overdue is judged on the day given, not the clock's.
		day := func(s string) plan.Date { return *date(s) }
		if t1.Overdue(day("2017-03-01")) || !t1.Overdue(day("2017-03-02")) || t2.Overdue(day("2030-01-01")) || a.OverdueTasks(day("2017-03-02")) != 1 {
			t.Error("overdue judged wrongly")
		}

		// The assignee completes it; a stale completion is refused; done stays done.
		if err := db.CompleteTask(ctx, audit.Actor{UserID: uid, Name: "monitor@example.org"}, first, 0); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale completion = %v", err)
		}
		if err := db.CompleteTask(ctx, audit.Actor{UserID: uid, Name: "monitor@example.org"}, first, t1.Version); err != nil {
			t.Fatal(err)
		}
		got, _ := db.GetTask(ctx, first)
		if got.Status != platform.TaskDone || got.Version != 2 || got.Overdue(day("2030-01-01")) || got.Title["en"] != "Form an expert group" {
			t.Errorf("completed = %+v", got)
		}
		if e := lastEntry(t, db, platform.EntityTask, first); e.Actor.UserID != uid || e.Action != audit.ActionUpdate {
			t.Errorf("completion entry = %+v", e)
		}
		if err := db.CompleteTask(ctx, coordinator, first, 2); err != nil {
			t.Errorf("completing a done task = %v", err)
		}

		sources := platform.NewComputations(db.ProjectIndicatorSources()...)
		p, _ := db.GetProject(ctx, id)
		p.Indicators = []platform.Indicator{{Computation: platform.ComputeTasksDone}, {Computation: "round_tables_held"}}
		if err := sources.Record(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if p.Indicators[0].Recorded == nil || *p.Indicators[0].Recorded != 1 || p.Indicators[1].Recorded != nil {
			t.Errorf("recorded = %v, %v", p.Indicators[0].Recorded, p.Indicators[1].Recorded)
		}

		// An edit keeps the task's place and activity; the name replaces the user.
		edit := platform.TaskEdit{ActivityID: aid, Title: plan.Text{"en": "Form the expert group"}, Status: platform.TaskDone, AssigneeName: "Aysel", Version: 2}
		if err := db.UpdateTask(ctx, coordinator, first, edit); err != nil {
			t.Fatal(err)
		}
		got, _ = db.GetTask(ctx, first)
		if got.AssigneeID != 0 || got.AssigneeName != "Aysel" || got.Position != 1 || got.Due != nil {
			t.Errorf("updated = %+v", got)
		}
		edit.ActivityID = aid + 1
		edit.Version = 3
		if fe := fieldErrors(t, db.UpdateTask(ctx, coordinator, first, edit)); fe["activity"] != "logframe.activity.fixed" {
			t.Errorf("moved task = %v", fe)
		}

		// Deleting the activity hides its tasks; deleting a task hides it.
		if err := db.DeleteTask(ctx, coordinator, second, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetTask(ctx, second); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted task = %v", err)
		}
		a, _ = db.GetActivity(ctx, aid)
		if err := db.DeleteActivity(ctx, coordinator, aid, a.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetTask(ctx, first); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("task of a deleted activity = %v", err)
		}
		if err := db.RestoreActivity(ctx, coordinator, aid); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreTask(ctx, coordinator, second); err != nil {
			t.Fatal(err)
		}
		if a, _ := db.GetActivity(ctx, aid); len(a.Tasks) != 2 || a.Tasks[1].ID != second {
			t.Errorf("restored = %+v", a.Tasks)
		}
		as, err := db.ListAssignees(ctx)
		if err != nil || len(as) != 1 || as[0].Name != "Nigar" {
			t.Errorf("assignees = %+v, %v", as, err)
		}
	})
}

func TestIndicatorsAndFingerprints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		id := logframe(t, db)
		_, err := db.CreateIndicator(ctx, coordinator, platform.IndicatorEdit{ProjectID: id, Target: "many", Reported: "-3",
			ReportedSource: "report", Computation: "Round Tables"})
		fe := fieldErrors(t, err)
		if fe["name"] == "" || fe["target"] != "logframe.number.invalid" || fe["reported"] != "logframe.number.invalid" || fe["computation"] != "logframe.computation.invalid" {
			t.Errorf("refused indicator = %v", fe)
		}
		first, err := db.CreateIndicator(ctx, coordinator, platform.IndicatorEdit{ProjectID: id, Name: plan.Text{"en": "Participants"},
			Reported: "462", ReportedSource: "the project's report", Computation: platform.ComputeParticipants})
		if err != nil {
			t.Fatal(err)
		}
		second, err := db.CreateIndicator(ctx, coordinator, platform.IndicatorEdit{ProjectID: id, Name: plan.Text{"en": "Round tables"},
			Target: "1 000", Computation: platform.ComputeParticipantsByCategory + ":state_body"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := db.GetProject(ctx, id)
		if err != nil || len(p.Indicators) != 2 {
			t.Fatalf("project = %+v, %v", p, err)
		}
		i1, i2 := p.Indicators[0], p.Indicators[1]
		if i1.ID != first || *i1.Reported != 462 || i1.Target != nil || i1.ReportedSource != "the project's report" || i1.Position != 1 {
			t.Errorf("first = %+v", i1)
		}
		if i2.ID != second || *i2.Target != 1000 || i2.Reported != nil || i2.Position != 2 {
			t.Errorf("second = %+v", i2)
		}
		// A source of a later capability, with an argument after the colon.
		var gotArg string
		c := platform.NewComputations(platform.SourceFunc{Computation: platform.ComputeParticipantsByCategory,
			Func: func(_ context.Context, pid int64, arg string) (int64, error) { gotArg = arg; return 14, nil }})
		if err := c.Record(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if p.Indicators[0].Recorded != nil || *p.Indicators[1].Recorded != 14 || gotArg != "state_body" {
			t.Errorf("recorded = %+v", p.Indicators)
		}

		edit := platform.IndicatorEdit{ProjectID: id, Name: i1.Name, Reported: "", ReportedSource: "", Version: 1}
		if err := db.UpdateIndicator(ctx, coordinator, first, edit); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.GetIndicator(ctx, first); got.Reported != nil || got.Computation != "" || got.Version != 2 {
			t.Errorf("cleared = %+v", got)
		}
		var conflict *plan.ConflictError[platform.Indicator]
		if err := db.UpdateIndicator(ctx, coordinator, first, edit); !errors.As(err, &conflict) {
			t.Errorf("stale = %v", err)
		}
		if err := db.DeleteIndicator(ctx, coordinator, second, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreIndicator(ctx, coordinator, second); err != nil {
			t.Fatal(err)
		}

		aid, _ := db.CreateActivity(ctx, coordinator, platform.ActivityEdit{ProjectID: id, Number: "1", Title: plan.Text{"en": "Plan"}})
		tid, _ := db.CreateTask(ctx, coordinator, platform.TaskEdit{ActivityID: aid, Title: plan.Text{"en": "Draft"}})
		if ps, err := db.VerifyContent(ctx); err != nil || len(ps) != 0 {
			t.Fatalf("untouched = %+v, %v", ps, err)
		}
		// Rows changed behind ogpp's back are named.
		err = db.Transact(ctx, func(tx *sql.Tx) error {
			for _, change := range []struct {
				query string
				id    int64
			}{
				{`UPDATE project_tasks SET status = 'done' WHERE id = $1`, tid},
				{`UPDATE project_indicators SET reported = 999 WHERE id = $1`, first},
				{`UPDATE projects SET goals = '[]' WHERE id = $1`, id},
				{`UPDATE project_activities SET clause = '7' WHERE id = $1`, aid},
			} {
				if _, err := tx.ExecContext(ctx, change.query, change.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := db.VerifyContent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]int64{}
		for _, p := range ps {
			found[p.EntityType] = p.ID
		}
		if len(ps) != 4 || found[platform.EntityTask] != tid || found[platform.EntityIndicator] != first || found[platform.EntityProject] != id || found[platform.EntityActivity] != aid {
			t.Errorf("problems = %+v", ps)
		}
	})
}

func TestImportProject(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		n := auditCount(t, db)
		b := platform.ProjectBundle{
			Project: platform.ProjectEdit{Title: plan.Text{"en": "P"}, Goals: []platform.Goal{{ID: "A", Text: plan.Text{"en": "G"}}}, Plan: "AZ-1"},
			Activities: []platform.BundleActivity{{Activity: platform.ActivityEdit{Number: "1", Title: plan.Text{"en": "One"}, Clause: "4.1.3", Goal: "A"},
				Tasks: []platform.TaskEdit{{Title: plan.Text{"en": "T1"}}, {Title: plan.Text{"en": "T2"}}}}},
			Indicators: []platform.IndicatorEdit{{Name: plan.Text{"en": "I"}, Reported: "17"}},
		}
		// One bad part refuses the whole.
		bad := b
		bad.Activities = append([]platform.BundleActivity{}, b.Activities...)
		bad.Activities = append(bad.Activities, platform.BundleActivity{Activity: platform.ActivityEdit{Number: "2", Title: plan.Text{"en": "Two"}, Goal: "Z"}})
		if _, err := db.ImportProject(ctx, audit.System("demo"), bad); err == nil {
			t.Fatal("a bad activity was imported")
		}
		if c, _ := db.CountProjects(ctx); c != 0 || auditCount(t, db) != n {
			t.Fatalf("a refused import left %d projects", c)
		}
		id, err := db.ImportProject(ctx, audit.System("demo"), b)
		if err != nil {
			t.Fatal(err)
		}
		if got := auditCount(t, db); got != n+5 {
			t.Errorf("entries = %d, want one per row (5)", got-n)
		}
		p, err := db.GetProject(ctx, id)
		if err != nil || len(p.Activities) != 1 || len(p.Activities[0].Tasks) != 2 || p.Activities[0].MeasureID == 0 || len(p.Indicators) != 1 {
			t.Errorf("imported = %+v, %v", p, err)
		}
	})
}

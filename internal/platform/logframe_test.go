package platform

import (
	"context"
	"errors"
	"testing"
	"time"

	"ogpp/internal/plan"
)

func TestCountValue(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"", -1, true},
		{"462", 462, true},
		{" 1 234 ", 1234, true},
		{"1\u00a0234", 1234, true},
		{"1,234", 1234, true},
		{"1.234.567", 1234567, true},
		{"3.5", 0, false},
		{"12,34", 0, false},
		{"-3", 0, false},
		{"many", 0, false},
		{"99999999999999999999", 0, false},
	}
	for _, tt := range tests {
		got, ok := countValue(tt.in)
		switch {
		case ok != tt.ok:
			t.Errorf("countValue(%q) ok = %v", tt.in, ok)
		case ok && tt.want < 0 && got != nil:
			t.Errorf("countValue(%q) = %d, want none", tt.in, *got)
		case ok && tt.want >= 0 && (got == nil || *got != tt.want):
			t.Errorf("countValue(%q) = %v, want %d", tt.in, got, tt.want)
		}
	}
}

func TestEditsValidate(t *testing.T) {
	p := ProjectEdit{Title: plan.Text{"en": " P ", "az": " "}, Goals: []Goal{{ID: " A ", Text: plan.Text{"en": "x"}}, {}, {ID: "A", Text: plan.Text{"en": "y"}}}}
	fe := p.Validate()
	if fe["goals"] != "logframe.goals.duplicate" || p.Title["az"] != "" || p.Title["en"] != "P" || len(p.Goals) != 2 || p.Goals[0].ID != "A" {
		t.Errorf("project = %v, %+v", fe, p)
	}
	p = ProjectEdit{Title: plan.Text{"en": "P"}, Goals: []Goal{{ID: "A B", Text: plan.Text{"en": "x"}}}}
	if fe := p.Validate(); fe["goals"] != "logframe.goals.id_invalid" {
		t.Errorf("goal with a space = %v", fe)
	}

	a := ActivityEdit{ProjectID: 1, Number: " 3 ", Title: plan.Text{"en": "T"},
		Outputs: []Output{{Title: "x"}, {URL: "https://example.org"}, {Title: " ", URL: " "}}}
	fe = a.Validate()
	if fe["outputs"] != "logframe.outputs.url_required" || a.Status != ActivityPlanned || a.Number != "3" || len(a.Outputs) != 2 || a.Outputs[1].Kind != OutputLink {
		t.Errorf("activity = %v, %+v", fe, a)
	}
	a.Outputs = []Output{{URL: "javascript:alert(1)"}}
	if fe := a.Validate(); fe["outputs"] != "logframe.outputs.url_invalid" {
		t.Errorf("script link = %v", fe)
	}

	task := TaskEdit{ActivityID: 1, Title: plan.Text{"en": "T"}, AssigneeName: "  Elnur   Quliyev ", Due: "2017-03-01"}
	if fe := task.Validate(); len(fe) != 0 || task.AssigneeName != "Elnur Quliyev" || task.DueDate().String() != "2017-03-01" || task.Status != TaskTodo {
		t.Errorf("task = %v, %+v", fe, task)
	}
	task.Due = "1 March"
	if fe := task.Validate(); fe["due"] != "logframe.due.invalid" {
		t.Errorf("bad date = %v", fe)
	}

	ind := IndicatorEdit{ProjectID: 1, Name: plan.Text{"en": "I"}, ReportedSource: "report", Computation: "participants_by_category:state_body"}
	if fe := ind.Validate(); fe["reported"] != "logframe.reported.required" || fe["computation"] != "" {
		t.Errorf("indicator = %v", fe)
	}
	ind.Computation = "participants by category"
	if fe := ind.Validate(); fe["computation"] != "logframe.computation.invalid" {
		t.Errorf("computation = %v", fe)
	}
}

// Overdue is judged against the day given, in the zone given.
func TestOverdue(t *testing.T) {
	due := plan.Date{Year: 2017, Month: time.March, Day: 1}
	baku := time.FixedZone("+04", 4*3600)
	today := Today(time.Date(2017, 2, 28, 21, 0, 0, 0, time.UTC), baku) // already 1 March in Baku
	task := Task{Status: TaskDoing, Due: &due}
	if today != due || task.Overdue(today) {
		t.Errorf("due today is not overdue: today %v", today)
	}
	next := Today(time.Date(2017, 3, 1, 20, 0, 0, 0, time.UTC), baku)
	if !task.Overdue(next) {
		t.Error("due yesterday is overdue")
	}
	task.Status = TaskDone
	if task.Overdue(next) || (Task{}).Overdue(next) {
		t.Error("a task done, or without a due date, is never overdue")
	}
	a := Activity{Tasks: []Task{{Status: TaskTodo, Due: &due}, task}}
	p := Project{Activities: []Activity{a}}
	if a.TasksDone() != 1 || p.OverdueTasks(next) != 1 {
		t.Errorf("done %d, overdue %d", a.TasksDone(), p.OverdueTasks(next))
	}
}

func TestComputations(t *testing.T) {
	var asked []string
	count := func(n int64) func(context.Context, int64, string) (int64, error) {
		return func(_ context.Context, _ int64, arg string) (int64, error) { asked = append(asked, arg); return n, nil }
	}
	c := NewComputations(SourceFunc{Computation: "tasks_done", Func: count(3)},
		SourceFunc{Computation: "participants_by_category", Func: count(14)}, nil)
	p := Project{ID: 7, Indicators: []Indicator{{Computation: "tasks_done"}, {Computation: "participants_by_category:state_body"},
		{Computation: "round_tables_held"}, {}}}
	if err := c.Record(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	got := p.Indicators
	if *got[0].Recorded != 3 || *got[1].Recorded != 14 || got[2].Recorded != nil || got[3].Recorded != nil || asked[1] != "state_body" {
		t.Errorf("recorded = %+v, asked %q", got, asked)
	}
	if !c.Computes("participants_by_category:foreign_guest") || c.Computes("round_tables_held") || c.Computes("") {
		t.Error("Computes")
	}
	if n := c.Names(); len(n) != 2 || n[0] != "participants_by_category" {
		t.Errorf("names = %v", n)
	}
	failing := NewComputations(SourceFunc{Computation: "tasks_done", Func: func(context.Context, int64, string) (int64, error) {
		return 0, errors.New("database gone")
	}})
	if err := failing.Record(context.Background(), &p); err == nil {
		t.Error("a failing source was ignored")
	}
	if err := (Computations{}).Record(context.Background(), &p); err != nil || p.Indicators[0].Recorded != nil {
		t.Errorf("the zero value computes nothing: %v", err)
	}
}

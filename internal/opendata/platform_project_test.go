package opendata

import (
	"strings"
	"testing"

	"ogpp/internal/platform"
)

func TestPlatformProject(t *testing.T) {
	b, err := PlatformProject()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Activities) != 12 || len(b.Project.Goals) != 2 || len(b.Indicators) != 6 || b.Project.Plan != AzerbaijanNAPID {
		t.Fatalf("project = %+v", b.Project)
	}
	// Every part passes the checks a form's input does.
	if fe := b.Project.Validate(); len(fe) > 0 {
		t.Errorf("project: %v", fe)
	}
	for _, a := range b.Activities {
		a.Activity.ProjectID = 1
		if fe := a.Activity.Validate(); len(fe) > 0 {
			t.Errorf("activity %s: %v", a.Activity.Number, fe)
		}
		for _, task := range a.Tasks {
			task.ActivityID = 1
			if fe := task.Validate(); len(fe) > 0 || task.Title["az"] == "" || task.Status != platform.TaskDone {
				t.Errorf("activity %s, task %v: %v", a.Activity.Number, task.Title, fe)
			}
		}
	}
	nine := b.Activities[8]
	if nine.Activity.Clause != "7" || !strings.Contains(nine.Tasks[0].Title["az"], "Hacıqabul") {
		t.Errorf("activity 9 = %+v", nine)
	}
	for _, ind := range b.Indicators {
		if ind.Reported == "" || ind.ReportedSource != PlatformProjectReport || ind.Name["az"] == "" || ind.Target != "" {
			t.Errorf("indicator %+v", ind)
		}
	}
}

// A total the report gives that ogpp does not know is refused, not
// dropped; Azerbaijani tasks that do not match the English ones likewise.
func TestPlatformProjectRefusesWhatItWouldDrop(t *testing.T) {
	data := strings.Replace(string(platformProjectJSON), `"internet_tv_discussions": 8,`, `"internet_tv_discussions": 8, "press_releases": 3,`, 1)
	if _, err := readPlatformProject([]byte(data), platformProjectAzJSON); err == nil || !strings.Contains(err.Error(), "press_releases") {
		t.Errorf("unknown total: %v", err)
	}
	az := strings.Replace(string(platformProjectAzJSON), `"Ekspert Qrupunun təşkili",`, ``, 1)
	if _, err := readPlatformProject(platformProjectJSON, []byte(az)); err == nil || !strings.Contains(err.Error(), "activity 3") {
		t.Errorf("mismatched tasks: %v", err)
	}
}

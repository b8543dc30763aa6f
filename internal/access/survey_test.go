package access

import (
	"testing"

	"ogpp/internal/account"
)

// TestSurveyActions: coordinators and monitors build surveys and enter
// paper questionnaires; members and focal points do neither; the public
// reads results only when the survey publishes them.
func TestSurveyActions(t *testing.T) {
	as := func(r account.Role) Subject { return Subject{User: &account.User{ID: 3, Role: r}} }
	for _, r := range []account.Role{account.RoleAdmin, account.RoleCoordinator, account.RoleMonitor} {
		if !Can(as(r), ManageSurveys, Resource{}) || !Can(as(r), EnterResponses, Resource{}) || !Can(as(r), ReadSurveyResults, Resource{Unpublished: true}) {
			t.Errorf("%s may not run surveys", r)
		}
	}
	for _, r := range []account.Role{account.RoleMember, account.RoleFocalPoint} {
		if Can(as(r), ManageSurveys, Resource{}) || Can(as(r), EnterResponses, Resource{}) || Can(as(r), ReadSurveyResults, Resource{Unpublished: true}) {
			t.Errorf("%s may run surveys", r)
		}
	}
	if !Can(Subject{}, ReadSurveyResults, Resource{}) || Can(Subject{}, ReadSurveyResults, Resource{Unpublished: true}) || !AnonymousMay(ReadSurveyResults) {
		t.Error("the public's reading of results")
	}
}

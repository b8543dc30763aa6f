package access

import (
	"testing"

	"ogpp/internal/account"
)

func TestCan(t *testing.T) {
	user := func(r account.Role, org int64) Subject {
		return Subject{User: &account.User{ID: 1, Role: r, OrganisationID: org}}
	}
	disabled := user(account.RoleAdmin, 0)
	disabled.User.Disabled = true
	ministry := Resource{ExecutorIDs: []int64{7, 9}}
	tests := []struct {
		name string
		s    Subject
		a    Action
		r    Resource
		want bool
	}{
		{"anonymous reads", Subject{}, Public, Resource{}, true},
		{"anonymous signs in", Subject{}, SignIn, Resource{}, true},
		{"anonymous edits", Subject{}, EditRegistry, Resource{}, false},
		{"anonymous has no account page", Subject{}, Account, Resource{}, false},
		{"disabled admin is anonymous", disabled, EditRegistry, Resource{}, false},
		{"admin manages users", user(account.RoleAdmin, 0), ManageUsers, Resource{}, true},
		{"admin restores", user(account.RoleAdmin, 0), RestoreDeleted, Resource{}, true},
		{"coordinator edits", user(account.RoleCoordinator, 0), EditRegistry, Resource{}, true},
		{"coordinator cannot restore", user(account.RoleCoordinator, 0), RestoreDeleted, Resource{}, false},
		{"coordinator cannot manage users", user(account.RoleCoordinator, 0), ManageUsers, Resource{}, false},
		{"monitor cannot edit", user(account.RoleMonitor, 0), EditRegistry, Resource{}, false},
		{"member cannot read the audit log", user(account.RoleMember, 0), ReadAudit, Resource{}, false},
		{"focal point answers for its body", user(account.RoleFocalPoint, 9), AnswerForMeasure, ministry, true},
		{"focal point not for another body", user(account.RoleFocalPoint, 8), AnswerForMeasure, ministry, false},
		{"focal point without a body", user(account.RoleFocalPoint, 0), AnswerForMeasure, Resource{ExecutorIDs: []int64{0}}, false},
		{"focal point cannot edit the plan", user(account.RoleFocalPoint, 9), EditRegistry, ministry, false},
		{"monitor cannot answer for government", user(account.RoleMonitor, 9), AnswerForMeasure, ministry, false},
		{"monitor assesses", user(account.RoleMonitor, 0), Assess, Resource{}, true},
		{"monitor reviews another's work", user(account.RoleMonitor, 0), Review, Resource{AuthorID: 2}, true},
		{"monitor cannot review own work", user(account.RoleMonitor, 0), Review, Resource{AuthorID: 1}, false},
		{"admin cannot review own work", user(account.RoleAdmin, 0), Review, Resource{AuthorID: 1}, false},
		{"monitor cannot manage rounds", user(account.RoleMonitor, 0), ManageRounds, Resource{}, false},
		{"coordinator manages rounds", user(account.RoleCoordinator, 0), ManageRounds, Resource{}, true},
		{"member cannot see unpublished rounds", user(account.RoleMember, 0), ReadMonitoring, Resource{}, false},
		{"focal point cannot assess", user(account.RoleFocalPoint, 9), Assess, ministry, false},
		{"focal point cannot see drafts", user(account.RoleFocalPoint, 9), ReadMonitoring, ministry, false},
		{"anonymous cannot review", Subject{}, Review, Resource{AuthorID: 2}, false},
		{"anonymous reads a published round", Subject{}, ReadRound, Resource{}, true},
		{"anonymous cannot read an open round", Subject{}, ReadRound, Resource{Unpublished: true}, false},
		{"member cannot read an open round", user(account.RoleMember, 0), ReadRound, Resource{Unpublished: true}, false},
		{"monitor reads an open round", user(account.RoleMonitor, 0), ReadRound, Resource{Unpublished: true}, true},
		{"unknown action is refused", user(account.RoleAdmin, 0), Action("nuke"), Resource{}, false},
	}
	for _, tt := range tests {
		if got := Can(tt.s, tt.a, tt.r); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
}

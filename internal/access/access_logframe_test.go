package access

import (
	"testing"

	"ogpp/internal/account"
)

// Coordinators plan the platform's work; an assignee who is a monitor or a
// member completes their own task, and nobody else's.
func TestCanManageTheLogframe(t *testing.T) {
	user := func(r account.Role) Subject { return Subject{User: &account.User{ID: 1, Role: r, OrganisationID: 9}} }
	mine, theirs, nobodys := Resource{AssigneeID: 1}, Resource{AssigneeID: 2}, Resource{}
	tests := []struct {
		name string
		s    Subject
		a    Action
		r    Resource
		want bool
	}{
		{"admin manages", user(account.RoleAdmin), ManagePlatform, nobodys, true},
		{"coordinator manages", user(account.RoleCoordinator), ManagePlatform, nobodys, true},
		{"monitor does not manage", user(account.RoleMonitor), ManagePlatform, mine, false},
		{"member does not manage", user(account.RoleMember), ManagePlatform, nobodys, false},
		{"anonymous does not manage", Subject{}, ManagePlatform, nobodys, false},
		{"coordinator completes anyone's task", user(account.RoleCoordinator), CompleteTask, theirs, true},
		{"coordinator completes an unassigned task", user(account.RoleCoordinator), CompleteTask, nobodys, true},
		{"monitor completes their own task", user(account.RoleMonitor), CompleteTask, mine, true},
		{"member completes their own task", user(account.RoleMember), CompleteTask, mine, true},
		{"monitor not another's", user(account.RoleMonitor), CompleteTask, theirs, false},
		{"member not an unassigned one", user(account.RoleMember), CompleteTask, nobodys, false},
		{"focal point not even their own", user(account.RoleFocalPoint), CompleteTask, mine, false},
		{"anonymous never", Subject{}, CompleteTask, Resource{AssigneeID: 0}, false},
	}
	for _, tt := range tests {
		if got := Can(tt.s, tt.a, tt.r); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
	if AnonymousMay(ManagePlatform) || AnonymousMay(CompleteTask) {
		t.Error("the anonymous may never manage or complete the platform's work")
	}
}

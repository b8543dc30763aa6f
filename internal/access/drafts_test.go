package access

import (
	"testing"

	"ogpp/internal/account"
)

// TestDraftRules checks who may read, comment on, write and decide on
// drafts: the public reads published ones only; monitors and members read
// and comment, and write the drafts of their own expert group;
// coordinators and administrators do everything, including meetings and
// publication; a focal point takes no part.
func TestDraftRules(t *testing.T) {
	user := func(r account.Role) Subject { return Subject{User: &account.User{ID: 1, Role: r}} }
	unpublished, mine := Resource{Unpublished: true}, Resource{Unpublished: true, GroupMember: true}
	tests := []struct {
		name string
		s    Subject
		a    Action
		r    Resource
		want bool
	}{
		{"public reads a published draft", Subject{}, ReadDraft, Resource{}, true},
		{"public does not read an unpublished one", Subject{}, ReadDraft, unpublished, false},
		{"public does not read drafts in progress", Subject{}, ReadDrafts, Resource{}, false},
		{"public does not comment", Subject{}, CommentDraft, Resource{}, false},
		{"member reads an unpublished draft", user(account.RoleMember), ReadDraft, unpublished, true},
		{"member comments", user(account.RoleMember), CommentDraft, Resource{}, true},
		{"monitor comments", user(account.RoleMonitor), CommentDraft, Resource{}, true},
		{"member writes the group's draft", user(account.RoleMember), WriteDraft, mine, true},
		{"monitor writes the group's draft", user(account.RoleMonitor), WriteDraft, mine, true},
		{"member does not write another group's", user(account.RoleMember), WriteDraft, unpublished, false},
		{"member does not start drafts", user(account.RoleMember), StartDraft, Resource{}, false},
		{"member does not record meetings", user(account.RoleMember), ManageMeetings, Resource{}, false},
		{"member does not publish", user(account.RoleMember), PublishDraft, Resource{}, false},
		{"coordinator writes any draft", user(account.RoleCoordinator), WriteDraft, unpublished, true},
		{"coordinator records meetings", user(account.RoleCoordinator), ManageMeetings, Resource{}, true},
		{"coordinator publishes", user(account.RoleCoordinator), PublishDraft, Resource{}, true},
		{"admin starts drafts", user(account.RoleAdmin), StartDraft, Resource{}, true},
		{"focal point reads published only", user(account.RoleFocalPoint), ReadDraft, unpublished, false},
		{"focal point does not comment", user(account.RoleFocalPoint), CommentDraft, Resource{}, false},
		{"focal point in a group still does not write", user(account.RoleFocalPoint), WriteDraft, mine, false},
	}
	for _, tt := range tests {
		if got := Can(tt.s, tt.a, tt.r); got != tt.want {
			t.Errorf("%s: Can = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !AnonymousMay(ReadDraft) || AnonymousMay(ReadDrafts) || AnonymousMay(WriteDraft) {
		t.Error("AnonymousMay: the public may ask for a draft, nothing else of drafting")
	}
}

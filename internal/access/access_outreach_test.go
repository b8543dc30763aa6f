package access

import (
	"testing"

	"ogpp/internal/account"
)

// TestOutreachPolicy: coordinators and administrators record appeals,
// media coverage and resources; an appeal's documents are theirs until
// published, then anyone's; the register is never the public's.
func TestOutreachPolicy(t *testing.T) {
	published, private := Resource{}, Resource{Unpublished: true}
	for _, role := range append([]account.Role{""}, account.Roles...) {
		s := Subject{}
		if role != "" {
			s = Subject{User: &account.User{ID: 1, Role: role, OrganisationID: 9}}
		}
		manages := role == account.RoleAdmin || role == account.RoleCoordinator
		for _, tt := range []struct {
			a    Action
			r    Resource
			want bool
		}{
			{ManageAppeals, Resource{}, manages},
			{ManageMedia, Resource{}, manages},
			{ManageResources, Resource{}, manages},
			{ReadAppealDocument, private, manages},
			{ReadAppealDocument, published, true},
		} {
			if got := Can(s, tt.a, tt.r); got != tt.want {
				t.Errorf("%q %s %+v = %v, want %v", role, tt.a, tt.r, got, tt.want)
			}
		}
	}
	if !AnonymousMay(ReadAppealDocument) || AnonymousMay(ManageAppeals) || AnonymousMay(ManageResources) {
		t.Error("AnonymousMay: the public may ask for a published document, and nothing else of the outreach's writes")
	}
}

package access

import (
	"testing"

	"ogpp/internal/account"
)

// TestLibraryPolicy: coordinators and administrators keep the library; a
// document is theirs until published, then anyone's.
func TestLibraryPolicy(t *testing.T) {
	published, unpublished := Resource{}, Resource{Unpublished: true}
	for _, role := range append([]account.Role{""}, account.Roles...) {
		s := Subject{}
		if role != "" {
			s = Subject{User: &account.User{ID: 1, Role: role}}
		}
		manages := role == account.RoleAdmin || role == account.RoleCoordinator
		for _, tt := range []struct {
			a    Action
			r    Resource
			want bool
		}{
			{ManageLibrary, Resource{}, manages},
			{ReadDocument, unpublished, manages},
			{ReadDocument, published, true},
		} {
			if got := Can(s, tt.a, tt.r); got != tt.want {
				t.Errorf("%q %s %+v = %v, want %v", role, tt.a, tt.r, got, tt.want)
			}
		}
	}
	if !AnonymousMay(ReadDocument) || AnonymousMay(ManageLibrary) {
		t.Error("AnonymousMay: the public may ask for a document, and may not keep the library")
	}
}

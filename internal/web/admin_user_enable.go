package web

import (
	"errors"
	"net/http"

	"ogpp/internal/account"
)

// adminUserEnable lets a disabled account sign in again. It needs no
// confirmation: it takes nothing away and is undone by disabling.
func (s *Server) adminUserEnable(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok {
		return
	}
	err := s.accounts.Enable(s.adminContext(r), u.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/users?done=user_enabled", http.StatusSeeOther)
	case errors.Is(err, account.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/account"
)

// adminUserReinvite makes a new invitation link for an account whose
// invitee has not chosen a password yet, and shows it; earlier links stop
// working. An account that has a password or is disabled goes back to its
// page, which says why there is nothing to send.
func (s *Server) adminUserReinvite(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok {
		return
	}
	inv, err := s.accounts.Reinvite(s.adminContext(r), u.ID)
	switch {
	case err == nil:
		s.renderInvited(w, r, inv)
	case errors.Is(err, account.ErrNotInvitable):
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10)+"/edit", http.StatusSeeOther)
	case errors.Is(err, account.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

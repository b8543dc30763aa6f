package web

import (
	"net/http"
)

// accountSignOutEverywhere ends every session of the signed-in user, this
// one included: for a lost phone or a shared computer left signed in.
func (s *Server) accountSignOutEverywhere(w http.ResponseWriter, r *http.Request) {
	sub := s.subjectOf(r)
	if s.accounts == nil || sub.User == nil {
		s.notFound(w, r)
		return
	}
	if err := s.accounts.LogoutEverywhere(r.Context(), sub.User.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/login?done=signed_out_everywhere", http.StatusSeeOther)
}

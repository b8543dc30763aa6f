package web

import (
	"errors"
	"net/http"

	"ogpp/internal/account"
)

// accountPassword changes the signed-in user's password after checking the
// current one. Every other session of theirs ends; this one stays. A wrong
// current password counts as a failed login, so a borrowed session cannot
// be used to guess it.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	if !s.readUserForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	current, next := r.PostForm.Get("current_password"), r.PostForm.Get("password")
	var v formView
	if current == "" {
		v.add("current_password", l.T("account.page.current.required"))
	}
	if next == "" {
		v.add("password", l.T("account.page.new.required"))
	}
	if len(v.Errors) > 0 {
		s.renderAccount(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	err := s.accounts.ChangePassword(s.adminContext(r), s.senderOf(r).Token, current, next)
	var fe account.FieldErrors
	var throttled *account.ThrottledError
	switch {
	case err == nil:
		http.Redirect(w, r, "/account?done=password_changed", http.StatusSeeOther)
	case errors.As(err, &fe):
		addAccountErrors(l, &v, fe, []string{"current_password", "password"})
		s.renderAccount(w, r, http.StatusUnprocessableEntity, v)
	case errors.As(err, &throttled):
		v.add("current_password", l.T("account.login.throttled", throttled.Minutes(s.now())))
		s.renderAccount(w, r, http.StatusTooManyRequests, v)
	case errors.Is(err, account.ErrNoSession), errors.Is(err, account.ErrSessionExpired):
		http.Redirect(w, r, "/login?next=%2Faccount", http.StatusSeeOther)
	default:
		s.serverError(w, r, err)
	}
}

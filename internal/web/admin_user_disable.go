package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/account"
)

// disablePage asks an admin to confirm disabling an account, saying what
// it does; Problem is why the last attempt was refused.
type disablePage struct {
	User    account.User
	Self    bool
	Problem string
}

// adminUserDisablePage asks for confirmation before disabling an account.
func (s *Server) adminUserDisablePage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok {
		return
	}
	if u.Disabled {
		// Nothing to confirm: the edit page offers enabling it.
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10)+"/edit", http.StatusSeeOther)
		return
	}
	s.renderUserDisable(w, r, http.StatusOK, u, "")
}

func (s *Server) renderUserDisable(w http.ResponseWriter, r *http.Request, status int, u account.User, problem string) {
	l := locale{Lang: langOf(r)}
	sub := s.subjectOf(r)
	s.render(w, r, status, "admin_user_disable", page{Title: l.T("admin.disable.title", u.Name),
		Crumbs: []crumb{{Label: l.T("admin.users.title"), URL: "/admin/users"},
			{Label: u.Name, URL: "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/edit"}},
		Data: disablePage{User: u, Self: sub.User != nil && sub.User.ID == u.ID, Problem: problem}})
}

// adminUserDisable disables an account and ends its sessions at once. The
// last active administrator cannot be disabled: the confirmation page
// comes back saying so.
func (s *Server) adminUserDisable(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok {
		return
	}
	err := s.accounts.Disable(s.adminContext(r), u.ID)
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/users?done=user_disabled", http.StatusSeeOther)
	case errors.Is(err, account.ErrLastAdmin):
		l := locale{Lang: langOf(r)}
		s.renderUserDisable(w, r, http.StatusConflict, u, l.T(account.ErrorKey(err)))
	case errors.Is(err, account.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

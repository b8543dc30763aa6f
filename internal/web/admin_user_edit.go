package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/account"
)

// adminUserEditPage shows an account's role form and what can be done to
// the account: a new invitation link, disabling or enabling it.
func (s *Server) adminUserEditPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok {
		return
	}
	values := map[string]string{"role": string(u.Role)}
	if u.OrganisationID != 0 {
		values["organisation"] = strconv.FormatInt(u.OrganisationID, 10)
	}
	v, err := s.userEditForm(r, u, values)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderUserEdit(w, r, http.StatusOK, v)
}

// userEditForm builds the role form of account u.
func (s *Server) userEditForm(r *http.Request, u account.User, values map[string]string) (userForm, error) {
	v, err := s.newUserForm(r, values)
	if err != nil {
		return v, err
	}
	v.Target = &u
	v.Action = "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/edit"
	if sub := s.subjectOf(r); sub.User != nil && sub.User.ID == u.ID {
		v.Self = true
	}
	return v, nil
}

func (s *Server) renderUserEdit(w http.ResponseWriter, r *http.Request, status int, v userForm) {
	l := locale{Lang: langOf(r)}
	title := l.T("admin.edit.title", v.Target.Name)
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "admin_user_edit", page{Title: title, Data: v,
		Crumbs: []crumb{{Label: l.T("admin.users.title"), URL: "/admin/users"}}})
}

// adminUserEdit changes an account's role and, for a focal point, its
// state body. The last active administrator cannot be demoted: the form
// comes back saying so.
func (s *Server) adminUserEdit(w http.ResponseWriter, r *http.Request) {
	u, ok := s.targetUser(w, r)
	if !ok || !s.readUserForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	role, org, orgProblem := readRole(r)
	var err error
	if orgProblem != "" {
		err = account.FieldErrors{"organisation": orgProblem}
	} else {
		err = s.accounts.SetRole(s.adminContext(r), u.ID, role, org)
	}
	status := http.StatusUnprocessableEntity
	var fe account.FieldErrors
	switch {
	case err == nil:
		http.Redirect(w, r, "/admin/users?done=user_updated", http.StatusSeeOther)
		return
	case errors.As(err, &fe):
	case errors.Is(err, account.ErrLastAdmin):
		fe, status = account.FieldErrors{"role": account.ErrorKey(err)}, http.StatusConflict
	case errors.Is(err, account.ErrNotFound):
		s.notFound(w, r)
		return
	default:
		s.serverError(w, r, err)
		return
	}
	values := map[string]string{"role": r.PostForm.Get("role"), "organisation": r.PostForm.Get("organisation")}
	v, ferr := s.userEditForm(r, u, values)
	if ferr != nil {
		s.serverError(w, r, ferr)
		return
	}
	addAccountErrors(l, &v.formView, fe, userFormFields)
	s.renderUserEdit(w, r, status, v)
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"ogpp/internal/account"
)

// invitedPage shows a new invitation link to the admin, once: only its
// hash is kept, so it cannot be shown again.
type invitedPage struct {
	Name, Email string
	Link        string
	// Mail opens the admin's mail program with the link in a message.
	Mail    string
	Expires string
}

// adminUserNewPage shows the invitation form.
func (s *Server) adminUserNewPage(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	v, err := s.newUserForm(r, map[string]string{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderUserNew(w, r, http.StatusOK, v)
}

func (s *Server) renderUserNew(w http.ResponseWriter, r *http.Request, status int, v userForm) {
	l := locale{Lang: langOf(r)}
	title := l.T("admin.invite.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "admin_user_new", page{Title: title, Data: v,
		Crumbs: []crumb{{Label: l.T("admin.users.title"), URL: "/admin/users"}}})
}

// adminUserInvite creates an account without a password and shows the
// one-time link with which the invitee chooses one. Refused input comes
// back on the form as it was typed, with a message beside each field.
func (s *Server) adminUserInvite(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	if !s.readUserForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	values := map[string]string{
		"email": strings.TrimSpace(r.PostForm.Get("email")), "name": strings.TrimSpace(r.PostForm.Get("name")),
		"role": r.PostForm.Get("role"), "organisation": r.PostForm.Get("organisation"),
	}
	role, org, orgProblem := readRole(r)
	var inv account.Invitation
	var err error
	if orgProblem != "" {
		err = account.FieldErrors{"organisation": orgProblem}
	} else {
		inv, err = s.accounts.Invite(s.adminContext(r), account.Invitee{Email: values["email"], Name: values["name"], Role: role, OrganisationID: org})
	}
	var fe account.FieldErrors
	switch {
	case err == nil:
	case errors.As(err, &fe):
		v, ferr := s.newUserForm(r, values)
		if ferr != nil {
			s.serverError(w, r, ferr)
			return
		}
		addAccountErrors(l, &v.formView, fe, userFormFields)
		s.renderUserNew(w, r, http.StatusUnprocessableEntity, v)
		return
	default:
		s.serverError(w, r, err)
		return
	}
	s.renderInvited(w, r, inv)
}

// renderInvited shows an invitation's link, kept out of every cache and of
// the Referer of whatever the page loads.
func (s *Server) renderInvited(w http.ResponseWriter, r *http.Request, inv account.Invitation) {
	l := locale{Lang: langOf(r)}
	setupHeaders(w)
	link := s.publicURL(r, "/invite/"+url.PathEscape(inv.Token))
	mail := "mailto:" + url.PathEscape(inv.User.Email) + "?subject=" + mailEscape(l.T("admin.invited.mail.subject", l.T("site.name"))) +
		"&body=" + mailEscape(l.T("admin.invited.mail.body", inv.User.Name, link, utcDateTime(l, inv.ExpiresAt)))
	s.render(w, r, http.StatusOK, "admin_user_invited", page{Title: l.T("admin.invited.title"),
		Crumbs: []crumb{{Label: l.T("admin.users.title"), URL: "/admin/users"}},
		Data: invitedPage{Name: inv.User.Name, Email: inv.User.Email, Link: link, Mail: mail,
			Expires: utcDateTime(l, inv.ExpiresAt)}})
}

// mailEscape escapes a mailto header value: spaces as %20, since mail
// programs do not read + as a space there (RFC 6068).
func mailEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

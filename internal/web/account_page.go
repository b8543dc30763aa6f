package web

import (
	"net/http"
)

// accountPage is a signed-in user's own account: who they are to ogpp and
// the password form, whose typed values and problems formView carries.
type accountPage struct {
	formView
	Organisation string // a focal point's state body
}

// accountPageGet shows the signed-in user's name, email and role, the form
// to change the password and the button that signs out everywhere.
func (s *Server) accountPageGet(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, formView{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, v formView) {
	l := locale{Lang: langOf(r)}
	sub := s.subjectOf(r)
	if sub.User == nil {
		// The guard lets no one without an account here.
		s.forbidden(w, r)
		return
	}
	v.Action = "/account/password"
	title := l.T("account.page.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "account", page{Title: title,
		Data: accountPage{formView: v, Organisation: s.organisationName(r.Context(), l, sub.User.OrganisationID)}})
}

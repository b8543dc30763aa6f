package web

import (
	"errors"
	"net/http"
	"net/url"

	"ogpp/internal/account"
)

// inviteForm is the invitation page: who was invited, and the password
// form.
type inviteForm struct {
	formView
	Name, Email string
}

// invitePage shows the form where an invitee chooses a password, when the
// link may still be used.
func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	setupHeaders(w)
	u, err := s.accounts.CheckInvitation(r.Context(), r.PathValue("token"))
	if err != nil {
		s.inviteRefused(w, r, err)
		return
	}
	s.renderInvite(w, r, http.StatusOK, inviteForm{Name: u.Name, Email: u.Email})
}

func (s *Server) renderInvite(w http.ResponseWriter, r *http.Request, status int, v inviteForm) {
	l := locale{Lang: langOf(r)}
	v.Action = "/invite/" + url.PathEscape(r.PathValue("token"))
	title := l.T("invite.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "invite", page{Title: title, Data: v})
}

// inviteRefused answers a link that is unknown, used, expired or replaced:
// 410, saying to ask for a new one.
func (s *Server) inviteRefused(w http.ResponseWriter, r *http.Request, err error) {
	if !errors.Is(err, account.ErrInvitationInvalid) {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusGone, "error", page{Title: l.T("invite.gone.title"),
		Data: errorPage{Heading: l.T("invite.gone.title"), Message: l.T("invite.gone.body")}})
}

// invite sets the invitee's password, spends the link and signs them in.
func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	setupHeaders(w)
	if !s.readUserForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	token, password := r.PathValue("token"), r.PostForm.Get("password")
	u, err := s.accounts.AcceptInvitation(r.Context(), token, password)
	var fe account.FieldErrors
	switch {
	case err == nil:
	case errors.As(err, &fe):
		invited, cerr := s.accounts.CheckInvitation(r.Context(), token)
		if cerr != nil {
			s.inviteRefused(w, r, cerr)
			return
		}
		v := inviteForm{Name: invited.Name, Email: invited.Email}
		addAccountErrors(l, &v.formView, fe, []string{"password"})
		s.renderInvite(w, r, http.StatusUnprocessableEntity, v)
		return
	default:
		s.inviteRefused(w, r, err)
		return
	}
	session, _, err := s.accounts.Login(r.Context(), u.Email, password, account.Client{Addr: r.RemoteAddr, UserAgent: r.UserAgent()})
	if err != nil {
		// The password is set; signing in by hand still works.
		s.log.Error("sign in the new user", "err", err)
		http.Redirect(w, r, "/login?next=%2Faccount", http.StatusSeeOther)
		return
	}
	s.startSession(w, r, session, "/account?done=welcome")
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"ogpp/internal/account"
)

// maxFormBytes bounds what a sign-in or setup form may send.
const maxFormBytes = 16 << 10

// fieldError is one problem with a form, shown in the error summary (linked
// to its field) and beside the field.
type fieldError struct {
	Field, Message string
}

// formView is what a form page shows: the values the user typed (never a
// password) and what is wrong with them, in field order.
type formView struct {
	Action string
	Values map[string]string
	Errors []fieldError
	// Next is where to go after signing in; always a same-site path.
	Next string
}

// add records a problem with a field.
func (f *formView) add(field, message string) {
	f.Errors = append(f.Errors, fieldError{Field: field, Message: message})
}

// ErrorFor returns the first problem with a field, or "".
func (f formView) ErrorFor(field string) string {
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// fieldView is one labelled input, for the "field" partial.
type fieldView struct {
	L                               locale
	Name, Label, Type, Autocomplete string
	Value, Error, Hint              string
}

// Field describes the input name for the "field" partial; a password field
// never carries a value back.
func (f formView) Field(l locale, name, label, typ, autocomplete, hint string) fieldView {
	v := fieldView{L: l, Name: name, Label: label, Type: typ, Autocomplete: autocomplete, Hint: hint, Error: f.ErrorFor(name)}
	if typ != "password" {
		v.Value = f.Values[name]
	}
	return v
}

// safeNext returns next when it is a path on this site, and "/" otherwise,
// so that the login form cannot be used to send someone elsewhere:
// "//host", "/\host", absolute URLs and anything with control characters
// are refused.
func safeNext(next string) string {
	if next == "" || len(next) > 2000 || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	// Back to the form that signed in, or to a spent link, helps no one.
	if u.Path == "/login" || u.Path == "/logout" || strings.HasPrefix(u.Path, "/setup/") {
		return "/"
	}
	return next
}

// noStore keeps the sign-in pages out of every cache.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// loginPage shows the sign-in form.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	s.renderLogin(w, r, http.StatusOK, formView{Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, v formView) {
	l := locale{Lang: langOf(r)}
	v.Action = "/login"
	title := l.T("login.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "login", page{Title: title, Data: v})
}

// login checks the form and signs the user in. Unknown email, wrong
// password and disabled account get the same message; too many failures
// get how long to wait.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	noStore(w)
	l := locale{Lang: langOf(r)}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	email := strings.TrimSpace(r.PostForm.Get("email"))
	password := r.PostForm.Get("password")
	v := formView{Values: map[string]string{"email": email}, Next: safeNext(r.PostForm.Get("next"))}
	if email == "" {
		v.add("email", l.T("account.email.required"))
	}
	if password == "" {
		v.add("password", l.T("login.password.required"))
	}
	if len(v.Errors) > 0 {
		s.renderLogin(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	token, _, err := s.accounts.Login(r.Context(), email, password, account.Client{Addr: r.RemoteAddr, UserAgent: r.UserAgent()})
	var throttled *account.ThrottledError
	switch {
	case err == nil:
	case errors.As(err, &throttled):
		v.add("email", l.T("account.login.throttled", throttled.Minutes(s.now())))
		s.renderLogin(w, r, http.StatusTooManyRequests, v)
		return
	case errors.Is(err, account.ErrInvalidCredentials):
		v.add("email", l.T("account.login.invalid"))
		s.renderLogin(w, r, http.StatusUnprocessableEntity, v)
		return
	default:
		s.serverError(w, r, err)
		return
	}
	s.startSession(w, r, token, v.Next)
}

// startSession ends the session the browser had before, if any (so that
// a session id planted before login is worth nothing after it), gives the
// browser the new one and sends it on.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, token, next string) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.accounts.Logout(r.Context(), c.Value); err != nil {
			s.log.Error("end the previous session", "err", err)
		}
	}
	setSessionCookie(w, r, token)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the browser's session and forgets its cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" && s.accounts != nil {
		if err := s.accounts.Logout(r.Context(), c.Value); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// setupHeaders keeps the one-time link out of caches and out of the
// Referer of any request the page makes.
func setupHeaders(w http.ResponseWriter) {
	noStore(w)
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// setupPage shows the form that creates the first administrator, when
// the link's token may still be used.
func (s *Server) setupPage(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	setupHeaders(w)
	token := r.PathValue("token")
	if err := s.accounts.CheckSetup(r.Context(), token); err != nil {
		s.setupRefused(w, r, err)
		return
	}
	s.renderSetup(w, r, http.StatusOK, formView{})
}

func (s *Server) renderSetup(w http.ResponseWriter, r *http.Request, status int, v formView) {
	l := locale{Lang: langOf(r)}
	v.Action = "/setup/" + url.PathEscape(r.PathValue("token"))
	title := l.T("setup.title")
	if len(v.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	s.render(w, r, status, "setup", page{Title: title, Data: v})
}

// setupRefused answers a link that is unknown, used or expired, or comes
// after an administrator exists: 410, with what to do instead.
func (s *Server) setupRefused(w http.ResponseWriter, r *http.Request, err error) {
	key := account.ErrorKey(err)
	if key == "" {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusGone, "error", page{Title: l.T("setup.gone.title"),
		Data: errorPage{Heading: l.T("setup.gone.title"), Message: l.T(key)}})
}

// setup creates the first administrator and signs them in.
func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	if s.accounts == nil {
		s.notFound(w, r)
		return
	}
	setupHeaders(w)
	l := locale{Lang: langOf(r)}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, l.T("form.invalid"))
		return
	}
	email, name, password := r.PostForm.Get("email"), r.PostForm.Get("name"), r.PostForm.Get("password")
	token := r.PathValue("token")
	_, err := s.accounts.RedeemSetup(r.Context(), token, email, name, password)
	var fe account.FieldErrors
	switch {
	case err == nil:
	case errors.As(err, &fe):
		v := formView{Values: map[string]string{"email": strings.TrimSpace(email), "name": strings.TrimSpace(name)}}
		for _, f := range []string{"email", "name", "password"} {
			if k, ok := fe[f]; ok {
				v.add(f, l.T(k))
			}
		}
		s.renderSetup(w, r, http.StatusUnprocessableEntity, v)
		return
	case account.ErrorKey(err) != "":
		s.setupRefused(w, r, err)
		return
	default:
		s.serverError(w, r, err)
		return
	}
	session, _, err := s.accounts.Login(r.Context(), email, password, account.Client{Addr: r.RemoteAddr, UserAgent: r.UserAgent()})
	if err != nil {
		// The account exists; signing in by hand still works.
		s.log.Error("sign in the new administrator", "err", err)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	s.startSession(w, r, session, "/")
}

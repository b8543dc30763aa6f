package web

import (
	"net/http"
	"net/url"

	"ogpp/internal/access"
)

// guard lets a request through to h only when the access policy allows
// its sender the route's action. The anonymous are sent to sign in when
// they asked for a page, and refused otherwise; a signed-in user who may
// not is refused.
func (s *Server) guard(action access.Action, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noteRoute(r)
		subject := s.subjectOf(r)
		if access.Can(subject, action, access.Resource{}) {
			h.ServeHTTP(w, r)
			return
		}
		if subject.Anonymous() && r.Method == http.MethodGet {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.forbidden(w, r)
	})
}

// forbidden answers 403 with a page in the reader's language.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusForbidden, "error", page{Title: l.T("error.forbidden.title"),
		Data: errorPage{Heading: l.T("error.forbidden.title"), Message: l.T("error.forbidden.body")}})
}

package web

import (
	"errors"
	"net/http"
	"net/url"

	"ogpp/internal/access"
	"ogpp/internal/plan"
)

// resolver reads what a request acts on, as far as ownership matters to
// the policy: the executors of the measure in its path, the author of the
// assessment under review. plan.ErrNotFound answers 404.
type resolver func(*http.Request) (access.Resource, error)

// guard lets a request through to h only when the access policy allows
// its sender the route's action on what resolve says the request acts on
// (nothing in particular when resolve is nil). The anonymous are sent to
// sign in when they asked for a page, and refused otherwise; a signed-in
// user who may not is refused.
func (s *Server) guard(action access.Action, resolve resolver, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noteRoute(r)
		subject := s.subjectOf(r)
		var res access.Resource
		if resolve != nil && (!subject.Anonymous() || access.AnonymousMay(action)) {
			var err error
			res, err = resolve(r)
			switch {
			case errors.Is(err, plan.ErrNotFound):
				s.notFound(w, r)
				return
			case err != nil:
				s.serverError(w, r, err)
				return
			}
		}
		if access.Can(subject, action, res) {
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

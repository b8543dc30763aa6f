package web

import (
	"context"
	"net/http"
)

// invalidateSearch marks the site-wide search index out of date after
// every request of a signed-in user that may have changed something and
// succeeded (any method but GET, HEAD and OPTIONS, answered below 400).
// The index is rebuilt at the next search, so it follows every
// capability's changes without any of them knowing about it.
//
// What the anonymous public may send — a registration for an event, an
// answer to a survey, a subscription, signing in — changes nothing the
// index holds, so it does not cost a rebuild: otherwise anyone could make
// every search wait for one. A capability that lets the public change
// public content must call the index's Changed itself.
func (s *Server) invalidateSearch(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.search == nil || r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions ||
			s.subjectOf(r).User == nil {
			next.ServeHTTP(w, r)
			return
		}
		sw := &changeStatusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		if sw.status < 400 {
			// Marked in the database, so that every instance sharing it
			// rebuilds; should that fail, this one rebuilds all the same.
			if err := s.search.Changed(context.WithoutCancel(r.Context())); err != nil {
				s.log.Warn("mark search index changed", "err", err)
			}
		}
	})
}

// changeStatusWriter remembers the status a handler answered with.
type changeStatusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *changeStatusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *changeStatusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer underneath.
func (w *changeStatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

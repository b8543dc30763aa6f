package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// needLibrary answers 404 when the server keeps no library.
func (s *Server) needLibrary(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.library == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// documentAudience tells the guard whether the document a request names is
// published: before that, only who keeps the library may read it or its
// files.
func (s *Server) documentAudience(r *http.Request) (access.Resource, error) {
	if s.library == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	d, err := s.library.GetDocument(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !d.Published}, nil
}

// documentFor reads the live document the path names, answering 404
// itself when there is none.
func (s *Server) documentFor(w http.ResponseWriter, r *http.Request) (library.Document, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return library.Document{}, false
	}
	d, err := s.library.GetDocument(r.Context(), id)
	return d, s.answerLoad(w, r, err)
}

// mayManageLibrary reports whether the sender keeps the library, so that
// pages offer what will work and show unpublished documents to who may
// read them.
func (s *Server) mayManageLibrary(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.ManageLibrary, access.Resource{})
}

// documentURL is a document's page.
func documentURL(id int64) string { return "/library/" + strconv.FormatInt(id, 10) }

// libraryEntryView is an entry of a list of the library, for the
// partials.
type libraryEntryView struct {
	L locale
	E library.Entry
}

// Date is the entry's day, for the date formatter.
func (v libraryEntryView) Date() *plan.Date { return &v.E.Date }

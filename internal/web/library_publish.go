package web

import (
	"errors"
	"net/http"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// publishDocument publishes a document (published=1) or withdraws it from
// the public (published=0), as decided on the version shown; a document
// changed since goes back to its page, which says so.
func (s *Server) publishDocument(w http.ResponseWriter, r *http.Request) {
	d, ok := s.documentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	var published bool
	switch r.PostForm.Get("published") {
	case "1":
		published = true
	case "0":
	default:
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("form.invalid"))
		return
	}
	err := s.library.PublishDocument(r.Context(), s.actorOf(r), d.ID, postedVersion(r), published)
	var stale *plan.ConflictError[library.Document]
	switch {
	case errors.As(err, &stale):
		l := locale{Lang: langOf(r)}
		v := documentView{D: stale.Current, Errors: []fieldError{{Field: "publish", Message: l.T("library.publish.conflict")}}}
		s.renderDocument(w, r, http.StatusConflict, v)
	case err != nil:
		s.answerLoad(w, r, err)
	case published:
		http.Redirect(w, r, documentURL(d.ID)+"?done=library_published", http.StatusSeeOther)
	default:
		http.Redirect(w, r, documentURL(d.ID)+"?done=library_withdrawn", http.StatusSeeOther)
	}
}

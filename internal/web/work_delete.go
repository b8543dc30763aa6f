package web

import (
	"errors"
	"net/http"

	"ogpp/internal/plan"
)

// workDeleteView is the confirmation page of deleting an event, a survey,
// a scorecard or a participant category: it names what goes and, above
// the warning, what it hides with it (an event's registrations, a
// survey's responses).
type workDeleteView struct {
	Name       string
	Hidden     []string
	Warning    string
	Submit     string
	Action     string
	Cancel     string
	Version    int
	Restorable bool
	Conflict   bool
	// Problem says why it cannot be deleted; the page then offers no
	// button.
	Problem string
}

// renderWorkDelete shows the confirmation page titled title.
func (s *Server) renderWorkDelete(w http.ResponseWriter, r *http.Request, status int, title string, v workDeleteView) {
	noStore(w)
	s.render(w, r, status, "work_delete", page{Title: title, Data: v})
}

// answerWorkDelete finishes a delete: to done when it went through, the
// confirmation page again (as view makes it from the row as it now is)
// when someone changed the row meanwhile.
func answerWorkDelete[T any](s *Server, w http.ResponseWriter, r *http.Request, err error, done, title string, view func(T) workDeleteView) {
	var stale *plan.ConflictError[T]
	switch {
	case err == nil:
		http.Redirect(w, r, done, http.StatusSeeOther)
	case errors.As(err, &stale):
		v := view(stale.Current)
		v.Conflict = true
		s.renderWorkDelete(w, r, http.StatusConflict, title, v)
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
}

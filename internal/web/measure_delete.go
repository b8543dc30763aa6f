package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/plan"
)

// deleteView asks to confirm a delete: what will go, what it means, and
// where to go back to.
type deleteView struct {
	Action   string
	Kind     string // "measure", "organisation", …: picks the messages
	Name     string
	Version  int
	Cancel   string
	Conflict bool
	// Problem says why the delete was refused, when it was.
	Problem string
}

// deleteMeasurePage asks whether to delete a measure. The answer is a
// form, so that nothing is deleted by following a link.
func (s *Server) deleteMeasurePage(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok {
		return
	}
	s.renderDelete(w, r, http.StatusOK, measureDeleteView(m, locale{Lang: langOf(r)}))
}

// deleteMeasure soft-deletes a measure and returns to its plan. A measure
// saved since the confirmation was shown is not deleted: the page asks
// again, showing it as it now is.
func (s *Server) deleteMeasure(w http.ResponseWriter, r *http.Request) {
	m, ok := s.measureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.editor.DeleteMeasure(r.Context(), s.actorOf(r), m.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/plans/"+strconv.FormatInt(m.PlanID, 10)+"?done=deleted",
		func(x plan.Measure) deleteView { return measureDeleteView(x, l) }, m, "")
}

func measureDeleteView(m plan.Measure, l locale) deleteView {
	id := strconv.FormatInt(m.ID, 10)
	name := l.Plain(m.Title)
	if m.Clause != "" {
		name = m.Clause + " " + name
	}
	return deleteView{Action: "/measures/" + id + "/delete", Kind: "measure", Name: name, Version: m.Version, Cancel: "/measures/" + id}
}

// renderDelete shows a delete confirmation.
func (s *Server) renderDelete(w http.ResponseWriter, r *http.Request, status int, v deleteView) {
	l := locale{Lang: langOf(r)}
	noStore(w)
	s.render(w, r, status, "delete", page{Title: l.T("delete." + v.Kind + ".title"), Data: v})
}

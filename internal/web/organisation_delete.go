package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/plan"
)

// deleteOrganisationPage asks whether to delete an organisation; one that
// still executes measures is explained instead of offered.
func (s *Server) deleteOrganisationPage(w http.ResponseWriter, r *http.Request) {
	o, ok := s.organisationFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	v := organisationDeleteView(o, l)
	if o.MeasureCount > 0 {
		v.Problem = l.T("delete.organisation.in_use")
	}
	s.renderDelete(w, r, http.StatusOK, v)
}

// deleteOrganisation soft-deletes an organisation that executes no measure.
func (s *Server) deleteOrganisation(w http.ResponseWriter, r *http.Request) {
	o, ok := s.organisationFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.editor.DeleteOrganisation(r.Context(), s.actorOf(r), o.ID, postedVersion(r))
	answerDelete(s, w, r, err, "/organisations?done=deleted",
		func(x plan.Organisation) deleteView { return organisationDeleteView(x, l) }, o, l.T("delete.organisation.in_use"))
}

func organisationDeleteView(o plan.Organisation, l locale) deleteView {
	id := strconv.FormatInt(o.ID, 10)
	return deleteView{Action: "/organisations/" + id + "/delete", Kind: "organisation", Name: l.Plain(o.Name), Version: o.Version,
		Cancel: "/organisations/" + id}
}

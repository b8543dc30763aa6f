package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

const organisationsPerPage = 50

type organisationsData struct {
	Organisations []plan.Organisation
	Q             string
	Pager         pager
}

// organisationsPage lists organisations alphabetically, searchable.
func (s *Server) organisationsPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > maxQuery {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("error.param.q"))
		return
	}
	n := pageNumber(r)
	res, err := s.reg.ListOrganisations(r.Context(), plan.OrganisationFilter{Q: q, Member: r.URL.Query().Get("member"),
		Limit: organisationsPerPage, Offset: (n - 1) * organisationsPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := "/organisations"
	if q != "" {
		base += "?q=" + urlQueryEscape(q)
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "organisations", page{Title: l.T("orgs.title"), Crumbs: []crumb{{l.T("nav.plans"), "/"}},
		Data: organisationsData{Organisations: res.Items, Q: q, Pager: newPager(base, n, organisationsPerPage, res.Total)}})
}

type organisationData struct {
	Organisation plan.Organisation
	Measures     []plan.Measure
	Pager        pager
}

// organisationPage shows an organisation and the measures it executes.
func (s *Server) organisationPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	o, err := s.reg.GetOrganisation(r.Context(), id)
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	n := pageNumber(r)
	res, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{OrganisationID: id, Limit: measuresPerPage, Offset: (n - 1) * measuresPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "organisation", page{Title: l.Plain(o.Name),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.T("orgs.title"), "/organisations"}},
		Data: organisationData{Organisation: o, Measures: res.Items,
			Pager: newPager("/organisations/"+strconv.FormatInt(id, 10), n, measuresPerPage, res.Total)}})
}

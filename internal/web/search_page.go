package web

import (
	"net/http"
	"strings"

	"ogpp/internal/plan"
)

// orgsInSearch caps the organisations the search page lists before linking
// to the full organisation search.
const orgsInSearch = 10

type searchData struct {
	Q             string
	Measures      []plan.Measure
	Pager         pager
	Organisations plan.Page[plan.Organisation]
}

// searchPage finds measures and organisations whose text contains every
// word of the query, folded the Azerbaijani way (İ/i, I/ı).
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	l := locale{Lang: langOf(r)}
	d := searchData{Q: q}
	if len([]rune(q)) > maxQuery {
		s.badRequest(w, r, l.T("error.param.q"))
		return
	}
	n := pageNumber(r)
	if q != "" {
		res, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{Q: q, Limit: measuresPerPage, Offset: (n - 1) * measuresPerPage})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Measures = res.Items
		d.Pager = newPager("/search?q="+urlQueryEscape(q), n, measuresPerPage, res.Total)
		if d.Organisations, err = s.reg.ListOrganisations(r.Context(), plan.OrganisationFilter{Q: q, Limit: orgsInSearch}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", page{Title: l.T("search.title"), Query: q, Crumbs: []crumb{{l.T("nav.plans"), "/"}}, Data: d})
}

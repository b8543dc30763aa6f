package web

import (
	"net/http"
	"strings"

	"ogpp/internal/plan"
)

// membersPerPage is how many members the home page lists at a time; each
// brings all its plans.
const membersPerPage = 20

type homeData struct {
	Members []plan.MemberPlans
	Counts  plan.Counts
	Q       string
	Pager   pager
}

// homePage lists the plans grouped by member, searchable and paginated.
func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > maxQuery {
		s.badRequest(w, r, locale{Lang: langOf(r)}.T("error.param.q"))
		return
	}
	n := pageNumber(r)
	res, err := s.reg.ListMembers(r.Context(), plan.MemberFilter{Q: q, Limit: membersPerPage, Offset: (n - 1) * membersPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := s.reg.Counts(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := "/"
	if q != "" {
		base = "/?q=" + urlQueryEscape(q)
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "home", page{
		Title: l.T("home.title"),
		Data:  homeData{Members: res.Items, Counts: counts, Q: q, Pager: newPager(base, n, membersPerPage, res.Total)},
	})
}

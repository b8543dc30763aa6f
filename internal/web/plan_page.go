package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// measuresPerPage is the length of a page of the plan's measure table.
const measuresPerPage = 50

type planData struct {
	Plan      plan.Plan
	Areas     []plan.Area
	Executors []plan.Organisation
	Years     []int
	Measures  []plan.Measure
	Filter    plan.MeasureFilter
	Pager     pager
	// Base is the page's URL with its filters, for sort and page links.
	Base     string
	Filtered bool
	APIQuery string
	// Rounds are the plan's published rounds of monitoring.
	Rounds []monitor.Round
}

// planPage shows a plan: its areas with measure counts and a measure table
// that can be sorted by clause and filtered by area, executor and year.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	f, problem := measureFilterFrom(r.URL.Query())
	if problem != "" {
		s.badRequest(w, r, l.T(problem))
		return
	}
	f.PlanID = p.ID
	n := pageNumber(r)
	f.Limit, f.Offset = measuresPerPage, (n-1)*measuresPerPage
	ctx := r.Context()
	areas, err := s.reg.PlanAreas(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	executors, err := s.reg.PlanExecutors(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	years, err := s.reg.PlanYears(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	res, err := s.reg.ListMeasures(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rounds, err := s.publishedRoundsOf(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base, api := filterURLs("/plans/"+strconv.FormatInt(p.ID, 10), f)
	s.render(w, r, http.StatusOK, "plan", page{
		Title:  l.Plain(p.Title),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(p.Member.Name), "/?q=" + urlQueryEscape(l.Plain(p.Member.Name))}},
		Data: planData{Plan: p, Areas: areas, Executors: executors, Years: years, Measures: res.Items, Filter: f,
			Pager: newPager(base, n, measuresPerPage, res.Total), Base: base,
			Filtered: f.AreaID != 0 || f.NoArea || f.OrganisationID != 0 || f.Year != 0 || f.Q != "", APIQuery: api, Rounds: rounds},
	})
}

// loadPlan reads the plan the path names, answering 404 itself when there is none.
func (s *Server) loadPlan(w http.ResponseWriter, r *http.Request) (plan.Plan, bool) {
	p, err := s.reg.GetPlan(r.Context(), r.PathValue("id"))
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return p, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return p, false
	}
	return p, true
}

// measureFilterFrom reads the measure filters shared by the plan page and
// the API. It returns the message key of the first bad parameter.
func measureFilterFrom(q url.Values) (plan.MeasureFilter, string) {
	var f plan.MeasureFilter
	f.Q = strings.TrimSpace(q.Get("q"))
	if len([]rune(f.Q)) > maxQuery {
		return f, "error.param.q"
	}
	if v := q.Get("area"); v == "none" {
		f.NoArea = true
	} else if v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return f, "error.param.area"
		}
		f.AreaID = id
	}
	if v := q.Get("executor"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			return f, "error.param.executor"
		}
		f.OrganisationID = id
	}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2200 {
			return f, "error.param.year"
		}
		f.Year = y
	}
	f.Sort = plan.MeasureSort(q.Get("sort"))
	if !f.Sort.Valid() {
		return f, "error.param.sort"
	}
	f.Member = q.Get("member")
	return f, ""
}

// filterURLs returns the page URL and the API query string that reproduce f.
func filterURLs(path string, f plan.MeasureFilter) (page, api string) {
	q := url.Values{}
	if f.AreaID != 0 {
		q.Set("area", strconv.FormatInt(f.AreaID, 10))
	}
	if f.NoArea {
		q.Set("area", "none")
	}
	if f.OrganisationID != 0 {
		q.Set("executor", strconv.FormatInt(f.OrganisationID, 10))
	}
	if f.Year != 0 {
		q.Set("year", strconv.Itoa(f.Year))
	}
	if f.Q != "" {
		q.Set("q", f.Q)
	}
	api = q.Encode()
	if f.Sort != "" {
		q.Set("sort", string(f.Sort))
	}
	if enc := q.Encode(); enc != "" {
		return path + "?" + enc, api
	}
	return path, api
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

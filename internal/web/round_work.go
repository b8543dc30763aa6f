package web

import (
	"net/http"
	"slices"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// workFilters are the review filters of the work page, in menu order:
// what a monitor looks for, then each review status.
var workFilters = []string{"to_review", "mine", "not_assessed", "draft", "submitted", "returned", "approved"}

// workData is what the monitors' work page shows.
type workData struct {
	Round   monitor.Round
	Plan    plan.Plan
	Areas   []plan.Area
	Rows    []workRow
	Total   int
	Counts  map[string]int
	Area    string // the area filter as given: an id, "none" or ""
	Review  string
	Filters []string
	// Open says monitors can still assess in the round.
	Open     bool
	Filtered bool
}

// workRow is one measure and where its assessment is.
type workRow struct {
	Measure  plan.Measure
	Assessed bool
	A        monitor.Assessment
	// Mine says the signed-in monitor saved its current version.
	Mine bool
	// CanReview says the signed-in user may review it now.
	CanReview    bool
	SelfAssessed bool
	Disagrees    bool
}

// roundWorkPage lists every measure of the round's plan with its
// assessment's completion, review status and author, whether the
// government answered and disagrees, and links to assess and review;
// filters narrow it by area and by where each is in review.
func (s *Server) roundWorkPage(w http.ResponseWriter, r *http.Request) {
	round, p, ok := s.roundFor(w, r, "id")
	if !ok {
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	q := r.URL.Query()
	d := workData{Round: round, Plan: p, Area: q.Get("area"), Review: q.Get("review"), Filters: workFilters,
		Open: round.Status == monitor.RoundOpen, Counts: map[string]int{}}
	if d.Review != "" && !slices.Contains(workFilters, d.Review) {
		s.badRequest(w, r, l.T("monitor.work.bad_filter"))
		return
	}
	f := plan.MeasureFilter{PlanID: p.ID, Limit: 1000}
	switch d.Area {
	case "":
	case "none":
		f.NoArea = true
	default:
		id, err := strconv.ParseInt(d.Area, 10, 64)
		if err != nil || id < 1 {
			s.badRequest(w, r, l.T("error.param.area"))
			return
		}
		f.AreaID = id
	}
	d.Filtered = d.Area != "" || d.Review != ""
	areas, err := s.reg.PlanAreas(ctx, p.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Areas = areas
	measures, err := s.planMeasures(r, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	assessments, err := s.monitor.RoundAssessments(ctx, round.ID, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	selfs, err := s.monitor.RoundSelfAssessments(ctx, round.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	me := s.userID(r)
	for _, m := range measures {
		a, assessed := assessments[m.ID]
		row := workRow{Measure: m, Assessed: assessed, A: a, Mine: assessed && me != 0 && a.AuthorID == me,
			SelfAssessed: len(selfs[m.ID]) > 0}
		if assessed {
			row.CanReview = d.Open && a.Status == monitor.ReviewSubmitted && s.can(r, access.Review, access.Resource{AuthorID: a.AuthorID})
			for _, sa := range selfs[m.ID] {
				row.Disagrees = row.Disagrees || sa.Disagrees(a)
			}
		}
		d.Total++
		for _, k := range workFilters {
			if row.matches(k) {
				d.Counts[k]++
			}
		}
		if d.Review == "" || row.matches(d.Review) {
			d.Rows = append(d.Rows, row)
		}
	}
	planURL := "/plans/" + strconv.FormatInt(p.ID, 10)
	s.render(w, r, http.StatusOK, "round_work", page{
		Title:  l.T("monitor.work.title") + " · " + l.Plain(round.Name),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(p.Title), planURL}, {l.T("monitor.rounds.title"), planURL + "/rounds"}},
		Data:   d,
	})
}

// matches reports whether a row passes a review filter.
func (row workRow) matches(filter string) bool {
	switch filter {
	case "to_review":
		return row.CanReview
	case "mine":
		return row.Mine
	case "not_assessed":
		return !row.Assessed
	}
	return row.Assessed && string(row.A.Status) == filter
}

// planMeasures reads every measure a filter selects, page by page: a plan
// may have more than one page of the store holds.
func (s *Server) planMeasures(r *http.Request, f plan.MeasureFilter) ([]plan.Measure, error) {
	var out []plan.Measure
	for {
		res, err := s.reg.ListMeasures(r.Context(), f)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if len(res.Items) == 0 || len(out) >= res.Total {
			return out, nil
		}
		f.Offset += len(res.Items)
	}
}

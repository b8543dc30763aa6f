package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/events"
	"ogpp/internal/plan"
)

// membersPerPage is how many members the home page lists at a time; each
// brings all its plans.
const membersPerPage = 20

// upcomingOnHome is how many of the next events the home page shows.
const upcomingOnHome = 3

type homeData struct {
	Members []plan.MemberPlans
	Counts  plan.Counts
	Q       string
	Pager   pager
	// Progress is the featured plan's latest published figures; nil when
	// no plan is featured or it has no published round.
	Progress *homeProgress
	// Featured is the featured plan when there is one, published round
	// or not.
	Featured *plan.Plan
	// Upcoming are the next planned events, soonest first.
	Upcoming []events.Event
	// EventsOn says the server keeps events, so that the section shows.
	EventsOn bool
	// Publications are the library's latest published entries.
	Publications latestView
	// News is the latest published news.
	News newsLatestView
}

// homeProgress is the plan's progress at a glance: the latest published
// round's overall figures, laid out by the dashboard's own code.
type homeProgress struct {
	dashboardData
	RoundURL string
}

// homePage says what the platform is, shows the featured plan's progress
// and the next events, and lists the plans grouped by member, searchable
// and paginated.
func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	l := locale{Lang: langOf(r)}
	if len([]rune(q)) > maxQuery {
		s.badRequest(w, r, l.T("error.param.q"))
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
	d := homeData{Members: res.Items, Counts: counts, Q: q, Pager: newPager(base, n, membersPerPage, res.Total), EventsOn: s.events != nil}
	if d.Featured, d.Progress, err = s.featuredProgress(r.Context(), l); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Upcoming, err = s.upcomingEvents(r.Context(), upcomingOnHome); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Publications = s.libraryLatest(r)
	d.News = s.latestNews(r)
	s.render(w, r, http.StatusOK, "home", page{Title: l.T("home.title"), Data: d})
}

// featuredProgress reads the featured plan and lays out its latest
// published round's overall figures. A featured plan that is not there
// (deleted, or not imported) is no error: the home page then goes without.
func (s *Server) featuredProgress(ctx context.Context, l locale) (*plan.Plan, *homeProgress, error) {
	if s.featuredPlan == "" {
		return nil, nil, nil
	}
	p, err := s.reg.GetPlan(ctx, s.featuredPlan)
	if errors.Is(err, plan.ErrNotFound) {
		return nil, nil, nil
	}
	if err != nil || s.monitor == nil {
		return &p, nil, err
	}
	rd, found, err := s.latestPublishedRound(ctx, p.ID)
	if err != nil || !found {
		return &p, nil, err
	}
	f, err := s.figuresOf(ctx, rd)
	if err != nil {
		return &p, nil, err
	}
	d := newDashboardData(l, f)
	d.OverallChart.ID = "home-chart"
	return &p, &homeProgress{dashboardData: d, RoundURL: "/rounds/" + strconv.FormatInt(rd.ID, 10)}, nil
}

// upcomingEvents returns the next n planned events after now, soonest
// first.
func (s *Server) upcomingEvents(ctx context.Context, n int) ([]events.Event, error) {
	if s.events == nil {
		return nil, nil
	}
	all, err := s.events.ListEvents(ctx, events.Filter{})
	if err != nil {
		return nil, err
	}
	now := s.now()
	var out []events.Event
	for _, ev := range all {
		if ev.Upcoming(now) {
			out = append(out, ev)
		}
	}
	slices.SortFunc(out, func(a, b events.Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out[:min(n, len(out))], nil
}

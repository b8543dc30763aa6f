package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// roundAudience resolves what a request under /rounds/{id} acts on for the
// policy: a round the public may not see yet is Unpublished. An unknown
// round, or a server without a monitoring store, is plan.ErrNotFound.
func (s *Server) roundAudience(r *http.Request) (access.Resource, error) {
	rd, err := s.pathRound(r)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !rd.Public()}, nil
}

// pathRound reads the round the path's {id} names.
func (s *Server) pathRound(r *http.Request) (monitor.Round, error) {
	if s.monitor == nil {
		return monitor.Round{}, plan.ErrNotFound
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return monitor.Round{}, plan.ErrNotFound
	}
	return s.monitor.GetRound(r.Context(), id)
}

// roundOr404 reads the path's round for a handler, answering 404 or 500
// itself when it cannot.
func (s *Server) roundOr404(w http.ResponseWriter, r *http.Request) (monitor.Round, bool) {
	rd, err := s.pathRound(r)
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return rd, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return rd, false
	}
	return rd, true
}

// seesUnpublished reports whether the request's sender may see rounds
// before they are published; pages and the API then list those too.
func (s *Server) seesUnpublished(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.ReadMonitoring, access.Resource{})
}

// allPlanMeasures reads every measure of a plan in display order. The
// registry pages its lists, so a big plan takes a few reads.
func (s *Server) allPlanMeasures(ctx context.Context, planID int64) ([]plan.Measure, error) {
	const chunk = 1000
	var out []plan.Measure
	for {
		res, err := s.reg.ListMeasures(ctx, plan.MeasureFilter{PlanID: planID, Limit: chunk, Offset: len(out)})
		if err != nil {
			return nil, err
		}
		out = append(out, res.Items...)
		if len(res.Items) < chunk || len(out) >= res.Total {
			return out, nil
		}
	}
}

// roundFigures is a round with everything its dashboard, its CSV files and
// the progress API show, derived by monitor.Summarise.
type roundFigures struct {
	Plan        plan.Plan
	Round       monitor.Round
	Measures    []plan.Measure
	Assessments map[int64]monitor.Assessment
	// Previous is the round the change is measured from; nil for the first.
	Previous *monitor.Round
	// PlanRounds are the plan's rounds as read to find Previous: the
	// published ones for a published round, all for another.
	PlanRounds []monitor.Round
	Progress   monitor.Progress
	// AsOf is the day overdue measures are judged on.
	AsOf plan.Date
	// Current says the figures use the assessments' current versions,
	// drafts included: an unpublished round, which only monitors see. A
	// published round always shows its approved versions, to everyone, so
	// that a monitor sees what the public sees.
	Current bool
}

// figuresOf reads a round's plan, measures and assessments and the
// previous round's, and summarises them. The previous round of a published
// round is the published one before it (what the public could compare);
// of an unpublished round, whichever round comes before it.
func (s *Server) figuresOf(ctx context.Context, rd monitor.Round) (roundFigures, error) {
	f := roundFigures{Round: rd, Current: !rd.Public()}
	var err error
	if f.Plan, err = s.reg.GetPlan(ctx, strconv.FormatInt(rd.PlanID, 10)); err != nil {
		return f, err
	}
	if f.Measures, err = s.allPlanMeasures(ctx, rd.PlanID); err != nil {
		return f, err
	}
	if f.Assessments, err = s.monitor.RoundAssessments(ctx, rd.ID, rd.Public()); err != nil {
		return f, err
	}
	rounds, err := s.monitor.ListRounds(ctx, rd.PlanID, rd.Public())
	if err != nil {
		return f, err
	}
	f.PlanRounds = rounds
	var previous map[int64]monitor.Assessment
	for i, x := range rounds {
		if x.ID == rd.ID && i > 0 {
			p := rounds[i-1]
			f.Previous = &p
			if previous, err = s.monitor.RoundAssessments(ctx, p.ID, p.Public()); err != nil {
				return f, err
			}
			if previous == nil {
				// Summarise reads nil as "no previous round".
				previous = map[int64]monitor.Assessment{}
			}
		}
	}
	f.AsOf = s.figuresDay(rd)
	f.Progress = monitor.Summarise(f.Measures, f.Assessments, previous, f.AsOf)
	return f, nil
}

// figuresDay is the day a round's figures are judged on: the end of the period
// it looks at, or today (in Baku) while that is still to come or unknown.
func (s *Server) figuresDay(rd monitor.Round) plan.Date {
	t := s.now().In(displayZone)
	today := plan.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	if e := rd.Period.End; e != nil && e.Before(today) {
		return *e
	}
	return today
}

// latestPublishedRound returns the last of a plan's published rounds, or false
// when none is published.
func (s *Server) latestPublishedRound(ctx context.Context, planID int64) (monitor.Round, bool, error) {
	rounds, err := s.monitor.ListRounds(ctx, planID, true)
	if err != nil || len(rounds) == 0 {
		return monitor.Round{}, false, err
	}
	return rounds[len(rounds)-1], true, nil
}

// visibleRounds lists the rounds of a plan the request's sender may see:
// the published ones, and the others too for those who may read
// monitoring. Without a monitoring store there are none.
func (s *Server) visibleRounds(r *http.Request, planID int64) ([]monitor.Round, error) {
	if s.monitor == nil {
		return nil, nil
	}
	return s.monitor.ListRounds(r.Context(), planID, !s.seesUnpublished(r))
}

// publishedRoundsOf lists a plan's published rounds for its page; none
// without a monitoring store.
func (s *Server) publishedRoundsOf(ctx context.Context, planID int64) ([]monitor.Round, error) {
	if s.monitor == nil {
		return nil, nil
	}
	return s.monitor.ListRounds(ctx, planID, true)
}

// AsOfDate is AsOf as the locale's date formatter takes it.
func (f roundFigures) AsOfDate() *plan.Date { return &f.AsOf }

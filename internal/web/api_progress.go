package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// apiDistribution is a set of measures counted by completion, with every
// level present (zeros too) so that readers need not guess.
type apiDistribution struct {
	Measures    int                `json:"measures"`
	Assessed    int                `json:"assessed"`
	NotAssessed int                `json:"not_assessed"`
	Counts      map[string]int     `json:"counts"`
	Shares      map[string]float64 `json:"shares"`
	Score       float64            `json:"score"`
	Scored      int                `json:"scored"`
}

// apiGroupProgress is an area's or an executor's distribution. The
// measures outside any area have a null id.
type apiGroupProgress struct {
	ID     *int64    `json:"id"`
	Number string    `json:"number,omitempty"`
	Name   plan.Text `json:"name"`
	apiDistribution
}

type apiChangeMeasure struct {
	Measure  apiMeasureRef `json:"measure"`
	Previous string        `json:"previous"`
	Now      string        `json:"now"`
	Change   string        `json:"change"`
}

type apiChange struct {
	PreviousRound apiRound           `json:"previous_round"`
	Counts        map[string]int     `json:"counts"`
	Measures      []apiChangeMeasure `json:"measures"`
}

// apiProgress is what a round's dashboard shows, as data.
type apiProgress struct {
	Plan  apiPlanRef `json:"plan"`
	Round apiRound   `json:"round"`
	AsOf  string     `json:"as_of"`
	// Versions is "approved" for a published round, "current" for one in
	// progress (which only monitors may read).
	Versions  string             `json:"versions"`
	Overall   apiDistribution    `json:"overall"`
	Areas     []apiGroupProgress `json:"areas"`
	Executors []apiGroupProgress `json:"executors"`
	Overdue   []apiMeasureRef    `json:"overdue"`
	Starred   []apiMeasureRef    `json:"starred"`
	// Change is null for a plan's first round.
	Change *apiChange `json:"change"`
}

func toAPIDistribution(d monitor.Distribution) apiDistribution {
	out := apiDistribution{Measures: d.Measures, Assessed: d.Assessed(), NotAssessed: d.Unassessed, Counts: map[string]int{},
		Shares: map[string]float64{}, Score: d.Score, Scored: d.Scored}
	for _, c := range monitor.Completions {
		out.Counts[string(c)] = d.Counts[c]
		out.Shares[string(c)] = d.Share(c)
	}
	return out
}

func toAPIGroups(gs []monitor.GroupProgress) []apiGroupProgress {
	out := []apiGroupProgress{}
	for _, g := range gs {
		x := apiGroupProgress{Number: g.Number, Name: g.Name, apiDistribution: toAPIDistribution(g.Distribution)}
		if g.ID != 0 {
			id := g.ID
			x.ID = &id
		}
		if x.Name == nil {
			x.Name = plan.Text{}
		}
		out = append(out, x)
	}
	return out
}

func toAPIMeasureRefs(ms []plan.Measure) []apiMeasureRef {
	out := []apiMeasureRef{}
	for _, m := range ms {
		out = append(out, toAPIMeasureRef(m))
	}
	return out
}

// apiPlanProgress answers the figures of a plan's latest published round,
// or of the round ?round= names.
func (s *Server) apiPlanProgress(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reg.GetPlan(ctx, r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var rd monitor.Round
	if v := r.URL.Query().Get("round"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			badParam(w, "round must be a round id, not "+strconv.Quote(v))
			return
		}
		if s.monitor == nil {
			s.apiFail(w, r, plan.ErrNotFound)
			return
		}
		rd, err = s.monitor.GetRound(ctx, id)
		// A round of another plan, or one the sender may not see, is not
		// this plan's as far as the API is concerned.
		if err == nil && (rd.PlanID != p.ID || (!rd.Public() && !s.seesUnpublished(r))) {
			err = plan.ErrNotFound
		}
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
	} else {
		found := false
		if s.monitor != nil {
			if rd, found, err = s.latestPublishedRound(ctx, p.ID); err != nil {
				s.apiFail(w, r, err)
				return
			}
		}
		if !found {
			writeJSON(w, http.StatusNotFound, apiError{"no round of plan " + strconv.FormatInt(p.ID, 10) + " is published yet"})
			return
		}
	}
	f, err := s.figuresOf(ctx, rd)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	pr := f.Progress
	out := apiProgress{Plan: apiPlanRef{ID: f.Plan.ID, ExternalID: f.Plan.ExternalID, Member: apiMemberRef{Slug: f.Plan.Member.Slug, Name: f.Plan.Member.Name}},
		Round: toAPIRound(rd), AsOf: f.AsOf.String(), Versions: "approved", Overall: toAPIDistribution(pr.Overall),
		Areas: toAPIGroups(pr.Areas), Executors: toAPIGroups(pr.Executors), Overdue: toAPIMeasureRefs(pr.Overdue), Starred: toAPIMeasureRefs(pr.Starred)}
	if f.Current {
		out.Versions = "current"
	}
	if pr.HasPrevious && f.Previous != nil {
		c := &apiChange{PreviousRound: toAPIRound(*f.Previous), Counts: map[string]int{}, Measures: []apiChangeMeasure{}}
		for _, k := range monitor.ChangeKinds {
			c.Counts[string(k)] = pr.ChangeCounts[k]
		}
		for _, m := range pr.Changes {
			c.Measures = append(c.Measures, apiChangeMeasure{Measure: toAPIMeasureRef(m.Measure), Previous: string(m.Previous), Now: string(m.Now), Change: string(m.Change)})
		}
		out.Change = c
	}
	writeJSON(w, http.StatusOK, out)
}

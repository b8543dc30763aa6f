package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// apiRound is a round of monitoring in the API.
type apiRound struct {
	ID         int64     `json:"id"`
	ExternalID string    `json:"external_id"`
	PlanID     int64     `json:"plan_id"`
	Name       plan.Text `json:"name"`
	Kind       string    `json:"kind"`
	Period     apiPeriod `json:"period"`
	Status     string    `json:"status"`
	Source     string    `json:"source"`
	// Assessed counts the measures with an assessment, Approved those
	// whose assessment has an approved version (the published ones).
	Assessed       int    `json:"assessed"`
	Approved       int    `json:"approved"`
	UpdatedAt      string `json:"updated_at"`
	URL            string `json:"url"`
	AssessmentsURL string `json:"assessments_url"`
	ProgressURL    string `json:"progress_url"`
}

func toAPIRound(rd monitor.Round) apiRound {
	id := strconv.FormatInt(rd.ID, 10)
	return apiRound{ID: rd.ID, ExternalID: rd.ExternalID, PlanID: rd.PlanID, Name: rd.Name, Kind: string(rd.Kind),
		Period: toAPIPeriod(rd.Period), Status: string(rd.Status), Source: rd.Source, Assessed: rd.Assessed, Approved: rd.Approved,
		UpdatedAt: stamp(rd.UpdatedAt), URL: "/rounds/" + id, AssessmentsURL: "/api/v1/rounds/" + id + "/assessments",
		ProgressURL: "/api/v1/plans/" + strconv.FormatInt(rd.PlanID, 10) + "/progress?round=" + id}
}

// apiPlanRounds lists a plan's rounds in order: the published ones, and
// the others too for those who may read monitoring.
func (s *Server) apiPlanRounds(w http.ResponseWriter, r *http.Request) {
	limit, offset, problem := paging(r.URL.Query(), false)
	if problem != "" {
		badParam(w, problem)
		return
	}
	p, err := s.reg.GetPlan(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	rounds, err := s.visibleRounds(r, p.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiRound]{Items: []apiRound{}, Total: len(rounds), Limit: limit, Offset: offset}
	for _, rd := range rounds[min(offset, len(rounds)):min(offset+limit, len(rounds))] {
		out.Items = append(out.Items, toAPIRound(rd))
	}
	writeJSON(w, http.StatusOK, out)
}

// apiRoundOf reads the path's round for the API: a round the sender may
// not see is as unknown as one that does not exist, so the public learns
// nothing of rounds in progress.
func (s *Server) apiRoundOf(w http.ResponseWriter, r *http.Request) (monitor.Round, bool) {
	rd, err := s.pathRound(r)
	if err == nil && !rd.Public() && !s.seesUnpublished(r) {
		err = plan.ErrNotFound
	}
	if err != nil {
		s.apiFail(w, r, err)
		return rd, false
	}
	return rd, true
}

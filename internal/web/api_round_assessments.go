package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// apiAssessment is a measure's published assessment in a round: its last
// approved version. Empty ratings are null.
type apiAssessment struct {
	ID             int64                    `json:"id"`
	RoundID        int64                    `json:"round_id"`
	Measure        apiMeasureRef            `json:"measure"`
	Completion     *string                  `json:"completion"`
	Verifiable     *bool                    `json:"verifiable"`
	Relevance      []string                 `json:"relevance"`
	RelevanceRated bool                     `json:"relevance_rated"`
	Impact         *string                  `json:"potential_impact"`
	Opened         *string                  `json:"did_it_open_government"`
	EarlyResults   *string                  `json:"early_results"`
	Starred        bool                     `json:"starred"`
	Narrative      string                   `json:"narrative"`
	Milestones     []apiMilestoneCompletion `json:"milestones"`
	Evidence       []apiEvidence            `json:"evidence"`
	Version        int                      `json:"version"`
	UpdatedAt      string                   `json:"updated_at"`
	Source         string                   `json:"source"`
}

// apiMeasureRef names a measure from another list.
type apiMeasureRef struct {
	ID         int64     `json:"id"`
	ExternalID string    `json:"external_id"`
	Clause     string    `json:"clause"`
	Title      plan.Text `json:"title"`
	URL        string    `json:"url"`
}

type apiMilestoneCompletion struct {
	MilestoneID int64  `json:"milestone_id"`
	Completion  string `json:"completion"`
}

// apiEvidence is a link or a file an assessment rests on; a file's URL is
// where it is downloaded, its SHA-256 what a copy is checked against.
type apiEvidence struct {
	ID          int64   `json:"id"`
	Kind        string  `json:"kind"`
	Title       string  `json:"title"`
	URL         string  `json:"url"`
	AccessedOn  *string `json:"accessed_on"`
	FileName    string  `json:"file_name,omitempty"`
	ContentType string  `json:"content_type,omitempty"`
	Size        int64   `json:"size,omitempty"`
	SHA256      string  `json:"sha256,omitempty"`
	AddedAt     string  `json:"added_at"`
}

func toAPIMeasureRef(m plan.Measure) apiMeasureRef {
	return apiMeasureRef{ID: m.ID, ExternalID: m.ExternalID, Clause: m.Clause, Title: m.Title, URL: "/api/v1/measures/" + strconv.FormatInt(m.ID, 10)}
}

// optional turns an unrated value into null.
func optional[T ~string](v T) *string {
	if v == "" {
		return nil
	}
	s := string(v)
	return &s
}

func toAPIAssessment(m plan.Measure, a monitor.Assessment) apiAssessment {
	out := apiAssessment{ID: a.ID, RoundID: a.RoundID, Measure: toAPIMeasureRef(m), Completion: optional(a.Completion), Verifiable: a.Verifiable,
		Relevance: []string{}, RelevanceRated: a.RelevanceRated, Impact: optional(a.Impact), Opened: optional(a.Opened),
		EarlyResults: optional(a.EarlyResults), Starred: a.Starred(), Narrative: a.Narrative, Milestones: []apiMilestoneCompletion{},
		Evidence: []apiEvidence{}, Version: a.Version, UpdatedAt: stamp(a.UpdatedAt), Source: a.Source}
	for _, v := range a.Relevance {
		out.Relevance = append(out.Relevance, string(v))
	}
	for _, mc := range a.Milestones {
		out.Milestones = append(out.Milestones, apiMilestoneCompletion{MilestoneID: mc.MilestoneID, Completion: string(mc.Completion)})
	}
	for _, e := range a.Evidence {
		ev := apiEvidence{ID: e.ID, Kind: string(e.Kind), Title: e.Title, URL: e.URL, FileName: e.FileName, ContentType: e.ContentType,
			Size: e.Size, SHA256: e.SHA256, AddedAt: stamp(e.AddedAt)}
		if e.AccessedOn != nil {
			d := e.AccessedOn.String()
			ev.AccessedOn = &d
		}
		if e.Kind == monitor.EvidenceFile {
			ev.URL = "/evidence/" + strconv.FormatInt(e.ID, 10)
		}
		out.Evidence = append(out.Evidence, ev)
	}
	return out
}

// publishedAssessment is a measure with its approved assessment.
type publishedAssessment struct {
	Measure    plan.Measure
	Assessment monitor.Assessment
}

// roundPublishedAssessments reads the path's round's approved assessments
// in the plan's measure order. The API shows approved versions only, to
// monitors too: it is the published record, not the work in progress.
func (s *Server) roundPublishedAssessments(w http.ResponseWriter, r *http.Request) (monitor.Round, []publishedAssessment, bool) {
	rd, ok := s.apiRoundOf(w, r)
	if !ok {
		return rd, nil, false
	}
	ctx := r.Context()
	as, err := s.monitor.RoundAssessments(ctx, rd.ID, true)
	if err != nil {
		s.apiFail(w, r, err)
		return rd, nil, false
	}
	measures, err := s.allPlanMeasures(ctx, rd.PlanID)
	if err != nil {
		s.apiFail(w, r, err)
		return rd, nil, false
	}
	var out []publishedAssessment
	for _, m := range measures {
		if a, ok := as[m.ID]; ok {
			out = append(out, publishedAssessment{Measure: m, Assessment: a})
		}
	}
	return rd, out, true
}

// apiRoundAssessments lists a round's approved assessments.
func (s *Server) apiRoundAssessments(w http.ResponseWriter, r *http.Request) {
	limit, offset, problem := paging(r.URL.Query(), false)
	if problem != "" {
		badParam(w, problem)
		return
	}
	_, items, ok := s.roundPublishedAssessments(w, r)
	if !ok {
		return
	}
	out := apiList[apiAssessment]{Items: []apiAssessment{}, Total: len(items), Limit: limit, Offset: offset}
	for _, x := range items[min(offset, len(items)):min(offset+limit, len(items))] {
		out.Items = append(out.Items, toAPIAssessment(x.Measure, x.Assessment))
	}
	writeJSON(w, http.StatusOK, out)
}

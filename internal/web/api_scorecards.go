package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// Published scorecards as open data: the comparison table the public
// page shows — subjects, criteria, every cell's score, evidence and note —
// with each subject's total and rank. Drafts are not in it.

type apiScorecardSummary struct {
	ID       int64     `json:"id"`
	URL      string    `json:"url"`
	PageURL  string    `json:"page_url"`
	Title    plan.Text `json:"title"`
	Subjects int       `json:"subjects"`
	Criteria int       `json:"criteria"`
}

type apiScorecard struct {
	ID          int64                   `json:"id"`
	URL         string                  `json:"url"`
	PageURL     string                  `json:"page_url"`
	Title       plan.Text               `json:"title"`
	Description plan.Text               `json:"description"`
	ActivityID  *int64                  `json:"activity_id"`
	Subjects    []apiScorecardSubject   `json:"subjects"`
	Criteria    []apiScorecardCriterion `json:"criteria"`
	Scores      []apiScorecardCell      `json:"scores"`
	Totals      []apiScorecardTotal     `json:"totals"`
}

type apiScorecardSubject struct {
	ID             int64     `json:"id"`
	OrganisationID int64     `json:"organisation_id"`
	Name           plan.Text `json:"name"`
}

type apiScorecardCriterion struct {
	ID       int64     `json:"id"`
	Title    plan.Text `json:"title"`
	Guidance plan.Text `json:"guidance"`
	Weight   int       `json:"weight"`
	Min      int       `json:"min"`
	Max      int       `json:"max"`
}

// apiScorecardCell is one subject's score on one criterion; score null is
// not scored yet, which is not a zero.
type apiScorecardCell struct {
	SubjectID   int64  `json:"subject_id"`
	CriterionID int64  `json:"criterion_id"`
	Score       *int   `json:"score"`
	Evidence    string `json:"evidence"`
	Note        string `json:"note"`
}

// apiScorecardTotal is a subject's result: its weighted share of the
// maximum as a percentage (null without any score), how many of its cells
// are scored, and its rank (null without any score; ties share a rank).
type apiScorecardTotal struct {
	SubjectID int64    `json:"subject_id"`
	Percent   *float64 `json:"percent"`
	Scored    int      `json:"scored"`
	Cells     int      `json:"cells"`
	Rank      *int     `json:"rank"`
}

// apiScorecards lists the published scorecards.
func (s *Server) apiScorecards(w http.ResponseWriter, r *http.Request) {
	limit, offset, problem := paging(r.URL.Query(), false)
	if problem != "" {
		badParam(w, problem)
		return
	}
	list, err := s.scorecards.ListScorecards(r.Context(), true)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiScorecardSummary]{Items: []apiScorecardSummary{}, Total: len(list), Limit: limit, Offset: offset}
	for i := offset; i < len(list) && i < offset+limit; i++ {
		c := list[i]
		id := strconv.FormatInt(c.ID, 10)
		out.Items = append(out.Items, apiScorecardSummary{ID: c.ID, URL: "/api/v1/scorecards/" + id, PageURL: "/scorecards/" + id,
			Title: c.Title, Subjects: c.Subjects, Criteria: c.Criteria})
	}
	writeJSON(w, http.StatusOK, out)
}

// apiScorecardOne answers a published scorecard whole; a draft is not
// found.
func (s *Server) apiScorecardOne(w http.ResponseWriter, r *http.Request) {
	id, ok := positiveID(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, apiError{"not found: " + r.URL.Path})
		return
	}
	c, err := s.scorecards.GetScorecard(r.Context(), id)
	if err == nil && c.Status != scorecard.Published {
		err = plan.ErrNotFound
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ref := strconv.FormatInt(c.ID, 10)
	out := apiScorecard{ID: c.ID, URL: "/api/v1/scorecards/" + ref, PageURL: "/scorecards/" + ref, Title: c.Title, Description: c.Description,
		Subjects: []apiScorecardSubject{}, Criteria: []apiScorecardCriterion{}, Scores: []apiScorecardCell{}, Totals: []apiScorecardTotal{}}
	if c.ActivityID > 0 {
		a := c.ActivityID
		out.ActivityID = &a
	}
	for _, sub := range c.Subjects {
		out.Subjects = append(out.Subjects, apiScorecardSubject{ID: sub.ID, OrganisationID: sub.OrganisationID, Name: sub.Name})
	}
	for _, cr := range c.Criteria {
		out.Criteria = append(out.Criteria, apiScorecardCriterion{ID: cr.ID, Title: cr.Title, Guidance: cr.Guidance, Weight: cr.Weight, Min: cr.Min, Max: cr.Max})
	}
	for _, sub := range c.Subjects {
		for _, cr := range c.Criteria {
			x := c.Cell(sub.ID, cr.ID)
			out.Scores = append(out.Scores, apiScorecardCell{SubjectID: sub.ID, CriterionID: cr.ID, Score: x.Score, Evidence: x.Evidence, Note: x.Note})
		}
	}
	for _, t := range c.Totals() {
		row := apiScorecardTotal{SubjectID: t.Subject.ID, Scored: t.Scored, Cells: t.Cells}
		if t.Share != nil {
			p := t.Percent()
			rank := t.Rank
			row.Percent, row.Rank = &p, &rank
		}
		out.Totals = append(out.Totals, row)
	}
	writeJSON(w, http.StatusOK, out)
}

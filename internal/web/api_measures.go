package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

type apiAreaRef struct {
	ID     int64     `json:"id"`
	Number string    `json:"number"`
	Title  plan.Text `json:"title"`
}

type apiExecutor struct {
	ID   int64     `json:"id"`
	Name plan.Text `json:"name"`
	Role string    `json:"role"`
}

type apiMilestone struct {
	Title  plan.Text `json:"title"`
	Period apiPeriod `json:"period"`
}

type apiMeasure struct {
	ID          int64          `json:"id"`
	ExternalID  string         `json:"external_id"`
	URL         string         `json:"url"`
	Plan        apiPlanRef     `json:"plan"`
	Area        *apiAreaRef    `json:"area"`
	Clause      string         `json:"clause"`
	Title       plan.Text      `json:"title"`
	Description plan.Text      `json:"description"`
	Indicator   plan.Text      `json:"indicator"`
	Period      apiPeriod      `json:"period"`
	Values      []string       `json:"ogp_values"`
	Tags        []string       `json:"tags"`
	Executors   []apiExecutor  `json:"executors"`
	Milestones  []apiMilestone `json:"milestones,omitempty"`
	Source      string         `json:"source"`
	SourceURL   string         `json:"source_url"`
	UpdatedAt   string         `json:"updated_at"`
}

type apiPlanRef struct {
	ID         int64        `json:"id"`
	ExternalID string       `json:"external_id"`
	Member     apiMemberRef `json:"member"`
}

func toAPIMeasure(m plan.Measure) apiMeasure {
	out := apiMeasure{ID: m.ID, ExternalID: m.ExternalID, URL: "/api/v1/measures/" + strconv.FormatInt(m.ID, 10),
		Plan:   apiPlanRef{ID: m.PlanID, ExternalID: m.Plan.ExternalID, Member: apiMemberRef{Slug: m.Plan.Member.Slug, Name: m.Plan.Member.Name}},
		Clause: m.Clause, Title: m.Title, Description: m.Description, Indicator: m.Indicator, Period: toAPIPeriod(m.Period),
		Values: []string{}, Tags: m.Tags, Executors: []apiExecutor{}, Source: m.Source, SourceURL: m.SourceURL, UpdatedAt: stamp(m.UpdatedAt)}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if m.AreaID != 0 {
		out.Area = &apiAreaRef{ID: m.AreaID, Number: m.Area.Number, Title: m.Area.Title}
	}
	for _, v := range m.Values {
		out.Values = append(out.Values, string(v))
	}
	for _, e := range m.Executors {
		out.Executors = append(out.Executors, apiExecutor{ID: e.OrganisationID, Name: e.Organisation.Name, Role: string(e.Role)})
	}
	for _, ms := range m.Milestones {
		out.Milestones = append(out.Milestones, apiMilestone{Title: ms.Title, Period: toAPIPeriod(ms.Period)})
	}
	return out
}

// listMeasures answers the measure lists; planRef limits them to one plan.
func (s *Server) listMeasures(w http.ResponseWriter, r *http.Request, planRef string, csv bool) (plan.Page[plan.Measure], int, int, bool) {
	var none plan.Page[plan.Measure]
	q := r.URL.Query()
	limit, offset, problem := paging(q, csv)
	if problem != "" {
		badParam(w, problem)
		return none, 0, 0, false
	}
	f, key := measureFilterFrom(q)
	if key != "" {
		badParam(w, apiParamReasons[key])
		return none, 0, 0, false
	}
	if planRef != "" {
		p, err := s.reg.GetPlan(r.Context(), planRef)
		if err != nil {
			s.apiFail(w, r, err)
			return none, 0, 0, false
		}
		f.PlanID = p.ID
	}
	res, err := readPages(limit, offset, func(limit, offset int) (plan.Page[plan.Measure], error) {
		f.Limit, f.Offset = limit, offset
		return s.reg.ListMeasures(r.Context(), f)
	})
	if err != nil {
		s.apiFail(w, r, err)
		return none, 0, 0, false
	}
	return res, limit, offset, true
}

func (s *Server) writeMeasures(w http.ResponseWriter, res plan.Page[plan.Measure], limit, offset int) {
	out := apiList[apiMeasure]{Items: []apiMeasure{}, Total: res.Total, Limit: limit, Offset: offset}
	for _, m := range res.Items {
		out.Items = append(out.Items, toAPIMeasure(m))
	}
	writeJSON(w, http.StatusOK, out)
}

var measureCSVHeader = func() []string {
	h := []string{"id", "external_id", "plan_id", "plan_external_id", "member_slug", "area_id", "area_number", "clause"}
	h = append(h, textHeader("title")...)
	h = append(h, textHeader("description")...)
	h = append(h, textHeader("indicator")...)
	return append(h, "period", "start", "end", "ogp_values", "tags", "responsible", "recommended", "supporting", "source", "source_url", "updated_at")
}()

func writeMeasuresCSV(w http.ResponseWriter, name string, res plan.Page[plan.Measure]) {
	cw := csvWriter(w, name, measureCSVHeader)
	for _, m := range res.Items {
		area := ""
		if m.AreaID != 0 {
			area = strconv.FormatInt(m.AreaID, 10)
		}
		row := []string{strconv.FormatInt(m.ID, 10), m.ExternalID, strconv.FormatInt(m.PlanID, 10), m.Plan.ExternalID, m.Plan.Member.Slug, area, m.Area.Number, m.Clause}
		row = append(row, textColumns(m.Title)...)
		row = append(row, textColumns(m.Description)...)
		row = append(row, textColumns(m.Indicator)...)
		values := make([]string, len(m.Values))
		for i, v := range m.Values {
			values[i] = string(v)
		}
		byRole := map[plan.ExecutorRole][]string{}
		for _, e := range m.Executors {
			byRole[e.Role] = append(byRole[e.Role], e.Organisation.Name.String())
		}
		// Executor names may contain commas and semicolons: a JSON list
		// keeps them apart for any reader that splits the cell.
		role := func(r plan.ExecutorRole) string {
			if len(byRole[r]) == 0 {
				return ""
			}
			b, _ := json.Marshal(byRole[r])
			return string(b)
		}
		row = append(row, m.Period.Text, dateString(m.Period.Start), dateString(m.Period.End), strings.Join(values, ";"), strings.Join(m.Tags, ";"),
			role(plan.RoleResponsible), role(plan.RoleRecommended), role(plan.RoleSupporting), m.Source, m.SourceURL, stamp(m.UpdatedAt))
		cw.Write(row)
	}
	cw.Flush()
}

func (s *Server) apiMeasures(w http.ResponseWriter, r *http.Request) {
	if res, limit, offset, ok := s.listMeasures(w, r, "", false); ok {
		s.writeMeasures(w, res, limit, offset)
	}
}

func (s *Server) apiMeasuresCSV(w http.ResponseWriter, r *http.Request) {
	if res, _, _, ok := s.listMeasures(w, r, "", true); ok {
		writeMeasuresCSV(w, "measures.csv", res)
	}
}

func (s *Server) apiPlanMeasures(w http.ResponseWriter, r *http.Request) {
	if res, limit, offset, ok := s.listMeasures(w, r, r.PathValue("id"), false); ok {
		s.writeMeasures(w, res, limit, offset)
	}
}

func (s *Server) apiPlanMeasuresCSV(w http.ResponseWriter, r *http.Request) {
	if res, _, _, ok := s.listMeasures(w, r, r.PathValue("id"), true); ok {
		writeMeasuresCSV(w, "plan-"+r.PathValue("id")+"-measures.csv", res)
	}
}

func (s *Server) apiMeasure(w http.ResponseWriter, r *http.Request) {
	m, err := s.reg.GetMeasure(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIMeasure(m))
}

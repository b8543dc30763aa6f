package web

import (
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

type apiMember struct {
	Slug   string    `json:"slug"`
	Name   plan.Text `json:"name"`
	Kind   string    `json:"kind"`
	Region string    `json:"region"`
	Code   string    `json:"code"`
	Plans  []string  `json:"plans"`
}

type apiPlan struct {
	ID           int64        `json:"id"`
	ExternalID   string       `json:"external_id"`
	URL          string       `json:"url"`
	Member       apiMemberRef `json:"member"`
	Number       int          `json:"number"`
	Title        plan.Text    `json:"title"`
	Period       apiPeriod    `json:"period"`
	Approved     string       `json:"approved"`
	Source       string       `json:"source"`
	SourceURL    string       `json:"source_url"`
	Note         plan.Text    `json:"note"`
	MeasureCount int          `json:"measure_count"`
	UpdatedAt    string       `json:"updated_at"`
}

func toAPIPlan(p plan.PlanSummary) apiPlan {
	return apiPlan{ID: p.ID, ExternalID: p.ExternalID, URL: "/api/v1/plans/" + strconv.FormatInt(p.ID, 10),
		Member: apiMemberRef{Slug: p.Member.Slug, Name: p.Member.Name}, Number: p.Number, Title: p.Title,
		Period: toAPIPeriod(p.Period), Approved: p.Approved, Source: p.Source, SourceURL: p.SourceURL, Note: p.Note,
		MeasureCount: p.MeasureCount, UpdatedAt: stamp(p.UpdatedAt)}
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request, csv bool) (plan.Page[plan.MemberPlans], int, int, bool) {
	q := r.URL.Query()
	limit, offset, problem := paging(q, csv)
	if problem != "" {
		badParam(w, problem)
		return plan.Page[plan.MemberPlans]{}, 0, 0, false
	}
	res, err := readPages(limit, offset, func(limit, offset int) (plan.Page[plan.MemberPlans], error) {
		return s.reg.ListMembers(r.Context(), plan.MemberFilter{Q: q.Get("q"), Limit: limit, Offset: offset})
	})
	if err != nil {
		s.apiFail(w, r, err)
		return res, 0, 0, false
	}
	return res, limit, offset, true
}

func (s *Server) apiMembers(w http.ResponseWriter, r *http.Request) {
	res, limit, offset, ok := s.listMembers(w, r, false)
	if !ok {
		return
	}
	out := apiList[apiMember]{Items: []apiMember{}, Total: res.Total, Limit: limit, Offset: offset}
	for _, m := range res.Items {
		am := apiMember{Slug: m.Member.Slug, Name: m.Member.Name, Kind: string(m.Member.Kind), Region: m.Member.Region, Code: m.Member.Code, Plans: []string{}}
		for _, p := range m.Plans {
			am.Plans = append(am.Plans, p.ExternalID)
		}
		out.Items = append(out.Items, am)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiMembersCSV(w http.ResponseWriter, r *http.Request) {
	res, _, _, ok := s.listMembers(w, r, true)
	if !ok {
		return
	}
	header := append(append([]string{"slug"}, textHeader("name")...), "kind", "region", "code", "plans")
	cw := csvWriter(w, "members.csv", header)
	for _, m := range res.Items {
		ids := make([]string, len(m.Plans))
		for i, p := range m.Plans {
			ids[i] = p.ExternalID
		}
		cw.Write(append(append([]string{m.Member.Slug}, textColumns(m.Member.Name)...), string(m.Member.Kind), m.Member.Region, m.Member.Code, strings.Join(ids, ";")))
	}
	cw.Flush()
}

func (s *Server) listPlans(w http.ResponseWriter, r *http.Request, csv bool) (plan.Page[plan.PlanSummary], int, int, bool) {
	q := r.URL.Query()
	limit, offset, problem := paging(q, csv)
	if problem != "" {
		badParam(w, problem)
		return plan.Page[plan.PlanSummary]{}, 0, 0, false
	}
	res, err := readPages(limit, offset, func(limit, offset int) (plan.Page[plan.PlanSummary], error) {
		return s.reg.ListPlans(r.Context(), plan.PlanFilter{Member: q.Get("member"), Q: q.Get("q"), Limit: limit, Offset: offset})
	})
	if err != nil {
		s.apiFail(w, r, err)
		return res, 0, 0, false
	}
	return res, limit, offset, true
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	res, limit, offset, ok := s.listPlans(w, r, false)
	if !ok {
		return
	}
	out := apiList[apiPlan]{Items: []apiPlan{}, Total: res.Total, Limit: limit, Offset: offset}
	for _, p := range res.Items {
		out.Items = append(out.Items, toAPIPlan(p))
	}
	writeJSON(w, http.StatusOK, out)
}

var planCSVHeader = func() []string {
	h := []string{"id", "external_id", "member_slug"}
	h = append(h, textHeader("member_name")...)
	h = append(h, "number")
	h = append(h, textHeader("title")...)
	return append(h, "period", "start", "end", "approved", "source", "source_url", "measure_count", "updated_at")
}()

func (s *Server) apiPlansCSV(w http.ResponseWriter, r *http.Request) {
	res, _, _, ok := s.listPlans(w, r, true)
	if !ok {
		return
	}
	cw := csvWriter(w, "plans.csv", planCSVHeader)
	for _, p := range res.Items {
		row := []string{strconv.FormatInt(p.ID, 10), p.ExternalID, p.Member.Slug}
		row = append(row, textColumns(p.Member.Name)...)
		row = append(row, strconv.Itoa(p.Number))
		row = append(row, textColumns(p.Title)...)
		row = append(row, p.Period.Text, dateString(p.Period.Start), dateString(p.Period.End), p.Approved, p.Source, p.SourceURL,
			strconv.Itoa(p.MeasureCount), stamp(p.UpdatedAt))
		cw.Write(row)
	}
	cw.Flush()
}

func (s *Server) apiPlan(w http.ResponseWriter, r *http.Request) {
	p, err := s.reg.GetPlan(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	areas, err := s.reg.PlanAreas(r.Context(), p.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	type apiArea struct {
		ID           int64     `json:"id"`
		Number       string    `json:"number"`
		ExternalID   string    `json:"external_id"`
		Title        plan.Text `json:"title"`
		MeasureCount int       `json:"measure_count"`
	}
	out := struct {
		apiPlan
		Areas       []apiArea `json:"areas"`
		MeasuresURL string    `json:"measures_url"`
	}{Areas: []apiArea{}, MeasuresURL: "/api/v1/plans/" + strconv.FormatInt(p.ID, 10) + "/measures"}
	for _, a := range areas {
		out.Areas = append(out.Areas, apiArea{ID: a.ID, Number: a.Number, ExternalID: a.ExternalID, Title: a.Title, MeasureCount: a.MeasureCount})
	}
	// The plan's own measure count comes from its measures, with or without an area.
	res, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{PlanID: p.ID, Limit: 1})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out.apiPlan = toAPIPlan(plan.PlanSummary{Plan: p, MeasureCount: res.Total})
	writeJSON(w, http.StatusOK, out)
}

package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/plan"
)

type apiOrganisation struct {
	ID           int64         `json:"id"`
	URL          string        `json:"url"`
	Name         plan.Text     `json:"name"`
	Kind         string        `json:"kind"`
	Member       *apiMemberRef `json:"member"`
	MeasureCount int           `json:"measure_count"`
	MeasuresURL  string        `json:"measures_url"`
}

func toAPIOrganisation(o plan.Organisation) apiOrganisation {
	id := strconv.FormatInt(o.ID, 10)
	out := apiOrganisation{ID: o.ID, URL: "/api/v1/organisations/" + id, Name: o.Name, Kind: string(o.Kind),
		MeasureCount: o.MeasureCount, MeasuresURL: "/api/v1/measures?executor=" + id}
	if o.MemberID != 0 {
		out.Member = &apiMemberRef{Slug: o.Member.Slug, Name: o.Member.Name}
	}
	return out
}

func (s *Server) listOrganisations(w http.ResponseWriter, r *http.Request, csv bool) (plan.Page[plan.Organisation], int, int, bool) {
	q := r.URL.Query()
	limit, offset, problem := paging(q, csv)
	if problem != "" {
		badParam(w, problem)
		return plan.Page[plan.Organisation]{}, 0, 0, false
	}
	res, err := readPages(limit, offset, func(limit, offset int) (plan.Page[plan.Organisation], error) {
		return s.reg.ListOrganisations(r.Context(), plan.OrganisationFilter{Member: q.Get("member"), Q: q.Get("q"), Limit: limit, Offset: offset})
	})
	if err != nil {
		s.apiFail(w, r, err)
		return res, 0, 0, false
	}
	return res, limit, offset, true
}

func (s *Server) apiOrganisations(w http.ResponseWriter, r *http.Request) {
	res, limit, offset, ok := s.listOrganisations(w, r, false)
	if !ok {
		return
	}
	out := apiList[apiOrganisation]{Items: []apiOrganisation{}, Total: res.Total, Limit: limit, Offset: offset}
	for _, o := range res.Items {
		out.Items = append(out.Items, toAPIOrganisation(o))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiOrganisationsCSV(w http.ResponseWriter, r *http.Request) {
	res, _, _, ok := s.listOrganisations(w, r, true)
	if !ok {
		return
	}
	header := append(append([]string{"id"}, textHeader("name")...), "kind", "member_slug", "measure_count")
	cw := csvWriter(w, "organisations.csv", header)
	for _, o := range res.Items {
		cw.Write(append(append([]string{strconv.FormatInt(o.ID, 10)}, textColumns(o.Name)...), string(o.Kind), o.Member.Slug, strconv.Itoa(o.MeasureCount)))
	}
	cw.Flush()
}

func (s *Server) apiOrganisation(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusNotFound, apiError{"not found: " + r.URL.Path})
		return
	}
	o, err := s.reg.GetOrganisation(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIOrganisation(o))
}

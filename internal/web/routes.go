package web

import (
	"io/fs"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes registers every page, API endpoint and operational endpoint. Every
// GET is free of side effects.
func (s *Server) routes() {
	handle := func(pattern string, h http.HandlerFunc) {
		s.patterns = append(s.patterns, pattern)
		s.mux.HandleFunc(pattern, h)
	}
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	s.patterns = append(s.patterns, "GET /static/")

	// Public pages.
	handle("GET /{$}", s.homePage)
	handle("GET /plans/{id}", s.planPage)
	handle("GET /measures/{id}", s.measurePage)
	handle("GET /organisations", s.organisationsPage)
	handle("GET /organisations/{id}", s.organisationPage)
	handle("GET /search", s.searchPage)

	// JSON API (read-only) and its CSV twins.
	handle("GET /api/v1/openapi.json", s.apiOpenAPI)
	handle("GET /api/v1/members", s.apiMembers)
	handle("GET /api/v1/members.csv", s.apiMembersCSV)
	handle("GET /api/v1/plans", s.apiPlans)
	handle("GET /api/v1/plans.csv", s.apiPlansCSV)
	handle("GET /api/v1/plans/{id}", s.apiPlan)
	handle("GET /api/v1/plans/{id}/measures", s.apiPlanMeasures)
	handle("GET /api/v1/plans/{id}/measures.csv", s.apiPlanMeasuresCSV)
	handle("GET /api/v1/measures", s.apiMeasures)
	handle("GET /api/v1/measures.csv", s.apiMeasuresCSV)
	handle("GET /api/v1/measures/{id}", s.apiMeasure)
	handle("GET /api/v1/organisations", s.apiOrganisations)
	handle("GET /api/v1/organisations.csv", s.apiOrganisationsCSV)
	handle("GET /api/v1/organisations/{id}", s.apiOrganisation)
	handle("/api/", s.apiNotFound)

	// Operations.
	handle("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.promReg, promhttp.HandlerOpts{}))
	s.patterns = append(s.patterns, "GET /metrics")

	handle("/", s.notFound)
}

// cacheStatic lets browsers keep the embedded assets for a day; they change
// only with a new binary.
func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}

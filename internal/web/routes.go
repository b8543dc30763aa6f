package web

import (
	"io/fs"
	"net/http"

	"ogpp/internal/access"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes registers every page, API endpoint and operational endpoint. Every
// GET is free of side effects.
//
// Each route names the action it performs; the guard asks the access policy
// before the handler runs, so no handler checks roles itself.
func (s *Server) routes() {
	handle := func(pattern string, action access.Action, h http.Handler) {
		s.routeList = append(s.routeList, Route{Pattern: pattern, Action: action})
		s.mux.Handle(pattern, s.guard(action, h))
	}
	public := func(pattern string, h http.HandlerFunc) { handle(pattern, access.Public, h) }
	static, _ := fs.Sub(staticFS, "static")
	handle("GET /static/", access.Public, http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))

	// Public pages.
	public("GET /{$}", s.homePage)
	public("GET /plans/{id}", s.planPage)
	public("GET /measures/{id}", s.measurePage)
	public("GET /organisations", s.organisationsPage)
	public("GET /organisations/{id}", s.organisationPage)
	public("GET /search", s.searchPage)

	// Signing in and out, and the one-time link that creates the first
	// administrator.
	handle("GET /login", access.SignIn, http.HandlerFunc(s.loginPage))
	handle("POST /login", access.SignIn, http.HandlerFunc(s.login))
	handle("POST /logout", access.Account, http.HandlerFunc(s.logout))
	handle("GET /setup/{token}", access.SignIn, http.HandlerFunc(s.setupPage))
	handle("POST /setup/{token}", access.SignIn, http.HandlerFunc(s.setup))

	// JSON API (read-only) and its CSV twins.
	public("GET /api/v1/openapi.json", s.apiOpenAPI)
	public("GET /api/v1/members", s.apiMembers)
	public("GET /api/v1/members.csv", s.apiMembersCSV)
	public("GET /api/v1/plans", s.apiPlans)
	public("GET /api/v1/plans.csv", s.apiPlansCSV)
	public("GET /api/v1/plans/{id}", s.apiPlan)
	public("GET /api/v1/plans/{id}/measures", s.apiPlanMeasures)
	public("GET /api/v1/plans/{id}/measures.csv", s.apiPlanMeasuresCSV)
	public("GET /api/v1/measures", s.apiMeasures)
	public("GET /api/v1/measures.csv", s.apiMeasuresCSV)
	public("GET /api/v1/measures/{id}", s.apiMeasure)
	public("GET /api/v1/organisations", s.apiOrganisations)
	public("GET /api/v1/organisations.csv", s.apiOrganisationsCSV)
	public("GET /api/v1/organisations/{id}", s.apiOrganisation)
	public("/api/", s.apiNotFound)

	// Operations.
	public("GET /healthz", s.healthz)
	handle("GET /metrics", access.Public, promhttp.HandlerFor(s.promReg, promhttp.HandlerOpts{}))

	public("/", s.notFound)
}

// cacheStatic lets browsers keep the embedded assets for a day; they change
// only with a new binary.
func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}

// Package web serves ogpp's public pages and its JSON API over the
// capabilities' interfaces. Pages are rendered on the server and work
// without JavaScript.
package web

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/events"
	"ogpp/internal/library"
	"ogpp/internal/monitor"
	"ogpp/internal/news"
	"ogpp/internal/notify"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/portal"
	"ogpp/internal/scorecard"
	"ogpp/internal/search"
	"ogpp/internal/survey"
)

// Options is what the web layer needs from the rest of ogpp.
type Options struct {
	Registry plan.Registry
	// Health checks the database for /healthz.
	Health  func(ctx context.Context) error
	Logger  *slog.Logger
	Version string
	// Accounts, when set, signs users in and out and says who sends a
	// request from its session cookie.
	Accounts *account.Service
	// Subject, when set, says who sends a request instead of the session
	// cookie (for tests); with neither, everyone is the anonymous public.
	Subject func(*http.Request) access.Subject
	// Editor, when set, lets coordinators edit the registry through forms.
	Editor plan.Editor
	// Audit, when set, reads the audit log for the history tabs and the
	// admin's log browser.
	Audit audit.Reader
	// Monitor, when set, keeps monitoring rounds, assessments and
	// self-assessments; without it the monitoring pages answer 404.
	Monitor monitor.Store
	// Members, when set, keeps the platform's memberships, people and
	// expert groups; without it their pages answer 404.
	Members platform.MembersStore
	// GroupWork, when set, lists an expert group's work (its drafts) on
	// the group's page.
	GroupWork platform.GroupWorkSource
	// Projects, when set, keeps the platform's projects (logframes), their
	// activities, tasks and indicators; without it their pages answer 404.
	Projects platform.ProjectStore
	// IndicatorSources compute indicators' recorded values, each
	// capability registering what it counts.
	IndicatorSources []platform.IndicatorSource
	// Drafts, when set, keeps drafts, their versions and comments, and the
	// platform's meetings; without it their pages answer 404.
	Drafts drafts.Store
	// Appeals, when its Store is set, keeps the platform's appeals to state
	// bodies, media coverage and resources register; without it their
	// pages answer 404.
	Appeals AppealsConfig
	// Scorecards, when set, keeps the scorecards comparing organisations
	// against criteria; without it their pages answer 404.
	Scorecards scorecard.Store
	// Events, when set, keeps the platform's events and their
	// participants; without it their pages answer 404.
	Events events.Store
	// Surveys, when set, keeps surveys and their responses; without it
	// their pages answer 404.
	Surveys survey.Store
	// Library, when set, keeps the library of materials; without it its
	// pages answer 404 and other pages show no materials.
	Library library.Store
	// News, when set, keeps the platform's news; without it the news
	// pages answer 404.
	News news.Store
	// Subscriptions, when set, keeps the public's subscriptions by email;
	// without it their pages answer 404, and without its Mailer the
	// subscribe page says subscriptions are not available.
	Subscriptions *notify.Service
	// Now is the clock of pages that show or compare times; time.Now when
	// nil.
	Now func() time.Time
	// Catalogue, when set, dates the public data sets on the open-data
	// page and lists the published rounds for the bundle and the sitemap.
	Catalogue portal.Catalogue
	// DataLicence is the licence the open data is published under
	// (--data-licence); CC BY 4.0 when its name is empty.
	DataLicence Licence
	// FeaturedPlan names the plan (id or external id) whose progress the
	// home page shows at a glance; none when empty.
	FeaturedPlan string
	// BaseURL is the public address ogpp is reached at (--base-url), e.g.
	// https://ogp.example.org/; when https, cookies are Secure even though
	// TLS ends at a proxy, and invitation links are made with it. Empty:
	// links use the host each request came to.
	BaseURL string
	// Search, when set, is the site-wide search index; every successful
	// change made through the server marks it out of date. Without it the
	// search page finds the registry's measures only.
	Search *search.Index
}

// Server holds the parsed templates and the dependencies of every handler.
type Server struct {
	reg        plan.Registry
	health     func(ctx context.Context) error
	log        *slog.Logger
	version    string
	templates  map[string]*template.Template
	metrics    *metrics
	promReg    *prometheus.Registry
	mux        *http.ServeMux
	routeList  []Route
	subject    func(*http.Request) access.Subject
	accounts   *account.Service
	editor     plan.Editor
	audit      audit.Reader
	monitor    monitor.Store
	members    platform.MembersStore
	groupWork  platform.GroupWorkSource
	projects   platform.ProjectStore
	indicators platform.Computations
	drafts     drafts.Store
	appeals    AppealsConfig
	scorecards scorecard.Store
	now        func() time.Time
	surveys    survey.Store
	events     events.Store
	news       news.Store
	notify     *notify.Service
	handler    http.Handler
	baseURL    *url.URL // nil when not configured
	search     *search.Index
	library    library.Store
	// The public portal: the open data's catalogue and licence, and the
	// plan the home page features.
	catalogue    portal.Catalogue
	licence      Licence
	featuredPlan string
}

// New builds a server. Templates are parsed here, once.
func New(o Options) (*Server, error) {
	tpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Health == nil {
		o.Health = func(context.Context) error { return nil }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	promReg := prometheus.NewRegistry()
	promReg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Server{reg: o.Registry, health: o.Health, log: o.Logger, version: o.Version, templates: tpl, subject: o.Subject,
		accounts: o.Accounts, editor: o.Editor, audit: o.Audit, monitor: o.Monitor, now: o.Now, metrics: newMetrics(promReg), promReg: promReg, mux: http.NewServeMux()}
	s.members, s.groupWork = o.Members, o.GroupWork
	s.drafts = o.Drafts
	s.appeals = o.Appeals
	s.surveys = o.Surveys
	s.scorecards = o.Scorecards
	s.events = o.Events
	s.search = o.Search
	s.news, s.notify = o.News, o.Subscriptions
	s.library = o.Library
	s.catalogue, s.licence, s.featuredPlan = o.Catalogue, o.DataLicence, o.FeaturedPlan
	if s.licence.Name == "" {
		s.licence = DefaultLicence
	}
	s.projects, s.indicators = o.Projects, platform.NewComputations(o.IndicatorSources...)
	if o.BaseURL != "" {
		if s.baseURL, err = ParseBaseURL(o.BaseURL); err != nil {
			return nil, err
		}
	}
	s.routes()
	cop := http.NewCrossOriginProtection()
	s.handler = withSecureCookies(s.baseURL, securityHeaders(compress(withLanguage(s.observe(cop.Handler(s.withSubject(s.invalidateSearch(s.mux))))))))
	return s, nil
}

// ServeHTTP serves a request through the middleware and the routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Route is a registered pattern and the action it performs.
type Route struct {
	Pattern string
	Action  access.Action
	// Resolve, when set, reads what a request of the route acts on for the
	// policy (see resolver); tests ask it to know what to expect.
	Resolve func(*http.Request) (access.Resource, error)
}

// Routes lists the registered routes, for tests that walk them all.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routeList...) }

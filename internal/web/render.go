package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// crumb is one step of the breadcrumbs.
type crumb struct {
	Label string
	URL   string
}

// page is what every template receives.
type page struct {
	L       locale
	Title   string
	Crumbs  []crumb
	Langs   []langLink
	Query   string // the search box's value
	Path    string
	Data    any
	Version string
	// User is who is signed in, nil for the anonymous public.
	User *account.User
	// Notice confirms what the user just did ("Changes saved"), read from
	// ?done= after a form's redirect; empty otherwise.
	Notice string
	// Subscriptions reports whether visitors may subscribe by email, so
	// that pages show the small subscribe forms only when they work.
	Subscriptions bool
	// Description is the page's summary for search engines and link
	// previews; the site's own when empty.
	Description string
	// CanonicalURL is the page's absolute address under the configured
	// base URL (og:url); empty without one.
	CanonicalURL string
}

// MetaDescription is what the description and og:description meta tags
// say of the page.
func (p page) MetaDescription() string {
	if p.Description != "" {
		return p.Description
	}
	return p.L.T("meta.description")
}

var templateFuncs = template.FuncMap{
	"add":           func(a, b int) int { return a + b },
	"valueKey":      func(v plan.OGPValue) string { return "value." + string(v) },
	"roleKey":       func(r plan.ExecutorRole) string { return "role." + string(r) },
	"kindKey":       func(k plan.OrganisationKind) string { return "orgkind." + string(k) },
	"memberKindKey": func(k plan.MemberKind) string { return "memberkind." + string(k) },
	"query":         setQuery,
	"itoa":          func(n int64) string { return strconv.FormatInt(n, 10) },
	// can asks the access policy whether the signed-in user (nil for the
	// public) may take an action, so that pages offer only what will work:
	// {{if can .User "registry.edit"}}. The guard still decides on request.
	"can": func(u *account.User, action string) bool {
		return access.Can(access.Subject{User: u}, access.Action(action), access.Resource{})
	},
	// The partials need the locale beside their own data.
	"pg":  func(l locale, p pager) pagerView { return pagerView{L: l, P: p} },
	"per": func(l locale, p plan.Period) periodView { return periodView{L: l, Period: p} },
	"sortable": func(t measureTable, base string, sort plan.MeasureSort) measureTable {
		t.SortBase, t.Sort = base, sort
		return t
	},
	"mt": func(l locale, ms []plan.Measure, showPlan bool) measureTable {
		return measureTable{L: l, Measures: ms, ShowPlan: showPlan}
	},
}

type pagerView struct {
	L locale
	P pager
}

type periodView struct {
	L      locale
	Period plan.Period
}

type measureTable struct {
	L        locale
	Measures []plan.Measure
	ShowPlan bool
	// Sort links, when the table can be sorted.
	SortBase string
	Sort     plan.MeasureSort
}

// parseTemplates builds one template set per page, each with the shared
// layout, once at start-up.
func parseTemplates() (map[string]*template.Template, error) {
	pages, err := fs.Glob(templateFS, "templates/page_*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := p[len("templates/page_") : len(p)-len(".html")]
		t, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html", "templates/partials*.html", p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes a page, buffering it so that a template error becomes a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := s.templates[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	p.L = locale{Lang: langOf(r)}
	p.Langs = langLinks(r, p.L.Lang)
	p.Path = r.URL.Path
	p.Version = s.version
	p.Subscriptions = s.notify.Enabled()
	if s.baseURL != nil && status == http.StatusOK {
		p.CanonicalURL = s.publicURL(r, r.URL.Path)
	}
	if len(p.Crumbs) == 0 && r.URL.Path != "/" {
		// Every page but the home page leads back to it.
		p.Crumbs = []crumb{{Label: p.L.T("nav.home"), URL: "/"}}
	}
	if done := r.URL.Query().Get("done"); done != "" && i18n.Has(p.L.Lang, "done."+done) {
		// Only known outcomes: a crafted link cannot put words on the page.
		p.Notice = p.L.T("done." + done)
	}
	if sub := s.subjectOf(r); !sub.Anonymous() {
		p.User = sub.User
		// A page made for one user is no one else's: keep it out of caches.
		w.Header().Set("Cache-Control", "private, no-store")
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.L.Lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// notFound answers 404 with a page in the reader's language.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusNotFound, "error", page{Title: l.T("error.notfound.title"),
		Data: errorPage{Heading: l.T("error.notfound.title"), Message: l.T("error.notfound.body")}})
}

// badRequest answers 400 with the reason, in the reader's language.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request, message string) {
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusBadRequest, "error", page{Title: l.T("error.bad.title"),
		Data: errorPage{Heading: l.T("error.bad.title"), Message: message}})
}

// serverError logs the cause and answers 500 without revealing it.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "path", loggedPath(r.URL.Path), "err", err)
	l := locale{Lang: langOf(r)}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintln(w, l.T("error.server"))
}

type errorPage struct {
	Heading, Message string
}

// pager describes the pages of a list for the pagination links.
type pager struct {
	Page, Pages, Total, PerPage int
	From, To                    int
	Base                        string // the list's URL with its filters, without page
}

func newPager(base string, page, perPage, total int) pager {
	pages := max(1, (total+perPage-1)/perPage)
	p := pager{Page: page, Pages: pages, Total: total, PerPage: perPage, Base: base}
	if total > 0 {
		p.From = (page-1)*perPage + 1
		p.To = min(total, page*perPage)
	}
	return p
}

// Prev and Next return the neighbouring page numbers, 0 when there is none.
func (p pager) Prev() int {
	if p.Page > 1 {
		return p.Page - 1
	}
	return 0
}

// Next returns the next page number, 0 on the last page.
func (p pager) Next() int {
	if p.Page < p.Pages {
		return p.Page + 1
	}
	return 0
}

// pageNumber reads ?page=; a missing, malformed or too small value means the
// first page, since a reader who mistyped it wants the list, not an error.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, 100000)
}

// SortLink returns the table's URL sorted by col, reversing the order when
// the table is already sorted by it (ascending clause is the default).
func (t measureTable) SortLink(col string) string {
	next := col
	if t.SortState(col) == "asc" {
		next = "-" + col
	}
	return setQuery(t.SortBase, "sort", next, "page", "")
}

// SortState says whether the table is sorted by col: "asc", "desc" or "".
func (t measureTable) SortState(col string) string {
	switch {
	case string(t.Sort) == col || (t.Sort == "" && col == "clause"):
		return "asc"
	case string(t.Sort) == "-"+col:
		return "desc"
	}
	return ""
}

// setQuery returns base with the query parameters given as key, value
// pairs set; an empty or zero value removes the parameter.
func setQuery(base string, kv ...any) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		k, v := fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1])
		if v == "" || v == "0" {
			q.Del(k)
		} else {
			q.Set(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

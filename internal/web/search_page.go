package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/search"
)

// orgsInSearch caps the organisations the search page lists before linking
// to the full organisation search.
const orgsInSearch = 10

// hitsPerPage is how many hits a page of results shows.
const hitsPerPage = 20

type searchData struct {
	Q    string
	Kind search.Kind
	// Tabs are "all" and each kind with its count; Tabs[0] is "all".
	Tabs  []searchTab
	Hits  []hitView
	Pager pager
	// Searched is false when the query had no word to look for.
	Searched      bool
	Organisations plan.Page[plan.Organisation]
}

// searchTab is a filter of the results by kind.
type searchTab struct {
	Label   string
	Count   int
	Href    string
	Current bool
}

// hitView is a hit as the results page shows it.
type hitView struct {
	search.Hit
	KindLabel string
	Day       string
}

// searchKind reads ?kind=: one of the kinds, or "" for all. A kind the
// index does not know means all, since a reader who followed an old link
// wants results rather than an error.
func searchKind(r *http.Request) search.Kind {
	k := search.Kind(r.URL.Query().Get("kind"))
	if slices.Contains(search.Kinds, k) {
		return k
	}
	return ""
}

// searchPage searches everything public — measures, activities, events,
// documents, news — ranked, with the words found marked in a snippet of
// each, and lists the organisations whose names match beside them.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	l := locale{Lang: langOf(r)}
	if len([]rune(q)) > maxQuery {
		s.badRequest(w, r, l.T("error.param.q"))
		return
	}
	d := searchData{Q: q, Kind: searchKind(r)}
	n := pageNumber(r)
	if q != "" {
		res, err := s.runSearch(r, search.Query{Text: q, Kind: d.Kind, Lang: l.Lang, Limit: hitsPerPage, Offset: (n - 1) * hitsPerPage})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Searched = len(res.Terms) > 0
		base := "/search?q=" + url.QueryEscape(q)
		d.Tabs = append(d.Tabs, searchTab{Label: l.T("search.kind.all"), Count: res.All, Href: base, Current: d.Kind == ""})
		for _, k := range search.Kinds {
			if res.ByKind[k] > 0 || k == d.Kind {
				d.Tabs = append(d.Tabs, searchTab{Label: l.T("search.kind." + string(k)), Count: res.ByKind[k], Href: base + "&kind=" + string(k), Current: d.Kind == k})
			}
		}
		if d.Kind != "" {
			base += "&kind=" + string(d.Kind)
		}
		d.Pager = newPager(base, n, hitsPerPage, res.Total)
		for _, h := range res.Hits {
			v := hitView{Hit: h, KindLabel: l.T("search.one." + string(h.Kind))}
			if !h.Date.IsZero() {
				v.Day = i18n.Date(l.Lang, h.Date.Year(), h.Date.Month(), h.Date.Day())
			}
			d.Hits = append(d.Hits, v)
		}
		if d.Organisations, err = s.reg.ListOrganisations(r.Context(), plan.OrganisationFilter{Q: q, Limit: orgsInSearch}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", page{Title: l.T("search.title"), Query: q, Crumbs: []crumb{{l.T("nav.plans"), "/"}}, Data: d})
}

// runSearch asks the site-wide index, or, in a server built without one,
// the registry's measures, so that the search box always finds the plan.
func (s *Server) runSearch(r *http.Request, q search.Query) (search.Results, error) {
	if s.search != nil {
		return s.search.Search(r.Context(), q)
	}
	res := search.Results{Terms: search.Terms(q.Text), ByKind: map[search.Kind]int{}}
	if len(res.Terms) == 0 || (q.Kind != "" && q.Kind != search.KindMeasure) {
		return res, nil
	}
	page, err := s.reg.ListMeasures(r.Context(), plan.MeasureFilter{Q: q.Text, Limit: q.Limit, Offset: q.Offset})
	if err != nil {
		return res, err
	}
	res.Total, res.All, res.ByKind[search.KindMeasure] = page.Total, page.Total, page.Total
	for _, m := range page.Items {
		title, body := m.Title.In(q.Lang), m.Description.In(q.Lang)
		d := search.Document{Kind: search.KindMeasure, ID: m.ID, Lang: title.Lang, URL: "/measures/" + strconv.FormatInt(m.ID, 10),
			Title: strings.TrimSpace(m.Clause + " " + title.Value), Body: body.Value, Context: m.Plan.Title.In(q.Lang).Value}
		res.Hits = append(res.Hits, search.NewHit(d, 0, res.Terms, q.Lang))
	}
	return res, nil
}

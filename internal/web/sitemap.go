package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// sitemapMaxURLs is what one sitemap file may hold by the protocol.
const sitemapMaxURLs = 50000

// sitemapPage is the most rows the registry's lists return at once.
const sitemapPage = 1000

// sitemapURLSet is a sitemap (sitemaps.org 0.9).
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapXML lists the public pages for search engines: the portal's
// sections, every plan, measure and organisation, published rounds and
// scorecards, events, members, projects and their activities, each with
// its last change where ogpp knows it.
func (s *Server) sitemapXML(w http.ResponseWriter, r *http.Request) {
	urls, err := s.sitemapURLs(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	set := sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, u := range urls[:min(len(urls), sitemapMaxURLs)] {
		u.Loc = s.publicURL(r, u.Loc)
		set.URLs = append(set.URLs, u)
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
	w.Write([]byte("\n"))
}

// sitemapURLs lists the public pages' paths, sections first.
func (s *Server) sitemapURLs(ctx context.Context) ([]sitemapURL, error) {
	var out []sitemapURL
	add := func(path string, mod time.Time) {
		u := sitemapURL{Loc: path}
		if !mod.IsZero() {
			u.LastMod = mod.UTC().Format(time.RFC3339)
		}
		out = append(out, u)
	}
	for _, p := range []string{"/", "/about", "/open-data", "/organisations"} {
		add(p, time.Time{})
	}
	sections := []struct {
		path string
		on   bool
	}{
		{"/members", s.members != nil}, {"/groups", s.members != nil}, {"/projects", s.projects != nil}, {"/events", s.events != nil},
		{"/scorecards", s.scorecards != nil}, {"/drafts", s.drafts != nil}, {"/appeals", s.appeals.Store != nil}, {"/media", s.appeals.Store != nil},
	}
	for _, sec := range sections {
		if sec.on {
			add(sec.path, time.Time{})
		}
	}
	// The registry's lists come a page of at most sitemapPage at a time.
	for offset := 0; ; offset += sitemapPage {
		plans, err := s.reg.ListPlans(ctx, plan.PlanFilter{Limit: sitemapPage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, p := range plans.Items {
			add("/plans/"+strconv.FormatInt(p.ID, 10), p.UpdatedAt)
		}
		if len(plans.Items) < sitemapPage || len(out) >= sitemapMaxURLs {
			break
		}
	}
	if s.monitor != nil && s.catalogue != nil {
		rounds, err := s.catalogue.PublishedRounds(ctx)
		if err != nil {
			return nil, err
		}
		for _, rd := range rounds {
			add("/rounds/"+strconv.FormatInt(rd.ID, 10), rd.UpdatedAt)
		}
	}
	if s.events != nil {
		evs, err := s.events.ListEvents(ctx, events.Filter{})
		if err != nil {
			return nil, err
		}
		for _, ev := range evs {
			add("/events/"+strconv.FormatInt(ev.ID, 10), ev.UpdatedAt)
		}
	}
	if s.scorecards != nil {
		cards, err := s.scorecards.ListScorecards(ctx, true)
		if err != nil {
			return nil, err
		}
		for _, c := range cards {
			add("/scorecards/"+strconv.FormatInt(c.ID, 10), time.Time{})
		}
	}
	if s.projects != nil {
		projects, err := s.projects.ListProjects(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range projects {
			add("/projects/"+strconv.FormatInt(p.ID, 10), time.Time{})
		}
		activities, err := s.projects.ListActivities(ctx)
		if err != nil {
			return nil, err
		}
		for _, a := range activities {
			add("/activities/"+strconv.FormatInt(a.ID, 10), time.Time{})
		}
	}
	if s.members != nil {
		members, err := s.members.MemberList(ctx, platform.MembershipFilter{Limit: sitemapMaxURLs})
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			add("/members/"+strconv.FormatInt(m.ID, 10), m.UpdatedAt)
		}
	}
	for offset := 0; ; offset += sitemapPage {
		orgs, err := s.reg.ListOrganisations(ctx, plan.OrganisationFilter{Limit: sitemapPage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, o := range orgs.Items {
			add("/organisations/"+strconv.FormatInt(o.ID, 10), time.Time{})
		}
		if len(orgs.Items) < sitemapPage || len(out) >= sitemapMaxURLs {
			break
		}
	}
	for offset := 0; len(out) < sitemapMaxURLs; offset += sitemapPage {
		measures, err := s.reg.ListMeasures(ctx, plan.MeasureFilter{Limit: sitemapPage, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, m := range measures.Items {
			add("/measures/"+strconv.FormatInt(m.ID, 10), m.UpdatedAt)
		}
		if len(measures.Items) < sitemapPage {
			break
		}
	}
	return out, nil
}

package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// maxFeedEntries bounds the feed: a reader subscribes to what is new, and
// the API has the whole list.
const maxFeedEntries = 500

// feedSummaryRunes bounds the narrative an entry's summary quotes.
const feedSummaryRunes = 600

// The Atom 1.0 document (RFC 4287), written by encoding/xml so that every
// value is escaped as XML.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  atomText    `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomText struct {
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
	Label  string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	// updated orders the entries; it is not written.
	updated time.Time
}

// planAssessmentsFeed serves an Atom feed of the plan's published
// assessments: one entry per measure per published round, its approved
// version, newest first. Texts are in the reader's language, falling back
// to the plan's other languages (marked with xml:lang) where a measure
// has no translation.
func (s *Server) planAssessmentsFeed(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	l := locale{Lang: langOf(r)}
	planURL := fmt.Sprintf("/plans/%d", p.ID)
	feed := atomFeed{Lang: l.Lang, ID: s.publicURL(r, planURL+"/assessments.atom"),
		Title:     atomText{Body: l.T("feed.title", l.Plain(p.Title))},
		Subtitle:  atomText{Body: l.T("feed.subtitle")},
		Updated:   p.UpdatedAt.UTC().Format(time.RFC3339),
		Author:    atomPerson{Name: l.T("site.name"), URI: s.publicURL(r, "/")},
		Generator: "ogpp",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: s.publicURL(r, planURL+"/assessments.atom")},
			{Rel: "alternate", Type: "text/html", Href: s.publicURL(r, planURL+"/progress")}},
	}
	if s.monitor != nil {
		rounds, err := s.monitor.ListRounds(ctx, p.ID, true)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var measures []plan.Measure
		if len(rounds) > 0 {
			if measures, err = s.allPlanMeasures(ctx, p.ID); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		for _, rd := range rounds {
			as, err := s.monitor.RoundAssessments(ctx, rd.ID, true)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, m := range measures {
				if a, ok := as[m.ID]; ok {
					feed.Entries = append(feed.Entries, s.feedEntry(r, l, rd, m, a))
				}
			}
		}
	}
	// Newest first; stable, so that entries of one moment keep the
	// rounds' and the measures' order.
	slices.SortStableFunc(feed.Entries, func(a, b atomEntry) int { return b.updated.Compare(a.updated) })
	if len(feed.Entries) > maxFeedEntries {
		feed.Entries = feed.Entries[:maxFeedEntries]
	}
	if len(feed.Entries) > 0 && feed.Entries[0].updated.After(p.UpdatedAt) {
		feed.Updated = feed.Entries[0].Updated
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// feedEntry describes one published assessment.
func (s *Server) feedEntry(r *http.Request, l locale, rd monitor.Round, m plan.Measure, a monitor.Assessment) atomEntry {
	updated := a.UpdatedAt
	if updated.IsZero() {
		updated = rd.UpdatedAt
	}
	title := m.Title.In(l.Lang)
	name := title.Value
	if m.Clause != "" {
		name = m.Clause + " " + name
	}
	e := atomEntry{
		ID:      s.publicURL(r, fmt.Sprintf("/measures/%d#round-%d", m.ID, rd.ID)),
		Updated: updated.UTC().Format(time.RFC3339),
		updated: updated,
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: s.publicURL(r, fmt.Sprintf("/measures/%d#round-%d", m.ID, rd.ID))},
			{Rel: "related", Type: "text/html", Href: s.publicURL(r, fmt.Sprintf("/rounds/%d", rd.ID))}},
		Title: atomText{Body: l.T("feed.entry.title", name, levelLabel(l, a.Completion), l.Plain(rd.Name))},
	}
	if title.Fallback {
		e.Title.Lang = title.Lang
	}
	if a.Completion != "" {
		e.Categories = append(e.Categories, atomCategory{Term: string(a.Completion), Label: levelLabel(l, a.Completion)})
	}
	if a.Starred() {
		e.Categories = append(e.Categories, atomCategory{Term: "starred", Label: l.T("progress.starred.mark")})
	}
	var parts []string
	parts = append(parts, l.T("feed.completion")+": "+levelLabel(l, a.Completion)+".")
	if a.Impact != "" {
		parts = append(parts, l.T("feed.impact")+": "+l.T("monitor.impact."+string(a.Impact))+".")
	}
	if a.Opened != "" {
		parts = append(parts, l.T("feed.opened")+": "+l.T("monitor.opened."+string(a.Opened))+".")
	}
	if a.Starred() {
		parts = append(parts, l.T("progress.starred.mark")+".")
	}
	summary := strings.Join(parts, " ")
	if n := strings.TrimSpace(a.Narrative); n != "" {
		summary += "\n\n" + chartShorten(n, feedSummaryRunes)
	}
	e.Summary = atomText{Body: summary}
	return e
}

package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"ogpp/internal/news"
)

// newsFeedEntries bounds the news feed: readers follow what is new.
const newsFeedEntries = 50

// newsFeed serves the Atom feed of the published news, newest first.
// Each entry carries the item's language; its content is the sanitised
// HTML of its text, escaped as XML by encoding/xml.
func (s *Server) newsFeed(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	res, err := s.news.ListNews(r.Context(), news.Filter{PublishedOnly: true, Limit: newsFeedEntries})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	self := s.publicURL(r, "/news.atom")
	feed := newsAtomFeed{Lang: l.Lang, ID: self,
		Title:     atomText{Body: l.T("news.feed.title", l.T("site.name"))},
		Subtitle:  atomText{Body: l.T("news.feed.subtitle")},
		Author:    atomPerson{Name: l.T("site.name"), URI: s.publicURL(r, "/")},
		Generator: "ogpp",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: s.publicURL(r, "/news")}},
	}
	// An empty feed was last updated now; otherwise when its latest
	// entry was.
	latest := s.now()
	if len(res.Items) > 0 {
		latest = time.Time{}
	}
	for _, it := range res.Items {
		updated := it.UpdatedAt.UTC().Format(time.RFC3339)
		if it.UpdatedAt.After(latest) {
			latest = it.UpdatedAt
		}
		url := s.publicURL(r, newsURL(it.ID))
		feed.Entries = append(feed.Entries, newsAtomEntry{ID: url, Title: atomText{Lang: it.Lang, Body: it.Title},
			Published: it.PublishedAt.UTC().Format(time.RFC3339), Updated: updated,
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
			Summary: atomText{Lang: it.Lang, Body: it.Summary(feedSummaryRunes)},
			Content: atomContent{Type: "html", Lang: it.Lang, Body: string(it.HTML())}})
	}
	feed.Updated = latest.UTC().Format(time.RFC3339)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		s.log.Warn("news feed", "err", err)
	}
}

// newsAtomFeed is the Atom document of the news; its entries carry the
// item's text as content, which the assessments' feed does not.
type newsAtomFeed struct {
	XMLName   xml.Name        `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string          `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID        string          `xml:"id"`
	Title     atomText        `xml:"title"`
	Subtitle  atomText        `xml:"subtitle"`
	Updated   string          `xml:"updated"`
	Links     []atomLink      `xml:"link"`
	Author    atomPerson      `xml:"author"`
	Generator string          `xml:"generator"`
	Entries   []newsAtomEntry `xml:"entry"`
}

type newsAtomEntry struct {
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Published string      `xml:"published"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Summary   atomText    `xml:"summary"`
	Content   atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Body string `xml:",chardata"`
}

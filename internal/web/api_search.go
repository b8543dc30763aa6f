package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"ogpp/internal/search"
)

// apiSearchResults is the JSON answer of /api/v1/search.
type apiSearchResults struct {
	Query  string         `json:"query"`
	Kind   string         `json:"kind,omitempty"`
	Total  int            `json:"total"`
	All    int            `json:"all"`
	ByKind map[string]int `json:"by_kind"`
	Limit  int            `json:"limit"`
	Offset int            `json:"offset"`
	Hits   []apiSearchHit `json:"hits"`
}

type apiSearchHit struct {
	Kind  string `json:"kind"`
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Lang  string `json:"lang,omitempty"`
	URL   string `json:"url"`
	// Context says where the thing belongs: a measure's plan, an
	// activity's project.
	Context string  `json:"context,omitempty"`
	Date    *string `json:"date"`
	// Snippet is the passage around the first match, cut into fragments;
	// match marks the words found.
	Snippet []apiFragment `json:"snippet"`
	Rank    float64       `json:"rank"`
}

type apiFragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

// apiSearch answers the site-wide search as JSON: ?q= (required for any
// hit), ?kind=, ?lang= for the language of titles and snippets, ?limit=
// and ?offset=.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, problem := paging(q, false)
	if problem != "" {
		badParam(w, problem)
		return
	}
	kind := search.Kind(q.Get("kind"))
	if kind != "" && !slices.Contains(search.Kinds, kind) {
		var names []string
		for _, k := range search.Kinds {
			names = append(names, string(k))
		}
		badParam(w, "kind must be one of "+strings.Join(names, ", "))
		return
	}
	text := strings.TrimSpace(q.Get("q"))
	out := apiSearchResults{Query: text, Kind: string(kind), ByKind: map[string]int{}, Limit: limit, Offset: offset, Hits: []apiSearchHit{}}
	if text != "" {
		res, err := s.runSearch(r, search.Query{Text: text, Kind: kind, Lang: langOf(r), Limit: limit, Offset: offset})
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		out.Total, out.All = res.Total, res.All
		for k, n := range res.ByKind {
			out.ByKind[string(k)] = n
		}
		for _, h := range res.Hits {
			hit := apiSearchHit{Kind: string(h.Kind), ID: h.ID, Title: h.Heading, Lang: h.Lang, URL: h.URL, Context: h.Context, Rank: h.Rank, Snippet: []apiFragment{}}
			if !h.Date.IsZero() {
				d := h.Date.Format(time.DateOnly)
				hit.Date = &d
			}
			for _, f := range h.Snippet {
				hit.Snippet = append(hit.Snippet, apiFragment{Text: f.Text, Match: f.Match})
			}
			out.Hits = append(out.Hits, hit)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// The library as open data: the published entries with the list page's
// filters, and one published document with its files' names, sizes and
// SHA-256 and what it is tied to. Unpublished documents are not in it,
// whoever asks, so that the answer is the same for everyone.

type apiLibraryEntry struct {
	ID       int64     `json:"id"`
	Type     string    `json:"type"` // document, adopted_draft
	Kind     string    `json:"kind"`
	Title    string    `json:"title"`
	Titles   plan.Text `json:"titles,omitempty"` // an adopted draft's translations
	Language string    `json:"language"`
	Date     string    `json:"date"`
	Files    int       `json:"files"`
	URL      string    `json:"url,omitempty"`
	PageURL  string    `json:"page_url"`
}

type apiDocument struct {
	ID          int64             `json:"id"`
	PageURL     string            `json:"page_url"`
	Kind        string            `json:"kind"`
	Title       string            `json:"title"`
	Language    string            `json:"language"`
	Date        string            `json:"date"`
	Description string            `json:"description"`
	Links       []library.Link    `json:"links"`
	PublishedAt *time.Time        `json:"published_at"`
	Files       []apiDocumentFile `json:"files"`
	Related     []apiRelated      `json:"related"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

type apiDocumentFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

type apiRelated struct {
	Type   string    `json:"type"` // activity, event, measure, draft
	ID     int64     `json:"id"`
	Number string    `json:"number,omitempty"`
	Title  plan.Text `json:"title"`
}

// apiLibrary lists the published entries of the library.
func (s *Server) apiLibrary(w http.ResponseWriter, r *http.Request) {
	if s.library == nil {
		s.apiFail(w, r, plan.ErrNotFound)
		return
	}
	q := r.URL.Query()
	limit, offset, problem := paging(q, false)
	if problem != "" {
		badParam(w, problem)
		return
	}
	f := library.Filter{Kind: library.Kind(q.Get("kind")), Language: q.Get("language"), PublishedOnly: true, Limit: limit, Offset: offset}
	if f.Kind != "" && !f.Kind.Valid() {
		badParam(w, "kind must be one of the library's kinds, not "+strconv.Quote(q.Get("kind")))
		return
	}
	if f.Language != "" && !slices.Contains(library.Languages, f.Language) {
		badParam(w, "language must be az, en, ru or other, not "+strconv.Quote(f.Language))
		return
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			badParam(w, "year must be a year such as 2017, not "+strconv.Quote(y))
			return
		}
		f.Year = n
	}
	if a := q.Get("activity"); a != "" {
		id, ok := positiveID(a)
		if !ok {
			badParam(w, "activity must be an activity's id, not "+strconv.Quote(a))
			return
		}
		f.ActivityID = id
	}
	page, err := s.library.ListLibrary(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiList[apiLibraryEntry]{Items: []apiLibraryEntry{}, Total: page.Total, Limit: limit, Offset: offset}
	for _, e := range page.Items {
		item := apiLibraryEntry{ID: e.ID, Type: "document", Kind: string(e.Kind), Title: e.Title, Language: e.Language,
			Date: e.Date.String(), Files: e.Files, PageURL: e.URL()}
		if e.Draft {
			item.Type, item.Titles = "adopted_draft", e.TitleText
		} else {
			item.URL = "/api/v1/library/" + strconv.FormatInt(e.ID, 10)
		}
		out.Items = append(out.Items, item)
	}
	writeJSON(w, http.StatusOK, out)
}

// apiDocumentOne answers one published document.
func (s *Server) apiDocumentOne(w http.ResponseWriter, r *http.Request) {
	id, ok := positiveID(r.PathValue("id"))
	if s.library == nil || !ok {
		s.apiFail(w, r, plan.ErrNotFound)
		return
	}
	d, err := s.library.GetDocument(r.Context(), id)
	if err == nil && !d.Published {
		err = plan.ErrNotFound
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ref := strconv.FormatInt(d.ID, 10)
	out := apiDocument{ID: d.ID, PageURL: "/library/" + ref, Kind: string(d.Kind), Title: d.Title, Language: d.Language, Date: d.Date.String(),
		Description: d.Description, Links: d.Links, PublishedAt: d.PublishedAt, Files: []apiDocumentFile{}, Related: []apiRelated{}, UpdatedAt: d.UpdatedAt}
	if out.Links == nil {
		out.Links = []library.Link{}
	}
	for _, f := range d.Files {
		out.Files = append(out.Files, apiDocumentFile{Name: f.FileName, ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256,
			URL: "/library/" + ref + "/files/" + strconv.FormatInt(f.ID, 10)})
	}
	for _, rel := range d.Related {
		// What the public cannot open (a draft not yet published, a thing
		// since deleted) is left out, as the page leaves it out.
		if !rel.Public || rel.Title == nil {
			continue
		}
		out.Related = append(out.Related, apiRelated{Type: string(rel.Target), ID: rel.ID, Number: rel.Number, Title: rel.Title})
	}
	writeJSON(w, http.StatusOK, out)
}

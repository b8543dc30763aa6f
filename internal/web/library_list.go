package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"ogpp/internal/library"
	"ogpp/internal/platform"
)

// libraryPerPage is how many entries a page of the library shows.
const libraryPerPage = 25

// libraryView is the library's list.
type libraryView struct {
	Rows       []libraryEntryView
	Pager      pager
	Kinds      []library.Kind
	Languages  []string
	Years      []int
	Activities []outreachActivityOption
	// The filters as chosen, for the form.
	Kind, Year, Activity, Language string
	Oldest                         bool
	Filtered                       bool
	SortLink                       string
	Manage                         bool
	// CSV is the list as CSV, with the same filters.
	CSV string
}

// libraryFilterOf reads the list's filters; ok is false (and a 400 page
// written) when one cannot be read.
func (s *Server) libraryFilterOf(w http.ResponseWriter, r *http.Request) (library.Filter, url.Values, bool) {
	l := locale{Lang: langOf(r)}
	q := r.URL.Query()
	f := library.Filter{Kind: library.Kind(q.Get("kind")), Language: q.Get("language")}
	kept := url.Values{}
	bad := func(key string) (library.Filter, url.Values, bool) {
		s.badRequest(w, r, l.T(key))
		return f, nil, false
	}
	if f.Kind != "" {
		if !f.Kind.Valid() {
			return bad("library.filter.kind.invalid")
		}
		kept.Set("kind", string(f.Kind))
	}
	if f.Language != "" {
		if !slices.Contains(library.Languages, f.Language) {
			return bad("library.filter.language.invalid")
		}
		kept.Set("language", f.Language)
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return bad("outreach.filter.year.invalid")
		}
		f.Year = n
		kept.Set("year", y)
	}
	if a := q.Get("activity"); a != "" {
		id, ok := positiveID(a)
		if !ok {
			return bad("library.filter.activity.invalid")
		}
		f.ActivityID = id
		kept.Set("activity", a)
	}
	switch q.Get("sort") {
	case "", "-date":
	case "date":
		f.Oldest = true
		kept.Set("sort", "date")
	default:
		return bad("library.filter.sort.invalid")
	}
	return f, kept, true
}

// libraryPage lists the library: published documents and the drafts the
// platform adopted and published, newest first, filtered by kind, year,
// activity and language. Who keeps the library sees the unpublished too,
// marked so.
func (s *Server) libraryPage(w http.ResponseWriter, r *http.Request) {
	f, kept, ok := s.libraryFilterOf(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	ctx := r.Context()
	v := libraryView{Kinds: library.Kinds, Languages: library.Languages, Manage: s.mayManageLibrary(r), Oldest: f.Oldest,
		Kind: string(f.Kind), Language: f.Language, Filtered: f.Kind != "" || f.Year != 0 || f.ActivityID != 0 || f.Language != ""}
	f.PublishedOnly = !v.Manage
	pageNo := pageNumber(r)
	f.Limit, f.Offset = libraryPerPage, (pageNo-1)*libraryPerPage
	entries, err := s.library.ListLibrary(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if v.Years, err = s.library.LibraryYears(ctx, f.PublishedOnly); err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Year != 0 {
		v.Year = strconv.Itoa(f.Year)
	}
	if f.ActivityID != 0 {
		v.Activity = strconv.FormatInt(f.ActivityID, 10)
	}
	if v.Activities, err = s.libraryActivityOptions(r, v.Activity); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range entries.Items {
		v.Rows = append(v.Rows, libraryEntryView{L: l, E: e})
	}
	base := "/library"
	if enc := kept.Encode(); enc != "" {
		base += "?" + enc
	}
	v.Pager = newPager(base, pageNo, libraryPerPage, entries.Total)
	v.CSV = "/library.csv"
	if enc := kept.Encode(); enc != "" {
		v.CSV += "?" + enc
	}
	next := "date"
	if f.Oldest {
		next = ""
	}
	v.SortLink = setQuery(base, "sort", next, "page", "")
	s.render(w, r, http.StatusOK, "library", page{Title: l.T("library.title"), Data: v})
}

// libraryActivityOptions lists the platform's activities for a select,
// keeping current; none when the server keeps no projects.
func (s *Server) libraryActivityOptions(r *http.Request, current string) ([]outreachActivityOption, error) {
	if s.projects == nil {
		return nil, nil
	}
	list, err := s.projects.ListActivities(r.Context())
	if err != nil {
		return nil, err
	}
	idx := outreachActivityIndex{list: list, byID: map[int64]platform.ActivityRef{}}
	for _, a := range list {
		idx.byID[a.ID] = a
	}
	return idx.options(locale{Lang: langOf(r)}, current), nil
}

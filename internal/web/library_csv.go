package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// libraryCSV is the public list as CSV: every published entry the filters
// select, whoever asks, so that the file is the same for everyone. A
// draft's title comes in one column per language, a document's in the
// column of its own.
func (s *Server) libraryCSV(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.libraryFilterOf(w, r)
	if !ok {
		return
	}
	f.PublishedOnly = true
	entries, err := readAll(func(limit, offset int) (plan.Page[library.Entry], error) {
		f.Limit, f.Offset = limit, offset
		return s.library.ListLibrary(r.Context(), f)
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cw := csvWriter(w, "library.csv", append([]string{"id", "type", "kind", "date", "language", "title"},
		append(textHeader("draft_title"), "files", "url")...))
	for _, e := range entries {
		typ := "document"
		if e.Draft {
			typ = "adopted_draft"
		}
		row := []string{strconv.FormatInt(e.ID, 10), typ, string(e.Kind), e.Date.String(), e.Language, e.Title}
		row = append(row, textColumns(e.TitleText)...)
		cw.Write(append(row, strconv.Itoa(e.Files), e.URL()))
	}
	cw.Flush()
}

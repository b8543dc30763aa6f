package web

import (
	"net/http"
	"time"
)

// openDataView is the open-data page.
type openDataView struct {
	Sets      []openDataRow
	Licence   Licence
	BundleURL string
}

// openDataRow is one data set as the page lists it.
type openDataRow struct {
	Set dataSet
	// Files counts the files of a data set published as one per round or
	// scorecard.
	Files int
	// Updated is the data set's last change; zero when unknown or empty.
	Updated time.Time
}

// openDataPage lists every public data set with its formats, licence and
// last change, and links the bundle of them all and the API's description.
func (s *Server) openDataPage(w http.ResponseWriter, r *http.Request) {
	l := locale{Lang: langOf(r)}
	v := openDataView{Licence: s.licence, BundleURL: "/open-data/" + bundleName}
	var updated = map[string]time.Time{}
	if s.catalogue != nil {
		dates, err := s.catalogue.LastUpdated(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for k, t := range dates {
			updated[string(k)] = t
		}
	}
	for _, d := range s.availableDataSets() {
		row := openDataRow{Set: d, Updated: updated[string(d.Name)]}
		if d.PerItem() {
			files, err := d.Files(r.Context(), s)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			row.Files = len(files)
		}
		v.Sets = append(v.Sets, row)
	}
	s.render(w, r, http.StatusOK, "open_data", page{Title: l.T("opendata.title"),
		Crumbs: []crumb{{Label: l.T("nav.home"), URL: "/"}}, Data: v})
}

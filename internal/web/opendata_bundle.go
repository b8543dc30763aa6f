package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"ogpp/internal/i18n"
)

// bundleName is the file name of the open-data bundle.
const bundleName = "ogpp-open-data.zip"

// dataPackage is a Frictionless Data Package (tabular): what the bundle's
// datapackage.json says of the CSVs beside it.
type dataPackage struct {
	Profile   string            `json:"profile"`
	Name      string            `json:"name"`
	Title     string            `json:"title"`
	Created   string            `json:"created"`
	Homepage  string            `json:"homepage,omitempty"`
	Licenses  []packageLicence  `json:"licenses"`
	Resources []packageResource `json:"resources"`
}

type packageLicence struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path"`
	Title string `json:"title"`
}

type packageResource struct {
	Profile   string        `json:"profile"`
	Name      string        `json:"name"`
	Path      string        `json:"path"`
	Title     string        `json:"title"`
	Format    string        `json:"format"`
	MediaType string        `json:"mediatype"`
	Encoding  string        `json:"encoding"`
	Schema    packageSchema `json:"schema"`
}

type packageSchema struct {
	Fields     []dataField `json:"fields"`
	PrimaryKey []string    `json:"primaryKey"`
}

// openDataBundle serves every public CSV in one ZIP with a datapackage.json
// describing them. Each file is what its endpoint answers the anonymous
// public, read through the same route, so the bundle can neither differ
// from the endpoints nor hold anything they would not show.
func (s *Server) openDataBundle(w http.ResponseWriter, r *http.Request) {
	body, err := s.buildBundle(r.Context(), s.publicURL(r, "/open-data"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+bundleName+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(body)
}

// buildBundle writes the ZIP in memory, so that a failure is a clean error
// rather than half a file.
func (s *Server) buildBundle(ctx context.Context, homepage string) ([]byte, error) {
	now := s.now().UTC()
	en := locale{Lang: "en"}
	pkg := dataPackage{Profile: "tabular-data-package", Name: "ogpp-open-data", Title: en.T("opendata.package.title"),
		Created: now.Format(time.RFC3339), Homepage: homepage,
		Licenses: []packageLicence{{Name: s.licence.ID, Path: s.licence.URL, Title: s.licence.Name}}, Resources: []packageResource{}}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, content []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		_, err = f.Write(content)
		return err
	}
	for _, d := range s.availableDataSets() {
		files, err := d.Files(ctx, s)
		if err != nil {
			return nil, fmt.Errorf("open data bundle: list %s: %w", d.Name, err)
		}
		for _, f := range files {
			status, body := s.fetchAsPublic(ctx, f.CSV)
			switch {
			case status == http.StatusNotFound && d.PerItem():
				// Unpublished since it was listed: not public any more.
				continue
			case status != http.StatusOK:
				return nil, fmt.Errorf("open data bundle: %s answered %d", f.CSV, status)
			}
			if err := add(f.Path, body); err != nil {
				return nil, fmt.Errorf("open data bundle: write %s: %w", f.Path, err)
			}
			title := en.T(d.TitleKey())
			if f.Resource != string(d.Name) {
				title += " (" + f.Resource + ")"
			}
			pkg.Resources = append(pkg.Resources, packageResource{Profile: "tabular-data-resource", Name: f.Resource, Path: f.Path,
				Title: title, Format: "csv", MediaType: "text/csv", Encoding: "utf-8",
				Schema: packageSchema{Fields: d.Fields, PrimaryKey: d.PrimaryKey}})
		}
	}
	desc, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("open data bundle: datapackage.json: %w", err)
	}
	if err := add("datapackage.json", append(desc, '\n')); err != nil {
		return nil, fmt.Errorf("open data bundle: write datapackage.json: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("open data bundle: %w", err)
	}
	return buf.Bytes(), nil
}

// fetchAsPublic runs the route that serves path for an anonymous reader
// who asked for no language, and returns its status and body: the guard
// decides as it would for anyone on the internet.
func (s *Server) fetchAsPublic(ctx context.Context, path string) (int, []byte) {
	ctx = context.WithValue(ctx, subjectKey, who{})
	ctx = context.WithValue(ctx, langKey, i18n.Default)
	ctx = context.WithValue(ctx, routeKey, new(string)) // not the bundle's own route
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, path, nil)
	if err != nil {
		return http.StatusInternalServerError, nil
	}
	rec := &bufferedResponse{header: http.Header{}}
	s.mux.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return rec.status, rec.body.Bytes()
}

// bufferedResponse keeps what a handler writes.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

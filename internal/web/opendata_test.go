package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// portalWorld is a server with every public data set filled: the
// registry fixture, a published round with an approved assessment beside
// an open one, a platform member with private contacts, a project with an
// activity, an event with a named registration, a published and a draft
// scorecard, an appeal and a media item.
type portalWorld struct {
	s         *Server
	published string // the published round's id
	open      string // the open round's id
	cards     scorecardIDs
	event     eventIDs
}

func newPortalWorld(t *testing.T, db *store.DB) portalWorld {
	t.Helper()
	var nobody *account.User
	s, _ := outreachServer(t, db, &nobody)
	s.catalogue, s.monitor = db, db
	w := portalWorld{s: s}
	membersSample(t, s, db)
	s.projects = db
	seedLogframe(t, db, 0)
	w.event = eventSample(t, s, db)
	librarySample(t, s, db)
	newsSample(t, s, db)
	w.cards = scorecardSample(t, s, db)
	w.open = monitorSample(t, s, db).Round
	w.published = itoa(publishRound(t, db, "AZ-NAP-TEST", "Published round"))
	return w
}

// publishRound publishes a round of the plan with one approved assessment
// of measure AZ0038 and returns its id.
func publishRound(t *testing.T, db *store.DB, planRef, name string) int64 {
	t.Helper()
	ctx := context.Background()
	p, err := db.GetPlan(ctx, planRef)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.GetMeasure(ctx, "AZ0038")
	if err != nil {
		t.Fatal(err)
	}
	rid, err := db.CreateRound(ctx, audit.System("test"), monitor.RoundEdit{PlanID: p.ID, Name: plan.Text{"en": name},
		Kind: monitor.KindAnnual, PeriodText: "2017"})
	if err != nil {
		t.Fatal(err)
	}
	author, reviewer := audit.Actor{UserID: 1, Name: "author@example.org"}, audit.Actor{UserID: 2, Name: "reviewer@example.org"}
	yes := true
	a, err := db.SaveAssessment(ctx, author, monitor.AssessmentEdit{RoundID: rid, MeasureID: m.ID,
		Rating: monitor.Rating{Completion: monitor.Substantial, Verifiable: &yes, Narrative: "Most e-services, with commas, \"quotes\" and\nlines."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SubmitAssessment(ctx, author, a.ID, a.Version); err != nil {
		t.Fatal(err)
	}
	a, err = db.AssessmentByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ReviewAssessment(ctx, reviewer, a.ID, true, "", a.Version); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRoundStatus(ctx, audit.System("test"), rid, monitor.RoundClosed, 1); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRoundStatus(ctx, audit.System("test"), rid, monitor.RoundPublished, 2); err != nil {
		t.Fatal(err)
	}
	return rid
}

// readBundle downloads the bundle as the public and returns its files.
func readBundle(t *testing.T, h http.Handler) map[string][]byte {
	t.Helper()
	status, body, header := get(t, h, "/open-data/"+bundleName)
	if status != http.StatusOK || header.Get("Content-Type") != "application/zip" {
		t.Fatalf("bundle: %d %s\n%.300s", status, header.Get("Content-Type"), body)
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("bundle is no ZIP: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestOpenDataBundleMatchesItsDataPackage is the acceptance: the
// bundle's datapackage.json describes exactly the CSVs in it — every
// resource's file is there and every CSV is a resource, each header is
// its schema's field names in order, every value parses as its declared
// type and primary keys are unique — and each file is byte for byte what
// its endpoint gives the public. Nothing unpublished or private is in it.
func TestOpenDataBundleMatchesItsDataPackage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newPortalWorld(t, db)
		files := readBundle(t, w.s)

		var pkg dataPackage
		if err := json.Unmarshal(files["datapackage.json"], &pkg); err != nil {
			t.Fatalf("datapackage.json: %v\n%s", err, files["datapackage.json"])
		}
		if pkg.Name != "ogpp-open-data" || pkg.Profile != "tabular-data-package" || len(pkg.Licenses) != 1 ||
			pkg.Licenses[0].Title != "CC BY 4.0" || pkg.Licenses[0].Path != "https://creativecommons.org/licenses/by/4.0/" {
			t.Errorf("package = %s %s %+v, want ogpp-open-data under CC BY 4.0", pkg.Name, pkg.Profile, pkg.Licenses)
		}
		resources := map[string]packageResource{}
		for _, res := range pkg.Resources {
			if _, twice := resources[res.Path]; twice {
				t.Errorf("%s is two resources", res.Path)
			}
			resources[res.Path] = res
			if _, ok := files[res.Path]; !ok {
				t.Errorf("resource %s: no file %s in the bundle", res.Name, res.Path)
			}
			if res.Format != "csv" || res.MediaType != "text/csv" || res.Encoding != "utf-8" || len(res.Schema.PrimaryKey) == 0 {
				t.Errorf("resource %s: format %q, media type %q, encoding %q, primary key %v", res.Name, res.Format, res.MediaType, res.Encoding, res.Schema.PrimaryKey)
			}
		}
		for name := range files {
			if strings.HasSuffix(name, ".csv") {
				if _, ok := resources[name]; !ok {
					t.Errorf("%s is in the bundle but no resource describes it", name)
				}
			} else if name != "datapackage.json" {
				t.Errorf("unexpected file %s in the bundle", name)
			}
		}

		var names []string
		for _, res := range pkg.Resources {
			names = append(names, res.Name)
			checkResource(t, res, files[res.Path])
		}
		for _, want := range []string{"ogp-members", "plans", "measures", "organisations", "round-" + w.published + "-assessments",
			"platform-members", "activities", "events", "scorecard-" + w.cards.Published, "media", "appeals"} {
			if !slices.Contains(names, want) {
				t.Errorf("resources %v lack %s", names, want)
			}
		}
		for _, unpublished := range []string{"round-" + w.open + "-assessments", "scorecard-" + w.cards.Draft} {
			if slices.Contains(names, unpublished) {
				t.Errorf("the bundle holds the unpublished %s", unpublished)
			}
		}

		// Each file is what its endpoint serves the public.
		for _, d := range w.s.availableDataSets() {
			list, err := d.Files(context.Background(), w.s)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range list {
				status, body, _ := get(t, w.s, f.CSV)
				if status != http.StatusOK || body != string(files[f.Path]) {
					t.Errorf("%s in the bundle differs from GET %s (%d)", f.Path, f.CSV, status)
				}
			}
		}

		// Private data: contacts, participants' names.
		all := bytes.Join(mapValues(files), nil)
		for _, secret := range []string{secretEmail, secretPhone, secretAddress, "Sample Person"} {
			if bytes.Contains(all, []byte(secret)) {
				t.Errorf("the bundle holds the private %q", secret)
			}
		}
		if !bytes.Contains(files["assessments/round-"+w.published+".csv"], []byte("substantial")) {
			t.Errorf("the published round's file lacks its assessment:\n%s", files["assessments/round-"+w.published+".csv"])
		}
	})
}

func mapValues(m map[string][]byte) [][]byte {
	var out [][]byte
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// checkResource reads one CSV of the bundle against its schema.
func checkResource(t *testing.T, res packageResource, data []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Errorf("%s: not CSV with a header: %v", res.Path, err)
		return
	}
	var want []string
	for _, f := range res.Schema.Fields {
		want = append(want, f.Name)
	}
	if !slices.Equal(rows[0], want) {
		t.Errorf("%s: header\n%q\nschema\n%q", res.Path, rows[0], want)
		return
	}
	if len(rows) < 2 {
		t.Errorf("%s: no rows; the world fills every data set", res.Path)
	}
	keys := map[string]bool{}
	for i, row := range rows[1:] {
		var key []string
		for j, f := range res.Schema.Fields {
			if v := row[j]; v != "" && !parsesAs(f, v) {
				t.Errorf("%s row %d: %s = %q is not a %s", res.Path, i+1, f.Name, v, f.Type)
			}
			if slices.Contains(res.Schema.PrimaryKey, f.Name) {
				if row[j] == "" {
					t.Errorf("%s row %d: empty primary key %s", res.Path, i+1, f.Name)
				}
				key = append(key, row[j])
			}
		}
		k := strings.Join(key, "\x00")
		if keys[k] {
			t.Errorf("%s row %d: primary key %q again", res.Path, i+1, key)
		}
		keys[k] = true
	}
}

// parsesAs says whether a non-empty cell is a value of the field's type
// as Frictionless reads it.
func parsesAs(f dataField, v string) bool {
	switch f.Type {
	case typeString:
		return true
	case typeInteger:
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case typeNumber:
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case typeDate:
		_, err := time.Parse(time.DateOnly, v)
		return err == nil
	case typeDateTime:
		_, err := time.Parse(time.RFC3339, v)
		return err == nil
	case typeBoolean:
		trues, falses := f.TrueValues, f.FalseValues
		if trues == nil {
			trues, falses = []string{"true", "True", "TRUE", "1"}, []string{"false", "False", "FALSE", "0"}
		}
		return slices.Contains(trues, v) || slices.Contains(falses, v)
	}
	return false
}

// TestOpenDataPage lists every data set with its formats, licence and
// last update, in each language, and links the bundle and the API.
func TestOpenDataPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newPortalWorld(t, db)
		status, body, _ := get(t, w.s, "/open-data?lang=en")
		if status != http.StatusOK {
			t.Fatalf("open data: %d\n%.500s", status, body)
		}
		for _, want := range []string{`href="/open-data/ogpp-open-data.zip"`, `rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>`,
			`href="/api/v1/openapi.json"`, `href="/api/v1/plans.csv">CSV</a> · <a href="/api/v1/plans">JSON</a>`, `href="/events.csv">CSV`,
			"Action plans", "Platform members", "Assessments of published monitoring rounds", "1 file in the ZIP", "Appeals to state bodies"} {
			if !strings.Contains(body, want) {
				t.Errorf("open data page lacks %q", want)
			}
		}
		// The registry's data sets date from the import; each row of the
		// table has a date, since the world fills every data set.
		if n := strings.Count(body, "<time datetime="); n != len(dataSets) {
			t.Errorf("%d dates on the page, want one per data set (%d)\n%s", n, len(dataSets), body)
		}
		for lang, title := range map[string]string{"az": "Açıq məlumat", "ru": "Открытые данные"} {
			if _, body, _ := get(t, w.s, "/open-data?lang="+lang); !strings.Contains(body, "<h1>"+title+"</h1>") {
				t.Errorf("open data in %s lacks its heading %q", lang, title)
			}
		}
	})
}

// TestOpenDataLicenceIsConfigurable: --data-licence names the licence
// the page and the package carry.
func TestOpenDataLicenceIsConfigurable(t *testing.T) {
	db := storetest.SQLite(t)
	s := newTestServer(t, db)
	s.licence = Licence{Name: "Open Government Licence", URL: "https://example.org/ogl"}
	if _, body, _ := get(t, s, "/open-data?lang=en"); !strings.Contains(body, `href="https://example.org/ogl">Open Government Licence</a>`) {
		t.Errorf("the page does not name the configured licence")
	}
	var pkg dataPackage
	if err := json.Unmarshal(readBundle(t, s)["datapackage.json"], &pkg); err != nil {
		t.Fatal(err)
	}
	if len(pkg.Licenses) != 1 || pkg.Licenses[0].Title != "Open Government Licence" || pkg.Licenses[0].Path != "https://example.org/ogl" {
		t.Errorf("package licences = %+v", pkg.Licenses)
	}
}

func TestParseLicence(t *testing.T) {
	tests := []struct {
		in      string
		want    Licence
		wantErr bool
	}{
		{"", DefaultLicence, false},
		{"CC BY 4.0", DefaultLicence, false},
		{"cc0 1.0", Licence{Name: "CC0 1.0", ID: "CC0-1.0", URL: "https://creativecommons.org/publicdomain/zero/1.0/"}, false},
		{"Open Government Licence https://example.org/ogl", Licence{Name: "Open Government Licence", URL: "https://example.org/ogl"}, false},
		{"CC BY 4.0 https://example.org/by", Licence{Name: "CC BY 4.0", ID: "CC-BY-4.0", URL: "https://example.org/by"}, false},
		{"Our own licence", Licence{}, true},
		{"https://example.org/ogl", Licence{}, true},
		{"Ours https://", Licence{}, true},
	}
	for _, tt := range tests {
		got, err := ParseLicence(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseLicence(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

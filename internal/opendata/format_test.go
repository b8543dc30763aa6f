package opendata

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// importDemo loads the demo data set into db.
func importDemo(t *testing.T, db *store.DB) {
	t.Helper()
	bundles, err := DemoBundles()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bundles {
		if _, err := db.Import(context.Background(), b); err != nil {
			t.Fatalf("import: %v", err)
		}
	}
}

type format struct {
	name  string
	write func(io.Writer, *plan.Bundle) error
	read  func(io.Reader) (*plan.Bundle, plan.Problems, error)
}

var formats = []format{{"json", WriteJSON, ReadJSON}, {"csv", WriteCSV, ReadCSV}}

func export(t *testing.T, db *store.DB, f format) []byte {
	t.Helper()
	b, err := db.Export(context.Background())
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var buf bytes.Buffer
	if err := f.write(&buf, b); err != nil {
		t.Fatalf("write %s: %v", f.name, err)
	}
	return buf.Bytes()
}

// The requirement: export → import into an empty database → export
// gives an identical file, in both formats.
func TestExportImportExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		importDemo(t, db)
		for _, f := range formats {
			t.Run(f.name, func(t *testing.T) {
				first := export(t, db, f)
				b, ps, err := f.read(bytes.NewReader(first))
				if err != nil || len(ps) > 0 {
					t.Fatalf("read the export back: %v %v", err, ps)
				}
				fresh := storetest.SQLite(t)
				if db.Dialect() == store.Postgres {
					fresh = storetest.Postgres(t)
				}
				if _, err := fresh.Import(context.Background(), b); err != nil {
					t.Fatalf("import into an empty database: %v", err)
				}
				second := export(t, fresh, f)
				if !bytes.Equal(first, second) {
					t.Errorf("the second export differs from the first:\n%s", firstDifference(first, second))
				}
				counts, err := fresh.Counts(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if counts.Members != 76 || counts.Plans != 215 || counts.Measures != 558+19 {
					t.Errorf("counts after the round trip = %+v, want 76 members, 215 plans, 577 measures", counts)
				}
			})
		}
	})
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "one is a prefix of the other"
}

func TestImportTwiceChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		bundles, err := DemoBundles()
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, b := range bundles {
			report, err := db.Import(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if !report.Changed() {
				t.Errorf("the first import changed nothing")
			}
		}
		for _, b := range bundles {
			report, err := db.Import(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if report.Changed() {
				t.Errorf("the second import changed something: %+v", report)
			}
		}
		counts, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Members != 76 || counts.Plans != 215 || counts.Measures != 577 {
			t.Errorf("counts = %+v, want 76 members, 215 plans, 577 measures", counts)
		}
	})
}

// sparse is a bundle with what has no measure: a member with neither plan
// nor organisation, a plan without measures, an area without measures, an
// organisation executing nothing and one of no member.
func sparse() *plan.Bundle {
	start := plan.Date{Year: 2020, Month: 1, Day: 1}
	return &plan.Bundle{
		Members: []plan.Member{
			{Slug: "baku", Name: plan.Text{"az": "Bakı", "en": "Baku"}, Kind: plan.MemberLocality},
			{Slug: "lonely", Name: plan.EN("Lonely"), Kind: plan.MemberCountry, Region: "Europe"},
		},
		Organisations: []plan.BundleOrganisation{
			{Member: "baku", Name: plan.Text{"az": "Bakı Şəhər İcra Hakimiyyəti"}, Kind: plan.OrgStateBody},
			{Member: "baku", Name: plan.EN("=HYPERLINK(\"x\") Watch"), Kind: plan.OrgNGO},
			{Name: plan.EN("UNDP"), Kind: plan.OrgInternational},
		},
		Plans: []plan.BundlePlan{
			{ExternalID: "BAKU-1", Member: "baku", Title: plan.Text{"az": "Plan", "ru": "План"}, Period: plan.Period{Text: "2020-", Start: &start},
				Areas: []plan.BundleArea{{Key: "2", Number: "2", Title: plan.EN("Second")}, {Key: "1", Number: "1"}},
				Measures: []plan.BundleMeasure{{Clause: "1.1", Area: "1", Title: plan.EN("-5% paperwork; \"quoted\", with\nbreak"),
					Values: []plan.OGPValue{plan.ValueTechnology}, Tags: []string{"Open Data", "Tax"},
					Executors:  []plan.BundleExecutor{{Name: plan.Text{"az": "Bakı Şəhər İcra Hakimiyyəti"}, Role: plan.RoleResponsible}, {Name: plan.EN("UNDP"), Role: plan.RoleSupporting}},
					Milestones: []plan.BundleMilestone{{Title: plan.EN("Draft"), Period: plan.Period{Text: "2020", Start: &start}}}}}},
			{ExternalID: "BAKU-2", Member: "baku", Number: 2, Title: plan.EN("Empty plan"), Measures: []plan.BundleMeasure{}},
		},
	}
}

func TestFormatsKeepWhatHasNoMeasure(t *testing.T) {
	var want bytes.Buffer
	if err := WriteJSON(&want, sparse()); err != nil {
		t.Fatal(err)
	}
	for _, f := range formats {
		var buf bytes.Buffer
		if err := f.write(&buf, sparse()); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		b, ps, err := f.read(&buf)
		if err != nil || len(ps) > 0 {
			t.Fatalf("%s: read back: %v %v", f.name, err, ps)
		}
		var got bytes.Buffer
		WriteJSON(&got, b)
		if got.String() != want.String() {
			t.Errorf("%s: the bundle changed on the way:\n%s", f.name, firstDifference(want.Bytes(), got.Bytes()))
		}
	}
}

func TestWriteJSONShape(t *testing.T) {
	b, err := AzerbaijanNAP()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"{\n  \"members\": [\n    {\n      \"slug\": \"azerbaijan\",",
		`"period": {
        "text": "2016-2018",
        "start": "2016-01-01",
        "end": "2018-12-31"
      },`,
		`"period": {},`, // 1.4: the source gives no period
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the JSON has no %s", want)
		}
	}
}

func TestWriteCSVForExcel(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sparse()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\xef\xbb\xbfmember_slug,") {
		t.Errorf("the CSV does not start with a byte order mark and the header: %q", out[:20])
	}
	if !strings.Contains(out, `,"'=HYPERLINK(""x"") Watch"`) || !strings.Contains(out, `,"'-5% paperwork`) {
		t.Errorf("cells starting with = or - are not guarded against running as formulas")
	}
	// Without the byte order mark it reads the same.
	b, ps, err := ReadCSV(strings.NewReader(strings.TrimPrefix(out, "\xef\xbb\xbf")))
	if err != nil || len(ps) > 0 || len(b.Plans) != 2 {
		t.Errorf("reading without the byte order mark: %v %v", err, ps)
	}
}

func TestEscapeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+7 99", "'+7 99"},
		{"-x", "'-x"},
		{"@SUM", "'@SUM"},
		{"'=x", "''=x"},
		{"'quoted'", "'quoted'"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		got := escapeCell(tt.in)
		if got != tt.want {
			t.Errorf("escapeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := unescapeCell(got); back != tt.in {
			t.Errorf("unescapeCell(%q) = %q, want %q", got, back, tt.in)
		}
	}
}

func TestWriteCSVRefusesWhatItCannotCarry(t *testing.T) {
	b := sparse()
	b.Plans[0].Title["es"] = "Plan"
	if err := WriteCSV(io.Discard, b); err == nil || !strings.Contains(err.Error(), `"es"`) {
		t.Errorf("WriteCSV with a Spanish title: err = %v, want a refusal naming es", err)
	}
	b = sparse()
	b.Plans[0].Measures[0].Tags = []string{"a;b"}
	if err := WriteCSV(io.Discard, b); err == nil {
		t.Errorf("WriteCSV with a tag containing ; did not fail")
	}
}

func TestReadCSVProblems(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sparse()); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	tests := []struct {
		name, from, to string
		row            int
		column, reason string
	}{
		{"bad date", "2020-01-01,,", "2020-02-30,,", 2, "plan_start", "YYYY-MM-DD"},
		{"bad kind", ",international", ",charity", 8, "organisation_kind", "expected one of"},
		{"bad value", ",technology,", ",openness,", 2, "values", "expected OGP values"},
		{"bad executors", `[{""name""`, `[{""nom""`, 2, "executors", "JSON list"},
		{"member differs", "Bakı,Baku,,locality", "Bakı,Bakü,,locality", 3, "member_name_en", "row 2"},
	}
	for _, tt := range tests {
		if !strings.Contains(good, tt.from) {
			t.Fatalf("%s: the CSV has no %q:\n%s", tt.name, tt.from, good)
		}
		in := strings.Replace(good, tt.from, tt.to, 1)
		b, ps, err := ReadCSV(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if b != nil || len(ps) == 0 {
			t.Errorf("%s: got no problem", tt.name)
			continue
		}
		if p := ps[0]; p.Row != tt.row || p.Column != tt.column || !strings.Contains(p.Reason, tt.reason) {
			t.Errorf("%s: problem = %v, want row %d, column %s, reason with %q", tt.name, p, tt.row, tt.column, tt.reason)
		}
	}

	// A missing column is one problem.
	in := strings.Replace(good, ",clause,", ",klause,", 1)
	_, ps, _ := ReadCSV(strings.NewReader(in))
	if len(ps) != 1 || ps[0].Column != "clause" || ps[0].Row != 1 {
		t.Errorf("renamed column: problems = %v, want one naming clause", ps)
	}
}

func TestReadJSONProblems(t *testing.T) {
	tests := []struct {
		name, in string
		row      int
		reason   string
	}{
		{"empty", "", 1, "empty"},
		{"syntax", "{\n  \"members\": [\n    {\"slug\": \"x\",}\n  ]\n}", 3, "line 3"},
		{"type", "{\n  \"plans\": [{\"id\": 7}]\n}", 2, "expected string"},
		{"unknown field", "{\n  \"members\": [],\n  \"planz\": []\n}", 3, "unknown field"},
		{"cut short", "{\n  \"members\": [", 2, "ends in the middle"},
		{"trailing data", "{}\n{}", 2, "more data"},
		{"bad date", "{\n  \"plans\": [{\"id\": \"P\",\n    \"period\": {\"start\": \"2016-02-30\"}}]\n}", 3, "February 2016 has no day 30"},
		{"misspelt period key", "{\"plans\": [{\"period\": {\"begin\": \"2016-02-01\"}}]}", 1, "unknown field"},
		{"invalid bundle", `{"members": [], "plans": [{"id": "P", "member": "nobody", "title": {"en": "T"}, "measures": []}]}`, 0, "no such member"},
	}
	for _, tt := range tests {
		b, ps, err := ReadJSON(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if b != nil || len(ps) == 0 {
			t.Errorf("%s: got no problem", tt.name)
			continue
		}
		if p := ps[0]; p.Row != tt.row || !strings.Contains(p.Reason, tt.reason) {
			t.Errorf("%s: problem = %v, want row %d and a reason with %q", tt.name, p, tt.row, tt.reason)
		}
	}
}

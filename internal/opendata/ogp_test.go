package opendata

import (
	"bytes"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/plan"
)

// ogpRecords returns the embedded data set's header and rows.
func ogpRecords(t *testing.T) ([]string, [][]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(ogpCSV)).ReadAll()
	if err != nil {
		t.Fatalf("read embedded data set: %v", err)
	}
	return recs[0], recs[1:]
}

// ogpFile writes a header and rows back as CSV.
func ogpFile(t *testing.T, header []string, rows [][]string) *bytes.Reader {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

func column(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q", name)
	}
	return i
}

func TestReadOGPEmbedded(t *testing.T) {
	b, ps, err := ReadOGP(bytes.NewReader(ogpCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Fatalf("the embedded data set has %d problems, want none:\n%v", len(ps), ps)
	}
	measures := 0
	for _, p := range b.Plans {
		measures += len(p.Measures)
	}
	if got, want := len(b.Members), 75; got != want {
		t.Errorf("members = %d, want %d", got, want)
	}
	if got, want := len(b.Plans), 214; got != want {
		t.Errorf("plans = %d, want %d", got, want)
	}
	if got, want := measures, 558; got != want {
		t.Errorf("measures = %d, want %d", got, want)
	}

	// The first row, AL0002, checked field by field.
	m, p := findMeasure(t, b, "AL0002")
	if got, want := p.ExternalID, "AP_ALB01"; got != want {
		t.Errorf("AL0002's plan = %q, want %q", got, want)
	}
	if got, want := p.Title.String(), "Albania action plan 2012-2014"; got != want {
		t.Errorf("plan title = %q, want %q", got, want)
	}
	if got, want := p.Period.Start.String()+" "+p.Period.End.String(), "2012-01-01 2014-12-31"; got != want {
		t.Errorf("plan period = %q, want %q", got, want)
	}
	if got, want := p.Number, 1; got != want {
		t.Errorf("plan number = %d, want %d", got, want)
	}
	if got, want := m.Title.String(), "e-Acts"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if !strings.HasPrefix(m.Description.String(), "e-Acts project aims") {
		t.Errorf("description = %q, want the full text", m.Description.String())
	}
	if got, want := m.SourceURL, "https://opengovpartnership.org/members/albania/commitments/al0002"; got != want {
		t.Errorf("source URL = %q, want %q", got, want)
	}
	if got, want := m.Source, OGPSource; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
	if len(m.Executors) == 0 || m.Executors[0].Role != plan.RoleResponsible {
		t.Errorf("executors = %v, want a responsible lead institution first", m.Executors)
	}

	member := b.Members[slices.IndexFunc(b.Members, func(m plan.Member) bool { return m.Slug == "albania" })]
	if member.Kind != plan.MemberCountry || member.Region != "Europe" || member.Code != "ALB" || member.Name.String() != "Albania" {
		t.Errorf("albania = %+v", member)
	}
	for _, slug := range []string{"buenos-aires-argentina", "scotland-united-kingdom"} {
		i := slices.IndexFunc(b.Members, func(m plan.Member) bool { return m.Slug == slug })
		if i < 0 || b.Members[i].Kind != plan.MemberLocality {
			t.Errorf("member %s missing or not a locality", slug)
		}
	}

	// Theme NA is no area; other themes are areas keyed by folded title.
	noArea, withArea := 0, 0
	for _, p := range b.Plans {
		for _, a := range p.Areas {
			if strings.EqualFold(a.Title.String(), "NA") {
				t.Errorf("plan %s has an area named NA", p.ExternalID)
			}
		}
		for _, m := range p.Measures {
			if m.Area == "" {
				noArea++
			} else {
				withArea++
			}
		}
	}
	if noArea != 272 || withArea != 558-272 {
		t.Errorf("measures without area = %d, with = %d; want 272 and %d", noArea, withArea, 558-272)
	}
}

func findMeasure(t *testing.T, b *plan.Bundle, id string) (plan.BundleMeasure, plan.BundlePlan) {
	t.Helper()
	for _, p := range b.Plans {
		for _, m := range p.Measures {
			if m.ExternalID == id {
				return m, p
			}
		}
	}
	t.Fatalf("no measure %s", id)
	return plan.BundleMeasure{}, plan.BundlePlan{}
}

func TestReadOGPMeasureFields(t *testing.T) {
	header, rows := ogpRecords(t)
	row := slices.Clone(rows[0])
	set := func(col, v string) { row[column(t, header, col)] = v }
	set("Short Title", "NA")
	set("Commitment Title", "Open  budget\ndata")
	set("Full Text", "Publish the budget.  \n\n\n\nEvery month.")
	set("Theme", "Fiscal Transparency")
	set("Start Date", "31/12/2014")
	set("End Date", "1/6/2015")
	set("OGP Value Access To Information", "1")
	set("OGP Value Civic Participation", "0")
	set("OGP Value Public Accountability", "ND")
	set("OGP Value Technology", "1")
	for _, tag := range PolicyAreas {
		set(tag, "0")
	}
	set("Open Data", "1")
	set("Tax", "1")
	set("Lead Institution", "Ministry of Finance; Treasury")
	set("Supporting Institution(s)", "Treasury, Open Budget Coalition")

	b, ps, err := ReadOGP(ogpFile(t, header, [][]string{row}))
	if err != nil || len(ps) > 0 {
		t.Fatalf("ReadOGP: %v %v", err, ps)
	}
	m := b.Plans[0].Measures[0]
	if got, want := m.Title.String(), "Open budget data"; got != want {
		t.Errorf("title = %q, want %q (the long title on one line)", got, want)
	}
	if got, want := m.Description.String(), "Publish the budget.\n\nEvery month."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	if got, want := m.Area, "fiscal transparency"; got != want {
		t.Errorf("area = %q, want %q", got, want)
	}
	if got, want := b.Plans[0].Areas[0].Title.String(), "Fiscal Transparency"; got != want {
		t.Errorf("area title = %q, want %q", got, want)
	}
	// 31/12/2014 can only be day first, so 1/6/2015 is read day first too.
	if got, want := m.Period.Text+" | "+m.Period.Start.String()+" | "+m.Period.End.String(), "31/12/2014 – 1/6/2015 | 2014-12-31 | 2015-06-01"; got != want {
		t.Errorf("period = %q, want %q", got, want)
	}
	if got, want := strings.Join(valueStrings(m.Values), ","), "access_to_information,technology"; got != want {
		t.Errorf("values = %q, want %q", got, want)
	}
	if got, want := strings.Join(m.Tags, ","), "Tax,Open Data"; got != want {
		t.Errorf("tags = %q, want %q", got, want)
	}
	var executors []string
	for _, e := range m.Executors {
		executors = append(executors, string(e.Role)+":"+e.Name.String())
	}
	if got, want := strings.Join(executors, ", "), "responsible:Ministry of Finance, responsible:Treasury, supporting:Treasury, supporting:Open Budget Coalition"; got != want {
		t.Errorf("executors = %q, want %q", got, want)
	}
	kinds := map[string]plan.OrganisationKind{}
	for _, o := range b.Organisations {
		kinds[o.Name.String()] = o.Kind
	}
	if kinds["Treasury"] != plan.OrgStateBody || kinds["Open Budget Coalition"] != plan.OrgOther || len(kinds) != 3 {
		t.Errorf("organisations = %v, want Treasury a state body (it also leads) and the coalition other", kinds)
	}
}

func valueStrings(vs []plan.OGPValue) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// The acceptance case: a copy with one bad date and one required column
// removed is refused with both problems named.
func TestReadOGPBadDateAndMissingColumn(t *testing.T) {
	header, rows := ogpRecords(t)
	rows[56][column(t, header, "Start Date")] = "2019-13-45" // row 58 of the file
	drop := column(t, header, "Lead Institution")
	header = slices.Delete(slices.Clone(header), drop, drop+1)
	for i := range rows {
		rows[i] = slices.Delete(slices.Clone(rows[i]), drop, drop+1)
	}

	b, ps, err := ReadOGP(ogpFile(t, header, rows))
	if err != nil {
		t.Fatal(err)
	}
	if b != nil {
		t.Errorf("got a bundle from a bad file")
	}
	if len(ps) != 2 {
		t.Fatalf("got %d problems, want 2:\n%v", len(ps), ps)
	}
	if p := ps[0]; p.Column != "Lead Institution" || p.Row != 1 || !strings.Contains(p.Reason, "missing") {
		t.Errorf("first problem = %v, want the missing column", p)
	}
	if p := ps[1]; p.Row != 58 || p.Column != "Start Date" || p.Value != "2019-13-45" || !strings.Contains(p.Reason, "no month 13") {
		t.Errorf("second problem = %v, want row 58, Start Date, 2019-13-45, no month 13", p)
	}

	// Skipping cannot help with a missing column.
	b, _, _ = ReadOGPSkipping(ogpFile(t, header, rows))
	if b != nil {
		t.Errorf("ReadOGPSkipping returned a bundle although a column is missing")
	}
}

func TestReadOGPProblems(t *testing.T) {
	header, rows := ogpRecords(t)
	rows = rows[:3]
	tests := []struct {
		column, value string
		reason        string
	}{
		{"End Date", "someday", "not a date"},
		{"Verifiable", "Perhaps", "expected one of Yes, No, 1"},
		{"Completion (End Of Term)", "Almost", "Withdrawn, Unclear"},
		{"Did It Open Government (Civic Participation)", "Hugely", "Not Applicable"},
		{"Early Results", "Great", "No notable results"},
		{"Change In Completion", "Up", "Increase"},
		{"Potential for Results", "Large", "Modest"},
		{"Specificity", "Vague", "None, Low"},
		{"Potential Impact", "Huge", "Transformative"},
		{"OGP Value Technology", "yes", "expected one of 0, 1"},
		{"Open Parliaments", "2", "expected 1"},
		{"Action Plan End Year", "soon", "expected a year"},
		{"Action Plan Number", "first", "whole number"},
		{"National Or Local", "Regional", "National"},
		{"Commitment Unique Identifier", "ND", "needs a value"},
	}
	for _, tt := range tests {
		bad := slices.Clone(rows)
		bad[1] = slices.Clone(rows[1])
		bad[1][column(t, header, tt.column)] = tt.value
		b, ps, err := ReadOGP(ogpFile(t, header, bad))
		if err != nil {
			t.Fatal(err)
		}
		if b != nil || len(ps) != 1 {
			t.Errorf("%s = %q: got bundle %v and problems %v, want one problem", tt.column, tt.value, b != nil, ps)
			continue
		}
		if p := ps[0]; p.Row != 3 || p.Column != tt.column || p.Value != tt.value || !strings.Contains(p.Reason, tt.reason) {
			t.Errorf("%s = %q: problem = %v, want row 3 and a reason containing %q", tt.column, tt.value, p, tt.reason)
		}
	}
}

func TestReadOGPCollectsAllProblems(t *testing.T) {
	header, rows := ogpRecords(t)
	rows[3][column(t, header, "End Date")] = "13/13/2020"
	rows[3][column(t, header, "Specificity")] = "Vague"
	rows[9][column(t, header, "Start Date")] = "Q5 2019"
	rows[20][column(t, header, "Commitment Unique Identifier")] = rows[19][column(t, header, "Commitment Unique Identifier")]
	_, ps, err := ReadOGP(ogpFile(t, header, rows))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Column+"@"+strconv.Itoa(p.Row))
	}
	want := []string{"End Date@5", "Specificity@5", "Start Date@11", "Commitment Unique Identifier@22"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("problems at %v, want %v:\n%v", got, want, ps)
	}
}

func TestReadOGPSkipping(t *testing.T) {
	header, rows := ogpRecords(t)
	rows[0][column(t, header, "Start Date")] = "2019-13-45"
	b, ps, err := ReadOGPSkipping(ogpFile(t, header, rows))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Row != 2 {
		t.Fatalf("problems = %v, want one in row 2", ps)
	}
	if b == nil {
		t.Fatal("no bundle")
	}
	n := 0
	for _, p := range b.Plans {
		for _, m := range p.Measures {
			n++
			if m.ExternalID == "AL0002" {
				t.Errorf("the invalid row AL0002 was kept")
			}
		}
	}
	if n != 557 {
		t.Errorf("measures = %d, want 557", n)
	}
}

func TestReadOGPInconsistentPlan(t *testing.T) {
	header, rows := ogpRecords(t)
	// Rows 2 and 3 both belong to AP_ALB01.
	rows[1][column(t, header, "Action Plan End Year")] = "2015"
	_, ps, _ := ReadOGP(ogpFile(t, header, rows[:2]))
	if len(ps) != 1 || ps[0].Row != 3 || ps[0].Column != "Action Plan End Year" || !strings.Contains(ps[0].Reason, "row 2") {
		t.Errorf("problems = %v, want row 3 disagreeing with row 2 on the end year", ps)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Albania", "albania"},
		{"Buenos Aires, Argentina", "buenos-aires-argentina"},
		{"Cote d'Ivoire", "cote-d-ivoire"},
		{"Côte d’Ivoire", "cote-d-ivoire"},
		{"  Kaduna State,  Nigeria ", "kaduna-state-nigeria"},
		{"Azərbaycan", "azerbaycan"},
		{"Şəki", "seki"},
		{"Bakı", "baki"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadOGPBrokenCSV(t *testing.T) {
	header, rows := ogpRecords(t)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.Write(rows[0])
	w.Flush()
	buf.WriteString("AL0003,\"Albania\n") // a quote that is never closed
	for _, read := range []func(io.Reader) (*plan.Bundle, plan.Problems, error){ReadOGP, ReadOGPSkipping} {
		b, ps, err := read(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if b != nil || len(ps) != 1 || ps[0].Row != 3 || !strings.Contains(ps[0].Reason, "not valid CSV") {
			t.Errorf("bundle %v, problems %v; want no bundle and row 3 not valid CSV", b != nil, ps)
		}
	}
}

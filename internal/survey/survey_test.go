package survey_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	. "ogpp/internal/survey"
	"ogpp/internal/survey/surveytest"
)

func testSurvey(t *testing.T) (Survey, []Response) {
	e := surveytest.Entrepreneurs()
	if fe := e.Validate(); len(fe) > 0 {
		t.Fatal(fe)
	}
	s := Survey{Title: e.Title, Status: e.Status, SampleSize: e.SampleSize, Definition: e.Definition}
	var rs []Response
	for i, a := range surveytest.FiftyResponses() {
		clean, fe := s.Check(a)
		if len(fe) > 0 {
			t.Fatal(fe)
		}
		rs = append(rs, Response{ID: int64(i + 1), Channel: ChannelInterviewer, Answers: clean})
	}
	return s, rs
}

func TestTallyQuotas(t *testing.T) {
	s, rs := testSurvey(t)
	res := Tally(s, rs, "az")
	if res.Responses != 50 || res.SamplePercent != 100 {
		t.Fatalf("sample: %d, %v%%", res.Responses, res.SamplePercent)
	}
	// By hand: Baku 20/50 = 40%, Ganja 18/50 = 36%, Shaki 12/50 = 24%;
	// quotas 20/25 = 80%, 18/15 = 120%, 12/10 = 120%.
	want := []Count{{Key: "baku", Label: "Bakı", N: 20, Percent: 40}, {Key: "ganja", Label: "Gəncə", N: 18, Percent: 36}, {Key: "shaki", Label: "Şəki", N: 12, Percent: 24}}
	for i, c := range res.Questions[0].Counts {
		if c != want[i] {
			t.Errorf("count %d = %+v, want %+v", i, c, want[i])
		}
	}
	wantQ := []QuotaProgress{{"baku", "Bakı", 25, 20, 80}, {"ganja", "Gəncə", 15, 18, 120}, {"shaki", "Şəki", 10, 12, 120}}
	for i, q := range res.Quotas[0].Options {
		if q != wantQ[i] {
			t.Errorf("quota %d = %+v, want %+v", i, q, wantQ[i])
		}
	}
	// Sector: 30 trade (60%), 20 services (40%).
	if c := res.Questions[1].Counts; c[0].N != 30 || c[0].Percent != 60 || c[1].Percent != 40 {
		t.Errorf("sector: %+v", c)
	}
}

func TestCross(t *testing.T) {
	s, rs := testSurvey(t)
	ct, ok := Cross(s, rs, "region", "sector", "en")
	if !ok {
		t.Fatal("no cross-tab")
	}
	// Baku: 20 trade; Ganja: 10 trade (20-29), 8 services; Shaki: 12 services.
	want := [][]int{{20, 0}, {10, 8}, {0, 12}}
	for i := range want {
		for j := range want[i] {
			if ct.Cells[i][j] != want[i][j] {
				t.Errorf("cell %d,%d = %d, want %d", i, j, ct.Cells[i][j], want[i][j])
			}
		}
	}
	if ct.Total != 50 || ct.Cols[1].N != 20 {
		t.Errorf("total %d, services %d", ct.Total, ct.Cols[1].N)
	}
	if _, ok := Cross(s, rs, "region", "trust", "en"); ok {
		t.Error("a scale question cross-tabulated")
	}
}

func TestCheckRequired(t *testing.T) {
	s, _ := testSurvey(t)
	_, fe := s.Check(Answers{"sector": {"trade"}, "trust": {"7"}})
	if fe["q.region"] != "survey.answer.required" || fe["q.trust"] != "survey.answer.scale" {
		t.Errorf("errors: %v", fe)
	}
	if _, fe := s.Check(Answers{"region": {"mars"}}); fe["q.region"] != "survey.answer.option" {
		t.Errorf("unknown option: %v", fe)
	}
}

func TestValidate(t *testing.T) {
	e := surveytest.Entrepreneurs()
	e.Definition.Quotas = []Quota{{Question: "trust", Targets: map[string]int{"1": 3}}}
	e.Title = nil
	fe := e.Validate()
	if fe["title"] == "" || fe["quotas"] == "" {
		t.Errorf("errors: %v", fe)
	}
}

var labels = ExportLabels{ID: "№", Channel: "Kanal", Respondent: "Respondent", EnteredBy: "Daxil edən", Time: "Vaxt",
	Responses: "Cavablar", Summary: "Xülasə", Question: "Sual", Answer: "Cavab", Count: "Say", Percent: "Faiz"}

func TestXLSXReadBack(t *testing.T) {
	s, rs := testSurvey(t)
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, s, rs, "az", labels); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Cavablar")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 51 || rows[0][1] != "Kanal" || rows[0][4+1] != "Region" {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	if rows[1][5] != "Bakı" || rows[50][5] != "Şəki" || rows[1][8] != "şəffaflıq ğ ı İ ö ü ç" {
		t.Errorf("rows: %v / %v", rows[1], rows[50])
	}
	sum, err := f.GetRows("Xülasə")
	if err != nil {
		t.Fatal(err)
	}
	if sum[2][1] != "Gəncə" || sum[2][2] != "18" || sum[2][3] != "36" {
		t.Errorf("summary: %v", sum[2])
	}
}

func TestCSV(t *testing.T) {
	s, rs := testSurvey(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s, rs, "az", labels); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFF№,Kanal") || !strings.Contains(out, "Şəki") || strings.Count(out, "\n") != 51 {
		t.Errorf("csv: %.200q", out)
	}
}

func TestDefinitionText(t *testing.T) {
	d := surveytest.Entrepreneurs().Definition
	q, quotas := FormatDefinition(d, "az")
	back, err := ParseDefinition(q, quotas, "az")
	if err != nil {
		t.Fatal(err)
	}
	q2, quotas2 := FormatDefinition(back, "az")
	if q2 != q || quotas2 != quotas || !back.Sections[0].Questions[0].Required || back.Quotas[0].Targets["ganja"] != 15 {
		t.Errorf("round trip:\n%s\n%s\nbecame\n%s\n%s", q, quotas, q2, quotas2)
	}
	if _, err := ParseDefinition("x wat: ?", "", "az"); err == nil {
		t.Error("an unknown kind accepted")
	}
}

func TestCSVGuardsFormulas(t *testing.T) {
	s, rs := testSurvey(t)
	rs = rs[:1]
	rs[0].Answers["note"] = []string{"=HYPERLINK(\"http://x\")"}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s, rs, "az", labels); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""http://x"")"`) {
		t.Errorf("formula not guarded: %s", buf.String())
	}
}

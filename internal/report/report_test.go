package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// generated is the clock of these tests' reports.
var generated = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

// sample is a plan of three measures, two in an area with a long
// Azerbaijani title (longer than a sheet name may be) and one outside any
// area, in a round where 1.1 is substantial and starred, 1.2 limited
// and overdue, and 9 not assessed.
func sample(lang string) Round {
	yes := true
	end := plan.Date{Year: 2017, Month: 6, Day: 30}
	area := plan.Area{ID: 7, Number: "1", Title: plan.Text{"az": "Şəffaflığın artırılması və korrupsiyaya qarşı mübarizə: [ictimai] nəzarət", "ru": "Прозрачность"}}
	ms := []plan.Measure{
		{ID: 1, AreaID: 7, Area: area, Clause: "1.1", Title: plan.Text{"az": "İctimai şuraların yaradılması", "ru": "Создание общественных советов"}},
		{ID: 2, AreaID: 7, Area: area, Clause: "1.2", Title: plan.Text{"az": "Ölçü götürülməsi"}, Period: plan.Period{Text: "2017", End: &end}},
		{ID: 3, Clause: "9", Title: plan.Text{"az": "Sahəsiz tədbir 😀"}},
	}
	as := map[int64]monitor.Assessment{
		1: {Rating: monitor.Rating{Completion: monitor.Substantial, Verifiable: &yes, Relevance: []plan.OGPValue{plan.ValueCivicParticipation},
			RelevanceRated: true, Impact: monitor.ImpactTransformative, Narrative: "Şura **iclas** keçirib.\n\n- birinci\n- ikinci\n\n<script>x()</script>"},
			Evidence: []monitor.Evidence{{Kind: monitor.EvidenceLink, Title: "Protokol", URL: "https://example.org/p"},
				{Kind: monitor.EvidenceFile, FileName: "qərar.pdf", SHA256: strings.Repeat("ab", 32)}}},
		2: {Rating: monitor.Rating{Completion: monitor.Limited}},
	}
	asOf := plan.Date{Year: 2018, Month: 12, Day: 31}
	return NewRound(RoundInput{Lang: lang, Plan: plan.Plan{Title: plan.Text{"az": "Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı", "ru": "Национальный план действий"}},
		Round: monitor.Round{Name: plan.Text{"az": "Yekun qiymətləndirmə", "ru": "Итоговая оценка"}}, Measures: ms, Assessments: as,
		Progress: monitor.Summarise(ms, as, nil, asOf), AsOf: asOf, Generated: generated})
}

// pdfText runs pdftotext and returns the text with white space runs made
// one space; without pdftotext the test is skipped, unless CI=true.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftotext is missing (apt-get install poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Azerbaijani and Cyrillic letters survive the PDF, the figures and the
// assessment are there, and a character no font has does not break it.
func TestRoundPDFKeepsTheLetters(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"az", []string{"Açıq hökumətin təşviqinə dair Milli Fəaliyyət Planı", "Yekun qiymətləndirmə", "1.1 İctimai şuraların yaradılması",
			"Şura iclas keçirib.", "• birinci • ikinci", "Əhəmiyyətli", "Ulduzlu", "Vaxtı keçib", "Sahəsiz tədbir ?", "qərar.pdf", strings.Repeat("ab", 32),
			"https://example.org/p", "Səhifə 1 / 4", "20 noyabr 2026", "1. Şəffaflığın artırılması"}},
		{"ru", []string{"Национальный план действий", "Итоговая оценка", "Создание общественных советов", "Страница 2 из 4", "Подтверждения"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := sample(tt.lang).WritePDF(&buf, generated); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatalf("not a PDF: %q", buf.Bytes()[:8])
			}
			text := pdfText(t, buf.Bytes())
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF lacks %q in:\n%s", w, text)
				}
			}
			for _, bad := range []string{"script", "**", "report."} {
				if strings.Contains(text, bad) {
					t.Errorf("the PDF shows %q", bad)
				}
			}
		})
	}
}

// The workbook has a summary and a sheet per area with a legal, unique
// name, and its figures are Summarise's.
func TestRoundXLSX(t *testing.T) {
	r := sample("az")
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	want := []string{"Xülasə", "1. Şəffaflığın artırılması və k", "Heç bir sahəyə aid olmayan tədb"}
	if strings.Join(sheets, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	summary, err := x.GetRows("Xülasə")
	if err != nil {
		t.Fatal(err)
	}
	figures := map[string]string{}
	for _, row := range summary {
		if len(row) > 1 {
			if _, seen := figures[row[0]]; !seen {
				figures[row[0]] = row[1]
			}
		}
	}
	// (⅔ + ⅓) / 2 = 50%; 1 starred, 1 overdue, 2 of 3 assessed.
	for label, want := range map[string]string{"İcra balı (%)": "50", "ulduzlu tədbir": "1", "vaxtı keçmiş tədbir": "1", "Qiymətləndirilib": "2", "Tədbirlər": "3", "Məhdud": "1"} {
		if figures[label] != want {
			t.Errorf("summary %q = %q, want %s", label, figures[label], want)
		}
	}
	rows, err := x.GetRows(sheets[1])
	if err != nil || len(rows) != 4 || rows[2][0] != "1.1" || rows[2][2] != "Əhəmiyyətli" || rows[3][9] != "Bəli" {
		t.Errorf("area sheet rows = %q, %v", rows, err)
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{"xülasə": true}
	tests := []struct{ in, want string }{
		{"Xülasə", "Xülasə (2)"},
		{"1. Area: [a]/b\\c*d?e", "1. Area a b c d e"},
		{"'quoted'", "quoted"},
		{"", "-"},
		{strings.Repeat("ə", 40), strings.Repeat("ə", 31)},
		{strings.Repeat("ə", 40), strings.Repeat("ə", 27) + " (2)"},
	}
	for _, tt := range tests {
		got := SheetName(tt.in, used)
		if got != tt.want {
			t.Errorf("SheetName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.RuneCountInString(got) > maxSheetName || strings.ContainsAny(got, "[]:*?/\\") {
			t.Errorf("SheetName(%q) = %q is not a legal sheet name", tt.in, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain *words* and **bold**.", "Plain words and bold."},
		{"One\nline broken.\n\nSecond para.", "One line broken.\n\nSecond para."},
		{"- a\n- b\n\nAfter.", "• a\n• b\n\nAfter."},
		{"See [the report](https://example.org/r).", "See the report (https://example.org/r)."},
		{"<b>raw</b> text <script>alert(1)</script>", "raw text"},
		{"# Başlıq\n\nMətn `kod`.", "Başlıq\n\nMətn kod."},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

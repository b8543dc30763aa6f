package library_test

import (
	"strings"
	"testing"

	"ogpp/internal/library"
	"ogpp/internal/library/librarytest"
)

func TestExtractTextFindsAzerbaijaniWords(t *testing.T) {
	data := librarytest.PDF(t, "Hesabat: şəffaflıq və hesabatlılıq")
	ct, _, problem := library.CheckFile(library.FileUpload{Name: "hesabat.pdf", Data: data})
	if problem != "" || ct != "application/pdf" {
		t.Fatalf("CheckFile = %q, %q", ct, problem)
	}
	if got := library.ExtractText(ct, data); !strings.Contains(got, "şəffaflıq") {
		t.Errorf("extracted %q, want it to hold şəffaflıq", got)
	}
}

func TestExtractTextOfAnUnreadablePDFIsEmpty(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("%PDF-1.4\nnot really a pdf"),
		[]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF"),
	} {
		if got := library.ExtractText("application/pdf", data); got != "" {
			t.Errorf("library.ExtractText(%q) = %q, want nothing", data[:12], got)
		}
	}
}

func TestCheckFileGoesByContent(t *testing.T) {
	zip := []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00rest of an office file")
	tests := []struct {
		name, file string
		data       []byte
		wantType   string
		problem    string
	}{
		{"pdf", "a.pdf", []byte("%PDF-1.4\n..."), "application/pdf", ""},
		{"pdf named doc", "a.docx", []byte("%PDF-1.4\n..."), "application/pdf", ""},
		{"pptx", "slides.pptx", zip, "application/vnd.openxmlformats-officedocument.presentationml.presentation", ""},
		{"plain zip", "archive.zip", zip, "", "library.file.type"},
		{"html claiming pdf", "x.pdf", []byte("<html><script>alert(1)</script>"), "", "library.file.type"},
		{"text", "notes.txt", []byte("Qeydlər"), "text/plain; charset=utf-8", ""},
		{"empty", "a.pdf", nil, "", "library.file.empty"},
		{"too large", "a.pdf", make([]byte, library.MaxFileBytes+1), "", "library.file.too_large"},
	}
	for _, tt := range tests {
		ct, _, problem := library.CheckFile(library.FileUpload{Name: tt.file, Data: tt.data})
		if ct != tt.wantType || problem != tt.problem {
			t.Errorf("%s: CheckFile = %q, %q; want %q, %q", tt.name, ct, problem, tt.wantType, tt.problem)
		}
	}
	if _, name, _ := library.CheckFile(library.FileUpload{Name: `C:\Users\x\Hesabat 2017.pdf`, Data: []byte("%PDF-")}); name != "Hesabat 2017.pdf" {
		t.Errorf("name = %q, want the base name", name)
	}
}

func TestEditValidate(t *testing.T) {
	e := library.Edit{Kind: library.KindReport, Title: "  Monitorinq   hesabatı ", Language: "az", Date: "2017-10-05",
		Links:     []library.Link{{URL: " https://example.org/v ", Title: "Video"}, {}},
		Relations: map[library.Target][]int64{library.TargetEvent: {3, 3, 1}}}
	if fe := e.Validate(); len(fe) > 0 {
		t.Fatalf("Validate = %v", fe)
	}
	if e.Title != "Monitorinq hesabatı" || len(e.Links) != 1 || e.Links[0].URL != "https://example.org/v" {
		t.Errorf("tidied = %+v", e)
	}
	if got := e.Relations[library.TargetEvent]; len(got) != 2 || got[0] != 1 {
		t.Errorf("relations = %v, want sorted and unique", got)
	}
	bad := library.Edit{Kind: "film", Language: "fr", Date: "2017-13-01", Links: []library.Link{{URL: "javascript:alert(1)"}},
		Relations: map[library.Target][]int64{library.TargetMeasure: {-2}}}
	fe := bad.Validate()
	for _, f := range []string{"kind", "title", "language", "date", "links", "measure"} {
		if fe[f] == "" {
			t.Errorf("no problem with %s in %v", f, fe)
		}
	}
}

func TestParseIDsAndLinks(t *testing.T) {
	if ids, ok := library.ParseIDs(" 3, 7 ;12 "); !ok || len(ids) != 3 || ids[2] != 12 {
		t.Errorf("ParseIDs = %v, %v", ids, ok)
	}
	if _, ok := library.ParseIDs("3, seven"); ok {
		t.Error("ParseIDs accepted a word")
	}
	links := library.ParseLinks("https://a.example/x\tVideo of the round table\r\n\r\nhttps://b.example/")
	if len(links) != 2 || links[0].Title != "Video of the round table" || links[1].Title != "" {
		t.Errorf("ParseLinks = %+v", links)
	}
	if got := library.FormatLinks(links); library.ParseLinks(got)[0] != links[0] {
		t.Errorf("FormatLinks does not read back: %q", got)
	}
}

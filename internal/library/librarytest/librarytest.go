// Package librarytest writes the files the library's tests upload: a PDF
// holding Azerbaijani text, written with the DejaVu Sans font that ogpp's
// own PDFs embed, so that its letters survive extraction.
package librarytest

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/go-pdf/fpdf"
)

// fontPaths are where DejaVu Sans is looked for: the copy ogpp's reports
// embed, then Debian's.
func fontPaths() []string {
	var out []string
	if _, file, _, ok := runtime.Caller(0); ok {
		out = append(out, filepath.Join(filepath.Dir(file), "..", "..", "report", "fonts", "DejaVuSans.ttf"))
	}
	return append(out, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
}

// PDF returns a one-page PDF showing each line of text; the test is
// skipped where no DejaVu Sans is found to write it with.
func PDF(t testing.TB, lines ...string) []byte {
	t.Helper()
	var font []byte
	for _, p := range fontPaths() {
		if b, err := os.ReadFile(p); err == nil {
			font = b
			break
		}
	}
	if font == nil {
		t.Skip("no DejaVuSans.ttf to write a PDF with")
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("DejaVu", "", font)
	p.AddPage()
	p.SetFont("DejaVu", "", 14)
	for _, l := range lines {
		p.Cell(0, 10, l)
		p.Ln(12)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatalf("write a PDF: %v", err)
	}
	return buf.Bytes()
}

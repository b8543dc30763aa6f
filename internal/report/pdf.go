package report

import (
	_ "embed"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// DejaVu Sans covers Azerbaijani's ə ğ ı İ ö ş ü ç and Cyrillic; the PDF
// embeds the glyphs it uses, so every reader sees the same letters and
// pdftotext reads them back. The licence is fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// pdfSlots bounds how many PDFs are written at once. Each costs some 20 MB
// to parse the fonts before its first page, so a burst of downloads waits
// its turn instead of growing the process's memory with the burst. It
// guards a machine's resources, not any platform's data.
var pdfSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// fontFamily is the embedded font's name inside the PDF.
const fontFamily = "DejaVu"

// The page geometry, in millimetres on A4.
const (
	pageMargin   = 18.0
	pageWidth    = 210.0
	contentWidth = pageWidth - 2*pageMargin
	lineHeight   = 5.2
)

// colour is an RGB colour.
type colour struct{ R, G, B int }

// The colours of the text and rules.
var (
	textColour  = colour{11, 12, 12}
	mutedColour = colour{80, 90, 95}
	ruleColour  = colour{177, 180, 182}
	accent      = colour{29, 112, 184}
)

// pdfWriter wraps fpdf with what every report's pages share: the font, the
// running header and the numbered footer.
type pdfWriter struct {
	f *fpdf.Fpdf
}

// newPDF starts a document with the embedded fonts, a running header
// (from the second page) and "page n of N" in the footer. generated is the
// document's creation date, so that the same report is the same file.
func newPDF(l labels, title, header string, generated time.Time) *pdfWriter {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(pageMargin, pageMargin+4, pageMargin)
	f.SetAutoPageBreak(true, pageMargin+4)
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetTitle(title, true)
	f.SetAuthor(header, true)
	f.SetCreator("ogpp", true)
	f.SetLang(string(l))
	// Sorted catalogs and fixed dates: the same report is the same file.
	f.SetCatalogSort(true)
	f.SetCreationDate(generated)
	f.SetModificationDate(generated)
	f.AliasNbPages("{nb}")
	w := &pdfWriter{f: f}
	f.SetHeaderFunc(func() {
		if f.PageNo() == 1 {
			return
		}
		f.SetY(8)
		w.font("", 8, mutedColour)
		w.cell(contentWidth, 4, w.fit(header, contentWidth), "", 0, "L", false, 0, "")
		f.Ln(5)
		w.rule()
		f.SetY(pageMargin + 4)
	})
	f.SetFooterFunc(func() {
		f.SetY(-(pageMargin - 2))
		w.font("", 8, mutedColour)
		w.cell(contentWidth*0.75, 4, w.fit(title, contentWidth*0.75-3), "", 0, "L", false, 0, "")
		w.cell(contentWidth*0.25, 4, l.T("report.page", f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	return w
}

// font sets the face, size in points and colour of what follows.
func (w *pdfWriter) font(style string, size float64, c colour) {
	w.f.SetFont(fontFamily, style, size)
	w.f.SetTextColor(c.R, c.G, c.B)
}

// rule draws a thin line across the page at the current position.
func (w *pdfWriter) rule() {
	y := w.f.GetY()
	w.f.SetDrawColor(ruleColour.R, ruleColour.G, ruleColour.B)
	w.f.SetLineWidth(0.2)
	w.f.Line(pageMargin, y, pageMargin+contentWidth, y)
}

// heading writes a heading of a size, keeping it with a few lines of what
// follows.
func (w *pdfWriter) heading(text string, size float64) {
	w.needSpace(size * 0.6 * 3)
	w.font("B", size, textColour)
	w.multi(contentWidth, size*0.5, text, "", "L", false)
	w.f.Ln(size * 0.2)
}

// para writes a paragraph in the regular face.
func (w *pdfWriter) para(text string, size float64, c colour) {
	w.font("", size, c)
	w.multi(contentWidth, size*0.48, text, "", "L", false)
}

// field writes a label in bold and its value after it on the same line,
// wrapping the value.
func (w *pdfWriter) field(label, value string) {
	w.font("B", 9, textColour)
	lw := w.f.GetStringWidth(label+": ") + 1
	if lw > contentWidth/2 {
		lw = contentWidth / 2
	}
	x := w.f.GetX()
	w.cell(lw, lineHeight, label+":", "", 0, "L", false, 0, "")
	w.font("", 9, textColour)
	w.f.SetX(x + lw)
	w.multi(contentWidth-lw, lineHeight, value, "", "L", false)
	w.f.SetX(x)
}

// needSpace starts a new page unless h millimetres are left on this one.
func (w *pdfWriter) needSpace(h float64) {
	_, pageH := w.f.GetPageSize()
	_, _, _, bottom := w.f.GetMargins()
	if w.f.GetY()+h > pageH-bottom {
		w.f.AddPage()
	}
}

// fill sets the fill colour.
func (w *pdfWriter) fill(c colour) { w.f.SetFillColor(c.R, c.G, c.B) }

// write ends the document into out.
func (w *pdfWriter) write(out io.Writer) error {
	if err := w.f.Output(out); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// multi writes text wrapped within width w (see fpdf's MultiCell).
func (w *pdfWriter) multi(width, h float64, text, border, align string, fill bool) {
	w.f.MultiCell(width, h, pdfSafe(text), border, align, fill)
}

// cell writes text in one cell (see fpdf's CellFormat).
func (w *pdfWriter) cell(width, h float64, text, border string, ln int, align string, fill bool, link int, linkStr string) {
	w.f.CellFormat(width, h, pdfSafe(text), border, ln, align, fill, link, linkStr)
}

// pdfSafe replaces what the PDF's fonts cannot hold — characters beyond
// the Basic Multilingual Plane, such as emoji, and control characters but
// the newline — with a question mark, so that no user text can break a
// report.
func pdfSafe(s string) string {
	clean := true
	for _, r := range s {
		if r > 0xFFFF || r == utf8.RuneError || (r < ' ' && r != '\n') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r':
			return ' '
		case r > 0xFFFF || r == utf8.RuneError || (r < ' ' && r != '\n'):
			return '?'
		}
		return r
	}, s)
}

// fit cuts text, marking the cut, until it is at most width wide in the
// current font, for lines that must not wrap (running header, footer).
func (w *pdfWriter) fit(text string, width float64) string {
	text = pdfSafe(text)
	full := w.f.GetStringWidth(text)
	if full <= width {
		return text
	}
	r := []rune(text)
	// Start near the length that fits, then shorten a letter at a time.
	r = r[:min(len(r), int(float64(len(r))*width/full)+1)]
	for len(r) > 1 && w.f.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}

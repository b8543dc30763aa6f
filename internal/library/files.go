package library

import (
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// MaxFileBytes bounds one file of a document: a report's PDF or a
// presentation fits; a film does not, and belongs on a video site, linked.
const MaxFileBytes = 20 << 20

// maxText bounds the text kept from a file for search.
const maxText = 1 << 20

// allowedTypes are the kinds of file the library keeps, by the type their
// content shows; office documents show as ZIP and are told apart by name.
var allowedTypes = map[string]bool{
	"application/pdf": true, "image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"text/plain; charset=utf-8": true,
}

var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
}

// CheckFile checks an upload by its content, never by what the browser
// claimed, and returns the type to serve it as and the cleaned name; a
// problem comes as a message key.
func CheckFile(f FileUpload) (contentType, name, problem string) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(f.Name), `\`, "/"))
	if name == "." || name == "/" || !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		name = "document"
	}
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	switch {
	case len(f.Data) == 0:
		return "", name, "library.file.empty"
	case len(f.Data) > MaxFileBytes:
		return "", name, "library.file.too_large"
	}
	detected := http.DetectContentType(f.Data)
	if allowedTypes[detected] {
		return detected, name, ""
	}
	if detected == "application/zip" {
		if t, ok := officeTypes[strings.ToLower(path.Ext(name))]; ok {
			return t, name, ""
		}
	}
	return "", name, "library.file.type"
}

// ExtractText returns the text of a PDF file for search, or of a plain
// text file as it is; "" for other files and for a PDF the reader cannot
// read. A file it cannot read is no error: the file is kept all the same,
// only not found by its words.
func ExtractText(contentType string, data []byte) (text string) {
	switch contentType {
	case "text/plain; charset=utf-8":
		text = string(data)
	case "application/pdf":
		text = pdfText(data)
	}
	text = strings.ToValidUTF8(strings.ReplaceAll(text, "\x00", ""), "")
	if len(text) > maxText {
		n := maxText
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	return strings.TrimSpace(text)
}

// pdfText reads a PDF's text, page by page. The reader panics on some
// malformed files: a panic is a file it cannot read, like an error.
func pdfText(data []byte) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage() && b.Len() < 4*maxText; i++ {
		pageText(&b, r.Page(i))
	}
	return b.String()
}

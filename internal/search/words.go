package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"ogpp/internal/i18n"
)

// span is a word of a text: its byte offsets.
type span struct{ start, end int }

// isWordRune reports whether r belongs to a word. These are the token
// characters of SQLite's unicode61 tokenizer (letters, numbers, private
// use); PostgreSQL's parser sees only such words separated by spaces,
// because the index is given words already split here.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// spans splits text into words. A combining mark continues the word it
// follows (a letter typed as base and mark stays one letter); everything
// else that is not a word rune separates words.
func spans(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case unicode.Is(unicode.Mn, r) && start >= 0:
		default:
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// maxWordBytes bounds a word of the index: longer runs of letters are not
// words anyone types, and PostgreSQL refuses lexemes over 2 KB.
const maxWordBytes = 200

// foldWord folds one word for the index: Azerbaijani text the Azerbaijani
// way (İ→i, I→ı), other languages by their own rules, combining marks that
// remain after composition dropped (English folding turns İ into i and a
// combining dot). The result holds word runes only.
func foldWord(lang, w string) string {
	if f, ok := foldASCII(lang, w); ok {
		return f
	}
	var f string
	if lang == "az" {
		f = i18n.Fold(w)
	} else {
		f = i18n.FoldIn(lang, w)
	}
	f = strings.Map(func(r rune) rune {
		if isWordRune(r) {
			return r
		}
		return -1
	}, f)
	if len(f) > maxWordBytes {
		f = f[:maxWordBytes]
		for !utf8.ValidString(f) {
			f = f[:len(f)-1]
		}
	}
	return f
}

// foldedWords returns the words of text folded for lang, joined by single
// spaces: what the database indexes.
func foldedWords(lang, text string) string {
	var b strings.Builder
	for _, s := range spans(text) {
		w := foldWord(lang, text[s.start:s.end])
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// intlLang is the folding of text that is not Azerbaijani: its own
// language's, English when unknown.
func intlLang(lang string) string {
	if lang == "" || lang == "az" {
		return "en"
	}
	return lang
}

// Entry is a document ready for the index: the words of its title and body
// folded and joined by spaces, in two pairs of columns. The Az columns
// hold Azerbaijani text folded the Azerbaijani way, the Intl columns other
// languages folded by their own rules; text of unknown or mixed language
// goes into both. A query word matches the Az columns in its Azerbaijani
// folding and the Intl columns in its English folding, so that "ICTIMAI"
// (ıctımaı) does not find Azerbaijani "İctimai" while "INFORMATION" finds
// English "Information", as the registry's search does.
type Entry struct {
	Document
	TitleAz, BodyAz     string
	TitleIntl, BodyIntl string
}

// NewEntry folds a document for the index.
func NewEntry(d Document) Entry {
	e := Entry{Document: d}
	var ta, ba, ti, bi []string
	add := func(lang, title, body string) {
		if lang == "" || lang == "az" {
			ta = appendNonEmpty(ta, foldedWords("az", title))
			ba = appendNonEmpty(ba, foldedWords("az", body))
		}
		if lang != "az" {
			ti = appendNonEmpty(ti, foldedWords(intlLang(lang), title))
			bi = appendNonEmpty(bi, foldedWords(intlLang(lang), body))
		}
	}
	add(d.Lang, d.Title, d.Body+"\n"+d.Context)
	for _, t := range d.Translations {
		add(t.Lang, t.Title, t.Body+"\n"+t.Context)
	}
	e.TitleAz, e.BodyAz = capWords(strings.Join(ta, " ")), capWords(strings.Join(ba, " "))
	e.TitleIntl, e.BodyIntl = capWords(strings.Join(ti, " ")), capWords(strings.Join(bi, " "))
	return e
}

// maxIndexedBytes bounds the words of one column of a document that are
// indexed: the text of a long PDF beyond it is not searched. PostgreSQL
// refuses a tsvector over 1 MB, and a document matters by its start.
const maxIndexedBytes = 256 << 10

// capWords cuts folded words to maxIndexedBytes, at a space.
func capWords(s string) string {
	if len(s) <= maxIndexedBytes {
		return s
	}
	s = s[:maxIndexedBytes]
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// foldASCII folds a word of ASCII letters and digits without the general
// machinery, as it would: A-Z become a-z, except that Azerbaijani I
// becomes ı. Most words of the index are such; it reports false for any
// other word.
func foldASCII(lang, w string) (string, bool) {
	if len(w) > maxWordBytes {
		return "", false
	}
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return "", false
		}
	}
	if !upper {
		return w, true
	}
	var b strings.Builder
	b.Grow(len(w) + 1)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 'I' && lang == "az":
			b.WriteRune('ı')
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

package search

import (
	"strings"
	"unicode"
)

// Fragment is a piece of a title or snippet; Match marks the words that
// match the query, which pages highlight.
type Fragment struct {
	Text  string
	Match bool
}

// SnippetWords is about how many words a snippet shows around the first
// match.
const SnippetWords = 30

// wordsBefore is how many of a snippet's words come before the first
// match, so that the reader sees what leads up to it.
const wordsBefore = 8

// matchesWord reports whether a word of text in lang matches one of the
// terms, folded the way the index folded it (see Entry).
func matchesWord(lang, word string, terms []Term) bool {
	var az, intl string
	if lang == "" || lang == "az" {
		az = foldWord("az", word)
	}
	if lang != "az" {
		intl = foldWord(intlLang(lang), word)
	}
	for _, t := range terms {
		if (az != "" && t.matches(az, t.Az)) || (intl != "" && t.matches(intl, t.Intl)) {
			return true
		}
	}
	return false
}

// Highlight splits the whole of text into fragments, marking every word
// that matches one of the terms.
func Highlight(lang, text string, terms []Term) []Fragment {
	return fragments(lang, text, spans(text), 0, len(text), terms)
}

// fragments cuts text[from:to] into plain and matching fragments; ws are
// the words of the whole text.
func fragments(lang, text string, ws []span, from, to int, terms []Term) []Fragment {
	var out []Fragment
	at := from
	for _, s := range ws {
		if s.start < from || s.end > to || !matchesWord(lang, text[s.start:s.end], terms) {
			continue
		}
		if s.start > at {
			out = append(out, Fragment{Text: text[at:s.start]})
		}
		out = append(out, Fragment{Text: text[s.start:s.end], Match: true})
		at = s.end
	}
	if at < to {
		out = append(out, Fragment{Text: text[at:to]})
	}
	return out
}

// Snippet returns about SnippetWords words of text around the first word
// that matches a term, every match marked, with an ellipsis where text was
// cut. Without a match it returns the start of the text and false.
func Snippet(lang, text string, terms []Term) ([]Fragment, bool) {
	ws := spans(text)
	if len(ws) == 0 {
		return nil, false
	}
	first, found := 0, false
	for i, s := range ws {
		if matchesWord(lang, text[s.start:s.end], terms) {
			first, found = i, true
			break
		}
	}
	start := max(0, first-wordsBefore)
	end := min(len(ws), start+SnippetWords)
	if end-start < SnippetWords {
		start = max(0, end-SnippetWords)
	}
	from, to := ws[start].start, ws[end-1].end
	if start == 0 {
		from = 0
	}
	if end == len(ws) {
		to = len(text)
	}
	out := fragments(lang, text, ws, from, to, terms)
	if start > 0 {
		out = append([]Fragment{{Text: "… "}}, out...)
	}
	if end < len(ws) {
		out = append(out, Fragment{Text: " …"})
	}
	return collapseSpace(out), found
}

// collapseSpace turns runs of white space (line breaks of a description)
// into single spaces and trims the ends of the snippet.
func collapseSpace(fs []Fragment) []Fragment {
	out := fs[:0]
	for i, f := range fs {
		var b strings.Builder
		space := false
		for _, r := range f.Text {
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && (b.Len() > 0 || i > 0) {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		if space && i < len(fs)-1 {
			b.WriteByte(' ')
		}
		if f.Text = b.String(); f.Text != "" {
			out = append(out, f)
		}
	}
	return out
}

// Hit is a document that matches a query, as a results page shows it.
type Hit struct {
	Document
	// Lang is the language of the title and snippet shown: the reader's
	// when the document has it, else the document's own.
	Lang string
	// Heading is the title shown, in the language of Lang.
	Heading string
	// Snippet is a passage of the body around the first match.
	Snippet []Fragment
	// Rank is the database's relevance score: higher is better.
	Rank float64
}

// NewHit prepares a matching document for a results page in the reader's
// language.
func NewHit(d Document, rank float64, terms []Term, readerLang string) Hit {
	h := Hit{Document: d, Lang: d.Lang, Rank: rank}
	title, body := d.Title, d.Body
	if readerLang != "" && readerLang != d.Lang {
		for _, t := range d.Translations {
			if t.Lang == readerLang && t.Title != "" {
				h.Lang, title, body = t.Lang, t.Title, t.Body
				if t.Context != "" {
					h.Context = t.Context
				}
				break
			}
		}
	}
	if title == "" {
		title = d.Title
	}
	h.Heading = title
	snippet, found := Snippet(h.Lang, body, terms)
	if !found {
		// The match may be in another language's text: show where it is.
		texts := append([]Translation{{Lang: d.Lang, Body: d.Body}}, d.Translations...)
		for _, t := range texts {
			if s, ok := Snippet(t.Lang, t.Body, terms); ok {
				snippet = s
				break
			}
		}
	}
	h.Snippet = snippet
	return h
}

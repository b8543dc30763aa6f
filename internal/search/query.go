package search

import "strings"

// Query is what a reader asks the index.
type Query struct {
	// Text is what the reader typed. Every word must match; the last one
	// may be the start of a word ("şəff" finds "şəffaflıq"). Operators and
	// punctuation mean nothing: they separate words.
	Text string
	// Kind, when set, keeps hits of that kind only; the counts per kind
	// are given all the same.
	Kind Kind
	// Lang is the reader's language: a hit shows its title and snippet in
	// that language when the document has it.
	Lang          string
	Limit, Offset int
}

// Term is one word of a query in the two foldings the index's two pairs of
// columns hold (see Entry). Both consist of word runes only, so a store
// may quote them in its query syntax without escaping anything.
type Term struct {
	Az, Intl string
	// Prefix asks for words that start with the term.
	Prefix bool
}

// MaxTerms bounds how many words of a query are matched: every word is a
// condition on every document.
const MaxTerms = 12

// Terms splits a query's text into the terms a store matches: its words,
// folded both ways, the last one as a prefix. Words that fold to nothing
// are dropped; an empty list means the query asks for nothing.
func Terms(text string) []Term {
	var out []Term
	for _, s := range spans(text) {
		w := text[s.start:s.end]
		t := Term{Az: foldWord("az", w), Intl: foldWord("en", w)}
		if t.Az == "" || t.Intl == "" {
			continue
		}
		out = append(out, t)
		if len(out) == MaxTerms {
			break
		}
	}
	if n := len(out); n > 0 {
		out[n-1].Prefix = true
	}
	return out
}

// matches reports whether an index word (folded for the side it is on)
// matches the term's folding for that side.
func (t Term) matches(word, folding string) bool {
	if t.Prefix {
		return strings.HasPrefix(word, folding)
	}
	return word == folding
}

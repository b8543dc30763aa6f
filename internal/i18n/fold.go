package i18n

import (
	"encoding/hex"
	"strings"
	"sync"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Fold lowercases and normalises text for search the Azerbaijani way:
// İ becomes i and I becomes ı, as Azerbaijani spells them, where generic
// folding (SQLite FTS5, strings.ToLower) would turn both into i. Letters
// stay distinct — ş is not s, ə is not e — because they are different
// letters of the alphabet, not accented variants. The text is put in NFC
// form, so a letter typed as a base and a combining mark matches the same
// letter typed whole, and runs of white space become one space with none
// at either end.
//
// Index and query must both go through Fold for a search to match.
func Fold(s string) string {
	// NFC first so that I followed by a combining dot above is seen as İ;
	// NFC again because lowercasing can leave a decomposed sequence.
	// A Caser keeps state, so each call takes its own.
	s = cases.Lower(language.Azerbaijani).String(norm.NFC.String(s))
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// collators holds Azerbaijani collators for reuse; a Collator keeps
// buffers and must not be shared between goroutines.
var collators = sync.Pool{
	New: func() any { return collate.New(language.Azerbaijani) },
}

// SortKey returns a key for ordering names alphabetically in Azerbaijani
// order (a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z).
// Letters of other Latin alphabets and Cyrillic fall where the Unicode
// Collation Algorithm puts them, Cyrillic after Latin. The key is the
// collation key written in lowercase hex, so plain byte-wise comparison —
// SQLite's default BINARY, PostgreSQL's COLLATE "C" — orders rows the
// Azerbaijani way without a database collation for the language.
func SortKey(s string) string {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	var buf collate.Buffer
	return hex.EncodeToString(c.KeyFromString(&buf, norm.NFC.String(s)))
}

// FoldIn lowercases text by the rules of the language it is written in, so
// that English "Information" folds to "information" (Fold, with Azerbaijani
// rules, gives "ınformation"). The store indexes every translation with
// Fold and, for languages other than Azerbaijani, FoldIn too, and matches a
// query in either form: a reader can type English with English capitals
// and Azerbaijani with Azerbaijani ones.
func FoldIn(lang, s string) string {
	if lang == "az" {
		return Fold(s)
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.Und
	}
	s = cases.Lower(tag).String(norm.NFC.String(s))
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

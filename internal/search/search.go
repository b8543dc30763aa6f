// Package search is ogpp's site-wide search over everything the public
// side shows: measures, activities, events, documents of the library and
// news. Each capability contributes a Source of public Documents; an Index
// keeps them in the database's full-text index (FTS5 in SQLite, tsvector in
// PostgreSQL) over text folded the Azerbaijani way, and answers queries
// with ranked hits and highlighted snippets. It knows neither SQL nor HTTP.
package search

import (
	"context"
	"time"
)

// Kind is what sort of thing a document of the index is.
type Kind string

// The kinds of public thing the site-wide search finds.
const (
	KindMeasure  Kind = "measure"
	KindActivity Kind = "activity"
	KindEvent    Kind = "event"
	KindDocument Kind = "document"
	KindNews     Kind = "news"
)

// Kinds lists the kinds in the order the search page shows their tabs.
var Kinds = []Kind{KindMeasure, KindActivity, KindEvent, KindDocument, KindNews}

// Document is one public thing as the index sees it. Only what the
// anonymous public may read belongs in it: a Source leaves out drafts,
// unpublished items and private contacts.
type Document struct {
	Kind Kind
	// ID is the thing's id in its own table; Kind and ID together are
	// unique.
	ID int64
	// Lang is the language the text is written in ("az", "en", "ru"), or
	// empty when it mixes them.
	Lang  string
	Title string
	// Body is the searchable text: description, narrative, the text
	// extracted from an uploaded PDF.
	Body string
	// URL is the public page of the thing, a path such as /measures/12.
	URL string
	// Context, when set, says where the thing belongs, shown beside its
	// kind: a measure's plan, an activity's project. It is searched as
	// part of the body, but snippets are cut from the body alone.
	Context string
	// Date is when it happened or was published; zero when unknown.
	Date time.Time
	// Translations are the title and body in languages other than Lang.
	// They are searched with their own language's folding; a reader of
	// that language sees them instead of Title and Body.
	Translations []Translation
}

// Translation is a document's title and body in one more language.
type Translation struct {
	Lang    string
	Title   string
	Body    string
	Context string
}

// Source lists the public documents a capability contributes to the
// index.
type Source func(ctx context.Context) ([]Document, error)

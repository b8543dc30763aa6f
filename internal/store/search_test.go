package store_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"ogpp/internal/search"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// searchFixture is a small public corpus in Azerbaijani and English.
func searchFixture() []search.Document {
	day := time.Date(2017, 5, 16, 0, 0, 0, 0, time.UTC)
	return []search.Document{
		{Kind: search.KindDocument, ID: 1, Lang: "az", Title: "Hesabat", URL: "/library/1",
			Body: "Dövlət şirkətlərinin şəffaflıq səviyyəsi haqqında monitorinq hesabatı.", Date: day},
		{Kind: search.KindMeasure, ID: 2, Lang: "az", Title: "4.1.3 Şəffaflıq platforması", URL: "/measures/2",
			Body: "Platformanın dəstəklənməsi"},
		{Kind: search.KindMeasure, ID: 3, Lang: "az", Title: "İctimai şuralar", URL: "/measures/3",
			Body: "İnformasiya azadlığı və ictimai iştirak"},
		{Kind: search.KindEvent, ID: 4, Lang: "en", Title: "Round table on Information", URL: "/events/4",
			Body: "Access to information in the regions", Date: day.AddDate(0, 1, 0),
			Translations: []search.Translation{{Lang: "az", Title: "Dəyirmi masa", Body: "Məlumat əldə etmək"}}},
		{Kind: search.KindActivity, ID: 5, Lang: "az", Title: "Ekspert qrupu", URL: "/activities/5",
			Body: "Qrupun işi: şəffaf büdcə"},
	}
}

// indexOf builds an index of the fixture in db.
func indexOf(t *testing.T, db *store.DB, docs ...search.Document) *search.Index {
	t.Helper()
	x := search.NewIndex(db, func(context.Context) ([]search.Document, error) { return docs, nil })
	if err := x.Rebuild(context.Background()); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	return x
}

// urls lists the addresses of a query's hits, best first.
func urls(t *testing.T, x *search.Index, q search.Query) []string {
	t.Helper()
	res, err := x.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.URL)
	}
	return out
}

func TestSearchFindsAzerbaijaniWordsAndRanks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		x := indexOf(t, db, searchFixture()...)
		tests := []struct {
			q    string
			want []string
		}{
			// A title match ranks above a body match.
			{"şəffaflıq", []string{"/measures/2", "/library/1"}},
			// Azerbaijani capitals: I is the capital of ı.
			{"ŞƏFFAFLIQ", []string{"/measures/2", "/library/1"}},
			{"İnformasiya", []string{"/measures/3"}},
			{"informasiya", []string{"/measures/3"}},
			// ICTIMAI is ıctımaı in Azerbaijani: not İctimai.
			{"ICTIMAI", nil},
			{"İCTİMAİ", []string{"/measures/3"}},
			// English capitals still find English text.
			{"INFORMATION", []string{"/events/4"}},
			// A translation is searched in its own language.
			{"dəyirmi", []string{"/events/4"}},
			// The last word is a prefix; the others are whole words.
			{"şəff", []string{"/measures/2", "/activities/5", "/library/1"}},
			{"şəff büdcə", nil},
			{"şəffaf büd", []string{"/activities/5"}},
			// Every word must match.
			{"monitorinq hesabatı", []string{"/library/1"}},
			{"monitorinq platforma", nil},
			// Punctuation separates words; it is not syntax.
			{"4.1.3", []string{"/measures/2"}},
		}
		for _, tt := range tests {
			got := urls(t, x, search.Query{Text: tt.q})
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q found %v, want %v", tt.q, got, tt.want)
			}
		}
	})
}

func TestSearchCountsKindsAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		x := indexOf(t, db, searchFixture()...)
		res, err := x.Search(context.Background(), search.Query{Text: "şəff", Kind: search.KindMeasure})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.All != 3 || res.ByKind[search.KindActivity] != 1 || res.ByKind[search.KindDocument] != 1 {
			t.Errorf("total %d, all %d, by kind %v; want 1 measure of 3 hits", res.Total, res.All, res.ByKind)
		}
		if len(res.Hits) != 1 || res.Hits[0].URL != "/measures/2" {
			t.Errorf("hits %+v, want the measure only", res.Hits)
		}
		if got := urls(t, x, search.Query{Text: "şəff", Limit: 1, Offset: 1}); !slices.Equal(got, []string{"/activities/5"}) {
			t.Errorf("second page of one: %v", got)
		}
		// The date and translations come back as stored.
		res, _ = x.Search(context.Background(), search.Query{Text: "round", Lang: "az"})
		if len(res.Hits) != 1 || res.Hits[0].Date.Format(time.DateOnly) != "2017-06-16" || res.Hits[0].Heading != "Dəyirmi masa" {
			t.Errorf("event hit %+v", res.Hits)
		}
	})
}

func TestSearchIndexFollowsInvalidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		docs := searchFixture()[:1]
		x := search.NewIndex(db, func(context.Context) ([]search.Document, error) { return docs, nil })
		// Never built: the first search builds it.
		if got := urls(t, x, search.Query{Text: "hesabat"}); len(got) != 1 {
			t.Fatalf("first search found %v", got)
		}
		docs = searchFixture()[1:2]
		if got := urls(t, x, search.Query{Text: "hesabat"}); len(got) != 1 {
			t.Errorf("without invalidation the index changed: %v", got)
		}
		x.Invalidate()
		if got := urls(t, x, search.Query{Text: "hesabat"}); len(got) != 0 {
			t.Errorf("after invalidation a removed document is found: %v", got)
		}
		if got := urls(t, x, search.Query{Text: "platforma"}); len(got) != 1 {
			t.Errorf("after invalidation a new document is not found: %v", got)
		}
		// Another process sharing the database (an import, another
		// instance) marks a change: this one rebuilds before its search.
		docs = searchFixture()[2:3]
		if err := search.NewIndex(db).Changed(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := urls(t, x, search.Query{Text: "ictimai"}); len(got) != 1 {
			t.Errorf("after another process's change the new document is not found: %v", got)
		}
	})
}

// hostileQueries are queries that are syntax in FTS5 or tsquery, or
// nothing at all.
var hostileQueries = []string{
	`"`, `""`, `'`, `''`, `*`, `"şəff*`, `AND`, `OR`, `NOT`, `a OR b`, `a NOT b`, `NEAR(a b)`, `title_az:x`, `{title_az}: x`,
	`^x`, `-x`, `x:*`, `x:*A`, `a & b`, `a | b`, `!a`, `a <-> b`, `(a`, `a)`, `\`, `\'`, `%`, `_`, `$1`, `;DROP TABLE x`,
	"\x00", "a\x00b", "\xff\xfe", "İ̇", "\u0307", "ı̇", "٣", "½", "x²", "\uE000", "𝔘𝔫𝔦", "a-b", "e-hökumət", "'şəffaflıq':*AB",
}

func TestSearchQuerySyntaxIsSafe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		x := indexOf(t, db, searchFixture()...)
		for _, q := range hostileQueries {
			if _, err := x.Search(context.Background(), search.Query{Text: q}); err != nil {
				t.Errorf("query %q: %v", q, err)
			}
		}
		// Quotes around a word do not stop it from matching.
		if got := urls(t, x, search.Query{Text: `"hesabatı"`}); !slices.Equal(got, []string{"/library/1"}) {
			t.Errorf(`quoted word found %v`, got)
		}
	})
}

func TestSearchSourcesReadPublicContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		x := search.NewIndex(db, db.SearchSources()...)
		// A measure is found by its title and by its plan's title.
		if got := urls(t, x, search.Query{Text: "İctimai"}); len(got) != 1 {
			t.Errorf("measure by title: %v", got)
		}
		if got := urls(t, x, search.Query{Text: "zambia second"}); len(got) != 0 {
			t.Errorf("a plan without measures gave hits: %v", got)
		}
		res, err := x.Search(context.Background(), search.Query{Text: "zambia plan"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].Kind != search.KindMeasure {
			t.Errorf("measure by plan title: %+v", res.Hits)
		}
	})
}

// FuzzSearchQuery checks that no query text makes the index fail, on
// SQLite and, when OGPP_TEST_POSTGRES is set, on PostgreSQL.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	source := func(context.Context) ([]search.Document, error) { return searchFixture(), nil }
	indexes := map[string]*search.Index{"sqlite": search.NewIndex(storetest.SQLite(f), source)}
	if os.Getenv(storetest.PostgresEnv) != "" {
		indexes["postgres"] = search.NewIndex(storetest.Postgres(f), source)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for name, x := range indexes {
			if _, err := x.Search(context.Background(), search.Query{Text: q}); err != nil {
				t.Errorf("%s: query %q: %v", name, q, err)
			}
		}
	})
}

func TestSearchIndexesALongDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		// The text of a long PDF: 60,000 different words, over 500 KB.
		var b strings.Builder
		b.WriteString("Şəffaflıq hesabatı. ")
		for i := range 60000 {
			fmt.Fprintf(&b, "söz%d ", i)
		}
		long := search.Document{Kind: search.KindDocument, ID: 9, Lang: "az", Title: "Uzun sənəd", URL: "/library/9", Body: b.String()}
		x := indexOf(t, db, long)
		if got := urls(t, x, search.Query{Text: "ŞƏFFAFLIQ"}); !slices.Equal(got, []string{"/library/9"}) {
			t.Errorf("the start of a long document is not found: %v", got)
		}
	})
}

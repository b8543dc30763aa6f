package store_test

import (
	"context"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/search"
	"ogpp/internal/store"
)

// benchSearchIndex loads the demo data (both plans' measures and the seed
// project's activities) and builds the site-wide index over it.
func benchSearchIndex(b *testing.B, db *store.DB) *search.Index {
	b.Helper()
	ctx := context.Background()
	benchDemo(b, db)
	p, err := opendata.PlatformProject()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.ImportProject(ctx, audit.System("demo"), *p); err != nil {
		b.Fatal(err)
	}
	x := search.NewIndex(db, db.SearchSources()...)
	if err := x.Rebuild(ctx); err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkSearchRebuild reads every source and replaces the whole index,
// as the first search after a change does.
func BenchmarkSearchRebuild(b *testing.B) {
	benchDialects(b, func(b *testing.B, db *store.DB) {
		x := benchSearchIndex(b, db)
		b.ReportAllocs()
		for b.Loop() {
			if err := x.Rebuild(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearch is a reader's search of the demo data: a page of 20
// hits with their snippets and the counts per kind.
func BenchmarkSearch(b *testing.B) {
	queries := []struct{ name, q string }{
		{"common-word", "information"},
		{"two-words", "open data"},
		{"prefix", "parliam"},
		{"azerbaijani", "ŞƏFFAFLIQ platforma"},
		{"nothing", "zyxwvut"},
	}
	benchDialects(b, func(b *testing.B, db *store.DB) {
		x := benchSearchIndex(b, db)
		for _, q := range queries {
			b.Run(q.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := x.Search(context.Background(), search.Query{Text: q.q, Limit: 20}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

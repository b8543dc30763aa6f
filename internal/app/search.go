package app

import (
	"context"

	"ogpp/internal/search"
	"ogpp/internal/store"
)

// SearchIndex is the site-wide search over everything public: the
// registry's measures, the platform's activities, events, the library's
// documents and the news.
func SearchIndex(db *store.DB) *search.Index {
	sources := append(db.SearchSources(), db.LibrarySearchDocuments, db.NewsSearchDocuments)
	return search.NewIndex(db, sources...)
}

// searchChanged tells every process serving db that its public content
// changed (an import, the demo data), so that the search index is rebuilt
// before the next search.
func searchChanged(ctx context.Context, db any) error {
	if m, ok := db.(interface {
		MarkSearchIndexChanged(ctx context.Context) error
	}); ok {
		return m.MarkSearchIndexChanged(ctx)
	}
	return nil
}

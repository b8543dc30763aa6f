package search

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// Match is a document the store found, with its relevance (higher is
// better).
type Match struct {
	Document
	Rank float64
}

// Matches is one page of what the store found.
type Matches struct {
	Items []Match
	// Total counts the matching documents of the kind asked for (all kinds
	// when none was).
	Total int
	// ByKind counts the matching documents of each kind, whatever kind
	// was asked for.
	ByKind map[Kind]int
}

// StoreQuery is a query as a store runs it: terms that must all match,
// in the order of relevance.
type StoreQuery struct {
	Terms         []Term
	Kind          Kind
	Limit, Offset int
}

// Store is the database's full-text index. Several processes may share it
// (instances behind a load balancer, an import run from the command line):
// the store counts the changes they mark, and remembers the count the
// index was built from.
type Store interface {
	// ReplaceSearchIndex makes entries the whole content of the index, in
	// one transaction, built after builtFrom marked changes.
	ReplaceSearchIndex(ctx context.Context, entries []Entry, builtFrom int64) error
	// SearchIndex returns the documents that match every term, best first.
	SearchIndex(ctx context.Context, q StoreQuery) (Matches, error)
	// MarkSearchIndexChanged counts a change of public content.
	MarkSearchIndexChanged(ctx context.Context) error
	// SearchIndexChanges returns the count of changes marked and the
	// count the index was built from.
	SearchIndexChanges(ctx context.Context) (marked, built int64, err error)
}

// Results is what a query found.
type Results struct {
	Hits []Hit
	// Total counts the hits of the kind asked for (all kinds when none
	// was), for pagination.
	Total int
	// All counts the hits of every kind together.
	All int
	// ByKind counts the hits of each kind.
	ByKind map[Kind]int
	// Terms are the query's words as matched, for highlighting elsewhere.
	Terms []Term
}

// Index keeps the database's full-text index in step with the sources.
// Rather than each capability reporting each change, anything that may
// have changed public content calls Invalidate (or Changed, which other
// processes sharing the database see too), and the next search rebuilds
// the whole index first: the index then follows every change, and a test
// knows exactly when it is rebuilt. It is safe for concurrent use.
type Index struct {
	store   Store
	sources []Source
	// mu serialises rebuilds.
	mu    sync.Mutex
	dirty atomic.Bool
}

// NewIndex returns an index over the sources kept in store. It starts
// dirty: the first search builds it unless Rebuild did.
func NewIndex(store Store, sources ...Source) *Index {
	x := &Index{store: store, sources: sources}
	x.dirty.Store(true)
	return x
}

// Invalidate marks the index out of date in this process: its next search
// rebuilds it.
func (x *Index) Invalidate() { x.dirty.Store(true) }

// Changed marks the index out of date for every process that shares the
// database, this one included.
func (x *Index) Changed(ctx context.Context) error {
	x.dirty.Store(true)
	return x.store.MarkSearchIndexChanged(ctx)
}

// Rebuild reads every source and replaces the index's content.
func (x *Index) Rebuild(ctx context.Context) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	marked, _, err := x.store.SearchIndexChanges(ctx)
	if err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return x.rebuildLocked(ctx, marked)
}

// rebuildLocked rebuilds the index from the sources as they are after
// marked changes.
func (x *Index) rebuildLocked(ctx context.Context, marked int64) error {
	// Cleared before reading: a change made while the sources are read
	// marks the index dirty again, and the next search sees it.
	x.dirty.Store(false)
	var entries []Entry
	for _, src := range x.sources {
		docs, err := src(ctx)
		if err != nil {
			x.dirty.Store(true)
			return fmt.Errorf("rebuild search index: %w", err)
		}
		for _, d := range docs {
			entries = append(entries, NewEntry(d))
		}
	}
	if err := x.store.ReplaceSearchIndex(ctx, entries, marked); err != nil {
		x.dirty.Store(true)
		return fmt.Errorf("rebuild search index: %w", err)
	}
	return nil
}

// fresh rebuilds the index when this process or another marked it out of
// date.
func (x *Index) fresh(ctx context.Context) error {
	marked, built, err := x.store.SearchIndexChanges(ctx)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if !x.dirty.Load() && marked == built {
		return nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	// Another search may have rebuilt it while this one waited.
	if marked, built, err = x.store.SearchIndexChanges(ctx); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if !x.dirty.Load() && marked == built {
		return nil
	}
	return x.rebuildLocked(ctx, marked)
}

// Search answers a query, rebuilding the index first when it is out of
// date. A query without words finds nothing.
func (x *Index) Search(ctx context.Context, q Query) (Results, error) {
	if err := x.fresh(ctx); err != nil {
		return Results{}, err
	}
	res := Results{Terms: Terms(q.Text), ByKind: map[Kind]int{}}
	if len(res.Terms) == 0 {
		return res, nil
	}
	m, err := x.store.SearchIndex(ctx, StoreQuery{Terms: res.Terms, Kind: q.Kind, Limit: q.Limit, Offset: q.Offset})
	if err != nil {
		return res, fmt.Errorf("search %q: %w", q.Text, err)
	}
	res.Total = m.Total
	for k, n := range m.ByKind {
		res.ByKind[k] = n
		res.All += n
	}
	for _, it := range m.Items {
		res.Hits = append(res.Hits, NewHit(it.Document, it.Rank, res.Terms, q.Lang))
	}
	return res, nil
}

package store

import (
	"context"
	"database/sql"

	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// The soft-deleted documents of the library and news items, listed and
// restored on the administrator's deleted items page like the registry's
// rows. Their titles are one language's text, so the queries name it.

// RestoreDocument brings back a soft-deleted library document with its
// files and ties.
func (db *DB) RestoreDocument(ctx context.Context, actor audit.Actor, id int64) error {
	return db.restoreRow(ctx, actor, "library_documents", library.EntityDocument, id, func(tx *sql.Tx) (any, error) {
		r, _, _, err := readDocumentRecord(ctx, tx, id)
		return r, err
	})
}

// ListDeletedDocuments lists the soft-deleted library documents, latest
// deletion first, each with its kind and date as context.
func (db *DB) ListDeletedDocuments(ctx context.Context) ([]plan.Deleted, error) {
	return db.listDeleted(ctx, library.EntityDocument, `SELECT id, title, language,
		kind || ' ' || issued_on, deleted_at, version
		FROM library_documents WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`)
}

// RestoreNews brings back a soft-deleted news item.
func (db *DB) RestoreNews(ctx context.Context, actor audit.Actor, id int64) error {
	return db.restoreRow(ctx, actor, "news", news.EntityNews, id, func(tx *sql.Tx) (any, error) {
		r, _, err := readNewsRecord(ctx, tx, id)
		return r, err
	})
}

// ListDeletedNews lists the soft-deleted news items, latest deletion
// first, each with its language as context.
func (db *DB) ListDeletedNews(ctx context.Context) ([]plan.Deleted, error) {
	return db.listDeleted(ctx, news.EntityNews, `SELECT id, title, lang, lang, deleted_at, version
		FROM news WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC`)
}

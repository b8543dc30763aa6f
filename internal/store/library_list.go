package store

import (
	"context"
	"fmt"
	"strings"

	"ogpp/internal/drafts"
	"ogpp/internal/library"
	"ogpp/internal/plan"
	"ogpp/internal/search"
)

// libraryUnion selects the library's entries: live documents and, unless
// the filter asks for what only documents have, published drafts. Both
// parts share one set of numbered arguments.
func libraryUnion(f library.Filter) (string, *conds) {
	c := &conds{}
	c.add(`d.deleted_at IS NULL`)
	if f.PublishedOnly {
		c.add(`d.published = 1`)
	}
	if f.Kind != "" {
		c.add(`d.kind = ?`, string(f.Kind))
	}
	if f.Year != 0 {
		c.add(`d.issued_on >= ? AND d.issued_on <= ?`, fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year))
	}
	if f.Language != "" {
		c.add(`d.language = ?`, f.Language)
	}
	if f.ActivityID != 0 {
		c.add(`EXISTS (SELECT 1 FROM library_relations r WHERE r.document_id = d.id AND r.target = ? AND r.target_id = ?)`,
			string(library.TargetActivity), f.ActivityID)
	}
	if f.Target != "" {
		c.add(`EXISTS (SELECT 1 FROM library_relations r WHERE r.document_id = d.id AND r.target = ? AND r.target_id = ?)`,
			string(f.Target), f.TargetID)
	}
	q := `SELECT d.id AS id, 0 AS is_draft, d.kind AS kind, d.title AS title, d.language AS language, d.issued_on AS day, d.published AS published,
		(SELECT COUNT(*) FROM library_files lf WHERE lf.document_id = d.id AND lf.removed_at IS NULL) AS files
		FROM library_documents d` + c.where()
	if f.Language != "" || f.Target != "" {
		return q, c
	}
	// The drafts' part: its conditions continue the numbering.
	c.parts = nil
	c.add(`dr.status = ?`, string(drafts.StatusPublished))
	c.add(`dr.published_at IS NOT NULL`)
	if f.Kind != "" {
		c.add(`dr.kind = ?`, string(f.Kind))
	}
	if f.Year != 0 {
		c.add(`dr.published_at >= ? AND dr.published_at < ?`, fmt.Sprintf("%04d", f.Year), fmt.Sprintf("%04d", f.Year+1))
	}
	if f.ActivityID != 0 {
		c.add(`dr.activity_id = ?`, f.ActivityID)
	}
	q += ` UNION ALL SELECT dr.id, 1, dr.kind, dr.title, '', SUBSTR(dr.published_at, 1, 10), 1, 0 FROM drafts dr` + c.where()
	return q, c
}

// ListLibrary returns a page of the entries f selects, newest first (or
// oldest, as f says), documents before drafts of the same day.
func (db *DB) ListLibrary(ctx context.Context, f library.Filter) (plan.Page[library.Entry], error) {
	var out plan.Page[library.Entry]
	q, c := libraryUnion(f)
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+q+`) u`, c.args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("list library: %w", err)
	}
	order := `u.day DESC, u.is_draft, u.id DESC`
	if f.Oldest {
		order = `u.day, u.is_draft, u.id`
	}
	limit, offset := pageLimits(f.Limit, f.Offset)
	rows, err := db.read.QueryContext(ctx, `SELECT u.id, u.is_draft, u.kind, u.title, u.language, u.day, u.published, u.files FROM (`+q+`) u
		ORDER BY `+order+` LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return out, fmt.Errorf("list library: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e library.Entry
		var isDraft, published int
		var kind, title, day string
		if err := rows.Scan(&e.ID, &isDraft, &kind, &title, &e.Language, &day, &published, &e.Files); err != nil {
			return out, fmt.Errorf("list library: %w", err)
		}
		e.Draft, e.Kind, e.Published = isDraft != 0, library.Kind(kind), published != 0
		if e.Draft {
			if e.TitleText, err = parseText(title); err != nil {
				return out, fmt.Errorf("list library: %w", err)
			}
		} else {
			e.Title = title
		}
		if e.Date, err = pwDay(day); err != nil {
			return out, fmt.Errorf("list library: %w", err)
		}
		out.Items = append(out.Items, e)
	}
	return out, rows.Err()
}

// LibraryYears lists the years of the library's entries, newest first.
func (db *DB) LibraryYears(ctx context.Context, publishedOnly bool) ([]int, error) {
	docs := `SELECT DISTINCT SUBSTR(issued_on, 1, 4) FROM library_documents WHERE deleted_at IS NULL`
	if publishedOnly {
		docs += ` AND published = 1`
	}
	return pwYears(ctx, db.read, docs+` UNION SELECT DISTINCT SUBSTR(published_at, 1, 4) FROM drafts
		WHERE status = '`+string(drafts.StatusPublished)+`' AND published_at IS NOT NULL`)
}

// LibrarySearchDocuments lists the published documents for the site-wide
// search: each one's title, and its description with the text extracted
// from its live files as the body.
func (db *DB) LibrarySearchDocuments(ctx context.Context) ([]search.Document, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT d.id, d.title, d.language, d.issued_on, d.description, f.text
		FROM library_documents d LEFT JOIN library_files f ON f.document_id = d.id AND f.removed_at IS NULL AND f.text <> ''
		WHERE d.deleted_at IS NULL AND d.published = 1 ORDER BY d.id, f.id`)
	if err != nil {
		return nil, fmt.Errorf("library search documents: %w", err)
	}
	defer rows.Close()
	var out []search.Document
	for rows.Next() {
		var id int64
		var title, lang, day, desc string
		var text *string
		if err := rows.Scan(&id, &title, &lang, &day, &desc, &text); err != nil {
			return nil, fmt.Errorf("library search documents: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].ID != id {
			d, err := pwDay(day)
			if err != nil {
				return nil, fmt.Errorf("library search documents: %w", err)
			}
			if lang == "other" {
				lang = ""
			}
			out = append(out, search.Document{Kind: search.KindDocument, ID: id, Lang: lang, Title: title, Body: desc,
				URL: fmt.Sprintf("/library/%d", id), Date: d.Time()})
		}
		if text != nil {
			last := &out[len(out)-1]
			last.Body = strings.TrimSpace(last.Body + "\n\n" + *text)
		}
	}
	return out, rows.Err()
}

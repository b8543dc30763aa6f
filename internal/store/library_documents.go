package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/plan"
)

var _ library.Store = (*DB)(nil)

// documentRecord is a library document as the audit log records it and
// its fingerprint covers it: its fields, what it is tied to and its live
// files by SHA-256. The title is "name", the key the audit pages name an
// entity by.
type documentRecord struct {
	Kind        string         `json:"kind"`
	Name        string         `json:"name"`
	Language    string         `json:"language"`
	Date        string         `json:"date"`
	Description string         `json:"description,omitempty"`
	Links       []library.Link `json:"links,omitempty"`
	Published   bool           `json:"published"`
	Activities  []int64        `json:"activities,omitempty"`
	Events      []int64        `json:"events,omitempty"`
	Measures    []int64        `json:"measures,omitempty"`
	Drafts      []int64        `json:"drafts,omitempty"`
	Files       []fileRef      `json:"files,omitempty"`
}

// fileRef is a live file as a document's record names it.
type fileRef struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

func (r documentRecord) hash() string { return contentHash(r) }

// relations returns the record's ids of target t.
func (r *documentRecord) relations(t library.Target) *[]int64 {
	switch t {
	case library.TargetActivity:
		return &r.Activities
	case library.TargetEvent:
		return &r.Events
	case library.TargetMeasure:
		return &r.Measures
	default:
		return &r.Drafts
	}
}

// readDocumentRecord reads document id in its audit form with its version
// and whether it is deleted; plan.ErrNotFound when there is none.
func readDocumentRecord(ctx context.Context, q querier, id int64) (documentRecord, int, bool, error) {
	var r documentRecord
	var version int
	var deleted bool
	var links string
	var published int
	err := q.QueryRowContext(ctx, `SELECT kind, title, language, issued_on, description, links, published, version, deleted_at IS NOT NULL
		FROM library_documents WHERE id = $1`, id).Scan(&r.Kind, &r.Name, &r.Language, &r.Date, &r.Description, &links, &published, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	r.Published = published != 0
	if err := json.Unmarshal([]byte(links), &r.Links); err != nil {
		return r, 0, false, fmt.Errorf("stored links %q: %w", links, err)
	}
	if len(r.Links) == 0 {
		r.Links = nil
	}
	rows, err := q.QueryContext(ctx, `SELECT target, target_id FROM library_relations WHERE document_id = $1 ORDER BY target, target_id`, id)
	if err != nil {
		return r, 0, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var tid int64
		if err := rows.Scan(&t, &tid); err != nil {
			return r, 0, false, err
		}
		p := r.relations(library.Target(t))
		*p = append(*p, tid)
	}
	if err := rows.Err(); err != nil {
		return r, 0, false, err
	}
	frows, err := q.QueryContext(ctx, `SELECT file_name, sha256 FROM library_files WHERE document_id = $1 AND removed_at IS NULL ORDER BY id`, id)
	if err != nil {
		return r, 0, false, err
	}
	defer frows.Close()
	for frows.Next() {
		var f fileRef
		if err := frows.Scan(&f.File, &f.SHA256); err != nil {
			return r, 0, false, err
		}
		r.Files = append(r.Files, f)
	}
	return r, version, deleted, frows.Err()
}

// liveDocumentRecord is readDocumentRecord for a write: a deleted document
// is plan.ErrNotFound.
func liveDocumentRecord(ctx context.Context, tx *sql.Tx, id int64) (documentRecord, int, error) {
	r, version, deleted, err := readDocumentRecord(ctx, tx, id)
	if err == nil && deleted {
		err = plan.ErrNotFound
	}
	return r, version, err
}

// libraryTargetExists says how to tell that a thing a document is tied to
// exists and is live.
var libraryTargetExists = map[library.Target]string{
	library.TargetActivity: `SELECT COUNT(*) FROM project_activities WHERE id = $1 AND deleted_at IS NULL`,
	library.TargetEvent:    `SELECT COUNT(*) FROM events WHERE id = $1 AND deleted_at IS NULL`,
	library.TargetMeasure:  `SELECT COUNT(*) FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1 AND ` + measureLive,
	library.TargetDraft:    `SELECT COUNT(*) FROM drafts WHERE id = $1`,
}

// checkRelations refuses a tie to a thing that does not exist, unless the
// document is tied to it already (it may have been deleted since).
func checkRelations(ctx context.Context, tx *sql.Tx, e *library.Edit, stored documentRecord) error {
	fe := plan.FieldErrors{}
	for _, t := range library.Targets {
		for _, id := range e.Relations[t] {
			if slices.Contains(*stored.relations(t), id) {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, libraryTargetExists[t], id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				fe[string(t)] = "library." + string(t) + ".unknown"
				break
			}
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// writeRelations replaces a document's ties with e's.
func writeRelations(ctx context.Context, tx *sql.Tx, id int64, e *library.Edit) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM library_relations WHERE document_id = $1`, id); err != nil {
		return err
	}
	for _, t := range library.Targets {
		for _, tid := range e.Relations[t] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO library_relations (document_id, target, target_id) VALUES ($1, $2, $3)`, id, string(t), tid); err != nil {
				return err
			}
		}
	}
	return nil
}

// sealDocument recomputes a document's fingerprint from what it now holds,
// after a write in tx, and returns its record.
func sealDocument(ctx context.Context, tx *sql.Tx, id int64) (documentRecord, error) {
	r, _, _, err := readDocumentRecord(ctx, tx, id)
	if err != nil {
		return r, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE library_documents SET content_hash = $1 WHERE id = $2`, r.hash(), id)
	return r, err
}

func linksJSON(links []library.Link) string {
	if len(links) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(links) // plain strings always marshal
	return string(b)
}

// CreateDocument records a document, unpublished, and returns its id.
func (db *DB) CreateDocument(ctx context.Context, actor audit.Actor, e library.Edit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create library document: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkRelations(ctx, tx, &e, documentRecord{}); err != nil {
			return err
		}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO library_documents (kind, title, language, issued_on, description, links, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
			string(e.Kind), e.Title, e.Language, e.Date, e.Description, linksJSON(e.Links), now).Scan(&id); err != nil {
			return err
		}
		if err := writeRelations(ctx, tx, id, &e); err != nil {
			return err
		}
		after, err := sealDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, library.EntityDocument, id, nil, after)
	})
	if err != nil {
		return 0, fmt.Errorf("create library document: %w", err)
	}
	return id, nil
}

// UpdateDocument replaces a document's fields and ties when its stored
// version is e.Version; its files and whether it is published stay.
func (db *DB) UpdateDocument(ctx context.Context, actor audit.Actor, id int64, e library.Edit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update library document %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := liveDocumentRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		if err := checkRelations(ctx, tx, &e, before); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE library_documents SET kind = $1, title = $2, language = $3, issued_on = $4, description = $5,
			links = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9 AND deleted_at IS NULL`,
			string(e.Kind), e.Title, e.Language, e.Date, e.Description, linksJSON(e.Links), formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if err := writeRelations(ctx, tx, id, &e); err != nil {
			return err
		}
		after, err := sealDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, library.EntityDocument, id, before, after)
	})
	return db.documentWriteError(ctx, "update", id, err)
}

// PublishDocument publishes a document, or withdraws it from the public,
// when its stored version is version.
func (db *DB) PublishDocument(ctx context.Context, actor audit.Actor, id int64, version int, published bool) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := liveDocumentRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		var at any
		if published {
			at = now
		}
		res, err := tx.ExecContext(ctx, `UPDATE library_documents SET published = $1, published_at = $2, updated_at = $3, version = version + 1
			WHERE id = $4 AND version = $5 AND deleted_at IS NULL`, pwFlag(published), at, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := sealDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, library.EntityDocument, id, before, after)
	})
	return db.documentWriteError(ctx, "publish", id, err)
}

// DeleteDocument soft-deletes a document when its stored version is
// version; its files stay in the database with it.
func (db *DB) DeleteDocument(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := liveDocumentRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE library_documents SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, library.EntityDocument, id, before)
	})
	return db.documentWriteError(ctx, "delete", id, err)
}

// documentWriteError wraps a write's error; a stale one becomes a
// conflict carrying the document as it now is.
func (db *DB) documentWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetDocument(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s library document %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[library.Document]{Current: current}
	}
	return fmt.Errorf("%s library document %d: %w", op, id, err)
}

// GetDocument returns a live document with what it is tied to (named, when
// the thing is still there) and its live files.
func (db *DB) GetDocument(ctx context.Context, id int64) (library.Document, error) {
	d, err := db.getDocument(ctx, id)
	if err != nil {
		return d, fmt.Errorf("library document %d: %w", id, err)
	}
	return d, nil
}

func (db *DB) getDocument(ctx context.Context, id int64) (library.Document, error) {
	var d library.Document
	var kind, issued, links, updated string
	var published int
	var publishedAt sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT id, kind, title, language, issued_on, description, links, published, published_at, version, updated_at
		FROM library_documents WHERE id = $1 AND deleted_at IS NULL`, id).Scan(
		&d.ID, &kind, &d.Title, &d.Language, &issued, &d.Description, &links, &published, &publishedAt, &d.Version, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return d, plan.ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.Kind, d.Published = library.Kind(kind), published != 0
	if d.Date, err = pwDay(issued); err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(links), &d.Links); err != nil {
		return d, fmt.Errorf("stored links %q: %w", links, err)
	}
	if publishedAt.Valid {
		t, err := parseTime(publishedAt.String)
		if err != nil {
			return d, err
		}
		d.PublishedAt = &t
	}
	if d.UpdatedAt, err = parseTime(updated); err != nil {
		return d, err
	}
	if d.Related, err = db.documentRelated(ctx, id); err != nil {
		return d, err
	}
	d.Files, err = db.documentFiles(ctx, id)
	return d, err
}

// relatedNames reads a related thing's number and title, and whether the
// public may read it; no row when it is gone.
var relatedNames = map[library.Target]string{
	library.TargetActivity: `SELECT number, title, 1 FROM project_activities WHERE id = $1 AND deleted_at IS NULL`,
	library.TargetEvent:    `SELECT '', title, 1 FROM events WHERE id = $1 AND deleted_at IS NULL`,
	library.TargetMeasure:  `SELECT m.clause, m.title, 1 FROM measures m JOIN plans p ON p.id = m.plan_id WHERE m.id = $1 AND ` + measureLive,
	library.TargetDraft:    `SELECT '', title, CASE WHEN status = 'published' THEN 1 ELSE 0 END FROM drafts WHERE id = $1`,
}

// documentRelated lists what a document is tied to and still exists, in
// the order of library.Targets and then by id.
func (db *DB) documentRelated(ctx context.Context, id int64) ([]library.Related, error) {
	r, _, _, err := readDocumentRecord(ctx, db.read, id)
	if err != nil {
		return nil, err
	}
	var out []library.Related
	for _, t := range library.Targets {
		for _, tid := range *r.relations(t) {
			var number, title string
			var public int
			err := db.read.QueryRowContext(ctx, relatedNames[t], tid).Scan(&number, &title, &public)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, err
			}
			rel := library.Related{Target: t, ID: tid, Number: number, Public: public != 0}
			if rel.Title, err = parseText(title); err != nil {
				return nil, err
			}
			out = append(out, rel)
		}
	}
	return out, nil
}

func verifyLibrary(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	out, err := verifyRows(ctx, tx, "library_documents", library.EntityDocument, func(id int64) (string, string, error) {
		r, _, _, err := readDocumentRecord(ctx, tx, id)
		return r.hash(), r.Name, err
	})
	if err != nil {
		return nil, err
	}
	files, err := verifyLibraryFiles(ctx, tx)
	return append(out, files...), err
}

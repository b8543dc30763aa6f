package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/plan"
)

const libraryFileColumns = `id, document_id, file_name, content_type, size, sha256, text <> '', added_by, added_at`

func scanLibraryFile(s scanner, extra ...any) (library.File, error) {
	var f library.File
	var added string
	if err := s.Scan(append([]any{&f.ID, &f.DocumentID, &f.FileName, &f.ContentType, &f.Size, &f.SHA256, &f.HasText, &f.AddedBy, &added}, extra...)...); err != nil {
		return f, err
	}
	var err error
	f.AddedAt, err = parseTime(added)
	return f, err
}

// documentFiles lists a document's live files in the order added.
func (db *DB) documentFiles(ctx context.Context, id int64) ([]library.File, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+libraryFileColumns+` FROM library_files WHERE document_id = $1 AND removed_at IS NULL ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []library.File
	for rows.Next() {
		f, err := scanLibraryFile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddDocumentFile checks a file by its content (library.CheckFile; a
// problem is plan.FieldErrors{"file": key}), extracts its text for search
// (a PDF's; nothing when it cannot be read, which is no error), and keeps
// it with its SHA-256 with a live document, raising the document's
// version.
func (db *DB) AddDocumentFile(ctx context.Context, actor audit.Actor, documentID int64, up library.FileUpload) (library.File, error) {
	contentType, name, problem := library.CheckFile(up)
	if problem != "" {
		return library.File{}, fmt.Errorf("add file to library document %d: %w", documentID, plan.FieldErrors{"file": problem})
	}
	// Extraction reads the whole file: done before the transaction, which
	// holds the only writer.
	text := library.ExtractText(contentType, up.Data)
	sum := sha256.Sum256(up.Data)
	at := formatTime(db.Now())
	added, _ := parseTime(at) // as stored, to the millisecond
	f := library.File{DocumentID: documentID, FileName: name, ContentType: contentType, Size: int64(len(up.Data)),
		SHA256: hex.EncodeToString(sum[:]), HasText: text != "", AddedBy: actor.Name, AddedAt: added}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, _, err := liveDocumentRecord(ctx, tx, documentID)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO library_files (document_id, file_name, content_type, size, sha256, data, text, added_by_id, added_by, added_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			documentID, name, contentType, f.Size, f.SHA256, up.Data, text, actor.UserID, actor.Name, at).Scan(&f.ID); err != nil {
			return err
		}
		return db.touchDocument(ctx, tx, actor, documentID, before, at)
	})
	if err != nil {
		return library.File{}, fmt.Errorf("add file to library document %d: %w", documentID, err)
	}
	return f, nil
}

// touchDocument raises a live document's version after a change of its
// files, seals it and records the change.
func (db *DB) touchDocument(ctx context.Context, tx *sql.Tx, actor audit.Actor, id int64, before documentRecord, now string) error {
	res, err := tx.ExecContext(ctx, `UPDATE library_documents SET updated_at = $1, version = version + 1 WHERE id = $2 AND deleted_at IS NULL`, now, id)
	if err := oneRow(res, err); err != nil {
		return err
	}
	after, err := sealDocument(ctx, tx, id)
	if err != nil {
		return err
	}
	return db.auditChange(ctx, tx, actor, audit.ActionUpdate, library.EntityDocument, id, before, after)
}

// RemoveDocumentFile takes a live file off a live document whose stored
// version is version; the file stays in the database, marked removed. A
// file that is not the document's is plan.ErrNotFound.
func (db *DB) RemoveDocumentFile(ctx context.Context, actor audit.Actor, documentID, fileID int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := liveDocumentRecord(ctx, tx, documentID)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE library_files SET removed_at = $1, removed_by = $2 WHERE id = $3 AND document_id = $4 AND removed_at IS NULL`,
			now, actor.Name, fileID, documentID)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		return db.touchDocument(ctx, tx, actor, documentID, before, now)
	})
	return db.documentWriteError(ctx, fmt.Sprintf("remove file %d of", fileID), documentID, err)
}

// DocumentFile returns a live file of a live document with its content.
func (db *DB) DocumentFile(ctx context.Context, documentID, fileID int64) (library.File, []byte, error) {
	var data []byte
	f, err := scanLibraryFile(db.read.QueryRowContext(ctx, `SELECT f.id, f.document_id, f.file_name, f.content_type, f.size, f.sha256, f.text <> '',
		f.added_by, f.added_at, f.data FROM library_files f JOIN library_documents d ON d.id = f.document_id
		WHERE f.id = $1 AND f.document_id = $2 AND f.removed_at IS NULL AND d.deleted_at IS NULL`, fileID, documentID), &data)
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return f, nil, fmt.Errorf("file %d of library document %d: %w", fileID, documentID, err)
	}
	return f, data, nil
}

// verifyLibraryFiles checks that every kept file still has the SHA-256
// recorded when it was uploaded, which the documents' fingerprints cover.
func verifyLibraryFiles(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, library.EntityDocument+"_file", `SELECT id, sha256, data, file_name FROM library_files ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored, name string
			var data []byte
			if err := rows.Scan(&id, &stored, &data, &name); err != nil {
				return id, "", "", "", err
			}
			sum := sha256.Sum256(data)
			return id, stored, hex.EncodeToString(sum[:]), name, nil
		})
}

package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// fileRow is an evidence file's metadata as stored; the content is read
// only to serve the file.
type fileRow struct {
	id, assessmentID int64
	addedVersion     int
	removedVersion   *int64
	ev               monitor.Evidence
}

// shownAt reports whether the file is evidence of version v: added at or
// before it and not removed at or before it.
func (f fileRow) shownAt(v int) bool {
	return f.addedVersion <= v && (f.removedVersion == nil || *f.removedVersion > int64(v))
}

const fileColumns = `f.id, f.assessment_id, f.added_version, f.removed_version, f.file_name, f.content_type, f.size, f.sha256, f.added_by, f.added_at`

func scanFile(s scanner) (fileRow, error) {
	var f fileRow
	var added string
	err := s.Scan(&f.id, &f.assessmentID, &f.addedVersion, &f.removedVersion, &f.ev.FileName, &f.ev.ContentType, &f.ev.Size,
		&f.ev.SHA256, &f.ev.AddedBy, &added)
	if err != nil {
		return f, err
	}
	f.ev.ID, f.ev.Kind = f.id, monitor.EvidenceFile
	f.ev.AddedAt, err = parseTime(added)
	return f, err
}

// queryFiles reads the files of the assessments that joins and where
// select (naming the assessment a), by assessment id, in the order they
// were added.
func queryFiles(ctx context.Context, q querier, joins, where string, args ...any) (map[int64][]fileRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+fileColumns+` FROM evidence_files f JOIN assessments a ON a.id = f.assessment_id`+
		joins+where+` ORDER BY f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("evidence files: %w", err)
	}
	defer rows.Close()
	out := map[int64][]fileRow{}
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, fmt.Errorf("evidence files: %w", err)
		}
		out[f.assessmentID] = append(out[f.assessmentID], f)
	}
	return out, rows.Err()
}

// evidenceAt is a version's evidence: its links, then the files it had.
func evidenceAt(v versionRow, files []fileRow) ([]monitor.Evidence, error) {
	_, links, err := v.rating()
	if err != nil {
		return nil, err
	}
	var out []monitor.Evidence
	if len(links) > 0 {
		saved, err := parseTime(v.SavedAt)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			e := monitor.Evidence{Kind: monitor.EvidenceLink, Title: l.Title, URL: l.URL, AddedAt: saved, AddedBy: v.AuthorName}
			if l.Accessed != "" {
				d, err := plan.ParseDate(l.Accessed)
				if err != nil {
					return nil, fmt.Errorf("stored link date %q: %w", l.Accessed, err)
				}
				e.AccessedOn = &d
			}
			out = append(out, e)
		}
	}
	for _, f := range files {
		if f.shownAt(v.Version) {
			out = append(out, f.ev)
		}
	}
	return out, nil
}

// evidenceRecord is an evidence file as the audit log records it.
type evidenceRecord struct {
	Plan           string `json:"plan"`
	Round          string `json:"round"`
	Measure        string `json:"measure"`
	File           string `json:"file"`
	ContentType    string `json:"content_type"`
	Size           int64  `json:"size"`
	SHA256         string `json:"sha256"`
	AddedVersion   int    `json:"added_version"`
	RemovedVersion int64  `json:"removed_version,omitempty"`
}

func (f fileRow) record(n assessmentNames) evidenceRecord {
	r := evidenceRecord{Plan: n.plan, Round: n.round, Measure: n.measure, File: f.ev.FileName, ContentType: f.ev.ContentType,
		Size: f.ev.Size, SHA256: f.ev.SHA256, AddedVersion: f.addedVersion}
	if f.removedVersion != nil {
		r.RemovedVersion = *f.removedVersion
	}
	return r
}

// evidenceVersion returns the version a change of evidence belongs to.
// While the assessment is a draft or returned, that is its current
// version, which nobody has approved. A submitted or approved one gets a
// new draft version, a copy of the current one by the actor, so that the
// version under review or approved keeps exactly the evidence it had.
func (db *DB) evidenceVersion(ctx context.Context, tx *sql.Tx, actor audit.Actor, st assessmentState, now string) (int, error) {
	switch monitor.ReviewStatus(st.row.Status) {
	case monitor.ReviewDraft, monitor.ReviewReturned:
		// Raise the row's counter all the same: its evidence changed.
		return st.row.CurrentVersion, writeAssessment(ctx, tx, st.id, st.version, st.row, now)
	}
	before, err := readAssessmentRecord(ctx, tx, st.id)
	if err != nil {
		return 0, err
	}
	v, err := readVersionRow(ctx, tx, st.id, st.row.CurrentVersion)
	if err != nil {
		return 0, err
	}
	v.Version++
	v.AuthorID, v.AuthorName, v.SavedAt, v.Status = actor.UserID, actor.Name, now, string(monitor.ReviewDraft)
	v.ReviewStatus, v.ReviewComment, v.ReviewerID, v.ReviewerName, v.ReviewedAt = "", "", 0, "", nil
	row := st.row
	row.CurrentVersion, row.Status, row.ReviewComment, row.ReviewerID, row.ReviewerName = v.Version, string(monitor.ReviewDraft), "", 0, ""
	if err := writeAssessment(ctx, tx, st.id, st.version, row, now); err != nil {
		return 0, err
	}
	if err := insertVersion(ctx, tx, v); err != nil {
		return 0, err
	}
	return v.Version, db.auditAssessment(ctx, tx, actor, audit.ActionUpdate, st.id, &before)
}

// AddEvidenceFile checks a file by its content (monitor.CheckFile; a
// problem is plan.FieldErrors{"file": key}), records its SHA-256 and keeps
// it, in the database, as evidence of an assessment in an open round.
func (db *DB) AddEvidenceFile(ctx context.Context, actor audit.Actor, assessmentID int64, f monitor.FileUpload) (monitor.Evidence, error) {
	contentType, name, problem := monitor.CheckFile(f)
	if problem != "" {
		return monitor.Evidence{}, fmt.Errorf("add evidence to assessment %d: %w", assessmentID, plan.FieldErrors{"file": problem})
	}
	sum := sha256.Sum256(f.Data)
	at := formatTime(db.Now())
	added, _ := parseTime(at) // as stored, to the millisecond
	fr := fileRow{assessmentID: assessmentID, ev: monitor.Evidence{Kind: monitor.EvidenceFile, FileName: name, ContentType: contentType,
		Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:]), AddedAt: added, AddedBy: actor.Name}}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		st, err := readAssessmentState(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if _, err := openRound(ctx, tx, st.row.RoundID); err != nil {
			return err
		}
		if fr.addedVersion, err = db.evidenceVersion(ctx, tx, actor, st, at); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO evidence_files (assessment_id, added_version, file_name, content_type, size, sha256, data,
			added_by_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			assessmentID, fr.addedVersion, name, contentType, fr.ev.Size, fr.ev.SHA256, f.Data, actor.UserID, actor.Name, at).Scan(&fr.id); err != nil {
			return err
		}
		fr.ev.ID = fr.id
		n, err := readAssessmentNames(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, audit.EntityEvidence, fr.id, nil, fr.record(n))
	})
	if err != nil {
		return monitor.Evidence{}, db.evidenceWriteError(ctx, fmt.Sprintf("add evidence to assessment %d", assessmentID), assessmentID, err)
	}
	return fr.ev, nil
}

// RemoveEvidence takes a file off an assessment's current evidence, in an
// open round; it stays, with its content, with the versions that had it.
// A file that is not the assessment's current evidence is plan.ErrNotFound.
func (db *DB) RemoveEvidence(ctx context.Context, actor audit.Actor, assessmentID, evidenceID int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		f, err := scanFile(tx.QueryRowContext(ctx, `SELECT `+fileColumns+` FROM evidence_files f
			WHERE f.id = $1 AND f.assessment_id = $2 AND f.removed_version IS NULL`, evidenceID, assessmentID))
		if errors.Is(err, sql.ErrNoRows) {
			return plan.ErrNotFound
		}
		if err != nil {
			return err
		}
		st, err := readAssessmentState(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		if _, err := openRound(ctx, tx, st.row.RoundID); err != nil {
			return err
		}
		now := formatTime(db.Now())
		version, err := db.evidenceVersion(ctx, tx, actor, st, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evidence_files SET removed_version = $1, removed_by = $2, removed_at = $3 WHERE id = $4`,
			version, actor.Name, now, evidenceID); err != nil {
			return err
		}
		n, err := readAssessmentNames(ctx, tx, assessmentID)
		if err != nil {
			return err
		}
		before := f.record(n)
		after := before
		after.RemovedVersion = int64(version)
		return db.auditChange(ctx, tx, actor, audit.ActionDelete, audit.EntityEvidence, evidenceID, before, after)
	})
	if err != nil {
		return db.evidenceWriteError(ctx, fmt.Sprintf("remove evidence %d of assessment %d", evidenceID, assessmentID), assessmentID, err)
	}
	return nil
}

// evidenceWriteError wraps the error of a change of evidence; one that
// raced with another write to the assessment is a conflict carrying the
// assessment as it is now, to start again from.
func (db *DB) evidenceWriteError(ctx context.Context, op string, assessmentID int64, err error) error {
	if errors.Is(err, errStale) {
		a, gerr := db.AssessmentByID(ctx, assessmentID)
		if gerr != nil {
			return fmt.Errorf("%s: %w", op, gerr)
		}
		err = &plan.ConflictError[monitor.Assessment]{Current: a}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// EvidenceFile returns a file, removed or not (the versions that had it
// still show it), its content, and the current version of the assessment
// it belongs to, so that the caller can decide who may read it.
func (db *DB) EvidenceFile(ctx context.Context, evidenceID int64) (monitor.Evidence, []byte, monitor.Assessment, error) {
	var data []byte
	var dest []any
	f, err := scanFile(scannerFunc(func(d ...any) error {
		dest = append(d, &data)
		return db.read.QueryRowContext(ctx, `SELECT `+fileColumns+`, f.data FROM evidence_files f WHERE f.id = $1`, evidenceID).Scan(dest...)
	}))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return monitor.Evidence{}, nil, monitor.Assessment{}, fmt.Errorf("evidence file %d: %w", evidenceID, err)
	}
	a, err := db.AssessmentByID(ctx, f.assessmentID)
	if err != nil {
		return monitor.Evidence{}, nil, monitor.Assessment{}, fmt.Errorf("evidence file %d: %w", evidenceID, err)
	}
	return f.ev, data, a, nil
}

// scannerFunc lets a function that scans stand for a row.
type scannerFunc func(dest ...any) error

func (f scannerFunc) Scan(dest ...any) error { return f(dest...) }

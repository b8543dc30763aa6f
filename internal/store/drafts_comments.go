package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
)

// commentContent is what a comment's fingerprint covers, and what its
// audit entries record.
type commentContent struct {
	DraftID    int64  `json:"draft_id"`
	Revision   int    `json:"version"`
	Section    string `json:"section"`
	Paragraph  int    `json:"paragraph,omitempty"`
	ParentID   int64  `json:"parent_id,omitempty"`
	Body       string `json:"body"`
	AuthorID   int64  `json:"author_id"`
	AuthorName string `json:"author_name"`
	CreatedAt  string `json:"created_at"`
	Resolved   bool   `json:"resolved"`
	ResolvedBy string `json:"resolved_by,omitempty"`
	ResolvedAt string `json:"resolved_at,omitempty"`
}

const commentSelect = `SELECT id, draft_id, revision, section, paragraph, COALESCE(parent_id, 0), body, author_id, author_name, created_at,
	resolved, resolved_by, COALESCE(resolved_at, ''), version, content_hash FROM draft_comments`

// commentRow is a stored comment with its id, version and fingerprint.
type commentRow struct {
	id      int64
	content commentContent
	version int
	hash    string
}

func scanCommentRow(row scanner) (commentRow, error) {
	var r commentRow
	var resolved int
	c := &r.content
	err := row.Scan(&r.id, &c.DraftID, &c.Revision, &c.Section, &c.Paragraph, &c.ParentID, &c.Body, &c.AuthorID, &c.AuthorName, &c.CreatedAt,
		&resolved, &c.ResolvedBy, &c.ResolvedAt, &r.version, &r.hash)
	c.Resolved = resolved != 0
	return r, err
}

func (r commentRow) comment() (drafts.Comment, error) {
	c := r.content
	out := drafts.Comment{ID: r.id, DraftID: c.DraftID, Revision: c.Revision, Section: c.Section, Paragraph: c.Paragraph, ParentID: c.ParentID,
		Body: c.Body, AuthorID: c.AuthorID, AuthorName: c.AuthorName, Resolved: c.Resolved, ResolvedBy: c.ResolvedBy, Version: r.version}
	var err error
	if out.CreatedAt, err = parseTime(c.CreatedAt); err != nil {
		return out, err
	}
	out.ResolvedAt, err = draftsParseOptionalTime(sql.NullString{String: c.ResolvedAt, Valid: c.ResolvedAt != ""})
	return out, err
}

func readCommentRow(ctx context.Context, q querier, id int64) (commentRow, error) {
	r, err := scanCommentRow(q.QueryRowContext(ctx, commentSelect+` WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return r, err
}

// rehashComment stores the fingerprint of comment id as it now is and
// returns it as it now is.
func rehashComment(ctx context.Context, tx *sql.Tx, id int64) (commentRow, error) {
	r, err := readCommentRow(ctx, tx, id)
	if err != nil {
		return r, err
	}
	r.hash = contentHash(r.content)
	_, err = tx.ExecContext(ctx, `UPDATE draft_comments SET content_hash = $1 WHERE id = $2`, r.hash, id)
	return r, err
}

// Comments returns draft id's threads, oldest first, each with its replies
// oldest first; plan.ErrNotFound for an unknown draft.
func (db *DB) Comments(ctx context.Context, draftID int64) ([]drafts.Comment, error) {
	if _, err := readDraftState(ctx, db.read, draftID); err != nil {
		return nil, fmt.Errorf("comments on draft %d: %w", draftID, err)
	}
	rows, err := db.read.QueryContext(ctx, commentSelect+` WHERE draft_id = $1 ORDER BY id`, draftID)
	if err != nil {
		return nil, fmt.Errorf("comments on draft %d: %w", draftID, err)
	}
	defer rows.Close()
	var threads []drafts.Comment
	at := map[int64]int{} // thread id → index in threads
	for rows.Next() {
		r, err := scanCommentRow(rows)
		if err != nil {
			return nil, fmt.Errorf("comments on draft %d: %w", draftID, err)
		}
		c, err := r.comment()
		if err != nil {
			return nil, fmt.Errorf("comments on draft %d: %w", draftID, err)
		}
		if i, ok := at[c.ParentID]; ok && c.ParentID != 0 {
			threads[i].Replies = append(threads[i].Replies, c)
			continue
		}
		at[c.ID] = len(threads)
		threads = append(threads, c)
	}
	return threads, rows.Err()
}

// AddComment adds a comment on a section or paragraph of a version, or a
// reply in a thread, and records it in the audit log. A draft no longer
// under discussion is refused with drafts.ErrClosed; a version, section or
// paragraph the draft lacks with plan.FieldErrors. A reply to a reply goes
// into their thread, with the thread's anchor.
func (db *DB) AddComment(ctx context.Context, actor audit.Actor, e drafts.CommentEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("comment on draft %d: %w", e.DraftID, fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		d, err := readDraftState(ctx, tx, e.DraftID)
		if err != nil {
			return err
		}
		if !d.content.Status.Discussable() {
			return fmt.Errorf("the draft is %s: %w", d.content.Status, drafts.ErrClosed)
		}
		if e.ParentID != 0 {
			parent, err := readCommentRow(ctx, tx, e.ParentID)
			if errors.Is(err, plan.ErrNotFound) || (err == nil && parent.content.DraftID != e.DraftID) {
				return plan.FieldErrors{"comment": "drafts.comment.unknown"}
			}
			if err != nil {
				return err
			}
			if parent.content.ParentID != 0 {
				if parent, err = readCommentRow(ctx, tx, parent.content.ParentID); err != nil {
					return err
				}
			}
			e.ParentID, e.Revision, e.Section, e.Paragraph = parent.id, parent.content.Revision, parent.content.Section, parent.content.Paragraph
		} else if err := checkAnchor(ctx, tx, &e); err != nil {
			return err
		}
		name, err := draftsActorName(ctx, tx, actor)
		if err != nil {
			return err
		}
		var parent any
		if e.ParentID != 0 {
			parent = e.ParentID
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO draft_comments (draft_id, revision, section, paragraph, parent_id, body, author_id, author_name, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			e.DraftID, e.Revision, e.Section, e.Paragraph, parent, e.Body, actor.UserID, name, formatTime(db.Now())).Scan(&id); err != nil {
			return err
		}
		after, err := rehashComment(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, drafts.EntityComment, id, nil, after.content)
	})
	if err != nil {
		return 0, fmt.Errorf("comment on draft %d: %w", e.DraftID, err)
	}
	return id, nil
}

// checkAnchor checks that the version a comment is on exists and has the
// section, and the section the paragraph.
func checkAnchor(ctx context.Context, tx *sql.Tx, e *drafts.CommentEdit) error {
	var body string
	err := tx.QueryRowContext(ctx, `SELECT body FROM draft_revisions WHERE draft_id = $1 AND number = $2`, e.DraftID, e.Revision).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"section": "drafts.section.unknown"}
	}
	if err != nil {
		return err
	}
	s, ok := drafts.SectionOf(body, e.Section)
	if !ok {
		return plan.FieldErrors{"section": "drafts.section.unknown"}
	}
	if e.Paragraph > len(s.Paragraphs) {
		return plan.FieldErrors{"section": "drafts.paragraph.unknown"}
	}
	return nil
}

// ResolveComment resolves the thread comment id starts (or reopens it when
// resolved is false) when its stored version is version. Only a thread's
// first comment is resolved: a reply is plan.ErrNotFound here, as is a
// comment of another draft. Threads may be resolved after the draft is
// decided, to tidy up.
func (db *DB) ResolveComment(ctx context.Context, actor audit.Actor, draftID, commentID int64, resolved bool, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readCommentRow(ctx, tx, commentID)
		if err != nil {
			return err
		}
		if before.content.DraftID != draftID || before.content.ParentID != 0 {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		var by, at any
		flag := 0
		if resolved {
			name, err := draftsActorName(ctx, tx, actor)
			if err != nil {
				return err
			}
			by, at, flag = name, formatTime(db.Now()), 1
		} else {
			by = ""
		}
		res, err := tx.ExecContext(ctx, `UPDATE draft_comments SET resolved = $1, resolved_by = $2, resolved_at = $3, version = version + 1
			WHERE id = $4 AND version = $5`, flag, by, at, commentID, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := rehashComment(ctx, tx, commentID)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, drafts.EntityComment, commentID, before.content, after.content)
	})
	if errors.Is(err, errStale) {
		r, gerr := readCommentRow(ctx, db.read, commentID)
		if gerr != nil {
			return fmt.Errorf("resolve comment %d: %w", commentID, gerr)
		}
		current, gerr := r.comment()
		if gerr != nil {
			return fmt.Errorf("resolve comment %d: %w", commentID, gerr)
		}
		err = &plan.ConflictError[drafts.Comment]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("resolve comment %d: %w", commentID, err)
	}
	return nil
}

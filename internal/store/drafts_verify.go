package store

import (
	"context"
	"database/sql"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
)

// Drafts, their versions and comments, and meetings are checked against
// their fingerprints like the registry: a vote count, an adopted text or a
// comment changed in the database directly is named. Each table is read in
// one pass; meetings, few and made of several tables, one by one.

// verifyDrafts checks drafts, versions, comments and meetings.
func verifyDrafts(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	var out []audit.ContentProblem
	for _, check := range []func(context.Context, *sql.Tx) ([]audit.ContentProblem, error){
		verifyDraftRows, verifyDraftRevisions, verifyDraftComments, verifyMeetings,
	} {
		ps, err := check(ctx, tx)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
		if len(out) >= maxContentProblems {
			return out[:maxContentProblems], nil
		}
	}
	return out, nil
}

func verifyDraftRows(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, draftStateSelect+` ORDER BY d.id`)
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, s, err := scanDraftState(rows)
		if err != nil {
			return nil, fmt.Errorf("draft %d: %w", id, err)
		}
		if s.content.hash() != s.hash {
			out = append(out, audit.ContentProblem{EntityType: drafts.EntityDraft, ID: id, Name: s.content.Title.String(), Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

func verifyDraftRevisions(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, revisionSelect+` ORDER BY draft_id, number`)
	if err != nil {
		return nil, fmt.Errorf("draft versions: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		c, stored, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("draft versions: %w", err)
		}
		if contentHash(c) != stored {
			out = append(out, audit.ContentProblem{EntityType: drafts.EntityDraft, ID: c.DraftID,
				Name: fmt.Sprintf("draft %d, version %d", c.DraftID, c.Number), Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

func verifyDraftComments(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, commentSelect+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("draft comments: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		r, err := scanCommentRow(rows)
		if err != nil {
			return nil, fmt.Errorf("draft comments: %w", err)
		}
		if contentHash(r.content) != r.hash {
			out = append(out, audit.ContentProblem{EntityType: drafts.EntityComment, ID: r.id,
				Name: fmt.Sprintf("comment on draft %d by %s", r.content.DraftID, r.content.AuthorName), Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

func verifyMeetings(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM meetings ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("meetings: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	var out []audit.ContentProblem
	for _, id := range ids {
		r, err := readMeetingRow(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("meeting %d: %w", id, err)
		}
		if contentHash(r.content) != r.hash {
			out = append(out, audit.ContentProblem{EntityType: drafts.EntityMeeting, ID: id,
				Name: "meeting of " + r.content.Date + ", " + r.content.Place, Detail: changedOutside})
			if len(out) >= maxContentProblems {
				break
			}
		}
	}
	return out, nil
}

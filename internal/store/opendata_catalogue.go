package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ogpp/internal/portal"
)

// lastUpdateQueries are, per public data set, statements that each return
// one time (NULL for no rows): the data set last changed at the latest of
// them. Deleting and restoring a row stamp its updated_at, so deleted rows
// count too: their going is a change of the data set. Only what the public
// reads counts, so an edit of an unpublished round or scorecard does not
// date the public data.
var lastUpdateQueries = map[portal.DataSet][]string{
	portal.OGPMembers:    {`SELECT MAX(updated_at) FROM members`},
	portal.Plans:         {`SELECT MAX(updated_at) FROM plans`},
	portal.Measures:      {`SELECT MAX(updated_at) FROM measures`},
	portal.Organisations: {`SELECT MAX(updated_at) FROM organisations`},
	portal.Assessments: {
		`SELECT MAX(updated_at) FROM rounds WHERE status = 'published'`,
		`SELECT MAX(a.updated_at) FROM assessments a JOIN rounds r ON r.id = a.round_id
		 WHERE r.status = 'published' AND a.approved_version IS NOT NULL`,
	},
	portal.PlatformMembers: {`SELECT MAX(updated_at) FROM platform_memberships`},
	portal.Activities:      {`SELECT MAX(updated_at) FROM project_activities`, `SELECT MAX(updated_at) FROM projects`},
	portal.Events:          {`SELECT MAX(updated_at) FROM events`},
	portal.Scorecards:      {`SELECT MAX(updated_at) FROM scorecards WHERE status = 'published'`},
	portal.News: {
		`SELECT MAX(updated_at) FROM news WHERE published = 1`,
		`SELECT MAX(deleted_at) FROM news WHERE published = 1`,
	},
	portal.Media: {`SELECT MAX(updated_at) FROM media_items`},
	portal.Library: {
		`SELECT MAX(updated_at) FROM library_documents WHERE published = 1`,
		`SELECT MAX(published_at) FROM drafts WHERE published_at IS NOT NULL`,
	},
	portal.Appeals: {`SELECT MAX(updated_at) FROM appeals`, `SELECT MAX(updated_at) FROM appeal_replies`},
}

// LastUpdated returns when each public data set last changed; a data set
// without any row is left out.
func (db *DB) LastUpdated(ctx context.Context) (map[portal.DataSet]time.Time, error) {
	out := map[portal.DataSet]time.Time{}
	for set, queries := range lastUpdateQueries {
		for _, q := range queries {
			var ns sql.NullString
			if err := db.read.QueryRowContext(ctx, q).Scan(&ns); err != nil {
				return nil, fmt.Errorf("last update of %s: %w", set, err)
			}
			if !ns.Valid {
				continue
			}
			t, err := parseTime(ns.String)
			if err != nil {
				return nil, fmt.Errorf("last update of %s: %w", set, err)
			}
			if t.After(out[set]) {
				out[set] = t
			}
		}
	}
	return out, nil
}

// PublishedRounds lists every published monitoring round by plan and id,
// each with the latest change of the round or of its approved assessments.
func (db *DB) PublishedRounds(ctx context.Context) ([]portal.RoundRef, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT r.id, r.plan_id, r.updated_at,
		(SELECT MAX(a.updated_at) FROM assessments a WHERE a.round_id = r.id AND a.approved_version IS NOT NULL)
		FROM rounds r JOIN plans p ON p.id = r.plan_id
		WHERE r.status = 'published' AND p.deleted_at IS NULL
		ORDER BY r.plan_id, r.id`)
	if err != nil {
		return nil, fmt.Errorf("list published rounds: %w", err)
	}
	defer rows.Close()
	var out []portal.RoundRef
	for rows.Next() {
		var ref portal.RoundRef
		var updated string
		var assessed sql.NullString
		if err := rows.Scan(&ref.ID, &ref.PlanID, &updated, &assessed); err != nil {
			return nil, fmt.Errorf("list published rounds: %w", err)
		}
		if ref.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, fmt.Errorf("list published rounds: %w", err)
		}
		if assessed.Valid {
			t, err := parseTime(assessed.String)
			if err != nil {
				return nil, fmt.Errorf("list published rounds: %w", err)
			}
			if t.After(ref.UpdatedAt) {
				ref.UpdatedAt = t
			}
		}
		out = append(out, ref)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list published rounds: %w", err)
	}
	return out, nil
}

var _ portal.Catalogue = (*DB)(nil)

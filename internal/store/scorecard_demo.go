package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// ScorecardDemo is a scorecard to load with its structure only: subjects
// named as organisations of a member (found by name, created as state
// bodies when missing), criteria, and no cells.
type ScorecardDemo struct {
	// Clause links the scorecard to the live platform activity serving
	// this NAP clause, when there is one.
	Clause   string
	Edit     scorecard.Edit
	Member   string // the slug of the member whose organisations the subjects are; "" or unknown: none
	Subjects []plan.Text
	Criteria []scorecard.CriterionEdit
}

// ImportScorecardDemo writes the scorecards in one transaction, each with
// its audit entries. It writes no score.
func (db *DB) ImportScorecardDemo(ctx context.Context, actor audit.Actor, cards []ScorecardDemo) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		for _, c := range cards {
			if fe := c.Edit.Validate(); len(fe) > 0 {
				return fe
			}
			var activity sql.NullInt64
			if c.Clause != "" {
				if err := tx.QueryRowContext(ctx, `SELECT MIN(id) FROM project_activities WHERE clause = $1 AND deleted_at IS NULL`, c.Clause).Scan(&activity); err != nil {
					return err
				}
			}
			c.Edit.ActivityID = activity.Int64
			now := formatTime(db.Now())
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO scorecards (title, description, activity_id, status, content_hash, created_at, updated_at)
				VALUES ($1, $2, $3, $4, '', $5, $5) RETURNING id`, textJSON(c.Edit.Title), textJSON(c.Edit.Description), pwNullID(c.Edit.ActivityID),
				string(c.Edit.Status), now).Scan(&id); err != nil {
				return err
			}
			for i, name := range c.Subjects {
				org, err := db.demoOrganisation(ctx, tx, actor, c.Member, name)
				if err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO scorecard_subjects (scorecard_id, organisation_id, position) VALUES ($1, $2, $3)`, id, org, i+1); err != nil {
					return err
				}
			}
			for i, cr := range c.Criteria {
				if fe := cr.Validate(); len(fe) > 0 {
					return fe
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO scorecard_criteria (scorecard_id, title, guidance, weight, min_score, max_score, position)
					VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, textJSON(cr.Title), textJSON(cr.Guidance), cr.Weight, cr.Min, cr.Max, i+1); err != nil {
					return err
				}
			}
			r, _, _, err := readScorecardRecord(ctx, tx, id)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE scorecards SET content_hash = $1 WHERE id = $2`, r.hash(), id); err != nil {
				return err
			}
			if err := db.auditChange(ctx, tx, actor, audit.ActionCreate, scorecard.EntityScorecard, id, nil, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo scorecards: %w", err)
	}
	return nil
}

// demoOrganisation finds the live organisation of the member with the
// name, or creates it as a state body, as the organisation form would.
func (db *DB) demoOrganisation(ctx context.Context, tx *sql.Tx, actor audit.Actor, member string, name plan.Text) (int64, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM members WHERE slug = $1`, member).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		member = ""
	}
	e := plan.OrganisationEdit{Member: member, Name: name, Kind: plan.OrgStateBody}
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fe
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM organisations WHERE scope = $1 AND name_key = $2 AND deleted_at IS NULL`, e.Member, e.Name.Key()).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	memberID, err := checkOrganisationEdit(ctx, tx, 0, &e)
	if err != nil {
		return 0, err
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO organisations (member_id, scope, name, name_key, kind, search, search_intl, sort_key, content_hash, updated_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`, organisationArgs(&e, memberID, formatTime(db.Now()))...).Scan(&id); err != nil {
		return 0, err
	}
	return id, db.auditOrganisation(ctx, tx, actor, audit.ActionCreate, id, nil)
}

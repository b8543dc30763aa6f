package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// selfRecord is a self-assessment as the audit log records it.
type selfRecord struct {
	Plan         string             `json:"plan"`
	Round        string             `json:"round"`
	Measure      string             `json:"measure"`
	Organisation plan.Text          `json:"organisation"`
	Completion   monitor.Completion `json:"completion"`
	Narrative    string             `json:"narrative,omitempty"`
	Author       string             `json:"author"`
}

func readSelfRecord(ctx context.Context, tx *sql.Tx, id int64) (selfRecord, error) {
	var r selfRecord
	var roundExt, roundName, measureExt, clause, org string
	err := tx.QueryRowContext(ctx, `SELECT p.external_id, r.external_id, r.name, m.external_id, m.clause, o.name, s.completion, s.narrative, s.author_name
		FROM self_assessments s JOIN rounds r ON r.id = s.round_id JOIN plans p ON p.id = r.plan_id
		JOIN measures m ON m.id = s.measure_id JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1`, id).Scan(
		&r.Plan, &roundExt, &roundName, &measureExt, &clause, &org, &r.Completion, &r.Narrative, &r.Author)
	if errors.Is(err, sql.ErrNoRows) {
		return r, plan.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	r.Round, r.Measure = roundExt, measureExt
	if r.Round == "" {
		name, err := parseText(roundName)
		if err != nil {
			return r, err
		}
		r.Round = name.String()
	}
	if r.Measure == "" {
		r.Measure = clause
	}
	r.Organisation, err = parseText(org)
	return r, err
}

// selfExecutorRoles are the roles in which a state body answers for a
// measure (monitor.AnswersFor), as query arguments.
var selfExecutorRoles = func() []any {
	var out []any
	for _, r := range plan.ExecutorRoles {
		if monitor.AnswersFor(r) {
			out = append(out, string(r))
		}
	}
	return out
}()

// SaveSelfAssessment saves a state body's own account of a measure it
// executes (as a responsible or supporting executor) in an open round,
// creating it or, from its current version, replacing it; its earlier
// states are in the audit log. A body that does not execute the measure is
// refused with plan.FieldErrors{"organisation": …}; a stale version with a
// *plan.ConflictError[monitor.SelfAssessment].
func (db *DB) SaveSelfAssessment(ctx context.Context, actor audit.Actor, e monitor.SelfAssessmentEdit) (monitor.SelfAssessment, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return monitor.SelfAssessment{}, fmt.Errorf("save self-assessment: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		round, err := openRound(ctx, tx, e.RoundID)
		if err != nil {
			return err
		}
		if err := checkAssessedMeasure(ctx, tx, round.content.PlanID, e.MeasureID, nil); err != nil {
			return err
		}
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM measure_executors WHERE measure_id = $1 AND organisation_id = $2 AND role IN ($3, $4) LIMIT 1`,
			append([]any{e.MeasureID, e.OrganisationID}, selfExecutorRoles...)...).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return plan.FieldErrors{"organisation": "monitor.organisation.not_executor"}
		}
		if err != nil {
			return err
		}
		now := formatTime(db.Now())
		var version int
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM self_assessments WHERE round_id = $1 AND measure_id = $2 AND organisation_id = $3`,
			e.RoundID, e.MeasureID, e.OrganisationID).Scan(&id, &version)
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.QueryRowContext(ctx, `INSERT INTO self_assessments (round_id, measure_id, organisation_id, completion, narrative,
				author_id, author_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
				ON CONFLICT (round_id, measure_id, organisation_id) DO NOTHING RETURNING id`,
				e.RoundID, e.MeasureID, e.OrganisationID, string(e.Completion), e.Narrative, actor.UserID, actor.Name, now).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return errStale // someone else answered for the body meanwhile
			}
			if err != nil {
				return err
			}
			after, err := readSelfRecord(ctx, tx, id)
			if err != nil {
				return err
			}
			return db.auditChange(ctx, tx, actor, audit.ActionCreate, audit.EntitySelfAssessment, id, nil, after)
		}
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		before, err := readSelfRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE self_assessments SET completion = $1, narrative = $2, author_id = $3, author_name = $4,
			updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7`,
			string(e.Completion), e.Narrative, actor.UserID, actor.Name, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readSelfRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, audit.EntitySelfAssessment, id, before, after)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.querySelf(ctx, ` WHERE s.round_id = $1 AND s.measure_id = $2 AND s.organisation_id = $3`, e.RoundID, e.MeasureID, e.OrganisationID)
		if gerr == nil && len(current) == 1 {
			err = &plan.ConflictError[monitor.SelfAssessment]{Current: current[0]}
		}
	}
	if err != nil {
		return monitor.SelfAssessment{}, fmt.Errorf("save self-assessment of measure %d in round %d: %w", e.MeasureID, e.RoundID, err)
	}
	saved, err := db.querySelf(ctx, ` WHERE s.id = $1`, id)
	if err == nil && len(saved) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return monitor.SelfAssessment{}, fmt.Errorf("save self-assessment: %w", err)
	}
	return saved[0], nil
}

// RoundSelfAssessments returns a round's self-assessments by measure id,
// each measure's in the order of the bodies' names.
func (db *DB) RoundSelfAssessments(ctx context.Context, roundID int64) (map[int64][]monitor.SelfAssessment, error) {
	ss, err := db.querySelf(ctx, ` WHERE s.round_id = $1`, roundID)
	if err != nil {
		return nil, fmt.Errorf("self-assessments of round %d: %w", roundID, err)
	}
	out := map[int64][]monitor.SelfAssessment{}
	for _, s := range ss {
		out[s.MeasureID] = append(out[s.MeasureID], s)
	}
	return out, nil
}

func (db *DB) querySelf(ctx context.Context, where string, args ...any) ([]monitor.SelfAssessment, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.id, s.round_id, s.measure_id, s.organisation_id, s.completion, s.narrative, s.author_name,
		s.version, s.updated_at FROM self_assessments s JOIN organisations o ON o.id = s.organisation_id`+where+` ORDER BY o.sort_key, s.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []monitor.SelfAssessment
	for rows.Next() {
		var s monitor.SelfAssessment
		var completion, updated string
		if err := rows.Scan(&s.ID, &s.RoundID, &s.MeasureID, &s.OrganisationID, &completion, &s.Narrative, &s.AuthorName, &s.Version, &updated); err != nil {
			return nil, err
		}
		s.Completion = monitor.Completion(completion)
		if s.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"fmt"

	"ogpp/internal/audit"
)

// Monitoring's rows are checked each in one pass over its table: there may
// be thousands of assessment versions after an import of OGP's data, and
// a query per row would make `ogpp audit verify` slow for no gain. Names
// are looked up only for the rows that fail, once the pass is over (a
// transaction runs one query at a time).

func verifyRounds(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, roundStateSelect+` ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("rounds: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, s, err := scanRoundState(rows)
		if err != nil {
			return nil, fmt.Errorf("round %d: %w", id, err)
		}
		if s.content.hash() != s.hash {
			out = append(out, audit.ContentProblem{EntityType: audit.EntityRound, ID: id, Name: s.name(), Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

func verifyAssessments(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, assessmentStateSelect+` ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("assessments: %w", err)
	}
	var bad []int64
	for rows.Next() {
		st, err := scanAssessmentState(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("assessments: %w", err)
		}
		if st.row.hash() != st.hash && len(bad) < maxContentProblems {
			bad = append(bad, st.id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assessments: %w", err)
	}
	var out []audit.ContentProblem
	for _, id := range bad {
		n, err := readAssessmentNames(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("assessment %d: %w", id, err)
		}
		out = append(out, audit.ContentProblem{EntityType: audit.EntityAssessment, ID: id, Name: n.String(), Detail: changedOutside})
	}
	return out, nil
}

func verifyAssessmentVersions(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.content_hash, `+versionColumns+` FROM assessment_versions v ORDER BY v.assessment_id, v.version`)
	if err != nil {
		return nil, fmt.Errorf("assessment versions: %w", err)
	}
	var bad []versionRow
	for rows.Next() {
		var stored string
		var v versionRow
		if err := rows.Scan(append([]any{&stored}, v.dest()...)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("assessment versions: %w", err)
		}
		if v.hash() != stored && len(bad) < maxContentProblems {
			bad = append(bad, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("assessment versions: %w", err)
	}
	var out []audit.ContentProblem
	for _, v := range bad {
		n, err := readAssessmentNames(ctx, tx, v.AssessmentID)
		if err != nil {
			return nil, fmt.Errorf("assessment %d: %w", v.AssessmentID, err)
		}
		out = append(out, audit.ContentProblem{EntityType: audit.EntityAssessment, ID: v.AssessmentID,
			Name: fmt.Sprintf("%s, version %d", n, v.Version), Detail: changedOutside})
	}
	return out, nil
}

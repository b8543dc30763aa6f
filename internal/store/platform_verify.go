package store

import (
	"context"
	"database/sql"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/platform"
)

// The logframe's rows are checked each in one pass over its table, as
// monitoring's are: a project's tasks run to hundreds, and a query per row
// would buy nothing.

// verifyLogframe checks projects, activities, tasks and indicators against
// their fingerprints.
func verifyLogframe(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	var out []audit.ContentProblem
	checks := []struct {
		entity, query string
		check         func(scanner) (int64, string, bool, error)
	}{
		{platform.EntityProject, projectStateSelect + ` ORDER BY p.id`, func(row scanner) (int64, string, bool, error) {
			s, err := scanProjectState(row)
			return s.id, s.content.Title.String(), s.content.hash() == s.hash, err
		}},
		{platform.EntityActivity, activityStateSelect + ` ORDER BY a.id`, func(row scanner) (int64, string, bool, error) {
			s, err := scanActivityState(row)
			return s.id, fmt.Sprintf("project %d, activity %s", s.content.ProjectID, s.content.Number), s.content.hash() == s.hash, err
		}},
		{platform.EntityTask, taskStateSelect + ` ORDER BY t.id`, func(row scanner) (int64, string, bool, error) {
			s, err := scanTaskState(row)
			return s.id, fmt.Sprintf("activity %d, task %d", s.content.ActivityID, s.content.Position), s.content.hash() == s.hash, err
		}},
		{platform.EntityIndicator, indicatorStateSelect + ` ORDER BY i.id`, func(row scanner) (int64, string, bool, error) {
			s, err := scanIndicatorState(row)
			return s.id, s.content.Name.String(), s.content.hash() == s.hash, err
		}},
	}
	for _, c := range checks {
		ps, err := verifyLogframeTable(ctx, tx, c.entity, c.query, c.check)
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

func verifyLogframeTable(ctx context.Context, tx *sql.Tx, entity, query string, check func(scanner) (int64, string, bool, error)) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%ss: %w", entity, err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, name, ok, err := check(rows)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", entity, id, err)
		}
		if !ok {
			out = append(out, audit.ContentProblem{EntityType: entity, ID: id, Name: name, Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

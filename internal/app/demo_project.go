package app

import (
	"context"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/store"
)

// loadDemoProject imports the seed project of Azerbaijan's OGP Platform
// (its goals, twelve activities with their tasks, and the report's totals
// as indicators) when the database never had a project: one deleted by a
// coordinator is not brought back at the next start. It reports whether it
// loaded the project.
func loadDemoProject(ctx context.Context, db *store.DB) (bool, error) {
	n, err := db.CountProjects(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	b, err := opendata.PlatformProject()
	if err != nil {
		return false, fmt.Errorf("demo project: %w", err)
	}
	if _, err := db.ImportProject(ctx, audit.System("demo"), *b); err != nil {
		return false, fmt.Errorf("demo project: %w", err)
	}
	return true, nil
}

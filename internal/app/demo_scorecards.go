package app

import (
	"context"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/scorecard"
	"ogpp/internal/store"
)

// loadDemoScorecards loads the structure of the seed's two comparative
// assessments, as drafts with no scores, when the database holds no
// scorecard yet; after the project, so that each links to its activity.
func loadDemoScorecards(ctx context.Context, db *store.DB) (bool, error) {
	n, err := db.CountScorecards(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	cards, err := opendata.DemoScorecards()
	if err != nil {
		return false, err
	}
	demo := make([]store.ScorecardDemo, 0, len(cards))
	for _, c := range cards {
		// Published, so that the public sees what is being assessed; the
		// table says every cell is not scored yet.
		demo = append(demo, store.ScorecardDemo{Clause: c.Clause, Member: opendata.Azerbaijan.Slug, Subjects: c.Subjects, Criteria: c.Criteria,
			Edit: scorecard.Edit{Title: c.Title, Description: c.Description, Status: scorecard.Published}})
	}
	if err := db.ImportScorecardDemo(ctx, audit.System("demo"), demo); err != nil {
		return false, fmt.Errorf("demo scorecards: %w", err)
	}
	return true, nil
}

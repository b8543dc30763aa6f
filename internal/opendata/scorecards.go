package opendata

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

//go:embed data/scorecards-demo.json
var scorecardsDemoJSON []byte

// DemoScorecard is the structure of one of the seed's comparative
// assessments: the subjects as the seed names them (registry organisations
// by name, created when missing), its criteria, and no scores, because the
// seed publishes none and none may be invented.
type DemoScorecard struct {
	// Clause is the NAP clause of the platform activity it belongs to.
	Clause      string                    `json:"clause"`
	Title       plan.Text                 `json:"title"`
	Description plan.Text                 `json:"description"`
	Subjects    []plan.Text               `json:"subjects"`
	Criteria    []scorecard.CriterionEdit `json:"criteria"`
}

// DemoScorecards returns the seed's two assessments: five state companies'
// financial disclosure and nine state bodies against the ASAN centres'
// standards.
func DemoScorecards() ([]DemoScorecard, error) {
	var f struct {
		Scorecards []DemoScorecard `json:"scorecards"`
	}
	if err := json.Unmarshal(scorecardsDemoJSON, &f); err != nil {
		return nil, fmt.Errorf("demo scorecards: %w", err)
	}
	for i := range f.Scorecards {
		for j := range f.Scorecards[i].Criteria {
			if fe := f.Scorecards[i].Criteria[j].Validate(); len(fe) > 0 {
				return nil, fmt.Errorf("demo scorecard %d, criterion %d: %v", i+1, j+1, fe)
			}
		}
	}
	return f.Scorecards, nil
}

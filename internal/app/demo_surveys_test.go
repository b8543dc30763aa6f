package app

import (
	"context"
	"testing"

	"ogpp/internal/store/storetest"
	"ogpp/internal/survey"
)

// TestDemoSurveys checks the seed's two surveys come as drafts with no
// questions and no responses: the seed gives neither.
func TestDemoSurveys(t *testing.T) {
	ctx := context.Background()
	db := storetest.SQLite(t)
	if _, _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	surveys, err := db.ListSurveys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(surveys) != 2 {
		t.Fatalf("%d demo surveys, want 2", len(surveys))
	}
	for _, s := range surveys {
		if s.Status != survey.Draft || len(s.Definition.Sections) != 0 {
			t.Errorf("%q: status %s, %d sections; want a draft with none", s.Title["en"], s.Status, len(s.Definition.Sections))
		}
		if s.Title["az"] == "" || s.Title["ru"] == "" {
			t.Errorf("%q lacks a translation", s.Title["en"])
		}
	}
	if surveys[0].SampleSize+surveys[1].SampleSize != 50 {
		t.Errorf("sample sizes %d and %d; the seed gives 50 entrepreneurs and no other", surveys[0].SampleSize, surveys[1].SampleSize)
	}
	// A second start adds nothing.
	if _, err := loadDemoSurveys(ctx, db); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.ListSurveys(ctx); len(again) != 2 {
		t.Errorf("%d surveys after a second load", len(again))
	}
}

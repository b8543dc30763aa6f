package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
	"ogpp/internal/survey"
	"ogpp/internal/survey/surveytest"
)

// TestSurveyInterviewerQuotas enters the 50 paper questionnaires of the
// fixture as an interviewer and checks the quota progress and percentages
// against the figures computed by hand, then closes the survey.
func TestSurveyInterviewerQuotas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		coordinator := audit.Actor{UserID: 1, Name: "coordinator@example.org"}
		interviewer := audit.Actor{UserID: 7, Name: "monitor@example.org"}
		id, err := db.CreateSurvey(ctx, coordinator, surveytest.Entrepreneurs())
		if err != nil {
			t.Fatal(err)
		}
		// A required question left blank is refused, per question.
		_, err = db.AddResponse(ctx, interviewer, id, survey.NewResponse{Channel: survey.ChannelInterviewer, Answers: survey.Answers{"sector": {"trade"}}})
		var fe plan.FieldErrors
		if !errors.As(err, &fe) || fe["q.region"] != "survey.answer.required" {
			t.Fatalf("incomplete response: %v", err)
		}
		for _, a := range surveytest.FiftyResponses() {
			if _, err := db.AddResponse(ctx, interviewer, id, survey.NewResponse{Channel: survey.ChannelInterviewer, Answers: a}); err != nil {
				t.Fatal(err)
			}
		}
		s, err := db.GetSurvey(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := db.ListResponses(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if s.Responses != 50 || len(rs) != 50 || rs[0].EnteredBy != 7 || rs[0].EnteredName != "monitor@example.org" {
			t.Fatalf("%d/%d responses, first %+v", s.Responses, len(rs), rs[0])
		}
		res := survey.Tally(s, rs, "az")
		// By hand: 20 Baku of 25 sought (80%), 18 Ganja of 15 (120%), 12
		// Shaki of 10 (120%); shares 40%, 36%, 24%; 50 of 50 sought.
		want := []survey.QuotaProgress{{Key: "baku", Label: "Bakı", Target: 25, N: 20, Percent: 80},
			{Key: "ganja", Label: "Gəncə", Target: 15, N: 18, Percent: 120}, {Key: "shaki", Label: "Şəki", Target: 10, N: 12, Percent: 120}}
		for i, q := range res.Quotas[0].Options {
			if q != want[i] {
				t.Errorf("quota %d = %+v, want %+v", i, q, want[i])
			}
		}
		for i, p := range []float64{40, 36, 24} {
			if got := res.Questions[0].Counts[i].Percent; got != p {
				t.Errorf("region %d: %v%%, want %v%%", i, got, p)
			}
		}
		if res.SamplePercent != 100 {
			t.Errorf("sample: %v%%", res.SamplePercent)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("verify: %v %v", problems, err)
		}

		// A stale form is refused with the survey as it now is.
		e := surveytest.Entrepreneurs()
		e.Status, e.Version = survey.Closed, s.Version
		if err := db.UpdateSurvey(ctx, coordinator, id, e); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[survey.Survey]
		if err := db.UpdateSurvey(ctx, coordinator, id, e); !errors.As(err, &conflict) || conflict.Current.Status != survey.Closed {
			t.Fatalf("stale update: %v", err)
		}
		// A closed survey refuses responses and keeps its questions.
		_, err = db.AddResponse(ctx, interviewer, id, survey.NewResponse{Channel: survey.ChannelLink, Answers: surveytest.FiftyResponses()[0]})
		if !errors.Is(err, survey.ErrClosed) {
			t.Fatalf("response to a closed survey: %v", err)
		}
		e.Version = conflict.Current.Version
		e.Definition.Sections[0].Questions = e.Definition.Sections[0].Questions[:3]
		if err := db.UpdateSurvey(ctx, coordinator, id, e); err != nil {
			t.Fatal(err)
		}
		if s, _ := db.GetSurvey(ctx, id); len(s.Questions()) != 4 {
			t.Errorf("a closed survey's questions changed: %d", len(s.Questions()))
		}

		// An answer changed behind ogpp's back is named.
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE survey_responses SET answers = '{"region":["shaki"]}' WHERE id = ` + strconv.FormatInt(rs[0].ID, 10))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != survey.EntityResponse {
			t.Fatalf("verify after a direct edit: %v %v", problems, err)
		}
	})
}

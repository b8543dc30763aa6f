package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/survey"
)

// AddResponse records a response to survey surveyID, in the transaction
// that reads the survey, so that a survey closed meanwhile refuses it
// (survey.ErrClosed). Missing required answers are refused with
// plan.FieldErrors keyed "q."+question key. An interviewer's entry records
// the actor as who typed it in.
func (db *DB) AddResponse(ctx context.Context, actor audit.Actor, surveyID int64, n survey.NewResponse) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		rec, _, err := readSurveyRecord(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		if rec.Status != survey.Open {
			return survey.ErrClosed
		}
		s := survey.Survey{Definition: rec.Definition}
		answers, fe := s.Check(n.Answers)
		if len(fe) > 0 {
			return fe
		}
		r := responseRecord{SurveyID: surveyID, Channel: n.Channel, Answers: answers}
		if rec.Named {
			r.Respondent = strings.TrimSpace(n.Respondent)
		}
		if n.Channel == survey.ChannelInterviewer {
			r.EnteredBy, r.EnteredName = actor.UserID, actor.Name
		}
		a, err := json.Marshal(r.Answers)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO survey_responses (survey_id, channel, respondent, entered_by, entered_name, answers,
			content_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			surveyID, r.Channel, r.Respondent, pwNullID(r.EnteredBy), r.EnteredName, string(a), r.hash(), formatTime(db.Now())).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, survey.EntityResponse, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("add response to survey %d: %w", surveyID, err)
	}
	return id, nil
}

// ListResponses lists survey surveyID's responses in the order recorded.
func (db *DB) ListResponses(ctx context.Context, surveyID int64) ([]survey.Response, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, survey_id, channel, respondent, entered_by, entered_name, answers, created_at
		FROM survey_responses WHERE survey_id = $1 ORDER BY id`, surveyID)
	if err != nil {
		return nil, fmt.Errorf("list responses: %w", err)
	}
	defer rows.Close()
	var out []survey.Response
	for rows.Next() {
		var r survey.Response
		var by sql.NullInt64
		var answers, created string
		if err := rows.Scan(&r.ID, &r.SurveyID, &r.Channel, &r.Respondent, &by, &r.EnteredName, &answers, &created); err != nil {
			return nil, fmt.Errorf("list responses: %w", err)
		}
		r.EnteredBy = by.Int64
		if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
			return nil, fmt.Errorf("response %d: %w", r.ID, err)
		}
		if r.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// verifySurveys recomputes the fingerprints of surveys and responses.
func verifySurveys(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	out, err := pwVerifyPass(ctx, tx, survey.EntitySurvey, `SELECT id, content_hash, title, description, status, named, results_public,
		sample_size, definition FROM surveys ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored, title, desc, status, def string
			var named, public int
			var r surveyRecord
			if err := rows.Scan(&id, &stored, &title, &desc, &status, &named, &public, &r.SampleSize, &def); err != nil {
				return id, "", "", "", err
			}
			err := scanSurveyColumns(&r, title, desc, status, def, named, public)
			return id, stored, r.hash(), r.Title.String(), err
		})
	if err != nil {
		return nil, err
	}
	more, err := pwVerifyPass(ctx, tx, survey.EntityResponse, `SELECT id, content_hash, survey_id, channel, respondent, entered_by,
		entered_name, answers FROM survey_responses ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored, answers string
			var by sql.NullInt64
			var r responseRecord
			if err := rows.Scan(&id, &stored, &r.SurveyID, &r.Channel, &r.Respondent, &by, &r.EnteredName, &answers); err != nil {
				return id, "", "", "", err
			}
			r.EnteredBy = by.Int64
			err := json.Unmarshal([]byte(answers), &r.Answers)
			return id, stored, r.hash(), fmt.Sprintf("survey %d response %d", r.SurveyID, id), err
		})
	return append(out, more...), err
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/survey"
)

// The store keeps surveys and their responses.
var _ survey.Store = (*DB)(nil)

// surveyRecord is a survey as the audit log records it and as its
// fingerprint covers it. The subject is "title", the key the audit pages
// name an entity by.
type surveyRecord struct {
	Title         plan.Text         `json:"title"`
	Description   plan.Text         `json:"description,omitempty"`
	Status        survey.Status     `json:"status"`
	Named         bool              `json:"named,omitempty"`
	ResultsPublic bool              `json:"results_public,omitempty"`
	SampleSize    int               `json:"sample_size,omitempty"`
	Definition    survey.Definition `json:"definition"`
}

func (r surveyRecord) hash() string { return contentHash(r) }

// responseRecord is a response as the audit log records it.
type responseRecord struct {
	SurveyID    int64          `json:"survey_id"`
	Channel     string         `json:"channel"`
	Respondent  string         `json:"respondent,omitempty"`
	EnteredBy   int64          `json:"entered_by,omitempty"`
	EnteredName string         `json:"entered_name,omitempty"`
	Answers     survey.Answers `json:"answers"`
}

func (r responseRecord) hash() string { return contentHash(r) }

func surveyRecordOf(e survey.Edit) surveyRecord {
	return surveyRecord{Title: e.Title.Clean(), Description: e.Description.Clean(), Status: e.Status, Named: e.Named,
		ResultsPublic: e.ResultsPublic, SampleSize: e.SampleSize, Definition: e.Definition}
}

// surveyArgs are the columns a write sets, in the order of the INSERT and
// UPDATE statements.
func surveyArgs(r surveyRecord, now string) ([]any, error) {
	def, err := json.Marshal(r.Definition)
	if err != nil {
		return nil, err
	}
	return []any{textJSON(r.Title), textJSON(r.Description), string(r.Status), pwFlag(r.Named), pwFlag(r.ResultsPublic), r.SampleSize,
		string(def), r.hash(), now}, nil
}

// readSurveyRecord reads survey id in its audit form with its version;
// plan.ErrNotFound when there is none or it is deleted.
func readSurveyRecord(ctx context.Context, q querier, id int64) (surveyRecord, int, error) {
	var r surveyRecord
	var title, desc, status, def string
	var named, public, version int
	err := q.QueryRowContext(ctx, `SELECT title, description, status, named, results_public, sample_size, definition, version
		FROM surveys WHERE id = $1 AND deleted_at IS NULL`, id).Scan(&title, &desc, &status, &named, &public, &r.SampleSize, &def, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, err
	}
	err = scanSurveyColumns(&r, title, desc, status, def, named, public)
	return r, version, err
}

func scanSurveyColumns(r *surveyRecord, title, desc, status, def string, named, public int) error {
	var err error
	if r.Title, err = parseText(title); err != nil {
		return err
	}
	if r.Description, err = parseText(desc); err != nil {
		return err
	}
	r.Status, r.Named, r.ResultsPublic = survey.Status(status), named != 0, public != 0
	return json.Unmarshal([]byte(def), &r.Definition)
}

// CreateSurvey records a new survey and returns its id. Invalid input is
// refused with plan.FieldErrors and changes nothing.
func (db *DB) CreateSurvey(ctx context.Context, actor audit.Actor, e survey.Edit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create survey: %w", fe)
	}
	r := surveyRecordOf(e)
	args, err := surveyArgs(r, formatTime(db.Now()))
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.Transact(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO surveys (title, description, status, named, results_public, sample_size, definition,
			content_hash, updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`, args...).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, survey.EntitySurvey, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create survey: %w", err)
	}
	return id, nil
}

// UpdateSurvey replaces survey id when its stored version is e.Version. A
// closed survey is read-only: only its status may change (to reopen it),
// whatever else the edit says. A stale version is refused with a
// *plan.ConflictError[survey.Survey].
func (db *DB) UpdateSurvey(ctx context.Context, actor audit.Actor, id int64, e survey.Edit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update survey %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := readSurveyRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		r := surveyRecordOf(e)
		if before.Status == survey.Closed {
			r, r.Status = before, e.Status
		}
		args, err := surveyArgs(r, formatTime(db.Now()))
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE surveys SET title = $1, description = $2, status = $3, named = $4, results_public = $5,
			sample_size = $6, definition = $7, content_hash = $8, updated_at = $9, version = version + 1
			WHERE id = $10 AND version = $11 AND deleted_at IS NULL`, append(args, id, e.Version)...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, survey.EntitySurvey, id, before, r)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.GetSurvey(ctx, id)
		if gerr != nil {
			return fmt.Errorf("update survey %d: %w", id, gerr)
		}
		err = &plan.ConflictError[survey.Survey]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("update survey %d: %w", id, err)
	}
	return nil
}

const surveySelect = `SELECT s.id, s.title, s.description, s.status, s.named, s.results_public, s.sample_size, s.definition, s.version, s.updated_at,
	(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) FROM surveys s WHERE s.deleted_at IS NULL`

func scanSurvey(row interface{ Scan(...any) error }) (survey.Survey, error) {
	var s survey.Survey
	var r surveyRecord
	var title, desc, status, def, updated string
	var named, public int
	if err := row.Scan(&s.ID, &title, &desc, &status, &named, &public, &r.SampleSize, &def, &s.Version, &updated, &s.Responses); err != nil {
		return s, err
	}
	if err := scanSurveyColumns(&r, title, desc, status, def, named, public); err != nil {
		return s, err
	}
	s.Title, s.Description, s.Status, s.Named, s.ResultsPublic, s.SampleSize, s.Definition =
		r.Title, r.Description, r.Status, r.Named, r.ResultsPublic, r.SampleSize, r.Definition
	var err error
	s.UpdatedAt, err = parseTime(updated)
	return s, err
}

// GetSurvey reads survey id; plan.ErrNotFound when there is none.
func (db *DB) GetSurvey(ctx context.Context, id int64) (survey.Survey, error) {
	s, err := scanSurvey(db.read.QueryRowContext(ctx, surveySelect+` AND s.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, plan.ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("get survey %d: %w", id, err)
	}
	return s, nil
}

// ListSurveys lists the surveys, newest first.
func (db *DB) ListSurveys(ctx context.Context) ([]survey.Survey, error) {
	rows, err := db.read.QueryContext(ctx, surveySelect+` ORDER BY s.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	defer rows.Close()
	var out []survey.Survey
	for rows.Next() {
		s, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("list surveys: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// The store keeps scorecards.
var _ scorecard.Store = (*DB)(nil)

// scorecardRecord is a scorecard as the audit log records it and as its
// fingerprint covers it: the whole table, subjects named by organisation
// id, so that one entry shows what a save changed anywhere in it.
type scorecardRecord struct {
	Title       plan.Text         `json:"title"`
	Description plan.Text         `json:"description,omitempty"`
	ActivityID  int64             `json:"activity_id,omitempty"`
	Status      string            `json:"status"`
	Subjects    []scSubjectRecord `json:"subjects,omitempty"`
	Criteria    []scCriterionRec  `json:"criteria,omitempty"`
	Cells       []scCellRecord    `json:"cells,omitempty"`
}

type scSubjectRecord struct {
	ID             int64 `json:"id"`
	OrganisationID int64 `json:"organisation_id"`
}

type scCriterionRec struct {
	ID       int64     `json:"id"`
	Title    plan.Text `json:"title"`
	Guidance plan.Text `json:"guidance,omitempty"`
	Weight   int       `json:"weight"`
	Min      int       `json:"min"`
	Max      int       `json:"max"`
}

type scCellRecord struct {
	SubjectID   int64  `json:"subject_id"`
	CriterionID int64  `json:"criterion_id"`
	Score       *int   `json:"score,omitempty"`
	Evidence    string `json:"evidence,omitempty"`
	Note        string `json:"note,omitempty"`
}

func (r scorecardRecord) hash() string { return contentHash(r) }

// readScorecardRecord reads scorecard id with its subjects, criteria and
// cells in its audit form, with its version and whether it is deleted;
// plan.ErrNotFound when there is none.
func readScorecardRecord(ctx context.Context, q querier, id int64) (scorecardRecord, int, bool, error) {
	var r scorecardRecord
	var title, description string
	var activity sql.NullInt64
	var version int
	var deleted bool
	err := q.QueryRowContext(ctx, `SELECT title, description, activity_id, status, version, deleted_at IS NOT NULL FROM scorecards WHERE id = $1`, id).Scan(
		&title, &description, &activity, &r.Status, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	r.ActivityID = activity.Int64
	if r.Title, err = parseText(title); err != nil {
		return r, 0, false, err
	}
	if r.Description, err = parseText(description); err != nil {
		return r, 0, false, err
	}
	if err := scQuery(ctx, q, `SELECT id, organisation_id FROM scorecard_subjects WHERE scorecard_id = $1 ORDER BY position, id`, id, func(rows *sql.Rows) error {
		var s scSubjectRecord
		if err := rows.Scan(&s.ID, &s.OrganisationID); err != nil {
			return err
		}
		r.Subjects = append(r.Subjects, s)
		return nil
	}); err != nil {
		return r, 0, false, err
	}
	if err := scQuery(ctx, q, `SELECT id, title, guidance, weight, min_score, max_score FROM scorecard_criteria WHERE scorecard_id = $1 ORDER BY position, id`, id, func(rows *sql.Rows) error {
		var c scCriterionRec
		var t, g string
		if err := rows.Scan(&c.ID, &t, &g, &c.Weight, &c.Min, &c.Max); err != nil {
			return err
		}
		var err error
		if c.Title, err = parseText(t); err != nil {
			return err
		}
		if c.Guidance, err = parseText(g); err != nil {
			return err
		}
		r.Criteria = append(r.Criteria, c)
		return nil
	}); err != nil {
		return r, 0, false, err
	}
	err = scQuery(ctx, q, `SELECT subject_id, criterion_id, score, evidence, note FROM scorecard_cells WHERE scorecard_id = $1 ORDER BY subject_id, criterion_id`, id, func(rows *sql.Rows) error {
		var c scCellRecord
		var score sql.NullInt64
		if err := rows.Scan(&c.SubjectID, &c.CriterionID, &score, &c.Evidence, &c.Note); err != nil {
			return err
		}
		if score.Valid {
			n := int(score.Int64)
			c.Score = &n
		}
		r.Cells = append(r.Cells, c)
		return nil
	})
	return r, version, deleted, err
}

// scQuery runs a query of one scorecard's rows and hands each to scan.
func scQuery(ctx context.Context, q querier, query string, id int64, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// domain turns a record into the domain's scorecard, without the
// subjects' names.
func (r scorecardRecord) domain(id int64, version int) scorecard.Scorecard {
	c := scorecard.Scorecard{ID: id, Title: r.Title, Description: r.Description, ActivityID: r.ActivityID, Status: scorecard.Status(r.Status), Version: version}
	for _, s := range r.Subjects {
		c.Subjects = append(c.Subjects, scorecard.Subject{ID: s.ID, OrganisationID: s.OrganisationID})
	}
	for _, x := range r.Criteria {
		c.Criteria = append(c.Criteria, scorecard.Criterion{ID: x.ID, Title: x.Title, Guidance: x.Guidance, Weight: x.Weight, Min: x.Min, Max: x.Max})
	}
	for _, x := range r.Cells {
		c.Cells = append(c.Cells, scorecard.Cell{SubjectID: x.SubjectID, CriterionID: x.CriterionID, Score: x.Score, Evidence: x.Evidence, Note: x.Note})
	}
	return c
}

// ListScorecards lists the live scorecards, oldest first; only the
// published ones when publishedOnly.
func (db *DB) ListScorecards(ctx context.Context, publishedOnly bool) ([]scorecard.Summary, error) {
	where := `s.deleted_at IS NULL`
	if publishedOnly {
		where += ` AND s.status = 'published'`
	}
	rows, err := db.read.QueryContext(ctx, `SELECT s.id, s.title, s.status, s.activity_id,
		(SELECT COUNT(*) FROM scorecard_subjects x WHERE x.scorecard_id = s.id),
		(SELECT COUNT(*) FROM scorecard_criteria c WHERE c.scorecard_id = s.id)
		FROM scorecards s WHERE `+where+` ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("list scorecards: %w", err)
	}
	defer rows.Close()
	var out []scorecard.Summary
	for rows.Next() {
		var s scorecard.Summary
		var title string
		var activity sql.NullInt64
		if err := rows.Scan(&s.ID, &title, &s.Status, &activity, &s.Subjects, &s.Criteria); err != nil {
			return nil, fmt.Errorf("list scorecards: %w", err)
		}
		s.ActivityID = activity.Int64
		if s.Title, err = parseText(title); err != nil {
			return nil, fmt.Errorf("list scorecards: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CountScorecards counts the live scorecards.
func (db *DB) CountScorecards(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM scorecards WHERE deleted_at IS NULL`).Scan(&n)
	return n, err
}

// GetScorecard returns a live scorecard with its subjects (named as the
// registry names them now), criteria and cells.
func (db *DB) GetScorecard(ctx context.Context, id int64) (scorecard.Scorecard, error) {
	r, version, deleted, err := readScorecardRecord(ctx, db.read, id)
	if err == nil && deleted {
		err = plan.ErrNotFound
	}
	if err != nil {
		return scorecard.Scorecard{}, fmt.Errorf("scorecard %d: %w", id, err)
	}
	c := r.domain(id, version)
	for i := range c.Subjects {
		var name string
		if err := db.read.QueryRowContext(ctx, `SELECT name FROM organisations WHERE id = $1`, c.Subjects[i].OrganisationID).Scan(&name); err != nil {
			return c, fmt.Errorf("scorecard %d: subject %d: %w", id, c.Subjects[i].OrganisationID, err)
		}
		if c.Subjects[i].Name, err = parseText(name); err != nil {
			return c, fmt.Errorf("scorecard %d: %w", id, err)
		}
	}
	return c, nil
}

// CreateScorecard adds a scorecard without subjects or criteria and
// returns its id.
func (db *DB) CreateScorecard(ctx context.Context, actor audit.Actor, e scorecard.Edit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create scorecard: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		r := scorecardRecord{Title: e.Title, Description: e.Description, ActivityID: e.ActivityID, Status: string(e.Status)}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO scorecards (title, description, activity_id, status, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, textJSON(r.Title), textJSON(r.Description), pwNullID(r.ActivityID), r.Status, r.hash(), now).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, scorecard.EntityScorecard, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create scorecard: %w", err)
	}
	return id, nil
}

// changeScorecard is every write of a live scorecard: when its stored
// version is version, fn changes its rows, and the scorecard gets its new
// fingerprint, a new version and the audit entry of the change, all in
// one transaction.
func (db *DB) changeScorecard(ctx context.Context, actor audit.Actor, op string, id int64, version int, fn func(tx *sql.Tx, before scorecardRecord) error) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, deleted, err := readScorecardRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if deleted {
			return plan.ErrNotFound
		}
		if stored != version {
			return errStale
		}
		if err := fn(tx, before); err != nil {
			return err
		}
		after, _, _, err := readScorecardRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE scorecards SET content_hash = $1, updated_at = $2, version = version + 1
			WHERE id = $3 AND version = $4 AND deleted_at IS NULL`, after.hash(), formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, scorecard.EntityScorecard, id, before, after)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.GetScorecard(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s scorecard %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[scorecard.Scorecard]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("%s scorecard %d: %w", op, id, err)
	}
	return nil
}

// UpdateScorecard replaces a scorecard's title, description, activity and
// status when its stored version is e.Version.
func (db *DB) UpdateScorecard(ctx context.Context, actor audit.Actor, id int64, e scorecard.Edit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update scorecard %d: %w", id, fe)
	}
	return db.changeScorecard(ctx, actor, "update", id, e.Version, func(tx *sql.Tx, _ scorecardRecord) error {
		_, err := tx.ExecContext(ctx, `UPDATE scorecards SET title = $1, description = $2, activity_id = $3, status = $4 WHERE id = $5`,
			textJSON(e.Title), textJSON(e.Description), pwNullID(e.ActivityID), string(e.Status), id)
		return err
	})
}

// AddSubject adds a live organisation of the registry to a scorecard's
// subjects, after the others.
func (db *DB) AddSubject(ctx context.Context, actor audit.Actor, id int64, version int, organisationID int64) error {
	return db.changeScorecard(ctx, actor, "add subject to", id, version, func(tx *sql.Tx, before scorecardRecord) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE id = $1 AND deleted_at IS NULL`, organisationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return plan.FieldErrors{"organisation": "scorecard.subject.unknown"}
		}
		for _, s := range before.Subjects {
			if s.OrganisationID == organisationID {
				return plan.FieldErrors{"organisation": "scorecard.subject.taken"}
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO scorecard_subjects (scorecard_id, organisation_id, position) VALUES ($1, $2, $3)`,
			id, organisationID, len(before.Subjects)+1)
		return err
	})
}

// AddCriterion adds a criterion to a scorecard, after the others.
func (db *DB) AddCriterion(ctx context.Context, actor audit.Actor, id int64, version int, e scorecard.CriterionEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("add criterion to scorecard %d: %w", id, fe)
	}
	return db.changeScorecard(ctx, actor, "add criterion to", id, version, func(tx *sql.Tx, before scorecardRecord) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO scorecard_criteria (scorecard_id, title, guidance, weight, min_score, max_score, position)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, textJSON(e.Title), textJSON(e.Guidance), e.Weight, e.Min, e.Max, len(before.Criteria)+1)
		return err
	})
}

// SaveCells writes the given cells of a scorecard: a score within its
// criterion's scale (nil: not scored), evidence and a note. A cell left
// wholly empty is removed. A score outside its scale, or a cell of another
// scorecard, is refused with plan.FieldErrors keyed by
// scorecard.CellField, and nothing is written.
func (db *DB) SaveCells(ctx context.Context, actor audit.Actor, id int64, version int, cells []scorecard.Cell) error {
	return db.changeScorecard(ctx, actor, "save cells of", id, version, func(tx *sql.Tx, before scorecardRecord) error {
		c := before.domain(id, version)
		if fe := c.ValidateCells(cells); len(fe) > 0 {
			return fe
		}
		for _, x := range cells {
			if _, err := tx.ExecContext(ctx, `DELETE FROM scorecard_cells WHERE subject_id = $1 AND criterion_id = $2`, x.SubjectID, x.CriterionID); err != nil {
				return err
			}
			if x.Score == nil && x.Evidence == "" && x.Note == "" {
				continue
			}
			var score any
			if x.Score != nil {
				score = *x.Score
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO scorecard_cells (scorecard_id, subject_id, criterion_id, score, evidence, note)
				VALUES ($1, $2, $3, $4, $5, $6)`, id, x.SubjectID, x.CriterionID, score, x.Evidence, x.Note); err != nil {
				return err
			}
		}
		return nil
	})
}

// verifyScorecards recomputes every scorecard's fingerprint from its rows.
func verifyScorecards(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return verifyRows(ctx, tx, "scorecards", scorecard.EntityScorecard, func(id int64) (string, string, error) {
		r, _, _, err := readScorecardRecord(ctx, tx, id)
		if err != nil {
			return "", "", err
		}
		return r.hash(), r.Title.String(), nil
	})
}

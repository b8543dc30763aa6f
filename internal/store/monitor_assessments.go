package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// assessmentRow is an assessments row's content as stored, which its
// fingerprint covers.
type assessmentRow struct {
	RoundID         int64  `json:"round_id"`
	MeasureID       int64  `json:"measure_id"`
	Status          string `json:"status"`
	ReviewComment   string `json:"review_comment"`
	CurrentVersion  int    `json:"current_version"`
	ApprovedVersion *int64 `json:"approved_version"`
	ReviewerID      int64  `json:"reviewer_id"`
	ReviewerName    string `json:"reviewer_name"`
	Source          string `json:"source"`
}

func (a assessmentRow) hash() string { return contentHash(a) }

// assessmentState is a stored assessment as writes need it.
type assessmentState struct {
	id      int64
	row     assessmentRow
	version int // the row's concurrency counter
	hash    string
}

const assessmentStateSelect = `SELECT a.id, a.round_id, a.measure_id, a.status, a.review_comment, a.current_version, a.approved_version,
	a.reviewer_id, a.reviewer_name, a.source, a.version, a.content_hash FROM assessments a`

func scanAssessmentState(s scanner) (assessmentState, error) {
	var st assessmentState
	r := &st.row
	err := s.Scan(&st.id, &r.RoundID, &r.MeasureID, &r.Status, &r.ReviewComment, &r.CurrentVersion, &r.ApprovedVersion,
		&r.ReviewerID, &r.ReviewerName, &r.Source, &st.version, &st.hash)
	return st, err
}

func readAssessmentState(ctx context.Context, q querier, id int64) (assessmentState, error) {
	st, err := scanAssessmentState(q.QueryRowContext(ctx, assessmentStateSelect+` WHERE a.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return st, err
}

// insertAssessment adds an assessment and returns its id; one that
// another transaction added meanwhile is errStale.
func insertAssessment(ctx context.Context, tx *sql.Tx, a assessmentRow, now string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO assessments (round_id, measure_id, status, review_comment, current_version, approved_version,
		reviewer_id, reviewer_name, source, content_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (round_id, measure_id) DO NOTHING RETURNING id`,
		a.RoundID, a.MeasureID, a.Status, a.ReviewComment, a.CurrentVersion, a.ApprovedVersion, a.ReviewerID, a.ReviewerName, a.Source,
		a.hash(), now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errStale
	}
	return id, err
}

// writeAssessment replaces assessment id's content when its row is still
// at version, raising the version.
func writeAssessment(ctx context.Context, tx *sql.Tx, id int64, version int, a assessmentRow, now string) error {
	res, err := tx.ExecContext(ctx, `UPDATE assessments SET status = $1, review_comment = $2, current_version = $3, approved_version = $4,
		reviewer_id = $5, reviewer_name = $6, source = $7, content_hash = $8, updated_at = $9, version = version + 1
		WHERE id = $10 AND version = $11`,
		a.Status, a.ReviewComment, a.CurrentVersion, a.ApprovedVersion, a.ReviewerID, a.ReviewerName, a.Source, a.hash(), now, id, version)
	return oneRow(res, err)
}

// assessmentNames names an assessment's plan, round and measure as people
// know them: external ids where there are some.
type assessmentNames struct {
	plan, round, measure string
}

func (n assessmentNames) String() string { return n.plan + " " + n.measure + " in " + n.round }

func readAssessmentNames(ctx context.Context, q querier, id int64) (assessmentNames, error) {
	var n assessmentNames
	var roundExt, roundName, measureExt, clause string
	err := q.QueryRowContext(ctx, `SELECT p.external_id, r.external_id, r.name, m.external_id, m.clause FROM assessments a
		JOIN rounds r ON r.id = a.round_id JOIN plans p ON p.id = r.plan_id JOIN measures m ON m.id = a.measure_id WHERE a.id = $1`, id).Scan(
		&n.plan, &roundExt, &roundName, &measureExt, &clause)
	if errors.Is(err, sql.ErrNoRows) {
		return n, plan.ErrNotFound
	}
	if err != nil {
		return n, err
	}
	n.round = roundExt
	if n.round == "" {
		name, err := parseText(roundName)
		if err != nil {
			return n, err
		}
		n.round = name.String()
	}
	n.measure = measureExt
	if n.measure == "" {
		n.measure = clause
	}
	return n, nil
}

// assessmentRecord is an assessment as the audit log records it: its
// current version, naming plan, round and measure by what people know
// them by and milestones by their number in the measure.
type assessmentRecord struct {
	Plan            string               `json:"plan"`
	Round           string               `json:"round"`
	Measure         string               `json:"measure"`
	Version         int                  `json:"version"`
	Status          monitor.ReviewStatus `json:"status"`
	ApprovedVersion int64                `json:"approved_version,omitempty"`
	ReviewComment   string               `json:"review_comment,omitempty"`
	Reviewer        string               `json:"reviewer,omitempty"`
	Author          string               `json:"author"`
	Source          string               `json:"source,omitempty"`
	Rating          ratingRecord         `json:"rating"`
}

type ratingRecord struct {
	Completion     monitor.Completion   `json:"completion,omitempty"`
	Verifiable     *bool                `json:"verifiable,omitempty"`
	Relevance      []plan.OGPValue      `json:"relevance,omitempty"`
	RelevanceRated bool                 `json:"relevance_rated,omitempty"`
	Impact         monitor.Impact       `json:"impact,omitempty"`
	Opened         monitor.Opened       `json:"opened,omitempty"`
	EarlyResults   monitor.EarlyResults `json:"early_results,omitempty"`
	Narrative      string               `json:"narrative,omitempty"`
	Milestones     []milestoneRating    `json:"milestones,omitempty"`
	Links          []linkJSON           `json:"links,omitempty"`
}

type milestoneRating struct {
	Number     int                `json:"number"`
	Completion monitor.Completion `json:"completion"`
}

func readAssessmentRecord(ctx context.Context, tx *sql.Tx, id int64) (assessmentRecord, error) {
	st, err := readAssessmentState(ctx, tx, id)
	if err != nil {
		return assessmentRecord{}, err
	}
	n, err := readAssessmentNames(ctx, tx, id)
	if err != nil {
		return assessmentRecord{}, err
	}
	v, err := readVersionRow(ctx, tx, id, st.row.CurrentVersion)
	if err != nil {
		return assessmentRecord{}, err
	}
	r, links, err := v.rating()
	if err != nil {
		return assessmentRecord{}, err
	}
	rec := assessmentRecord{Plan: n.plan, Round: n.round, Measure: n.measure, Version: v.Version, Status: monitor.ReviewStatus(st.row.Status),
		ReviewComment: st.row.ReviewComment, Reviewer: st.row.ReviewerName, Author: v.AuthorName, Source: st.row.Source,
		Rating: ratingRecord{Completion: r.Completion, Verifiable: r.Verifiable, Relevance: r.Relevance, RelevanceRated: r.RelevanceRated,
			Impact: r.Impact, Opened: r.Opened, EarlyResults: r.EarlyResults, Narrative: r.Narrative, Links: links}}
	if st.row.ApprovedVersion != nil {
		rec.ApprovedVersion = *st.row.ApprovedVersion
	}
	if len(r.Milestones) > 0 {
		numbers, err := milestoneNumbers(ctx, tx, st.row.MeasureID)
		if err != nil {
			return rec, err
		}
		for _, m := range r.Milestones {
			rec.Rating.Milestones = append(rec.Rating.Milestones, milestoneRating{Number: numbers[m.MilestoneID], Completion: m.Completion})
		}
	}
	return rec, nil
}

// milestoneNumbers maps a measure's milestones to their numbers as pages
// show them, from 1.
func milestoneNumbers(ctx context.Context, tx *sql.Tx, measureID int64) (map[int64]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM milestones WHERE measure_id = $1 ORDER BY position, id`, measureID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = len(out) + 1
	}
	return out, rows.Err()
}

// auditAssessment appends the entry of a change of assessment id from
// before (nil for none) to what it now is.
func (db *DB) auditAssessment(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *assessmentRecord) error {
	after, err := readAssessmentRecord(ctx, tx, id)
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return db.auditChange(ctx, tx, actor, action, audit.EntityAssessment, id, b, after)
}

const assessmentColumns = `a.id, a.round_id, a.measure_id, a.status, a.review_comment, a.reviewer_id, a.reviewer_name, a.source, a.updated_at, ` + versionColumns

// queryAssessments reads the assessments that joins and where select
// (naming the assessment a), each at its current version or, when
// approved, at its last approved one (those never approved are left out),
// with the evidence it had at that version.
func queryAssessments(ctx context.Context, q querier, approved bool, joins, where string, args ...any) ([]monitor.Assessment, error) {
	at := "a.current_version"
	if approved {
		at = "a.approved_version"
	}
	rows, err := q.QueryContext(ctx, `SELECT `+assessmentColumns+` FROM assessments a
		JOIN assessment_versions v ON v.assessment_id = a.id AND v.version = `+at+joins+where+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []monitor.Assessment
	var versions []versionRow
	for rows.Next() {
		var a monitor.Assessment
		var v versionRow
		var status, updated string
		dest := append([]any{&a.ID, &a.RoundID, &a.MeasureID, &status, &a.ReviewComment, &a.ReviewerID, &a.ReviewerName, &a.Source, &updated}, v.dest()...)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if a.Rating, _, err = v.rating(); err != nil {
			return nil, err
		}
		a.Status, a.Version, a.AuthorID, a.AuthorName = monitor.ReviewStatus(status), v.Version, v.AuthorID, v.AuthorName
		if approved {
			// The approved version as it was approved, whatever review a
			// later draft is in.
			a.Status, a.ReviewComment, a.ReviewerID, a.ReviewerName = monitor.ReviewApproved, v.ReviewComment, v.ReviewerID, v.ReviewerName
			updated = v.SavedAt
			if v.ReviewedAt != nil {
				updated = *v.ReviewedAt
			}
		}
		if a.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		out = append(out, a)
		versions = append(versions, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	files, err := queryFiles(ctx, q, joins, where, args...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Evidence, err = evidenceAt(versions[i], files[out[i].ID]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RoundAssessments returns a round's assessments of live measures by
// measure id: each at its current version or, when approvedOnly, at its
// last approved version (assessments never approved are left out) with the
// evidence it had then.
func (db *DB) RoundAssessments(ctx context.Context, roundID int64, approvedOnly bool) (map[int64]monitor.Assessment, error) {
	as, err := queryAssessments(ctx, db.read, approvedOnly, ` JOIN measures m ON m.id = a.measure_id`,
		` WHERE a.round_id = $1 AND m.deleted_at IS NULL`, roundID)
	if err != nil {
		return nil, fmt.Errorf("assessments of round %d: %w", roundID, err)
	}
	out := make(map[int64]monitor.Assessment, len(as))
	for _, a := range as {
		out[a.MeasureID] = a
	}
	return out, nil
}

// GetAssessment returns the current version of a measure's assessment in a
// round; plan.ErrNotFound when it has none.
func (db *DB) GetAssessment(ctx context.Context, roundID, measureID int64) (monitor.Assessment, error) {
	as, err := queryAssessments(ctx, db.read, false, "", ` WHERE a.round_id = $1 AND a.measure_id = $2`, roundID, measureID)
	if err == nil && len(as) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return monitor.Assessment{}, fmt.Errorf("assessment of measure %d in round %d: %w", measureID, roundID, err)
	}
	return as[0], nil
}

// AssessmentByID returns the current version of assessment id.
func (db *DB) AssessmentByID(ctx context.Context, id int64) (monitor.Assessment, error) {
	as, err := queryAssessments(ctx, db.read, false, "", ` WHERE a.id = $1`, id)
	if err == nil && len(as) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return monitor.Assessment{}, fmt.Errorf("assessment %d: %w", id, err)
	}
	return as[0], nil
}

// AssessmentVersions returns every saved version of assessment id, newest
// first, each with the review it had (submitted, approved, returned) or
// else the status its save gave it.
func (db *DB) AssessmentVersions(ctx context.Context, id int64) ([]monitor.AssessmentVersion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+versionColumns+` FROM assessment_versions v WHERE v.assessment_id = $1 ORDER BY v.version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("versions of assessment %d: %w", id, err)
	}
	defer rows.Close()
	var out []monitor.AssessmentVersion
	for rows.Next() {
		var v versionRow
		if err := rows.Scan(v.dest()...); err != nil {
			return nil, fmt.Errorf("versions of assessment %d: %w", id, err)
		}
		av := monitor.AssessmentVersion{Version: v.Version, Status: monitor.ReviewStatus(v.Status), AuthorName: v.AuthorName}
		if v.ReviewStatus != "" {
			av.Status = monitor.ReviewStatus(v.ReviewStatus)
		}
		if av.Rating, _, err = v.rating(); err != nil {
			return nil, fmt.Errorf("versions of assessment %d: %w", id, err)
		}
		if av.SavedAt, err = parseTime(v.SavedAt); err != nil {
			return nil, fmt.Errorf("versions of assessment %d: %w", id, err)
		}
		out = append(out, av)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions of assessment %d: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("versions of assessment %d: %w", id, plan.ErrNotFound)
	}
	return out, nil
}

// SaveAssessment saves a new version of a measure's assessment in an open
// round (the first save creates the assessment) and puts it back to
// draft; the approved version stays what the public sees until another is
// approved. A save from a version other than the current one is refused
// with a *plan.ConflictError[monitor.Assessment]; a measure not of the
// round's plan, or milestones not of the measure, with plan.FieldErrors.
func (db *DB) SaveAssessment(ctx context.Context, actor audit.Actor, e monitor.AssessmentEdit) (monitor.Assessment, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return monitor.Assessment{}, fmt.Errorf("save assessment: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		round, err := openRound(ctx, tx, e.RoundID)
		if err != nil {
			return err
		}
		if err := checkAssessedMeasure(ctx, tx, round.content.PlanID, e.MeasureID, e.Milestones); err != nil {
			return err
		}
		now := formatTime(db.Now())
		v := versionFromRating(e.Rating, linksOf(e.Links))
		v.AuthorID, v.AuthorName, v.SavedAt, v.Status = actor.UserID, actor.Name, now, string(monitor.ReviewDraft)
		err = tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE round_id = $1 AND measure_id = $2`, e.RoundID, e.MeasureID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			if id, err = insertAssessment(ctx, tx, assessmentRow{RoundID: e.RoundID, MeasureID: e.MeasureID,
				Status: string(monitor.ReviewDraft), CurrentVersion: 1}, now); err != nil {
				return err
			}
			v.AssessmentID, v.Version = id, 1
			if err := insertVersion(ctx, tx, v); err != nil {
				return err
			}
			return db.auditAssessment(ctx, tx, actor, audit.ActionCreate, id, nil)
		}
		if err != nil {
			return err
		}
		st, err := readAssessmentState(ctx, tx, id)
		if err != nil {
			return err
		}
		if st.row.CurrentVersion != e.Version {
			return errStale
		}
		before, err := readAssessmentRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		// The assessment's row first: on PostgreSQL a concurrent save
		// waits for its lock and then finds the version raised (errStale,
		// a conflict) rather than a duplicate version number.
		v.AssessmentID, v.Version = id, st.row.CurrentVersion+1
		row := st.row
		row.CurrentVersion, row.Status, row.ReviewComment, row.ReviewerID, row.ReviewerName = v.Version, string(monitor.ReviewDraft), "", 0, ""
		if err := writeAssessment(ctx, tx, id, st.version, row, now); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, v); err != nil {
			return err
		}
		return db.auditAssessment(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	if err != nil {
		return monitor.Assessment{}, db.assessmentWriteError(ctx, "save", fmt.Sprintf("of measure %d in round %d", e.MeasureID, e.RoundID), func() (monitor.Assessment, error) {
			return db.GetAssessment(ctx, e.RoundID, e.MeasureID)
		}, err)
	}
	a, err := db.AssessmentByID(ctx, id)
	if err != nil {
		return a, fmt.Errorf("save assessment: %w", err)
	}
	return a, nil
}

// checkAssessedMeasure checks that a measure is a live one of the round's
// plan and that the milestones rated are its own.
func checkAssessedMeasure(ctx context.Context, tx *sql.Tx, planID, measureID int64, milestones []monitor.MilestoneCompletion) error {
	var measurePlan int64
	err := tx.QueryRowContext(ctx, `SELECT plan_id FROM measures WHERE id = $1 AND deleted_at IS NULL`, measureID).Scan(&measurePlan)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"measure": "monitor.measure.unknown"}
	}
	if err != nil {
		return err
	}
	if measurePlan != planID {
		return plan.FieldErrors{"measure": "monitor.measure.other_plan"}
	}
	if len(milestones) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM milestones WHERE measure_id = $1 AND deleted_at IS NULL`, measureID)
	if err != nil {
		return err
	}
	defer rows.Close()
	own := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		own[id] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range milestones {
		if !own[m.MilestoneID] {
			return plan.FieldErrors{"milestones": "monitor.milestones.unknown"}
		}
	}
	return nil
}

// SubmitAssessment hands a draft or returned assessment to review, when
// version is its current version.
func (db *DB) SubmitAssessment(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		st, before, v, err := reviewable(ctx, tx, id, version)
		if err != nil {
			return err
		}
		if s := monitor.ReviewStatus(st.row.Status); s != monitor.ReviewDraft && s != monitor.ReviewReturned {
			return fmt.Errorf("submit a %s assessment: %w", s, monitor.ErrBadTransition)
		}
		row := st.row
		row.Status, row.ReviewComment, row.ReviewerID, row.ReviewerName = string(monitor.ReviewSubmitted), "", 0, ""
		if err := writeAssessment(ctx, tx, id, st.version, row, formatTime(db.Now())); err != nil {
			return err
		}
		v.ReviewStatus, v.ReviewComment, v.ReviewerID, v.ReviewerName, v.ReviewedAt = string(monitor.ReviewSubmitted), "", 0, "", nil
		if err := writeVersionReview(ctx, tx, v); err != nil {
			return err
		}
		return db.auditAssessment(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	return db.assessmentWriteError(ctx, "submit", fmt.Sprint(id), func() (monitor.Assessment, error) { return db.AssessmentByID(ctx, id) }, err)
}

// maxComment bounds a reviewer's comment, as a narrative is bounded.
const maxComment = 100000

// ReviewAssessment approves a submitted assessment, or returns it with a
// comment (required), when version is its current version. The author of
// that version is refused with monitor.ErrOwnWork: a second pair of eyes
// is the point of review. Approving makes the version the one the public
// sees.
func (db *DB) ReviewAssessment(ctx context.Context, actor audit.Actor, id int64, approve bool, comment string, version int) error {
	comment = strings.TrimSpace(strings.ReplaceAll(comment, "\r\n", "\n"))
	switch {
	case !approve && comment == "":
		return fmt.Errorf("review assessment %d: %w", id, plan.FieldErrors{"comment": "monitor.comment.required"})
	case !utf8.ValidString(comment) || strings.ContainsRune(comment, 0):
		return fmt.Errorf("review assessment %d: %w", id, plan.FieldErrors{"comment": "edit.comment.invalid"})
	case utf8.RuneCountInString(comment) > maxComment:
		return fmt.Errorf("review assessment %d: %w", id, plan.FieldErrors{"comment": "edit.comment.too_long"})
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		st, before, v, err := reviewable(ctx, tx, id, version)
		if err != nil {
			return err
		}
		if s := monitor.ReviewStatus(st.row.Status); s != monitor.ReviewSubmitted {
			return fmt.Errorf("review a %s assessment: %w", s, monitor.ErrBadTransition)
		}
		if (actor.UserID != 0 && actor.UserID == v.AuthorID) || (actor.UserID == 0 && actor.Name == v.AuthorName) {
			return monitor.ErrOwnWork
		}
		now := formatTime(db.Now())
		status := monitor.ReviewReturned
		row := st.row
		if approve {
			status = monitor.ReviewApproved
			n := int64(v.Version)
			row.ApprovedVersion = &n
		}
		row.Status, row.ReviewComment, row.ReviewerID, row.ReviewerName = string(status), comment, actor.UserID, actor.Name
		if err := writeAssessment(ctx, tx, id, st.version, row, now); err != nil {
			return err
		}
		v.ReviewStatus, v.ReviewComment, v.ReviewerID, v.ReviewerName, v.ReviewedAt = string(status), comment, actor.UserID, actor.Name, &now
		if err := writeVersionReview(ctx, tx, v); err != nil {
			return err
		}
		return db.auditAssessment(ctx, tx, actor, audit.ActionUpdate, id, &before)
	})
	return db.assessmentWriteError(ctx, "review", fmt.Sprint(id), func() (monitor.Assessment, error) { return db.AssessmentByID(ctx, id) }, err)
}

// reviewable reads what a submit or a review of assessment id needs,
// refusing a frozen round and a stale version.
func reviewable(ctx context.Context, tx *sql.Tx, id int64, version int) (assessmentState, assessmentRecord, versionRow, error) {
	st, err := readAssessmentState(ctx, tx, id)
	if err != nil {
		return st, assessmentRecord{}, versionRow{}, err
	}
	if _, err := openRound(ctx, tx, st.row.RoundID); err != nil {
		return st, assessmentRecord{}, versionRow{}, err
	}
	if st.row.CurrentVersion != version {
		return st, assessmentRecord{}, versionRow{}, errStale
	}
	before, err := readAssessmentRecord(ctx, tx, id)
	if err != nil {
		return st, before, versionRow{}, err
	}
	v, err := readVersionRow(ctx, tx, id, st.row.CurrentVersion)
	return st, before, v, err
}

// assessmentWriteError wraps the error of a write to an assessment,
// turning a stale version into a conflict that carries it as it is now.
func (db *DB) assessmentWriteError(ctx context.Context, op, which string, current func() (monitor.Assessment, error), err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		a, gerr := current()
		if gerr != nil {
			return fmt.Errorf("%s assessment %s: %w", op, which, gerr)
		}
		err = &plan.ConflictError[monitor.Assessment]{Current: a}
	}
	return fmt.Errorf("%s assessment %s: %w", op, which, err)
}

// MeasureHistory returns the measure's assessment in each round of its
// plan that has one, in round order; publishedOnly keeps the published
// rounds and their approved versions.
func (db *DB) MeasureHistory(ctx context.Context, measureID int64, publishedOnly bool) ([]monitor.RoundAssessment, error) {
	var planID int64
	err := db.read.QueryRowContext(ctx, `SELECT plan_id FROM measures WHERE id = $1 AND deleted_at IS NULL`, measureID).Scan(&planID)
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("history of measure %d: %w", measureID, err)
	}
	where := ` WHERE r.plan_id = $1 AND p.deleted_at IS NULL`
	args := []any{planID}
	if publishedOnly {
		where += ` AND r.status = $2`
		args = append(args, string(monitor.RoundPublished))
	}
	rounds, err := queryRounds(ctx, db.read, where+roundOrder, args...)
	if err != nil {
		return nil, fmt.Errorf("history of measure %d: %w", measureID, err)
	}
	as, err := queryAssessments(ctx, db.read, publishedOnly, "", ` WHERE a.measure_id = $1`, measureID)
	if err != nil {
		return nil, fmt.Errorf("history of measure %d: %w", measureID, err)
	}
	byRound := make(map[int64]monitor.Assessment, len(as))
	for _, a := range as {
		byRound[a.RoundID] = a
	}
	var out []monitor.RoundAssessment
	for _, r := range rounds {
		if a, ok := byRound[r.ID]; ok {
			out = append(out, monitor.RoundAssessment{Round: r, Assessment: a})
		}
	}
	return out, nil
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// An assessment's versions: one row per save, its rating in plain columns
// and its links and milestones as JSON, never rewritten but for the
// review it later gets.

// linkJSON is a link as a version stores it.
type linkJSON struct {
	Title    string `json:"title,omitempty"`
	URL      string `json:"url"`
	Accessed string `json:"accessed,omitempty"` // YYYY-MM-DD
}

// milestoneJSON is a milestone's completion as a version stores it.
type milestoneJSON struct {
	Milestone  int64              `json:"milestone"`
	Completion monitor.Completion `json:"completion"`
}

// versionRow is an assessment_versions row exactly as stored. Its
// fingerprint covers every column but the id and the fingerprint itself,
// the review columns included, so that neither a rating nor who approved
// it can be changed in the database unnoticed.
type versionRow struct {
	AssessmentID   int64   `json:"assessment_id"`
	Version        int     `json:"version"`
	Completion     string  `json:"completion"`
	Verifiable     *int64  `json:"verifiable"`
	Relevance      string  `json:"relevance"`
	RelevanceRated int64   `json:"relevance_rated"`
	Impact         string  `json:"impact"`
	Opened         string  `json:"opened"`
	EarlyResults   string  `json:"early_results"`
	Narrative      string  `json:"narrative"`
	Milestones     string  `json:"milestones"`
	Links          string  `json:"links"`
	AuthorID       int64   `json:"author_id"`
	AuthorName     string  `json:"author_name"`
	SavedAt        string  `json:"saved_at"`
	Status         string  `json:"status"`
	ReviewStatus   string  `json:"review_status"`
	ReviewComment  string  `json:"review_comment"`
	ReviewerID     int64   `json:"reviewer_id"`
	ReviewerName   string  `json:"reviewer_name"`
	ReviewedAt     *string `json:"reviewed_at"`
}

const versionColumns = `v.assessment_id, v.version, v.completion, v.verifiable, v.relevance, v.relevance_rated, v.impact, v.opened,
	v.early_results, v.narrative, v.milestones, v.links, v.author_id, v.author_name, v.saved_at, v.status, v.review_status,
	v.review_comment, v.reviewer_id, v.reviewer_name, v.reviewed_at`

func (v *versionRow) dest() []any {
	return []any{&v.AssessmentID, &v.Version, &v.Completion, &v.Verifiable, &v.Relevance, &v.RelevanceRated, &v.Impact, &v.Opened,
		&v.EarlyResults, &v.Narrative, &v.Milestones, &v.Links, &v.AuthorID, &v.AuthorName, &v.SavedAt, &v.Status, &v.ReviewStatus,
		&v.ReviewComment, &v.ReviewerID, &v.ReviewerName, &v.ReviewedAt}
}

func (v versionRow) hash() string { return contentHash(v) }

// versionFromRating fills a version's rating columns; relevance is kept
// in the order of plan.OGPValues, so that the same judgement is always
// stored, and fingerprinted, the same way.
func versionFromRating(r monitor.Rating, links []linkJSON) versionRow {
	v := versionRow{Completion: string(r.Completion), Relevance: relevanceText(r.Relevance), Impact: string(r.Impact),
		Opened: string(r.Opened), EarlyResults: string(r.EarlyResults), Narrative: r.Narrative, Milestones: "[]", Links: "[]"}
	if r.Verifiable != nil {
		n := int64(0)
		if *r.Verifiable {
			n = 1
		}
		v.Verifiable = &n
	}
	if r.RelevanceRated || len(r.Relevance) > 0 {
		v.RelevanceRated = 1
	}
	if len(r.Milestones) > 0 {
		ms := make([]milestoneJSON, len(r.Milestones))
		for i, m := range r.Milestones {
			ms[i] = milestoneJSON{Milestone: m.MilestoneID, Completion: m.Completion}
		}
		b, _ := json.Marshal(ms) // plain data always marshals
		v.Milestones = string(b)
	}
	if len(links) > 0 {
		b, _ := json.Marshal(links)
		v.Links = string(b)
	}
	return v
}

func relevanceText(vs []plan.OGPValue) string {
	var out []string
	for _, v := range plan.OGPValues {
		if slices.Contains(vs, v) {
			out = append(out, string(v))
		}
	}
	return strings.Join(out, ",")
}

// rating reads the version's rating and links back.
func (v versionRow) rating() (monitor.Rating, []linkJSON, error) {
	r := monitor.Rating{Completion: monitor.Completion(v.Completion), RelevanceRated: v.RelevanceRated != 0, Impact: monitor.Impact(v.Impact),
		Opened: monitor.Opened(v.Opened), EarlyResults: monitor.EarlyResults(v.EarlyResults), Narrative: v.Narrative}
	if v.Verifiable != nil {
		b := *v.Verifiable != 0
		r.Verifiable = &b
	}
	if v.Relevance != "" {
		for _, s := range strings.Split(v.Relevance, ",") {
			r.Relevance = append(r.Relevance, plan.OGPValue(s))
		}
	}
	var ms []milestoneJSON
	if err := json.Unmarshal([]byte(v.Milestones), &ms); err != nil {
		return r, nil, fmt.Errorf("stored milestones %q: %w", v.Milestones, err)
	}
	for _, m := range ms {
		r.Milestones = append(r.Milestones, monitor.MilestoneCompletion{MilestoneID: m.Milestone, Completion: m.Completion})
	}
	var links []linkJSON
	if err := json.Unmarshal([]byte(v.Links), &links); err != nil {
		return r, nil, fmt.Errorf("stored links %q: %w", v.Links, err)
	}
	return r, links, nil
}

func linksOf(edits []monitor.LinkEdit) []linkJSON {
	var out []linkJSON
	for _, l := range edits {
		out = append(out, linkJSON{Title: l.Title, URL: l.URL, Accessed: l.Accessed})
	}
	return out
}

// insertVersion stores a version with its fingerprint.
func insertVersion(ctx context.Context, tx *sql.Tx, v versionRow) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO assessment_versions (assessment_id, version, completion, verifiable, relevance, relevance_rated,
		impact, opened, early_results, narrative, milestones, links, author_id, author_name, saved_at, status, review_status, review_comment,
		reviewer_id, reviewer_name, reviewed_at, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		v.AssessmentID, v.Version, v.Completion, v.Verifiable, v.Relevance, v.RelevanceRated, v.Impact, v.Opened, v.EarlyResults,
		v.Narrative, v.Milestones, v.Links, v.AuthorID, v.AuthorName, v.SavedAt, v.Status, v.ReviewStatus, v.ReviewComment,
		v.ReviewerID, v.ReviewerName, v.ReviewedAt, v.hash())
	if err != nil {
		return fmt.Errorf("version %d: %w", v.Version, err)
	}
	return nil
}

// writeVersionReview stores the review a version has had, and its new
// fingerprint; the rating itself is never rewritten.
func writeVersionReview(ctx context.Context, tx *sql.Tx, v versionRow) error {
	_, err := tx.ExecContext(ctx, `UPDATE assessment_versions SET review_status = $1, review_comment = $2, reviewer_id = $3, reviewer_name = $4,
		reviewed_at = $5, content_hash = $6 WHERE assessment_id = $7 AND version = $8`,
		v.ReviewStatus, v.ReviewComment, v.ReviewerID, v.ReviewerName, v.ReviewedAt, v.hash(), v.AssessmentID, v.Version)
	return err
}

func readVersionRow(ctx context.Context, q querier, assessmentID int64, version int) (versionRow, error) {
	var v versionRow
	err := q.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM assessment_versions v WHERE v.assessment_id = $1 AND v.version = $2`,
		assessmentID, version).Scan(v.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		err = fmt.Errorf("assessment %d has no version %d", assessmentID, version)
	}
	return v, err
}

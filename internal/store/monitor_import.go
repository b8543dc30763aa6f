package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// importAuthor is who imported assessments are by: the IRM's judgement
// reached ogpp through an import, not through any monitor's hands.
var importAuthor = audit.System("import")

// ImportMonitoring loads rounds (matched by external id) and their
// assessments (matched by round and the measure's external id within the
// round's plan) in one transaction. Imported assessments are approved, by
// "system:import", with their round's source. A round or assessment whose
// content is unchanged is left alone, so importing the same bundle again
// writes nothing and appends no audit entry; a changed rating becomes a
// new approved version, the old one kept. An unknown plan or measure
// refuses the whole bundle with plan.Problems naming each.
func (db *DB) ImportMonitoring(ctx context.Context, b *monitor.Bundle) (monitor.ImportReport, error) {
	var report monitor.ImportReport
	if ps := validateMonitoring(b); len(ps) > 0 {
		return report, fmt.Errorf("import monitoring: %w", ps)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		report, err = db.importMonitoring(ctx, tx, importAuthor, b, db.Now())
		return err
	})
	if err != nil {
		return monitor.ImportReport{}, fmt.Errorf("import monitoring: %w", err)
	}
	return report, nil
}

// ImportAll imports a registry bundle and then a monitoring bundle (either
// may be nil) in one transaction, by actor: a monitoring part that fails
// leaves the registry unchanged too. Each part that changed anything
// appends its own audit entry, as Import and ImportMonitoring do.
func (db *DB) ImportAll(ctx context.Context, actor audit.Actor, reg *plan.Bundle, mon *monitor.Bundle) (plan.ImportReport, monitor.ImportReport, error) {
	var rr plan.ImportReport
	var mr monitor.ImportReport
	var ps plan.Problems
	if reg != nil {
		ps = append(ps, reg.Validate()...)
	}
	if mon != nil {
		ps = append(ps, validateMonitoring(mon)...)
	}
	if len(ps) > 0 {
		return rr, mr, ps
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		now := db.Now()
		var err error
		if reg != nil {
			if rr, err = db.importRegistry(ctx, tx, actor, reg, now); err != nil {
				return err
			}
		}
		if mon != nil {
			if mr, err = db.importMonitoring(ctx, tx, actor, mon, now); err != nil {
				return fmt.Errorf("monitoring: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return plan.ImportReport{}, monitor.ImportReport{}, fmt.Errorf("import: %w", err)
	}
	return rr, mr, nil
}

// validateMonitoring checks what can be checked of a bundle without the
// database, tidying it: every round named, of a known kind and status,
// every rating on its scale, no measure twice in a round.
func validateMonitoring(b *monitor.Bundle) plan.Problems {
	var ps plan.Problems
	seen := map[string]bool{}
	for i := range b.Rounds {
		r := &b.Rounds[i]
		col := fmt.Sprintf("rounds[%d]", i)
		r.ExternalID, r.Plan = strings.TrimSpace(r.ExternalID), strings.TrimSpace(r.Plan)
		switch {
		case r.ExternalID == "":
			ps = append(ps, plan.Problem{Column: col + ".id", Reason: "an imported round needs an external id"})
		case seen[r.ExternalID]:
			ps = append(ps, plan.Problem{Column: col + ".id", Value: r.ExternalID, Reason: "duplicate round"})
		}
		seen[r.ExternalID] = true
		col = "round " + r.ExternalID
		if r.Plan == "" {
			ps = append(ps, plan.Problem{Column: col + " plan", Reason: "a round needs a plan"})
		}
		if r.Name = r.Name.Clean(); r.Name.IsEmpty() {
			r.Name = plan.EN(r.ExternalID)
		}
		if !r.Kind.Valid() {
			ps = append(ps, plan.Problem{Column: col + " kind", Value: string(r.Kind), Reason: "unknown kind of round"})
		}
		if r.Status == "" {
			r.Status = monitor.RoundPublished // the IRM's ratings are published
		} else if !r.Status.Valid() {
			ps = append(ps, plan.Problem{Column: col + " status", Value: string(r.Status), Reason: "unknown status of round"})
		}
		measures := map[string]bool{}
		for j := range r.Assessments {
			a := &r.Assessments[j]
			a.Measure = strings.TrimSpace(a.Measure)
			acol := fmt.Sprintf("%s assessments[%d]", col, j)
			switch {
			case a.Measure == "":
				ps = append(ps, plan.Problem{Column: acol + ".measure", Reason: "an assessment needs its measure's external id"})
			case measures[a.Measure]:
				ps = append(ps, plan.Problem{Column: acol + ".measure", Value: a.Measure, Reason: "the measure is assessed twice in the round"})
			}
			measures[a.Measure] = true
			ps = append(ps, checkImportedRating(acol, &a.Rating)...)
		}
	}
	return ps
}

// checkImportedRating checks an imported rating, where any value may be
// missing (the IRM did not rate it), and tidies it. Milestones are
// dropped: their ids mean nothing outside the database they came from.
func checkImportedRating(col string, r *monitor.Rating) plan.Problems {
	var ps plan.Problems
	bad := func(field, value string) {
		ps = append(ps, plan.Problem{Column: col + "." + field, Value: value, Reason: "not a value of the IRM's scale"})
	}
	if r.Completion != "" && !r.Completion.Valid() {
		bad("completion", string(r.Completion))
	}
	if r.Impact != "" && !r.Impact.Valid() {
		bad("impact", string(r.Impact))
	}
	if r.Opened != "" && !r.Opened.Valid() {
		bad("opened", string(r.Opened))
	}
	if r.EarlyResults != "" && !r.EarlyResults.Valid() {
		bad("early_results", string(r.EarlyResults))
	}
	for _, v := range r.Relevance {
		if !v.Valid() {
			bad("relevance", string(v))
		}
	}
	if len(r.Relevance) > 0 {
		r.RelevanceRated = true
	}
	r.Narrative = strings.TrimSpace(strings.ReplaceAll(r.Narrative, "\r\n", "\n"))
	if !utf8.ValidString(r.Narrative) || strings.ContainsRune(r.Narrative, 0) {
		ps = append(ps, plan.Problem{Column: col + ".narrative", Reason: "not valid text"})
	}
	r.Milestones = nil
	return ps
}

// ratingKey is what an import compares: the rating columns of a version.
func (v versionRow) ratingKey() string {
	return contentHash([]any{v.Completion, v.Verifiable, v.Relevance, v.RelevanceRated, v.Impact, v.Opened, v.EarlyResults,
		v.Narrative, v.Milestones, v.Links})
}

// importMonitoring imports a validated bundle inside tx, appending one
// audit entry by actor when it changed anything.
func (db *DB) importMonitoring(ctx context.Context, tx *sql.Tx, actor audit.Actor, b *monitor.Bundle, now time.Time) (monitor.ImportReport, error) {
	var report monitor.ImportReport
	at := formatTime(now)
	// Resolve every plan and measure first, so that the refusal lists all
	// that are unknown rather than the first.
	plans, measures, ps, err := resolveMonitoring(ctx, tx, b)
	if err != nil {
		return report, err
	}
	if len(ps) > 0 {
		return report, ps
	}
	for _, r := range b.Rounds {
		roundID, err := importRound(ctx, tx, plans[r.Plan], r, at, &report.Rounds)
		if err != nil {
			return report, fmt.Errorf("round %s: %w", r.ExternalID, err)
		}
		if err := importAssessments(ctx, tx, roundID, measures[r.Plan], r, at, &report.Assessments); err != nil {
			return report, fmt.Errorf("round %s: %w", r.ExternalID, err)
		}
	}
	if !report.Changed() {
		return report, nil
	}
	after, err := audit.JSON(map[string]importTally{"rounds": importTally(report.Rounds), "assessments": importTally(report.Assessments)})
	if err != nil {
		return report, err
	}
	_, err = db.AppendAudit(ctx, tx, audit.Entry{At: now, Actor: actor, Action: audit.ActionImport, EntityType: audit.EntityMonitoring, After: after})
	return report, err
}

// resolveMonitoring finds the plans and measures a bundle names: plan
// external id → id, and per plan measure external id → id. Problems name
// every plan and measure not found, and every round that an earlier
// import put in another plan.
func resolveMonitoring(ctx context.Context, tx *sql.Tx, b *monitor.Bundle) (map[string]int64, map[string]map[string]int64, plan.Problems, error) {
	plans := map[string]int64{}
	measures := map[string]map[string]int64{}
	var ps plan.Problems
	for _, r := range b.Rounds {
		col := "round " + r.ExternalID
		planID, known := plans[r.Plan]
		if !known {
			err := tx.QueryRowContext(ctx, `SELECT id FROM plans WHERE external_id = $1`, r.Plan).Scan(&planID)
			if errors.Is(err, sql.ErrNoRows) {
				ps = append(ps, plan.Problem{Column: col + " plan", Value: r.Plan, Reason: "no such plan"})
				continue
			}
			if err != nil {
				return nil, nil, nil, fmt.Errorf("plan %s: %w", r.Plan, err)
			}
			plans[r.Plan] = planID
			ms, err := planMeasures(ctx, tx, planID)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("measures of plan %s: %w", r.Plan, err)
			}
			measures[r.Plan] = ms
		}
		var otherPlan int64
		err := tx.QueryRowContext(ctx, `SELECT plan_id FROM rounds WHERE external_id = $1`, r.ExternalID).Scan(&otherPlan)
		switch {
		case err == nil && otherPlan != planID:
			ps = append(ps, plan.Problem{Column: col + " plan", Value: r.Plan, Reason: "the round was imported into another plan"})
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return nil, nil, nil, fmt.Errorf("round %s: %w", r.ExternalID, err)
		}
		for j, a := range r.Assessments {
			if _, ok := measures[r.Plan][a.Measure]; !ok {
				ps = append(ps, plan.Problem{Column: fmt.Sprintf("%s assessments[%d].measure", col, j), Value: a.Measure,
					Reason: "no measure of plan " + r.Plan + " has this external id"})
			}
		}
	}
	return plans, measures, ps, nil
}

// planMeasures maps the external ids of a plan's measures, deleted ones
// too (an import does not recreate what was deleted), to their ids.
func planMeasures(ctx context.Context, tx *sql.Tx, planID int64) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT external_id, id FROM measures WHERE plan_id = $1 AND external_id <> ''`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var ext string
		var id int64
		if err := rows.Scan(&ext, &id); err != nil {
			return nil, err
		}
		out[ext] = id
	}
	return out, rows.Err()
}

// importRound creates or updates a round whose fingerprint changed, and
// returns its id.
func importRound(ctx context.Context, tx *sql.Tx, planID int64, r monitor.BundleRound, now string, t *plan.Tally) (int64, error) {
	c := roundContent{PlanID: planID, ExternalID: r.ExternalID, Name: r.Name.Clean(), Kind: r.Kind, Period: r.Period, Status: r.Status, Source: r.Source}
	hash := c.hash()
	args := []any{textJSON(c.Name), string(c.Kind), c.Period.Text, dateValue(c.Period.Start), dateValue(c.Period.End), string(c.Status), c.Source, hash, now}
	var id int64
	var stored string
	err := tx.QueryRowContext(ctx, `SELECT id, content_hash FROM rounds WHERE external_id = $1`, r.ExternalID).Scan(&id, &stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		t.Created++
		err = tx.QueryRowContext(ctx, `INSERT INTO rounds (name, kind, period_text, period_start, period_end, status, source, content_hash,
			created_at, updated_at, plan_id, external_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) RETURNING id`,
			append(args, planID, r.ExternalID)...).Scan(&id)
		return id, err
	case err != nil:
		return 0, err
	case stored == hash:
		t.Unchanged++
		return id, nil
	}
	t.Updated++
	_, err = tx.ExecContext(ctx, `UPDATE rounds SET name = $1, kind = $2, period_text = $3, period_start = $4, period_end = $5, status = $6,
		source = $7, content_hash = $8, updated_at = $9, version = version + 1 WHERE id = $10`, append(args, id)...)
	return id, err
}

// importAssessments writes a round's imported ratings: a measure assessed
// for the first time gets an approved assessment; one whose last approved
// version rates it otherwise (or came from another source) gets a new
// approved version over whatever draft a monitor has on top.
func importAssessments(ctx context.Context, tx *sql.Tx, roundID int64, measures map[string]int64, r monitor.BundleRound, now string, t *plan.Tally) error {
	states := map[int64]assessmentState{} // by measure id
	rows, err := tx.QueryContext(ctx, assessmentStateSelect+` WHERE a.round_id = $1`, roundID)
	if err != nil {
		return err
	}
	for rows.Next() {
		st, err := scanAssessmentState(rows)
		if err != nil {
			rows.Close()
			return err
		}
		states[st.row.MeasureID] = st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	approvedKeys := map[int64]string{} // by assessment id
	vrows, err := tx.QueryContext(ctx, `SELECT `+versionColumns+` FROM assessment_versions v
		JOIN assessments a ON a.id = v.assessment_id AND v.version = a.approved_version WHERE a.round_id = $1`, roundID)
	if err != nil {
		return err
	}
	for vrows.Next() {
		var v versionRow
		if err := vrows.Scan(v.dest()...); err != nil {
			vrows.Close()
			return err
		}
		approvedKeys[v.AssessmentID] = v.ratingKey()
	}
	vrows.Close()
	if err := vrows.Err(); err != nil {
		return err
	}
	for _, a := range r.Assessments {
		measureID := measures[a.Measure] // resolveMonitoring found every one
		v := versionFromRating(a.Rating, nil)
		v.AuthorName, v.SavedAt, v.Status = importAuthor.Name, now, string(monitor.ReviewApproved)
		v.ReviewStatus, v.ReviewerName, v.ReviewedAt = string(monitor.ReviewApproved), importAuthor.Name, &now
		st, exists := states[measureID]
		if !exists {
			row := assessmentRow{RoundID: roundID, MeasureID: measureID, Status: string(monitor.ReviewApproved), CurrentVersion: 1,
				ApprovedVersion: ptr(int64(1)), ReviewerName: importAuthor.Name, Source: r.Source}
			id, err := insertAssessment(ctx, tx, row, now)
			if err != nil {
				return fmt.Errorf("measure %s: %w", a.Measure, err)
			}
			v.AssessmentID, v.Version = id, 1
			if err := insertVersion(ctx, tx, v); err != nil {
				return fmt.Errorf("measure %s: %w", a.Measure, err)
			}
			t.Created++
			continue
		}
		if key, ok := approvedKeys[st.id]; ok && key == v.ratingKey() && st.row.Source == r.Source {
			t.Unchanged++
			continue
		}
		v.AssessmentID, v.Version = st.id, st.row.CurrentVersion+1
		row := st.row
		row.Status, row.ReviewComment, row.CurrentVersion, row.ApprovedVersion = string(monitor.ReviewApproved), "", v.Version, ptr(int64(v.Version))
		row.ReviewerID, row.ReviewerName, row.Source = 0, importAuthor.Name, r.Source
		if err := writeAssessment(ctx, tx, st.id, st.version, row, now); err != nil {
			return fmt.Errorf("measure %s: %w", a.Measure, err)
		}
		if err := insertVersion(ctx, tx, v); err != nil {
			return fmt.Errorf("measure %s: %w", a.Measure, err)
		}
		t.Updated++
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"ogpp/internal/plan"
)

const measureFrom = ` FROM measures m
	JOIN plans p ON p.id = m.plan_id
	JOIN members mb ON mb.id = p.member_id
	LEFT JOIN areas a ON a.id = m.area_id AND a.deleted_at IS NULL`

// measureLive is the condition that hides soft-deleted measures and the
// measures of soft-deleted plans.
const measureLive = `m.deleted_at IS NULL AND p.deleted_at IS NULL`

const measureColumns = `m.id, m.plan_id, COALESCE(m.area_id, 0), m.clause, m.external_id, m.title, m.description, m.indicator,
	m.period_text, m.period_start, m.period_end, m.ogp_values, m.tags, m.source, m.source_url, m.updated_at,
	p.external_id, p.title, p.number, mb.id, mb.slug, mb.name, COALESCE(a.number, ''), COALESCE(a.title, '{}'), m.version`

func scanMeasure(s scanner) (plan.Measure, error) {
	var m plan.Measure
	var title, desc, ind, values, tags, updated, ptitle, mname, atitle string
	var start, end sql.NullString
	err := s.Scan(&m.ID, &m.PlanID, &m.AreaID, &m.Clause, &m.ExternalID, &title, &desc, &ind,
		&m.Period.Text, &start, &end, &values, &tags, &m.Source, &m.SourceURL, &updated,
		&m.Plan.ExternalID, &ptitle, &m.Plan.Number, &m.Plan.Member.ID, &m.Plan.Member.Slug, &mname, &m.Area.Number, &atitle, &m.Version)
	if err != nil {
		return m, err
	}
	m.Plan.ID, m.Plan.MemberID, m.Area.ID, m.Area.PlanID = m.PlanID, m.Plan.Member.ID, m.AreaID, m.PlanID
	for _, t := range []struct {
		dst *plan.Text
		src string
	}{{&m.Title, title}, {&m.Description, desc}, {&m.Indicator, ind}, {&m.Plan.Title, ptitle}, {&m.Plan.Member.Name, mname}, {&m.Area.Title, atitle}} {
		if *t.dst, err = parseText(t.src); err != nil {
			return m, err
		}
	}
	if m.Period, err = parsePeriod(m.Period.Text, start, end); err != nil {
		return m, err
	}
	if values != "" {
		for _, v := range strings.Split(values, ",") {
			m.Values = append(m.Values, plan.OGPValue(v))
		}
	}
	if err := json.Unmarshal([]byte(tags), &m.Tags); err != nil {
		return m, fmt.Errorf("stored tags %q: %w", tags, err)
	}
	m.UpdatedAt, err = parseTime(updated)
	return m, err
}

// ListMeasures returns a page of measures with their responsible and other
// executors (read in one more query for the whole page).
func (db *DB) ListMeasures(ctx context.Context, f plan.MeasureFilter) (plan.Page[plan.Measure], error) {
	var page plan.Page[plan.Measure]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	c.add(measureLive)
	if f.PlanID != 0 {
		c.add(`m.plan_id = ?`, f.PlanID)
	}
	if f.AreaID != 0 {
		c.add(`m.area_id = ?`, f.AreaID)
	}
	if f.NoArea {
		c.add(`m.area_id IS NULL`)
	}
	if f.OrganisationID != 0 {
		c.add(`EXISTS (SELECT 1 FROM measure_executors e WHERE e.measure_id = m.id AND e.organisation_id = ?)`, f.OrganisationID)
	}
	if f.Year != 0 {
		// ISO dates compare as text; a side left open counts as unbounded.
		c.add(`COALESCE(m.period_start, p.period_start, '0000') <= ?`, fmt.Sprintf("%04d-12-31", f.Year))
		c.add(`COALESCE(m.period_end, p.period_end, '9999') >= ?`, fmt.Sprintf("%04d-01-01", f.Year))
	}
	if f.Member != "" {
		c.add(`mb.slug = ?`, f.Member)
	}
	c.matchWords(f.Q, "m")
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*)`+measureFrom+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list measures: %w", err)
	}
	order := ` ORDER BY m.plan_id, m.clause_key, m.external_id, m.id`
	switch f.Sort {
	case plan.SortClauseDesc:
		order = ` ORDER BY m.plan_id DESC, m.clause_key DESC, m.external_id DESC, m.id DESC`
	case plan.SortEnd:
		order = ` ORDER BY COALESCE(m.period_end, p.period_end, '9999'), m.clause_key, m.id`
	case plan.SortEndDesc:
		order = ` ORDER BY COALESCE(m.period_end, p.period_end, '0000') DESC, m.clause_key, m.id`
	}
	q := `SELECT ` + measureColumns + measureFrom + c.where() + order + ` LIMIT ` + c.arg(limit) + ` OFFSET ` + c.arg(offset)
	rows, err := db.read.QueryContext(ctx, q, c.args...)
	if err != nil {
		return page, fmt.Errorf("list measures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMeasure(rows)
		if err != nil {
			return page, fmt.Errorf("list measures: %w", err)
		}
		page.Items = append(page.Items, m)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list measures: %w", err)
	}
	rows.Close()
	if err := db.fillExecutors(ctx, page.Items); err != nil {
		return page, fmt.Errorf("list measures: %w", err)
	}
	return page, nil
}

// fillExecutors reads the executors of all the given measures at once.
func (db *DB) fillExecutors(ctx context.Context, ms []plan.Measure) error {
	if len(ms) == 0 {
		return nil
	}
	index := map[int64]int{}
	ids := make([]string, len(ms))
	for i, m := range ms {
		index[m.ID] = i
		ids[i] = strconv.FormatInt(m.ID, 10)
	}
	// The ids are integers from the database: inline, one query a page.
	rows, err := db.read.QueryContext(ctx, `SELECT e.measure_id, e.role, `+organisationColumns+`
		FROM measure_executors e JOIN organisations o ON o.id = e.organisation_id
		WHERE o.deleted_at IS NULL AND e.measure_id IN (`+strings.Join(ids, ",")+`)
		ORDER BY e.measure_id, e.position, e.role`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var measureID int64
		var role string
		var o plan.Organisation
		var name, kind string
		if err := rows.Scan(&measureID, &role, &o.ID, &o.MemberID, &name, &kind, &o.MeasureCount, &o.Version); err != nil {
			return err
		}
		o.Kind = plan.OrganisationKind(kind)
		if o.Name, err = parseText(name); err != nil {
			return err
		}
		i := index[measureID]
		ms[i].Executors = append(ms[i].Executors, plan.Executor{OrganisationID: o.ID, Organisation: o, Role: plan.ExecutorRole(role)})
	}
	return rows.Err()
}

// GetMeasure reads one measure, by numeric id or external id, with its
// executors and milestones.
func (db *DB) GetMeasure(ctx context.Context, ref string) (plan.Measure, error) {
	where, arg := ` WHERE `+measureLive+` AND m.external_id = $1 ORDER BY m.id LIMIT 1`, any(cleanArg(ref))
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		where, arg = ` WHERE `+measureLive+` AND m.id = $1`, id
	}
	m, err := scanMeasure(db.read.QueryRowContext(ctx, `SELECT `+measureColumns+measureFrom+where, arg))
	if err == sql.ErrNoRows || (err == nil && ref == "") {
		return m, fmt.Errorf("get measure %s: %w", ref, plan.ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("get measure %s: %w", ref, err)
	}
	ms := []plan.Measure{m}
	if err := db.fillExecutors(ctx, ms); err != nil {
		return m, fmt.Errorf("get measure %s: %w", ref, err)
	}
	m = ms[0]
	if m.Milestones, err = db.queryMilestones(ctx, ` WHERE ms.measure_id = $1 AND ms.deleted_at IS NULL ORDER BY ms.position, ms.id`, m.ID); err != nil {
		return m, fmt.Errorf("get measure %s: milestones: %w", ref, err)
	}
	return m, nil
}

// queryMilestones reads the milestones (ms) that where selects.
func (db *DB) queryMilestones(ctx context.Context, where string, args ...any) ([]plan.Milestone, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT ms.id, ms.measure_id, ms.position, ms.title, ms.period_text, ms.period_start, ms.period_end, ms.version
		FROM milestones ms`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Milestone
	for rows.Next() {
		var ms plan.Milestone
		var title string
		var start, end sql.NullString
		if err := rows.Scan(&ms.ID, &ms.MeasureID, &ms.Position, &title, &ms.Period.Text, &start, &end, &ms.Version); err != nil {
			return nil, err
		}
		if ms.Title, err = parseText(title); err != nil {
			return nil, err
		}
		if ms.Period, err = parsePeriod(ms.Period.Text, start, end); err != nil {
			return nil, err
		}
		out = append(out, ms)
	}
	return out, rows.Err()
}

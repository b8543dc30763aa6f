package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"ogpp/internal/plan"
)

const planColumns = `p.id, p.external_id, p.member_id, p.number, p.title, p.period_text, p.period_start, p.period_end,
	p.approved, p.source, p.source_url, p.note, p.updated_at, p.version,
	mb.id, mb.slug, mb.name, mb.kind, mb.region, mb.code,
	(SELECT COUNT(*) FROM measures m WHERE m.plan_id = p.id AND m.deleted_at IS NULL)`

// queryPlans reads plans with their member and measure count.
func (db *DB) queryPlans(ctx context.Context, where, tail string, args ...any) ([]plan.PlanSummary, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+planColumns+` FROM plans p JOIN members mb ON mb.id = p.member_id`+andWhere(where, `p.deleted_at IS NULL`)+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.PlanSummary
	for rows.Next() {
		p, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func scanPlan(s scanner) (plan.PlanSummary, error) {
	var p plan.PlanSummary
	var title, note, updated, mname, mkind string
	var start, end sql.NullString
	err := s.Scan(&p.ID, &p.ExternalID, &p.MemberID, &p.Number, &title, &p.Period.Text, &start, &end,
		&p.Approved, &p.Source, &p.SourceURL, &note, &updated, &p.Version,
		&p.Member.ID, &p.Member.Slug, &mname, &mkind, &p.Member.Region, &p.Member.Code, &p.MeasureCount)
	if err != nil {
		return p, err
	}
	p.Member.Kind = plan.MemberKind(mkind)
	if p.Title, err = parseText(title); err != nil {
		return p, err
	}
	if p.Note, err = parseText(note); err != nil {
		return p, err
	}
	if p.Member.Name, err = parseText(mname); err != nil {
		return p, err
	}
	if p.Period, err = parsePeriod(p.Period.Text, start, end); err != nil {
		return p, err
	}
	p.UpdatedAt, err = parseTime(updated)
	return p, err
}

// ListPlans returns a page of plans, ordered by member and plan number.
func (db *DB) ListPlans(ctx context.Context, f plan.PlanFilter) (plan.Page[plan.PlanSummary], error) {
	var page plan.Page[plan.PlanSummary]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	c.add(`p.deleted_at IS NULL`)
	if f.Member != "" {
		c.add(`mb.slug = ?`, f.Member)
	}
	c.matchWords(f.Q, "p", "mb")
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM plans p JOIN members mb ON mb.id = p.member_id`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list plans: %w", err)
	}
	tail := ` ORDER BY mb.sort_key, p.number, p.external_id LIMIT ` + c.arg(limit) + ` OFFSET ` + c.arg(offset)
	items, err := db.queryPlans(ctx, c.where(), tail, c.args...)
	if err != nil {
		return page, fmt.Errorf("list plans: %w", err)
	}
	page.Items = items
	return page, nil
}

// GetPlan reads one plan by numeric id or external id.
func (db *DB) GetPlan(ctx context.Context, ref string) (plan.Plan, error) {
	where, arg := ` WHERE p.external_id = $1`, any(cleanArg(ref))
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		where, arg = ` WHERE p.id = $1`, id
	}
	plans, err := db.queryPlans(ctx, where, "", arg)
	if err != nil {
		return plan.Plan{}, fmt.Errorf("get plan %s: %w", ref, err)
	}
	if len(plans) == 0 {
		return plan.Plan{}, fmt.Errorf("get plan %s: %w", ref, plan.ErrNotFound)
	}
	return plans[0].Plan, nil
}

// PlanAreas returns a plan's areas in order, with their measure counts.
func (db *DB) PlanAreas(ctx context.Context, planID int64) ([]plan.Area, error) {
	// The areas of a deleted plan stay live, to come back with it, but are
	// hidden with it.
	out, err := db.queryAreas(ctx, ` WHERE a.plan_id = $1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY a.position, a.id`, planID)
	if err != nil {
		return nil, fmt.Errorf("plan areas: %w", err)
	}
	return out, nil
}

// queryAreas reads areas, with their measure counts, that where (which may
// name the area a and its plan p) selects.
func (db *DB) queryAreas(ctx context.Context, where string, args ...any) ([]plan.Area, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.plan_id, a.number, a.external_id, a.title, a.source, a.position, a.version,
		(SELECT COUNT(*) FROM measures m WHERE m.area_id = a.id AND m.deleted_at IS NULL)
		FROM areas a JOIN plans p ON p.id = a.plan_id`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Area
	for rows.Next() {
		var a plan.Area
		var title string
		if err := rows.Scan(&a.ID, &a.PlanID, &a.Number, &a.ExternalID, &title, &a.Source, &a.Position, &a.Version, &a.MeasureCount); err != nil {
			return nil, err
		}
		if a.Title, err = parseText(title); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PlanExecutors returns the organisations executing the plan's measures, in
// alphabetical order.
func (db *DB) PlanExecutors(ctx context.Context, planID int64) ([]plan.Organisation, error) {
	return db.queryOrganisations(ctx, ` WHERE o.id IN (SELECT e.organisation_id FROM measure_executors e JOIN measures m ON m.id = e.measure_id WHERE m.plan_id = $1 AND m.deleted_at IS NULL)`,
		` ORDER BY o.sort_key, o.id`, planID)
}

// PlanYears returns the calendar years the plan's measures (or, lacking
// dates, the plan itself) span.
func (db *DB) PlanYears(ctx context.Context, planID int64) ([]int, error) {
	var lo, hi sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT MIN(COALESCE(m.period_start, p.period_start)), MAX(COALESCE(m.period_end, p.period_end))
		FROM plans p LEFT JOIN measures m ON m.plan_id = p.id AND m.deleted_at IS NULL WHERE p.id = $1 AND p.deleted_at IS NULL`, planID).Scan(&lo, &hi)
	if err != nil {
		return nil, fmt.Errorf("plan years: %w", err)
	}
	if !lo.Valid || !hi.Valid || len(lo.String) < 4 || len(hi.String) < 4 {
		return nil, nil
	}
	from, err1 := strconv.Atoi(lo.String[:4])
	to, err2 := strconv.Atoi(hi.String[:4])
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("plan years: %w", err)
	}
	var years []int
	for y := from; y <= to && len(years) < 50; y++ {
		years = append(years, y)
	}
	return years, nil
}

package store

import (
	"context"
	"fmt"
	"strings"

	"ogpp/internal/plan"
)

// ListMembers returns a page of members in alphabetical order with all their
// plans, as the home page groups them. A query matches a member's name or the
// title of any of its plans.
func (db *DB) ListMembers(ctx context.Context, f plan.MemberFilter) (plan.Page[plan.MemberPlans], error) {
	var page plan.Page[plan.MemberPlans]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	if f.Q != "" {
		// Every word must match the member's name or the title of one plan.
		var inPlan conds
		inPlan.args = c.args
		inPlan.matchWords(f.Q, "mb", "p")
		var inName conds
		inName.args = inPlan.args
		inName.matchWords(f.Q, "mb")
		c.args = inName.args
		c.parts = append(c.parts, `(EXISTS (SELECT 1 FROM plans p WHERE p.member_id = mb.id AND p.deleted_at IS NULL AND `+strings.Join(inPlan.parts, " AND ")+`) OR (`+strings.Join(inName.parts, " AND ")+`))`)
	}
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members mb`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list members: %w", err)
	}
	q := `SELECT mb.id, mb.slug, mb.name, mb.kind, mb.region, mb.code FROM members mb` + c.where() +
		` ORDER BY mb.sort_key, mb.slug LIMIT ` + c.arg(limit) + ` OFFSET ` + c.arg(offset)
	rows, err := db.read.QueryContext(ctx, q, c.args...)
	if err != nil {
		return page, fmt.Errorf("list members: %w", err)
	}
	defer rows.Close()
	index := map[int64]int{}
	var ids []string
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return page, fmt.Errorf("list members: %w", err)
		}
		index[m.ID] = len(page.Items)
		ids = append(ids, fmt.Sprint(m.ID))
		page.Items = append(page.Items, plan.MemberPlans{Member: m})
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list members: %w", err)
	}
	rows.Close()
	if len(ids) == 0 {
		return page, nil
	}
	// ids are integers read from the database, so listing them inline is safe
	// and keeps this one query whatever the page size.
	plans, err := db.queryPlans(ctx, ` WHERE p.member_id IN (`+strings.Join(ids, ",")+`)`, ` ORDER BY p.number, p.external_id`)
	if err != nil {
		return page, fmt.Errorf("list members: %w", err)
	}
	for _, p := range plans {
		i := index[p.MemberID]
		page.Items[i].Plans = append(page.Items[i].Plans, p)
	}
	return page, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanMember(s scanner) (plan.Member, error) {
	var m plan.Member
	var name, kind string
	if err := s.Scan(&m.ID, &m.Slug, &name, &kind, &m.Region, &m.Code); err != nil {
		return m, err
	}
	m.Kind = plan.MemberKind(kind)
	var err error
	m.Name, err = parseText(name)
	return m, err
}

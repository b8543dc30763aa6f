package store

import (
	"context"
	"fmt"

	"ogpp/internal/plan"
)

const organisationColumns = `o.id, COALESCE(o.member_id, 0), o.name, o.kind,
	(SELECT COUNT(DISTINCT x.measure_id) FROM measure_executors x JOIN measures xm ON xm.id = x.measure_id JOIN plans xp ON xp.id = xm.plan_id
		WHERE x.organisation_id = o.id AND xm.deleted_at IS NULL AND xp.deleted_at IS NULL), o.version`

func (db *DB) queryOrganisations(ctx context.Context, where, tail string, args ...any) ([]plan.Organisation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+organisationColumns+`, COALESCE(mb.slug, ''), COALESCE(mb.name, '{}')
		FROM organisations o LEFT JOIN members mb ON mb.id = o.member_id`+andWhere(where, `o.deleted_at IS NULL`)+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.Organisation
	for rows.Next() {
		var o plan.Organisation
		var name, kind, mname string
		if err := rows.Scan(&o.ID, &o.MemberID, &name, &kind, &o.MeasureCount, &o.Version, &o.Member.Slug, &mname); err != nil {
			return nil, err
		}
		o.Kind = plan.OrganisationKind(kind)
		o.Member.ID = o.MemberID
		if o.Name, err = parseText(name); err != nil {
			return nil, err
		}
		if o.Member.Name, err = parseText(mname); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ListOrganisations returns a page of organisations in alphabetical order.
func (db *DB) ListOrganisations(ctx context.Context, f plan.OrganisationFilter) (plan.Page[plan.Organisation], error) {
	var page plan.Page[plan.Organisation]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	c.add(`o.deleted_at IS NULL`)
	if f.Member != "" {
		c.add(`mb.slug = ?`, f.Member)
	}
	c.matchWords(f.Q, "o")
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations o LEFT JOIN members mb ON mb.id = o.member_id`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list organisations: %w", err)
	}
	items, err := db.queryOrganisations(ctx, c.where(), ` ORDER BY o.sort_key, o.id LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return page, fmt.Errorf("list organisations: %w", err)
	}
	page.Items = items
	return page, nil
}

// GetOrganisation reads one organisation.
func (db *DB) GetOrganisation(ctx context.Context, id int64) (plan.Organisation, error) {
	orgs, err := db.queryOrganisations(ctx, ` WHERE o.id = $1`, "", id)
	if err != nil {
		return plan.Organisation{}, fmt.Errorf("get organisation %d: %w", id, err)
	}
	if len(orgs) == 0 {
		return plan.Organisation{}, fmt.Errorf("get organisation %d: %w", id, plan.ErrNotFound)
	}
	return orgs[0], nil
}

// Counts sizes the registry.
func (db *DB) Counts(ctx context.Context) (plan.Counts, error) {
	var c plan.Counts
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM plans WHERE deleted_at IS NULL),
		(SELECT COUNT(*) FROM measures m JOIN plans p ON p.id = m.plan_id WHERE `+measureLive+`),
		(SELECT COUNT(*) FROM organisations WHERE deleted_at IS NULL)`).Scan(&c.Members, &c.Plans, &c.Measures, &c.Organisations)
	if err != nil {
		return c, fmt.Errorf("counts: %w", err)
	}
	return c, nil
}

package store

import (
	"context"
	"database/sql"
	"fmt"

	"ogpp/internal/plan"
)

// Export reads the whole registry as a bundle, in a stable order that does
// not depend on database ids, so that exporting the same content from two
// installations gives the same file.
func (db *DB) Export(ctx context.Context) (*plan.Bundle, error) {
	b := &plan.Bundle{Members: []plan.Member{}, Organisations: []plan.BundleOrganisation{}, Plans: []plan.BundlePlan{}}
	rows, err := db.read.QueryContext(ctx, `SELECT id, slug, name, kind, region, code FROM members ORDER BY slug`)
	if err != nil {
		return nil, fmt.Errorf("export members: %w", err)
	}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("export members: %w", err)
		}
		m.ID = 0
		b.Members = append(b.Members, m)
	}
	rows.Close()

	rows, err = db.read.QueryContext(ctx, `SELECT scope, name, kind FROM organisations WHERE deleted_at IS NULL ORDER BY scope, name_key`)
	if err != nil {
		return nil, fmt.Errorf("export organisations: %w", err)
	}
	for rows.Next() {
		var o plan.BundleOrganisation
		var name, kind string
		if err := rows.Scan(&o.Member, &name, &kind); err != nil {
			rows.Close()
			return nil, fmt.Errorf("export organisations: %w", err)
		}
		o.Kind = plan.OrganisationKind(kind)
		if o.Name, err = parseText(name); err != nil {
			rows.Close()
			return nil, err
		}
		b.Organisations = append(b.Organisations, o)
	}
	rows.Close()

	plans, err := db.queryPlans(ctx, "", ` ORDER BY mb.slug, p.number, p.external_id`)
	if err != nil {
		return nil, fmt.Errorf("export plans: %w", err)
	}
	for _, p := range plans {
		bp, err := db.exportPlan(ctx, p.Plan)
		if err != nil {
			return nil, fmt.Errorf("export plan %s: %w", p.ExternalID, err)
		}
		b.Plans = append(b.Plans, bp)
	}
	return b, nil
}

func (db *DB) exportPlan(ctx context.Context, p plan.Plan) (plan.BundlePlan, error) {
	bp := plan.BundlePlan{ExternalID: p.ExternalID, Member: p.Member.Slug, Number: p.Number, Title: p.Title, Period: p.Period,
		Approved: p.Approved, Source: p.Source, SourceURL: p.SourceURL, Note: p.Note, Measures: []plan.BundleMeasure{}}
	areas, err := db.PlanAreas(ctx, p.ID)
	if err != nil {
		return bp, err
	}
	areaKeys := map[int64]string{}
	rows, err := db.read.QueryContext(ctx, `SELECT id, area_key FROM areas WHERE plan_id = $1 AND deleted_at IS NULL`, p.ID)
	if err != nil {
		return bp, err
	}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return bp, err
		}
		areaKeys[id] = key
	}
	rows.Close()
	for _, a := range areas {
		bp.Areas = append(bp.Areas, plan.BundleArea{Key: areaKeys[a.ID], Number: a.Number, ExternalID: a.ExternalID, Title: a.Title, Source: a.Source})
	}
	for offset := 0; ; offset += 1000 {
		page, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 1000, Offset: offset})
		if err != nil {
			return bp, err
		}
		for _, m := range page.Items {
			bm := plan.BundleMeasure{ExternalID: m.ExternalID, Clause: m.Clause, Area: areaKeys[m.AreaID], Title: m.Title,
				Description: m.Description, Indicator: m.Indicator, Period: m.Period, Values: m.Values, Tags: m.Tags,
				Source: m.Source, SourceURL: m.SourceURL}
			if len(bm.Tags) == 0 {
				bm.Tags = nil
			}
			for _, e := range m.Executors {
				bm.Executors = append(bm.Executors, plan.BundleExecutor{Name: e.Organisation.Name, Role: e.Role})
			}
			if bm.Milestones, err = db.exportMilestones(ctx, m.ID); err != nil {
				return bp, err
			}
			bp.Measures = append(bp.Measures, bm)
		}
		if offset+1000 >= page.Total {
			break
		}
	}
	return bp, nil
}

func (db *DB) exportMilestones(ctx context.Context, measureID int64) ([]plan.BundleMilestone, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT title, period_text, period_start, period_end FROM milestones WHERE measure_id = $1 AND deleted_at IS NULL ORDER BY position, id`, measureID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.BundleMilestone
	for rows.Next() {
		var ms plan.BundleMilestone
		var title string
		var start, end sql.NullString
		if err := rows.Scan(&title, &ms.Period.Text, &start, &end); err != nil {
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

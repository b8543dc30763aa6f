package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// Import writes a bundle in one transaction: members matched by slug, plans
// by external id, areas by key within their plan, measures by external id or
// clause within their plan, organisations by member and folded name. What is
// already there unchanged is left alone, so importing the same data twice
// writes nothing the second time. Nothing is deleted. The audit log records
// the import as done by the system (audit.System("import")); ImportAs names
// someone else.
func (db *DB) Import(ctx context.Context, b *plan.Bundle) (plan.ImportReport, error) {
	return db.ImportAs(ctx, audit.System("import"), b)
}

// ImportAs is Import done by actor. An import that changed anything appends
// one audit entry (action import, entity registry, after the report's
// counts) in the same transaction; one that changed nothing appends none,
// so re-running an import does not grow the log.
func (db *DB) ImportAs(ctx context.Context, actor audit.Actor, b *plan.Bundle) (plan.ImportReport, error) {
	var report plan.ImportReport
	if ps := b.Validate(); len(ps) > 0 {
		return report, ps
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var err error
		report, err = db.importRegistry(ctx, tx, actor, b, db.Now())
		return err
	})
	if err != nil {
		return plan.ImportReport{}, fmt.Errorf("import: %w", err)
	}
	return report, nil
}

// importRegistry imports a validated bundle inside tx, for ImportAs and
// ImportAll, appending the import's audit entry when it changed anything.
func (db *DB) importRegistry(ctx context.Context, tx *sql.Tx, actor audit.Actor, b *plan.Bundle, now time.Time) (plan.ImportReport, error) {
	var report plan.ImportReport
	im := &importer{tx: tx, now: formatTime(now), report: &report}
	if err := im.run(ctx, b); err != nil {
		return report, err
	}
	if !report.Changed() {
		return report, nil
	}
	after, err := audit.JSON(importCounts(report))
	if err != nil {
		return report, err
	}
	_, err = db.AppendAudit(ctx, tx, audit.Entry{At: now, Actor: actor, Action: audit.ActionImport,
		EntityType: audit.EntityRegistry, After: after})
	return report, err
}

// importTally is a plan.Tally as the audit log records it.
type importTally struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// importCounts is what an import entry's after holds: per kind of entity,
// how many the import created, updated and left unchanged.
func importCounts(r plan.ImportReport) map[string]importTally {
	t := func(t plan.Tally) importTally { return importTally(t) }
	return map[string]importTally{
		"members":       t(r.Members),
		"plans":         t(r.Plans),
		"areas":         t(r.Areas),
		"measures":      t(r.Measures),
		"organisations": t(r.Organisations),
	}
}

type importer struct {
	tx     *sql.Tx
	now    string
	report *plan.ImportReport

	members map[string]int64 // slug → id
	orgs    map[string]int64 // scope + "\x00" + name key → id
	names   map[int64]plan.Text
}

// storedRow is what an import needs to know of a row already there.
type storedRow struct {
	id   int64
	hash string
}

// existing maps a natural key to a stored row.
type existing map[string]storedRow

func (im *importer) load(ctx context.Context, query string, args ...any) (existing, error) {
	rows, err := im.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := existing{}
	for rows.Next() {
		var key, hash string
		var id int64
		if err := rows.Scan(&key, &id, &hash); err != nil {
			return nil, err
		}
		out[key] = storedRow{id, hash}
	}
	return out, rows.Err()
}

// upsert inserts a row when key is new, updates it when its hash changed,
// and counts which it was. insert must return the new id.
func (im *importer) upsert(ctx context.Context, have existing, key, hash string, t *plan.Tally,
	insert func() (int64, error), update func(id int64) error) (id int64, changed bool, err error) {
	if row, ok := have[key]; ok {
		if row.hash == hash {
			t.Unchanged++
			return row.id, false, nil
		}
		if err := update(row.id); err != nil {
			return 0, false, err
		}
		t.Updated++
		have[key] = storedRow{row.id, hash}
		return row.id, true, nil
	}
	id, err = insert()
	if err != nil {
		return 0, false, err
	}
	t.Created++
	have[key] = storedRow{id, hash}
	return id, true, nil
}

func (im *importer) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := im.tx.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

func (im *importer) run(ctx context.Context, b *plan.Bundle) error {
	if err := im.importMembers(ctx, b.Members); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	orgs, err := im.load(ctx, `SELECT scope || '|' || name_key, id, content_hash FROM organisations`)
	if err != nil {
		return fmt.Errorf("organisations: %w", err)
	}
	im.orgs = map[string]int64{}
	for k, row := range orgs {
		im.orgs[k] = row.id
	}
	for _, o := range b.Organisations {
		if _, err := im.organisation(ctx, orgs, o); err != nil {
			return fmt.Errorf("organisation %q: %w", o.Name.String(), err)
		}
	}
	plans, err := im.load(ctx, `SELECT external_id, id, content_hash FROM plans`)
	if err != nil {
		return fmt.Errorf("plans: %w", err)
	}
	for _, p := range b.Plans {
		if err := im.importPlan(ctx, plans, orgs, p); err != nil {
			return fmt.Errorf("plan %s: %w", p.ExternalID, err)
		}
	}
	return nil
}

func (im *importer) importMembers(ctx context.Context, members []plan.Member) error {
	have, err := im.load(ctx, `SELECT slug, id, content_hash FROM members`)
	if err != nil {
		return err
	}
	im.members = map[string]int64{}
	for _, m := range members {
		m.ID = 0
		m.Name = m.Name.Clean()
		hash := contentHash(m)
		search := searchText(m.Name, m.Code)
		sortKey := i18n.SortKey(m.Name.String())
		id, _, err := im.upsert(ctx, have, m.Slug, hash, &im.report.Members,
			func() (int64, error) {
				return im.insertID(ctx, `INSERT INTO members (slug, name, kind, region, code, search, search_intl, sort_key, content_hash, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
					m.Slug, textJSON(m.Name), string(m.Kind), m.Region, m.Code, search.az, search.intl, sortKey, hash, im.now)
			},
			func(id int64) error {
				_, err := im.tx.ExecContext(ctx, `UPDATE members SET name = $1, kind = $2, region = $3, code = $4, search = $5, search_intl = $6, sort_key = $7, content_hash = $8, updated_at = $9 WHERE id = $10`,
					textJSON(m.Name), string(m.Kind), m.Region, m.Code, search.az, search.intl, sortKey, hash, im.now, id)
				return err
			})
		if err != nil {
			return fmt.Errorf("%s: %w", m.Slug, err)
		}
		im.members[m.Slug] = id
	}
	// Plans and organisations may refer to members imported earlier.
	rows, err := im.tx.QueryContext(ctx, `SELECT slug, id FROM members`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var slug string
		var id int64
		if err := rows.Scan(&slug, &id); err != nil {
			return err
		}
		im.members[slug] = id
	}
	return rows.Err()
}

// orgKey is an organisation's natural key: its member's slug and its folded name.
func orgKey(scope string, name plan.Text) string {
	return scope + "|" + name.Key()
}

func (im *importer) organisation(ctx context.Context, have existing, o plan.BundleOrganisation) (int64, error) {
	var memberID any
	if o.Member != "" {
		id, ok := im.members[o.Member]
		if !ok {
			return 0, fmt.Errorf("no member %q", o.Member)
		}
		memberID = id
	}
	o.Name = o.Name.Clean()
	key := orgKey(o.Member, o.Name)
	nameKey := o.Name.Key()
	hash := contentHash(o)
	search := searchText(o.Name)
	sortKey := i18n.SortKey(o.Name.String())
	id, _, err := im.upsert(ctx, have, key, hash, &im.report.Organisations,
		func() (int64, error) {
			return im.insertID(ctx, `INSERT INTO organisations (member_id, scope, name, name_key, kind, search, search_intl, sort_key, content_hash, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
				memberID, o.Member, textJSON(o.Name), nameKey, string(o.Kind), search.az, search.intl, sortKey, hash, im.now)
		},
		func(id int64) error {
			_, err := im.tx.ExecContext(ctx, `UPDATE organisations SET name = $1, kind = $2, search = $3, search_intl = $4, sort_key = $5, content_hash = $6, updated_at = $7 WHERE id = $8`,
				textJSON(o.Name), string(o.Kind), search.az, search.intl, sortKey, hash, im.now, id)
			return err
		})
	if err == nil {
		im.orgs[key] = id
	}
	return id, err
}

// executor finds the organisation an executor names: the plan's member's
// own, else one of no member; one never seen before is created as a state
// body of the member, which is what executors of a plan almost always are.
// resolveExecutors finds (or creates) each executor of m, drops repeats of
// a body in one role, and names each as it is stored; it returns their ids
// in m.Executors' order.
func (im *importer) resolveExecutors(ctx context.Context, orgs existing, member string, m *plan.BundleMeasure) ([]int64, error) {
	var ids []int64
	var executors []plan.BundleExecutor
	seen := map[string]bool{}
	for _, e := range m.Executors {
		orgID, err := im.executor(ctx, orgs, member, e.Name)
		if err != nil {
			return nil, fmt.Errorf("executor %q: %w", e.Name.String(), err)
		}
		k := fmt.Sprintf("%d/%s", orgID, e.Role)
		if seen[k] {
			continue
		}
		seen[k] = true
		name, ok := im.names[orgID]
		if !ok {
			var text string
			if err := im.tx.QueryRowContext(ctx, `SELECT name FROM organisations WHERE id = $1`, orgID).Scan(&text); err != nil {
				return nil, fmt.Errorf("executor %q: %w", e.Name.String(), err)
			}
			if name, err = parseText(text); err != nil {
				return nil, err
			}
			if im.names == nil {
				im.names = map[int64]plan.Text{}
			}
			im.names[orgID] = name
		}
		ids = append(ids, orgID)
		executors = append(executors, plan.BundleExecutor{Name: name, Role: e.Role})
	}
	m.Executors = executors
	return ids, nil
}

func (im *importer) executor(ctx context.Context, have existing, member string, name plan.Text) (int64, error) {
	if id, ok := im.orgs[orgKey(member, name)]; ok {
		return id, nil
	}
	if id, ok := im.orgs[orgKey("", name)]; ok {
		return id, nil
	}
	return im.organisation(ctx, have, plan.BundleOrganisation{Member: member, Name: name, Kind: plan.OrgStateBody})
}

func (im *importer) importPlan(ctx context.Context, have, orgs existing, p plan.BundlePlan) error {
	memberID, ok := im.members[p.Member]
	if !ok {
		return fmt.Errorf("no member %q", p.Member)
	}
	head := p
	head.Areas, head.Measures = nil, nil
	head.Title, head.Note = p.Title.Clean(), p.Note.Clean()
	hash := contentHash(head)
	search := searchText(p.Title, p.ExternalID)
	args := []any{memberID, p.Number, textJSON(p.Title), p.Period.Text, dateValue(p.Period.Start), dateValue(p.Period.End),
		p.Approved, p.Source, p.SourceURL, textJSON(p.Note), search.az, search.intl, hash, im.now}
	planID, _, err := im.upsert(ctx, have, p.ExternalID, hash, &im.report.Plans,
		func() (int64, error) {
			return im.insertID(ctx, `INSERT INTO plans (member_id, number, title, period_text, period_start, period_end, approved, source, source_url, note, search, search_intl, content_hash, created_at, updated_at, external_id)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)`, append(args, p.ExternalID)...)
		},
		func(id int64) error {
			_, err := im.tx.ExecContext(ctx, `UPDATE plans SET member_id = $1, number = $2, title = $3, period_text = $4, period_start = $5, period_end = $6,
				approved = $7, source = $8, source_url = $9, note = $10, search = $11, search_intl = $12, content_hash = $13, updated_at = $14 WHERE id = $15`, append(args, id)...)
			return err
		})
	if err != nil {
		return err
	}

	areas, err := im.load(ctx, `SELECT area_key, id, content_hash FROM areas WHERE plan_id = $1`, planID)
	if err != nil {
		return fmt.Errorf("areas: %w", err)
	}
	for i, a := range p.Areas {
		a.Title = a.Title.Clean()
		hash := contentHash(struct {
			plan.BundleArea
			Position int
		}{a, i})
		args := []any{a.Number, a.ExternalID, textJSON(a.Title), a.Source, i, hash}
		if _, _, err := im.upsert(ctx, areas, a.Key, hash, &im.report.Areas,
			func() (int64, error) {
				return im.insertID(ctx, `INSERT INTO areas (number, external_id, title, source, position, content_hash, plan_id, area_key)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, append(args, planID, a.Key)...)
			},
			func(id int64) error {
				_, err := im.tx.ExecContext(ctx, `UPDATE areas SET number = $1, external_id = $2, title = $3, source = $4, position = $5, content_hash = $6 WHERE id = $7`, append(args, id)...)
				return err
			}); err != nil {
			return fmt.Errorf("area %s: %w", a.Key, err)
		}
	}

	measures, err := im.load(ctx, `SELECT match_key, id, content_hash FROM measures WHERE plan_id = $1`, planID)
	if err != nil {
		return fmt.Errorf("measures: %w", err)
	}
	for _, m := range p.Measures {
		if err := im.importMeasure(ctx, measures, orgs, areas, planID, p.Member, m); err != nil {
			return fmt.Errorf("measure %s: %w", strings.TrimPrefix(m.MatchKey(), "id:"), err)
		}
	}
	return nil
}

func (im *importer) importMeasure(ctx context.Context, have, orgs, areas existing, planID int64, member string, m plan.BundleMeasure) error {
	m.Title, m.Description, m.Indicator = m.Title.Clean(), m.Description.Clean(), m.Indicator.Clean()
	// Executors are fingerprinted as they will be stored: each body once
	// per role, under the name it is stored with, so that the fingerprint
	// matches what the measure reads back (audit verify compares them) and
	// "Cabinet of Ministers" and "cabinet of  ministers" make one executor.
	executorIDs, err := im.resolveExecutors(ctx, orgs, member, &m)
	if err != nil {
		return err
	}
	hash := contentHash(m)
	var areaID any
	if m.Area != "" {
		a, ok := areas[m.Area]
		if !ok {
			return fmt.Errorf("no area %q", m.Area)
		}
		areaID = a.id
	}
	values := make([]string, len(m.Values))
	for i, v := range m.Values {
		values[i] = string(v)
	}
	search := searchText(m.Clause, m.ExternalID, m.Title, m.Description, m.Indicator)
	args := []any{areaID, m.Clause, plan.ClauseKey(m.Clause), m.ExternalID, textJSON(m.Title), textJSON(m.Description), textJSON(m.Indicator),
		m.Period.Text, dateValue(m.Period.Start), dateValue(m.Period.End), strings.Join(values, ","), tagsJSON(m.Tags),
		m.Source, m.SourceURL, search.az, search.intl, hash, im.now}
	id, changed, err := im.upsert(ctx, have, m.MatchKey(), hash, &im.report.Measures,
		func() (int64, error) {
			return im.insertID(ctx, `INSERT INTO measures (area_id, clause, clause_key, external_id, title, description, indicator,
				period_text, period_start, period_end, ogp_values, tags, source, source_url, search, search_intl, content_hash, created_at, updated_at, plan_id, match_key)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20)`, append(args, planID, m.MatchKey())...)
		},
		func(id int64) error {
			_, err := im.tx.ExecContext(ctx, `UPDATE measures SET area_id = $1, clause = $2, clause_key = $3, external_id = $4, title = $5, description = $6, indicator = $7,
				period_text = $8, period_start = $9, period_end = $10, ogp_values = $11, tags = $12, source = $13, source_url = $14, search = $15, search_intl = $16,
				content_hash = $17, updated_at = $18 WHERE id = $19`, append(args, id)...)
			if err != nil {
				return err
			}
			if _, err := im.tx.ExecContext(ctx, `DELETE FROM measure_executors WHERE measure_id = $1`, id); err != nil {
				return err
			}
			_, err = im.tx.ExecContext(ctx, `DELETE FROM milestones WHERE measure_id = $1`, id)
			return err
		})
	if err != nil || !changed {
		return err
	}
	for i, e := range m.Executors {
		if _, err := im.tx.ExecContext(ctx, `INSERT INTO measure_executors (measure_id, organisation_id, role, position) VALUES ($1, $2, $3, $4)`,
			id, executorIDs[i], string(e.Role), i); err != nil {
			return fmt.Errorf("executor %q: %w", e.Name.String(), err)
		}
	}
	for i, ms := range m.Milestones {
		if _, err := im.tx.ExecContext(ctx, `INSERT INTO milestones (measure_id, position, title, period_text, period_start, period_end) VALUES ($1, $2, $3, $4, $5, $6)`,
			id, i, textJSON(ms.Title), ms.Period.Text, dateValue(ms.Period.Start), dateValue(ms.Period.End)); err != nil {
			return fmt.Errorf("milestone %d: %w", i+1, err)
		}
	}
	return nil
}

func tagsJSON(tags []string) string {
	if len(tags) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(tags) // a slice of strings always marshals
	return string(b)
}

package store_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// auditCount returns how many entries the log holds, checking the chain.
func auditCount(t *testing.T, db *store.DB) int64 {
	t.Helper()
	r, err := db.VerifyAudit(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("verify = %v, %v", r, err)
	}
	return r.Checked
}

// lastEntry returns the newest audit entry of an entity.
func lastEntry(t *testing.T, db *store.DB, entity string, id int64) audit.Entry {
	t.Helper()
	es, _, err := db.ListAudit(context.Background(), audit.Filter{EntityType: entity, EntityID: strconv.FormatInt(id, 10), Limit: 1})
	if err != nil || len(es) != 1 {
		t.Fatalf("audit of %s %d = %v, %v", entity, id, es, err)
	}
	return es[0]
}

// wantOneEntry checks that a write appended exactly one entry.
func wantOneEntry(t *testing.T, db *store.DB, before int64) int64 {
	t.Helper()
	n := auditCount(t, db)
	if n != before+1 {
		t.Fatalf("audit entries = %d, want %d", n, before+1)
	}
	return n
}

func TestMeasureEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		tick(db)
		p, err := db.GetPlan(ctx, "AZ-1")
		if err != nil {
			t.Fatal(err)
		}
		areas, _ := db.PlanAreas(ctx, p.ID)
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "UNDP"})
		if len(orgs.Items) != 1 {
			t.Fatalf("UNDP = %v", orgs.Items)
		}
		counts, _ := db.Counts(ctx)
		n := auditCount(t, db)

		e := plan.MeasureEdit{PlanID: p.ID, AreaID: areas[0].ID, Clause: " 1.2 ", Title: plan.Text{"az": "İctimai nəzarət", "en": "Public oversight"},
			PeriodText: "2017-2018", Values: []plan.OGPValue{plan.ValueTechnology}, Tags: []string{" Open  Data ", ""},
			Executors: []plan.ExecutorRef{{OrganisationID: orgs.Items[0].ID, Role: plan.RoleSupporting}}}
		id, err := db.CreateMeasure(ctx, coordinator, e)
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n = wantOneEntry(t, db, n)
		m, err := db.GetMeasure(ctx, strconv.FormatInt(id, 10))
		if err != nil {
			t.Fatal(err)
		}
		if m.Clause != "1.2" || m.Version != 1 || m.Period.End.String() != "2018-12-31" || len(m.Executors) != 1 || m.Tags[0] != "Open Data" || m.Area.ID != areas[0].ID {
			t.Errorf("created = %+v", m)
		}
		found, _ := db.ListMeasures(ctx, plan.MeasureFilter{Q: "İCTİMAİ nəzarət"})
		if found.Total != 1 || found.Items[0].ID != id {
			t.Errorf("search found %+v", found.Items)
		}
		if got := lastEntry(t, db, audit.EntityMeasure, id); got.Action != audit.ActionCreate || got.Before != nil || got.Actor != coordinator {
			t.Errorf("create entry = %+v", got)
		}

		// An update from the current version raises it and records the change.
		e.Title = plan.Text{"az": "İctimai nəzarət", "en": "Public scrutiny"}
		e.Version = 1
		if err := db.UpdateMeasure(ctx, coordinator, id, e); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		m, _ = db.GetMeasure(ctx, strconv.FormatInt(id, 10))
		if m.Version != 2 || m.Title["en"] != "Public scrutiny" {
			t.Errorf("updated = v%d %v", m.Version, m.Title)
		}
		entry := lastEntry(t, db, audit.EntityMeasure, id)
		changes, err := audit.Diff(entry.Before, entry.After)
		if err != nil || len(changes) != 1 || changes[0].Path != "title.en" {
			t.Errorf("update diff = %v, %v", changes, err)
		}

		// A second update from the same, now stale, version is refused.
		e.Title = plan.Text{"en": "Someone else's title"}
		err = db.UpdateMeasure(ctx, coordinator, id, e)
		var conflict *plan.ConflictError[plan.Measure]
		if !errors.Is(err, plan.ErrConflict) || !errors.As(err, &conflict) || conflict.Current.Title["en"] != "Public scrutiny" || conflict.Current.Version != 2 {
			t.Fatalf("stale update = %v", err)
		}
		n = wantOneEntry(t, db, n-1)

		// Delete hides it everywhere; restore brings it back.
		if err := db.DeleteMeasure(ctx, coordinator, id, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale delete = %v", err)
		}
		if err := db.DeleteMeasure(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.GetMeasure(ctx, strconv.FormatInt(id, 10)); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("get deleted = %v", err)
		}
		if page, _ := db.ListMeasures(ctx, plan.MeasureFilter{Q: "ictimai nəzarət"}); page.Total != 0 {
			t.Errorf("deleted still listed: %+v", page.Items)
		}
		if c, _ := db.Counts(ctx); c != counts {
			t.Errorf("counts after delete = %+v, want %+v", c, counts)
		}
		if err := db.UpdateMeasure(ctx, coordinator, id, e); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update deleted = %v", err)
		}
		deleted, err := db.ListDeleted(ctx, audit.EntityMeasure)
		if err != nil || len(deleted) != 1 || deleted[0].ID != id || deleted[0].Version != 3 || deleted[0].Context != "AZ-1 1.2" {
			t.Errorf("deleted = %+v, %v", deleted, err)
		}
		// Its clause stays taken while it is deleted.
		if _, err := db.CreateMeasure(ctx, coordinator, plan.MeasureEdit{PlanID: p.ID, Clause: "1.2", Title: plan.EN("Again")}); !hasField(err, "clause", "edit.clause.taken_by_deleted") {
			t.Errorf("create over deleted = %v", err)
		}
		if err := db.RestoreMeasure(ctx, coordinator, id); err != nil {
			t.Fatalf("restore: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.RestoreMeasure(ctx, coordinator, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restore live = %v", err)
		}
		m, err = db.GetMeasure(ctx, strconv.FormatInt(id, 10))
		if err != nil || m.Version != 4 {
			t.Errorf("restored = v%d, %v", m.Version, err)
		}
		if c, _ := db.Counts(ctx); c.Measures != counts.Measures+1 {
			t.Errorf("counts after restore = %+v", c)
		}
		if err := db.UpdateMeasure(ctx, coordinator, 999999, e); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update unknown = %v", err)
		}
		// A re-import leaves the edits alone when the file does not carry the measure.
		load(t, db)
		if _, err := db.GetMeasure(ctx, strconv.FormatInt(id, 10)); err != nil {
			t.Errorf("after re-import: %v", err)
		}
		auditCount(t, db)
	})
}

func hasField(err error, field, key string) bool {
	var fe plan.FieldErrors
	return errors.As(err, &fe) && fe[field] == key
}

func TestMeasureEditRefusesInvalidInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		p, _ := db.GetPlan(ctx, "AZ-1")
		zm, _ := db.GetPlan(ctx, "ZM-1")
		cabinet, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "cabinet"})
		n := auditCount(t, db)
		counts, _ := db.Counts(ctx)
		tests := []struct {
			name       string
			edit       plan.MeasureEdit
			field, key string
		}{
			{"no title", plan.MeasureEdit{PlanID: p.ID, Clause: "9"}, "title", "edit.title.required"},
			{"bad period", plan.MeasureEdit{PlanID: p.ID, Clause: "9", Title: plan.EN("x"), PeriodText: "someday"}, "period", "edit.period.invalid"},
			{"clause taken", plan.MeasureEdit{PlanID: p.ID, Clause: "4.1.3", ExternalID: "NEW1", Title: plan.EN("x")}, "clause", "edit.clause.taken"},
			{"same match key", plan.MeasureEdit{PlanID: p.ID, Clause: "12", Title: plan.EN("x")}, "clause", "edit.clause.taken"},
			{"no plan", plan.MeasureEdit{PlanID: 999999, Clause: "9", Title: plan.EN("x")}, "plan", "edit.plan.unknown"},
			{"area of another plan", plan.MeasureEdit{PlanID: zm.ID, AreaID: 1, Clause: "9", Title: plan.EN("x")}, "area", "edit.area.unknown"},
			{"executor of another member", plan.MeasureEdit{PlanID: zm.ID, Clause: "9", Title: plan.EN("x"),
				Executors: []plan.ExecutorRef{{OrganisationID: cabinet.Items[0].ID, Role: plan.RoleResponsible}}}, "executors", "edit.executors.other_member"},
			{"bad role", plan.MeasureEdit{PlanID: p.ID, Clause: "9", Title: plan.EN("x"),
				Executors: []plan.ExecutorRef{{OrganisationID: cabinet.Items[0].ID, Role: "boss"}}}, "executors", "edit.executors.role_invalid"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := db.CreateMeasure(ctx, coordinator, tt.edit)
				if !hasField(err, tt.field, tt.key) {
					t.Errorf("create = %v, want %s: %s", err, tt.field, tt.key)
				}
			})
		}
		if got := auditCount(t, db); got != n {
			t.Errorf("audit entries = %d, want %d", got, n)
		}
		if c, _ := db.Counts(ctx); c != counts {
			t.Errorf("counts = %+v, want %+v", c, counts)
		}
		// An update refused for its input leaves the measure as it was.
		m, _ := db.GetMeasure(ctx, "AZ0038")
		err := db.UpdateMeasure(ctx, coordinator, m.ID, plan.MeasureEdit{PlanID: p.ID, Clause: "1.1", ExternalID: "AZ0038", Version: m.Version})
		if !hasField(err, "title", "edit.title.required") {
			t.Errorf("update = %v", err)
		}
		if after, _ := db.GetMeasure(ctx, "AZ0038"); after.Version != m.Version || after.Title["en"] != m.Title["en"] {
			t.Errorf("after refused update = %+v", after)
		}
	})
}

func TestOrganisationEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		tick(db)
		n := auditCount(t, db)
		counts, _ := db.Counts(ctx)

		e := plan.OrganisationEdit{Member: "azerbaijan", Name: plan.Text{"az": "İqtisadiyyat Nazirliyi", "en": "Ministry of Economy"}, Kind: plan.OrgStateBody}
		id, err := db.CreateOrganisation(ctx, coordinator, e)
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n = wantOneEntry(t, db, n)
		o, err := db.GetOrganisation(ctx, id)
		if err != nil || o.Version != 1 || o.Member.Slug != "azerbaijan" {
			t.Fatalf("created = %+v, %v", o, err)
		}
		if page, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "İQTİSADİYYAT"}); page.Total != 1 {
			t.Errorf("search found %+v", page.Items)
		}
		if _, err := db.CreateOrganisation(ctx, coordinator, plan.OrganisationEdit{Member: "azerbaijan", Name: plan.EN("MINISTRY OF  ECONOMY"), Kind: plan.OrgStateBody}); !hasField(err, "name", "edit.name.taken") {
			t.Errorf("duplicate = %v", err)
		}
		if _, err := db.CreateOrganisation(ctx, coordinator, plan.OrganisationEdit{Member: "atlantis", Name: plan.EN("X"), Kind: plan.OrgNGO}); !hasField(err, "member", "edit.member.unknown") {
			t.Errorf("unknown member = %v", err)
		}

		e.Kind, e.Version = plan.OrgOther, 1
		if err := db.UpdateOrganisation(ctx, coordinator, id, e); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		entry := lastEntry(t, db, audit.EntityOrganisation, id)
		if changes, err := audit.Diff(entry.Before, entry.After); err != nil || len(changes) != 1 || changes[0].Path != "kind" {
			t.Errorf("diff = %v, %v", changes, err)
		}
		e.Kind = plan.OrgNGO
		var conflict *plan.ConflictError[plan.Organisation]
		if err := db.UpdateOrganisation(ctx, coordinator, id, e); !errors.Is(err, plan.ErrConflict) || !errors.As(err, &conflict) || conflict.Current.Kind != plan.OrgOther {
			t.Fatalf("stale update = %v", err)
		}

		// One executing measures cannot go.
		cabinet, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "cabinet"})
		if err := db.DeleteOrganisation(ctx, coordinator, cabinet.Items[0].ID, cabinet.Items[0].Version); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("delete in use = %v", err)
		}
		if err := db.DeleteOrganisation(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.GetOrganisation(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("get deleted = %v", err)
		}
		if c, _ := db.Counts(ctx); c != counts {
			t.Errorf("counts = %+v, want %+v", c, counts)
		}
		if d, err := db.ListDeleted(ctx, audit.EntityOrganisation); err != nil || len(d) != 1 || d[0].ID != id || d[0].Context != "azerbaijan" {
			t.Errorf("deleted = %+v, %v", d, err)
		}
		if err := db.RestoreOrganisation(ctx, coordinator, id); err != nil {
			t.Fatalf("restore: %v", err)
		}
		wantOneEntry(t, db, n)
		if o, err := db.GetOrganisation(ctx, id); err != nil || o.Version != 4 {
			t.Errorf("restored = %+v, %v", o, err)
		}
		if _, err := db.ListDeleted(ctx, "member"); err == nil {
			t.Error("deleted members listed")
		}
	})
}

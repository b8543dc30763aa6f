package store_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// azLetters holds every letter that sets Azerbaijani apart, in both cases.
const azLetters = "ə ğ ı İ ö ş ü ç Ə Ğ I Ö Ş Ü Ç"

// loadNormalised loads the sample and then imports its own export once:
// the sample names one executor twice, which the store keeps once, so the
// first round trip rewrites that measure whatever the edits do.
func loadNormalised(t *testing.T, db *store.DB) {
	t.Helper()
	load(t, db)
	b, err := db.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

// wantReimportUnchanged checks that importing an export of db changes
// nothing: that every write kept the fingerprints an import compares.
func wantReimportUnchanged(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	b, err := db.Export(ctx)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	r, err := db.Import(ctx, b)
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if r.Changed() {
		t.Errorf("re-importing the export changed something: %+v", r)
	}
}

// diffPaths lists the paths an audit entry's diff names.
func diffPaths(t *testing.T, e audit.Entry) []string {
	t.Helper()
	changes, err := audit.Diff(e.Before, e.After)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	var paths []string
	for _, c := range changes {
		paths = append(paths, c.Path)
	}
	return paths
}

func TestPlanEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadNormalised(t, db)
		tick(db)
		n := auditCount(t, db)
		counts, _ := db.Counts(ctx)

		title := plan.Text{"az": "Açıq hökumət planı: " + azLetters, "en": "Open government plan"}
		e := plan.PlanEdit{Member: "azerbaijan", ExternalID: " AZ-2 ", Number: 4, Title: title, PeriodText: "2020-2022",
			Approved: "Prezidentin sərəncamı", SourceURL: "https://www.opengovpartnership.org/", Note: plan.Text{"az": "Qeyd: İ və ı fərqlidir"}}
		id, err := db.CreatePlan(ctx, coordinator, e)
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n = wantOneEntry(t, db, n)
		p, err := db.GetPlan(ctx, "AZ-2")
		if err != nil {
			t.Fatal(err)
		}
		if p.ID != id || p.Version != 1 || !reflect.DeepEqual(p.Title, title) || p.Note["az"] != "Qeyd: İ və ı fərqlidir" ||
			p.Period.Start.String() != "2020-01-01" || p.Period.End.String() != "2022-12-31" || p.Member.Slug != "azerbaijan" || p.Number != 4 {
			t.Errorf("created = %+v", p)
		}
		if page, _ := db.ListPlans(ctx, plan.PlanFilter{Q: "AÇIQ HÖKUMƏT"}); page.Total != 1 || page.Items[0].ID != id {
			t.Errorf("search found %+v", page.Items)
		}
		entry := lastEntry(t, db, audit.EntityPlan, id)
		if entry.Action != audit.ActionCreate || entry.Before != nil || !strings.Contains(string(entry.After), `"member":"azerbaijan"`) ||
			!strings.Contains(string(entry.After), `"id":"AZ-2"`) {
			t.Errorf("create entry = %+v %s", entry, entry.After)
		}
		if c, _ := db.Counts(ctx); c.Plans != counts.Plans+1 {
			t.Errorf("counts = %+v", c)
		}

		for _, tt := range []struct {
			name       string
			edit       plan.PlanEdit
			field, key string
		}{
			{"id taken", plan.PlanEdit{Member: "zambia", ExternalID: "AZ-1", Title: plan.EN("x")}, "external_id", "edit.plan.external_id.taken"},
			{"unknown member", plan.PlanEdit{Member: "atlantis", ExternalID: "AT-1", Title: plan.EN("x")}, "member", "edit.member.unknown"},
			{"no title", plan.PlanEdit{Member: "zambia", ExternalID: "ZM-3"}, "title", "edit.title.required"},
		} {
			if _, err := db.CreatePlan(ctx, coordinator, tt.edit); !hasField(err, tt.field, tt.key) {
				t.Errorf("%s: create = %v, want %s: %s", tt.name, err, tt.field, tt.key)
			}
		}
		n = wantOneEntry(t, db, n-1)

		// An update from the current version raises it and records the change.
		e.Title = plan.Text{"az": title["az"], "en": "Open government action plan"}
		e.Version = 1
		if err := db.UpdatePlan(ctx, coordinator, id, e); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if paths := diffPaths(t, lastEntry(t, db, audit.EntityPlan, id)); !reflect.DeepEqual(paths, []string{"title.en"}) {
			t.Errorf("update diff = %v", paths)
		}
		// A second save from the same version is refused, carrying the plan as it now is.
		e.Title = plan.EN("Someone else's title")
		var conflict *plan.ConflictError[plan.Plan]
		if err := db.UpdatePlan(ctx, coordinator, id, e); !errors.Is(err, plan.ErrConflict) || !errors.As(err, &conflict) ||
			conflict.Current.Title["en"] != "Open government action plan" || conflict.Current.Version != 2 {
			t.Fatalf("stale update = %v", err)
		}
		// A plan whose measures name a member's state bodies stays with that member.
		az1, _ := db.GetPlan(ctx, "AZ-1")
		if err := db.UpdatePlan(ctx, coordinator, az1.ID, plan.PlanEdit{Member: "zambia", ExternalID: "AZ-1", Title: az1.Title, Version: az1.Version}); !hasField(err, "member", "edit.plan.member.executors_elsewhere") {
			t.Errorf("move to another member = %v", err)
		}
		// Changing only the title keeps dates an import set apart from the period's text.
		if err := db.UpdatePlan(ctx, coordinator, az1.ID, plan.PlanEdit{Member: "azerbaijan", ExternalID: "AZ-1", Number: az1.Number,
			Title: plan.Text{"az": "Milli Fəaliyyət Planı", "en": "National Action Plan 2016-2018"}, PeriodText: az1.Period.Text, Version: az1.Version}); err != nil {
			t.Fatalf("update AZ-1: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got, _ := db.GetPlan(ctx, "AZ-1"); !reflect.DeepEqual(got.Period, az1.Period) {
			t.Errorf("period = %+v, want %+v", got.Period, az1.Period)
		}
		wantReimportUnchanged(t, db)

		// A plan with live measures cannot go; an empty one can, and is then
		// hidden from every read.
		if err := db.DeletePlan(ctx, coordinator, az1.ID, az1.Version+1); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("delete plan with measures = %v", err)
		}
		if err := db.DeletePlan(ctx, coordinator, id, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale delete = %v", err)
		}
		areaID, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: id, Number: "1", Title: plan.Text{"az": "Şəffaflıq"}})
		if err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.DeletePlan(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if entry := lastEntry(t, db, audit.EntityPlan, id); entry.Action != audit.ActionDelete || entry.After != nil || !strings.Contains(string(entry.Before), "Açıq") {
			t.Errorf("delete entry = %+v", entry)
		}
		if _, err := db.GetPlan(ctx, strconv.FormatInt(id, 10)); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("get deleted = %v", err)
		}
		if page, _ := db.ListPlans(ctx, plan.PlanFilter{Member: "azerbaijan"}); page.Total != 1 || page.Items[0].ExternalID != "AZ-1" {
			t.Errorf("plans listed = %+v", page.Items)
		}
		if page, _ := db.ListMembers(ctx, plan.MemberFilter{Q: "hökumət"}); page.Total != 0 {
			t.Errorf("members found by a deleted plan's title: %+v", page.Items)
		}
		if page, _ := db.ListMembers(ctx, plan.MemberFilter{Q: "azerbaijan"}); page.Total != 1 || len(page.Items[0].Plans) != 1 {
			t.Errorf("member's plans = %+v", page.Items)
		}
		if areas, _ := db.PlanAreas(ctx, id); len(areas) != 0 {
			t.Errorf("areas of a deleted plan = %+v", areas)
		}
		if _, err := db.GetArea(ctx, areaID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("area of a deleted plan = %v", err)
		}
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: id, Title: plan.EN("x")}); !hasField(err, "plan", "edit.plan.unknown") {
			t.Errorf("area in a deleted plan = %v", err)
		}
		if c, _ := db.Counts(ctx); c != counts {
			t.Errorf("counts = %+v, want %+v", c, counts)
		}
		if b, _ := db.Export(ctx); len(b.Plans) != 3 {
			t.Errorf("exported %d plans", len(b.Plans))
		}
		if err := db.UpdatePlan(ctx, coordinator, id, e); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update deleted = %v", err)
		}
		if d, err := db.ListDeleted(ctx, audit.EntityPlan); err != nil || len(d) != 1 || d[0].ID != id || d[0].Context != "azerbaijan AZ-2" || d[0].Version != 3 {
			t.Errorf("deleted = %+v, %v", d, err)
		}
		// Its id stays taken, so that a re-import does not bring it back as new.
		if _, err := db.CreatePlan(ctx, coordinator, plan.PlanEdit{Member: "azerbaijan", ExternalID: "AZ-2", Title: plan.EN("x")}); !hasField(err, "external_id", "edit.plan.external_id.taken_by_deleted") {
			t.Errorf("create over deleted = %v", err)
		}

		if err := db.RestorePlan(ctx, coordinator, id); err != nil {
			t.Fatalf("restore: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.RestorePlan(ctx, coordinator, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restore live = %v", err)
		}
		if p, err := db.GetPlan(ctx, "AZ-2"); err != nil || p.Version != 4 {
			t.Errorf("restored = %+v, %v", p, err)
		}
		if areas, _ := db.PlanAreas(ctx, id); len(areas) != 1 || areas[0].ID != areaID {
			t.Errorf("areas after restore = %+v", areas)
		}
		if err := db.UpdatePlan(ctx, coordinator, 999999, e); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update unknown = %v", err)
		}
		wantReimportUnchanged(t, db)
		if got := auditCount(t, db); got != n {
			t.Errorf("audit entries = %d, want %d", got, n)
		}
	})
}

// areaNumbers lists a plan's live areas' numbers (or titles) in order,
// checking that their positions are 0, 1, 2, ….
func areaNumbers(t *testing.T, db *store.DB, planID int64) []string {
	t.Helper()
	areas, err := db.PlanAreas(context.Background(), planID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, a := range areas {
		if a.Position != i {
			t.Errorf("area %s at position %d, want %d", a.Number, a.Position, i)
		}
		if a.Number != "" {
			out = append(out, a.Number)
		} else {
			out = append(out, a.Title.String())
		}
	}
	return out
}

func TestAreaEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadNormalised(t, db)
		tick(db)
		p, _ := db.GetPlan(ctx, "AZ-1")
		n := auditCount(t, db)

		title := plan.Text{"az": "Şəffaflıq və hesabatlılıq: " + azLetters}
		id, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Number: " 2 ", Title: title, Position: 1})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := areaNumbers(t, db, p.ID); !reflect.DeepEqual(got, []string{"1", "2", "4"}) {
			t.Errorf("areas = %v", got)
		}
		a, err := db.GetArea(ctx, id)
		if err != nil || a.Version != 1 || a.Number != "2" || !reflect.DeepEqual(a.Title, title) || a.PlanID != p.ID {
			t.Errorf("created = %+v, %v", a, err)
		}
		if entry := lastEntry(t, db, audit.EntityArea, id); !strings.Contains(string(entry.After), `"plan":"AZ-1"`) || !strings.Contains(string(entry.After), `"key":"2"`) {
			t.Errorf("create entry = %s", entry.After)
		}
		wantReimportUnchanged(t, db)

		// Numbers are unique within a plan, and so are the titles of unnumbered areas.
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Number: "4", Title: plan.EN("x")}); !hasField(err, "number", "edit.area.number.taken") {
			t.Errorf("number taken = %v", err)
		}
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Title: plan.EN("Open Parliaments"), Position: 99}); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Title: plan.EN("OPEN  parliaments")}); !hasField(err, "title", "edit.area.title.taken") {
			t.Errorf("title taken = %v", err)
		}
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: 999999, Title: plan.EN("x")}); !hasField(err, "plan", "edit.plan.unknown") {
			t.Errorf("unknown plan = %v", err)
		}
		if got := areaNumbers(t, db, p.ID); !reflect.DeepEqual(got, []string{"1", "2", "4", "Open Parliaments"}) {
			t.Errorf("areas = %v", got)
		}

		// Moving an area first shifts the others down.
		if err := db.UpdateArea(ctx, coordinator, id, plan.AreaEdit{PlanID: p.ID, Number: "3", Title: title, Position: 0, Version: 1}); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := areaNumbers(t, db, p.ID); !reflect.DeepEqual(got, []string{"3", "1", "4", "Open Parliaments"}) {
			t.Errorf("areas = %v", got)
		}
		if paths := diffPaths(t, lastEntry(t, db, audit.EntityArea, id)); !reflect.DeepEqual(paths, []string{"key", "number", "position"}) {
			t.Errorf("update diff = %v", paths)
		}
		var conflict *plan.ConflictError[plan.Area]
		if err := db.UpdateArea(ctx, coordinator, id, plan.AreaEdit{PlanID: p.ID, Number: "9", Title: title, Version: 1}); !errors.As(err, &conflict) ||
			conflict.Current.Number != "3" || conflict.Current.Version != 2 {
			t.Fatalf("stale update = %v", err)
		}
		zm, _ := db.GetPlan(ctx, "ZM-1")
		if err := db.UpdateArea(ctx, coordinator, id, plan.AreaEdit{PlanID: zm.ID, Number: "3", Title: title, Version: 2}); !hasField(err, "plan", "edit.area.plan_fixed") {
			t.Errorf("move to another plan = %v", err)
		}

		// Renumbering an area with measures renames it in its measures'
		// records, and keeps their fingerprints right.
		var four plan.Area
		areas, _ := db.PlanAreas(ctx, p.ID)
		for _, a := range areas {
			if a.Number == "4" {
				four = a
			}
		}
		if four.MeasureCount != 2 {
			t.Fatalf("area 4 = %+v", four)
		}
		if err := db.UpdateArea(ctx, coordinator, four.ID, plan.AreaEdit{PlanID: p.ID, Number: "5", Title: four.Title, Position: four.Position, Version: four.Version}); err != nil {
			t.Fatalf("renumber: %v", err)
		}
		n = wantOneEntry(t, db, n)
		wantReimportUnchanged(t, db)
		b, _ := db.Export(ctx)
		for _, m := range b.Plans[0].Measures {
			if m.Clause == "4.1.3" && m.Area != "5" {
				t.Errorf("measure 4.1.3 in area %q", m.Area)
			}
		}

		// An area grouping live measures cannot go; an empty one can.
		if err := db.DeleteArea(ctx, coordinator, four.ID, four.Version+1); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("delete area with measures = %v", err)
		}
		if err := db.DeleteArea(ctx, coordinator, id, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale delete = %v", err)
		}
		if err := db.DeleteArea(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := areaNumbers(t, db, p.ID); !reflect.DeepEqual(got, []string{"1", "5", "Open Parliaments"}) {
			t.Errorf("areas after delete = %v", got)
		}
		if _, err := db.GetArea(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("get deleted = %v", err)
		}
		if err := db.UpdateArea(ctx, coordinator, id, plan.AreaEdit{PlanID: p.ID, Number: "3", Title: title, Version: 3}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update deleted = %v", err)
		}
		if b, _ := db.Export(ctx); len(b.Plans[0].Areas) != 3 {
			t.Errorf("exported areas = %+v", b.Plans[0].Areas)
		}
		if d, err := db.ListDeleted(ctx, audit.EntityArea); err != nil || len(d) != 1 || d[0].ID != id || d[0].Context != "AZ-1 3" || !reflect.DeepEqual(d[0].Title, title) {
			t.Errorf("deleted = %+v, %v", d, err)
		}
		if _, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Number: "3", Title: plan.EN("x")}); !hasField(err, "number", "edit.area.number.taken_by_deleted") {
			t.Errorf("create over deleted = %v", err)
		}
		wantReimportUnchanged(t, db)

		// Restored, it takes its place again, unless its number went
		// meanwhile (to an area an import keyed otherwise).
		b, _ = db.Export(ctx)
		b.Plans[0].Areas = append(b.Plans[0].Areas, plan.BundleArea{Key: "iii", Number: "3", Title: plan.EN("Third")})
		if _, err := db.Import(ctx, b); err != nil {
			t.Fatal(err)
		}
		n++ // the import's entry
		if err := db.RestoreArea(ctx, coordinator, id); !hasField(err, "number", "edit.area.number.taken") {
			t.Errorf("restore over a taken number = %v", err)
		}
		areas, _ = db.PlanAreas(ctx, p.ID)
		third := areas[len(areas)-1]
		if third.Number != "3" {
			t.Fatalf("imported area = %+v", third)
		}
		if err := db.DeleteArea(ctx, coordinator, third.ID, third.Version); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.RestoreArea(ctx, coordinator, id); err != nil {
			t.Fatalf("restore: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.RestoreArea(ctx, coordinator, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restore live = %v", err)
		}
		if got := areaNumbers(t, db, p.ID); !reflect.DeepEqual(got, []string{"3", "1", "5", "Open Parliaments"}) {
			t.Errorf("areas after restore = %v", got)
		}
		wantReimportUnchanged(t, db)
		if got := auditCount(t, db); got != n {
			t.Errorf("audit entries = %d, want %d", got, n)
		}
	})
}

// milestoneTitles lists a measure's milestones' English or Azerbaijani
// titles in order, checking that their positions are 0, 1, 2, ….
func milestoneTitles(t *testing.T, db *store.DB, measureID int64) []string {
	t.Helper()
	m, err := db.GetMeasure(context.Background(), strconv.FormatInt(measureID, 10))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, ms := range m.Milestones {
		if ms.Position != i || ms.MeasureID != measureID {
			t.Errorf("milestone %v at position %d of measure %d", ms.Title, ms.Position, ms.MeasureID)
		}
		out = append(out, ms.Title.In("en").Value)
	}
	return out
}

func TestMilestoneEditing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadNormalised(t, db)
		tick(db)
		found, _ := db.ListMeasures(ctx, plan.MeasureFilter{Q: "platformaya"})
		if found.Total != 1 {
			t.Fatalf("measure 4.1.3 = %+v", found.Items)
		}
		m, _ := db.GetMeasure(ctx, strconv.FormatInt(found.Items[0].ID, 10))
		n := auditCount(t, db)

		title := plan.Text{"az": "Müzakirə: " + azLetters}
		id, err := db.CreateMilestone(ctx, coordinator, plan.MilestoneEdit{MeasureID: m.ID, Title: title, PeriodText: "IV quarter of 2017", Position: 1})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := milestoneTitles(t, db, m.ID); !reflect.DeepEqual(got, []string{"Draft", title["az"], "Adopted"}) {
			t.Errorf("milestones = %v", got)
		}
		ms, err := db.GetMilestone(ctx, id)
		if err != nil || ms.Version != 1 || !reflect.DeepEqual(ms.Title, title) || ms.Period.Start.String() != "2017-10-01" || ms.Period.End.String() != "2017-12-31" {
			t.Errorf("created = %+v, %v", ms, err)
		}
		after, _ := db.GetMeasure(ctx, strconv.FormatInt(m.ID, 10))
		if after.Version != m.Version || after.UpdatedAt.Equal(m.UpdatedAt) {
			t.Errorf("measure after a new milestone: v%d at %v, was v%d at %v", after.Version, after.UpdatedAt, m.Version, m.UpdatedAt)
		}
		if entry := lastEntry(t, db, audit.EntityMilestone, id); !strings.Contains(string(entry.After), `"measure":"4.1.3"`) || !strings.Contains(string(entry.After), `"plan":"AZ-1"`) {
			t.Errorf("create entry = %s", entry.After)
		}
		// The measure's fingerprint follows its milestones: the export
		// re-imports unchanged, and the original file now differs.
		wantReimportUnchanged(t, db)
		if r, err := db.Import(ctx, sample()); err != nil || r.Measures.Updated != 1 {
			t.Errorf("importing the original = %+v, %v", r.Measures, err)
		}
		n = auditCount(t, db) // the import's own entry
		if got := milestoneTitles(t, db, m.ID); !reflect.DeepEqual(got, []string{"Draft", "Adopted"}) {
			t.Fatalf("milestones after import = %v", got)
		}

		id, err = db.CreateMilestone(ctx, coordinator, plan.MilestoneEdit{MeasureID: m.ID, Title: title, Position: 5})
		if err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.CreateMilestone(ctx, coordinator, plan.MilestoneEdit{MeasureID: 999999, Title: title}); !hasField(err, "measure", "edit.measure.unknown") {
			t.Errorf("unknown measure = %v", err)
		}
		if err := db.UpdateMilestone(ctx, coordinator, id, plan.MilestoneEdit{MeasureID: m.ID, Title: plan.EN("Discussed"), PeriodText: "2017", Version: 1}); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := milestoneTitles(t, db, m.ID); !reflect.DeepEqual(got, []string{"Discussed", "Draft", "Adopted"}) {
			t.Errorf("milestones = %v", got)
		}
		if paths := diffPaths(t, lastEntry(t, db, audit.EntityMilestone, id)); !reflect.DeepEqual(paths, []string{"period.end", "period.start", "period.text", "position", "title.az", "title.en"}) {
			t.Errorf("update diff = %v", paths)
		}
		var conflict *plan.ConflictError[plan.Milestone]
		if err := db.UpdateMilestone(ctx, coordinator, id, plan.MilestoneEdit{MeasureID: m.ID, Title: plan.EN("Late"), Version: 1}); !errors.As(err, &conflict) ||
			conflict.Current.Title["en"] != "Discussed" || conflict.Current.Version != 2 {
			t.Fatalf("stale update = %v", err)
		}
		if err := db.UpdateMilestone(ctx, coordinator, id, plan.MilestoneEdit{MeasureID: m.ID + 1, Title: plan.EN("x"), Version: 2}); !hasField(err, "measure", "edit.milestone.measure_fixed") {
			t.Errorf("move to another measure = %v", err)
		}
		wantReimportUnchanged(t, db)

		if err := db.DeleteMilestone(ctx, coordinator, id, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale delete = %v", err)
		}
		if err := db.DeleteMilestone(ctx, coordinator, id, 2); err != nil {
			t.Fatalf("delete: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if got := milestoneTitles(t, db, m.ID); !reflect.DeepEqual(got, []string{"Draft", "Adopted"}) {
			t.Errorf("milestones after delete = %v", got)
		}
		if _, err := db.GetMilestone(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("get deleted = %v", err)
		}
		if d, err := db.ListDeleted(ctx, audit.EntityMilestone); err != nil || len(d) != 1 || d[0].ID != id || d[0].Context != "AZ-1 4.1.3" {
			t.Errorf("deleted = %+v, %v", d, err)
		}
		wantReimportUnchanged(t, db)
		if err := db.RestoreMilestone(ctx, coordinator, id); err != nil {
			t.Fatalf("restore: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.RestoreMilestone(ctx, coordinator, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restore live = %v", err)
		}
		if got := milestoneTitles(t, db, m.ID); !reflect.DeepEqual(got, []string{"Discussed", "Draft", "Adopted"}) {
			t.Errorf("milestones after restore = %v", got)
		}
		wantReimportUnchanged(t, db)

		// The milestones of a deleted measure go with it.
		m, _ = db.GetMeasure(ctx, strconv.FormatInt(m.ID, 10))
		if err := db.DeleteMeasure(ctx, coordinator, m.ID, m.Version); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		if _, err := db.GetMilestone(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("milestone of a deleted measure = %v", err)
		}
		if err := db.UpdateMilestone(ctx, coordinator, id, plan.MilestoneEdit{MeasureID: m.ID, Title: plan.EN("x"), Version: 4}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("update milestone of a deleted measure = %v", err)
		}
		if got := auditCount(t, db); got != n {
			t.Errorf("audit entries = %d, want %d", got, n)
		}
	})
}

// TestConcurrentAreaWritesKeepTheOrder adds areas to one plan from several
// goroutines at once: each write renumbers the plan's areas, and none may
// number them from a state another has changed meanwhile.
func TestConcurrentAreaWritesKeepTheOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		loadNormalised(t, db)
		p, _ := db.GetPlan(ctx, "ZM-2")
		const writers = 8
		errs := make(chan error, writers)
		for i := range writers {
			go func() {
				_, err := db.CreateArea(ctx, coordinator, plan.AreaEdit{PlanID: p.ID, Number: strconv.Itoa(i + 1), Title: plan.EN("Area"), Position: i % 3})
				errs <- err
			}()
		}
		for range writers {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		if got := areaNumbers(t, db, p.ID); len(got) != writers {
			t.Errorf("areas = %v", got)
		}

		// And milestones, which renumber their measure's.
		m, _ := db.GetMeasure(ctx, "ZM0001")
		for i := range writers {
			go func() {
				_, err := db.CreateMilestone(ctx, coordinator, plan.MilestoneEdit{MeasureID: m.ID, Title: plan.EN("Step " + strconv.Itoa(i)), Position: i % 3})
				errs <- err
			}()
		}
		for range writers {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		if got := milestoneTitles(t, db, m.ID); len(got) != writers {
			t.Errorf("milestones = %v", got)
		}
		wantReimportUnchanged(t, db)
		auditCount(t, db)
	})
}

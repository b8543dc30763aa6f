package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func date(s string) *plan.Date {
	d, err := plan.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func sample() *plan.Bundle {
	return &plan.Bundle{
		Members: []plan.Member{
			{Slug: "azerbaijan", Name: plan.Text{"az": "Azərbaycan", "en": "Azerbaijan"}, Kind: plan.MemberCountry, Region: "Europe"},
			{Slug: "zambia", Name: plan.Text{"en": "Zambia"}, Kind: plan.MemberCountry},
			{Slug: "buenos-aires", Name: plan.Text{"en": "Buenos Aires, Argentina"}, Kind: plan.MemberLocality},
		},
		Organisations: []plan.BundleOrganisation{{Name: plan.Text{"en": "UNDP"}, Kind: plan.OrgInternational}},
		Plans: []plan.BundlePlan{
			{ExternalID: "AZ-1", Member: "azerbaijan", Number: 3, Title: plan.Text{"az": "Milli Fəaliyyət Planı", "en": "National Action Plan"},
				Period: plan.Period{Text: "2016-2018", Start: date("2016-01-01"), End: date("2018-12-31")},
				Areas:  []plan.BundleArea{{Key: "1", Number: "1", Title: plan.Text{"en": "E-services"}}, {Key: "4", Number: "4", Title: plan.Text{"az": "Vətəndaş cəmiyyəti"}}},
				Measures: []plan.BundleMeasure{
					{Clause: "4.1.10", Area: "4", Title: plan.Text{"az": "İctimai şuralar"}, Executors: []plan.BundleExecutor{{Name: plan.Text{"en": "UNDP"}, Role: plan.RoleSupporting}}},
					{Clause: "4.1.3", Area: "4", Title: plan.Text{"az": "Platformaya dəstək"}, Period: plan.Period{Text: "2017", Start: date("2017-01-01"), End: date("2017-12-31")},
						Values: []plan.OGPValue{plan.ValueCivicParticipation, plan.ValueTechnology}, Tags: []string{"Open Data"},
						Executors:  []plan.BundleExecutor{{Name: plan.Text{"en": "Cabinet of Ministers"}, Role: plan.RoleResponsible}, {Name: plan.Text{"en": "cabinet of  ministers"}, Role: plan.RoleResponsible}},
						Milestones: []plan.BundleMilestone{{Title: plan.Text{"en": "Draft"}}, {Title: plan.Text{"en": "Adopted"}, Period: plan.Period{End: date("2017-06-30")}}}},
					{Clause: "1.1", Area: "1", ExternalID: "AZ0038", Title: plan.Text{"en": "Information services"}},
					{Clause: "12", Title: plan.Text{"en": "Monitoring"}},
				}},
			{ExternalID: "ZM-1", Member: "zambia", Number: 1, Title: plan.Text{"en": "Zambia plan"}, Measures: []plan.BundleMeasure{{ExternalID: "ZM0001", Title: plan.Text{"en": "Open contracting"}}}},
			{ExternalID: "ZM-2", Member: "zambia", Number: 2, Title: plan.Text{"en": "Zambia second plan"}},
		},
	}
}

func load(t *testing.T, db *store.DB) {
	t.Helper()
	db.Now = func() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) }
	if _, err := db.Import(context.Background(), sample()); err != nil {
		t.Fatalf("import: %v", err)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		first, err := db.Import(ctx, sample())
		if err != nil {
			t.Fatal(err)
		}
		if first.Measures.Created != 5 || first.Plans.Created != 3 || first.Members.Created != 3 {
			t.Fatalf("first import: %+v", first)
		}
		// "Cabinet of Ministers" twice (differently spaced and cased) is one body.
		if first.Organisations.Created != 2 {
			t.Errorf("organisations created = %d, want 2 (UNDP, Cabinet)", first.Organisations.Created)
		}
		second, err := db.Import(ctx, sample())
		if err != nil {
			t.Fatal(err)
		}
		if second.Changed() {
			t.Fatalf("second import changed something: %+v", second)
		}
		// A changed title updates exactly that measure.
		b := sample()
		b.Plans[0].Measures[2].Title = plan.Text{"en": "Information services, improved"}
		third, err := db.Import(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if third.Measures.Updated != 1 || third.Measures.Created != 0 {
			t.Errorf("third import: %+v", third.Measures)
		}
		m, err := db.GetMeasure(ctx, "AZ0038")
		if err != nil || m.Title["en"] != "Information services, improved" {
			t.Errorf("updated measure = %q, %v", m.Title["en"], err)
		}
	})
}

func TestImportRefusesBadBundleAndChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		b := sample()
		b.Plans[0].Measures[0].Area = "99"
		_, err := db.Import(ctx, b)
		var ps plan.Problems
		if !errors.As(err, &ps) || !strings.Contains(ps.Error(), "no such area") {
			t.Fatalf("err = %v, want a problem naming the area", err)
		}
		c, _ := db.Counts(ctx)
		if c != (plan.Counts{}) {
			t.Errorf("counts after refused import = %+v", c)
		}
	})
}

func TestMeasuresSortNaturallyAndFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		ctx := context.Background()
		p, err := db.GetPlan(ctx, "AZ-1")
		if err != nil {
			t.Fatal(err)
		}
		clauses := func(f plan.MeasureFilter) string {
			t.Helper()
			res, err := db.ListMeasures(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var cs []string
			for _, m := range res.Items {
				cs = append(cs, m.Clause)
			}
			return strings.Join(cs, " ")
		}
		if got, want := clauses(plan.MeasureFilter{PlanID: p.ID}), "1.1 4.1.3 4.1.10 12"; got != want {
			t.Errorf("clause order = %q, want %q", got, want)
		}
		if got, want := clauses(plan.MeasureFilter{PlanID: p.ID, Sort: plan.SortClauseDesc}), "12 4.1.10 4.1.3 1.1"; got != want {
			t.Errorf("reversed = %q, want %q", got, want)
		}
		if got, want := clauses(plan.MeasureFilter{PlanID: p.ID, NoArea: true}), "12"; got != want {
			t.Errorf("no area = %q, want %q", got, want)
		}
		// 4.1.3 runs in 2017 only; the others inherit the plan's 2016-2018.
		if got, want := clauses(plan.MeasureFilter{PlanID: p.ID, Year: 2016}), "1.1 4.1.10 12"; got != want {
			t.Errorf("year 2016 = %q, want %q", got, want)
		}
		if got, want := clauses(plan.MeasureFilter{PlanID: p.ID, Limit: 2, Offset: 1}), "4.1.3 4.1.10"; got != want {
			t.Errorf("page = %q, want %q", got, want)
		}
		years, err := db.PlanYears(ctx, p.ID)
		if err != nil || len(years) != 3 || years[0] != 2016 {
			t.Errorf("years = %v, %v", years, err)
		}
	})
}

func TestMeasureReadsEverything(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		ctx := context.Background()
		res, err := db.ListMeasures(ctx, plan.MeasureFilter{Q: "platformaya"})
		if err != nil || res.Total != 1 {
			t.Fatalf("search: %+v, %v", res, err)
		}
		m, err := db.GetMeasure(ctx, itoa(res.Items[0].ID))
		if err != nil {
			t.Fatal(err)
		}
		if m.Clause != "4.1.3" || m.Plan.ExternalID != "AZ-1" || m.Area.Number != "4" || m.Plan.Member.Slug != "azerbaijan" {
			t.Errorf("measure context = %q %q %q %q", m.Clause, m.Plan.ExternalID, m.Area.Number, m.Plan.Member.Slug)
		}
		if len(m.Values) != 2 || m.Values[1] != plan.ValueTechnology || len(m.Tags) != 1 || m.Tags[0] != "Open Data" {
			t.Errorf("values %v tags %v", m.Values, m.Tags)
		}
		if len(m.Executors) != 1 || m.Executors[0].Role != plan.RoleResponsible || m.Executors[0].Organisation.Name["en"] != "Cabinet of Ministers" {
			t.Errorf("executors = %+v", m.Executors)
		}
		if len(m.Milestones) != 2 || m.Milestones[1].Period.End.String() != "2017-06-30" {
			t.Errorf("milestones = %+v", m.Milestones)
		}
		if m.Period.Start.String() != "2017-01-01" || m.Period.Text != "2017" {
			t.Errorf("period = %+v", m.Period)
		}
		if !m.UpdatedAt.Equal(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)) {
			t.Errorf("updated at %v", m.UpdatedAt)
		}
		if _, err := db.GetMeasure(ctx, "NOPE"); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown measure: %v", err)
		}
		if _, err := db.GetPlan(ctx, "999"); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown plan: %v", err)
		}
		if _, err := db.GetOrganisation(ctx, 999); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown organisation: %v", err)
		}
	})
}

func TestMembersGroupPlansAndSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		ctx := context.Background()
		res, err := db.ListMembers(ctx, plan.MemberFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range res.Items {
			names = append(names, m.Member.Slug)
		}
		// Alphabetical by name: Azerbaijan, Buenos Aires, Zambia.
		if got, want := strings.Join(names, " "), "azerbaijan buenos-aires zambia"; got != want || res.Total != 3 {
			t.Errorf("members = %q (total %d), want %q", got, res.Total, want)
		}
		if z := res.Items[2]; len(z.Plans) != 2 || z.Plans[0].ExternalID != "ZM-1" || z.Plans[0].MeasureCount != 1 {
			t.Errorf("zambia plans = %+v", z.Plans)
		}
		for _, tt := range []struct {
			q    string
			want string
		}{
			{"second", "zambia"},         // a plan's title
			{"AZƏRBAYCAN", "azerbaijan"}, // Azerbaijani capitals
			{"fəaliyyət", "azerbaijan"},  // the Azerbaijani title
			{"zambia second", "zambia"},  // member and plan words together
			{"buenos ARGENTINA", "buenos-aires"},
			{"nothing-like-this", ""},
		} {
			res, err := db.ListMembers(ctx, plan.MemberFilter{Q: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range res.Items {
				got = append(got, m.Member.Slug)
			}
			if strings.Join(got, " ") != tt.want || res.Total != len(got) {
				t.Errorf("q=%q: %v (total %d), want %q", tt.q, got, res.Total, tt.want)
			}
		}
		plans, err := db.ListPlans(ctx, plan.PlanFilter{Member: "zambia"})
		if err != nil || plans.Total != 2 {
			t.Errorf("plans of zambia: %+v, %v", plans, err)
		}
	})
}

func TestSearchKeepsAzerbaijaniAndEnglishCapitals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		ctx := context.Background()
		for _, tt := range []struct {
			q    string
			want int
		}{
			{"İCTİMAİ", 1},     // Azerbaijani capitals find Azerbaijani text
			{"ictimai", 1},     //
			{"ICTIMAI", 0},     // I is ı in Azerbaijani: not "ictimai"
			{"INFORMATION", 1}, // English capitals find English text
			{"information", 1},
			{"Information services", 1},
			{"50%", 0}, // LIKE wildcards are literal
			{"_", 0},
		} {
			res, err := db.ListMeasures(ctx, plan.MeasureFilter{Q: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Errorf("q=%q: %d measures, want %d", tt.q, res.Total, tt.want)
			}
		}
		orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "CABINET"})
		if err != nil || orgs.Total != 1 || orgs.Items[0].MeasureCount != 1 {
			t.Errorf("organisations q=CABINET: %+v, %v", orgs, err)
		}
	})
}

func TestCountsAndHealth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		load(t, db)
		ctx := context.Background()
		c, err := db.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := (plan.Counts{Members: 3, Plans: 3, Measures: 5, Organisations: 2}); c != want {
			t.Errorf("counts = %+v, want %+v", c, want)
		}
		if err := db.Ping(ctx); err != nil {
			t.Errorf("ping: %v", err)
		}
		cur, latest, err := db.SchemaVersion(ctx)
		if err != nil || cur != latest || cur < 1 {
			t.Errorf("schema version %d of %d, %v", cur, latest, err)
		}
	})
}

func TestTransactRollsBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO members (slug, name, kind, created_at, updated_at) VALUES ('x', '{}', 'country', 'now', 'now')`); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if c, _ := db.Counts(ctx); c.Members != 0 {
			t.Errorf("members after rollback = %d", c.Members)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

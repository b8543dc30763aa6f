package store_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/opendata"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestVerifyContentFindsDirectEdits loads the demo data, edits through
// ogpp, and checks that nothing is reported; then changes rows in the
// database directly, as someone with its password could, and checks each
// is named.
func TestVerifyContentFindsDirectEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		bundles, err := opendata.DemoBundles()
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bundles {
			if _, err := db.Import(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		p, err := db.GetPlan(ctx, opendata.AzerbaijanNAPID)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: "1.1"})
		if err != nil || len(ms.Items) == 0 {
			t.Fatalf("measure 1.1: %v", err)
		}
		m := ms.Items[0]
		var executors []plan.ExecutorRef
		for _, x := range m.Executors {
			executors = append(executors, plan.ExecutorRef{OrganisationID: x.OrganisationID, Role: x.Role})
		}
		edit := plan.MeasureEdit{PlanID: m.PlanID, AreaID: m.AreaID, Clause: m.Clause, ExternalID: m.ExternalID,
			Title: plan.Text{"az": "Elektron xidmətlərin siyahısının təkmilləşdirilməsi", "en": m.Title["en"]}, Description: m.Description,
			Indicator: m.Indicator, PeriodText: m.Period.Text, Values: m.Values, Tags: m.Tags, Executors: executors,
			Source: m.Source, SourceURL: m.SourceURL, Version: m.Version}
		if err := db.UpdateMeasure(ctx, coordinator, m.ID, edit); err != nil {
			t.Fatal(err)
		}
		admin := audit.WithActor(ctx, audit.System("test"))
		uid, err := db.CreateUser(admin, account.User{Email: "monitor@example.org", Name: "Monitor", Role: account.RoleMonitor,
			PasswordHash: "x", CreatedAt: auditT0, UpdatedAt: auditT0})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetPasswordHash(admin, uid, "y", auditT0, ""); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 0 {
			t.Fatalf("%d problems in content written by ogpp, first: %v", len(problems), problems[0])
		}

		// Behind ogpp's back: a measure's title, a user's role, an
		// organisation's name.
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Member: "azerbaijan", Limit: 1})
		for _, q := range []string{
			`UPDATE measures SET title = '{"az":"Saxta"}' WHERE id = ` + itoa(m.ID),
			`UPDATE users SET role = 'admin' WHERE id = ` + itoa(uid),
			`UPDATE organisations SET name = '{"az":"Saxta Nazirlik"}' WHERE id = ` + itoa(orgs.Items[0].ID),
		} {
			if err := db.Transact(ctx, func(tx *sql.Tx) error { _, err := tx.Exec(q); return err }); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		problems, err = db.VerifyContent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range problems {
			got = append(got, p.String())
		}
		report := strings.Join(got, "\n")
		// The renamed organisation also changes what the measures it
		// executes say, and they are reported too.
		executes, _ := db.ListMeasures(ctx, plan.MeasureFilter{OrganisationID: orgs.Items[0].ID, Limit: 1000})
		want := 3 + executes.Total
		if slices.ContainsFunc(executes.Items, func(x plan.Measure) bool { return x.ID == m.ID }) {
			want--
		}
		if len(problems) != want {
			t.Fatalf("%d problems, want %d:\n%s", len(problems), want, report)
		}
		for _, want := range []string{
			"organisation " + itoa(orgs.Items[0].ID) + " (",
			"measure " + itoa(m.ID) + " (AZ-NAP-2016-2018 " + m.Clause + "): its content does not match",
			"user " + itoa(uid) + " (monitor@example.org): it differs from what the audit log last recorded (role admin, recorded monitor)",
		} {
			if !strings.Contains(report, want) {
				t.Errorf("report lacks %q:\n%s", want, report)
			}
		}
	})
}

// TestVerifyContentAfterImportWithRepeatedExecutor imports a measure that
// names one body twice, spelt two ways: the body is stored once, and the
// fingerprint must say so, or verify would call fresh data tampered with.
func TestVerifyContentAfterImportWithRepeatedExecutor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Import(ctx, sample()); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 0 {
			t.Fatalf("after import: %v, %v", problems, err)
		}
		report, err := db.Import(ctx, sample())
		if err != nil || report.Changed() {
			t.Errorf("re-import: %+v, %v", report, err)
		}
	})
}

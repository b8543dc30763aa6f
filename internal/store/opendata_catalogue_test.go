package store_test

import (
	"context"
	"testing"
	"time"

	"ogpp/internal/events"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/portal"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestLastUpdatedFollowsWhatThePublicSees checks the dates the open-data
// page shows: the registry's data sets date from the import, an unpublished
// round dates nothing, and publishing it dates the assessments data set
// and lists the round; empty data sets have no date.
func TestLastUpdatedFollowsWhatThePublicSees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		empty, err := db.LastUpdated(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(empty) != 0 {
			t.Errorf("an empty database has dates %v", empty)
		}

		f := monitorFixture(t, db)
		got, err := db.LastUpdated(ctx)
		if err != nil {
			t.Fatal(err)
		}
		imported := auditT0 // tick's first time stamps the import
		for _, set := range []portal.DataSet{portal.OGPMembers, portal.Plans, portal.Measures, portal.Organisations} {
			if !got[set].Equal(imported) {
				t.Errorf("%s last updated %v, want the import's %v", set, got[set], imported)
			}
		}
		for _, set := range []portal.DataSet{portal.Assessments, portal.Events, portal.Scorecards, portal.Media, portal.Appeals, portal.PlatformMembers, portal.Activities} {
			if d, ok := got[set]; ok {
				t.Errorf("%s has a date %v with nothing public in it", set, d)
			}
		}
		rounds, err := db.PublishedRounds(ctx)
		if err != nil || len(rounds) != 0 {
			t.Fatalf("published rounds before publishing = %v, %v", rounds, err)
		}

		// Publishing the round is a change the public sees, at the clock's time.
		at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
		db.Now = func() time.Time { return at }
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.LastUpdated(ctx); !got[portal.Assessments].IsZero() {
			t.Errorf("a closed round dates the assessments: %v", got[portal.Assessments])
		}
		at = at.Add(time.Hour)
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundPublished, 2); err != nil {
			t.Fatal(err)
		}
		got, err = db.LastUpdated(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !got[portal.Assessments].Equal(at) {
			t.Errorf("assessments last updated %v, want %v", got[portal.Assessments], at)
		}
		rounds, err = db.PublishedRounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rounds) != 1 || rounds[0].ID != f.round || rounds[0].PlanID != f.plan.ID || !rounds[0].UpdatedAt.Equal(at) {
			t.Errorf("published rounds = %+v, want round %d of plan %d at %v", rounds, f.round, f.plan.ID, at)
		}

		// An event and a media item date their data sets; the others keep theirs.
		at = at.Add(24 * time.Hour)
		if _, err := db.CreateEvent(ctx, coordinator, events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Budget round table"},
			Start: "2026-12-01T10:00", Status: events.Planned}); err != nil {
			t.Fatal(err)
		}
		at = at.Add(time.Hour)
		if _, err := db.CreateMedia(ctx, coordinator, platform.MediaEdit{Outlet: "Turan", Kind: platform.MediaArticle, PublishedOn: "2026-11-20",
			Title: "The platform asks", URL: "https://example.org/turan/1", Today: plan.Date{Year: 2026, Month: 11, Day: 21}}); err != nil {
			t.Fatal(err)
		}
		got, err = db.LastUpdated(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !got[portal.Events].Equal(at.Add(-time.Hour)) || !got[portal.Media].Equal(at) || !got[portal.Plans].Equal(imported) {
			t.Errorf("events %v, media %v, plans %v; want %v, %v, %v", got[portal.Events], got[portal.Media], got[portal.Plans],
				at.Add(-time.Hour), at, imported)
		}
	})
}

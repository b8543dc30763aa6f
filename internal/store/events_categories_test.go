package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
	"ogpp/internal/survey"
	"ogpp/internal/survey/surveytest"
)

// labels is a category label in the three languages.
func labels(az, en, ru string) plan.Text { return plan.Text{"az": az, "en": en, "ru": ru} }

// TestEventCategoriesKeptByCoordinators checks the seeded defaults, adding,
// renaming, reordering and deactivating a category, that registrations and
// head counts refuse codes not kept (and registrations ones no longer
// offered), and that a used category cannot be deleted.
func TestEventCategoriesKeptByCoordinators(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return eventsNow }
		ctx := context.Background()
		actor := audit.System("test")
		cats, err := db.ListCategories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := cats.Codes(); len(got) != 8 || got[0] != events.MemberNGO || got[7] != events.OtherCategory {
			t.Fatalf("seeded categories: %v", got)
		}
		if l := cats.Label(events.StateBody); l["az"] != "Dövlət orqanı" || l["ru"] != "Государственный орган" {
			t.Errorf("state body's label: %v", l)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("seeded fingerprints: %v %v", problems, err)
		}

		// Adding: every language's label and a well-formed, new code.
		var fe plan.FieldErrors
		if err := db.CreateCategory(ctx, actor, events.CategoryEdit{Code: "academia", Label: plan.Text{"en": "Academia"}}); !errors.As(err, &fe) || fe["label-az"] == "" {
			t.Errorf("without az label: %v", err)
		}
		if err := db.CreateCategory(ctx, actor, events.CategoryEdit{Code: "Bad code", Label: labels("a", "b", "c")}); !errors.As(err, &fe) || fe["code"] == "" {
			t.Errorf("bad code: %v", err)
		}
		if err := db.CreateCategory(ctx, actor, events.CategoryEdit{Code: events.Media, Label: labels("a", "b", "c")}); !errors.As(err, &fe) || fe["code"] != "events.categories.code.taken" {
			t.Errorf("taken code: %v", err)
		}
		if err := db.CreateCategory(ctx, actor, events.CategoryEdit{Code: "academia", Label: labels("Akademik dairələr", "Academia", "Академические круги")}); err != nil {
			t.Fatal(err)
		}
		// Moving it up one place, then renaming media and deactivating it.
		if err := db.MoveCategory(ctx, actor, "academia", true); err != nil {
			t.Fatal(err)
		}
		cats, _ = db.ListCategories(ctx)
		if got := cats.Codes(); got[7] != "academia" || got[8] != events.OtherCategory {
			t.Errorf("after moving up: %v", got)
		}
		var media events.CategoryInfo
		for _, c := range cats {
			if c.Code == events.Media {
				media = c
			}
		}
		if err := db.UpdateCategory(ctx, actor, events.Media, events.CategoryEdit{Label: labels("KİV", "Press", "Пресса"), Active: false, Version: media.Version}); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[events.CategoryInfo]
		if err := db.UpdateCategory(ctx, actor, events.Media, events.CategoryEdit{Label: labels("a", "b", "c"), Active: true, Version: media.Version}); !errors.As(err, &conflict) {
			t.Errorf("stale version: %v", err)
		}

		// Registrations: a category no longer offered and an unknown one
		// are refused; the new one is taken.
		id := newEvent(t, db, events.RoundTable, "Bakı", "2026-12-01T10:00", events.Planned, 0)
		for _, c := range []events.Category{events.Media, "astronauts"} {
			_, _, err := db.Register(ctx, id, events.Registrant{Name: "Leyla", Category: c, Consent: true})
			if !errors.As(err, &fe) || fe["category"] != "events.category.unknown" {
				t.Errorf("register as %s: %v", c, err)
			}
		}
		register(t, db, id, "Leyla", "academia", "c1")
		// Head counts: an inactive category may still be counted, an
		// unknown one may not.
		five := 5
		if err := db.SetHeadCounts(ctx, actor, id, map[events.Category]*int{events.Media: &five}); err != nil {
			t.Errorf("head count of an inactive category: %v", err)
		}
		if err := db.SetHeadCounts(ctx, actor, id, map[events.Category]*int{"astronauts": &five}); !errors.As(err, &fe) {
			t.Errorf("head count of an unknown category: %v", err)
		}

		// Used categories stay; an unused one goes.
		for _, c := range []events.Category{"academia", events.Media} {
			if err := db.DeleteCategory(ctx, actor, c); !errors.As(err, &fe) || fe["category"] != "events.categories.in_use" {
				t.Errorf("delete used %s: %v", c, err)
			}
		}
		if err := db.DeleteCategory(ctx, actor, events.Business); err != nil {
			t.Fatal(err)
		}
		cats, _ = db.ListCategories(ctx)
		if cats.Has(events.Business) || !cats.Has(events.Media) || cats.Offers(events.Media) || cats.Label(events.Media)["en"] != "Press" {
			t.Errorf("after the changes: %+v", cats)
		}
		for _, c := range cats {
			if c.Code == "academia" && c.Used != 1 {
				t.Errorf("academia used %d times, want 1", c.Used)
			}
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Errorf("fingerprints after the changes: %v %v", problems, err)
		}
	})
}

// TestDeletingWorkHidesAndRestores soft-deletes an event with a
// registration and a survey with a response: they leave every list, the
// deleted lists name them, and restoring brings them back with what they
// held.
func TestDeletingWorkHidesAndRestores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		db.Now = func() time.Time { return eventsNow }
		ctx := context.Background()
		actor := audit.System("test")
		id := newEvent(t, db, events.RoundTable, "Bakı", "2026-12-01T10:00", events.Planned, 0)
		register(t, db, id, "Leyla", events.Media, "c1")
		var conflict *plan.ConflictError[events.Event]
		if err := db.DeleteEvent(ctx, actor, id, 0); !errors.As(err, &conflict) {
			t.Errorf("stale delete: %v", err)
		}
		ev, _ := db.GetEvent(ctx, id)
		if err := db.DeleteEvent(ctx, actor, id, ev.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetEvent(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted event read: %v", err)
		}
		if list, _ := db.ListEvents(ctx, events.Filter{}); len(list) != 0 {
			t.Errorf("deleted event listed: %v", list)
		}
		if _, _, err := db.Register(ctx, id, events.Registrant{Name: "X", Category: events.Media, Consent: true}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("register for a deleted event: %v", err)
		}
		deleted, err := db.ListDeletedEvents(ctx)
		if err != nil || len(deleted) != 1 || deleted[0].ID != id || deleted[0].Context != "2026-12-01 Bakı" {
			t.Fatalf("deleted events: %+v %v", deleted, err)
		}
		if err := db.RestoreEvent(ctx, actor, id); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreEvent(ctx, actor, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restoring a live event: %v", err)
		}
		if ev, err := db.GetEvent(ctx, id); err != nil || ev.Registered != 1 {
			t.Errorf("restored event: %+v %v", ev, err)
		}

		sid, err := db.CreateSurvey(ctx, actor, surveytest.Entrepreneurs())
		if err != nil {
			t.Fatal(err)
		}
		sv, _ := db.GetSurvey(ctx, sid)
		if err := db.DeleteSurvey(ctx, actor, sid, sv.Version); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.ListSurveys(ctx); len(list) != 0 {
			t.Errorf("deleted survey listed")
		}
		if _, err := db.AddResponse(ctx, actor, sid, survey.NewResponse{}); err == nil {
			t.Errorf("a deleted survey took a response")
		}
		if deleted, _ := db.ListDeletedSurveys(ctx); len(deleted) != 1 || deleted[0].Title.IsEmpty() {
			t.Errorf("deleted surveys: %+v", deleted)
		}
		if err := db.RestoreSurvey(ctx, actor, sid); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetSurvey(ctx, sid); err != nil {
			t.Errorf("restored survey: %v", err)
		}
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: events.EntityEvent, Action: audit.ActionDelete})
		if err != nil || len(entries) != 1 {
			t.Errorf("audit of the deletion: %d %v", len(entries), err)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Errorf("fingerprints: %v %v", problems, err)
		}
	})
}

package store_test

import (
	"context"
	"errors"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// Two monitors, so that one can review what the other wrote.
var (
	monitorA = audit.Actor{UserID: 21, Name: "aysel@example.org"}
	monitorB = audit.Actor{UserID: 22, Name: "rauf@example.org"}
)

// roundName has every Azerbaijani letter that case folding gets wrong.
var roundName = plan.Text{"az": "2017-ci il aralıq qiymətləndirməsi: İctimai şuralar, ŞƏFFAFLIQ, ğ ö ü ç", "en": "2017 mid-term"}

// monitorFix is the sample registry with an open round of its plan AZ-1.
type monitorFix struct {
	plan     plan.Plan
	round    int64
	measures map[string]plan.Measure // by clause, with milestones
}

// monitorSample is the sample registry without its measure that names one
// executor twice: the importer keeps that body once, and the measure's
// fingerprint, computed from the bundle, then differs from what
// VerifyContent recomputes from the rows (a registry matter, apart from
// monitoring), which would hide what these tests check.
func monitorSample() *plan.Bundle {
	b := sample()
	m := &b.Plans[0].Measures[1]
	m.Executors = m.Executors[:1]
	return b
}

func monitorFixture(t *testing.T, db *store.DB) monitorFix {
	t.Helper()
	ctx := context.Background()
	loadMonitoring(t, db)
	tick(db)
	p, err := db.GetPlan(ctx, "AZ-1")
	if err != nil {
		t.Fatal(err)
	}
	f := monitorFix{plan: p, measures: map[string]plan.Measure{}}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms.Items {
		full, err := db.GetMeasure(ctx, itoa(m.ID))
		if err != nil {
			t.Fatal(err)
		}
		f.measures[m.Clause] = full
	}
	if f.round, err = db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: p.ID, Name: roundName, Kind: monitor.KindMidTerm, PeriodText: "2017"}); err != nil {
		t.Fatalf("create round: %v", err)
	}
	return f
}

// loadMonitoring imports monitorSample.
func loadMonitoring(t *testing.T, db *store.DB) {
	t.Helper()
	tick(db)
	if _, err := db.Import(context.Background(), monitorSample()); err != nil {
		t.Fatalf("import: %v", err)
	}
}

func TestRounds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := monitorFixture(t, db)
		n := auditCount(t, db)
		r, err := db.GetRound(ctx, f.round)
		if err != nil {
			t.Fatal(err)
		}
		if r.Name["az"] != roundName["az"] || r.Kind != monitor.KindMidTerm || r.Status != monitor.RoundOpen || r.Version != 1 ||
			r.Period.Text != "2017" || r.Period.End.String() != "2017-12-31" || r.PlanID != f.plan.ID || r.Frozen() {
			t.Errorf("created round = %+v", r)
		}
		if e := lastEntry(t, db, audit.EntityRound, f.round); e.Action != audit.ActionCreate || e.Actor != coordinator {
			t.Errorf("create entry = %+v", e)
		}

		// An update from the current version; the same version again is stale.
		edit := monitor.RoundEdit{PlanID: f.plan.ID, Name: plan.Text{"az": roundName["az"], "en": "Mid-term 2017"}, Kind: monitor.KindMidTerm, PeriodText: "2017", Version: 1}
		if err := db.UpdateRound(ctx, coordinator, f.round, edit); err != nil {
			t.Fatalf("update: %v", err)
		}
		n = wantOneEntry(t, db, n)
		edit.Name = plan.EN("Someone else's name")
		err = db.UpdateRound(ctx, coordinator, f.round, edit)
		var conflict *plan.ConflictError[monitor.Round]
		if !errors.As(err, &conflict) || conflict.Current.Version != 2 || conflict.Current.Name["en"] != "Mid-term 2017" {
			t.Fatalf("stale update = %v", err)
		}
		edit.Version, edit.PlanID = 2, f.plan.ID+100
		var fe plan.FieldErrors
		if err := db.UpdateRound(ctx, coordinator, f.round, edit); !errors.As(err, &fe) || fe["plan"] == "" {
			t.Errorf("moving a round to another plan = %v", err)
		}
		if _, err := db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: f.plan.ID, Kind: "weekly", PeriodText: "2019-13-45"}); !errors.As(err, &fe) || len(fe) != 3 {
			t.Errorf("invalid round = %v", err)
		}
		n = wantOneEntry(t, db, n-1)

		// Status moves only along the round's life.
		version := 2
		for _, step := range []struct {
			to monitor.RoundStatus
			ok bool
		}{
			{monitor.RoundPublished, false}, {monitor.RoundClosed, true}, {monitor.RoundPublished, true}, {monitor.RoundOpen, false},
			{monitor.RoundClosed, true}, {monitor.RoundOpen, true},
		} {
			err := db.SetRoundStatus(ctx, coordinator, f.round, step.to, version)
			if step.ok != (err == nil) || !step.ok && !errors.Is(err, monitor.ErrBadTransition) {
				t.Fatalf("move to %s from v%d = %v", step.to, version, err)
			}
			if step.ok {
				version++
				n = wantOneEntry(t, db, n)
			}
		}
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundClosed, version-1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale status move = %v", err)
		}
		entry := lastEntry(t, db, audit.EntityRound, f.round)
		changes, err := audit.Diff(entry.Before, entry.After)
		if err != nil || len(changes) != 1 || changes[0].Path != "status" {
			t.Errorf("status diff = %v, %v", changes, err)
		}

		// Rounds come in the order of their periods; the public sees the published ones.
		later, err := db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: f.plan.ID, Name: plan.EN("End of term"), Kind: monitor.KindEndOfTerm, PeriodText: "2016-2018"})
		if err != nil {
			t.Fatal(err)
		}
		earlier, err := db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: f.plan.ID, Name: plan.EN("Start"), Kind: monitor.KindCustom, PeriodText: "2016"})
		if err != nil {
			t.Fatal(err)
		}
		undated, err := db.CreateRound(ctx, coordinator, monitor.RoundEdit{PlanID: f.plan.ID, Name: plan.EN("Someday"), Kind: monitor.KindCustom})
		if err != nil {
			t.Fatal(err)
		}
		rounds, err := db.ListRounds(ctx, f.plan.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range rounds {
			ids = append(ids, r.ID)
		}
		// 2016 and 2016-2018 start the same day: the shorter first.
		if want := []int64{earlier, later, f.round, undated}; !equalIDs(ids, want) {
			t.Errorf("round order = %v, want %v", ids, want)
		}
		if err := db.SetRoundStatus(ctx, coordinator, later, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundStatus(ctx, coordinator, later, monitor.RoundPublished, 2); err != nil {
			t.Fatal(err)
		}
		public, err := db.ListRounds(ctx, f.plan.ID, true)
		if err != nil || len(public) != 1 || public[0].ID != later || !public[0].Public() {
			t.Errorf("published rounds = %+v, %v", public, err)
		}
		if _, err := db.GetRound(ctx, 999999); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown round = %v", err)
		}
		if err := db.SetRoundStatus(ctx, coordinator, 999999, monitor.RoundClosed, 1); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("status of an unknown round = %v", err)
		}
		wantCleanContent(t, db)
	})
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// wantCleanContent checks that every row matches its fingerprint and the
// audit chain holds.
func wantCleanContent(t *testing.T, db *store.DB) {
	t.Helper()
	problems, err := db.VerifyContent(context.Background())
	if err != nil || len(problems) > 0 {
		t.Fatalf("verify content = %v, %v", problems, err)
	}
	auditCount(t, db)
}

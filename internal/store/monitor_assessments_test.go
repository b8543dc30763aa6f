package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func yes() *bool { b := true; return &b }

// narrative is Azerbaijani markdown, to check it round-trips.
const narrative = "**İcra** olunub: şəffaflıq portalı açılıb, ictimai şuraların ərizələri qəbul edilir. IĞDIR, Ölkə, Üzv, Çağırış."

// assessEdit is a full rating of measure m in round.
func assessEdit(round int64, m plan.Measure, c monitor.Completion, version int) monitor.AssessmentEdit {
	e := monitor.AssessmentEdit{RoundID: round, MeasureID: m.ID, Version: version, Rating: monitor.Rating{Completion: c, Verifiable: yes(),
		Relevance: []plan.OGPValue{plan.ValueTechnology, plan.ValueCivicParticipation}, Impact: monitor.ImpactTransformative,
		Opened: monitor.OpenedMajor, EarlyResults: monitor.ResultsModerate, Narrative: narrative},
		Links: []monitor.LinkEdit{{Title: "Nazirlər Kabinetinin qərarı", URL: "https://cabmin.gov.az/az/document/1", Accessed: "2017-06-01"}}}
	for _, ms := range m.Milestones {
		e.Milestones = append(e.Milestones, monitor.MilestoneCompletion{MilestoneID: ms.ID, Completion: monitor.Substantial})
	}
	return e
}

func TestAssessmentSavesAndReview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := monitorFixture(t, db)
		m := f.measures["4.1.3"]
		if len(m.Milestones) != 2 {
			t.Fatalf("fixture measure has %d milestones", len(m.Milestones))
		}
		n := auditCount(t, db)

		// The first save creates the assessment, as a draft.
		a, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, m, monitor.Limited, 0))
		if err != nil {
			t.Fatalf("first save: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if a.Version != 1 || a.Status != monitor.ReviewDraft || a.AuthorName != monitorA.Name || a.AuthorID != monitorA.UserID ||
			a.Narrative != narrative || a.Completion != monitor.Limited || a.Starred() || len(a.Milestones) != 2 ||
			len(a.Relevance) != 2 || a.Relevance[0] != plan.ValueCivicParticipation || !a.RelevanceRated || *a.Verifiable != true {
			t.Errorf("first save = %+v", a)
		}
		if len(a.Evidence) != 1 || a.Evidence[0].Kind != monitor.EvidenceLink || a.Evidence[0].AccessedOn.String() != "2017-06-01" ||
			a.Evidence[0].Title != "Nazirlər Kabinetinin qərarı" {
			t.Errorf("links = %+v", a.Evidence)
		}
		if e := lastEntry(t, db, audit.EntityAssessment, a.ID); e.Action != audit.ActionCreate || !strings.Contains(string(e.After), `"measure":"4.1.3"`) ||
			!strings.Contains(string(e.After), `"plan":"AZ-1"`) || !strings.Contains(string(e.After), `"number":2`) {
			t.Errorf("create entry = %s", e.After)
		}

		// Every save is a new version; a save from an old version is refused.
		a, err = db.SaveAssessment(ctx, monitorA, assessEdit(f.round, m, monitor.Substantial, 1))
		if err != nil || a.Version != 2 || a.Completion != monitor.Substantial || !a.Starred() {
			t.Fatalf("second save = %+v, %v", a, err)
		}
		n = wantOneEntry(t, db, n)
		for _, v := range []int{1, 0} {
			_, err = db.SaveAssessment(ctx, monitorB, assessEdit(f.round, m, monitor.Complete, v))
			var conflict *plan.ConflictError[monitor.Assessment]
			if !errors.As(err, &conflict) || conflict.Current.Version != 2 || conflict.Current.Completion != monitor.Substantial {
				t.Fatalf("save from version %d = %v", v, err)
			}
		}
		versions, err := db.AssessmentVersions(ctx, a.ID)
		if err != nil || len(versions) != 2 || versions[0].Version != 2 || versions[1].Version != 1 || versions[1].Rating.Completion != monitor.Limited {
			t.Fatalf("versions = %+v, %v", versions, err)
		}

		// What the database alone can check.
		var fe plan.FieldErrors
		other := assessEdit(f.round, m, monitor.Limited, 2)
		other.Milestones = []monitor.MilestoneCompletion{{MilestoneID: 999999, Completion: monitor.Limited}}
		if _, err := db.SaveAssessment(ctx, monitorA, other); !errors.As(err, &fe) || fe["milestones"] != "monitor.milestones.unknown" {
			t.Errorf("another measure's milestone = %v", err)
		}
		zambia, err := db.GetMeasure(ctx, "ZM0001")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, zambia, monitor.Limited, 0)); !errors.As(err, &fe) || fe["measure"] != "monitor.measure.other_plan" {
			t.Errorf("another plan's measure = %v", err)
		}
		if _, err := db.SaveAssessment(ctx, monitorA, monitor.AssessmentEdit{RoundID: f.round, MeasureID: m.ID}); !errors.As(err, &fe) || fe["completion"] == "" {
			t.Errorf("no completion = %v", err)
		}
		if _, err := db.SaveAssessment(ctx, monitorA, assessEdit(999999, m, monitor.Limited, 0)); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown round = %v", err)
		}
		n = wantOneEntry(t, db, n-1)

		// Review: submit, return with a comment, submit, approve by another.
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, true, "", 2); !errors.Is(err, monitor.ErrBadTransition) {
			t.Errorf("approving a draft = %v", err)
		}
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 1); !errors.Is(err, plan.ErrConflict) {
			t.Errorf("stale submit = %v", err)
		}
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 2); err != nil {
			t.Fatalf("submit: %v", err)
		}
		n = wantOneEntry(t, db, n)
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 2); !errors.Is(err, monitor.ErrBadTransition) {
			t.Errorf("submitting twice = %v", err)
		}
		if err := db.ReviewAssessment(ctx, monitorA, a.ID, true, "", 2); !errors.Is(err, monitor.ErrOwnWork) {
			t.Errorf("approving one's own = %v", err)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, false, "  ", 2); !errors.As(err, &fe) || fe["comment"] != "monitor.comment.required" {
			t.Errorf("returning without a comment = %v", err)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, false, "Mənbə göstərilməyib", 2); err != nil {
			t.Fatalf("return: %v", err)
		}
		n = wantOneEntry(t, db, n)
		a, _ = db.AssessmentByID(ctx, a.ID)
		if a.Status != monitor.ReviewReturned || a.ReviewComment != "Mənbə göstərilməyib" || a.ReviewerName != monitorB.Name {
			t.Errorf("returned = %+v", a)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, true, "", 2); !errors.Is(err, monitor.ErrBadTransition) {
			t.Errorf("approving a returned one = %v", err)
		}
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 2); err != nil {
			t.Fatalf("submit again: %v", err)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, true, "", 2); err != nil {
			t.Fatalf("approve: %v", err)
		}
		n = wantOneEntry(t, db, n+1)
		public, err := db.RoundAssessments(ctx, f.round, true)
		if err != nil || len(public) != 1 || public[m.ID].Version != 2 || public[m.ID].Status != monitor.ReviewApproved || public[m.ID].ReviewerName != monitorB.Name {
			t.Fatalf("approved = %+v, %v", public, err)
		}

		// A new draft leaves the approved version public.
		if _, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, m, monitor.Complete, 2)); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		public, _ = db.RoundAssessments(ctx, f.round, true)
		current, _ := db.RoundAssessments(ctx, f.round, false)
		if p, c := public[m.ID], current[m.ID]; p.Version != 2 || p.Completion != monitor.Substantial || p.Status != monitor.ReviewApproved ||
			c.Version != 3 || c.Completion != monitor.Complete || c.Status != monitor.ReviewDraft {
			t.Errorf("public %+v\ncurrent %+v", p, c)
		}
		versions, _ = db.AssessmentVersions(ctx, a.ID)
		var statuses []string
		for _, v := range versions {
			statuses = append(statuses, string(v.Status))
		}
		if got := strings.Join(statuses, " "); got != "draft approved draft" {
			t.Errorf("version statuses = %s", got)
		}
		got, err := db.GetAssessment(ctx, f.round, m.ID)
		if err != nil || got.ID != a.ID || got.Version != 3 {
			t.Errorf("get = %+v, %v", got, err)
		}
		if _, err := db.GetAssessment(ctx, f.round, f.measures["12"].ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unassessed = %v", err)
		}
		r, _ := db.GetRound(ctx, f.round)
		if r.Assessed != 1 || r.Approved != 1 {
			t.Errorf("round counts = %d, %d", r.Assessed, r.Approved)
		}

		// The history: the public sees published rounds only.
		if h, err := db.MeasureHistory(ctx, m.ID, true); err != nil || len(h) != 0 {
			t.Errorf("public history of an open round = %+v, %v", h, err)
		}
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)

		// A closed round is frozen.
		for what, err := range map[string]error{
			"save": func() error {
				_, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, m, monitor.Complete, 3))
				return err
			}(),
			"submit": db.SubmitAssessment(ctx, monitorA, a.ID, 3),
			"review": db.ReviewAssessment(ctx, monitorB, a.ID, true, "", 3),
			"file": func() error {
				_, err := db.AddEvidenceFile(ctx, monitorA, a.ID, monitor.FileUpload{Name: "a.pdf", Data: []byte("%PDF-1.4\n")})
				return err
			}(),
		} {
			if !errors.Is(err, monitor.ErrFrozen) {
				t.Errorf("%s in a closed round = %v", what, err)
			}
		}
		n = wantOneEntry(t, db, n-1)
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundPublished, 2); err != nil {
			t.Fatal(err)
		}
		h, err := db.MeasureHistory(ctx, m.ID, true)
		if err != nil || len(h) != 1 || h[0].Round.ID != f.round || h[0].Assessment.Version != 2 || h[0].Assessment.Completion != monitor.Substantial {
			t.Errorf("public history = %+v, %v", h, err)
		}
		h, err = db.MeasureHistory(ctx, m.ID, false)
		if err != nil || len(h) != 1 || h[0].Assessment.Version != 3 {
			t.Errorf("history = %+v, %v", h, err)
		}
		wantCleanContent(t, db)

		// A rating changed behind ogpp's back is named.
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE assessment_versions SET completion = 'complete' WHERE assessment_id = ` + itoa(a.ID) + ` AND version = 2`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != audit.EntityAssessment || problems[0].ID != a.ID ||
			!strings.Contains(problems[0].Name, "AZ-1 4.1.3 in "+roundName.String()+", version 2") {
			t.Errorf("problems = %v, %v", problems, err)
		}
	})
}

// TestConcurrentSaves has several monitors save the same assessment from
// the same version at once: one save wins, the others are conflicts, and
// no version number is used twice.
func TestConcurrentSaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := monitorFixture(t, db)
		m := f.measures["12"]
		for _, from := range []int{0, 1} {
			const n = 4
			errs := make(chan error, n)
			for i := range n {
				go func() {
					actor := audit.Actor{UserID: int64(100 + i), Name: "monitor" + itoa(int64(i)) + "@example.org"}
					_, err := db.SaveAssessment(ctx, actor, assessEdit(f.round, m, monitor.Limited, from))
					errs <- err
				}()
			}
			won := 0
			for range n {
				err := <-errs
				switch {
				case err == nil:
					won++
				case !errors.Is(err, plan.ErrConflict):
					t.Errorf("save from version %d: %v", from, err)
				}
			}
			if won != 1 {
				t.Errorf("%d saves from version %d won, want 1", won, from)
			}
		}
		a, err := db.GetAssessment(ctx, f.round, m.ID)
		if err != nil || a.Version != 2 {
			t.Errorf("after the races: %+v, %v", a, err)
		}
		wantCleanContent(t, db)
	})
}

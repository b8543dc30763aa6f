package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// A small but real PDF, as far as content sniffing goes.
var pdf = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func fileNames(es []monitor.Evidence) []string {
	var out []string
	for _, e := range es {
		if e.Kind == monitor.EvidenceFile {
			out = append(out, e.FileName)
		}
	}
	return out
}

func TestEvidenceFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := monitorFixture(t, db)
		m := f.measures["1.1"]
		a, err := db.SaveAssessment(ctx, monitorA, assessEdit(f.round, m, monitor.Limited, 0))
		if err != nil {
			t.Fatal(err)
		}
		n := auditCount(t, db)

		// Files are judged by their content, not their name.
		ev, err := db.AddEvidenceFile(ctx, monitorA, a.ID, monitor.FileUpload{Name: `C:\Sənədlər\Hesabat 2017.pdf`, Data: pdf})
		if err != nil {
			t.Fatalf("add pdf: %v", err)
		}
		n = wantOneEntry(t, db, n)
		sum := sha256.Sum256(pdf)
		if ev.ID == 0 || ev.FileName != "Hesabat 2017.pdf" || ev.ContentType != "application/pdf" || ev.Size != int64(len(pdf)) ||
			ev.SHA256 != hex.EncodeToString(sum[:]) || ev.AddedBy != monitorA.Name || ev.AddedAt.IsZero() {
			t.Errorf("added = %+v", ev)
		}
		var fe plan.FieldErrors
		html := []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
		if _, err := db.AddEvidenceFile(ctx, monitorA, a.ID, monitor.FileUpload{Name: "report.pdf", Data: html}); !errors.As(err, &fe) || fe["file"] != "monitor.file.type" {
			t.Errorf("html named .pdf = %v", err)
		}
		if _, err := db.AddEvidenceFile(ctx, monitorA, 999999, monitor.FileUpload{Name: "a.pdf", Data: pdf}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("file for an unknown assessment = %v", err)
		}
		n = wantOneEntry(t, db, n-1)
		got, data, owner, err := db.EvidenceFile(ctx, ev.ID)
		if err != nil || !bytes.Equal(data, pdf) || got.SHA256 != ev.SHA256 || owner.ID != a.ID || got.AddedAt != ev.AddedAt {
			t.Fatalf("evidence file = %+v, %d bytes, %d, %v", got, len(data), owner.ID, err)
		}
		a, _ = db.AssessmentByID(ctx, a.ID)
		if len(a.Evidence) != 2 || a.Evidence[0].Kind != monitor.EvidenceLink || a.Evidence[1].ID != ev.ID {
			t.Errorf("evidence = %+v", a.Evidence)
		}

		// Approved with the file; removing it makes a new draft without
		// it, while the approved version keeps it.
		if err := db.SubmitAssessment(ctx, monitorA, a.ID, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.ReviewAssessment(ctx, monitorB, a.ID, true, "Yaxşıdır", 1); err != nil {
			t.Fatal(err)
		}
		n = auditCount(t, db)
		if err := db.RemoveEvidence(ctx, monitorA, a.ID, ev.ID); err != nil {
			t.Fatalf("remove: %v", err)
		}
		n += 2 // the new draft version and the removal
		if got := auditCount(t, db); got != n {
			t.Errorf("audit entries = %d, want %d", got, n)
		}
		if e := lastEntry(t, db, audit.EntityEvidence, ev.ID); e.Action != audit.ActionDelete {
			t.Errorf("remove entry = %+v", e)
		}
		current, _ := db.AssessmentByID(ctx, a.ID)
		if current.Version != 2 || current.Status != monitor.ReviewDraft || current.AuthorName != monitorA.Name || len(fileNames(current.Evidence)) != 0 ||
			current.Completion != monitor.Limited {
			t.Errorf("after removal = %+v", current)
		}
		if err := db.RemoveEvidence(ctx, monitorA, a.ID, ev.ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("removing twice = %v", err)
		}
		// Added to the draft, a file is not evidence of the approved version.
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...)
		if _, err := db.AddEvidenceFile(ctx, monitorA, a.ID, monitor.FileUpload{Name: "şəkil.png", Data: png}); err != nil {
			t.Fatal(err)
		}
		public, _ := db.RoundAssessments(ctx, f.round, true)
		if names := fileNames(public[m.ID].Evidence); public[m.ID].Version != 1 || len(names) != 1 || names[0] != "Hesabat 2017.pdf" {
			t.Errorf("approved evidence = %v (version %d)", names, public[m.ID].Version)
		}
		current, _ = db.AssessmentByID(ctx, a.ID)
		if names := fileNames(current.Evidence); current.Version != 2 || len(names) != 1 || names[0] != "şəkil.png" {
			t.Errorf("current evidence = %v", names)
		}
		// The removed file can still be fetched: the approved version shows it.
		if _, data, _, err := db.EvidenceFile(ctx, ev.ID); err != nil || !bytes.Equal(data, pdf) {
			t.Errorf("removed file = %d bytes, %v", len(data), err)
		}
		if _, _, _, err := db.EvidenceFile(ctx, 999999); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown file = %v", err)
		}
		if err := db.SetRoundStatus(ctx, coordinator, f.round, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveEvidence(ctx, monitorA, a.ID, current.Evidence[1].ID); !errors.Is(err, monitor.ErrFrozen) {
			t.Errorf("removal in a closed round = %v", err)
		}
		wantCleanContent(t, db)
	})
}

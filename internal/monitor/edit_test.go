package monitor

import (
	"bytes"
	"testing"

	"ogpp/internal/plan"
)

func TestAssessmentEditValidate(t *testing.T) {
	e := AssessmentEdit{RoundID: 1, MeasureID: 2, Rating: Rating{Completion: "half", Impact: "huge", Opened: OpenedMajor,
		Relevance: []plan.OGPValue{plan.ValueTechnology, plan.ValueTechnology}, Narrative: "  Şəffaflıq\r\nartıb  ",
		Milestones: []MilestoneCompletion{{MilestoneID: 5, Completion: Limited}, {MilestoneID: 6}}},
		Links: []LinkEdit{{Title: " Hesabat ", URL: "https://example.org/hesabat.pdf", Accessed: "2017-03-01"}, {}}}
	fe := e.Validate()
	if fe["completion"] != "monitor.completion.invalid" || fe["impact"] != "monitor.impact.invalid" || len(fe) != 2 {
		t.Errorf("problems = %v", fe)
	}
	if e.Narrative != "Şəffaflıq\nartıb" || len(e.Relevance) != 1 || !e.RelevanceRated || len(e.Milestones) != 1 || len(e.Links) != 1 || e.Links[0].Title != "Hesabat" {
		t.Errorf("tidied = %+v", e)
	}
	for _, tt := range []struct {
		link LinkEdit
		want string
	}{
		{LinkEdit{Title: "x"}, "monitor.link.url_required"},
		{LinkEdit{URL: "javascript:alert(1)"}, "monitor.link.url_invalid"},
		{LinkEdit{URL: "https://example.org", Accessed: "2017-02-30"}, "monitor.link.date_invalid"},
	} {
		e := AssessmentEdit{RoundID: 1, MeasureID: 2, Rating: Rating{Completion: Limited}, Links: []LinkEdit{tt.link}}
		if got := e.Validate()["links"]; got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.link, got, tt.want)
		}
	}
	if fe := (&AssessmentEdit{RoundID: 1, MeasureID: 2}).Validate(); fe["completion"] != "monitor.completion.required" {
		t.Errorf("no completion: %v", fe)
	}
}

func TestCheckFileGoesByContent(t *testing.T) {
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 100)...)
	zip := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 100)...)
	for _, tt := range []struct {
		name    string
		data    []byte
		typ     string
		problem string
	}{
		{"hesabat.pdf", pdf, "application/pdf", ""},
		{"renamed.png", pdf, "application/pdf", ""},
		{"script.pdf", []byte("#!/bin/sh\nrm -rf /\n"), "text/plain; charset=utf-8", ""},
		{"page.pdf", []byte("<html><script>alert(1)</script></html>"), "", "monitor.file.type"},
		{"cədvəl.xlsx", zip, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""},
		{"archive.zip", zip, "", "monitor.file.type"},
		{"empty.pdf", nil, "", "monitor.file.empty"},
		{"huge.pdf", append(pdf, make([]byte, MaxEvidenceBytes)...), "", "monitor.file.too_large"},
	} {
		typ, _, problem := CheckFile(FileUpload{Name: tt.name, Data: tt.data})
		if typ != tt.typ || problem != tt.problem {
			t.Errorf("%s: %q, %q; want %q, %q", tt.name, typ, problem, tt.typ, tt.problem)
		}
	}
	if _, name, _ := CheckFile(FileUpload{Name: `C:\Users\Aysel\Sənədlər\məktub.pdf`, Data: pdf}); name != "məktub.pdf" {
		t.Errorf("name = %q", name)
	}
}

func TestRoundStatusMoves(t *testing.T) {
	if !RoundOpen.CanMoveTo(RoundClosed) || RoundOpen.CanMoveTo(RoundPublished) || !RoundClosed.CanMoveTo(RoundPublished) ||
		!RoundPublished.CanMoveTo(RoundClosed) || RoundPublished.CanMoveTo(RoundOpen) {
		t.Error("round moves are wrong")
	}
}

func TestOnlyCommittedBodiesAnswer(t *testing.T) {
	if !AnswersFor(plan.RoleResponsible) || !AnswersFor(plan.RoleSupporting) || AnswersFor(plan.RoleRecommended) {
		t.Error("a recommended body answers, or a committed one does not")
	}
}

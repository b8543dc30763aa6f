package plan

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestMeasureEditValidate(t *testing.T) {
	ok := MeasureEdit{PlanID: 1, Clause: "1.1", Title: EN("Open data")}
	tests := []struct {
		name string
		edit func(e *MeasureEdit)
		want FieldErrors
	}{
		{"valid", func(e *MeasureEdit) {}, FieldErrors{}},
		{"no plan", func(e *MeasureEdit) { e.PlanID = 0 }, FieldErrors{"plan": "edit.plan.required"}},
		{"blank title", func(e *MeasureEdit) { e.Title = Text{"en": "  "} }, FieldErrors{"title": "edit.title.required"}},
		{"no clause nor id", func(e *MeasureEdit) { e.Clause = " " }, FieldErrors{"clause": "edit.clause.required"}},
		{"bad period", func(e *MeasureEdit) { e.PeriodText = "soon" }, FieldErrors{"period": "edit.period.invalid"}},
		{"backwards period", func(e *MeasureEdit) { e.PeriodText = "2018-2016" }, FieldErrors{"period": "edit.period.invalid"}},
		{"bad value", func(e *MeasureEdit) { e.Values = []OGPValue{"fun"} }, FieldErrors{"values": "edit.values.invalid"}},
		{"NUL", func(e *MeasureEdit) { e.Description = Text{"az": "a\x00b"} }, FieldErrors{"description": "edit.description.invalid"}},
		{"long title", func(e *MeasureEdit) { e.Title = EN(strings.Repeat("ə", 2001)) }, FieldErrors{"title": "edit.title.too_long"}},
		{"bad url", func(e *MeasureEdit) { e.SourceURL = "javascript:alert(1)" }, FieldErrors{"source_url": "edit.source_url.invalid"}},
		{"duplicate executor", func(e *MeasureEdit) {
			e.Executors = []ExecutorRef{{1, RoleResponsible}, {1, RoleResponsible}}
		}, FieldErrors{"executors": "edit.executors.duplicate"}},
		{"bad role", func(e *MeasureEdit) { e.Executors = []ExecutorRef{{1, "boss"}} }, FieldErrors{"executors": "edit.executors.role_invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.edit(&e)
			if got := e.Validate(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMeasureEditValidateTidies(t *testing.T) {
	e := MeasureEdit{PlanID: 1, ExternalID: " AZ0001 ", Title: Text{"en": " T ", "ru": " "}, PeriodText: " 2016 ",
		Tags: []string{" Open   Data", "", "Open Data"}, Values: []OGPValue{ValueTechnology, ValueTechnology}}
	if fe := e.Validate(); len(fe) > 0 {
		t.Fatal(fe)
	}
	if e.ExternalID != "AZ0001" || !reflect.DeepEqual(e.Title, Text{"en": "T"}) || !reflect.DeepEqual(e.Tags, []string{"Open Data"}) ||
		len(e.Values) != 1 || e.MatchKey() != "id:AZ0001" {
		t.Errorf("tidied = %+v", e)
	}
}

func TestOrganisationEditValidate(t *testing.T) {
	e := OrganisationEdit{Name: Text{"ru": " "}, Kind: "club"}
	want := FieldErrors{"name": "edit.name.required", "kind": "edit.kind.invalid"}
	if got := e.Validate(); !reflect.DeepEqual(got, want) {
		t.Errorf("Validate = %v, want %v", got, want)
	}
}

func TestConflictError(t *testing.T) {
	err := fmt.Errorf("update measure 1: %w", &ConflictError[Measure]{Current: Measure{Title: EN("Now")}})
	var ce *ConflictError[Measure]
	if !errors.Is(err, ErrConflict) || !errors.As(err, &ce) || ce.Current.Title["en"] != "Now" {
		t.Errorf("conflict = %v", err)
	}
}

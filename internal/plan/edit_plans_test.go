package plan

import (
	"reflect"
	"strings"
	"testing"
)

func TestPlanEditValidate(t *testing.T) {
	ok := PlanEdit{Member: "azerbaijan", ExternalID: "AP_AZE03", Number: 3, Title: Text{"az": "Milli Fəaliyyət Planı"}, PeriodText: "2016-2018"}
	tests := []struct {
		name string
		edit func(e *PlanEdit)
		want FieldErrors
	}{
		{"valid", func(e *PlanEdit) {}, FieldErrors{}},
		{"no member", func(e *PlanEdit) { e.Member = " " }, FieldErrors{"member": "edit.member.required"}},
		{"no id", func(e *PlanEdit) { e.ExternalID = "" }, FieldErrors{"external_id": "edit.plan.external_id.required"}},
		{"digits only id", func(e *PlanEdit) { e.ExternalID = "2016" }, FieldErrors{"external_id": "edit.plan.external_id.format"}},
		{"id with a slash", func(e *PlanEdit) { e.ExternalID = "AZ/3" }, FieldErrors{"external_id": "edit.plan.external_id.format"}},
		{"id with a space", func(e *PlanEdit) { e.ExternalID = "AZ 3" }, FieldErrors{"external_id": "edit.plan.external_id.format"}},
		{"the new form's path", func(e *PlanEdit) { e.ExternalID = "new" }, FieldErrors{"external_id": "edit.plan.external_id.reserved"}},
		{"Azerbaijani id", func(e *PlanEdit) { e.ExternalID = "MFP-İ.3" }, FieldErrors{}},
		{"NUL in id", func(e *PlanEdit) { e.ExternalID = "A\x00" }, FieldErrors{"external_id": "edit.external_id.invalid"}},
		{"negative number", func(e *PlanEdit) { e.Number = -1 }, FieldErrors{"number": "edit.plan.number.range"}},
		{"huge number", func(e *PlanEdit) { e.Number = 20162018 }, FieldErrors{"number": "edit.plan.number.range"}},
		{"blank title", func(e *PlanEdit) { e.Title = Text{"az": " "} }, FieldErrors{"title": "edit.title.required"}},
		{"bad period", func(e *PlanEdit) { e.PeriodText = "2019-13-45" }, FieldErrors{"period": "edit.period.invalid"}},
		{"bad url", func(e *PlanEdit) { e.SourceURL = "ftp://example.org/plan.pdf" }, FieldErrors{"source_url": "edit.source_url.invalid"}},
		{"long note", func(e *PlanEdit) { e.Note = Text{"ru": strings.Repeat("ж", maxLongText+1)} }, FieldErrors{"note": "edit.note.too_long"}},
		{"control character", func(e *PlanEdit) { e.Approved = "by decree\x07" }, FieldErrors{"approved": "edit.approved.invalid"}},
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

func TestPlanEditValidateTidies(t *testing.T) {
	e := PlanEdit{Member: " azerbaijan ", ExternalID: " AP_AZE03 ", Title: Text{"az": " Şəffaflıq ", "en": ""}, PeriodText: " 2016 ",
		SourceURL: " https://www.opengovpartnership.org/ ", Note: Text{"ru": "  "}}
	if fe := e.Validate(); len(fe) > 0 {
		t.Fatal(fe)
	}
	if e.Member != "azerbaijan" || e.ExternalID != "AP_AZE03" || !reflect.DeepEqual(e.Title, Text{"az": "Şəffaflıq"}) ||
		e.Note != nil || e.SourceURL != "https://www.opengovpartnership.org/" {
		t.Errorf("tidied = %+v", e)
	}
	if p, err := e.Period(); err != nil || p.Start.String() != "2016-01-01" || p.End.String() != "2016-12-31" {
		t.Errorf("period = %+v, %v", p, err)
	}
}

func TestAreaEditValidate(t *testing.T) {
	ok := AreaEdit{PlanID: 1, Number: "4", Title: Text{"az": "Vətəndaş cəmiyyəti"}}
	tests := []struct {
		name string
		edit func(e *AreaEdit)
		want FieldErrors
	}{
		{"valid", func(e *AreaEdit) {}, FieldErrors{}},
		{"unnumbered", func(e *AreaEdit) { e.Number = " " }, FieldErrors{}},
		{"no plan", func(e *AreaEdit) { e.PlanID = 0 }, FieldErrors{"plan": "edit.plan.required"}},
		{"number alone", func(e *AreaEdit) { e.Title = nil }, FieldErrors{}},
		{"neither number nor title", func(e *AreaEdit) { e.Title, e.Number = nil, " " }, FieldErrors{"title": "edit.area.title.required"}},
		{"negative position", func(e *AreaEdit) { e.Position = -1 }, FieldErrors{"position": "edit.position.invalid"}},
		{"long number", func(e *AreaEdit) { e.Number = strings.Repeat("1", maxShortText+1) }, FieldErrors{"number": "edit.number.too_long"}},
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

func TestAreaKey(t *testing.T) {
	tests := []struct {
		number string
		title  Text
		want   string
	}{
		{"4", Text{"en": "Civil society"}, "4"},
		// Unnumbered areas are keyed as OGP's themes are: the folded title.
		{"", Text{"en": "Open  Parliaments"}, "open parliaments"},
		// Azerbaijani capitals fold by Azerbaijani rules: I is ı, İ is i.
		{"", Text{"az": "İctimai IŞIQ"}, "ictimai ışıq"},
	}
	for _, tt := range tests {
		e := AreaEdit{Number: tt.number, Title: tt.title}
		if got := e.Key(); got != tt.want {
			t.Errorf("Key(%q, %v) = %q, want %q", tt.number, tt.title, got, tt.want)
		}
	}
}

func TestMilestoneEditValidate(t *testing.T) {
	ok := MilestoneEdit{MeasureID: 1, Title: Text{"az": "Layihə hazırlanır"}, PeriodText: "IV quarter of 2017"}
	tests := []struct {
		name string
		edit func(e *MilestoneEdit)
		want FieldErrors
	}{
		{"valid", func(e *MilestoneEdit) {}, FieldErrors{}},
		{"no period", func(e *MilestoneEdit) { e.PeriodText = "" }, FieldErrors{}},
		{"no measure", func(e *MilestoneEdit) { e.MeasureID = -3 }, FieldErrors{"measure": "edit.measure.required"}},
		{"no title", func(e *MilestoneEdit) { e.Title = Text{"en": "\t"} }, FieldErrors{"title": "edit.title.required"}},
		{"bad period", func(e *MilestoneEdit) { e.PeriodText = "someday" }, FieldErrors{"period": "edit.period.invalid"}},
		{"negative position", func(e *MilestoneEdit) { e.Position = -1 }, FieldErrors{"position": "edit.position.invalid"}},
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

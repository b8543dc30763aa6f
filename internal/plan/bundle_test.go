package plan

import (
	"strings"
	"testing"
)

func TestValidateFindsTextNoDatabaseCanStore(t *testing.T) {
	b := &Bundle{
		Members: []Member{{Slug: "x", Name: Text{"en": "X"}, Kind: MemberCountry}},
		Plans: []BundlePlan{{ExternalID: "P", Member: "x", Title: Text{"en": "Plan"}, Measures: []BundleMeasure{
			{Clause: "1", Title: Text{"en": "bad\x00byte"}},
			{Clause: "2", Title: Text{"en": "ok"}, Source: "latin1 \xe7"},
		}}},
	}
	ps := b.Validate()
	if len(ps) != 2 {
		t.Fatalf("problems = %v, want 2", ps)
	}
	if !strings.Contains(ps[0].String(), "plans[0].measures[0].title.en") || !strings.Contains(ps[0].Reason, "NUL") {
		t.Errorf("first problem = %s", ps[0])
	}
	if !strings.Contains(ps[1].String(), "plans[0].measures[1].source") || !strings.Contains(ps[1].Reason, "UTF-8") {
		t.Errorf("second problem = %s", ps[1])
	}
}

func TestValidateRefusesDuplicatesAndDanglingReferences(t *testing.T) {
	b := &Bundle{
		Members:       []Member{{Slug: "x", Name: Text{"en": "X"}, Kind: MemberCountry}},
		Organisations: []BundleOrganisation{{Member: "x", Name: Text{"en": "Ministry of Justice"}, Kind: OrgStateBody}, {Member: "x", Name: Text{"en": "MINISTRY OF  JUSTICE"}, Kind: OrgStateBody}},
		Plans: []BundlePlan{{ExternalID: "P", Member: "y", Title: Text{"en": "Plan"}, Measures: []BundleMeasure{
			{Clause: "1", Area: "9", Title: Text{"en": "A"}},
			{Clause: "1", Title: Text{"en": "B"}, Executors: []BundleExecutor{{Name: Text{"en": "Someone"}, Role: "boss"}}},
		}}},
	}
	got := b.Validate().Error()
	for _, want := range []string{"listed twice", `"y": no such member`, `"9": no such area`, "duplicate measure", `role must be`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

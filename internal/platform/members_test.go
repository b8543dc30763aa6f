package platform

import (
	"testing"

	"ogpp/internal/plan"
)

func TestMembershipActiveOn(t *testing.T) {
	d := func(s string) plan.Date {
		x, err := plan.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	left := d("2018-06-30")
	tests := []struct {
		m    Membership
		on   string
		want bool
	}{
		{Membership{Since: d("2016-05-10"), Status: MembershipActive}, "2016-05-09", false},
		{Membership{Since: d("2016-05-10"), Status: MembershipActive}, "2016-05-10", true},
		{Membership{Since: d("2016-05-10"), Status: MembershipLeft, StatusSince: &left}, "2018-06-29", true},
		{Membership{Since: d("2016-05-10"), Status: MembershipLeft, StatusSince: &left}, "2018-06-30", false},
		{Membership{Since: d("2016-05-10"), Status: MembershipSuspended}, "2017-01-01", false},
	}
	for _, tt := range tests {
		if got := tt.m.ActiveOn(d(tt.on)); got != tt.want {
			t.Errorf("%+v on %s: %v, want %v", tt.m, tt.on, got, tt.want)
		}
	}
}

func TestPersonEditValidate(t *testing.T) {
	e := PersonEdit{Name: plan.Text{"az": "  Aysel  ", "en": " "}, Expertise: []string{" budget ", "budget", "", "EITI  reports"},
		Contacts: Contacts{Email: " a@example.org ", Phone: "+994  12 555-01-02"}}
	if fe := e.Validate(); len(fe) != 0 {
		t.Fatalf("valid person refused: %v", fe)
	}
	if e.Name["az"] != "Aysel" || len(e.Name) != 1 || len(e.Expertise) != 2 || e.Expertise[1] != "EITI reports" ||
		e.Contacts.Email != "a@example.org" || e.Contacts.Phone != "+994 12 555-01-02" {
		t.Errorf("tidied: %+v", e)
	}
	for _, email := range []string{"a@b", "A <a@example.org>", "a@@example.org", "no"} {
		e := PersonEdit{Name: plan.Text{"en": "X"}, Contacts: Contacts{Email: email}}
		if fe := e.Validate(); fe["email"] != "members.email.invalid" {
			t.Errorf("email %q: %v", email, fe)
		}
	}
	e = PersonEdit{Name: plan.Text{"en": "X\x00"}, Contacts: Contacts{Phone: "12"}}
	if fe := e.Validate(); fe["name"] != "edit.name.invalid" || fe["phone"] != "members.phone.invalid" {
		t.Errorf("bad name and phone: %v", fe)
	}
}

func TestGroupEditValidateAddsLead(t *testing.T) {
	e := GroupEdit{Name: plan.Text{"en": "G"}, LeadID: 5, MemberIDs: []int64{3, 5, 3}, Status: GroupActive}
	if fe := e.Validate(); len(fe) != 0 {
		t.Fatal(fe)
	}
	if len(e.MemberIDs) != 2 || e.MemberIDs[0] != 5 || e.MemberIDs[1] != 3 {
		t.Errorf("members %v, want the lead first, once each", e.MemberIDs)
	}
	e = GroupEdit{Status: "paused", MemberIDs: []int64{-1}, ActivityID: -1}
	fe := e.Validate()
	if fe["name"] == "" || fe["status"] == "" || fe["members"] == "" || fe["activity"] == "" {
		t.Errorf("invalid group: %v", fe)
	}
}

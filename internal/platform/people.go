package platform

import (
	"net/mail"
	"slices"
	"strings"
	"time"

	"ogpp/internal/plan"
)

// Person is someone who works with the platform: a member organisation's
// representative, an expert, a group's lead. What the public sees of a
// person is all here; the private contacts are apart (Contacts), read only
// for those who may see them.
type Person struct {
	ID             int64
	Name           plan.Text
	OrganisationID int64             // 0 for someone of no organisation
	Organisation   plan.Organisation // filled by reads: id, name, kind
	Position       plan.Text
	// Representative marks someone who represents their organisation in
	// the platform; the organisation's membership lists them.
	Representative bool
	Expertise      []string
	UpdatedAt      time.Time
	// Version counts the writes to the person (see PersonEdit).
	Version int
}

// PersonRef is a person as lists of people show them: never with contacts.
type PersonRef struct {
	ID             int64
	Name           plan.Text
	Position       plan.Text
	OrganisationID int64
	Organisation   plan.Text
}

// Contacts are a person's private contacts, which only coordinators and
// administrators see.
type Contacts struct {
	Email   string
	Phone   string
	Address string
}

// IsEmpty reports whether no contact is known.
func (c Contacts) IsEmpty() bool { return c.Email == "" && c.Phone == "" && c.Address == "" }

// PeopleFilter selects people; empty fields select all.
type PeopleFilter struct {
	OrganisationID int64
	// Q matches names, positions and expertise, never contacts: a search
	// must not tell the public whose email it is.
	Q      string
	Limit  int
	Offset int
}

// PersonEdit is what a coordinator's form sets on a person. Version is as
// for MembershipEdit.
type PersonEdit struct {
	Name           plan.Text
	OrganisationID int64
	Position       plan.Text
	Representative bool
	Expertise      []string
	Contacts       Contacts
	Version        int
}

// Validate tidies e (trims spaces, drops empty translations, empty and
// repeated tags) and checks it; the store checks that the organisation
// exists. A representative needs an organisation to represent.
func (e *PersonEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Name, e.Position = membersTidyText(e.Name), membersTidyText(e.Position)
	e.Contacts.Email = strings.TrimSpace(e.Contacts.Email)
	e.Contacts.Phone = strings.Join(strings.Fields(e.Contacts.Phone), " ")
	e.Contacts.Address = strings.TrimSpace(e.Contacts.Address)
	if e.Name.IsEmpty() {
		fe["name"] = "members.person.name.required"
	}
	membersCheckText(fe, "name", e.Name, membersMaxShort)
	membersCheckText(fe, "position", e.Position, membersMaxShort)
	if e.OrganisationID < 0 {
		fe["organisation"] = "members.organisation.unknown"
	}
	if e.Representative && e.OrganisationID == 0 {
		fe["representative"] = "members.representative.no_organisation"
	}
	var tags []string
	for _, t := range e.Expertise {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !slices.Contains(tags, t) && membersCheckString(fe, "expertise", t, membersMaxShort) {
			tags = append(tags, t)
		}
	}
	e.Expertise = tags
	if len(tags) > membersMaxTags {
		fe["expertise"] = "members.expertise.too_many"
	}
	if membersCheckString(fe, "email", e.Contacts.Email, 320) && e.Contacts.Email != "" && !plainEmail(e.Contacts.Email) {
		fe["email"] = "members.email.invalid"
	}
	if membersCheckString(fe, "phone", e.Contacts.Phone, 50) && e.Contacts.Phone != "" && !phoneNumber(e.Contacts.Phone) {
		fe["phone"] = "members.phone.invalid"
	}
	membersCheckString(fe, "address", e.Contacts.Address, membersMaxShort)
	return fe
}

// plainEmail reports whether s is a bare address such as a@b.org, without
// a display name or angle brackets.
func plainEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// phoneNumber reports whether s looks like a telephone number as people
// write them: digits with +, spaces, dashes, dots and brackets, at least
// five digits.
func phoneNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -.()", r):
		default:
			return false
		}
	}
	return digits >= 5
}

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// membersFix is a platform with two member NGOs (one created with its
// membership), a state body that may not join, and a person of each NGO.
type membersFix struct {
	ngoA, ngoB, stateBody int64
	membershipA           int64
	membershipB           int64
	aysel, rauf           int64 // representative of A; expert of B
}

func membersFixture(t *testing.T, db *store.DB) membersFix {
	t.Helper()
	ctx := context.Background()
	tick(db)
	var f membersFix
	var err error
	f.stateBody, err = db.CreateOrganisation(ctx, coordinator, plan.OrganisationEdit{Name: plan.Text{"az": "Ədliyyə Nazirliyi"}, Kind: plan.OrgStateBody})
	if err != nil {
		t.Fatal(err)
	}
	f.ngoA, err = db.CreateOrganisation(ctx, coordinator, plan.OrganisationEdit{Name: plan.Text{"az": "İqtisadi Təşəbbüslərə Yardım İctimai Birliyi"}, Kind: plan.OrgNGO})
	if err != nil {
		t.Fatal(err)
	}
	f.membershipA, err = db.CreateMembership(ctx, coordinator, platform.MembershipEdit{OrganisationID: f.ngoA, Since: "2016-05-10", Status: platform.MembershipActive})
	if err != nil {
		t.Fatal(err)
	}
	f.membershipB, err = db.CreateMembership(ctx, coordinator, platform.MembershipEdit{
		NewOrganisation: &plan.OrganisationEdit{Name: plan.Text{"en": "Business Association B"}, Kind: plan.OrgBusinessAssociation},
		Since:           "2017-01-20", Status: platform.MembershipActive})
	if err != nil {
		t.Fatal(err)
	}
	mb, err := db.GetMembership(ctx, f.membershipB)
	if err != nil {
		t.Fatal(err)
	}
	f.ngoB = mb.OrganisationID
	f.aysel, err = db.CreatePerson(ctx, coordinator, platform.PersonEdit{Name: plan.Text{"az": "Aysel Əliyeva"}, OrganisationID: f.ngoA,
		Position: plan.Text{"en": "Director"}, Representative: true, Expertise: []string{"budget", " budget ", "EITI"},
		Contacts: platform.Contacts{Email: "aysel@example.org", Phone: "+994 12 555 01 02", Address: "Bakı, Nizami küç. 1"}})
	if err != nil {
		t.Fatal(err)
	}
	f.rauf, err = db.CreatePerson(ctx, coordinator, platform.PersonEdit{Name: plan.Text{"en": "Rauf Mammadov"}, OrganisationID: f.ngoB,
		Expertise: []string{"procurement"}, Contacts: platform.Contacts{Email: "rauf@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMembershipsAndRepresentatives(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := membersFixture(t, db)

		page, err := db.ListMemberships(ctx, platform.MembershipFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 2 || len(page.Items) != 2 {
			t.Fatalf("%d memberships, want 2", page.Total)
		}
		var a platform.Membership
		for _, m := range page.Items {
			if m.ID == f.membershipA {
				a = m
			}
		}
		if a.Since.String() != "2016-05-10" || a.Status != platform.MembershipActive || a.Organisation.Kind != plan.OrgNGO {
			t.Errorf("membership A = %+v", a)
		}
		if len(a.Representatives) != 1 || a.Representatives[0].Name["az"] != "Aysel Əliyeva" || a.Representatives[0].Position["en"] != "Director" {
			t.Errorf("representatives of A = %+v", a.Representatives)
		}
		byKind, _ := db.ListMemberships(ctx, platform.MembershipFilter{Kind: plan.OrgBusinessAssociation})
		if byKind.Total != 1 || byKind.Items[0].ID != f.membershipB || len(byKind.Items[0].Representatives) != 0 {
			t.Errorf("business associations: %+v", byKind)
		}

		// A state body, an organisation that is a member already, one
		// that does not exist: refused beside the field.
		for _, tc := range []struct {
			e    platform.MembershipEdit
			want string
		}{
			{platform.MembershipEdit{OrganisationID: f.stateBody, Since: "2017-01-01", Status: platform.MembershipActive}, "members.organisation.state_body"},
			{platform.MembershipEdit{OrganisationID: f.ngoA, Since: "2017-01-01", Status: platform.MembershipActive}, "members.organisation.already"},
			{platform.MembershipEdit{OrganisationID: 99999, Since: "2017-01-01", Status: platform.MembershipActive}, "members.organisation.unknown"},
		} {
			_, err := db.CreateMembership(ctx, coordinator, tc.e)
			var fe plan.FieldErrors
			if !errors.As(err, &fe) || fe["organisation"] != tc.want {
				t.Errorf("create %+v: %v, want %s", tc.e, err, tc.want)
			}
		}
		_, err = db.CreateMembership(ctx, coordinator, platform.MembershipEdit{Since: "2017-02-30", Status: "gone", StatusSince: "x"})
		var fe plan.FieldErrors
		if !errors.As(err, &fe) || fe["since"] != "members.date.invalid" || fe["status"] != "members.status.invalid" ||
			fe["organisation"] != "members.organisation.required" || fe["status_since"] != "members.date.invalid" {
			t.Errorf("invalid membership: %v", err)
		}
		// A new organisation whose name is taken is the form's org_name.
		_, err = db.CreateMembership(ctx, coordinator, platform.MembershipEdit{Since: "2017-01-01", Status: platform.MembershipActive,
			NewOrganisation: &plan.OrganisationEdit{Name: plan.Text{"en": "Business Association B"}, Kind: plan.OrgNGO}})
		if !errors.As(err, &fe) || fe["org_name"] != "edit.name.taken" {
			t.Errorf("taken name: %v", err)
		}

		// Suspension needs its day; a stale version is a conflict.
		m, _ := db.GetMembership(ctx, f.membershipA)
		edit := platform.MembershipEdit{Since: "2016-05-10", Status: platform.MembershipSuspended, Version: m.Version}
		if err := db.UpdateMembership(ctx, coordinator, m.ID, edit); !errors.As(err, &fe) || fe["status_since"] != "members.status_since.required" {
			t.Errorf("suspension without a day: %v", err)
		}
		edit.StatusSince = "2016-01-01"
		if err := db.UpdateMembership(ctx, coordinator, m.ID, edit); !errors.As(err, &fe) || fe["status_since"] != "members.status_since.before_since" {
			t.Errorf("suspension before joining: %v", err)
		}
		edit.StatusSince = "2018-03-01"
		if err := db.UpdateMembership(ctx, coordinator, m.ID, edit); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[platform.Membership]
		if err := db.UpdateMembership(ctx, coordinator, m.ID, edit); !errors.As(err, &conflict) || conflict.Current.Status != platform.MembershipSuspended {
			t.Errorf("stale update: %v", err)
		}
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: platform.EntityMembership, EntityID: itoa(m.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || entries[0].Action != audit.ActionUpdate || !strings.Contains(string(entries[0].Before), `"status":"active"`) ||
			!strings.Contains(string(entries[0].After), `"status":"suspended"`) || !strings.Contains(string(entries[0].After), `"status_since":"2018-03-01"`) {
			t.Errorf("audit of the status change: %+v", entries)
		}

		// Ending: a day before joining is refused; then the membership has
		// left, and its history stays on the list.
		m, _ = db.GetMembership(ctx, f.membershipA)
		if err := db.EndMembership(ctx, coordinator, m.ID, plan.Date{Year: 2015, Month: 1, Day: 1}, m.Version); !errors.As(err, &fe) {
			t.Errorf("end before joining: %v", err)
		}
		if err := db.EndMembership(ctx, coordinator, m.ID, plan.Date{Year: 2019, Month: 6, Day: 30}, m.Version); err != nil {
			t.Fatal(err)
		}
		left, _ := db.ListMemberships(ctx, platform.MembershipFilter{Status: platform.MembershipLeft})
		if left.Total != 1 || left.Items[0].StatusSince == nil || left.Items[0].StatusSince.String() != "2019-06-30" {
			t.Errorf("left: %+v", left.Items)
		}

		// Deleting frees the organisation to join anew; the old one then
		// cannot be restored beside the new one.
		mb, _ := db.GetMembership(ctx, f.membershipB)
		if err := db.DeleteMembership(ctx, coordinator, mb.ID, mb.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetMembership(ctx, mb.ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted membership: %v", err)
		}
		again, err := db.CreateMembership(ctx, coordinator, platform.MembershipEdit{OrganisationID: f.ngoB, Since: "2020-01-01", Status: platform.MembershipActive})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreMembership(ctx, coordinator, mb.ID); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("restore beside a live one: %v", err)
		}
		again2, _ := db.GetMembership(ctx, again)
		if err := db.DeleteMembership(ctx, coordinator, again, again2.Version); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreMembership(ctx, coordinator, mb.ID); err != nil {
			t.Fatal(err)
		}

		cands, err := db.MembershipCandidates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) != 0 {
			t.Errorf("candidates: %+v (the state body may not join; both NGOs are members)", cands)
		}

		list, err := db.MemberList(ctx, platform.MembershipFilter{Limit: 1})
		if err != nil || len(list) != 2 {
			t.Errorf("member list: %d, %v", len(list), err)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Errorf("verify: %v %v", problems, err)
		}
	})
}

func TestPeopleKeepContactsApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := membersFixture(t, db)
		p, err := db.GetPerson(ctx, f.aysel)
		if err != nil {
			t.Fatal(err)
		}
		if p.Organisation.ID != f.ngoA || !p.Representative || strings.Join(p.Expertise, ",") != "budget,EITI" {
			t.Errorf("person = %+v", p)
		}
		c, err := db.PersonContacts(ctx, f.aysel)
		if err != nil || c.Email != "aysel@example.org" || c.Phone != "+994 12 555 01 02" {
			t.Errorf("contacts = %+v, %v", c, err)
		}
		// Search finds names and expertise, never contacts.
		for q, want := range map[string]int{"AYSEL": 1, "eiti": 1, "aysel@example.org": 0, "555": 0, "Nizami": 0} {
			res, err := db.ListPeople(ctx, platform.PeopleFilter{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != want {
				t.Errorf("q=%s: %d people, want %d", q, res.Total, want)
			}
		}
		// The audit log holds a fingerprint of the contacts, not them.
		entries, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: platform.EntityPerson})
		for _, e := range entries {
			if strings.Contains(string(e.After), "example.org") || strings.Contains(string(e.After), "555") {
				t.Errorf("audit entry %d holds contacts: %s", e.Seq, e.After)
			}
		}
		_, err = db.CreatePerson(ctx, coordinator, platform.PersonEdit{Name: plan.Text{"en": "X"}, Representative: true,
			Contacts: platform.Contacts{Email: "Someone <x@example.org>", Phone: "call me"}})
		var fe plan.FieldErrors
		if !errors.As(err, &fe) || fe["email"] != "members.email.invalid" || fe["phone"] != "members.phone.invalid" ||
			fe["representative"] != "members.representative.no_organisation" {
			t.Errorf("invalid person: %v", err)
		}
		// Contacts changed behind ogpp's back are named by verify.
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE platform_people SET email = 'thief@example.org' WHERE id = ` + itoa(f.aysel))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != platform.EntityPerson || problems[0].ID != f.aysel {
			t.Errorf("verify after a direct edit: %v %v", problems, err)
		}
	})
}

func TestExpertGroups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := membersFixture(t, db)
		outsider, err := db.CreatePerson(ctx, coordinator, platform.PersonEdit{Name: plan.Text{"en": "Independent expert"}})
		if err != nil {
			t.Fatal(err)
		}
		e := platform.GroupEdit{Name: plan.Text{"en": "Proposals on NGO environment"}, FormedFor: plan.Text{"en": "NAP 4.1.2 package"},
			ActivityID: 3, LeadID: f.aysel, MemberIDs: []int64{f.rauf, f.aysel, outsider}, Status: platform.GroupActive}
		_, err = db.CreateGroup(ctx, coordinator, e)
		var fe plan.FieldErrors
		if !errors.As(err, &fe) || fe["members"] != "members.group.not_member" {
			t.Fatalf("outsider in a group: %v", err)
		}
		e.MemberIDs = []int64{f.rauf, f.aysel}
		id, err := db.CreateGroup(ctx, coordinator, e)
		if err != nil {
			t.Fatal(err)
		}
		g, err := db.GetGroup(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if g.Lead.ID != f.aysel || len(g.Members) != 2 || g.Members[0].ID != f.aysel || g.Members[1].ID != f.rauf || g.ActivityID != 3 ||
			g.Members[1].Organisation["en"] != "Business Association B" {
			t.Errorf("group = %+v", g)
		}
		mine, _ := db.GroupsOfPerson(ctx, f.rauf)
		if len(mine) != 1 || mine[0].ID != id {
			t.Errorf("groups of rauf: %+v", mine)
		}
		cands, _ := db.GroupCandidates(ctx)
		if len(cands) != 2 {
			t.Errorf("candidates: %d, want the two people of members", len(cands))
		}
		// The lead cannot be deleted while leading; a member can.
		p, _ := db.GetPerson(ctx, f.aysel)
		if err := db.DeletePerson(ctx, coordinator, f.aysel, p.Version); !errors.Is(err, plan.ErrInUse) {
			t.Errorf("delete the lead: %v", err)
		}
		// B leaves: Rauf stays in the group on a later save, though no new
		// group could take him.
		mb, _ := db.GetMembership(ctx, f.membershipB)
		if err := db.EndMembership(ctx, coordinator, mb.ID, plan.Date{Year: 2018, Month: 1, Day: 1}, mb.Version); err != nil {
			t.Fatal(err)
		}
		e.Status, e.Version = platform.GroupFinished, g.Version
		if err := db.UpdateGroup(ctx, coordinator, id, e); err != nil {
			t.Fatalf("resave with a member whose organisation left: %v", err)
		}
		if _, err := db.CreateGroup(ctx, coordinator, e); !errors.As(err, &fe) || fe["members"] != "members.group.not_member" {
			t.Errorf("new group with him: %v", err)
		}
		var conflict *plan.ConflictError[platform.Group]
		if err := db.UpdateGroup(ctx, coordinator, id, e); !errors.As(err, &conflict) || conflict.Current.Status != platform.GroupFinished {
			t.Errorf("stale group save: %v", err)
		}
		rp, _ := db.GetPerson(ctx, f.rauf)
		if err := db.DeletePerson(ctx, coordinator, f.rauf, rp.Version); err != nil {
			t.Fatal(err)
		}
		g, _ = db.GetGroup(ctx, id)
		if len(g.Members) != 1 || g.MemberCount != 1 {
			t.Errorf("after deleting a member: %+v", g.Members)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Errorf("verify: %v %v", problems, err)
		}
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`DELETE FROM platform_group_members WHERE group_id = ` + itoa(id))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if problems, _ := db.VerifyContent(ctx); len(problems) != 1 || problems[0].EntityType != platform.EntityGroup {
			t.Errorf("verify after members were removed directly: %v", problems)
		}
		if err := db.DeleteGroup(ctx, coordinator, id, g.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetGroup(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted group: %v", err)
		}
	})
}

package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// The distinctive private contacts of the sample person: no page, export
// or API answer the public gets may hold any of them.
const (
	secretEmail   = "zarifa.private.7731@example.org"
	secretPhone   = "+994 50 731 77 31"
	secretAddress = "Gizli küçə 7731"
)

// membersFixture is a member NGO with a representative who leads an
// expert group, with ids as text for paths.
type membersFixture struct {
	Organisation, Membership, Person, Group string
}

var (
	membersSamplesMu sync.Mutex
	membersSamples   = map[*store.DB]membersFixture{}
)

// membersSample gives s the members store db and fills db with the sample
// once.
func membersSample(t *testing.T, s *Server, db *store.DB) membersFixture {
	t.Helper()
	membersSamplesMu.Lock()
	defer membersSamplesMu.Unlock()
	if s.members == nil {
		s.members = db
	}
	if f, ok := membersSamples[db]; ok {
		return f
	}
	ctx := context.Background()
	by := audit.Actor{UserID: 7, Name: "aysel@example.org"}
	mid, err := db.CreateMembership(ctx, by, platform.MembershipEdit{Since: "2016-09-01", Status: platform.MembershipActive,
		NewOrganisation: &plan.OrganisationEdit{Name: plan.Text{"az": "Şəffaflıq Naminə İctimai Birlik", "en": "Public Union for Transparency"},
			Kind: plan.OrgNGO}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.GetMembership(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := db.CreatePerson(ctx, by, platform.PersonEdit{Name: plan.Text{"az": "Zərifə Qasımova"}, OrganisationID: m.OrganisationID,
		Position: plan.Text{"en": "Chair"}, Representative: true, Expertise: []string{"budget transparency"},
		Contacts: platform.Contacts{Email: secretEmail, Phone: secretPhone, Address: secretAddress}})
	if err != nil {
		t.Fatal(err)
	}
	gid, err := db.CreateGroup(ctx, by, platform.GroupEdit{Name: plan.Text{"en": "Proposals on the NGO environment"}, LeadID: pid,
		FormedFor: plan.Text{"en": "NAP 4.1.2"}, ActivityID: 3, Status: platform.GroupActive})
	if err != nil {
		t.Fatal(err)
	}
	f := membersFixture{Organisation: itoa(m.OrganisationID), Membership: itoa(mid), Person: itoa(pid), Group: itoa(gid)}
	membersSamples[db] = f
	return f
}

// TestContactsNeverPublic is the acceptance: a person's private
// contacts appear on no page, export or API answer that the public,
// members, monitors and focal points get, and coordinators see them.
func TestContactsNeverPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var who access.Subject
		s := editServer(t, db, &who)
		f := membersSample(t, s, db)
		// Every public GET route without parameters, and every one of the
		// members' pages with them, with their filters and languages.
		var targets []string
		for _, r := range s.Routes() {
			method, path, _ := strings.Cut(r.Pattern, " ")
			if method == http.MethodGet && r.Action == access.Public && !strings.Contains(path, "{") && strings.HasPrefix(path, "/") {
				targets = append(targets, strings.TrimSuffix(path, "{$}"))
			}
		}
		targets = append(targets,
			"/members?status=active", "/members?kind=ngo&lang=en", "/members?lang=ru", "/members.csv", "/members.csv?status=active",
			"/members/"+f.Membership, "/members/"+f.Membership+"?lang=en", "/people/"+f.Person, "/people/"+f.Person+"?lang=ru",
			"/groups", "/groups/"+f.Group, "/organisations/"+f.Organisation, "/search?q=Zərifə", "/search?q=7731",
			"/api/v1/organisations", "/api/v1/organisations.csv", "/api/v1/organisations/"+f.Organisation, "/api/v1/measures?q=7731")
		// Bodies are compared unescaped: html/template writes "+" as
		// "&#43;", which a plain search for the phone would miss.
		// No bare run of digits: /metrics is full of numbers, and one would
		// match by chance.
		secrets := []string{secretEmail, secretPhone, secretAddress, "zarifa.private", "731 77 31", "Gizli küçə"}
		for _, role := range []string{"anonymous", string(account.RoleMember), string(account.RoleMonitor), string(account.RoleFocalPoint)} {
			who = access.Subject{}
			if role != "anonymous" {
				who = access.Subject{User: &account.User{ID: 30, Email: "reader@example.org", Name: "Reader", Role: account.Role(role), OrganisationID: 1}}
			}
			for _, target := range targets {
				status, body, _ := get(t, s, target)
				body = html.UnescapeString(body)
				if status >= 500 {
					t.Errorf("%s as %s: status %d", target, role, status)
				}
				for _, secret := range secrets {
					if strings.Contains(body, secret) {
						t.Errorf("%s as %s shows the private %q", target, role, secret)
					}
				}
			}
		}
		// The person's page and the member list do show the public part.
		who = access.Subject{}
		_, body, _ := get(t, s, "/people/"+f.Person+"?lang=en")
		if !strings.Contains(body, "Zərifə Qasımova") || !strings.Contains(body, "budget transparency") || !strings.Contains(body, "Public Union for Transparency") {
			t.Errorf("public person page lacks the public part:\n%.2000s", body)
		}
		_, csv, _ := get(t, s, "/members.csv")
		if !strings.Contains(csv, "Zərifə Qasımova") || !strings.Contains(csv, "Chair") || !strings.Contains(csv, "2016-09-01") {
			t.Errorf("members.csv lacks the member list:\n%s", csv)
		}
		// A coordinator sees the contacts, on a page no cache keeps.
		who = coordinator
		rec := send(s, http.MethodGet, "/people/"+f.Person, nil, nil)
		if body := html.UnescapeString(rec.Body.String()); !strings.Contains(body, secretEmail) || !strings.Contains(body, secretPhone) || !strings.Contains(body, secretAddress) {
			t.Errorf("coordinator does not see the contacts:\n%.4000s", body)
		}
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("contacts page Cache-Control %q", cc)
		}
		// Not even a coordinator's export carries them.
		_, csv, _ = get(t, s, "/members.csv")
		if strings.Contains(csv, secretEmail) || strings.Contains(csv, "731 77 31") || strings.Contains(csv, "Gizli") {
			t.Errorf("members.csv carries contacts for a coordinator:\n%s", csv)
		}
	})
}

// TestCoordinatorAddsMemberWithRepresentative walks the coordinator's
// path: a new member organisation, then its representative, and the
// public member list showing both.
func TestCoordinatorAddsMemberWithRepresentative(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := coordinator
		s := editServer(t, db, &who)
		s.members = db
		status, body, _ := get(t, s, "/members?lang=en")
		if status != 200 || !strings.Contains(body, "No member organisation has been added yet.") || !strings.Contains(body, `href="/members/new"`) {
			t.Fatalf("empty member list: status %d\n%.2000s", status, body)
		}
		// The registry's executors are not offered as members.
		_, body, _ = get(t, s, "/members/new?lang=en")
		if !strings.Contains(body, `<option value="new">`) || strings.Contains(body, "Cabinet of Ministers") || strings.Contains(body, "Ədliyyə Nazirliyi") {
			t.Errorf("new membership form offers executors:\n%.3000s", body)
		}
		rec := send(s, http.MethodPost, "/members/new", url.Values{"organisation": {"new"}, "org_name.az": {"Vətəndaş Cəmiyyəti Mərkəzi"},
			"org_kind": {"business_association"}, "since": {"2016-04-12"}, "status": {"active"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create membership: status %d\n%.3000s", rec.Code, rec.Body.String())
		}
		member := strings.TrimSuffix(rec.Header().Get("Location"), "?done=created")
		m, err := db.GetMembership(context.Background(), int64(atoiT(t, strings.TrimPrefix(member, "/members/"))))
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ = get(t, s, member+"?lang=en")
		addRep := "/people/new?organisation=" + itoa(m.OrganisationID) + "&amp;representative=1"
		if !strings.Contains(body, addRep) || !strings.Contains(body, "No representative has been named yet.") {
			t.Fatalf("membership page offers no representative:\n%.3000s", body)
		}
		_, body, _ = get(t, s, strings.ReplaceAll(addRep, "&amp;", "&"))
		if !strings.Contains(body, `value="`+itoa(m.OrganisationID)+`" selected`) || !strings.Contains(body, `name="representative" value="on" checked`) {
			t.Errorf("the representative form is not filled in beforehand:\n%.3000s", body)
		}
		rec = send(s, http.MethodPost, "/people/new", url.Values{"name.az": {"Rəşad Hüseynli"}, "organisation": {itoa(m.OrganisationID)},
			"position.az": {"Sədr"}, "representative": {"on"}, "expertise": {"büdcə\r\nhesabatlılıq\r\n"}, "email": {"reshad@example.org"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create person: status %d\n%.3000s", rec.Code, rec.Body.String())
		}
		who = access.Subject{}
		_, body, _ = get(t, s, "/members")
		for _, want := range []string{"Vətəndaş Cəmiyyəti Mərkəzi", "Biznes assosiasiyası", "Rəşad Hüseynli", "Sədr", "12 aprel 2016", "Fəal"} {
			if !strings.Contains(body, want) {
				t.Errorf("member list lacks %q", want)
			}
		}
		if strings.Contains(body, "reshad@example.org") {
			t.Errorf("member list shows the email")
		}
		_, body, _ = get(t, s, "/members?kind=ngo")
		if strings.Contains(body, "Vətəndaş Cəmiyyəti Mərkəzi") {
			t.Errorf("kind filter keeps a business association")
		}
		if status, _, _ := get(t, s, "/members?status=gone"); status != http.StatusBadRequest {
			t.Errorf("unknown status filter: %d", status)
		}
	})
}

// atoiT reads a decimal id.
func atoiT(t *testing.T, s string) int {
	t.Helper()
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not an id: %q", s)
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// TestMemberFormsKeepInput checks that refused forms come back with what
// was typed and the problems beside the fields, in the reader's language.
func TestMemberFormsKeepInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := coordinator
		s := editServer(t, db, &who)
		f := membersSample(t, s, db)
		rec := send(s, http.MethodPost, "/members/new?lang=en", url.Values{"organisation": {"new"}, "org_name.en": {"Typed Union"},
			"org_kind": {"state_body"}, "since": {"2017-02-30"}, "status": {"suspended"}, "note.en": {"my note"}}, nil)
		body := rec.Body.String()
		for _, want := range []string{`value="Typed Union"`, `value="2017-02-30"`, "my note", `value="suspended" selected`,
			`href="#since">Enter a real day`, `href="#status_since">Enter the day the status changed.`, `href="#org_kind">A state body cannot be a member`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused membership lacks %q", want)
			}
		}
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("refused membership: status %d", rec.Code)
		}
		rec = send(s, http.MethodPost, "/people/new?lang=ru", url.Values{"name.ru": {"Лейла"}, "email": {"not an address"}, "phone": {"call me"},
			"organisation": {f.Organisation}}, nil)
		body = rec.Body.String()
		for _, want := range []string{`value="Лейла"`, `value="not an address"`, `value="call me"`, `href="#email">Введите адрес электронной почты`,
			`href="#phone">Введите номер телефона`, `value="` + f.Organisation + `" selected`} {
			if !strings.Contains(body, want) {
				t.Errorf("refused person lacks %q", want)
			}
		}
		rec = send(s, http.MethodPost, "/groups/new?lang=az", url.Values{"status": {"active"}, "member": {f.Person}, "activity": {"x"}}, nil)
		body = rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#name-az">Qrupun adını`) ||
			!strings.Contains(body, `id="member-`+f.Person+`" name="member" value="`+f.Person+`" checked`) || !strings.Contains(body, `value="x"`) {
			t.Errorf("refused group: status %d\n%.3000s", rec.Code, body)
		}
	})
}

// TestMemberStatusChangeIsAudited suspends a member through the form and
// then ends its membership: each change is in the audit log under the
// coordinator's name, before and after.
func TestMemberStatusChangeIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		f := membersSample(t, s, db)
		_, body, _ := get(t, s, "/members/"+f.Membership+"/edit")
		rec := send(s, http.MethodPost, "/members/"+f.Membership+"/edit", url.Values{"version": {hiddenVersion(t, body)},
			"since": {"2016-09-01"}, "status": {"suspended"}, "status_since": {"2017-10-01"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("suspend: status %d\n%.3000s", rec.Code, rec.Body.String())
		}
		// Saving again from the same form is a conflict, shown with the
		// user's input.
		rec = send(s, http.MethodPost, "/members/"+f.Membership+"/edit?lang=en", url.Values{"version": {hiddenVersion(t, body)},
			"since": {"2016-09-01"}, "status": {"active"}}, nil)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Someone else saved this") {
			t.Errorf("stale save: status %d\n%.2000s", rec.Code, rec.Body.String())
		}
		_, body, _ = get(t, s, "/members/"+f.Membership+"/end?lang=en")
		if !strings.Contains(body, "End this membership?") {
			t.Fatalf("end page:\n%.2000s", body)
		}
		rec = send(s, http.MethodPost, "/members/"+f.Membership+"/end", url.Values{"version": {hiddenVersion(t, body)}, "date": {"2018-12-31"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("end: status %d\n%.3000s", rec.Code, rec.Body.String())
		}
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: platform.EntityMembership, EntityID: f.Membership})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 3 {
			t.Fatalf("%d audit entries, want created, suspended and ended", len(entries))
		}
		ended, suspended := entries[0], entries[1]
		if suspended.Actor.Name != coordinator.User.Email || !strings.Contains(string(suspended.Before), `"status":"active"`) ||
			!strings.Contains(string(suspended.After), `"status":"suspended"`) || !strings.Contains(string(suspended.After), `"status_since":"2017-10-01"`) {
			t.Errorf("suspension entry: %s %s → %s", suspended.Actor.Name, suspended.Before, suspended.After)
		}
		if !strings.Contains(string(ended.After), `"status":"left"`) || !strings.Contains(string(ended.After), `"status_since":"2018-12-31"`) {
			t.Errorf("ending entry: %s → %s", ended.Before, ended.After)
		}
		who = access.Subject{}
		_, body, _ = get(t, s, "/members?status=left&lang=en")
		if !strings.Contains(body, "Public Union for Transparency") || !strings.Contains(body, "since 31 December 2018") {
			t.Errorf("the member who left is not listed so:\n%.3000s", body)
		}
	})
}

// TestGroupPageListsWork checks the work section's hook: empty without a
// source, the source's items with one.
func TestGroupPageListsWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		f := membersSample(t, s, db)
		_, body, _ := get(t, s, "/groups/"+f.Group+"?lang=en")
		if !strings.Contains(body, "drafts will be listed here.") || !strings.Contains(body, "Zərifə Qasımova") ||
			!strings.Contains(body, "activity 3") {
			t.Errorf("group page without work:\n%.3000s", body)
		}
		s.groupWork = fakeWork{}
		_, body, _ = get(t, s, "/groups/"+f.Group+"?lang=en")
		if !strings.Contains(body, `<a href="/drafts/5">Proposal package</a>`) {
			t.Errorf("group page with work:\n%.3000s", body)
		}
	})
}

// fakeWork stands in for the drafts store.
type fakeWork struct{}

func (fakeWork) GroupWork(context.Context, int64) ([]platform.GroupWorkItem, error) {
	return []platform.GroupWorkItem{{Title: plan.Text{"en": "Proposal package"}, URL: "/drafts/5"}}, nil
}

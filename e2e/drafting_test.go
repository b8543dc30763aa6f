package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
	"ogpp/internal/app"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
)

// The people of the drafting test: a coordinator, the lead of the expert
// group, and a member of another organisation who comments.
var (
	draftCoordinator = account.NewUser{Email: "leyla@example.org", Name: "Leyla Məmmədova", Role: account.RoleCoordinator, Password: "platformanın iclası 2017"}
	draftLead        = account.NewUser{Email: "aysel@example.org", Name: "Aysel Əliyeva", Role: account.RoleMember, Password: "əlverişli mühit 4.1.2"}
	draftCommenter   = account.NewUser{Email: "rauf@example.org", Name: "Rauf Həsənov", Role: account.RoleMember, Password: "təkliflər paketi 2017"}
)

// draftingPlatform is what exists before the test starts: three member
// NGOs of the platform and a person of two of them, the lead known by her
// account's email. The seed names no member organisation, so these names
// are the test's own.
type draftingPlatform struct {
	orgs        [3]int64
	lead, other int64 // people
}

// The proposal package's first text and the lead's revision of it.
const (
	packageV1 = `The OGP Platform proposes these changes to improve the environment in which NGOs work (NAP 4.1.2).

# Registration of NGOs

Registration of an NGO takes too long.

The Ministry of Justice should register an NGO within 30 days.

# State grants

State grants should be open to every registered NGO.
`
	packageV2 = `The OGP Platform proposes these changes to improve the environment in which NGOs work (NAP 4.1.2).

# Registration of NGOs

Registration of an NGO takes too long.

The Ministry of Justice should register an NGO within 15 days, as the law on state registration provides.

# State grants

State grants should be open to every registered NGO.

# Foreign grants

Registering a foreign grant should be a notification, not a permission.
`
)

// TestDraftingPath retraces the seed's activity 3 in the browser, in
// English: the coordinator forms the expert group from the members' pages
// and starts the package of proposals; a member of another organisation
// comments on a paragraph; the group's lead writes a new version that
// takes the comment in, compares it with the first and resolves the
// comment; the coordinator records the platform meeting, which cannot
// adopt the package with one member of three present and adopts it with
// two; the coordinator publishes it, and the public reads the adopted text
// without the comments. Axe checks the draft with its comments, the
// comparison, the meeting and the public page.
func TestDraftingPath(t *testing.T) {
	chromium := requireBrowser(t)
	var p draftingPlatform
	base := startPreparedServer(t, []account.NewUser{draftCoordinator, draftLead, draftCommenter}, func(ctx context.Context, db *store.DB) error {
		by := audit.System("e2e")
		names := []string{"Vətəndaş Təşəbbüsləri Mərkəzi", "Şəffaflıq Naminə İctimai Birlik", "Hüquqi Maarifçilik Cəmiyyəti"}
		for i, n := range names {
			id, err := db.CreateMembership(ctx, by, platform.MembershipEdit{Since: "2016-05-10", Status: platform.MembershipActive,
				NewOrganisation: &plan.OrganisationEdit{Name: plan.Text{"az": n}, Kind: plan.OrgNGO}})
			if err != nil {
				return err
			}
			m, err := db.GetMembership(ctx, id)
			if err != nil {
				return err
			}
			p.orgs[i] = m.OrganisationID
		}
		var err error
		if p.lead, err = db.CreatePerson(ctx, by, platform.PersonEdit{Name: plan.Text{"az": draftLead.Name}, OrganisationID: p.orgs[0],
			Contacts: platform.Contacts{Email: draftLead.Email}}); err != nil {
			return err
		}
		p.other, err = db.CreatePerson(ctx, by, platform.PersonEdit{Name: plan.Text{"az": "Nigar Quliyeva"}, OrganisationID: p.orgs[1]})
		return err
	})
	browser := startBrowser(t, chromium)
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: artifactsFor(t, "drafting"), name: "drafting"}

	// The coordinator forms the expert group.
	b.signIn(draftCoordinator)
	b.open("/groups/new?activity=3")
	b.setValue("#name-en", "Enabling environment for NGOs")
	b.setValue("#formed_for-en", "Activity 3: package of proposals (NAP 4.1.2)")
	b.do("choose the lead", chromedp.SetValue(chromedp.CSS("#lead"), fmt.Sprint(p.lead)))
	b.do("tick the members", chromedp.Click(chromedp.CSS(fmt.Sprintf("#member-%d", p.lead))), chromedp.Click(chromedp.CSS(fmt.Sprintf("#member-%d", p.other))))
	b.submit("form the group", `main form.edit-form button[type=submit]`, 200)
	group, _, _ := strings.Cut(strings.TrimPrefix(b.path(), "/groups/"), "?")
	b.shot("group")

	// …and starts the package of proposals for it, from the workspace menu.
	b.do("open the workspace menu", chromedp.Click(chromedp.CSS(`.main-nav .workspace-menu summary`)))
	b.follow("open the drafts", chromedp.Click(chromedp.CSS(`.main-nav a[href="/drafts"]`)))
	b.follow("start a draft", chromedp.Click(chromedp.CSS(`a[href="/drafts/new"]`)))
	b.setValue("#title-en", "Proposals on an enabling environment for NGOs")
	b.setValue("#title-az", "QHT-lər üçün əlverişli mühit haqqında təkliflər")
	b.do("choose the group", chromedp.SetValue(chromedp.CSS("#group"), group))
	b.setValue("#activity", "3")
	b.setValue("#body", packageV1)
	b.setValue("#note", "First draft of the expert group")
	b.submit("start the draft", `.edit-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The draft was started." {
		b.fatalf("after starting: notice %q", got)
	}
	if got := b.text("main h1"); got != "Proposals on an enabling environment for NGOs" {
		b.fatalf("draft page: heading %q", got)
	}
	draft, _, _ := strings.Cut(b.path(), "?")
	b.shot("draft-started")

	// A member of another organisation comments on a paragraph; an empty
	// comment is refused first.
	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	b.signIn(draftCommenter)
	b.open(draft)
	b.do("open the comment form", chromedp.Click(chromedp.CSS(`#s-registration-of-ngos .comment-form summary`)))
	b.submit("comment with nothing", `#s-registration-of-ngos .comment-form button[type=submit]`, 422)
	if got := b.text(`.error-summary a[href="#comment-registration-of-ngos"]`); got != "Write your comment." {
		b.fatalf("empty comment: summary %q", got)
	}
	b.do("choose paragraph 2", chromedp.SetValue(chromedp.CSS("#para-registration-of-ngos"), "2"))
	b.setValue("#comment-registration-of-ngos", "Thirty days is still too long: the law on state registration gives **15 days**.")
	b.submit("comment", `#s-registration-of-ngos .comment-form button[type=submit]`, 200)
	if got := b.text("#s-registration-of-ngos .thread .thread-where"); got != "On version 1, paragraph 2" {
		b.fatalf("the comment is about %q", got)
	}
	if got := b.text("#s-registration-of-ngos .thread .comment-body strong"); got != "15 days" {
		b.fatalf("the comment's markdown: %q", got)
	}
	if n := b.count(`a[href$="/versions/new"]`); n != 0 {
		b.fatalf("a member outside the group is offered to write versions")
	}
	b.shot("commented")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// The group's lead writes version 2, compares it and resolves the
	// comment it takes in.
	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	b.signIn(draftLead)
	b.open(draft)
	b.follow("write a new version", chromedp.Click(chromedp.CSS(`a[href$="/versions/new"]`)))
	if got := b.value("#body"); !strings.Contains(got, "within 30 days") {
		b.fatalf("the new version does not start from the latest: %q", got)
	}
	b.setValue("#body", packageV2)
	b.setValue("#note", "Rauf's comment taken in; foreign grants added")
	b.submit("save version 2", `.edit-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The new version was saved." {
		b.fatalf("after saving: notice %q", got)
	}
	if got := b.text("#text"); got != "Text of version 2" {
		b.fatalf("after saving: %q", got)
	}
	b.follow("compare versions", chromedp.Click(chromedp.CSS(`.edit-actions a[href$="/diff"]`)))
	if got := b.text("main h1"); got != "Version 1 compared with version 2" {
		b.fatalf("diff: heading %q", got)
	}
	if got := b.text("#diff-registration-of-ngos .diff-new ins"); got != "added: 15 days, as the law on state registration provides." {
		b.fatalf("diff: marked %q", got)
	}
	if got := b.text("#diff-foreign-grants .tag"); got != "Added" {
		b.fatalf("diff: the new section is %q", got)
	}
	b.shot("diff")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.open(draft)
	b.follow("resolve the comment", chromedp.Click(chromedp.CSS(`#s-registration-of-ngos .resolve-form button`)))
	if got := b.text(".notice-success"); got != "The comment is marked as resolved." {
		b.fatalf("after resolving: notice %q", got)
	}

	// The coordinator records the meeting: one of three present is no
	// quorum, two of three is.
	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	b.signIn(draftCoordinator)
	b.open(draft)
	b.follow("put it on an agenda", chromedp.Click(chromedp.CSS(`a[href^="/meetings/new?draft="]`)))
	b.setValue("#date", "2017-06-15")
	b.setValue("#place", "Bakı, Nizami küçəsi")
	b.submit("record the meeting", `.edit-form button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Meeting of 15 June 2017" {
		b.fatalf("meeting page: heading %q", got)
	}
	b.do("tick one member present", chromedp.Click(chromedp.CSS(fmt.Sprintf("#present-%d", p.orgs[0]))))
	b.submit("record the attendance", `.attendance-form button[type=submit]`, 200)
	item := run(b, "read the agenda item", chromedp.Evaluate[string](`document.querySelector(".agenda-item").id.replace("item-", "")`))
	b.setValue("#for-"+item, "1")
	b.setValue("#against-"+item, "0")
	b.setValue("#abstain-"+item, "0")
	b.do("choose adopted", chromedp.Click(chromedp.CSS("#outcome-"+item+"-adopted")))
	b.submit("adopt without quorum", `.decision-form button[type=submit]`, 422)
	if got := b.text(`.error-summary a[href="#outcome-` + item + `-adopted"]`); !strings.HasPrefix(got, "Too few members attended for a quorum") {
		b.fatalf("adopting without quorum: %q", got)
	}
	b.shot("no-quorum")
	b.do("tick a second member present", chromedp.Click(chromedp.CSS(fmt.Sprintf("#present-%d", p.orgs[1]))))
	b.submit("record the attendance again", `.attendance-form button[type=submit]`, 200)
	if got := b.text("dl.summary .tag"); got != "Quorum" {
		b.fatalf("two of three: %q", got)
	}
	b.setValue("#for-"+item, "2")
	b.setValue("#against-"+item, "0")
	b.setValue("#abstain-"+item, "0")
	b.do("choose adopted", chromedp.Click(chromedp.CSS("#outcome-"+item+"-adopted")))
	b.submit("adopt", `.decision-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The decision was recorded." {
		b.fatalf("after the vote: notice %q", got)
	}
	if got := b.text("#item-" + item + " .decision"); got != "Adopted For: 2, against: 0, abstained: 0. (version 2)" {
		b.fatalf("the decision reads %q", got)
	}
	b.shot("adopted")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// Adopted, the text is locked; the coordinator publishes it.
	b.follow("open the draft", chromedp.Click(chromedp.CSS(`#item-`+item+` h3 a`)))
	if n := b.count(`a[href$="/versions/new"]`); n != 0 {
		b.fatalf("the adopted text is offered a new version")
	}
	b.follow("publish", chromedp.Click(chromedp.CSS(`.publish-form button`)))
	if got := b.text(".notice-success"); got != "The adopted text is published." {
		b.fatalf("after publishing: notice %q", got)
	}
	b.shot("published")

	// The public finds it in the library, among the platform's materials.
	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	b.open("/?lang=en")
	b.follow("open the library", chromedp.Click(chromedp.CSS(`.main-nav a[href="/library"]`)))
	if got := b.text("main h1"); got != "Library" {
		b.fatalf("public list: heading %q", got)
	}
	b.follow("open the document", chromedp.Click(chromedp.CSS(`main a[href="`+draft+`"]`)))
	if got := b.text("#text"); got != "Adopted text" {
		b.fatalf("public page: %q", got)
	}
	if got := b.text(".decision"); !strings.HasPrefix(got, "Adopted at the platform meeting of 15 June 2017 (Bakı, Nizami küçəsi): version 2.") {
		b.fatalf("public page: decision %q", got)
	}
	if got := b.text("#s-foreign-grants .draft-para p"); got != "Registering a foreign grant should be a notification, not a permission." {
		b.fatalf("public page: text %q", got)
	}
	if n := b.count(".draft-comments, .thread, a[href$=\"/diff\"]"); n != 0 {
		b.fatalf("the public sees %d comments or comparisons", n)
	}
	b.shot("public")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.do("narrow the window to a phone's", chromedp.EmulateViewport(360, 800))
	b.open(draft + "?lang=az")
	if w := b.scrollWidth(); w > 360 {
		b.fatalf("the public page is %d px wide on a 360 px phone", w)
	}
	b.shot("public-phone-az")
}

// startPreparedServer creates a database with the users in it (through the
// account service) and what setup writes (nil for nothing), then runs ogpp
// over it with the demo data as a new user would, and returns its base URL.
func startPreparedServer(t *testing.T, users []account.NewUser, setup func(context.Context, *store.DB) error) string {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "ogpp.db")
	ctx := context.Background()
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := app.Accounts(db)
	for _, u := range users {
		if err != nil {
			break
		}
		_, err = svc.CreateUser(ctx, u)
	}
	if err == nil && setup != nil {
		err = setup(ctx, db)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("prepare the database: %v", err)
	}
	return serve(t, app.Config{DB: dsn})
}

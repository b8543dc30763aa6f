package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The administrator who invites, created before ogpp starts, and the
// monitor she invites.
const (
	adminEmail    = "aysel@example.org"
	adminName     = "Aysel Quliyeva"
	adminPassword = "hesabatlılıq 2018"

	inviteeEmail    = "rauf@example.org"
	inviteeName     = "Rauf İsmayılov"
	inviteePassword = "ictimai nəzarət 2017"
)

// TestInviteAMonitor is an administrator inviting a monitor in Azerbaijani
// and the monitor accepting in a browser of his own: the invitation form
// refuses a missing role with the typed values kept, then shows the link;
// the link's page refuses a short password, then signs the monitor in; the
// spent link is refused; the users list shows him active. Axe checks the
// users list, the form with its errors and the invitation page.
func TestInviteAMonitor(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: adminEmail, Name: adminName, Role: account.RoleAdmin, Password: adminPassword})
	shots := artifactsFor(t, "invite")
	a := &tab{t: t, ctx: newTab(t, startBrowser(t, chromium)), base: base, shots: shots, name: "admin"}

	a.open("/login")
	a.do("type the admin's email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), adminEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), adminPassword))
	a.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))

	// The workspace menu leads an administrator to the users.
	a.do("open the workspace menu", chromedp.Click(chromedp.CSS(`.main-nav .workspace-menu summary`)))
	a.shot("workspace-menu")
	a.follow("click İstifadəçilər", chromedp.Click(chromedp.CSS(`.main-nav a[href="/admin/users"]`)))
	if got := a.text("main h1"); got != "İstifadəçilər" {
		a.fatalf("users page: heading %q", got)
	}
	if got := a.text("table.users tbody td"); got != adminName {
		a.fatalf("users page: first name %q, want %q", got, adminName)
	}
	a.shot("users-alone")
	a.injectAxe()
	a.reportAxe(a.runAxe())

	// The invitation form, first without a role.
	a.follow("click İstifadəçi dəvət et", chromedp.Click(chromedp.CSS(`main a.button-link[href="/admin/users/new"]`)))
	a.do("type the invitee",
		chromedp.SendKeys(chromedp.CSS("#email"), inviteeEmail),
		chromedp.SendKeys(chromedp.CSS("#name"), inviteeName))
	a.submit("submit without a role", `main form button[type=submit]`, 422)
	if got := a.text(`.error-summary a[href="#role"]`); got != "Siyahıdan rol seçin." {
		a.fatalf("invitation without a role: summary says %q", got)
	}
	if got := a.value("#name"); got != inviteeName {
		a.fatalf("invitation without a role: the name field holds %q", got)
	}
	a.shot("invite-no-role")
	a.injectAxe()
	a.reportAxe(a.runAxe())

	a.do("choose Monitorinqçi", chromedp.Click(chromedp.CSS("#role-monitor")))
	a.follow("create the invitation", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := a.text("main h1"); got != "Dəvət yaradıldı" {
		a.fatalf("after inviting: heading %q", got)
	}
	link := a.value("#invite-url")
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(link, base+"/invite/") {
		a.fatalf("invitation link %q is not under %s/invite/", link, base)
	}
	a.shot("invited")
	a.injectAxe()
	a.reportAxe(a.runAxe())

	// The invitee, in a browser of his own.
	b := &tab{t: t, ctx: newTab(t, startBrowser(t, chromium)), base: base, shots: shots, name: "invitee"}
	b.open(u.Path)
	if got := b.text("main h1"); got != "Parolunuzu seçin" {
		b.fatalf("invitation page: heading %q", got)
	}
	if got := b.value("#username"); got != inviteeEmail {
		b.fatalf("invitation page: the email reads %q", got)
	}
	b.do("type a short password", chromedp.SendKeys(chromedp.CSS("#password"), "qısa"))
	b.submit("submit a short password", `main form button[type=submit]`, 422)
	if got := b.text(`.error-summary a[href="#password"]`); got != "Parol ən azı 12 simvoldan ibarət olmalıdır." {
		b.fatalf("short password: summary says %q", got)
	}
	b.shot("short-password")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.do("type a good password", chromedp.SendKeys(chromedp.CSS("#password"), inviteePassword))
	b.follow("save the password", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if p := b.path(); p != "/account?done=welcome" {
		b.fatalf("after accepting: at %q", p)
	}
	if got := b.text(".site-header .user-name"); !strings.HasSuffix(got, inviteeName) {
		b.fatalf("after accepting: the header names %q", got)
	}
	if got := b.text(".notice-success"); !strings.HasPrefix(got, "Parolunuz təyin edildi") {
		b.fatalf("after accepting: notice %q", got)
	}
	b.shot("welcome")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// The link is spent.
	b.openStatus(u.Path, 410)
	if got := b.text("main h1"); got != "Bu dəvət keçidindən istifadə etmək olmaz" {
		b.fatalf("used link: heading %q", got)
	}
	b.shot("used-link")

	// The admin sees him active, with his sign-in.
	a.open("/admin/users")
	if n := a.count("table.users tbody tr"); n != 2 {
		a.fatalf("users page after accepting: %d rows, want 2", n)
	}
	row := a.text(`table.users tbody tr:nth-child(2)`)
	for _, want := range []string{inviteeName, inviteeEmail, "Monitorinqçi", "Aktiv"} {
		if !strings.Contains(row, want) {
			a.fatalf("users page: %q lacks %q", row, want)
		}
	}
	if strings.Contains(row, "Məlum deyil") {
		a.fatalf("users page: %q does not show his sign-in", row)
	}
	a.shot("users")

	// His page offers the role form and disabling, behind a confirmation.
	a.follow("click İdarə et", chromedp.Click(chromedp.CSS(`table.users tbody tr:nth-child(2) a`)))
	if got := a.text("main h1"); got != inviteeName {
		a.fatalf("edit page: heading %q", got)
	}
	a.shot("edit")
	a.injectAxe()
	a.reportAxe(a.runAxe())
	a.follow("click Bu hesabı deaktiv et", chromedp.Click(chromedp.CSS(`a.delete-link`)))
	if got := a.text("main h1"); got != inviteeName+" adlı istifadəçinin hesabı deaktiv edilsin?" {
		a.fatalf("disable page: heading %q", got)
	}
	a.shot("disable")
	a.injectAxe()
	a.reportAxe(a.runAxe())
}

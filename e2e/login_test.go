package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The account the login test signs in with, created before ogpp starts.
const (
	loginEmail    = "leyla@example.org"
	loginName     = "Leyla Məmmədova"
	loginPassword = "açıq hökumət 2016"
)

// TestLogin signs in as an Azerbaijani reader does: a wrong password first,
// which shows the error summary in Azerbaijani with the email kept; then
// the right one, which puts the user's name in the header; then signing
// out. Axe checks the form with its errors.
func TestLogin(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: loginEmail, Name: loginName, Role: account.RoleCoordinator, Password: loginPassword})
	browser := startBrowser(t, chromium)
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: artifactsFor(t, "login"), name: "login"}

	b.open("/")
	b.follow("click Daxil ol", chromedp.Click(chromedp.CSS(`.site-header a.signin`)))
	if got := b.text("main h1"); got != "Daxil ol" {
		b.fatalf("login page: heading %q, want Daxil ol", got)
	}

	// A wrong password: the error summary on top, in Azerbaijani, links to
	// the email field; the email stays, the password does not.
	b.do("type a wrong password",
		chromedp.SendKeys(chromedp.CSS("#email"), loginEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), "səhv parol 123"),
	)
	b.submit("submit the wrong password", `main form button[type=submit]`, 422)
	if got := b.text(".error-summary h2"); got != "Problem var" {
		b.fatalf("failed login: summary heading %q, want Problem var", got)
	}
	want := "E-poçt ünvanı və ya parol düzgün deyil."
	if got := b.text(`.error-summary a[href="#email"]`); got != want {
		b.fatalf("failed login: summary says %q, want %q", got, want)
	}
	if got := b.text("#email-error"); got != "Xəta: "+want {
		b.fatalf("failed login: beside the field %q", got)
	}
	if got := run(b, "read the email", chromedp.Value(chromedp.CSS("#email"))); got != loginEmail {
		b.fatalf("failed login: the email field holds %q, want %q", got, loginEmail)
	}
	if got := run(b, "read the password", chromedp.Value(chromedp.CSS("#password"))); got != "" {
		b.fatalf("failed login: the password field was filled in again")
	}
	if got := run(b, "read the focus", chromedp.Evaluate[string](`document.activeElement.className`)); got != "error-summary" {
		b.t.Logf("the error summary does not have the focus (%q has)", got)
	}
	b.wantLang("failed login", "az")
	b.shot("failed-az")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// The right password signs in: the name in the header, and a way out.
	b.do("type the right password", chromedp.SendKeys(chromedp.CSS("#password"), loginPassword))
	b.follow("submit the right password", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if p := b.path(); p != "/" {
		b.fatalf("after login: at %q, want /", p)
	}
	if got := b.text(".site-header .user-name"); got != loginName {
		b.fatalf("after login: the header names %q, want %q", got, loginName)
	}
	b.shot("signed-in")

	// Sign out.
	b.follow("click Çıxış", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	if n := b.count(".site-header .user-name"); n != 0 {
		b.fatalf("after logout: the header still names the user")
	}
	if got := b.text(".site-header a.signin"); got != "Daxil ol" {
		b.fatalf("after logout: sign-in link %q", got)
	}
	b.shot("signed-out")
}

// startServerWithUser creates a database with the user in it, through the
// account service, then runs ogpp over it with the demo data.
func startServerWithUser(t *testing.T, nu account.NewUser) string {
	t.Helper()
	return startPreparedServer(t, []account.NewUser{nu}, nil)
}

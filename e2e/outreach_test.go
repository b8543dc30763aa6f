package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The coordinator who records appeals in the browser test.
const (
	outreachEmail    = "aysel@example.org"
	outreachName     = "Aysel Məmmədova"
	outreachPassword = "müraciət 7 iş günü"
)

// outreachPDF is a file whose content says it is a PDF.
var outreachPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// TestRecordAnAppeal records an appeal as a coordinator does, in English,
// without JavaScript of ogpp's own: an empty form is refused with the error
// summary; the filled form is saved and the appeal's page gives its
// deadline (7 working days after Monday 18 March 2024, weekends skipped,
// no holidays configured: Wednesday 27 March); the letter is uploaded and
// its SHA-256 shown. Every page on the way, and the public lists, are
// checked with axe-core.
func TestRecordAnAppeal(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: outreachEmail, Name: outreachName, Role: account.RoleCoordinator, Password: outreachPassword})
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "outreach")
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "appeal"}

	b.open("/login?lang=en")
	b.do("type the coordinator's email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), outreachEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), outreachPassword))
	b.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))

	b.open("/appeals")
	b.follow("click Record an appeal", chromedp.Click(chromedp.CSS(`.edit-actions a.button-link`)))
	if got := b.text("main h1"); got != "New appeal" {
		b.fatalf("appeal form: heading %q", got)
	}
	b.setValue("#sent_on", "")
	b.submit("save an empty appeal", `.edit-form button[type=submit]`, 422)
	if got := b.text(`.error-summary a[href="#addressee"]`); !strings.HasPrefix(got, "Choose the state body") {
		b.fatalf("refused form: summary says %q", got)
	}
	b.shot("refused")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// The first state body the select offers, whichever the demo data has.
	addressee := run(b, "choose the addressee", chromedp.Evaluate[string](`(() => {
		const o = document.querySelector("#addressee optgroup option");
		o.selected = true;
		return o.value;
	})()`))
	if addressee == "" {
		b.fatalf("the addressee select offers no state body")
	}
	b.setValue("#sent_on", "2024-03-18")
	b.setValue("#reference", "No. 12/3")
	b.setValue("#subject-en", "Disclosure of the budget package")
	b.submit("record the appeal", `.edit-form button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Disclosure of the budget package" {
		b.fatalf("appeal page: heading %q", got)
	}
	if got := b.text("main dl.summary"); !strings.Contains(got, "27 March 2024") || !strings.Contains(got, "7 working days") {
		b.fatalf("appeal page: the deadline is not 27 March 2024: %q", got)
	}

	pdf := filepath.Join(t.TempDir(), "Müraciət 12.pdf")
	if err := os.WriteFile(pdf, outreachPDF, 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("choose the letter", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{pdf}))
	b.submit("upload the letter", `form.upload-form button[type=submit]`, 200)
	sum := sha256.Sum256(outreachPDF)
	if got := b.text("#documents + p"); !strings.Contains(got, "Müraciət 12.pdf") || !strings.Contains(got, hex.EncodeToString(sum[:])) {
		b.fatalf("the letter is not shown with its SHA-256: %q", got)
	}
	b.shot("appeal")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	for _, p := range []struct{ path, want string }{
		{"/appeals?lang=en", "table.appeals tbody tr"},
		{"/appeals?lang=az", "table.appeals tbody tr"},
		{"/media/new?lang=en", "form.edit-form"},
		{"/media?lang=en", "main h1"},
		{"/resources/new?lang=ru", "form.edit-form"},
		{"/resources?lang=en", "main h1"},
	} {
		b.open(p.path)
		if b.count(p.want) == 0 {
			b.fatalf("%s: nothing matches %s", p.path, p.want)
		}
		b.injectAxe()
		b.reportAxe(b.runAxe())
	}
}

package e2e

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
	"ogpp/internal/library/librarytest"
)

// librarian is the coordinator who adds a report to the library.
var librarian = account.NewUser{Email: "leyla@example.org", Name: "Leyla Hüseynova", Role: account.RoleCoordinator, Password: "kitabxana şəffaflıq 2017"}

// fetchLibraryFile is what the browser runs to download the file the
// document page's first file link names, as the public: the answer's
// status, headers and first bytes.
const fetchLibraryFile = `(async () => {
	const link = document.querySelector("table.library-files a[download]");
	const r = await fetch(link.href, {credentials: "same-origin"});
	const bytes = new Uint8Array(await r.arrayBuffer());
	return JSON.stringify({status: r.status, type: r.headers.get("Content-Type"), disposition: r.headers.get("Content-Disposition"),
		nosniff: r.headers.get("X-Content-Type-Options"), size: bytes.length, start: String.fromCharCode.apply(null, bytes.subarray(0, 5))});
})()`

// TestPublishAndFindADocument: a coordinator adds a report to the library
// and uploads its PDF, whose Azerbaijani name and SHA-256 the page shows,
// and publishes it; the public, signed out, finds it by a word of its PDF
// with the site's search, opens the library, filters it
// by kind, opens the report and downloads its file, a PDF sent as an
// attachment under its own name. The pages are checked with axe-core.
func TestPublishAndFindADocument(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, librarian)
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "library")
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "library"}
	b.signIn(librarian)

	b.open("/library?lang=en")
	b.follow("click Add a document", chromedp.Click(chromedp.CSS(`.edit-actions a.button-link`)))
	if got := b.text("main h1"); got != "Add a document" {
		b.fatalf("document form: heading %q", got)
	}
	b.setValue("#kind", "report")
	b.setValue("#title", "Monitorinq hesabatı 2017")
	b.setValue("#language", "az")
	b.setValue("#date", "2017-10-05")
	b.setValue("#description", "Dəyirmi masada təqdim edilmiş **hesabat**.")
	b.submit("add the document", `.edit-form .actions button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Monitorinq hesabatı 2017" {
		b.fatalf("document page: heading %q", got)
	}

	pdf := filepath.Join(t.TempDir(), "Hesabat şəffaflıq 2017.pdf")
	if err := os.WriteFile(pdf, librarytest.PDF(t, "Monitorinq hesabatı: şəffaflıq"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("choose the PDF", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{pdf}))
	b.submit("upload the PDF", `form.upload button[type=submit]`, 200)
	if got := b.text("table.library-files tbody"); !strings.Contains(got, "Hesabat şəffaflıq 2017.pdf") || len(b.text("table.library-files code.sha")) != 64 {
		b.fatalf("the file is not listed with its SHA-256: %q", got)
	}
	b.submit("publish", `#publish button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The document is published." {
		b.fatalf("after publishing: %q", got)
	}
	b.shot("coordinator")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header button.signout`)))
	// The site's search finds the report by a word of its PDF typed in
	// capitals: Azerbaijani folding makes ŞƏFFAFLIQ şəffaflıq.
	b.open("/search?lang=en&q=" + url.QueryEscape("ŞƏFFAFLIQ"))
	if b.count(`.search-hit a[href^="/library/"]`) != 1 {
		b.fatalf("searching ŞƏFFAFLIQ does not find the report's PDF")
	}
	b.open("/library?lang=en")
	b.setValue("#f-kind", "report")
	b.submit("filter by kind", `form.filter button[type=submit]`, 200)
	if !strings.Contains(b.path(), "kind=report") || b.count("table.library tbody tr") != 1 {
		b.fatalf("the library filtered by kind: %s lists %d", b.path(), b.count("table.library tbody tr"))
	}
	b.shot("public-list")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.follow("open the report", chromedp.Click(chromedp.CSS(`table.library tbody a`)))
	if got := b.text("main h1"); got != "Monitorinq hesabatı 2017" || b.count(".library-actions") != 0 {
		b.fatalf("the public's document page: heading %q", got)
	}
	b.injectAxe()
	b.reportAxe(b.runAxe())
	var got struct {
		Status                            int
		Type, Disposition, Nosniff, Start string
		Size                              int
	}
	if err := json.Unmarshal([]byte(run(b, "download the file", chromedp.Evaluate[string](fetchLibraryFile, chromedp.EvalAwaitPromise))), &got); err != nil {
		b.fatalf("download: %v", err)
	}
	if got.Status != 200 || got.Type != "application/pdf" || got.Nosniff != "nosniff" || got.Start != "%PDF-" ||
		!strings.HasPrefix(got.Disposition, "attachment") || !strings.Contains(got.Disposition, "Hesabat%20%C5%9F%C9%99ffafl%C4%B1q%202017.pdf") {
		b.fatalf("the downloaded file: %+v", got)
	}
	b.shot("public-document")
}

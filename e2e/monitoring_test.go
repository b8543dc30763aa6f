package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The two monitors of the monitoring test: one assesses, the other
// reviews, since nobody approves their own work.
var (
	assessor = account.NewUser{Email: "aysel@example.org", Name: "Aysel Quliyeva", Role: account.RoleMonitor, Password: "ictimai nəzarət 2018"}
	reviewer = account.NewUser{Email: "rauf@example.org", Name: "Rauf Həsənov", Role: account.RoleMonitor, Password: "hesabatlılıq 2018!"}
)

// demoRoundName is the English name of the demo's open round of the
// Azerbaijani plan.
const demoRoundName = "OGP Platform's civil-society monitoring, 2016-2018"

// TestMonitoringHandOff walks the monitors' workflow in English: a monitor
// finds the demo plan's open round from the plan's page, opens measure 1.1,
// saves with a broken link and no completion (refused, everything typed
// kept), fixes it, uploads a PDF whose SHA-256 the page then shows, and
// submits the assessment; a second monitor finds it waiting for review and
// approves it. Axe checks the form with its errors, the saved assessment
// and the review page.
func TestMonitoringHandOff(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUsers(t, assessor, reviewer)
	planID, m := azPlanAndMeasure(t, base)
	browser := startBrowser(t, chromium)
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: artifactsFor(t, "monitoring"), name: "monitoring"}

	b.signIn(assessor)
	b.open(fmt.Sprintf("/plans/%d", planID))
	b.follow("click Monitoring rounds", chromedp.Click(chromedp.CSS(`.rounds-link a`)))
	if got := b.text("main h1"); got != "Monitoring rounds" {
		b.fatalf("rounds page: heading %q", got)
	}
	b.shot("rounds")
	b.follow("open the round's measures", chromedp.Click(chromedp.Search(
		`//table[contains(@class,"rounds")]//tr[contains(., "`+demoRoundName+`")]//a[contains(@href, "/work")]`)))
	if got := b.text("main h1"); got != demoRoundName {
		b.fatalf("work page: heading %q", got)
	}
	b.shot("work")
	b.follow("click Assess on 1.1", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href$="/measures/%d/assessment"]`, m.ID))))
	if got := b.text("main h2"); got != "Assess the measure" {
		b.fatalf("assessment form: heading %q", got)
	}

	// No completion and a link without a web address: refused, with the
	// summary on top and what was typed kept.
	narrative := "The list of e-services was **revised** in 2017; see the Cabinet's decision."
	b.setValue("#narrative", narrative)
	b.setValue("#link-0-url", "e-gov.az/services")
	b.setValue("#link-0-title", "Register of e-services")
	b.do("tick civic participation", chromedp.Click(chromedp.CSS("#relevance-civic_participation")))
	b.submit("save without a completion", `.assessment-form button[type=submit]`, 422)
	if got := b.text(".error-summary h2"); got != "There is a problem" {
		b.fatalf("refused form: summary %q", got)
	}
	if got := b.text(`.error-summary a[href="#completion-not_started"]`); got != "Choose how far the measure has been carried out." {
		b.fatalf("refused form: completion message %q", got)
	}
	if n := b.count(`.error-summary a[href="#link-0-url"]`); n != 1 {
		b.fatalf("refused form: no message for the link")
	}
	if got := b.value("#narrative"); got != narrative {
		b.fatalf("refused form: narrative %q", got)
	}
	if got := b.value("#link-0-title"); got != "Register of e-services" {
		b.fatalf("refused form: link title %q", got)
	}
	if !run(b, "read the checkbox", chromedp.Evaluate[bool](`document.querySelector("#relevance-civic_participation").checked`)) {
		b.fatalf("refused form: the ticked value was lost")
	}
	b.shot("refused")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	b.do("choose substantial", chromedp.Click(chromedp.CSS("#completion-substantial")))
	b.do("choose verifiable", chromedp.Click(chromedp.CSS("#verifiable-yes")))
	b.setValue("#link-0-url", "https://e-gov.az/services")
	b.setValue("#link-0-accessed", "2018-03-31")
	b.submit("save the assessment", `.assessment-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The assessment was saved as a new version." {
		b.fatalf("after saving: notice %q", got)
	}
	if got := b.text(".preview .narrative strong"); got != "revised" {
		b.fatalf("after saving: the preview shows %q in bold", got)
	}

	// A PDF as evidence: its checksum is on the page.
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	file := filepath.Join(t.TempDir(), "cabinet-decision.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}))
	b.submit("upload the file", `.upload-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "The file was added." {
		b.fatalf("after uploading: notice %q", got)
	}
	sum := sha256.Sum256(pdf)
	if got := b.text("table.evidence-files code.sha"); got != hex.EncodeToString(sum[:]) {
		b.fatalf("the page shows SHA-256 %q, want %x", got, sum)
	}
	if got := b.text("table.evidence-files td a"); got != "cabinet-decision.pdf" {
		b.fatalf("the file is listed as %q", got)
	}
	b.follow("submit for review", chromedp.Click(chromedp.CSS(`form[action$="/submit"] button`)))
	if got := b.text(".notice-success"); got != "The assessment was submitted for review." {
		b.fatalf("after submitting: notice %q", got)
	}
	if got := b.text(".review-state .tag"); got != "Submitted for review" {
		b.fatalf("after submitting: status %q", got)
	}
	if n := b.count(`a[href$="/review"]`); n != 0 {
		b.fatalf("the author is offered the review of her own assessment")
	}
	b.shot("submitted")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	assessment, _, _ := strings.Cut(b.path(), "?")
	round, _, _ := strings.Cut(assessment, "/measures/")

	// The second monitor finds it waiting and approves it.
	b.follow("sign out", chromedp.Click(chromedp.CSS(`.site-header form.account button`)))
	b.signIn(reviewer)
	b.open(round + "/work?review=to_review")
	if n := b.count("table.work tbody tr"); n != 1 {
		b.fatalf("waiting for review: %d measures, want 1", n)
	}
	b.follow("click Review", chromedp.Click(chromedp.CSS(`table.work a[href$="/review"]`)))
	if got := b.text("main h1"); !strings.HasPrefix(got, "Review: 1.1") {
		b.fatalf("review page: heading %q", got)
	}
	if got := b.text(".evidence-links a"); got != "Register of e-services" {
		b.fatalf("review page: the link reads %q", got)
	}
	b.shot("review")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.do("choose approve", chromedp.Click(chromedp.CSS("#decision-approve")))
	b.follow("record the decision", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := b.text(".notice-success"); got != "The assessment was approved." {
		b.fatalf("after approving: notice %q", got)
	}
	b.shot("approved")
	b.open(assessment)
	if got := b.text(".review-state .tag"); got != "Approved" {
		b.fatalf("the assessment is %q after approval", got)
	}
	b.shot("assessment-approved")
}

// signIn signs in as u, in English.
func (b *tab) signIn(u account.NewUser) {
	b.t.Helper()
	b.open("/login?lang=en")
	b.do("type "+u.Email+"'s email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), u.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), u.Password))
	b.follow("sign in as "+u.Email, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	if got := b.text(".site-header .user-name"); got != u.Name {
		b.fatalf("signed in as %q, want %q", got, u.Name)
	}
}

// startServerWithUsers creates a database with the users in it, then runs
// ogpp over it with the demo data.
func startServerWithUsers(t *testing.T, users ...account.NewUser) string {
	t.Helper()
	return startPreparedServer(t, users, nil)
}

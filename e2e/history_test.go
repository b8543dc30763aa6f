package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The administrator who edits, reads the history and restores in the
// browser test.
const (
	historyEmail    = "samir@example.org"
	historyName     = "Samir Hüseynov"
	historyPassword = "hesabatlılıq 2018 açıq"
)

// The description the test writes, then changes by one word.
const (
	historyDescription = "The Cabinet of Ministers reviews the list of electronic services every year and publishes it."
	historyRevised     = "The Cabinet of Ministers reviews the list of electronic services every quarter and publishes it."
	historyTitle       = "Improving the list of e-services"
)

// TestHistoryTab edits a measure of the demo plan twice through its form,
// then reads its History tab as an administrator: the newest change first,
// with the editor's name, the title's old and new values and the
// description's changed word marked. It reads the same history in
// Azerbaijani and on a phone, finds the change in the audit log and checks
// the chain, then deletes the measure and restores it from the deleted
// items. Axe checks the history and the log.
func TestHistoryTab(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: historyEmail, Name: historyName, Role: account.RoleAdmin, Password: historyPassword})
	_, m := azPlanAndMeasure(t, base)
	browser := startBrowser(t, chromium)
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: artifactsFor(t, "history"), name: "history"}

	b.open("/login?lang=en")
	b.do("type the administrator's email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), historyEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), historyPassword))
	b.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))

	measure := fmt.Sprintf("/measures/%d", m.ID)
	b.open(measure + "/edit")
	oldTitle := b.value("#title-en")
	b.setValue("#description-en", historyDescription)
	b.submit("save the description", `.edit-form button[type=submit]`, 200)
	b.open(measure + "/edit")
	b.setValue("#title-en", historyTitle)
	b.setValue("#description-en", historyRevised)
	b.submit("save the title and the description", `.edit-form button[type=submit]`, 200)

	// The measure's page has the tabs; History lists the newest change
	// first, open, field by field.
	if got := b.text(`.tabs a[aria-current="page"]`); got != "Details" {
		b.fatalf("measure page: current tab %q, want Details", got)
	}
	b.follow("click the History tab", chromedp.Click(chromedp.CSS(`.tabs a[href$="/history"]`)))
	if p := b.path(); p != measure+"/history" {
		b.fatalf("history at %q", p)
	}
	if got := b.text("main h1"); !strings.Contains(got, historyTitle) {
		b.fatalf("history: heading %q", got)
	}
	if n := b.count(".audit-entry"); n != 2 {
		b.fatalf("history: %d entries, want 2", n)
	}
	newest := ".audit-entry:first-child"
	if got := b.text(newest + " .tag-action"); !strings.EqualFold(got, "Updated") {
		b.fatalf("history: the newest entry is %q, want Updated", got)
	}
	if got := b.text(newest + " .audit-who"); got != "by "+historyName+" ("+historyEmail+")" {
		b.fatalf("history: the newest entry is %q", got)
	}
	for _, tt := range []struct{ field, old, new, removed, added string }{
		{"Description (English)", historyDescription, historyRevised, "year", "quarter"},
		{"Title (English)", oldTitle, historyTitle, "", ""},
	} {
		c := b.diffRow(newest, tt.field)
		if c.Old != tt.old || c.New != tt.new {
			b.fatalf("history: %s reads %q → %q, want %q → %q", tt.field, c.Old, c.New, tt.old, tt.new)
		}
		if tt.removed != "" && (strings.Join(c.Removed, "|") != tt.removed || strings.Join(c.Added, "|") != tt.added) {
			b.fatalf("history: %s marks %q removed and %q added, want %q and %q", tt.field, c.Removed, c.Added, tt.removed, tt.added)
		}
	}
	b.shot("history-en")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// In Azerbaijani, and on a phone without sideways scrolling.
	b.open(measure + "/history?lang=az")
	b.wantLang("history", "az")
	if got := b.text(newest + " table.diff tbody th"); got != "Başlıq (ingiliscə)" && !strings.Contains(b.text(newest+" table.diff tbody"), "Başlıq (ingiliscə)") {
		b.fatalf("Azerbaijani history: first field %q", got)
	}
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateMobile))
	b.open(measure + "/history?lang=az")
	b.fitsPhone("history")
	b.shot("history-az-phone")
	b.do("back to a desktop", chromedp.EmulateViewport(1280, 900))

	// The audit log finds the change; its diff unfolds without script.
	b.open(fmt.Sprintf("/admin/audit?lang=en&type=measure&id=%d&action=update", m.ID))
	if n := b.count(".audit-entry"); n != 2 {
		b.fatalf("audit log: %d entries for the measure, want 2", n)
	}
	if got := b.text(newest + " .audit-entity a"); got != m.Clause+" "+historyTitle {
		b.fatalf("audit log: the entry links to %q", got)
	}
	b.do("unfold the newest diff", chromedp.Click(chromedp.CSS(newest+" details summary")))
	b.do("wait for the diff", chromedp.WaitVisible(chromedp.CSS(newest+" details table.diff")))
	if c := b.diffRow(newest+" details", "Title (English)"); c.New != historyTitle {
		b.fatalf("audit log: the unfolded diff has the title %q", c.New)
	}
	b.follow("check the chain", chromedp.Click(chromedp.CSS(`#chain a`)))
	if got := b.text("#chain .tag"); got != "Intact" {
		b.fatalf("audit log: the chain is %q", got)
	}
	b.shot("audit-log")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// A date that does not exist is named in the error summary, beside its
	// field, and kept in it.
	b.openStatus("/admin/audit?lang=en&type=measure&from=2017-02-30", 400)
	if got := b.text(`.error-summary a[href="#filter-from"]`); got != "Enter a real date in the form 2017-03-05." {
		b.fatalf("audit log: the error summary says %q", got)
	}
	if got := b.text("#filter-from-error"); !strings.Contains(got, "Enter a real date") {
		b.fatalf("audit log: beside the date %q", got)
	}
	if got := b.value("#filter-type"); got != "measure" {
		b.fatalf("audit log: the kind of item was not kept: %q", got)
	}
	b.shot("audit-log-bad-date")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// Deleted, then restored from the deleted items.
	b.open(measure + "/delete")
	b.submit("delete the measure", `main form button[type=submit]`, 200)
	b.open("/admin/deleted?lang=en")
	row := fmt.Sprintf("#restore-measure-%d", m.ID)
	if got := b.text(row); !strings.Contains(got, historyTitle) || !strings.Contains(got, historyName) {
		b.fatalf("deleted items: the row says %q", got)
	}
	b.shot("deleted")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.submit("restore the measure", row+" button[type=submit]", 200)
	if got := b.text(".notice-success"); got != "The item was restored: it shows on the site again." {
		b.fatalf("after restoring: notice %q", got)
	}
	b.follow("open the restored measure", chromedp.Click(chromedp.CSS(".restored-link a")))
	if p := b.path(); p != measure {
		b.fatalf("restored measure at %q", p)
	}
	b.shot("restored")
}

// diffCells is one row of a diff table as a reader reads it: the old and
// new values, and the words marked removed and added, without the words
// that only screen readers hear.
type diffCells struct {
	Old, New       string
	Removed, Added []string
}

// diffRow reads the row of the diff of the entry entry (a selector) whose
// field is named field.
func (b *tab) diffRow(entry, field string) diffCells {
	b.t.Helper()
	js := fmt.Sprintf(`(() => {
		const seen = el => { const c = el.cloneNode(true); c.querySelectorAll(".visually-hidden").forEach(h => h.remove()); return c.textContent.trim(); };
		const row = Array.from(document.querySelectorAll(%q)).find(tr => tr.querySelector("th").textContent.trim() === %q);
		if (!row) return {};
		return {Old: seen(row.querySelector(".diff-old")), New: seen(row.querySelector(".diff-new")),
			Removed: Array.from(row.querySelectorAll(".diff-old del"), seen), Added: Array.from(row.querySelectorAll(".diff-new ins"), seen)};
	})()`, entry+" table.diff tbody tr", field)
	return run(b, "read the diff of "+field, chromedp.Evaluate[diffCells](js))
}

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The coordinator who edits in the browser test.
const (
	editorEmail    = "nigar@example.org"
	editorName     = "Nigar Əliyeva"
	editorPassword = "şəffaf büdcə 2017"
)

// TestEditMeasure edits a measure of the demo plan as a coordinator does,
// in English: a period that is not a date is refused with the error summary
// and the typed values kept; then two tabs edit the same measure, and the
// second save is refused with the conflict message showing the first one's
// title, until it is saved again knowingly.
func TestEditMeasure(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: editorEmail, Name: editorName, Role: account.RoleCoordinator, Password: editorPassword})
	_, m := azPlanAndMeasure(t, base)
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "edit")
	a := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "edit-a"}

	a.open("/login?lang=en")
	a.do("type the coordinator's email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), editorEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), editorPassword))
	a.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))

	measure := fmt.Sprintf("/measures/%d", m.ID)
	a.open(measure)
	a.follow("click Edit", chromedp.Click(chromedp.CSS(`.edit-actions a.button-link`)))
	if got := a.text("main h1"); got != "Edit the measure" {
		a.fatalf("edit form: heading %q", got)
	}
	if p := a.path(); p != measure+"/edit" {
		a.fatalf("edit form at %q", p)
	}

	// A period that is no date: refused, with the summary linking to the
	// field and what was typed kept.
	a.setValue("#period", "2019-13-45")
	a.setValue("#title-en", "Improving the list of e-services (draft)")
	a.submit("save a bad period", `.edit-form button[type=submit]`, 422)
	if got := a.text(".error-summary h2"); got != "There is a problem" {
		a.fatalf("refused form: summary heading %q", got)
	}
	if got := a.text(`.error-summary a[href="#period"]`); !strings.HasPrefix(got, "This period cannot be read as dates.") {
		a.fatalf("refused form: summary says %q", got)
	}
	if got := a.text("#period-error"); !strings.Contains(got, "This period cannot be read as dates.") {
		a.fatalf("refused form: beside the field %q", got)
	}
	if got := a.value("#period"); got != "2019-13-45" {
		a.fatalf("refused form: period holds %q", got)
	}
	if got := a.value("#title-en"); got != "Improving the list of e-services (draft)" {
		a.fatalf("refused form: title holds %q", got)
	}
	a.shot("refused")
	a.injectAxe()
	a.reportAxe(a.runAxe())

	// Tab B opens the same measure's form, saves a new title first.
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "edit-b"}
	b.open(measure + "/edit?lang=en")
	b.setValue("#title-az", "Elektron xidmətlərin siyahısının təkmilləşdirilməsi")
	b.submit("save in tab B", `.edit-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); got != "Your changes have been saved." {
		b.fatalf("after saving: notice %q", got)
	}

	// Tab A, still on its form from before B saved, fixes the period and
	// saves: refused, showing what B saved, A's input kept.
	a.setValue("#period", "2016-2018")
	a.submit("save the stale form", `.edit-form button[type=submit]`, 409)
	if got := a.text(".conflict h2"); got != "Someone else saved this while you were editing" {
		a.fatalf("conflict: heading %q", got)
	}
	if got := a.text(".conflict p"); !strings.HasPrefix(got, editorEmail+" saved it at") {
		a.fatalf("conflict: says %q", got)
	}
	if got := a.text(".conflict tbody"); !strings.Contains(got, "Elektron xidmətlərin siyahısının təkmilləşdirilməsi") {
		a.fatalf("conflict: the table lacks tab B's title: %q", got)
	}
	if got := a.value("#title-en"); got != "Improving the list of e-services (draft)" {
		a.fatalf("conflict: tab A's title is gone from the form: %q", got)
	}
	a.shot("conflict")
	a.injectAxe()
	a.reportAxe(a.runAxe())

	// Saving again replaces B's version knowingly.
	a.submit("save again", `.edit-form button[type=submit]`, 200)
	if got := a.text("main h1"); !strings.Contains(got, "Improving the list of e-services (draft)") {
		a.fatalf("after saving again: heading %q", got)
	}
	a.shot("saved")
}

// setValue replaces the value of an input or text area.
func (b *tab) setValue(sel, value string) {
	b.t.Helper()
	b.do("set "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// value reads the value of an input or text area.
func (b *tab) value(sel string) string {
	b.t.Helper()
	return run(b, "read "+sel, chromedp.Value(chromedp.CSS(sel)))
}

// submit clicks a form's button and checks the page it leads to answered
// status: a refused form answers 422 or 409, not 200.
func (b *tab) submit(what, button string, status int) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		b.fatalf("%s: %v", what, err)
	}
	if int(resp.Status) != status {
		b.fatalf("%s: %s answered %d %s, want %d", what, resp.URL, resp.Status, resp.StatusText, status)
	}
}

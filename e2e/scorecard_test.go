package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// The coordinator who enters scores in the browser test.
const (
	scorecardEmail    = "nigar@example.org"
	scorecardName     = "Nigar Əliyeva"
	scorecardPassword = "beş şirkət, iki meyar"
)

// TestScorecardTable enters scores as a coordinator does, in English, in
// the table form of the demo's first scorecard (five state companies, two
// criteria on a 0–3 scale, weights 1): a score of 9 is refused with the
// table kept as typed; then SOCAR 3 and 3, Azərenerji 3 and 3 (a tie at
// 100 %), AZAL 1 and nothing (1 of 2 scored: 16.7 %). Signed out, the
// public comparison ranks SOCAR and Azərenerji first together, AZAL third,
// and shows the two companies not scored without a rank. Every page is
// checked with axe-core.
func TestScorecardTable(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUser(t, account.NewUser{Email: scorecardEmail, Name: scorecardName, Role: account.RoleCoordinator, Password: scorecardPassword})
	browser := startBrowser(t, chromium)
	dir := artifactsFor(t, "scorecard")
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: dir, name: "scorecard"}

	b.open("/login?lang=en")
	b.do("type the coordinator's email and password",
		chromedp.SendKeys(chromedp.CSS("#email"), scorecardEmail),
		chromedp.SendKeys(chromedp.CSS("#password"), scorecardPassword))
	b.follow("sign in", chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))

	b.open("/scorecards")
	b.follow("open the companies' scorecard", chromedp.Click(chromedp.CSS(`table.scorecards tbody tr:first-child a`)))
	card := b.path()
	b.follow("click Enter scores", chromedp.Click(chromedp.CSS(`a[href$="/scores"]`)))
	if n := b.count(`.scores-table tbody tr`); n != 5 {
		b.fatalf("the table form has %d rows, want the 5 companies", n)
	}
	// Row by row, the companies in the seed's order; column by column, the
	// two criteria.
	fill := func(scores [][]string) {
		b.t.Helper()
		var js strings.Builder
		js.WriteString(`(() => { const rows = document.querySelectorAll(".scores-table tbody tr"); const v = [`)
		for _, r := range scores {
			js.WriteString(`["` + strings.Join(r, `","`) + `"],`)
		}
		js.WriteString(`]; v.forEach((r, i) => { const ins = rows[i].querySelectorAll('input[name^="score-"]'); r.forEach((x, j) => { ins[j].value = x; }); }); return true; })()`)
		run(b, "type the scores", chromedp.Evaluate[bool](js.String()))
	}
	fill([][]string{{"9", "3"}, {"3", "3"}, {"", ""}, {"1", ""}, {"", ""}})
	b.submit("save a score of 9", `.scores-form button[type=submit]`, 422)
	if got := b.text(`.error-summary li`); !strings.Contains(got, "SOCAR") || !strings.Contains(got, "from 0 to 3") {
		b.fatalf("refused table: summary says %q", got)
	}
	if got := b.value(`.scores-table tbody tr:first-child input[name^="score-"]`); got != "9" {
		b.fatalf("refused table: the 9 typed became %q", got)
	}
	b.shot("refused")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	fill([][]string{{"3", "3"}, {"3", "3"}, {"", ""}, {"1", ""}, {"", ""}})
	b.submit("save the scores", `.scores-form button[type=submit]`, 200)

	b.follow("sign out", chromedp.Click(chromedp.CSS(`button.signout`)))
	b.open(card + "?lang=en")
	ranks := run(b, "read the ranking", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#comparison tbody tr")).map(r => r.querySelector(".rank").textContent.trim() + " " + r.querySelector("th").textContent.trim() + " " + r.querySelector(".total").textContent.trim().split("\n")[0])`))
	want := []string{"1 SOCAR 100%", "1 Azərenerji 100%", "3 AZAL 16.7%"}
	for i, w := range want {
		if i >= len(ranks) || !strings.HasPrefix(ranks[i], w) {
			b.fatalf("public ranking %q, want it to begin %q", ranks, want)
		}
	}
	if len(ranks) != 5 || !strings.HasPrefix(ranks[3], "— ") || !strings.Contains(ranks[3], "not scored") {
		b.fatalf("public ranking %q: the unscored companies have no rank", ranks)
	}
	if n := b.count(`#score-chart rect.score-bar`); n != 3 {
		b.fatalf("the chart has %d bars, want the 3 scored companies", n)
	}
	b.shot("public")
	b.injectAxe()
	b.reportAxe(b.runAxe())
}

package e2e

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDashboard opens, from its plan's page, the dashboard of the latest
// published round of the demo's largest OGP plan (the IRM's ratings, loaded
// with the demo data) and checks that every chart says what its table says:
// the overall bar and the overall table, each area's bar and its row. It
// shows the chart's table, runs axe, opens a measure to see its assessment
// history, and looks at the dashboard in Azerbaijani, as printed, and on a
// phone. A plan without a published round says so.
func TestDashboard(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServer(t)
	browser := startBrowser(t, chromium)
	planID, rounds := largestPlanRounds(t, base)
	if len(rounds) == 0 {
		t.Fatal("no plan has a published round: the demo data's IRM rounds are missing")
	}
	latest := rounds[len(rounds)-1]
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: artifactsFor(t, "dashboard"), name: "dashboard"}

	// The plan links its published rounds and offers their feed.
	b.open(fmt.Sprintf("/plans/%d?lang=en", planID))
	if n := b.count(`head link[rel="alternate"][type="application/atom+xml"]`); n != 1 {
		b.fatalf("plan page: %d Atom feed links in the head, want 1", n)
	}
	if n := b.count("section.plan-rounds ul.rounds a"); n != len(rounds) {
		b.fatalf("plan page: %d round links, want %d", n, len(rounds))
	}
	b.follow("open the latest round", chromedp.Click(chromedp.CSS("section.plan-rounds ul.rounds li:last-child a")))
	dashboard := fmt.Sprintf("/rounds/%d", latest)
	if p := b.path(); p != dashboard {
		b.fatalf("the round link leads to %q, want %s", p, dashboard)
	}
	if b.text("main h1") == "" {
		b.fatalf("dashboard: no heading")
	}
	if b.count("#unpublished") != 0 {
		b.fatalf("a published round is marked unpublished")
	}

	// The overall bar and the overall table agree.
	bar := b.chartCounts("#chart-overall")
	if len(bar) != 1 {
		b.fatalf("the overall chart has %d bars, want 1", len(bar))
	}
	table := run(b, "read the overall table", chromedp.Evaluate[map[string]int](`Object.fromEntries(
		Array.from(document.querySelectorAll("#overall-table tbody tr[data-level]"), tr => [tr.dataset.level, parseInt(tr.querySelector("td").textContent.replace(/\D/g, ""), 10)])
			.filter(([, n]) => n > 0))`))
	for _, counts := range bar {
		if !sameLevelCounts(counts, table) {
			b.fatalf("the overall bar says %v, its table %v", counts, table)
		}
	}

	// One bar per area, each saying what its row of the table says.
	b.do("show the chart's table", chromedp.Click(chromedp.CSS("#areas-data summary")), chromedp.WaitVisible(chromedp.CSS("#areas-table")))
	bars := b.chartCounts("#chart-areas")
	rows := run(b, "read the areas' table", chromedp.Evaluate[map[string]map[string]int](`Object.fromEntries(
		Array.from(document.querySelectorAll("#areas-table tbody tr[data-id]"), tr => [tr.dataset.id, Object.fromEntries(
			Array.from(tr.querySelectorAll("td[data-count]"), td => [td.dataset.level, +td.dataset.count]).filter(([, n]) => n > 0))]))`))
	if len(bars) == 0 || len(bars) != len(rows) {
		b.fatalf("%d area bars, %d table rows", len(bars), len(rows))
	}
	for id, counts := range bars {
		if !sameLevelCounts(counts, rows[id]) {
			b.fatalf("area %s: the bar says %v, its row %v", id, counts, rows[id])
		}
	}
	// What shows in the table is written there, not only in attributes.
	if got := b.text("#areas-table tbody tr:first-child td[data-level=measures]"); got == "" || got == "0" {
		b.fatalf("the first area has %q measures in the table", got)
	}
	b.shot("round-en")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// A measure of the round shows its assessment in each round.
	b.follow("open a measure of the round", chromedp.Click(chromedp.CSS(`main table.measures a[href^="/measures/"]`)))
	if n := b.count(fmt.Sprintf("section.assessment-history article#round-%d", latest)); n != 1 {
		b.fatalf("the measure's history has %d entries for round %d, want 1", n, latest)
	}
	if got := b.text(fmt.Sprintf("article#round-%d dl.summary .tag", latest)); got == "" {
		b.fatalf("the measure's assessment in round %d has no completion tag", latest)
	}
	b.shot("measure-history")
	b.injectAxe()
	b.reportAxe(b.runAxe())

	// As printed: the charts keep their patterns and the table shows.
	b.do("emulate print", emulateMedia("print"))
	b.open(dashboard + "?lang=en")
	b.shot("round-print")
	b.do("back to the screen", emulateMedia(""))

	// In Azerbaijani, then on a phone without sideways scrolling.
	b.open(dashboard + "?lang=az")
	b.wantLang("dashboard", "az")
	if got := b.text("#overall"); got != "Ümumi icra vəziyyəti" {
		b.fatalf("Azerbaijani dashboard: overall heading %q", got)
	}
	b.shot("round-az")
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateMobile))
	b.open(dashboard + "?lang=az")
	b.fitsPhone("dashboard")
	b.shot("round-az-phone")
	b.do("back to a desktop", chromedp.EmulateViewport(1280, 900))

	// Azerbaijan's plan has an open round only: the public sees none.
	az, _ := azPlanAndMeasure(t, base)
	b.open(fmt.Sprintf("/plans/%d/progress?lang=en", az))
	if b.count("#no-rounds") != 1 {
		b.fatalf("the Azerbaijan plan's progress does not say no round is published")
	}
	b.shot("no-rounds")
	b.injectAxe()
	b.reportAxe(b.runAxe())
}

// chartCounts reads the bars of the chart sel: each bar's segments' counts
// by completion level, keyed by the bar's id.
func (b *tab) chartCounts(sel string) map[string]map[string]int {
	b.t.Helper()
	return run(b, "read the chart "+sel, chromedp.Evaluate[map[string]map[string]int](fmt.Sprintf(`Object.fromEntries(
		Array.from(document.querySelectorAll(%q), g => [g.dataset.id, Object.fromEntries(
			Array.from(g.querySelectorAll("rect.seg"), r => [r.dataset.level, +r.dataset.count]))]))`, sel+" g.bar")))
}

func sameLevelCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// emulateMedia makes the page use the CSS of a media type ("print"), or
// the screen's again with "".
func emulateMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return t.Call(ctx, "Emulation.setEmulatedMedia", map[string]string{"media": media}, nil)
	})
}

// largestPlanRounds asks the API for the plan with the most measures
// among those with a published round (several plans have as many), and
// for its published rounds' ids, in order.
func largestPlanRounds(t *testing.T, base string) (int64, []int64) {
	t.Helper()
	type planSize struct {
		ID           int64 `json:"id"`
		MeasureCount int   `json:"measure_count"`
	}
	var plans struct {
		Items []planSize `json:"items"`
	}
	getJSON(t, base+"/api/v1/plans?limit=1000", &plans)
	slices.SortStableFunc(plans.Items, func(a, b planSize) int { return b.MeasureCount - a.MeasureCount })
	for _, p := range plans.Items {
		var rounds struct {
			Items []struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"items"`
		}
		getJSON(t, base+"/api/v1/plans/"+strconv.FormatInt(p.ID, 10)+"/rounds", &rounds)
		var ids []int64
		for _, r := range rounds.Items {
			if r.Status != "published" {
				t.Fatalf("the public API lists round %d, which is %s", r.ID, r.Status)
			}
			ids = append(ids, r.ID)
		}
		if len(ids) > 0 {
			return p.ID, ids
		}
	}
	return 0, nil
}

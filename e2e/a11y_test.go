package e2e

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1, the accessibility engine, as the npm
// package axe-core ships it (axe.min.js); its licences are beside it in
// testdata/. The tests inject it into each page they check, so they need
// no network.
//
//go:embed testdata/axe.min.js
var axeSource string

// axeVersion is the version of testdata/axe.min.js.
const axeVersion = "4.14.1"

// failingImpacts are the impacts of the axe violations that fail the test;
// "moderate" and "minor" ones are only logged.
var failingImpacts = []string{"critical", "serious"}

// maxTargets is how many of a violation's elements a report names.
const maxTargets = 3

// axeResults is what runAxe keeps of axe.run's results.
type axeResults struct {
	Violations []axeRule `json:"violations"`
	Incomplete []axeRule `json:"incomplete"` // needs a person to review
	Passes     int       `json:"passes"`     // rules that found no fault
}

// axeRule is one rule that found faults (or could not decide), with the
// elements it found them on.
type axeRule struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeNode is one element a rule found: its CSS selector (a selector per
// frame or shadow root it is in) and axe's summary of what is wrong.
type axeNode struct {
	Target  []string `json:"target"`
	Summary string   `json:"failureSummary"`
}

// axeRun runs every rule of axe's default set on the page and returns the
// results in the shape of axeResults. The script awaits axe.run's promise.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => {
	const rule = x => ({
		id: x.id, impact: x.impact || "", help: x.help, helpUrl: x.helpUrl,
		nodes: x.nodes.map(n => ({target: n.target.map(t => [].concat(t).join(" >>> ")), failureSummary: n.failureSummary || ""})),
	});
	return {violations: r.violations.map(rule), incomplete: r.incomplete.map(rule), passes: r.passes.length};
})`

// TestAccessibility checks the public pages with axe-core, in Azerbaijani
// and in English: the home page, the Azerbaijan plan, unfiltered and
// filtered, its measure 1.1, the organisations and one of them, a search
// and the page for a missing address. A "serious" or "critical" violation
// fails the test; the others are logged.
func TestAccessibility(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServer(t)
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "a11y")
	ctx := newTab(t, browser)

	plan, measure := azPlanAndMeasure(t, base)
	// Each page with its status and an element that shows it is the page
	// meant, with its content (not, say, an empty list).
	pages := []struct {
		name, path string
		status     int
		want       string
	}{
		{"home", "/", http.StatusOK, "ul.members ul.plans a"},
		{"plan", fmt.Sprintf("/plans/%d", plan), http.StatusOK, "table.measures tbody tr"},
		{"plan-filtered", fmt.Sprintf("/plans/%d?year=2017&area=%d", plan, measure.Area.ID), http.StatusOK, "table.measures tbody tr"},
		{"measure", fmt.Sprintf("/measures/%d", measure.ID), http.StatusOK, "main h1 .clause-no"},
		{"organisations", "/organisations", http.StatusOK, "main table tbody tr"},
		{"organisation", fmt.Sprintf("/organisations/%d", measure.Executors[0].ID), http.StatusOK, "main h1"},
		{"search", "/search?q=electronic", http.StatusOK, "ol.search-hits li"},
		{"not-found", "/no-such-page", http.StatusNotFound, "main h1"},
	}

	// First make sure that axe runs in the pages and finds faults: a
	// broken injection must not pass for an accessible site.
	t.Run("axe-finds-faults", func(t *testing.T) {
		b := &tab{t: t, ctx: ctx, base: base, shots: shots, name: "a11y-canary"}
		b.openStatus("/?lang=en", http.StatusOK)
		// The page's Content-Security-Policy forbids inline script; axe
		// runs all the same because DevTools evaluation is not subject to
		// it. Check both, so that the test shows which one breaks.
		blocked := run(b, "try an inline script", chromedp.Evaluate[bool](`new Promise(resolve => {
			document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective.startsWith("script-src")), {once: true});
			const s = document.createElement("script");
			s.textContent = "window.ogppInlineRan = true";
			document.body.append(s);
			setTimeout(() => resolve(false), 2000);
		}).then(v => v && !window.ogppInlineRan)`, chromedp.EvalAwaitPromise))
		if !blocked {
			b.fatalf("the page's Content-Security-Policy did not block an inline script")
		}
		b.injectAxe()
		// Break the page: an image without a text alternative and grey
		// text on white, with a contrast of 1.6:1.
		b.do("break the page", chromedp.Evaluate[chromedp.Void](`(() => {
			const img = document.createElement("img");
			img.id = "a11y-no-alt";
			img.src = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
			img.width = 20; img.height = 20;
			const p = document.createElement("p");
			p.id = "a11y-low-contrast";
			p.textContent = "Text too pale to read";
			p.style.color = "#cccccc";
			p.style.background = "#ffffff";
			const main = document.querySelector("main");
			main.prepend(img, p);
		})()`))
		res := b.runAxe()
		failing := failingViolations(res)
		for rule, target := range map[string]string{"image-alt": "#a11y-no-alt", "color-contrast": "#a11y-low-contrast"} {
			i := slices.IndexFunc(failing, func(v axeRule) bool { return v.ID == rule })
			if i < 0 {
				b.fatalf("axe did not report the broken page's %s as serious or critical; it reported %s", rule, ruleIDs(res.Violations))
			}
			if !slices.ContainsFunc(failing[i].Nodes, func(n axeNode) bool { return slices.Contains(n.Target, target) }) {
				b.fatalf("axe reported %s, but not on %s: %s", rule, target, targets(failing[i].Nodes, len(failing[i].Nodes)))
			}
		}
	})

	for _, lang := range []string{"az", "en"} {
		for _, p := range pages {
			t.Run(p.name+"-"+lang, func(t *testing.T) {
				b := &tab{t: t, ctx: ctx, base: base, shots: shots, name: "a11y-" + p.name + "-" + lang}
				b.openStatus(withLang(p.path, lang), p.status)
				b.wantLang(p.name, lang)
				if b.count(p.want) == 0 {
					b.fatalf("%s: nothing matches %s", b.path(), p.want)
				}
				b.injectAxe()
				res := b.runAxe()
				b.shot("page")
				b.reportAxe(res)
			})
		}
	}
}

// a11yMeasure is what the test needs of a measure from the API.
type a11yMeasure struct {
	ID     int64  `json:"id"`
	Clause string `json:"clause"`
	Area   struct {
		ID int64 `json:"id"`
	} `json:"area"`
	Executors []struct {
		ID int64 `json:"id"`
	} `json:"executors"`
}

// azPlanAndMeasure asks ogpp's API for the id of the Azerbaijan plan and
// for its measure 1.1, with its area and executors.
func azPlanAndMeasure(t *testing.T, base string) (int64, a11yMeasure) {
	t.Helper()
	var plan struct {
		ID int64 `json:"id"`
	}
	getJSON(t, base+"/api/v1/plans/"+azPlanID, &plan)
	var measures struct {
		Items []a11yMeasure `json:"items"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/plans/%d/measures", base, plan.ID), &measures)
	i := slices.IndexFunc(measures.Items, func(m a11yMeasure) bool { return m.Clause == "1.1" })
	if i < 0 {
		t.Fatalf("plan %s (id %d) has no measure 1.1 in the API", azPlanID, plan.ID)
	}
	if len(measures.Items[i].Executors) == 0 {
		t.Fatalf("measure 1.1 of plan %s has no executor in the API", azPlanID)
	}
	return plan.ID, measures.Items[i]
}

// getJSON decodes the JSON answer to a GET of u into v.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	client := &http.Client{Timeout: stepTimeout}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// withLang adds lang= to the query of path.
func withLang(path, lang string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + url.QueryEscape(lang)
}

// openStatus loads path (relative to ogpp's base URL) and checks it
// answered with status.
func (b *tab) openStatus(path string, status int) {
	b.t.Helper()
	resp := run(b, "open "+path, chromedp.NavigateResponse(b.base+path))
	if int(resp.Status) != status {
		b.fatalf("open %s: answered %d %s, want %d", path, resp.Status, resp.StatusText, status)
	}
}

// injectAxe evaluates axe-core in the page, as DevTools evaluates a script,
// and checks that it is there.
func (b *tab) injectAxe() {
	b.t.Helper()
	b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](axeSource))
	if got := run(b, "read axe's version", chromedp.Evaluate[string](`typeof axe === "object" ? axe.version : "none"`)); got != axeVersion {
		b.fatalf("axe-core in the page is version %q, want %s", got, axeVersion)
	}
}

// runAxe runs axe on the page and returns its results. A result without
// any passed rule means that axe did not really check the page.
func (b *tab) runAxe() axeResults {
	b.t.Helper()
	start := time.Now()
	res := run(b, "run axe", chromedp.Evaluate[axeResults](axeRun, chromedp.EvalAwaitPromise))
	if res.Passes == 0 {
		b.fatalf("axe passed no rule at all on the page: it did not check it")
	}
	b.t.Logf("axe checked %s in %s: %d rules passed, %d violated, %d need a review",
		b.path(), time.Since(start).Round(time.Millisecond), res.Passes, len(res.Violations), len(res.Incomplete))
	return res
}

// reportAxe fails the test with each serious or critical violation and
// logs the others, and the rules whose results need a person to review.
func (b *tab) reportAxe(res axeResults) {
	b.t.Helper()
	page := b.path()
	for _, v := range res.Violations {
		msg := fmt.Sprintf("%s: %s violation %s: %s (%d elements: %s) %s",
			page, v.Impact, v.ID, v.Help, len(v.Nodes), targets(v.Nodes, maxTargets), v.HelpURL)
		if slices.Contains(failingImpacts, v.Impact) {
			b.t.Error(msg)
		} else {
			b.t.Log(msg)
		}
	}
	for _, v := range res.Incomplete {
		b.t.Logf("%s: to review, %s %s: %s (%d elements: %s): %s",
			page, v.Impact, v.ID, v.Help, len(v.Nodes), targets(v.Nodes, maxTargets), reasons(v.Nodes))
	}
	if b.t.Failed() {
		if file, err := b.save("FAILED"); err == nil {
			b.t.Logf("page saved as %s", file)
		}
	}
}

// reasons is axe's summary of what may be wrong with the first of nodes,
// on one line.
func reasons(nodes []axeNode) string {
	if len(nodes) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(nodes[0].Summary), " ")
}

// failingViolations returns the violations that fail the test.
func failingViolations(res axeResults) []axeRule {
	var failing []axeRule
	for _, v := range res.Violations {
		if slices.Contains(failingImpacts, v.Impact) {
			failing = append(failing, v)
		}
	}
	return failing
}

// ruleIDs lists the ids of rules, with their impacts.
func ruleIDs(rules []axeRule) string {
	if len(rules) == 0 {
		return "nothing"
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID + " (" + r.Impact + ")"
	}
	return strings.Join(ids, ", ")
}

// targets names the first n elements of nodes by their selectors.
func targets(nodes []axeNode, n int) string {
	var sels []string
	for i, node := range nodes {
		if i == n {
			sels = append(sels, fmt.Sprintf("and %d more", len(nodes)-n))
			break
		}
		sels = append(sels, strings.Join(node.Target, " "))
	}
	return strings.Join(sels, ", ")
}

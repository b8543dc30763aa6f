package e2e

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The demo data's Azerbaijani action plan, as the pages show it.
const (
	azPlanID      = "AZ-NAP-2016-2018"
	azPlanTitleAz = "Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı"
	azPlanTitleEn = "National Action Plan on the Promotion of Open Government for 2016-2018"
)

// phoneWidth is the narrowest viewport the site must fit without
// scrolling sideways.
const phoneWidth = 360

// TestPublicSite walks the public site as a reader does: the home page in
// Azerbaijani, the switch to English, the Azerbaijan plan, the site search,
// a measure, and back in Azerbaijani the home search; then the same pages
// on a phone.
func TestPublicSite(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServer(t)
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "public")

	t.Run("desktop", func(t *testing.T) {
		b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "desktop"}
		readerTour(b)
	})
	t.Run("phone", func(t *testing.T) {
		b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "phone"}
		phoneTour(b)
	})
}

// readerTour is the desktop flow.
func readerTour(b *tab) {
	// Home, in Azerbaijani, the default language, with its stylesheet.
	b.open("/")
	b.wantLang("home", "az")
	if got, want := b.text("main h1"), "Açıq Hökumət Platforması"; got != want {
		b.fatalf("home: heading %q, want %q", got, want)
	}
	if got := run(b, "count style rules", chromedp.Evaluate[int]("Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)")); got == 0 {
		b.fatalf("home: no style rules applied; is the stylesheet blocked or missing?")
	}
	b.shot("home-az")

	// Switch to English with the language link in the header.
	b.follow("click English", chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="en"]`)))
	b.wantLang("home", "en")
	if got, want := b.text("main h1"), "Open Government Platform"; got != want {
		b.fatalf("home in English: heading %q, want %q", got, want)
	}
	if got := b.text(`nav.langs a[aria-current]`); got != "English" {
		b.fatalf("home in English: the current language link is %q, want English", got)
	}
	b.shot("home-en")

	// Find the Azerbaijan plan with the home search; the language stays
	// English without ?lang= in the address (it is kept in a cookie).
	b.searchHome("Azerbaijan")
	b.wantLang("home search", "en")
	if got := b.planLinks(); !slices.Equal(got, []string{azPlanTitleEn}) {
		b.fatalf("home search Azerbaijan: plans %q, want only %q", got, azPlanTitleEn)
	}
	b.shot("home-search-azerbaijan")

	// The plan: its English title, areas and measures.
	b.follow("open the Azerbaijan plan", chromedp.Click(chromedp.CSS("ul.members ul.plans a")))
	b.do("wait for the measures", chromedp.WaitVisible(chromedp.CSS("table.measures")))
	b.wantLang("plan", "en")
	planPath := b.path()
	if got := b.text("main h1"); got != azPlanTitleEn {
		b.fatalf("plan %s: heading %q, want %q", planPath, got, azPlanTitleEn)
	}
	if got := b.text("main .caption"); !strings.Contains(got, "Azerbaijan") || !strings.Contains(got, azPlanID) {
		b.fatalf("plan %s: caption %q, want the member Azerbaijan and the id %s", planPath, got, azPlanID)
	}
	if got := b.count("#areas + .table-wrap tbody tr"); got < 2 {
		b.fatalf("plan %s: %d rows in the areas table, want several", planPath, got)
	}
	if got, want := b.text("#areas + .table-wrap tbody tr td:nth-child(2)"), "Improvement of electronic services"; got != want {
		b.fatalf("plan %s: first area %q, want %q", planPath, got, want)
	}
	clauses := run(b, "read the clauses", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("table.measures tbody td.clause"), td => td.textContent.trim())`))
	if len(clauses) < 10 {
		b.fatalf("plan %s: %d measures, want the demo's known ones (more than 10)", planPath, len(clauses))
	}
	if clauses[0] != "1.1" {
		b.fatalf("plan %s: first clause %q, want 1.1", planPath, clauses[0])
	}
	if !slices.IsSortedFunc(clauses, compareClauses) {
		b.fatalf("plan %s: clauses %q are not in natural order", planPath, clauses)
	}
	b.shot("plan-en")

	// The site search in the header, typed in capitals.
	b.do("type in the site search",
		chromedp.SendKeys(chromedp.CSS("#site-q"), "ELECTRONIC"),
	)
	b.follow("submit the site search", chromedp.Submit(chromedp.CSS("#site-q")))
	b.wantLang("search", "en")
	if got := run(b, "read the search box", chromedp.Value(chromedp.CSS("#search-q"))); got != "ELECTRONIC" {
		b.fatalf("search: the search box holds %q, want ELECTRONIC", got)
	}
	if got := b.count("ol.search-hits > li"); got == 0 {
		b.fatalf("search ELECTRONIC: no measure found")
	}
	b.shot("search-electronic")

	// Measure 1.1 of the Azerbaijan plan, from the results: each hit
	// names the plan its measure belongs to.
	measure := `//ol[contains(@class,"search-hits")]/li[.//span[@class="search-hit-context"]="` + azPlanTitleEn + `"]//h3/a[starts-with(., "1.1 ")]`
	b.follow("open measure 1.1 from the results", chromedp.Click(measure))
	b.do("wait for the measure", chromedp.WaitVisible(chromedp.CSS("main h1 .clause-no")))
	b.wantLang("measure", "en")
	if got := b.text("main h1 .clause-no"); got != "1.1" {
		b.fatalf("measure: clause %q, want 1.1", got)
	}
	if got := b.text("main h1"); !strings.Contains(got, "electronic services") {
		b.fatalf("measure 1.1: heading %q, want its title about electronic services", got)
	}
	if got := run(b, "read the plan link", chromedp.AttributeValue(chromedp.CSS("main dl.summary a[href^=\"/plans/\"]"), "href")); got.Value != planPath {
		b.fatalf("measure 1.1: links to plan %q, want %q", got.Value, planPath)
	}
	if got := b.text("main h3.role"); got != "Responsible" {
		b.fatalf("measure 1.1: executors' role %q, want Responsible", got)
	}
	executors := run(b, "read the executors", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("main h3.role + ul li"), li => li.textContent.trim())`))
	for _, want := range []string{"Cabinet of Ministers", "Ministry of Communications and High Technologies"} {
		if !slices.Contains(executors, want) {
			b.fatalf("measure 1.1: executors %q, want %q among them", executors, want)
		}
	}
	b.shot("measure")

	// Back to Azerbaijani with the language link, and to the home page:
	// its search folds Azerbaijani capitals the Azerbaijani way:
	// İ is the capital of i, so FƏALİYYƏT PLANI finds "Fəaliyyət Planı" ...
	b.follow("click Azərbaycanca", chromedp.Click(chromedp.CSS(`nav.langs a[hreflang="az"]`)))
	b.wantLang("measure", "az")
	b.follow("go home", chromedp.Click(chromedp.CSS("header a.brand")))
	b.searchHome("FƏALİYYƏT PLANI")
	if got := b.planLinks(); !slices.Contains(got, azPlanTitleAz) {
		b.fatalf("home search FƏALİYYƏT PLANI: plans %q, want one titled %q", got, azPlanTitleAz)
	}
	b.shot("home-search-faaliyyet")
	// ... while I is the capital of ı, so FƏALIYYƏT is another word.
	b.searchHome("FƏALIYYƏT")
	if got := b.planLinks(); len(got) != 0 {
		b.fatalf("home search FƏALIYYƏT (dotless I): plans %q, want none", got)
	}
	b.do("see that nothing was found", chromedp.WaitVisible(chromedp.CSS("main .empty")))
	b.shot("home-search-dotless")
}

// phoneTour opens the home page, the Azerbaijan plan, a measure and the
// search on a 360 px wide phone and checks that none scrolls sideways.
func phoneTour(b *tab) {
	b.do("emulate a phone", chromedp.EmulateViewport(phoneWidth, 740, chromedp.EmulateMobile))

	b.open("/?lang=az")
	b.fitsPhone("home")
	b.shot("home-az")

	b.searchHome(azPlanID)
	if got := b.planLinks(); !slices.Equal(got, []string{azPlanTitleAz}) {
		b.fatalf("home search %s: plans %q, want only %q", azPlanID, got, azPlanTitleAz)
	}
	b.follow("open the Azerbaijan plan", chromedp.Click(chromedp.CSS("ul.members ul.plans a")))
	b.do("wait for the measures", chromedp.WaitVisible(chromedp.CSS("table.measures")))
	b.fitsPhone("plan")
	b.shot("plan-az")

	b.follow("open the first measure", chromedp.Click(chromedp.CSS("table.measures tbody td a[href^='/measures/']")))
	b.do("wait for the measure", chromedp.WaitVisible(chromedp.CSS("main h1 .clause-no")))
	b.fitsPhone("measure")
	b.shot("measure-az")

	b.open("/search?q=electronic&lang=en")
	b.fitsPhone("search")
	b.shot("search-en")
}

// searchHome types words into the home page's search and submits it.
func (b *tab) searchHome(words string) {
	b.t.Helper()
	b.do("type "+words+" in the home search",
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#home-q").value = ""`),
		chromedp.SendKeys(chromedp.CSS("#home-q"), words),
	)
	b.follow("search the home page for "+words, chromedp.Submit(chromedp.CSS("#home-q")))
	if got := run(b, "read the home search box", chromedp.Value(chromedp.CSS("#home-q"))); got != words {
		b.fatalf("home search: the box holds %q after the search, want %q", got, words)
	}
}

// planLinks returns the titles of the plans the home page lists.
func (b *tab) planLinks() []string {
	b.t.Helper()
	return run(b, "read the plans", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("ul.members ul.plans a"), a => a.textContent.trim())`))
}

// wantLang fails the test unless the page is in the language lang.
func (b *tab) wantLang(page, lang string) {
	b.t.Helper()
	if got := run(b, "read the page language", chromedp.Evaluate[string]("document.documentElement.lang")); got != lang {
		b.fatalf("%s: <html lang=%q>, want %s", page, got, lang)
	}
}

// fitsPhone fails the test when the page is wider than the phone's screen.
func (b *tab) fitsPhone(page string) {
	b.t.Helper()
	if got := b.scrollWidth(); got > phoneWidth {
		b.fatalf("%s on a %d px phone: the page is %d px wide and scrolls sideways", page, phoneWidth, got)
	}
}

// compareClauses orders clause numbers naturally: 4.1.3 before 4.1.10.
func compareClauses(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if c := strings.Compare(as[i], bs[i]); c != 0 {
				return c
			}
			continue
		}
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchFromTheHomePage is a reader's search: on the home page they
// type ŞƏFFAFLIQ, in Azerbaijani capitals, into the header's search box and
// submit it; the results are ranked, the words found are marked in each
// snippet, and the first result leads to its page. The seed project's
// activity 10 holds "şəffaflıq" in its title and in its tasks.
func TestSearchFromTheHomePage(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServer(t)
	b := &tab{t: t, ctx: startBrowser(t, chromium), base: base, shots: artifactsFor(t, "search"), name: "search"}

	b.open("/")
	b.do("type in the header's search box",
		chromedp.WaitVisible(chromedp.CSS("#site-q")),
		chromedp.SendKeys(chromedp.CSS("#site-q"), "ŞƏFFAFLIQ"),
	)
	b.follow("submit the search", chromedp.Submit(chromedp.CSS("#site-q")))
	b.do("wait for the results", chromedp.WaitVisible(chromedp.CSS("ol.search-hits")))
	b.shot("results-az")
	if p := b.path(); !strings.HasPrefix(p, "/search?q=") {
		b.fatalf("the search box led to %s", p)
	}
	hits := b.count("ol.search-hits > li")
	if hits == 0 {
		b.fatalf("no hits")
	}
	// Every hit shows the word found, marked, in its snippet.
	marked := run(b, "read the marked words", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("ol.search-hits > li")).map(li => { const m = li.querySelector(".search-snippet mark"); return m ? m.textContent : ""; })`))
	for i, m := range marked {
		if !strings.HasPrefix(strings.ToLower(m), "şəffaflı") {
			b.fatalf("hit %d marks %q, not şəffaflıq", i+1, m)
		}
	}
	// The activity whose title holds the word ranks first.
	first := b.text("ol.search-hits > li:first-child h3 a")
	if !strings.Contains(first, "şəffaflıq standartlarının") {
		b.fatalf("first hit %q is not the activity whose title holds şəffaflıq", first)
	}
	if tab := b.text(`.search-tabs a[aria-current="page"]`); !strings.HasPrefix(tab, "Hamısı") {
		b.fatalf("current tab %q, want all kinds", tab)
	}

	b.follow("open the first hit", chromedp.Click(chromedp.CSS("ol.search-hits > li:first-child h3 a")))
	b.do("wait for its page", chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.shot("first-hit")
	if p := b.path(); !strings.HasPrefix(p, "/activities/") {
		b.fatalf("the first hit led to %s, not an activity", p)
	}
	if h1 := b.text("main h1"); !strings.Contains(h1, "şəffaflıq standartlarının") {
		b.fatalf("the activity's page is headed %q", h1)
	}
}

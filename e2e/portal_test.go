package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageBudget is what a public page may transfer, everything it loads
// included, compressed as sent.
const pageBudget = 60 * 1024

// TestPortalPagesAreLightAndLocal is the acceptance: the home page,
// a plan's page, the open-data and the about page each transfer under 60 KB
// with nothing cached, ask nothing of any host but ogpp, and pass axe. Then
// the home page is photographed at a desktop's and a phone's width.
func TestPortalPagesAreLightAndLocal(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServer(t)
	browser := startBrowser(t, chromium)
	shots := artifactsFor(t, "portal")

	planPath := "/plans/" + planIDOf(t, base, azPlanID)
	for _, path := range []string{"/", planPath, "/open-data", "/about"} {
		name := strings.Trim(strings.ReplaceAll(path, "/", "-"), "-")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "portal"}
			traffic := record(b)
			b.open(path)
			hosts, bytes, requests := traffic.summary()
			ours, _ := url.Parse(base)
			for _, h := range hosts {
				if h != ours.Host {
					b.fatalf("%s asked %s, which is not ogpp (%s)", path, h, ours.Host)
				}
			}
			if requests == 0 || bytes == 0 {
				b.fatalf("%s: no traffic recorded (%d requests, %d bytes)", path, requests, bytes)
			}
			if bytes >= pageBudget {
				b.fatalf("%s transferred %d bytes in %d requests, want under %d", path, bytes, requests, pageBudget)
			}
			t.Logf("%s: %d requests, %d bytes transferred", path, requests, bytes)
			// Axe comes in by script, after the count, and adds no request.
			b.injectAxe()
			b.reportAxe(b.runAxe())
		})
	}

	t.Run("home-screenshots", func(t *testing.T) {
		b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: shots, name: "portal-home"}
		b.open("/?lang=en")
		if got := b.text("main h1"); got != "Open Government Platform" {
			b.fatalf("home: heading %q", got)
		}
		if b.scrollWidth() > 1280 {
			b.fatalf("home at 1280 px scrolls sideways: %d px wide", b.scrollWidth())
		}
		b.shot("1280")
		b.do("emulate a phone", chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
		b.open("/?lang=en")
		if w := b.scrollWidth(); w > 375 {
			b.fatalf("home on a 375 px phone scrolls sideways: %d px wide", w)
		}
		b.shot("375")
	})
}

// traffic is what a tab asked for and received.
type traffic struct {
	mu       sync.Mutex
	hosts    map[string]bool
	requests int
	bytes    float64
}

// record switches on the network domain with the cache off, so that every
// asset counts as a first visitor's would, and tallies the tab's requests
// and the bytes each transferred.
func record(b *tab) *traffic {
	b.t.Helper()
	tr := &traffic{hosts: map[string]bool{}}
	if err := chromedp.Listen(b.ctx, func(ev any) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tr.requests++
			if u, err := url.Parse(ev.Request.URL); err == nil && u.Scheme != "data" {
				tr.hosts[u.Host] = true
			}
		case *network.EventLoadingFinished:
			tr.bytes += ev.EncodedDataLength
		}
	}); err != nil {
		b.fatalf("listen to the network: %v", err)
	}
	b.do("record the network", func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return chromedp.Void{}, err
	})
	return tr
}

func (tr *traffic) summary() (hosts []string, bytes int, requests int) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for h := range tr.hosts {
		hosts = append(hosts, h)
	}
	return hosts, int(tr.bytes), tr.requests
}

// planIDOf asks ogpp's API for a plan's database id.
func planIDOf(t *testing.T, base, externalID string) string {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/plans/" + externalID)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.ID == 0 {
		t.Fatalf("plan %s: %v (status %d)", externalID, err, resp.StatusCode)
	}
	return fmt.Sprint(p.ID)
}

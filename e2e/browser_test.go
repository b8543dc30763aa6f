// Package e2e holds ogpp's browser tests: each starts ogpp in the test
// process, on a free port with a fresh SQLite database and the demo data,
// and drives Debian's Chromium through it with chromedp, as a reader would.
//
// The tests run only when OGPP_TEST_BROWSER=1; then a missing browser is a
// failure, not a skip. OGPP_CHROMIUM names another browser binary than
// /usr/bin/chromium. Every step saves a full-page screenshot under
// e2e/artifacts/.
package e2e

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ogpp/internal/app"
)

const (
	// defaultChromium is where Debian's chromium package installs the browser.
	defaultChromium = "/usr/bin/chromium"

	// stepTimeout bounds every browser step, so a hung browser fails the
	// test instead of hanging it.
	stepTimeout = 30 * time.Second

	// startTimeout bounds starting ogpp (migrations and demo data) and the browser.
	startTimeout = 2 * time.Minute

	// artifactsDir receives the screenshots, relative to this package.
	artifactsDir = "artifacts"
)

// requireBrowser skips the test unless OGPP_TEST_BROWSER=1 and returns the
// browser binary to use; when the tests are switched on, a missing browser
// fails the test.
func requireBrowser(t *testing.T) string {
	t.Helper()
	if os.Getenv("OGPP_TEST_BROWSER") != "1" {
		t.Skip("browser tests are off: set OGPP_TEST_BROWSER=1 to run them (they need Chromium, apt-get install chromium)")
	}
	path := os.Getenv("OGPP_CHROMIUM")
	if path == "" {
		path = defaultChromium
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatalf("OGPP_TEST_BROWSER=1 but the browser is missing: %v (install it with apt-get install -y chromium, or set OGPP_CHROMIUM)", err)
	}
	if info.IsDir() || info.Mode()&0o111 == 0 {
		t.Fatalf("OGPP_TEST_BROWSER=1 but %s is not an executable file", path)
	}
	return path
}

// startServer runs ogpp in the test process on a free port, with a new
// SQLite database and the demo data, and returns its base URL once it
// accepts connections. The server stops when the test ends.
func startServer(t *testing.T) string {
	t.Helper()
	return serve(t, app.Config{DB: filepath.Join(t.TempDir(), "ogpp.db")})
}

// serve runs ogpp as cfg says, on a free port with the demo data, and
// returns its base URL once it accepts connections. The server stops when
// the test ends.
func serve(t *testing.T, cfg app.Config) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	cfg.Addr, cfg.Demo = "127.0.0.1:0", true
	cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg.Ready = func(addr string) { ready <- addr }
	go func() { done <- app.Serve(ctx, cfg, t.Output()) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ogpp stopped with an error: %v", err)
		}
	})
	select {
	case addr := <-ready:
		return "http://" + addr
	case err := <-done:
		done <- err // for the cleanup
		t.Fatalf("ogpp did not start: %v", err)
	case <-time.After(startTimeout):
		t.Fatalf("ogpp was not ready after %s", startTimeout)
	}
	return ""
}

// startBrowser starts a headless Chromium with a fresh profile and returns
// a context for its first tab. The browser asks for Azerbaijani pages, as
// an Azerbaijani reader's does. It stops when the test ends.
func startBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("accept-lang", "az"),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser to exit
	})
	start(t, ctx, path)
	return ctx
}

// newTab opens another tab in the browser of ctx; it closes when the test ends.
func newTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	start(t, tab, "a new tab")
	return tab
}

// start runs the first action on a chromedp context, which starts its
// browser or opens its tab. That first action binds the tab's life to the
// context it is given, so it runs without a deadline of its own (a step's
// deadline would close the tab when the step ends); waiting for it in a
// goroutine keeps it bounded all the same.
func start(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start %s: %v", what, err)
		}
	case <-time.After(startTimeout):
		t.Fatalf("%s did not start within %s", what, startTimeout)
	}
}

// artifactsFor empties e2e/artifacts/name/ of the screenshots a previous
// run left and returns it: each test has its own folder, so that tests do
// not delete each other's.
func artifactsFor(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(artifactsDir, name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tab is one browser tab driven by a test: every step runs under
// stepTimeout and fails the test, with a screenshot of the page as it was,
// when it goes wrong.
type tab struct {
	t     *testing.T
	ctx   context.Context
	base  string // ogpp's base URL, without a trailing slash
	shots string // directory for the screenshots
	name  string // prefix of this tab's screenshot files
	step  int
}

// fatalf is t.Fatalf that first saves a screenshot of the page as it is.
func (b *tab) fatalf(format string, args ...any) {
	b.t.Helper()
	msg := fmt.Sprintf(format, args...)
	if file, err := b.save("FAILED"); err == nil {
		msg += " (page saved as " + file + ")"
	}
	b.t.Fatal(msg)
}

// do runs actions that return nothing.
func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fatalf("%s: %v", what, err)
	}
}

// follow runs actions that lead to another page (a click on a link, a
// submitted form), waits for that page to load and checks it answered 200.
func (b *tab) follow(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.fatalf("%s: %v", what, err)
	}
	if resp.Status != 200 {
		b.fatalf("%s: %s answered %d %s, want 200", what, resp.URL, resp.Status, resp.StatusText)
	}
}

// open loads path (relative to ogpp's base URL) and checks it answered 200.
func (b *tab) open(path string) {
	b.t.Helper()
	b.follow("open "+path, chromedp.Navigate(b.base+path))
}

// text returns the rendered text of the first element sel matches, once
// it is visible, with white space runs made one space.
func (b *tab) text(sel string) string {
	b.t.Helper()
	return strings.Join(strings.Fields(run(b, "read "+sel, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))), " ")
}

// count returns how many elements sel matches in the page as it is.
func (b *tab) count(sel string) int {
	b.t.Helper()
	return run(b, "count "+sel, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
}

// path returns the path and query of the page's URL.
func (b *tab) path() string {
	b.t.Helper()
	return strings.TrimPrefix(run(b, "read the location", chromedp.Location()), b.base)
}

// scrollWidth returns how wide the document is, which is wider than the
// viewport when the page scrolls sideways.
func (b *tab) scrollWidth() int {
	b.t.Helper()
	return run(b, "measure the page", chromedp.Evaluate[int]("document.documentElement.scrollWidth"))
}

// shot saves a full-page screenshot of the current page as the tab's next
// numbered step, e.g. "desktop-03-plan-en.png".
func (b *tab) shot(name string) {
	b.t.Helper()
	b.step++
	if _, err := b.save(fmt.Sprintf("%02d-%s", b.step, name)); err != nil {
		b.t.Fatal(err)
	}
}

// save writes a full-page PNG screenshot named after the tab and name.
func (b *tab) save(name string) (string, error) {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "", fmt.Errorf("screenshot %s: %w", name, err)
	}
	if len(png) == 0 {
		return "", errors.New("screenshot " + name + ": empty image")
	}
	file := filepath.Join(b.shots, b.name+"-"+name+".png")
	return file, os.WriteFile(file, png, 0o644)
}

// run runs an action that returns a value, under stepTimeout.
func run[T any](b *tab, what string, action chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		b.fatalf("%s: %v", what, err)
	}
	return v
}

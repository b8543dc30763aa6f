package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
	"ogpp/internal/app"
	"ogpp/internal/opendata"
	"ogpp/internal/store"
)

// reportReader is a monitor: Azerbaijan's demo round is open, so only
// monitors see its dashboard and its report.
var reportReader = account.NewUser{Email: "gunel@example.org", Name: "Günel Rzayeva", Role: account.RoleMonitor, Password: "şəffaf hesabat 2018"}

// fetchPDF is what the browser runs to download the file the report link
// names, with the reader's cookies, as base64.
const fetchPDF = `(async () => {
	const link = document.querySelector("#report-pdf");
	const r = await fetch(link.href, {credentials: "same-origin"});
	if (!r.ok) throw new Error("HTTP " + r.status);
	const bytes = new Uint8Array(await r.arrayBuffer());
	let s = "";
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
	return btoa(s);
})()`

// TestDownloadThePDFReport signs in as a monitor, opens the round
// dashboard of Azerbaijan's demo plan in Azerbaijani, follows its PDF link
// with the browser and checks that the file is a PDF whose text, through
// pdftotext, holds the plan's Azerbaijani title letter for letter.
func TestDownloadThePDFReport(t *testing.T) {
	chromium := requireBrowser(t)
	pdftotext := requirePDFToText(t)
	var roundID int64
	var title string
	base := startPreparedServer(t, []account.NewUser{reportReader}, func(ctx context.Context, db *store.DB) error {
		// The demo, loaded here so that its round's id is known; serve
		// then finds it loaded.
		if _, _, err := app.LoadDemo(ctx, db); err != nil {
			return err
		}
		p, err := db.GetPlan(ctx, opendata.AzerbaijanNAPID)
		if err != nil {
			return err
		}
		title = p.Title["az"]
		rounds, err := db.ListRounds(ctx, p.ID, false)
		if err != nil {
			return err
		}
		if len(rounds) == 0 {
			return fmt.Errorf("plan %s has no round", opendata.AzerbaijanNAPID)
		}
		roundID = rounds[0].ID
		return nil
	})
	browser := startBrowser(t, chromium)
	dir := artifactsFor(t, "report")
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: dir, name: "report"}
	b.signIn(reportReader)

	b.open(fmt.Sprintf("/rounds/%d?lang=az", roundID))
	if got := b.text("#report-pdf"); got != "PDF" {
		b.fatalf("the dashboard's PDF link reads %q", got)
	}
	b.shot("dashboard-links")
	encoded := run(b, "download the PDF report through its link", chromedp.Evaluate[string](fetchPDF, chromedp.EvalAwaitPromise))
	pdf, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		b.fatalf("the downloaded report is not base64: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		b.fatalf("the downloaded report starts %q, not %%PDF-", pdf[:min(len(pdf), 8)])
	}
	file := filepath.Join(dir, "report-az.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		b.fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if title == "" || !strings.Contains(text, title) {
		b.fatalf("the PDF's text lacks the plan's Azerbaijani title %q:\n%.600s", title, text)
	}

	// The page for printing, as printed: the same title, each area on a
	// page of its own.
	b.follow("open the page for printing", chromedp.Click(chromedp.CSS("#report-print")))
	if got := b.text("#report-title"); got != title {
		b.fatalf("the print page's title is %q, want %q", got, title)
	}
	if n := b.count("section.report-area"); n != 7 {
		b.fatalf("the print page has %d area sections, want Azerbaijan's 7", n)
	}
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.do("emulate print", emulateMedia("print"))
	b.shot("print")
	b.do("back to the screen", emulateMedia(""))
}

// requirePDFToText returns the pdftotext binary; the browser tests being
// on, its absence is a failure.
func requirePDFToText(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is missing: apt-get install poppler-utils")
	}
	return bin
}

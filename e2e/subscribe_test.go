package e2e

import (
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ogpp/internal/app"
	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/notify/smtptest"
)

// subscribeSMTP is how the test's ogpp mails: through the in-process SMTP
// server at addr.
func subscribeSMTP(addr string) app.SMTPConfig {
	return app.SMTPConfig{Addr: addr, From: "Açıq Hökumət Platforması <noreply@ogp.example.az>"}
}

// startMailingServer runs ogpp like startServer, mailing through the SMTP
// server at smtpAddr, and returns its base URL and its database.
func startMailingServer(t *testing.T, smtpAddr string) (string, string) {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "ogpp.db")
	return serve(t, app.Config{DB: dsn, SMTP: subscribeSMTP(smtpAddr)}), dsn
}

// onlyMail returns the one message the SMTP server received, parsed.
func onlyMail(t *testing.T, server *smtptest.Server) smtptest.Parsed {
	t.Helper()
	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want 1", len(msgs))
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSubscribeAndConfirm: a visitor subscribes to the news on
// /subscribe, takes the link from the confirmation mail and confirms in
// the browser; a news item is published and the digest sent; the digest
// names it with its Azerbaijani letters intact and carries an unsubscribe
// link, which works.
func TestSubscribeAndConfirm(t *testing.T) {
	chromium := requireBrowser(t)
	server := smtptest.Start(t)
	base, dsn := startMailingServer(t, server.Addr)
	dir := artifactsFor(t, "subscribe")
	b := &tab{t: t, ctx: newTab(t, startBrowser(t, chromium)), base: base, shots: dir, name: "subscribe"}
	b.open("/subscribe?lang=az")
	b.injectAxe()
	b.reportAxe(b.runAxe())
	b.setValue("#email", "aysel@example.org")
	if b.count("#topic-news:checked") != 1 {
		b.fatalf("the news are not chosen by default")
	}
	b.submit("subscribe", `main form[action="/subscribe"] button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Poçtunuzu yoxlayın" {
		b.fatalf("after subscribing: %q", got)
	}
	b.shot("sent")

	confirmation := onlyMail(t, server)
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/subscribe/confirm/[0-9a-f]+`).FindString(confirmation.Text)
	if link == "" || confirmation.Subject != "Abunəliyi təsdiqləyin: platformanın xəbərləri" {
		t.Fatalf("confirmation mail %q:\n%s", confirmation.Subject, confirmation.Text)
	}
	b.open(strings.TrimPrefix(link, base))
	b.submit("confirm", `main form button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Abunəlik təsdiqləndi" {
		b.fatalf("after confirming: %q", got)
	}
	b.shot("confirmed")

	// A coordinator publishes a news item; the digest goes out.
	ctx := context.Background()
	db, err := app.OpenStore(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	title := "İctimai şuranın ağır işi: ölçü, çağırış, üzv"
	coordinator := audit.System("coordinator")
	id, err := db.CreateNews(ctx, coordinator, news.Edit{Title: title, Body: "Şura **toplandı**.", Lang: "az"})
	if err == nil {
		err = db.PublishNews(ctx, coordinator, id, true, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	server.Reset()
	if err := app.Digest(ctx, db, subscribeSMTP(server.Addr), base, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	digest := onlyMail(t, server)
	if digest.Subject != "Açıq Hökumət Platforması: "+title || !strings.Contains(digest.HTML, title) {
		t.Fatalf("digest %q:\n%s", digest.Subject, digest.HTML)
	}
	b.open(strings.TrimPrefix(regexp.MustCompile(`/news/[0-9]+`).FindString(digest.Text), base))
	if got := b.text("main h1"); got != title {
		b.fatalf("the news item from the digest: %q", got)
	}
	b.shot("news")
	unsubscribe := strings.Trim(digest.Header.Get("List-Unsubscribe"), "<>")
	if !strings.HasPrefix(unsubscribe, base+"/unsubscribe/") || digest.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" ||
		!strings.Contains(digest.Text, unsubscribe) {
		t.Fatalf("unsubscribe link %q in\n%s", unsubscribe, digest.Text)
	}
	b.open(strings.TrimPrefix(unsubscribe, base))
	b.submit("unsubscribe", `main form button[type=submit]`, 200)
	if got := b.text("main h1"); got != "Abunəlikdən çıxdınız" {
		b.fatalf("after unsubscribing: %q", got)
	}
	b.shot("unsubscribed")

	// Unsubscribed: the next news reaches nobody.
	server.Reset()
	id, err = db.CreateNews(ctx, coordinator, news.Edit{Title: "Növbəti xəbər", Body: "Mətn.", Lang: "az"})
	if err == nil {
		err = db.PublishNews(ctx, coordinator, id, true, 1)
	}
	if err == nil {
		err = app.Digest(ctx, db, subscribeSMTP(server.Addr), base, nil, io.Discard)
	}
	if err != nil {
		t.Fatal(err)
	}
	if n := len(server.Messages()); n != 0 {
		t.Errorf("%d mails after unsubscribing", n)
	}
}

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"ogpp/internal/app"
	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/notify"
	"ogpp/internal/notify/smtptest"
)

// TestDigestCommand: "ogpp digest" refuses to run without a mail server
// or a base URL, and mails a confirmed subscriber the news published
// since, with links under --base-url; run again, it sends nothing.
func TestDigestCommand(t *testing.T) {
	for name, dsn := range databases(t) {
		t.Run(name, func(t *testing.T) {
			if code, _, stderr := runCLI(t, "digest", "--db", dsn, "--base-url", "https://ogp.example.az/"); code != 1 || !strings.Contains(stderr, "--smtp-addr") {
				t.Fatalf("without a mail server: exit %d, %s", code, stderr)
			}
			if code, _, stderr := runCLI(t, "digest", "--db", dsn, "--smtp-addr", "127.0.0.1:1"); code != 2 || !strings.Contains(stderr, "--base-url") {
				t.Fatalf("without a base URL: exit %d, %s", code, stderr)
			}
			ctx := context.Background()
			db, err := app.OpenStore(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The subscription is confirmed, then the news published, an
			// hour apart: the digest sends what was published since.
			at := time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return at }
			_, token, err := db.Subscribe(ctx, notify.Request{Email: "aysel@example.org", Topic: notify.TopicNews, Lang: "az"})
			if err == nil {
				_, err = db.ConfirmSubscription(ctx, token)
			}
			at = at.Add(time.Hour)
			var id int64
			if err == nil {
				id, err = db.CreateNews(ctx, audit.System("test"), news.Edit{Title: "Şəffaflıq hesabatı", Body: "Mətn.", Lang: "az"})
			}
			if err == nil {
				err = db.PublishNews(ctx, audit.System("test"), id, true, 1)
			}
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			server := smtptest.Start(t)
			args := []string{"digest", "--db", dsn, "--base-url", "https://ogp.example.az/", "--smtp-addr", server.Addr, "--smtp-from", "noreply@ogp.example.az"}
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 || !strings.Contains(stdout, "Digests sent: 1") {
				t.Fatalf("digest: exit %d\n%s\n%s", code, stdout, stderr)
			}
			msgs := server.Messages()
			if len(msgs) != 1 {
				t.Fatalf("%d mails", len(msgs))
			}
			p, err := msgs[0].Parse()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Subject, "Şəffaflıq hesabatı") || !strings.Contains(p.Text, "https://ogp.example.az/news/") {
				t.Errorf("digest %q:\n%s", p.Subject, p.Text)
			}
			if code, stdout, _ := runCLI(t, args...); code != 0 || !strings.Contains(stdout, "Digests sent: 0") || len(server.Messages()) != 1 {
				t.Errorf("a second run: exit %d, %s, %d mails", code, stdout, len(server.Messages()))
			}
		})
	}
}

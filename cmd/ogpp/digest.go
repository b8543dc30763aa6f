package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"ogpp/internal/app"
)

// smtpFlags registers the flags of the mail server on fs.
func smtpFlags(fs *flag.FlagSet) *app.SMTPConfig {
	c := &app.SMTPConfig{}
	fs.StringVar(&c.Addr, "smtp-addr", env("OGPP_SMTP_ADDR", ""), "SMTP server host:port; without it no mail is sent and subscribing is unavailable (env OGPP_SMTP_ADDR)")
	fs.StringVar(&c.User, "smtp-user", env("OGPP_SMTP_USER", ""), "SMTP user name for AUTH PLAIN (env OGPP_SMTP_USER)")
	fs.StringVar(&c.Password, "smtp-password", env("OGPP_SMTP_PASSWORD", ""), "SMTP password; prefer the environment variable (env OGPP_SMTP_PASSWORD)")
	fs.StringVar(&c.From, "smtp-from", env("OGPP_SMTP_FROM", ""), `sender of the mails, "Name <addr>" or "addr" (env OGPP_SMTP_FROM)`)
	fs.BoolVar(&c.StartTLS, "smtp-starttls", env("OGPP_SMTP_STARTTLS", "") == "true", "upgrade the SMTP connection with STARTTLS (env OGPP_SMTP_STARTTLS=true)")
	return c
}

// digestCommand runs "ogpp digest": it mails every confirmed subscription
// what is new for it since its last digest, and nothing to those with
// nothing new. Links in the mails are made with --base-url.
func digestCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ogpp digest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbFlag := fs.String("db", env("OGPP_DB", "ogpp.db"), "database: a SQLite file path or a postgres:// URL (env OGPP_DB)")
	baseURL := fs.String("base-url", env("OGPP_BASE_URL", ""), "public URL of the site, e.g. https://ogp.example.org/: the mails' links are made with it (env OGPP_BASE_URL)")
	smtp := smtpFlags(fs)
	if fs.Parse(args) != nil {
		return 2
	}
	if *baseURL == "" {
		fmt.Fprintln(stderr, "usage: ogpp digest --base-url https://… --smtp-addr host:port --smtp-from addr [--db …]")
		return 2
	}
	db, err := app.OpenStore(ctx, *dbFlag, nil)
	if err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if err := app.Digest(ctx, db, *smtp, *baseURL, logger, stdout); err != nil {
		fmt.Fprintln(stderr, "ogpp:", err)
		return 1
	}
	return 0
}

package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"time"

	"ogpp/internal/notify"
	"ogpp/internal/store"
)

// SMTPConfig is how ogpp sends mail; every field has a flag. Without an
// address nothing is sent: subscribing is unavailable and digests are
// not made.
type SMTPConfig struct {
	// Addr is the SMTP server's host:port (--smtp-addr).
	Addr string
	// User and Password authenticate with AUTH PLAIN (--smtp-user,
	// --smtp-password or OGPP_SMTP_PASSWORD); net/smtp sends them only
	// over TLS or to localhost.
	User, Password string
	// From is the sender, "Name <addr>" or "addr" (--smtp-from).
	From string
	// StartTLS upgrades the connection with STARTTLS (--smtp-starttls).
	StartTLS bool
}

// Enabled reports whether mail can be sent.
func (c SMTPConfig) Enabled() bool { return c.Addr != "" }

// subscriptions builds the subscription service over db: with a mailer
// when SMTP is configured, without one (subscribing unavailable)
// otherwise. A configured sender must be an address.
func subscriptions(c SMTPConfig, db *store.DB) (*notify.Service, error) {
	svc := &notify.Service{Store: db}
	if !c.Enabled() {
		return svc, nil
	}
	if c.From == "" {
		return nil, errors.New("--smtp-from is required with --smtp-addr")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return nil, fmt.Errorf("--smtp-from %q: %w", c.From, err)
	}
	svc.Mailer = &notify.SMTP{Addr: c.Addr, User: c.User, Password: c.Password, StartTLS: c.StartTLS}
	svc.From = c.From
	return svc, nil
}

// digestSources are what digests tell of, all kept by db.
func digestSources(db *store.DB) notify.Sources {
	return notify.Sources{News: db, Rounds: db, Events: db, Plans: db}
}

// Digest sends every confirmed subscription in db what is new for it,
// with links under base (the site's public address), and prints what it
// did to out.
func Digest(ctx context.Context, db *store.DB, c SMTPConfig, base string, log *slog.Logger, out io.Writer) error {
	if !c.Enabled() {
		return errors.New("digest: no mail server: give --smtp-addr")
	}
	svc, err := subscriptions(c, db)
	if err != nil {
		return err
	}
	rep, err := svc.Digest(ctx, digestSources(db), notify.Links{Base: base}, log)
	fmt.Fprintf(out, "Digests sent: %d; nothing new for %d; failed: %d.\n", rep.Sent, rep.Empty, rep.Failed)
	return err
}

// digestLoop sends the digests every interval until ctx ends. A failed
// run is logged and the next one tries again.
func digestLoop(ctx context.Context, svc *notify.Service, db *store.DB, base string, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rep, err := svc.Digest(ctx, digestSources(db), notify.Links{Base: base}, log)
		if err != nil && ctx.Err() == nil {
			log.Warn("digest", "err", err)
		}
		if rep.Sent > 0 || rep.Failed > 0 {
			log.Info("digest sent", "sent", rep.Sent, "failed", rep.Failed)
		}
	}
}

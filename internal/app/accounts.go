package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/store"
)

// Accounts builds the account service over db with the default password
// parameters and timeouts.
func Accounts(db *store.DB) (*account.Service, error) {
	h, err := account.NewHasher(account.DefaultParams(), 0)
	if err != nil {
		return nil, err
	}
	return account.NewService(db, h, time.Now, account.DefaultConfig())
}

// printSetupLink prints a one-time link for creating the first
// administrator when there is none: ogpp ships no default password.
func printSetupLink(ctx context.Context, db *store.DB, baseURL string, out io.Writer) error {
	svc, err := Accounts(db)
	if err != nil {
		return err
	}
	token, expires, err := svc.SetupToken(ctx)
	if errors.Is(err, account.ErrAdminExists) {
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "No administrator yet. Create one within 24 hours (the link works once) at:\n  %ssetup/%s\n  (valid until %s)\n",
		baseURL, token, expires.UTC().Format("2006-01-02 15:04 UTC"))
	return nil
}

// pruneSessions deletes ended sessions and old failed-login records every
// ten minutes until ctx ends.
func pruneSessions(ctx context.Context, db *store.DB, log *slog.Logger) {
	svc, err := Accounts(db)
	if err != nil {
		log.Error("session pruning not started", "err", err)
		return
	}
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := svc.Prune(ctx); err != nil && ctx.Err() == nil {
				log.Warn("pruning sessions", "err", err)
			}
		}
	}
}

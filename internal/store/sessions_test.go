package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := createUser(t, db, "ana@example.org", account.RoleMonitor)
		s := account.Session{TokenHash: "h1", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(30 * 24 * time.Hour),
			RemoteAddr: "192.0.2.1", UserAgent: "Mozilla\x00/5.0"}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, gu, err := db.SessionByTokenHash(ctx, "h1")
		if err != nil {
			t.Fatal(err)
		}
		s.UserAgent = "Mozilla/5.0" // a NUL never reaches the database
		if got != s || gu != u {
			t.Errorf("SessionByTokenHash = %+v, %+v; want %+v, %+v", got, gu, s, u)
		}
		// Touching moves last-seen forward only.
		if err := db.TouchSession(ctx, "h1", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.TouchSession(ctx, "h1", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := db.SessionByTokenHash(ctx, "h1"); !got.LastSeenAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("last seen %v, want %v", got.LastSeenAt, t0.Add(time.Hour))
		}

		// Prune: h1 seen an hour in, h2 expiring at 2 h, h3 fresh.
		for _, x := range []account.Session{
			{TokenHash: "h2", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0.Add(3 * time.Hour), ExpiresAt: t0.Add(2 * time.Hour)},
			{TokenHash: "h3", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0.Add(3 * time.Hour), ExpiresAt: t0.Add(48 * time.Hour)},
		} {
			if err := db.CreateSession(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		n, err := db.PruneSessions(ctx, t0.Add(2*time.Hour), t0.Add(time.Hour))
		if err != nil || n != 2 {
			t.Errorf("PruneSessions = %d, %v; want 2", n, err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "h3"); err != nil {
			t.Errorf("fresh session pruned: %v", err)
		}
		if err := db.DeleteSession(ctx, "h3"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "h3"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("deleted session: %v", err)
		}

		// Disabling a user ends their sessions; so does deleting them all.
		for _, h := range []string{"h4", "h5"} {
			db.CreateSession(ctx, account.Session{TokenHash: h, UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)})
		}
		if err := db.SetUserDisabled(ctx, u.ID, true, t0); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "h4"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("session of a disabled user: %v", err)
		}
		db.SetUserDisabled(ctx, u.ID, false, t0)
		db.CreateSession(ctx, account.Session{TokenHash: "h6", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)})
		if err := db.DeleteUserSessions(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "h6"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("after DeleteUserSessions: %v", err)
		}
	})
}

func TestLoginFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i := range 4 {
			if err := db.RecordLoginFailure(ctx, t0.Add(time.Duration(i)*time.Minute), "email:a", "addr:x"); err != nil {
				t.Fatal(err)
			}
		}
		db.RecordLoginFailure(ctx, t0, "email:b")
		got, err := db.RecentLoginFailures(ctx, "email:a", t0, 10)
		// After t0, strictly: the failure at t0 has left the window.
		want := []time.Time{t0.Add(3 * time.Minute), t0.Add(2 * time.Minute), t0.Add(time.Minute)}
		if err != nil || !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("RecentLoginFailures = %v, %v; want %v", got, err, want)
		}
		if got, _ := db.RecentLoginFailures(ctx, "addr:x", t0.Add(-time.Hour), 2); len(got) != 2 || !got[1].Equal(t0.Add(2*time.Minute)) {
			t.Errorf("limited to 2: %v", got)
		}
		if err := db.ClearLoginFailures(ctx, "email:a"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.RecentLoginFailures(ctx, "email:a", t0.Add(-time.Hour), 10); len(got) != 0 {
			t.Errorf("after clear: %v", got)
		}
		if got, _ := db.RecentLoginFailures(ctx, "addr:x", t0.Add(-time.Hour), 10); len(got) != 4 {
			t.Errorf("clearing one key cleared another: %v", got)
		}
		n, err := db.PruneLoginFailures(ctx, t0.Add(time.Minute))
		if err != nil || n != 3 { // addr:x at 0 and 1 min, email:b at 0
			t.Errorf("PruneLoginFailures = %d, %v; want 3", n, err)
		}
	})
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// t0 is when the account tests happen; they pass times explicitly.
var t0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

func createUser(t *testing.T, db *store.DB, email string, role account.Role) account.User {
	t.Helper()
	u := account.User{Email: email, Name: "Name", Role: role, PasswordHash: "$argon2id$stub", CreatedAt: t0, UpdatedAt: t0}
	id, err := db.CreateUser(context.Background(), u)
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	u.ID = id
	return u
}

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ana := createUser(t, db, "ana@example.org", account.RoleMonitor)
		createUser(t, db, "aaron@example.org", account.RoleMember)
		got, err := db.GetUser(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got != ana {
			t.Errorf("GetUser = %+v, want %+v", got, ana)
		}
		if got, err := db.UserByEmail(ctx, "ana@example.org"); err != nil || got != ana {
			t.Errorf("UserByEmail = %+v, %v", got, err)
		}
		if _, err := db.CreateUser(ctx, account.User{Email: "ana@example.org", Name: "Other", Role: account.RoleMember, CreatedAt: t0, UpdatedAt: t0}); !errors.Is(err, account.ErrEmailTaken) {
			t.Errorf("duplicate email: %v, want ErrEmailTaken", err)
		}
		// Bytes PostgreSQL refuses in text are no error, just no match.
		if _, err := db.UserByEmail(ctx, "ana\x00@example.org\xff"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("hostile email: %v, want ErrNotFound", err)
		}
		users, err := db.ListUsers(ctx)
		if err != nil || len(users) != 2 || users[0].Email != "aaron@example.org" {
			t.Errorf("ListUsers = %+v, %v; want two, by email", users, err)
		}
		if _, err := db.GetUser(ctx, 999); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("GetUser(999): %v", err)
		}
		if has, err := db.HasAdmin(ctx); has || err != nil {
			t.Errorf("HasAdmin = %v, %v; want false", has, err)
		}
		admin := createUser(t, db, "admin@example.org", account.RoleAdmin)
		if has, err := db.HasAdmin(ctx); !has || err != nil {
			t.Errorf("HasAdmin = %v, %v; want true", has, err)
		}
		if err := db.SetUserDisabled(ctx, admin.ID, true, t0); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("disable the last admin: %v", err)
		}
		if err := db.SetUserRole(ctx, ana.ID, account.RoleAdmin, 0, t0); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserDisabled(ctx, admin.ID, true, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		// Ana is now the last enabled admin.
		if err := db.SetUserRole(ctx, ana.ID, account.RoleMember, 0, t0); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("demote the last enabled admin: %v", err)
		}
		got, _ = db.GetUser(ctx, admin.ID)
		if !got.Disabled || !got.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("disabled admin: %+v", got)
		}
		if err := db.SetUserDisabled(ctx, 999, true, t0); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("disable an unknown user: %v", err)
		}
	})
}

func TestPasswordHashes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := createUser(t, db, "ana@example.org", account.RoleMonitor)
		for _, h := range []string{"keep", "drop1", "drop2"} {
			if err := db.CreateSession(ctx, account.Session{TokenHash: h, UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetPasswordHash(ctx, u.ID, "new", t0.Add(time.Minute), "keep"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "keep"); err != nil {
			t.Errorf("kept session: %v", err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, "drop1"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("other session: %v, want ErrNotFound", err)
		}
		// A rehash replaces only the hash it was computed from.
		if err := db.RehashPassword(ctx, u.ID, "stale", "rehashed"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.GetUser(ctx, u.ID); got.PasswordHash != "new" {
			t.Errorf("rehash of a changed password wrote %q", got.PasswordHash)
		}
		if err := db.RehashPassword(ctx, u.ID, "new", "rehashed"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.GetUser(ctx, u.ID); got.PasswordHash != "rehashed" || !got.UpdatedAt.Equal(t0.Add(time.Minute)) {
			t.Errorf("after rehash: %+v", got)
		}
		if err := db.SetPasswordHash(ctx, 999, "x", t0, ""); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}

func TestSetupTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		admin := account.User{Email: "admin@example.org", Name: "Admin", Role: account.RoleAdmin, CreatedAt: t0, UpdatedAt: t0}
		if err := db.CreateSetupToken(ctx, "first", t0, t0.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSetupToken(ctx, "second", t0, t0.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if ok, err := db.SetupTokenUsable(ctx, "first", t0.Add(24*time.Hour)); ok || err != nil {
			t.Errorf("usable at expiry: %v, %v", ok, err)
		}
		if _, err := db.RedeemSetupToken(ctx, "first", admin, t0.Add(24*time.Hour)); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("redeem at expiry: %v, want ErrSetupInvalid", err)
		}
		if _, err := db.RedeemSetupToken(ctx, "unknown", admin, t0); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("redeem unknown: %v, want ErrSetupInvalid", err)
		}
		id, err := db.RedeemSetupToken(ctx, "first", admin, t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if u, _ := db.GetUser(ctx, id); u.Role != account.RoleAdmin {
			t.Errorf("created %+v", u)
		}
		// Single use, whatever else holds.
		if ok, _ := db.SetupTokenUsable(ctx, "first", t0.Add(time.Hour)); ok {
			t.Error("a used token is usable")
		}
		admin.Email = "other@example.org"
		if _, err := db.RedeemSetupToken(ctx, "first", admin, t0.Add(time.Hour)); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("second use: %v, want ErrSetupInvalid", err)
		}
		// Another valid token is refused now that an admin exists, and stays
		// unspent.
		if _, err := db.RedeemSetupToken(ctx, "second", admin, t0.Add(time.Hour)); !errors.Is(err, account.ErrAdminExists) {
			t.Errorf("with an admin: %v, want ErrAdminExists", err)
		}
		if ok, _ := db.SetupTokenUsable(ctx, "second", t0.Add(time.Hour)); !ok {
			t.Error("a refused redemption spent the token")
		}
	})
}

// TestSetupRace redeems several links at once: exactly one first admin
// results, on PostgreSQL too, where the transactions really run side by
// side.
func TestSetupRace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const n = 8
		for i := range n {
			if err := db.CreateSetupToken(ctx, fmt.Sprint(i), t0, t0.Add(24*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		start := make(chan struct{})
		errs := make(chan error, n)
		for i := range n {
			go func() {
				<-start
				admin := account.User{Email: fmt.Sprintf("admin%d@example.org", i), Name: "Admin", Role: account.RoleAdmin, CreatedAt: t0, UpdatedAt: t0}
				_, err := db.RedeemSetupToken(ctx, fmt.Sprint(i), admin, t0.Add(time.Minute))
				errs <- err
			}()
		}
		close(start)
		var ok, refused int
		for range n {
			switch err := <-errs; {
			case err == nil:
				ok++
			case errors.Is(err, account.ErrAdminExists):
				refused++
			default:
				t.Errorf("redeem: %v", err)
			}
		}
		users, _ := db.ListUsers(ctx)
		if ok != 1 || refused != n-1 || len(users) != 1 {
			t.Errorf("%d redeemed, %d refused, %d users; want 1, %d, 1", ok, refused, len(users), n-1)
		}
	})
}

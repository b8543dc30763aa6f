package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestAccountChangesAreAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		ctx := audit.WithActor(context.Background(), audit.System("cli"))
		id, err := db.CreateUser(ctx, account.User{Email: "a@example.org", Name: "Aysel", Role: account.RoleAdmin, PasswordHash: "x", CreatedAt: at, UpdatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.CreateUser(ctx, account.User{Email: "b@example.org", Name: "Bəxtiyar", Role: account.RoleMonitor, PasswordHash: "x", CreatedAt: at, UpdatedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		admin := audit.WithActor(context.Background(), audit.Actor{UserID: id, Name: "a@example.org"})
		if err := db.SetUserRole(admin, other, account.RoleCoordinator, 0, at); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserRole(admin, other, account.RoleCoordinator, 0, at); err != nil { // no change: no entry
			t.Fatal(err)
		}
		if err := db.SetPasswordHash(admin, other, "$argon2id$secret", at, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.SetUserDisabled(admin, other, true, at); err != nil {
			t.Fatal(err)
		}
		entries, total, err := db.ListAudit(context.Background(), audit.Filter{EntityType: audit.EntityUser})
		if err != nil {
			t.Fatal(err)
		}
		if total != 5 {
			t.Fatalf("%d account entries, want 5 (two creates, role, password, disable)", total)
		}
		// Newest first: disable, password, role, create, create.
		if entries[2].Actor.Name != "a@example.org" || !strings.Contains(string(entries[2].After), `"role":"coordinator"`) || !strings.Contains(string(entries[2].Before), `"role":"monitor"`) {
			t.Errorf("role change entry = %+v", entries[2])
		}
		if strings.Contains(string(entries[1].After), "argon2") || !strings.Contains(string(entries[1].After), "changed") {
			t.Errorf("password entry = %s", entries[1].After)
		}
		if entries[4].Actor.Name != "system:cli" || entries[4].Action != audit.ActionCreate {
			t.Errorf("first entry = %+v", entries[4])
		}
		if res, err := db.VerifyAudit(context.Background()); err != nil || !res.OK() {
			t.Errorf("verify: %v, %v", res, err)
		}
	})
}

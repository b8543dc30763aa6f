package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// invitePassword is what the invitees of these tests choose.
const invitePassword = "açıq hökumət 2016"

// accountService returns an account service over db with cheap hashing and
// the clock *now, which the test moves.
func accountService(t *testing.T, db *store.DB, now *time.Time) *account.Service {
	t.Helper()
	h, err := account.NewHasher(account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 0)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := account.NewService(db, h, func() time.Time { return *now }, account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func TestInvitations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := t0
		svc := accountService(t, db, &now)
		admin := audit.WithActor(context.Background(), audit.Actor{UserID: 1, Name: "admin@example.org"})
		ctx := context.Background()

		inv, err := svc.Invite(admin, account.Invitee{Email: " Nigar@Example.org ", Name: "Nigar Əliyeva", Role: account.RoleMonitor})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Token == "" || !inv.ExpiresAt.Equal(t0.Add(7*24*time.Hour)) || inv.User.Email != "nigar@example.org" {
			t.Fatalf("invitation = %+v", inv)
		}
		u, err := db.GetUser(ctx, inv.User.ID)
		if err != nil || !u.Invited() || u.PasswordHash != "" || u.Role != account.RoleMonitor {
			t.Fatalf("invited user = %+v, %v; want a monitor without a password", u, err)
		}
		// No password works for an account that has none.
		if _, _, err := svc.Login(ctx, "nigar@example.org", "", account.Client{Addr: "192.0.2.1"}); !errors.Is(err, account.ErrInvalidCredentials) {
			t.Errorf("login before accepting: %v, want ErrInvalidCredentials", err)
		}
		if _, err := svc.Invite(admin, account.Invitee{Email: "nigar@example.org", Name: "Again", Role: account.RoleMember}); err == nil {
			t.Error("a second invitation for the same email was accepted")
		} else if fe, ok := err.(account.FieldErrors); !ok || fe["email"] != "account.email.taken" {
			t.Errorf("second invitation: %v, want email taken", err)
		}

		// The link names the invitee; a bad password leaves it usable.
		if got, err := svc.CheckInvitation(ctx, inv.Token); err != nil || got.ID != inv.User.ID {
			t.Fatalf("check invitation = %+v, %v", got, err)
		}
		if _, err := svc.AcceptInvitation(ctx, inv.Token, "short"); err == nil {
			t.Fatal("a short password was accepted")
		} else if fe, ok := err.(account.FieldErrors); !ok || fe["password"] != "account.password.too_short" {
			t.Fatalf("short password: %v", err)
		}
		now = now.Add(time.Hour)
		got, err := svc.AcceptInvitation(ctx, inv.Token, invitePassword)
		if err != nil || got.Invited() || got.ID != inv.User.ID {
			t.Fatalf("accept = %+v, %v", got, err)
		}
		if _, _, err := svc.Login(ctx, "nigar@example.org", invitePassword, account.Client{Addr: "192.0.2.1"}); err != nil {
			t.Fatalf("login after accepting: %v", err)
		}
		// Spent: neither shown nor accepted again.
		if _, err := svc.CheckInvitation(ctx, inv.Token); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("check a used link: %v, want ErrInvitationInvalid", err)
		}
		if _, err := svc.AcceptInvitation(ctx, inv.Token, "another long password"); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("accept a used link: %v, want ErrInvitationInvalid", err)
		}
		if _, err := svc.Reinvite(admin, inv.User.ID); !errors.Is(err, account.ErrNotInvitable) {
			t.Errorf("reinvite an active user: %v, want ErrNotInvitable", err)
		}
		for _, bad := range []string{"", "garbage", strings.Repeat("A", 43)} {
			if _, err := svc.CheckInvitation(ctx, bad); !errors.Is(err, account.ErrInvitationInvalid) {
				t.Errorf("check %q: %v, want ErrInvitationInvalid", bad, err)
			}
		}

		// The log names the admin for the invitation and the invitee for
		// the password, and never holds the token or the hash.
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityUser, EntityID: itoa(inv.User.ID)})
		if err != nil || len(entries) != 2 {
			t.Fatalf("audit entries = %+v, %v; want 2", entries, err)
		}
		if e := entries[1]; e.Actor.Name != "admin@example.org" || e.Action != audit.ActionCreate || !strings.Contains(string(e.After), `"invitation":"issued"`) {
			t.Errorf("invitation entry = %+v", e)
		}
		if e := entries[0]; e.Actor.Name != "nigar@example.org" || e.Actor.UserID != inv.User.ID || !strings.Contains(string(e.After), `"accepted"`) {
			t.Errorf("acceptance entry = %+v", e)
		}
		for _, e := range entries {
			if strings.Contains(string(e.After), inv.Token) || strings.Contains(string(e.After), "argon2") {
				t.Errorf("entry %d leaks a secret: %s", e.Seq, e.After)
			}
		}
		// ogpp audit verify finds the account as the log recorded it.
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Errorf("verify content after an invitation: %v, %v", problems, err)
		}
	})
}

func TestInvitationExpiresAndIsReplaced(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := t0
		svc := accountService(t, db, &now)
		ctx := context.Background()
		first, err := svc.Invite(ctx, account.Invitee{Email: "rauf@example.org", Name: "Rauf", Role: account.RoleMember})
		if err != nil {
			t.Fatal(err)
		}
		// A week later, to the millisecond, the link is dead.
		now = t0.Add(account.InvitationValidity - time.Millisecond)
		if _, err := svc.CheckInvitation(ctx, first.Token); err != nil {
			t.Errorf("a moment before expiry: %v", err)
		}
		now = t0.Add(account.InvitationValidity)
		if _, err := svc.CheckInvitation(ctx, first.Token); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("at expiry: %v, want ErrInvitationInvalid", err)
		}
		if _, err := svc.AcceptInvitation(ctx, first.Token, invitePassword); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("accept at expiry: %v, want ErrInvitationInvalid", err)
		}

		// A new link works, and the one before it no longer does.
		second, err := svc.Reinvite(ctx, first.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		third, err := svc.Reinvite(ctx, first.User.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CheckInvitation(ctx, second.Token); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("a replaced link: %v, want ErrInvitationInvalid", err)
		}
		if _, err := svc.Reinvite(ctx, 9999); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("reinvite nobody: %v, want ErrNotFound", err)
		}

		// Disabling the account stops its link; enabling brings it back.
		if err := svc.Disable(ctx, first.User.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CheckInvitation(ctx, third.Token); !errors.Is(err, account.ErrInvitationInvalid) {
			t.Errorf("link of a disabled account: %v, want ErrInvitationInvalid", err)
		}
		if _, err := svc.Reinvite(ctx, first.User.ID); !errors.Is(err, account.ErrNotInvitable) {
			t.Errorf("reinvite a disabled account: %v, want ErrNotInvitable", err)
		}
		if err := svc.Enable(ctx, first.User.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.AcceptInvitation(ctx, third.Token, invitePassword); err != nil {
			t.Errorf("accept after enabling: %v", err)
		}
	})
}

func TestUserDirectoryRecordsSignIns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := t0
		svc := accountService(t, db, &now)
		ctx := context.Background()
		for _, e := range []string{"zaur@example.org", "aynur@example.org"} {
			if _, err := svc.CreateUser(ctx, account.NewUser{Email: e, Name: e, Role: account.RoleMember, Password: invitePassword}); err != nil {
				t.Fatal(err)
			}
		}
		now = t0.Add(90 * time.Minute)
		if _, _, err := svc.Login(ctx, "zaur@example.org", invitePassword, account.Client{Addr: "192.0.2.7"}); err != nil {
			t.Fatal(err)
		}
		list, err := svc.Directory(ctx)
		if err != nil || len(list) != 2 {
			t.Fatalf("directory = %+v, %v", list, err)
		}
		if list[0].Email != "aynur@example.org" || !list[0].LastSignIn.IsZero() {
			t.Errorf("first = %s, last sign-in %v; want aynur, never", list[0].Email, list[0].LastSignIn)
		}
		if list[1].Email != "zaur@example.org" || !list[1].LastSignIn.Equal(now) {
			t.Errorf("second = %s, last sign-in %v; want zaur at %v", list[1].Email, list[1].LastSignIn, now)
		}
		// Recording a sign-in is not an account change: no audit entry.
		if _, total, err := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityUser, Action: audit.ActionUpdate}); err != nil || total != 0 {
			t.Errorf("%d update entries after a login, %v; want none", total, err)
		}
	})
}

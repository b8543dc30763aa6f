package account_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// cheap keeps tests fast; production uses account.DefaultParams.
var cheap = account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is the time the service sees; tests move it forward.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

type env struct {
	svc    *account.Service
	db     *store.DB
	clock  *clock
	hashes *atomic.Int64 // argon2 computations so far
}

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	h, err := account.NewHasher(cheap, 2)
	if err != nil {
		t.Fatal(err)
	}
	hashes := account.CountHashes(h)
	c := &clock{t: time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)}
	svc, err := account.NewService(db, h, c.now, account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &env{svc: svc, db: db, clock: c, hashes: hashes}
}

const password = "correct horse battery"

func (e *env) user(t *testing.T, email string, role account.Role) account.User {
	t.Helper()
	u, err := e.svc.CreateUser(context.Background(), account.NewUser{Email: email, Name: "Name of " + email, Role: role, Password: password})
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return u
}

func (e *env) login(t *testing.T, email string) string {
	t.Helper()
	token, _, err := e.svc.Login(context.Background(), email, password, account.Client{Addr: "192.0.2.1:1234", UserAgent: "test"})
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return token
}

// wantField checks that err is FieldErrors with key for field.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var fe account.FieldErrors
	if !errors.As(err, &fe) || fe[field] != key {
		t.Errorf("got %v, want %s: %s", err, field, key)
	}
}

// organisations imports a state body and an NGO and returns their ids.
func organisations(t *testing.T, db *store.DB) (stateBody, ngo int64) {
	t.Helper()
	ctx := context.Background()
	_, err := db.Import(ctx, &plan.Bundle{Organisations: []plan.BundleOrganisation{
		{Name: plan.Text{"en": "Ministry of Justice"}, Kind: plan.OrgStateBody},
		{Name: plan.Text{"en": "Transparency NGO"}, Kind: plan.OrgNGO},
	}})
	if err != nil {
		t.Fatal(err)
	}
	page, err := db.ListOrganisations(ctx, plan.OrganisationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range page.Items {
		switch o.Kind {
		case plan.OrgStateBody:
			stateBody = o.ID
		case plan.OrgNGO:
			ngo = o.ID
		}
	}
	return stateBody, ngo
}

func TestCreateUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u, err := e.svc.CreateUser(ctx, account.NewUser{Email: "  Ana@Example.ORG ", Name: " Ana Aliyeva ", Role: account.RoleMonitor, Password: password})
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.svc.UserByEmail(ctx, "ANA@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Email != "ana@example.org" || got.Name != "Ana Aliyeva" || got.Role != account.RoleMonitor ||
			got.Disabled || !got.CreatedAt.Equal(e.clock.t) || !got.UpdatedAt.Equal(e.clock.t) {
			t.Errorf("stored %+v", got)
		}
		if got.PasswordHash == "" || got.PasswordHash == password {
			t.Errorf("password stored as %q", got.PasswordHash)
		}
		if byID, err := e.svc.User(ctx, u.ID); err != nil || byID.Email != got.Email {
			t.Errorf("User(%d) = %+v, %v", u.ID, byID, err)
		}

		_, err = e.svc.CreateUser(ctx, account.NewUser{Email: "ana@EXAMPLE.org", Name: "Another Ana", Role: account.RoleMember, Password: password})
		wantField(t, err, "email", "account.email.taken")

		_, err = e.svc.CreateUser(ctx, account.NewUser{Email: "bad", Name: "", Role: "root", Password: "short"})
		var fe account.FieldErrors
		if !errors.As(err, &fe) || len(fe) != 4 {
			t.Errorf("invalid user: %v, want four field errors", err)
		}
		_, err = e.svc.CreateUser(ctx, account.NewUser{Email: "eldar@example.org", Name: "Eldar", Role: account.RoleMember, Password: "eldar@example.org"})
		wantField(t, err, "password", "account.password.is_email")

		users, err := e.svc.Users(ctx)
		if err != nil || len(users) != 1 {
			t.Errorf("Users() = %v, %v; want the one user", users, err)
		}
		if _, err := e.svc.UserByEmail(ctx, "nobody@example.org"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("unknown email: %v, want ErrNotFound", err)
		}
		if _, err := e.svc.User(ctx, 999); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("unknown id: %v, want ErrNotFound", err)
		}
	})
}

func TestFocalPointOrganisation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		body, ngo := organisations(t, db)
		fp := func(email string, org int64) (account.User, error) {
			return e.svc.CreateUser(ctx, account.NewUser{Email: email, Name: "Official", Role: account.RoleFocalPoint, OrganisationID: org, Password: password})
		}
		u, err := fp("official@justice.gov.az", body)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := e.svc.User(ctx, u.ID); got.OrganisationID != body || got.Role != account.RoleFocalPoint {
			t.Errorf("stored %+v", got)
		}
		_, err = fp("a@example.org", ngo)
		wantField(t, err, "organisation", "account.organisation.not_state_body")
		_, err = fp("b@example.org", 9999)
		wantField(t, err, "organisation", "account.organisation.unknown")
		_, err = fp("c@example.org", 0)
		wantField(t, err, "organisation", "account.organisation.required")

		// Promoted to coordinator, the official no longer answers for a body.
		wantField(t, e.svc.SetRole(ctx, u.ID, account.RoleCoordinator, body), "organisation", "account.organisation.unexpected")
		if err := e.svc.SetRole(ctx, u.ID, account.RoleCoordinator, 0); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.svc.User(ctx, u.ID); got.OrganisationID != 0 || got.Role != account.RoleCoordinator {
			t.Errorf("after SetRole: %+v", got)
		}
		wantField(t, e.svc.SetRole(ctx, u.ID, account.RoleFocalPoint, ngo), "organisation", "account.organisation.not_state_body")
	})
}

func TestRoles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		// Without any admin yet (before the setup link is used), users can
		// still be managed.
		m := e.user(t, "monitor@example.org", account.RoleMonitor)
		if err := e.svc.SetRole(ctx, m.ID, account.RoleMember, 0); err != nil {
			t.Fatalf("set role with no admin: %v", err)
		}
		admin := e.user(t, "admin@example.org", account.RoleAdmin)
		token := e.login(t, "monitor@example.org")

		e.clock.advance(time.Hour)
		if err := e.svc.SetRole(ctx, m.ID, account.RoleCoordinator, 0); err != nil {
			t.Fatal(err)
		}
		// The open session sees the new role at its next request.
		if _, u, err := e.svc.Authenticate(ctx, token); err != nil || u.Role != account.RoleCoordinator {
			t.Errorf("after SetRole the session's user is %+v, %v", u, err)
		}
		if got, _ := e.svc.User(ctx, m.ID); !got.UpdatedAt.Equal(e.clock.t) {
			t.Errorf("updated_at = %v, want %v", got.UpdatedAt, e.clock.t)
		}
		wantField(t, e.svc.SetRole(ctx, m.ID, "superuser", 0), "role", "account.role.invalid")
		if err := e.svc.SetRole(ctx, 999, account.RoleMember, 0); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("SetRole of an unknown user: %v, want ErrNotFound", err)
		}

		// The last admin can be neither demoted nor disabled.
		if err := e.svc.SetRole(ctx, admin.ID, account.RoleMember, 0); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("demoting the last admin: %v, want ErrLastAdmin", err)
		}
		if err := e.svc.Disable(ctx, admin.ID); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("disabling the last admin: %v, want ErrLastAdmin", err)
		}
		if got, _ := e.svc.User(ctx, admin.ID); got.Role != account.RoleAdmin || got.Disabled {
			t.Errorf("refused change was written: %+v", got)
		}
		// With a second admin, either may go.
		if err := e.svc.SetRole(ctx, m.ID, account.RoleAdmin, 0); err != nil {
			t.Fatal(err)
		}
		if err := e.svc.SetRole(ctx, admin.ID, account.RoleMember, 0); err != nil {
			t.Errorf("demoting one of two admins: %v", err)
		}
	})
}

func TestDisable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.user(t, "ana@example.org", account.RoleMonitor)
		token := e.login(t, "ana@example.org")
		if err := e.svc.Disable(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Authenticate(ctx, token); !errors.Is(err, account.ErrNoSession) {
			t.Errorf("session of a disabled user: %v, want ErrNoSession", err)
		}
		if got, _ := e.svc.User(ctx, u.ID); !got.Disabled {
			t.Error("user not disabled")
		}
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, account.Client{}); err != account.ErrInvalidCredentials {
			t.Errorf("login of a disabled user: %v", err)
		}
		if err := e.svc.Enable(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		e.login(t, "ana@example.org")
	})
}

func TestLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		ana := e.user(t, "ana@example.org", account.RoleMonitor)
		off := e.user(t, "off@example.org", account.RoleMember)
		if err := e.svc.Disable(ctx, off.ID); err != nil {
			t.Fatal(err)
		}

		token, u, err := e.svc.Login(ctx, " Ana@Example.org", password, account.Client{Addr: "192.0.2.1:5555", UserAgent: "Firefox"})
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != ana.ID || len(token) != 43 {
			t.Errorf("Login = %q, %+v", token, u)
		}
		sess, u, err := e.svc.Authenticate(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != ana.ID || sess.UserID != ana.ID || sess.RemoteAddr != "192.0.2.1:5555" || sess.UserAgent != "Firefox" ||
			!sess.CreatedAt.Equal(e.clock.t) || !sess.ExpiresAt.Equal(e.clock.t.Add(30*24*time.Hour)) {
			t.Errorf("session %+v of %+v", sess, u)
		}
		if sess.TokenHash == token || len(sess.TokenHash) != 64 {
			t.Errorf("stored token hash %q", sess.TokenHash)
		}

		// Unknown email, wrong password and disabled account: one error
		// value, and one hash each, so neither answer nor time tells them
		// apart.
		for _, tt := range []struct{ name, email, password string }{
			{"wrong password", "ana@example.org", "wrong password!"},
			{"unknown email", "nobody@example.org", password},
			{"disabled", "off@example.org", password},
			{"not an email", "ana", password},
			{"hostile bytes", "ana\x00@example.org\xff", password},
			{"empty", "", ""},
		} {
			before := e.hashes.Load()
			_, _, err := e.svc.Login(ctx, tt.email, tt.password, account.Client{Addr: fmt.Sprintf("198.51.100.%d", len(tt.name))})
			if err != account.ErrInvalidCredentials {
				t.Errorf("%s: %v, want ErrInvalidCredentials itself", tt.name, err)
			}
			if n := e.hashes.Load() - before; n != 1 {
				t.Errorf("%s: %d hashes, want 1", tt.name, n)
			}
		}

		if err := e.svc.Logout(ctx, token); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Authenticate(ctx, token); !errors.Is(err, account.ErrNoSession) {
			t.Errorf("after logout: %v, want ErrNoSession", err)
		}
		for _, bad := range []string{"", "garbage", token + "x"} {
			if _, _, err := e.svc.Authenticate(ctx, bad); !errors.Is(err, account.ErrNoSession) {
				t.Errorf("Authenticate(%q): %v, want ErrNoSession", bad, err)
			}
			if err := e.svc.Logout(ctx, bad); err != nil {
				t.Errorf("Logout(%q): %v", bad, err)
			}
		}
	})
}

func TestLoginRehashes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.user(t, "ana@example.org", account.RoleMonitor)
		other := e.login(t, "ana@example.org")

		stronger := cheap
		stronger.Time = 2
		h, _ := account.NewHasher(stronger, 1)
		svc, err := account.NewService(db, h, e.clock.now, account.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Login(ctx, "ana@example.org", password, account.Client{}); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.User(ctx, u.ID)
		if h.NeedsRehash(got.PasswordHash) {
			t.Errorf("hash %q not upgraded at login", got.PasswordHash)
		}
		// Same password, so nobody is signed out.
		if _, _, err := svc.Authenticate(ctx, other); err != nil {
			t.Errorf("rehash ended a session: %v", err)
		}
		if _, _, err := svc.Login(ctx, "ana@example.org", password, account.Client{}); err != nil {
			t.Errorf("login after rehash: %v", err)
		}
	})
}

// wantThrottled checks that err is a *ThrottledError with the given RetryAt.
func wantThrottled(t *testing.T, err error, retryAt time.Time) {
	t.Helper()
	var te *account.ThrottledError
	if !errors.As(err, &te) || !errors.Is(err, account.ErrThrottled) {
		t.Fatalf("got %v, want a *ThrottledError", err)
	}
	if !te.RetryAt.Equal(retryAt) {
		t.Errorf("RetryAt = %v, want %v", te.RetryAt, retryAt)
	}
}

func TestThrottleByAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		e.user(t, "ana@example.org", account.RoleMonitor)
		start := e.clock.t
		// Five wrong guesses a minute apart, each from another address.
		for i := range 5 {
			_, _, err := e.svc.Login(ctx, "ana@example.org", "wrong password!", account.Client{Addr: fmt.Sprintf("203.0.113.%d", i)})
			if err != account.ErrInvalidCredentials {
				t.Fatalf("guess %d: %v", i, err)
			}
			e.clock.advance(time.Minute)
		}
		// Now even the right password is refused, without a hash, until the
		// first guess is 15 minutes old.
		before := e.hashes.Load()
		_, _, err := e.svc.Login(ctx, "ANA@example.org", password, account.Client{Addr: "192.0.2.99"})
		wantThrottled(t, err, start.Add(15*time.Minute))
		if n := e.hashes.Load() - before; n != 0 {
			t.Errorf("a throttled login computed %d hashes", n)
		}
		var te *account.ThrottledError
		errors.As(err, &te)
		if got := te.Minutes(e.clock.t); got != 10 {
			t.Errorf("Minutes() = %d, want 10", got)
		}
		if account.ErrorKey(err) != "account.login.throttled" {
			t.Errorf("ErrorKey = %q", account.ErrorKey(err))
		}
		e.clock.t = start.Add(15*time.Minute - time.Millisecond)
		_, _, err = e.svc.Login(ctx, "ana@example.org", password, account.Client{Addr: "192.0.2.99"})
		wantThrottled(t, err, start.Add(15*time.Minute))

		// The window slides: at 15 minutes one guess has left it.
		e.clock.t = start.Add(15 * time.Minute)
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, account.Client{Addr: "192.0.2.99"}); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		// Success cleared the account's failures: four more guesses and a
		// fifth attempt are not throttled.
		for i := range 4 {
			if _, _, err := e.svc.Login(ctx, "ana@example.org", "wrong password!", account.Client{Addr: "192.0.2.99"}); err != account.ErrInvalidCredentials {
				t.Fatalf("guess %d after success: %v", i, err)
			}
		}
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, account.Client{Addr: "192.0.2.99"}); err != nil {
			t.Errorf("fifth attempt after success: %v", err)
		}

		// Unknown emails are throttled alike, so throttling tells nobody
		// which emails have accounts.
		for range 5 {
			e.svc.Login(ctx, "nobody@example.org", "guess guess guess", account.Client{Addr: "192.0.2.50"})
		}
		_, _, err = e.svc.Login(ctx, "nobody@example.org", "guess guess guess", account.Client{Addr: "192.0.2.51"})
		wantThrottled(t, err, e.clock.t.Add(15*time.Minute))
	})
}

func TestThrottleByAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		e.user(t, "ana@example.org", account.RoleMonitor)
		start := e.clock.t
		// One /64 guessing a different email each time, from different hosts.
		for i := range 19 {
			_, _, err := e.svc.Login(ctx, fmt.Sprintf("user%d@example.org", i), "guess guess guess",
				account.Client{Addr: fmt.Sprintf("[2001:db8:5:6::%x]:443", i+1)})
			if err != account.ErrInvalidCredentials {
				t.Fatalf("guess %d: %v", i, err)
			}
			e.clock.advance(10 * time.Second)
		}
		// A success from the address does not clear the address's count.
		from := account.Client{Addr: "2001:db8:5:6:ffff::1"}
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, from); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Login(ctx, "user99@example.org", "guess guess guess", from); err != account.ErrInvalidCredentials {
			t.Fatal(err)
		}
		_, _, err := e.svc.Login(ctx, "ana@example.org", password, from)
		wantThrottled(t, err, start.Add(15*time.Minute))

		// Another address is not throttled.
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, account.Client{Addr: "2001:db8:5:7::1"}); err != nil {
			t.Errorf("another /64: %v", err)
		}
		e.clock.t = start.Add(15 * time.Minute)
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, from); err != nil {
			t.Errorf("after the window: %v", err)
		}
	})
}

func TestSessionIdleTimeout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		e.user(t, "ana@example.org", account.RoleMonitor)
		token := e.login(t, "ana@example.org")
		loggedIn := e.clock.t

		// Within a minute the last-seen time is left alone.
		e.clock.advance(59 * time.Second)
		sess, _, err := e.svc.Authenticate(ctx, token)
		if err != nil || !sess.LastSeenAt.Equal(loggedIn) {
			t.Fatalf("Authenticate = %+v, %v; want last seen at login", sess, err)
		}
		e.clock.advance(time.Second)
		if sess, _, err = e.svc.Authenticate(ctx, token); err != nil || !sess.LastSeenAt.Equal(e.clock.t) {
			t.Fatalf("Authenticate = %+v, %v; want last seen now", sess, err)
		}
		// Each use keeps it alive for two more hours.
		for range 3 {
			e.clock.advance(2*time.Hour - time.Millisecond)
			if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
				t.Fatalf("used within the idle timeout: %v", err)
			}
		}
		e.clock.advance(2 * time.Hour)
		if _, _, err := e.svc.Authenticate(ctx, token); !errors.Is(err, account.ErrSessionExpired) {
			t.Errorf("idle for 2 h: %v, want ErrSessionExpired", err)
		}
		// The expired session is gone, not merely refused.
		if _, _, err := e.svc.Authenticate(ctx, token); !errors.Is(err, account.ErrNoSession) {
			t.Errorf("expired session used again: %v, want ErrNoSession", err)
		}
	})
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		e.user(t, "ana@example.org", account.RoleMonitor)
		token := e.login(t, "ana@example.org")
		end := e.clock.t.Add(30 * 24 * time.Hour)
		// Used every hour and three quarters, never idle: still ends after
		// 30 days.
		for e.clock.t.Add(105 * time.Minute).Before(end) {
			e.clock.advance(105 * time.Minute)
			if _, _, err := e.svc.Authenticate(ctx, token); err != nil {
				t.Fatalf("at %v: %v", e.clock.t, err)
			}
		}
		e.clock.t = end
		if _, _, err := e.svc.Authenticate(ctx, token); !errors.Is(err, account.ErrSessionExpired) {
			t.Errorf("after 30 days: %v, want ErrSessionExpired", err)
		}
	})
}

func TestPasswordChangeLogsOutOthers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		u := e.user(t, "ana@example.org", account.RoleMonitor)
		bob := e.user(t, "bob@example.org", account.RoleMonitor)
		here, phone, laptop := e.login(t, "ana@example.org"), e.login(t, "ana@example.org"), e.login(t, "ana@example.org")
		bobs := e.login(t, "bob@example.org")

		wantField(t, e.svc.ChangePassword(ctx, here, "wrong password!", "a new password here"), "current_password", "account.password.wrong")
		wantField(t, e.svc.ChangePassword(ctx, here, password, "short"), "password", "account.password.too_short")
		if err := e.svc.ChangePassword(ctx, here, password, "a new password here"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Authenticate(ctx, here); err != nil {
			t.Errorf("the session that changed the password: %v", err)
		}
		for _, tok := range []string{phone, laptop} {
			if _, _, err := e.svc.Authenticate(ctx, tok); !errors.Is(err, account.ErrNoSession) {
				t.Errorf("another session after the change: %v, want ErrNoSession", err)
			}
		}
		if _, _, err := e.svc.Authenticate(ctx, bobs); err != nil {
			t.Errorf("another user's session: %v", err)
		}
		if _, _, err := e.svc.Login(ctx, "ana@example.org", password, account.Client{}); err != account.ErrInvalidCredentials {
			t.Errorf("old password: %v", err)
		}
		if _, _, err := e.svc.Login(ctx, "ana@example.org", "a new password here", account.Client{}); err != nil {
			t.Errorf("new password: %v", err)
		}

		// An admin's reset keeps no session.
		if err := e.svc.SetPassword(ctx, u.ID, "reset by the admin", ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.svc.Authenticate(ctx, here); !errors.Is(err, account.ErrNoSession) {
			t.Errorf("after a reset: %v, want ErrNoSession", err)
		}
		wantField(t, e.svc.SetPassword(ctx, u.ID, "ana@example.org", ""), "password", "account.password.is_email")
		if err := e.svc.SetPassword(ctx, 999, "reset by the admin", ""); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("SetPassword of an unknown user: %v", err)
		}

		// Logout everywhere.
		a, b := e.login(t, "bob@example.org"), e.login(t, "bob@example.org")
		if err := e.svc.LogoutEverywhere(ctx, bob.ID); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{a, b, bobs} {
			if _, _, err := e.svc.Authenticate(ctx, tok); !errors.Is(err, account.ErrNoSession) {
				t.Errorf("after logout everywhere: %v", err)
			}
		}
	})
}

func TestSetup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		// A coordinator added from the command line is no admin.
		e.user(t, "coordinator@example.org", account.RoleCoordinator)

		token, expires, err := e.svc.SetupToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !expires.Equal(e.clock.t.Add(24 * time.Hour)) {
			t.Errorf("expires %v, want in 24 h", expires)
		}
		if err := e.svc.CheckSetup(ctx, token); err != nil {
			t.Fatalf("CheckSetup: %v", err)
		}
		if err := e.svc.CheckSetup(ctx, "not a token"); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("CheckSetup(garbage): %v", err)
		}
		// Invalid input leaves the link usable.
		_, err = e.svc.RedeemSetup(ctx, token, "coordinator@example.org", "Admin", password)
		wantField(t, err, "email", "account.email.taken")
		_, err = e.svc.RedeemSetup(ctx, token, "admin@example.org", "Admin", "short")
		wantField(t, err, "password", "account.password.too_short")

		e.clock.advance(24*time.Hour - time.Millisecond)
		admin, err := e.svc.RedeemSetup(ctx, token, " Admin@Example.org", "First Admin", password)
		if err != nil {
			t.Fatalf("RedeemSetup: %v", err)
		}
		if admin.Role != account.RoleAdmin || admin.Email != "admin@example.org" {
			t.Errorf("created %+v", admin)
		}
		e.login(t, "admin@example.org")

		// Once an admin exists, no link works and none is made.
		if _, err := e.svc.RedeemSetup(ctx, token, "second@example.org", "Second", password); !errors.Is(err, account.ErrAdminExists) {
			t.Errorf("second use: %v, want ErrAdminExists", err)
		}
		if _, _, err := e.svc.SetupToken(ctx); !errors.Is(err, account.ErrAdminExists) {
			t.Errorf("SetupToken with an admin: %v, want ErrAdminExists", err)
		}
		if _, err := e.svc.UserByEmail(ctx, "second@example.org"); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("a second admin was created: %v", err)
		}
	})
}

func TestSetupExpires(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		token, _, err := e.svc.SetupToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e.clock.advance(24 * time.Hour)
		if err := e.svc.CheckSetup(ctx, token); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("CheckSetup after 24 h: %v, want ErrSetupInvalid", err)
		}
		if _, err := e.svc.RedeemSetup(ctx, token, "admin@example.org", "Admin", password); !errors.Is(err, account.ErrSetupInvalid) {
			t.Errorf("RedeemSetup after 24 h: %v, want ErrSetupInvalid", err)
		}
		// A fresh link works.
		token, _, err = e.svc.SetupToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.RedeemSetup(ctx, token, "admin@example.org", "Admin", password); err != nil {
			t.Errorf("fresh link: %v", err)
		}
	})
}

func TestPrune(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db)
		e.user(t, "ana@example.org", account.RoleMonitor)
		old := hashOf(t, e, e.login(t, "ana@example.org"))
		e.svc.Login(ctx, "ana@example.org", "wrong password!", account.Client{Addr: "192.0.2.7"})
		e.clock.advance(3 * time.Hour)
		fresh := e.login(t, "ana@example.org")
		if err := e.svc.Prune(ctx); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionByTokenHash(ctx, old); !errors.Is(err, account.ErrNotFound) {
			t.Errorf("idle session not pruned: %v", err)
		}
		if _, _, err := e.svc.Authenticate(ctx, fresh); err != nil {
			t.Errorf("fresh session pruned: %v", err)
		}
		left, err := db.PruneLoginFailures(ctx, e.clock.t)
		if err != nil || left != 0 {
			t.Errorf("failures left after Prune: %d, %v", left, err)
		}
	})
}

// hashOf returns the stored hash of a live session's token.
func hashOf(t *testing.T, e *env, token string) string {
	t.Helper()
	sess, _, err := e.svc.Authenticate(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	return sess.TokenHash
}

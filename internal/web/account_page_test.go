package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ogpp/internal/account"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestAccountPageChangesThePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newUsersServer(t, db, "")
		addUser(t, svc, "leyla@example.org", "Leyla Məmmədova", account.RoleMonitor)

		// The anonymous are sent to sign in first.
		if rec := send(s, http.MethodGet, "/account", nil, nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Faccount" {
			t.Fatalf("anonymous GET /account: %d %q", rec.Code, rec.Header().Get("Location"))
		}

		here := login(t, s, "leyla@example.org")
		elsewhere := login(t, s, "leyla@example.org")
		body := expect(t, s, here, http.MethodGet, "/account", nil, http.StatusOK)
		for _, want := range []string{"<h1>Your account</h1>", "Leyla Məmmədova", "leyla@example.org", "Monitor",
			`action="/account/password"`, `autocomplete="current-password"`, `action="/account/signout-everywhere"`, `aria-current="page">Leyla Məmmədova</a>`} {
			if !strings.Contains(body, want) {
				t.Fatalf("account page lacks %q\n%.4000s", want, body)
			}
		}

		// Problems are listed and shown beside their fields; no password
		// is ever sent back.
		body = expect(t, s, here, http.MethodPost, "/account/password", url.Values{}, http.StatusUnprocessableEntity)
		for _, want := range []string{`href="#current_password"`, "Enter your current password.", `href="#password"`, "Enter a new password."} {
			if !strings.Contains(body, want) {
				t.Errorf("empty form lacks %q\n%.4000s", want, body)
			}
		}
		body = expect(t, s, here, http.MethodPost, "/account/password", url.Values{"current_password": {"not my password"}, "password": {"short"}}, http.StatusUnprocessableEntity)
		for _, want := range []string{"The current password is not right.", "The password must be at least 12 characters long."} {
			if !strings.Contains(body, want) {
				t.Errorf("wrong password form lacks %q\n%.4000s", want, body)
			}
		}
		if strings.Contains(body, "not my password") {
			t.Error("a refused form sent a password back")
		}

		// The change keeps this session and ends the other.
		rec := send(s, http.MethodPost, "/account/password", url.Values{"current_password": {testPassword}, "password": {"a new and longer password"}}, []*http.Cookie{here})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/account?done=password_changed" {
			t.Fatalf("change password: %d %q\n%.3000s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		body = expect(t, s, here, http.MethodGet, "/account?done=password_changed", nil, http.StatusOK)
		if !strings.Contains(body, "Your password was changed.") {
			t.Errorf("no confirmation after the change\n%.3000s", body)
		}
		if rec := send(s, http.MethodGet, "/account", nil, []*http.Cookie{elsewhere}); rec.Code != http.StatusSeeOther {
			t.Errorf("the other session survived the password change: %d", rec.Code)
		}
		if rec := send(s, http.MethodPost, "/login", url.Values{"email": {"leyla@example.org"}, "password": {"a new and longer password"}}, nil); sessionOf(rec) == nil {
			t.Errorf("the new password does not sign in: %d", rec.Code)
		}
	})
}

func TestSignOutEverywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, svc := newUsersServer(t, db, "")
		orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "Cabinet"})
		if err != nil || len(orgs.Items) != 1 {
			t.Fatalf("organisations: %+v, %v", orgs, err)
		}
		if _, err := svc.CreateUser(ctx, account.NewUser{Email: "official@example.org", Name: "Elçin Həsənov", Role: account.RoleFocalPoint,
			OrganisationID: orgs.Items[0].ID, Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		phone := login(t, s, "official@example.org")
		laptop := login(t, s, "official@example.org")

		// A focal point sees the body it answers for.
		body := expect(t, s, laptop, http.MethodGet, "/account", nil, http.StatusOK)
		if !strings.Contains(body, "Government focal point") || !strings.Contains(body, "Cabinet of Ministers") {
			t.Errorf("focal point's account page\n%.4000s", body)
		}

		// Another site cannot sign anyone out.
		if rec := send(s, http.MethodPost, "/account/signout-everywhere", url.Values{}, []*http.Cookie{laptop}, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site sign-out everywhere: %d, want 403", rec.Code)
		}
		rec := send(s, http.MethodPost, "/account/signout-everywhere", url.Values{}, []*http.Cookie{laptop})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?done=signed_out_everywhere" {
			t.Fatalf("sign out everywhere: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		if c := sessionOf(rec); c == nil || c.MaxAge >= 0 {
			t.Errorf("the session cookie was not cleared: %+v", c)
		}
		for name, c := range map[string]*http.Cookie{"phone": phone, "laptop": laptop} {
			if rec := send(s, http.MethodGet, "/account", nil, []*http.Cookie{c}); rec.Code != http.StatusSeeOther {
				t.Errorf("the %s session survived: %d", name, rec.Code)
			}
		}
		body = expect(t, s, nil, http.MethodGet, "/login?done=signed_out_everywhere", nil, http.StatusOK)
		if !strings.Contains(body, "You were signed out everywhere.") {
			t.Errorf("the sign-in page does not confirm it\n%.3000s", body)
		}
	})
}

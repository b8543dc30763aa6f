package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"ogpp/internal/account"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// cheap keeps password hashing fast in tests.
var cheap = account.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

const testPassword = "correct horse battery"

// newAccountServer serves db with accounts, and returns the account
// service beside it.
func newAccountServer(t *testing.T, db *store.DB) (*Server, *account.Service) {
	t.Helper()
	h, err := account.NewHasher(cheap, 0)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := account.NewService(db, h, nil, account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", Accounts: svc,
		Editor: db, Audit: db})
	if err != nil {
		t.Fatal(err)
	}
	return s, svc
}

func addUser(t *testing.T, svc *account.Service, email, name string, role account.Role) account.User {
	t.Helper()
	u, err := svc.CreateUser(context.Background(), account.NewUser{Email: email, Name: name, Role: role, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// send performs a request with optional form values, cookies and headers
// (as name, value pairs) and returns the recorder.
func send(h http.Handler, method, target string, form url.Values, cookies []*http.Cookie, header ...string) *httptest.ResponseRecorder {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sessionOf returns the session cookie an answer sets, or nil.
func sessionOf(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

// login signs in and returns the session cookie.
func login(t *testing.T, h http.Handler, email string) *http.Cookie {
	t.Helper()
	rec := send(h, http.MethodPost, "/login", url.Values{"email": {email}, "password": {testPassword}}, nil)
	c := sessionOf(rec)
	if rec.Code != http.StatusSeeOther || c == nil || c.Value == "" {
		t.Fatalf("login %s: status %d, cookie %v\n%.500s", email, rec.Code, c, rec.Body.String())
	}
	return c
}

func TestLoginSignsInAndOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newAccountServer(t, db)
		_, svc := s, s.accounts
		addUser(t, svc, "leyla@example.org", "Leyla Məmmədova", account.RoleCoordinator)

		// Anonymous: a sign-in link, no name.
		rec := send(s, http.MethodGet, "/", nil, nil)
		if body := rec.Body.String(); !strings.Contains(body, `href="/login"`) || strings.Contains(body, "Leyla") {
			t.Fatalf("anonymous home: no sign-in link or a name\n%.2000s", body)
		}

		rec = send(s, http.MethodPost, "/login", url.Values{"email": {" Leyla@Example.org "}, "password": {testPassword}, "next": {"/organisations?page=2"}}, nil)
		c := sessionOf(rec)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/organisations?page=2" || c == nil {
			t.Fatalf("login: status %d, location %q, cookie %v", rec.Code, rec.Header().Get("Location"), c)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
			t.Errorf("session cookie over plain HTTP: %+v", c)
		}

		// The next request is Leyla's.
		rec = send(s, http.MethodGet, "/", nil, []*http.Cookie{c})
		body := rec.Body.String()
		if !strings.Contains(body, "Leyla Məmmədova") || !strings.Contains(body, `action="/logout"`) {
			t.Fatalf("signed-in home lacks the name or the logout form\n%.3000s", body)
		}
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("signed-in page Cache-Control %q, want no-store", cc)
		}

		// Logout needs a POST: a GET changes nothing.
		if rec := send(s, http.MethodGet, "/logout", nil, []*http.Cookie{c}); rec.Code == http.StatusSeeOther {
			t.Errorf("GET /logout: %d", rec.Code)
		}
		if !strings.Contains(send(s, http.MethodGet, "/", nil, []*http.Cookie{c}).Body.String(), "Leyla") {
			t.Fatal("GET /logout ended the session")
		}

		// A cross-origin POST with the cookie is refused, and the session lives on.
		rec = send(s, http.MethodPost, "/logout", url.Values{}, []*http.Cookie{c}, "Sec-Fetch-Site", "cross-site")
		if rec.Code != http.StatusForbidden {
			t.Errorf("cross-site POST /logout: %d, want 403", rec.Code)
		}
		rec = send(s, http.MethodPost, "/logout", url.Values{}, []*http.Cookie{c}, "Origin", "https://evil.example")
		if rec.Code != http.StatusForbidden {
			t.Errorf("POST /logout from another origin: %d, want 403", rec.Code)
		}
		if !strings.Contains(send(s, http.MethodGet, "/", nil, []*http.Cookie{c}).Body.String(), "Leyla") {
			t.Fatal("a cross-site POST /logout ended the session")
		}

		// A same-origin POST signs out and clears the cookie.
		rec = send(s, http.MethodPost, "/logout", url.Values{}, []*http.Cookie{c}, "Sec-Fetch-Site", "same-origin")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
			t.Fatalf("POST /logout: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		if cleared := sessionOf(rec); cleared == nil || cleared.MaxAge >= 0 {
			t.Errorf("POST /logout did not clear the cookie: %v", cleared)
		}
		// The old cookie names no session any more: anonymous, and cleared.
		rec = send(s, http.MethodGet, "/", nil, []*http.Cookie{c})
		if strings.Contains(rec.Body.String(), "Leyla") {
			t.Fatal("the session outlived logout")
		}
		if cleared := sessionOf(rec); cleared == nil || cleared.MaxAge >= 0 {
			t.Errorf("a dead session's cookie was not cleared: %v", cleared)
		}
		// An anonymous POST /logout is refused.
		if rec := send(s, http.MethodPost, "/logout", url.Values{}, nil); rec.Code != http.StatusForbidden {
			t.Errorf("anonymous POST /logout: %d, want 403", rec.Code)
		}
	})
}

func TestLoginEndsThePreviousSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		addUser(t, svc, "a@example.org", "Anar", account.RoleMember)
		first := login(t, s, "a@example.org")
		rec := send(s, http.MethodPost, "/login", url.Values{"email": {"a@example.org"}, "password": {testPassword}}, []*http.Cookie{first})
		second := sessionOf(rec)
		if second == nil || second.Value == first.Value {
			t.Fatalf("second login kept the first token: %v", second)
		}
		if _, _, err := svc.Authenticate(context.Background(), first.Value); err == nil {
			t.Error("the session from before the login still works")
		}
		if _, _, err := svc.Authenticate(context.Background(), second.Value); err != nil {
			t.Errorf("the new session: %v", err)
		}
	})
}

func TestLoginFailuresLookAlike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		addUser(t, svc, "leyla@example.org", "Leyla", account.RoleMember)
		disabled := addUser(t, svc, "off@example.org", "Off", account.RoleMember)
		if err := svc.Disable(context.Background(), disabled.ID); err != nil {
			t.Fatal(err)
		}
		want := "E-poçt ünvanı və ya parol düzgün deyil."
		var bodies []string
		for _, f := range []url.Values{
			{"email": {"leyla@example.org"}, "password": {"wrong password!"}},
			{"email": {"nobody@example.org"}, "password": {"wrong password!"}},
			{"email": {"off@example.org"}, "password": {testPassword}},
		} {
			f.Set("next", "/plans/1")
			rec := send(s, http.MethodPost, "/login", f, nil, "Accept-Language", "az")
			body := rec.Body.String()
			if rec.Code != http.StatusUnprocessableEntity || sessionOf(rec) != nil {
				t.Fatalf("failed login %s: status %d, cookie %v", f.Get("email"), rec.Code, sessionOf(rec))
			}
			for _, part := range []string{want, `class="error-summary"`, `href="#email"`, `value="` + f.Get("email") + `"`,
				`name="next" value="/plans/1"`, "Problem var", `aria-invalid="true"`} {
				if !strings.Contains(body, part) {
					t.Errorf("failed login %s: page lacks %q", f.Get("email"), part)
				}
			}
			if strings.Contains(body, f.Get("password")) {
				t.Errorf("failed login %s: the password came back in the page", f.Get("email"))
			}
			// The pages differ only in the email typed back.
			bodies = append(bodies, strings.ReplaceAll(body, f.Get("email"), "EMAIL"))
		}
		if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
			t.Error("unknown email, wrong password and disabled account answer differently")
		}

		// Empty fields are named beside each field.
		rec := send(s, http.MethodPost, "/login?lang=en", url.Values{"email": {""}, "password": {""}}, nil)
		body := rec.Body.String()
		for _, part := range []string{"Enter an email address.", "Enter your password.", `href="#password"`, "<title>Error: Sign in"} {
			if !strings.Contains(body, part) {
				t.Errorf("empty login: page lacks %q", part)
			}
		}
	})
}

func TestLoginThrottleSaysHowLong(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		addUser(t, svc, "leyla@example.org", "Leyla", account.RoleMember)
		bad := url.Values{"email": {"leyla@example.org"}, "password": {"not the password"}}
		for i := range svc.Config().MaxFailuresPerAccount {
			if rec := send(s, http.MethodPost, "/login", bad, nil); rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: status %d", i+1, rec.Code)
			}
		}
		// Now even the right password waits.
		for lang, want := range map[string]string{"en": "Try again in 15 minutes.", "az": "15 dəqiqədən sonra", "ru": "через 15 мин."} {
			rec := send(s, http.MethodPost, "/login", url.Values{"email": {"leyla@example.org"}, "password": {testPassword}}, nil, "Accept-Language", lang)
			if rec.Code != http.StatusTooManyRequests || sessionOf(rec) != nil {
				t.Fatalf("throttled login (%s): status %d", lang, rec.Code)
			}
			if body := rec.Body.String(); !strings.Contains(body, want) || !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("throttled login (%s) lacks %q\n%.3000s", lang, want, body)
			}
		}
	})
}

func TestLoginNextStaysOnSite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		addUser(t, svc, "leyla@example.org", "Leyla", account.RoleMember)
		for next, want := range map[string]string{
			"":                               "/",
			"/plans/1?lang=en":               "/plans/1?lang=en",
			"//evil.example":                 "/",
			"//evil.example/path":            "/",
			"https://evil.example":           "/",
			"http://evil.example/":           "/",
			"/\\evil.example":                "/",
			"\\\\evil.example":               "/",
			"/\t/evil.example":               "/",
			"javascript:alert(1)":            "/",
			"evil.example":                   "/",
			"/login?next=//evil.example":     "/",
			" /plans":                        "/",
			"/%2F%2Fevil.example":            "/", // decodes to //evil.example: refused to be safe
			"https:/evil.example":            "/",
			"/setup/abc":                     "/",
			"/organisations?q=%C5%9F&page=2": "/organisations?q=%C5%9F&page=2",
		} {
			rec := send(s, http.MethodPost, "/login", url.Values{"email": {"leyla@example.org"}, "password": {testPassword}, "next": {next}}, nil)
			if got := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || got != want {
				t.Errorf("next=%q: status %d, location %q, want %q", next, rec.Code, got, want)
			}
			// The form keeps only a safe next, too.
			page := send(s, http.MethodGet, "/login?next="+url.QueryEscape(next), nil, nil).Body.String()
			if !strings.Contains(page, `name="next" value="`+strings.ReplaceAll(want, "&", "&amp;")+`"`) {
				t.Errorf("GET /login?next=%q does not keep %q in the form", next, want)
			}
		}
	})
}

func TestSetupLinkCreatesTheFirstAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		ctx := context.Background()
		token, _, err := svc.SetupToken(ctx)
		if err != nil {
			t.Fatal(err)
		}
		link := "/setup/" + token

		rec := send(s, http.MethodGet, link+"?lang=en", nil, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Create the first administrator") {
			t.Fatalf("GET setup: %d\n%.1000s", rec.Code, rec.Body.String())
		}
		if rec.Header().Get("Referrer-Policy") != "no-referrer" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("setup page headers: %v", rec.Header())
		}
		if rec := send(s, http.MethodGet, "/setup/unknown-token", nil, nil); rec.Code != http.StatusGone {
			t.Errorf("unknown setup token: %d, want 410", rec.Code)
		}

		// Invalid input: a message beside each field and in the summary; the
		// link still works.
		rec = send(s, http.MethodPost, link, url.Values{"email": {"not-an-email"}, "name": {" "}, "password": {"short"}}, nil, "Accept-Language", "en")
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid setup: %d", rec.Code)
		}
		for _, part := range []string{"Enter an email address like name@example.org.", "Enter a name.", "at least 12 characters long",
			`href="#email"`, `href="#name"`, `href="#password"`, `id="name-error"`, `value="not-an-email"`} {
			if !strings.Contains(body, part) {
				t.Errorf("invalid setup: page lacks %q", part)
			}
		}
		if strings.Contains(body, `value="short"`) {
			t.Error("invalid setup: the password came back")
		}

		// A cross-site POST is refused.
		form := url.Values{"email": {"admin@example.org"}, "name": {"Rəşad Əliyev"}, "password": {testPassword}}
		if rec := send(s, http.MethodPost, link, form, nil, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site setup: %d, want 403", rec.Code)
		}

		rec = send(s, http.MethodPost, link, form, nil)
		c := sessionOf(rec)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" || c == nil {
			t.Fatalf("setup: status %d, location %q, cookie %v\n%.1000s", rec.Code, rec.Header().Get("Location"), c, rec.Body.String())
		}
		_, u, err := svc.Authenticate(ctx, c.Value)
		if err != nil || u.Role != account.RoleAdmin || u.Name != "Rəşad Əliyev" {
			t.Fatalf("after setup: %v, %+v", err, u)
		}
		if !strings.Contains(send(s, http.MethodGet, "/", nil, []*http.Cookie{c}).Body.String(), "Rəşad Əliyev") {
			t.Error("after setup the header does not name the new admin")
		}

		// The link is spent.
		form.Set("email", "other@example.org")
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			rec := send(s, method, link, form, nil, "Accept-Language", "en")
			if rec.Code != http.StatusGone || sessionOf(rec) != nil {
				t.Errorf("%s a used setup link: %d, want 410", method, rec.Code)
			}
		}
		if _, err := svc.UserByEmail(ctx, "other@example.org"); err == nil {
			t.Error("a used setup link created a second admin")
		}
	})
}

func TestAccountFormsRefuseBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := newAccountServer(t, db)
		long := strings.Repeat("ş", 40000)
		for _, target := range []string{"/login", "/setup/x", "/setup/" + strings.Repeat("a", 43)} {
			for _, body := range []string{"", "%zz", "email=" + long, "email=a%00b&password=x%00y&next=%00", "next=" + long} {
				req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code >= 500 || sessionOf(rec) != nil && sessionOf(rec).MaxAge >= 0 {
					t.Errorf("POST %s %.40q: %d", target, body, rec.Code)
				}
			}
		}
		// A forged cookie is anonymous and cleared, never an error.
		for _, v := range []string{"x", strings.Repeat("A", 43), "%00"} {
			rec := send(s, http.MethodGet, "/", nil, []*http.Cookie{{Name: sessionCookie, Value: v}})
			if rec.Code != http.StatusOK {
				t.Errorf("cookie %q: %d", v, rec.Code)
			}
		}
	})
}

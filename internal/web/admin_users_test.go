package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// usersClock is when the account pages' tests happen.
var usersClock = time.Date(2030, 5, 14, 10, 30, 0, 0, time.UTC)

// newUsersServer serves the fixture registry from db with accounts and the
// audit log, on a clock the test holds, and returns the account service.
func newUsersServer(t *testing.T, db *store.DB, baseURL string) (*Server, *account.Service) {
	t.Helper()
	if _, err := db.Import(context.Background(), fixture()); err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	h, err := account.NewHasher(cheap, 0)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return usersClock }
	svc, err := account.NewService(db, h, now, account.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test",
		Accounts: svc, Editor: db, Audit: db, Now: now, BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	return s, svc
}

// inEnglish sends a request as a reader of English, so that the tests can
// look for the words a user reads.
func inEnglish(h http.Handler, method, target string, form url.Values, c *http.Cookie) (int, string, http.Header) {
	var cookies []*http.Cookie
	if c != nil {
		cookies = []*http.Cookie{c}
	}
	rec := send(h, method, target, form, cookies, "Accept-Language", "en")
	return rec.Code, rec.Body.String(), rec.Header()
}

var inviteLink = regexp.MustCompile(`id="invite-url"[^>]*>(https?://[^<]+/invite/([A-Za-z0-9_-]{43}))</textarea>`)

// invite fills in the invitation form as an admin and returns the link
// the answer shows.
func invite(t *testing.T, s *Server, admin *http.Cookie, form url.Values) string {
	t.Helper()
	status, body, _ := inEnglish(s, http.MethodPost, "/admin/users/new", form, admin)
	m := inviteLink.FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		t.Fatalf("invite %v: status %d, no link\n%.3000s", form, status, body)
	}
	return m[1]
}

// userID returns the id of the account with the email.
func userID(t *testing.T, svc *account.Service, email string) string {
	t.Helper()
	u, err := svc.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

func TestAdminInvitesAMonitor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newUsersServer(t, db, "")
		addUser(t, svc, "aysel@example.org", "Aysel Quliyeva", account.RoleAdmin)
		admin := login(t, s, "aysel@example.org")

		// The list shows the admin and the way to invite.
		status, body, _ := inEnglish(s, http.MethodGet, "/admin/users", nil, admin)
		for _, want := range []string{"Aysel Quliyeva", "aysel@example.org", `<span class="tag">Administrator</span>`, "Active", `href="/admin/users/new"`, "1 user", `href="/admin/users"`} {
			if status != http.StatusOK || !strings.Contains(body, want) {
				t.Fatalf("users list: status %d, lacks %q\n%.4000s", status, want, body)
			}
		}

		// A form with problems comes back with what was typed and a
		// message per field, summarised on top.
		status, body, _ = inEnglish(s, http.MethodPost, "/admin/users/new",
			url.Values{"email": {"nigar at example"}, "name": {"Nigar Əliyeva"}, "role": {""}}, admin)
		for _, want := range []string{`class="error-summary"`, `href="#email"`, `href="#role"`, "Enter an email address like name@example.org.",
			"Choose a role from the list.", `value="nigar at example"`, `value="Nigar Əliyeva"`, "<title>Error: Invite a user"} {
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
				t.Fatalf("invalid invitation: status %d, lacks %q\n%.5000s", status, want, body)
			}
		}
		status, body, _ = inEnglish(s, http.MethodPost, "/admin/users/new",
			url.Values{"email": {"official@example.org"}, "name": {"Official"}, "role": {"focal_point"}}, admin)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose the state body this focal point answers for.") || !strings.Contains(body, `value="focal_point" aria-describedby="role-focal_point-hint" checked`) {
			t.Fatalf("focal point without a body: status %d\n%.5000s", status, body)
		}

		// A valid invitation shows the link once, out of caches.
		status, body, header := inEnglish(s, http.MethodPost, "/admin/users/new",
			url.Values{"email": {" Nigar@Example.org"}, "name": {"Nigar Əliyeva"}, "role": {"monitor"}, "organisation": {"123"}}, admin)
		m := inviteLink.FindStringSubmatch(body)
		if status != http.StatusOK || m == nil || !strings.HasPrefix(m[1], "http://example.com/invite/") {
			t.Fatalf("invitation: status %d, link %v\n%.4000s", status, m, body)
		}
		link, token := m[1], m[2]
		if !strings.Contains(body, "21 May 2030, 10:30 UTC") || !strings.Contains(body, "mailto:nigar@example.org?subject=") {
			t.Errorf("invitation page lacks the expiry or the mail link\n%.4000s", body)
		}
		if cc := header.Get("Cache-Control"); !strings.Contains(cc, "no-store") || header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("invitation page headers: Cache-Control %q, Referrer-Policy %q", cc, header.Get("Referrer-Policy"))
		}
		_, body, _ = inEnglish(s, http.MethodGet, "/admin/users", nil, admin)
		if !strings.Contains(body, "nigar@example.org") || !strings.Contains(body, "Invited") || !strings.Contains(body, "2 users") {
			t.Errorf("users list lacks the invitee\n%.4000s", body)
		}

		// The invitee opens the link, is refused a short password, then
		// chooses a good one and is signed in.
		path := strings.TrimPrefix(link, "http://example.com")
		status, body, _ = inEnglish(s, http.MethodGet, path, nil, nil)
		if status != http.StatusOK || !strings.Contains(body, "Welcome, Nigar Əliyeva.") || !strings.Contains(body, `value="nigar@example.org"`) {
			t.Fatalf("invitation link: status %d\n%.3000s", status, body)
		}
		status, body, _ = inEnglish(s, http.MethodPost, path, url.Values{"password": {"short"}}, nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "The password must be at least 12 characters long.") || !strings.Contains(body, `href="#password"`) {
			t.Fatalf("short password: status %d\n%.3000s", status, body)
		}
		rec := send(s, http.MethodPost, path, url.Values{"password": {testPassword}}, nil, "Accept-Language", "en")
		nigar := sessionOf(rec)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/account?done=welcome" || nigar == nil {
			t.Fatalf("accept: status %d, location %q, cookie %v", rec.Code, rec.Header().Get("Location"), nigar)
		}
		status, body, _ = inEnglish(s, http.MethodGet, "/account?done=welcome", nil, nigar)
		for _, want := range []string{"Nigar Əliyeva", "nigar@example.org", "Monitor", "Your password is set and you are signed in."} {
			if status != http.StatusOK || !strings.Contains(body, want) {
				t.Fatalf("account after accepting: status %d, lacks %q\n%.4000s", status, want, body)
			}
		}
		login(t, s, "nigar@example.org") // the password works on the sign-in form too

		// The link is spent: a clear refusal, whether opened or posted.
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			status, body, _ = inEnglish(s, method, path, url.Values{"password": {"another long password"}}, nil)
			if status != http.StatusGone || !strings.Contains(body, "This invitation link cannot be used") || !strings.Contains(body, "has already been used") {
				t.Errorf("%s a used link: status %d\n%.3000s", method, status, body)
			}
		}
		if _, err := svc.CheckInvitation(context.Background(), token); err == nil {
			t.Error("the used token still checks")
		}

		// The list now shows her active, with her sign-in.
		_, body, _ = inEnglish(s, http.MethodGet, "/admin/users?sort=signin", nil, admin)
		if !strings.Contains(body, "14 May 2030, 14:30") || strings.Contains(body, "Invited") {
			t.Errorf("users list after accepting\n%.4000s", body)
		}
	})
}

func TestAdminChangesRolesAndDisables(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, svc := newUsersServer(t, db, "")
		addUser(t, svc, "aysel@example.org", "Aysel Quliyeva", account.RoleAdmin)
		addUser(t, svc, "nigar@example.org", "Nigar Əliyeva", account.RoleMonitor)
		admin := login(t, s, "aysel@example.org")
		id := userID(t, svc, "nigar@example.org")
		adminID := userID(t, svc, "aysel@example.org")

		// The role form starts from the current role.
		status, body, _ := inEnglish(s, http.MethodGet, "/admin/users/"+id+"/edit", nil, admin)
		if status != http.StatusOK || !strings.Contains(body, `value="monitor" aria-describedby="role-monitor-hint" checked`) || !strings.Contains(body, "Ədliyyə Nazirliyi") {
			t.Fatalf("edit page: status %d\n%.5000s", status, body)
		}

		// A focal point must name a state body; the choice is kept.
		orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "Ədliyyə"})
		if err != nil || len(orgs.Items) != 1 {
			t.Fatalf("organisations: %+v, %v", orgs, err)
		}
		body = expect(t, s, admin, http.MethodPost, "/admin/users/"+id+"/edit", url.Values{"role": {"focal_point"}, "organisation": {"abc"}}, http.StatusUnprocessableEntity)
		if !strings.Contains(body, "There is no such organisation.") || !strings.Contains(body, `href="#organisation"`) {
			t.Errorf("bad organisation\n%.4000s", body)
		}
		oid := strconv.FormatInt(orgs.Items[0].ID, 10)
		rec := send(s, http.MethodPost, "/admin/users/"+id+"/edit", url.Values{"role": {"focal_point"}, "organisation": {oid}}, []*http.Cookie{admin}, "Accept-Language", "en")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/users?done=user_updated" {
			t.Fatalf("set focal point: %d %q\n%.3000s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		body = expect(t, s, admin, http.MethodGet, "/admin/users?done=user_updated", nil, http.StatusOK)
		if !strings.Contains(body, "The account was updated.") || !strings.Contains(body, "Government focal point") || !strings.Contains(body, "Ədliyyə Nazirliyi") {
			t.Errorf("list after the role change\n%.5000s", body)
		}

		// Coordinator: the list shows it, and the audit log names the admin.
		expect(t, s, admin, http.MethodPost, "/admin/users/"+id+"/edit", url.Values{"role": {"coordinator"}, "organisation": {oid}}, http.StatusSeeOther)
		body = expect(t, s, admin, http.MethodGet, "/admin/users", nil, http.StatusOK)
		if !regexp.MustCompile(`Nigar Əliyeva</td>\s*<td[^>]*>nigar@example.org</td>\s*<td[^>]*><span class="tag">Coordinator</span>`).MatchString(body) {
			t.Errorf("list does not show Nigar as a coordinator\n%.5000s", body)
		}
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityUser, EntityID: id, Limit: 1})
		if err != nil || len(entries) != 1 {
			t.Fatalf("audit: %v, %v", entries, err)
		}
		if e := entries[0]; e.Actor.Name != "aysel@example.org" || !strings.Contains(string(e.Before), `"role":"focal_point"`) || !strings.Contains(string(e.After), `"role":"coordinator"`) {
			t.Errorf("audit entry of the role change = %+v, before %s, after %s", e, e.Before, e.After)
		}

		// A coordinator may not manage users.
		nigar := login(t, s, "nigar@example.org")
		for _, target := range []string{"/admin/users", "/admin/users/new", "/admin/users/" + adminID + "/edit"} {
			if status, _, _ := inEnglish(s, http.MethodGet, target, nil, nigar); status != http.StatusForbidden {
				t.Errorf("coordinator GET %s: %d, want 403", target, status)
			}
		}
		if status, _, _ := inEnglish(s, http.MethodPost, "/admin/users/"+adminID+"/disable", url.Values{}, nigar); status != http.StatusForbidden {
			t.Errorf("coordinator disabling the admin: %d, want 403", status)
		}
		if _, body, _ := inEnglish(s, http.MethodGet, "/", nil, nigar); strings.Contains(body, `href="/admin/users"`) {
			t.Error("a coordinator's menu links to the users page")
		}

		// The last admin can be neither demoted nor disabled, and is told why.
		body = expect(t, s, admin, http.MethodPost, "/admin/users/"+adminID+"/edit", url.Values{"role": {"monitor"}}, http.StatusConflict)
		if !strings.Contains(body, "This is the last administrator") || !strings.Contains(body, `value="monitor" aria-describedby="role-monitor-hint" checked`) {
			t.Errorf("demoting the last admin\n%.4000s", body)
		}
		body = expect(t, s, admin, http.MethodGet, "/admin/users/"+adminID+"/disable", nil, http.StatusOK)
		if !strings.Contains(body, "This is your own account") {
			t.Errorf("disabling oneself: no warning\n%.3000s", body)
		}
		body = expect(t, s, admin, http.MethodPost, "/admin/users/"+adminID+"/disable", url.Values{}, http.StatusConflict)
		if !strings.Contains(body, "This is the last administrator") {
			t.Errorf("disabling the last admin\n%.3000s", body)
		}

		// Disabling asks first, then signs the user out everywhere.
		body = expect(t, s, admin, http.MethodGet, "/admin/users/"+id+"/disable", nil, http.StatusOK)
		if !strings.Contains(body, "Disable the account of Nigar Əliyeva?") || !strings.Contains(body, "signed out everywhere at once") || !strings.Contains(body, `action="/admin/users/`+id+`/disable"`) {
			t.Errorf("disable confirmation\n%.3000s", body)
		}
		if rec := send(s, http.MethodPost, "/admin/users/"+id+"/disable", url.Values{}, []*http.Cookie{admin}, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
			t.Errorf("cross-site disable: %d, want 403", rec.Code)
		}
		expect(t, s, admin, http.MethodPost, "/admin/users/"+id+"/disable", url.Values{}, http.StatusSeeOther)
		if rec := send(s, http.MethodGet, "/account", nil, []*http.Cookie{nigar}); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			t.Errorf("disabled user's session: %d %q, want a redirect to sign in", rec.Code, rec.Header().Get("Location"))
		}
		body = expect(t, s, admin, http.MethodGet, "/admin/users?sort=status", nil, http.StatusOK)
		if !strings.Contains(body, `tag-grey">Disabled`) {
			t.Errorf("list lacks the disabled state\n%.4000s", body)
		}
		body = expect(t, s, admin, http.MethodGet, "/admin/users/"+id+"/edit", nil, http.StatusOK)
		if !strings.Contains(body, `action="/admin/users/`+id+`/enable"`) {
			t.Errorf("edit page of a disabled account offers no enabling\n%.4000s", body)
		}
		if rec := send(s, http.MethodPost, "/admin/users/"+id+"/enable", url.Values{}, []*http.Cookie{admin}); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/users?done=user_enabled" {
			t.Errorf("enable: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		login(t, s, "nigar@example.org")

		for _, target := range []string{"/admin/users/999/edit", "/admin/users/abc/edit", "/admin/users/999/disable"} {
			expect(t, s, admin, http.MethodGet, target, nil, http.StatusNotFound)
		}
	})
}

func TestReinviteReplacesTheLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newUsersServer(t, db, "https://ogp.example.org")
		addUser(t, svc, "aysel@example.org", "Aysel Quliyeva", account.RoleAdmin)
		admin := login(t, s, "aysel@example.org")
		if !admin.Secure {
			t.Error("behind an https base URL the session cookie is not Secure")
		}
		first := invite(t, s, admin, url.Values{"email": {"rauf@example.org"}, "name": {"Rauf"}, "role": {"member"}})
		if !strings.HasPrefix(first, "https://ogp.example.org/invite/") {
			t.Errorf("link %q does not use the base URL", first)
		}
		id := userID(t, svc, "rauf@example.org")
		body := expect(t, s, admin, http.MethodGet, "/admin/users/"+id+"/edit", nil, http.StatusOK)
		if !strings.Contains(body, `action="/admin/users/`+id+`/invitation"`) {
			t.Fatalf("edit page of an invited account offers no new link\n%.4000s", body)
		}
		body = expect(t, s, admin, http.MethodPost, "/admin/users/"+id+"/invitation", url.Values{}, http.StatusOK)
		m := inviteLink.FindStringSubmatch(body)
		if m == nil || m[1] == first {
			t.Fatalf("new link: %v\n%.3000s", m, body)
		}
		if status, _, _ := inEnglish(s, http.MethodGet, strings.TrimPrefix(first, "https://ogp.example.org"), nil, nil); status != http.StatusGone {
			t.Errorf("the replaced link: %d, want 410", status)
		}
		rec := send(s, http.MethodPost, strings.TrimPrefix(m[1], "https://ogp.example.org"), url.Values{"password": {testPassword}}, nil)
		if c := sessionOf(rec); rec.Code != http.StatusSeeOther || c == nil || !c.Secure {
			t.Fatalf("accept the new link: %d, cookie %+v", rec.Code, c)
		}
		// With a password set there is no link to send.
		rec = send(s, http.MethodPost, "/admin/users/"+id+"/invitation", url.Values{}, []*http.Cookie{admin})
		if rec.Code != http.StatusSeeOther || !strings.HasSuffix(rec.Header().Get("Location"), "/edit") {
			t.Errorf("reinvite an active user: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		// The language cookie is Secure too.
		rec = send(s, http.MethodGet, "/?lang=en", nil, nil)
		for _, c := range rec.Result().Cookies() {
			if c.Name == langCookie && !c.Secure {
				t.Error("behind an https base URL the language cookie is not Secure")
			}
		}
	})
}

func TestAdminPagesSpeakEveryLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newUsersServer(t, db, "")
		addUser(t, svc, "aysel@example.org", "Aysel Quliyeva", account.RoleAdmin)
		admin := login(t, s, "aysel@example.org")
		link := invite(t, s, admin, url.Values{"email": {"rauf@example.org"}, "name": {"Rauf"}, "role": {"member"}})
		id := userID(t, svc, "rauf@example.org")
		rawKey := regexp.MustCompile(`\b(?:admin|invite|account\.page|done|count)\.[a-z_]+(?:\.[a-z_]+)*\b`)
		want := map[string]string{"az": "İstifadəçilər", "en": "Users", "ru": "Пользователи"}
		for _, lang := range []string{"az", "en", "ru"} {
			for _, target := range []string{"/admin/users", "/admin/users/new", "/admin/users/" + id + "/edit", "/admin/users/" + id + "/disable",
				"/account", strings.TrimPrefix(link, "http://example.com")} {
				rec := send(s, http.MethodGet, target, nil, []*http.Cookie{admin}, "Accept-Language", lang)
				body := rec.Body.String()
				if rec.Code != http.StatusOK {
					t.Errorf("%s %s: %d", lang, target, rec.Code)
				}
				if k := rawKey.FindString(body); k != "" {
					t.Errorf("%s %s shows the message key %q", lang, target, k)
				}
				if !strings.Contains(body, want[lang]) {
					t.Errorf("%s %s lacks %q", lang, target, want[lang])
				}
			}
		}
	})
}

func TestParseBaseURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://ogp.example.org":       "https://ogp.example.org/",
		" https://ogp.example.org/ ":    "https://ogp.example.org/",
		"http://localhost:8080/":        "http://localhost:8080/",
		"ftp://ogp.example.org/":        "",
		"ogp.example.org":               "",
		"https://ogp.example.org/ogp/":  "",
		"https://ogp.example.org/?x=1":  "",
		"https://user@ogp.example.org/": "",
		"https:///no-host":              "",
		"https://ogp.example.org/#frag": "",
	} {
		u, err := ParseBaseURL(raw)
		switch {
		case want == "" && err == nil:
			t.Errorf("ParseBaseURL(%q) = %v, want an error", raw, u)
		case want != "" && (err != nil || u.String() != want):
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
	if _, err := New(Options{BaseURL: "ogp.example.org"}); err == nil {
		t.Error("New accepted a base URL without a scheme")
	}
}

// expect sends a request as a reader of English with the cookie and
// checks the status, returning the body.
func expect(t *testing.T, h http.Handler, c *http.Cookie, method, target string, form url.Values, status int) string {
	t.Helper()
	got, body, header := inEnglish(h, method, target, form, c)
	if got != status {
		t.Fatalf("%s %s: status %d (location %q), want %d\n%.3000s", method, target, got, header.Get("Location"), status, body)
	}
	return body
}

// TestLogsKeepNoLinkToken checks that the request log does not keep the
// token of a one-time link, which would let a reader of the logs use it.
func TestLogsKeepNoLinkToken(t *testing.T) {
	var logs strings.Builder
	s, err := New(Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	const token = "Vq3x2yT8pLmN0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123"
	for _, target := range []string{"/invite/" + token, "/setup/" + token, "/event-cancel/" + token} {
		send(s, http.MethodGet, target, nil, nil)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log keeps a link's token:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "path=/invite/…") {
		t.Errorf("the log does not say which page was asked for:\n%s", logs.String())
	}
	if got := loggedPath("/invite/"); got != "/invite/" {
		t.Errorf("loggedPath(/invite/) = %q", got)
	}
}

package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// pathParam matches a pattern's wildcards, {id} and the like.
var pathParam = regexp.MustCompile(`\{[a-z]+\}`)

// sampleTarget turns a route pattern into a request path: every wildcard
// becomes 1 (the guard and the cross-origin check answer before any
// handler reads it), {type} a kind of row.
func sampleTarget(pattern string) string {
	_, path, _ := strings.Cut(pattern, " ")
	return pathParam.ReplaceAllStringFunc(path, func(p string) string {
		if p == "{type}" {
			return "measure"
		}
		return "1"
	})
}

// snapshot is what a refused request must leave as it was: the whole
// registry as exported and the audit log's length.
func snapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	ctx := context.Background()
	b, err := db.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(b)
	_, n, err := db.ListAudit(ctx, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	users, _ := json.Marshal(mustUsers(t, db))
	return string(data) + "|" + itoa(int64(n)) + "|" + string(users)
}

func mustUsers(t *testing.T, db *store.DB) []account.User {
	t.Helper()
	users, err := db.ListUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return users
}

// TestEveryWriteRouteRefusesTheAnonymousAndOtherSites posts to every
// state-changing route the server registers: as the anonymous public
// (refused unless the route is one of the public's own forms), and from another
// site with an administrator's live session cookie (always refused). Nothing
// may change.
func TestEveryWriteRouteRefusesTheAnonymousAndOtherSites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, svc := newAccountServer(t, db)
		if _, err := db.Import(context.Background(), fixture()); err != nil {
			t.Fatal(err)
		}
		addUser(t, svc, "admin@example.org", "Admin", account.RoleAdmin)
		cookie := login(t, s, "admin@example.org")
		before := snapshot(t, db)
		form := url.Values{"version": {"1"}, "title.en": {"Forged"}, "name.en": {"Forged"}, "clause": {"9.9"}, "role": {"admin"},
			"email": {"admin@example.org"}, "password": {testPassword}, "kind": {"ngo"}}
		writes := 0
		for _, route := range s.Routes() {
			method, _, _ := strings.Cut(route.Pattern, " ")
			if method != http.MethodPost {
				continue
			}
			writes++
			target := sampleTarget(route.Pattern)
			// The public's own forms (sign-in, event registration, survey
			// answers) are open to the anonymous; every other write is not.
			if !access.AnonymousMay(route.Action) {
				if rec := send(s, http.MethodPost, target, form, nil); rec.Code != http.StatusForbidden {
					t.Errorf("anonymous POST %s: status %d, want 403", target, rec.Code)
				}
			}
			rec := send(s, http.MethodPost, target, form, []*http.Cookie{cookie}, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
			if rec.Code != http.StatusForbidden {
				t.Errorf("cross-site POST %s with an admin's session: status %d, want 403", target, rec.Code)
			}
		}
		if writes < 20 {
			t.Fatalf("only %d POST routes found", writes)
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("refused requests changed the data:\n%s", firstDifference(before, after))
		}
		// The session still works from its own site, so the refusals were
		// not for want of one.
		if rec := send(s, http.MethodGet, "/admin/users", nil, []*http.Cookie{cookie}); rec.Code != http.StatusOK {
			t.Errorf("the admin's session: status %d", rec.Code)
		}
	})
}

// firstDifference shows where two snapshots part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "before: …" + a[from:min(len(a), i+80)] + "\nafter:  …" + b[from:min(len(b), i+80)]
}

package account

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRoles(t *testing.T) {
	tests := []struct {
		role  Role
		valid bool
		key   string
	}{
		{RoleAdmin, true, "role.admin"},
		{RoleCoordinator, true, "role.coordinator"},
		{RoleMonitor, true, "role.monitor"},
		{RoleMember, true, "role.member"},
		{RoleFocalPoint, true, "role.focal_point"},
		{"", false, "role."},
		{"Admin", false, "role.Admin"},
		{"public", false, "role.public"},
	}
	for _, tt := range tests {
		if got := tt.role.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v, want %v", tt.role, got, tt.valid)
		}
		if got := tt.role.Key(); got != tt.key {
			t.Errorf("%q.Key() = %q, want %q", tt.role, got, tt.key)
		}
	}
}

func TestValidateUser(t *testing.T) {
	tests := []struct {
		name string
		user User
		want FieldErrors
	}{
		{"ok", User{Email: "ana@example.org", Name: "Ana", Role: RoleMonitor}, nil},
		{"focal point with its body", User{Email: "o@gov.az", Name: "Official", Role: RoleFocalPoint, OrganisationID: 7}, nil},
		{"unicode name", User{Email: "ə@nümunə.az", Name: "Gülnarə Əliyeva", Role: RoleMember}, nil},
		{"missing everything", User{}, FieldErrors{"email": "account.email.required", "name": "account.name.required", "role": "account.role.invalid"}},
		{"not an address", User{Email: "ana", Name: "Ana", Role: RoleAdmin}, FieldErrors{"email": "account.email.invalid"}},
		{"display name form", User{Email: "Ana <ana@example.org>", Name: "Ana", Role: RoleAdmin}, FieldErrors{"email": "account.email.invalid"}},
		{"no dot in domain", User{Email: "ana@localhost", Name: "Ana", Role: RoleAdmin}, FieldErrors{"email": "account.email.invalid"}},
		{"NUL in email", User{Email: "ana\x00@example.org", Name: "Ana", Role: RoleAdmin}, FieldErrors{"email": "account.email.invalid"}},
		{"too long email", User{Email: strings.Repeat("a", 250) + "@example.org", Name: "Ana", Role: RoleAdmin}, FieldErrors{"email": "account.email.invalid"}},
		{"control in name", User{Email: "ana@example.org", Name: "Ana\x07", Role: RoleAdmin}, FieldErrors{"name": "account.name.invalid"}},
		{"long name", User{Email: "ana@example.org", Name: strings.Repeat("ə", 201), Role: RoleAdmin}, FieldErrors{"name": "account.name.too_long"}},
		{"unknown role", User{Email: "ana@example.org", Name: "Ana", Role: "root"}, FieldErrors{"role": "account.role.invalid"}},
		{"focal point without body", User{Email: "o@gov.az", Name: "Official", Role: RoleFocalPoint}, FieldErrors{"organisation": "account.organisation.required"}},
		{"body on another role", User{Email: "ana@example.org", Name: "Ana", Role: RoleMonitor, OrganisationID: 7}, FieldErrors{"organisation": "account.organisation.unexpected"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.user.Validate()
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Validate() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidateNormalises(t *testing.T) {
	u := User{Email: "  Ana.Aliyeva@Example.ORG ", Name: "  Ana  ", Role: RoleMember}
	if fe := u.Validate(); fe != nil {
		t.Fatal(fe)
	}
	if u.Email != "ana.aliyeva@example.org" || u.Name != "Ana" {
		t.Errorf("normalised to %q, %q", u.Email, u.Name)
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		password, email, want string
	}{
		{"twelve chars", "ana@example.org", ""},
		{"eleven char", "ana@example.org", "account.password.too_short"},
		// Twelve letters are twelve characters, though 24 bytes.
		{"şəhərşəhərşə", "ana@example.org", ""},
		{"şəhərşəhərş", "ana@example.org", "account.password.too_short"},
		{"ana@example.org", "ana@example.org", "account.password.is_email"},
		{" ANA@Example.org", "ana@example.org", "account.password.is_email"},
		{strings.Repeat("x", 1025), "ana@example.org", "account.password.too_long"},
	}
	for _, tt := range tests {
		if got := ValidatePassword(tt.password, tt.email); got != tt.want {
			t.Errorf("ValidatePassword(%q, %q) = %q, want %q", tt.password, tt.email, got, tt.want)
		}
	}
}

func TestFieldErrorsMessage(t *testing.T) {
	fe := FieldErrors{"name": "account.name.required", "email": "account.email.invalid"}
	if got, want := fe.Error(), "invalid account: email: account.email.invalid, name: account.name.required"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAddressKey(t *testing.T) {
	tests := map[string]string{
		"203.0.113.7:51234":            "203.0.113.7",
		"203.0.113.7":                  "203.0.113.7",
		"[::ffff:203.0.113.7]:443":     "203.0.113.7",
		"[2001:db8:1:2:aaaa::1]:443":   "2001:db8:1:2::/64",
		"2001:db8:1:2:bbbb:cccc::9":    "2001:db8:1:2::/64",
		"fe80::1%eth0":                 "fe80::/64",
		"unix socket":                  "unix socket",
		" 198.51.100.1 ":               "198.51.100.1",
		"[2001:db8:1:3::1]:443":        "2001:db8:1:3::/64",
		"":                             "",
		"not-an-address:1234":          "not-an-address:1234",
		"2001:0db8:0001:0002:0000::1":  "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff::ffff]:80": "2001:db8:1:2::/64",
	}
	for in, want := range tests {
		if got := addressKey(in); got != want {
			t.Errorf("addressKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokens(t *testing.T) {
	token, hash, err := newToken()
	if err != nil {
		t.Fatal(err)
	}
	if len(token) != 43 || len(hash) != 64 {
		t.Fatalf("token %q (%d), hash %q (%d)", token, len(token), hash, len(hash))
	}
	if got, ok := hashToken(token); !ok || got != hash {
		t.Errorf("hashToken(token) = %q, %v; want %q", got, ok, hash)
	}
	for _, bad := range []string{"", "short", token + "A", token[:42], strings.Repeat("*", 43), token[:42] + "\x00"} {
		if _, ok := hashToken(bad); ok {
			t.Errorf("hashToken(%q) accepted", bad)
		}
	}
}

func TestThrottledErrorMinutes(t *testing.T) {
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		wait time.Duration
		want int
	}{
		{15 * time.Minute, 15},
		{14*time.Minute + time.Second, 15},
		{time.Second, 1},
		{0, 1},
		{-time.Minute, 1},
	}
	for _, tt := range tests {
		e := &ThrottledError{RetryAt: now.Add(tt.wait)}
		if got := e.Minutes(now); got != tt.want {
			t.Errorf("Minutes with %v to wait = %d, want %d", tt.wait, got, tt.want)
		}
	}
	var err error = fmt.Errorf("login: %w", &ThrottledError{RetryAt: now})
	if !errors.Is(err, ErrThrottled) || ErrorKey(err) != "account.login.throttled" {
		t.Errorf("a wrapped *ThrottledError is not ErrThrottled: %v", err)
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Mozilla/5.0", 64, "Mozilla/5.0"},
		{"abcdef", 3, "abc"},
		{"aəb", 2, "a"}, // ə is two bytes: not split
		{"a\xffb", 8, "ab"},
	}
	for _, tt := range tests {
		if got := clip(tt.in, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestUserJSONOmitsPasswordHash(t *testing.T) {
	b, err := json.Marshal(User{Email: "ana@example.org", PasswordHash: "$argon2id$secret"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "argon2id") {
		t.Errorf("marshalled user carries its password hash: %s", b)
	}
}

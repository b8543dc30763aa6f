// Package account holds ogpp's users, their roles and their sessions: who may
// sign in, how a password is kept and checked, how long a session lasts and
// how failed logins are throttled. It has no SQL and no HTTP; the store
// implements Store for both databases and the web layer translates the
// message keys it returns.
package account

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what a user may do on the platform. The anonymous public has no
// role and no account.
type Role string

// The roles, from the most to the least powerful.
const (
	// RoleAdmin manages accounts and everything a coordinator may do.
	RoleAdmin Role = "admin"
	// RoleCoordinator plans the platform's work and publishes.
	RoleCoordinator Role = "coordinator"
	// RoleMonitor is an expert of a member NGO who assesses measures and
	// drafts documents.
	RoleMonitor Role = "monitor"
	// RoleMember represents a member organisation: discusses drafts, votes,
	// registers for events.
	RoleMember Role = "member"
	// RoleFocalPoint is a state body's official who may answer for the
	// measures that body executes; User.OrganisationID names the body.
	RoleFocalPoint Role = "focal_point"
)

// Roles lists every role, most powerful first, as forms offer them.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleMonitor, RoleMember, RoleFocalPoint}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Key is the message key of the role's display name, e.g. "role.focal_point".
func (r Role) Key() string { return "role." + string(r) }

// User is an account.
type User struct {
	ID    int64
	Email string // normalised by NormaliseEmail; unique
	Name  string
	Role  Role
	// OrganisationID is, for a focal point, the state body it answers for;
	// 0 for every other role.
	OrganisationID int64
	// Disabled users cannot sign in and have no sessions.
	Disabled bool
	// PasswordHash is a PHC string written by a Hasher; empty when no
	// password was ever set, which no password matches. Never marshalled,
	// so that a user written to the audit log or an export does not carry
	// it.
	PasswordHash string `json:"-"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Session is a signed-in browser. Only the SHA-256 of its token is kept, so
// a copy of the database does not let anyone act as its users.
type Session struct {
	TokenHash  string // hex SHA-256 of the token in the cookie
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time // updated at most once per Config.TouchInterval
	ExpiresAt  time.Time // the absolute timeout: CreatedAt + Config.AbsoluteTimeout
	RemoteAddr string
	UserAgent  string
}

// Errors the store returns and the service passes on or turns into
// FieldErrors.
var (
	// ErrNotFound is returned by reads of a user that does not exist.
	ErrNotFound = errors.New("account: not found")
	// ErrEmailTaken is returned by the store when another user has the email.
	ErrEmailTaken = errors.New("account: email already in use")
	// ErrUnknownOrganisation is returned by the store when a focal point's
	// organisation does not exist.
	ErrUnknownOrganisation = errors.New("account: no such organisation")
	// ErrNotStateBody is returned by the store when a focal point's
	// organisation is not a state body.
	ErrNotStateBody = errors.New("account: organisation is not a state body")
	// ErrLastAdmin refuses to demote or disable the last active admin, who
	// is the only one able to manage accounts.
	ErrLastAdmin = errors.New("account: the last active admin cannot be demoted or disabled")
)

// FieldErrors maps a form field ("email", "name", "role", "organisation",
// "password", "current_password") to the message key of what is wrong with
// it, such as "account.email.invalid". The web layer translates the keys and
// shows each beside its field.
type FieldErrors map[string]string

// Error lists the problems in field order, for logs and the command line.
func (fe FieldErrors) Error() string {
	fields := make([]string, 0, len(fe))
	for f := range fe {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	var b strings.Builder
	b.WriteString("invalid account")
	for i, f := range fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %s", f, fe[f])
	}
	return b.String()
}

// Limits on what a user may type, so that a form cannot store megabytes.
const (
	maxEmailLen    = 254  // bytes, RFC 5321's limit on a path
	maxNameLen     = 200  // runes
	minPasswordLen = 12   // runes
	maxPasswordLen = 1024 // runes; argon2 would take more, but no one types it
)

// NormaliseEmail trims spaces and lower-cases an email address, so that
// "Ana@Example.org " and "ana@example.org" are one account.
func NormaliseEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// emailProblem returns the message key of what is wrong with a normalised
// email, or "".
func emailProblem(email string) string {
	if email == "" {
		return "account.email.required"
	}
	if len(email) > maxEmailLen || !utf8.ValidString(email) || strings.ContainsFunc(email, unicode.IsControl) {
		return "account.email.invalid"
	}
	// ParseAddress also accepts "Name <a@b>" and comments: only a bare
	// address that parses to itself is one.
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email {
		return "account.email.invalid"
	}
	local, domain, _ := strings.Cut(email, "@")
	if local == "" || !strings.Contains(strings.Trim(domain, "."), ".") {
		return "account.email.invalid"
	}
	return ""
}

// Validate normalises the user's email and name in place and returns what is
// wrong with its fields, or nil. It does not look at the password hash; see
// ValidatePassword for the password itself.
func (u *User) Validate() FieldErrors {
	fe := FieldErrors{}
	u.Email = NormaliseEmail(u.Email)
	if k := emailProblem(u.Email); k != "" {
		fe["email"] = k
	}
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case u.Name == "":
		fe["name"] = "account.name.required"
	case !utf8.ValidString(u.Name) || strings.ContainsFunc(u.Name, unicode.IsControl):
		fe["name"] = "account.name.invalid"
	case utf8.RuneCountInString(u.Name) > maxNameLen:
		fe["name"] = "account.name.too_long"
	}
	if k := roleProblem(u.Role, u.OrganisationID); k != "" {
		if u.Role.Valid() {
			fe["organisation"] = k
		} else {
			fe["role"] = k
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// roleProblem returns the message key of what is wrong with a role and its
// organisation, or "".
func roleProblem(r Role, organisationID int64) string {
	switch {
	case !r.Valid():
		return "account.role.invalid"
	case r == RoleFocalPoint && organisationID <= 0:
		return "account.organisation.required"
	case r != RoleFocalPoint && organisationID != 0:
		// Only a focal point answers for a body; a stray organisation on
		// another role would grant nothing but would mislead.
		return "account.organisation.unexpected"
	}
	return ""
}

// ValidatePassword returns the message key of why a password is refused for
// the account with the given email, or "" when it is acceptable: it must
// have at least 12 characters (counted as characters, not bytes, so that
// Azerbaijani and Cyrillic passwords are not favoured or penalised) and must
// not be the email itself.
func ValidatePassword(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < minPasswordLen:
		return "account.password.too_short"
	case n > maxPasswordLen:
		return "account.password.too_long"
	case NormaliseEmail(password) == NormaliseEmail(email):
		return "account.password.is_email"
	}
	return ""
}

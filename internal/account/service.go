package account

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"
)

// UserStore keeps users. Methods that take a time stamp the change with it,
// so that the Service's clock is the only one.
type UserStore interface {
	// CreateUser inserts u and returns its id: ErrEmailTaken when another
	// user has the email; ErrUnknownOrganisation or ErrNotStateBody when a
	// focal point's organisation is not a state body on record.
	CreateUser(ctx context.Context, u User) (int64, error)
	// GetUser and UserByEmail return ErrNotFound when there is no such user.
	GetUser(ctx context.Context, id int64) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	// ListUsers returns every user, ordered by email.
	ListUsers(ctx context.Context) ([]User, error)
	// SetUserRole changes a user's role and organisation, refusing with
	// ErrLastAdmin to leave no active admin.
	SetUserRole(ctx context.Context, id int64, r Role, organisationID int64, at time.Time) error
	// SetUserDisabled disables (deleting the user's sessions in the same
	// transaction) or re-enables a user, refusing with ErrLastAdmin to leave
	// no active admin.
	SetUserDisabled(ctx context.Context, id int64, disabled bool, at time.Time) error
	// SetPasswordHash stores a new password hash and, in the same
	// transaction, deletes every session of the user except the one whose
	// token hash is keep ("" keeps none).
	SetPasswordHash(ctx context.Context, id int64, hash string, at time.Time, keep string) error
	// RehashPassword replaces the hash old by new, and does nothing when the
	// stored hash is no longer old (the password changed meanwhile). It
	// touches no session: the password is the same.
	RehashPassword(ctx context.Context, id int64, old, new string) error
	// HasAdmin reports whether an enabled admin exists.
	HasAdmin(ctx context.Context) (bool, error)
}

// SessionStore keeps sessions, keyed by the hash of their token.
type SessionStore interface {
	CreateSession(ctx context.Context, s Session) error
	// SessionByTokenHash returns the session and its user, or ErrNotFound.
	SessionByTokenHash(ctx context.Context, hash string) (Session, User, error)
	// TouchSession sets the session's last-seen time.
	TouchSession(ctx context.Context, hash string, at time.Time) error
	// DeleteSession deletes one session; an unknown hash is no error.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteUserSessions deletes every session of the user.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// PruneSessions deletes sessions that expired by expiredBy or were last
	// seen by idleSince, and returns how many.
	PruneSessions(ctx context.Context, expiredBy, idleSince time.Time) (int, error)
}

// ThrottleStore counts failed logins per key in the database, so that every
// instance sharing it sees the same counts.
type ThrottleStore interface {
	// RecordLoginFailure records one failure at the given time under each key.
	RecordLoginFailure(ctx context.Context, at time.Time, keys ...string) error
	// RecentLoginFailures returns the times of the key's failures after
	// since, newest first, at most limit of them.
	RecentLoginFailures(ctx context.Context, key string, since time.Time, limit int) ([]time.Time, error)
	// ClearLoginFailures forgets the key's failures.
	ClearLoginFailures(ctx context.Context, key string) error
	// PruneLoginFailures deletes failures at or before the given time and
	// returns how many.
	PruneLoginFailures(ctx context.Context, before time.Time) (int, error)
}

// SetupStore keeps the one-time links that create the first admin.
type SetupStore interface {
	CreateSetupToken(ctx context.Context, hash string, created, expires time.Time) error
	// SetupTokenUsable reports whether the token exists, is unused and has
	// not expired at the given time.
	SetupTokenUsable(ctx context.Context, hash string, at time.Time) (bool, error)
	// RedeemSetupToken, in one transaction, marks the token used and creates
	// admin, returning its id: ErrSetupInvalid when the token is unknown,
	// used or expired at the given time, ErrAdminExists when an enabled
	// admin exists, ErrEmailTaken when another user has the email. On any
	// error the token stays unused.
	RedeemSetupToken(ctx context.Context, hash string, admin User, at time.Time) (int64, error)
}

// Store is everything the Service keeps in the database.
type Store interface {
	UserStore
	SessionStore
	ThrottleStore
	SetupStore
}

// Errors of signing in and out.
var (
	// ErrInvalidCredentials answers every failed login that is not
	// throttled: unknown email, wrong password and disabled account alike,
	// so that the answer tells nobody which emails have accounts.
	ErrInvalidCredentials = errors.New("account: wrong email or password")
	// ErrThrottled matches (errors.Is) every *ThrottledError.
	ErrThrottled = errors.New("account: too many failed logins")
	// ErrNoSession is returned by Authenticate for a token that names no
	// session: treat the request as anonymous.
	ErrNoSession = errors.New("account: no session")
	// ErrSessionExpired is returned by Authenticate for a session past its
	// idle or absolute timeout, now deleted: treat the request as anonymous,
	// and the login page may say why.
	ErrSessionExpired = errors.New("account: session expired")
	// ErrSetupInvalid refuses a setup link that is unknown, used or expired.
	ErrSetupInvalid = errors.New("account: setup link invalid, used or expired")
	// ErrAdminExists refuses a setup link once an admin exists.
	ErrAdminExists = errors.New("account: an admin already exists")
)

// ThrottledError refuses a login because of too many recent failures for
// the account or from the address. It matches ErrThrottled.
type ThrottledError struct {
	// RetryAt is when a login may be tried again.
	RetryAt time.Time
}

// Error says until when logins are refused, for logs.
func (e *ThrottledError) Error() string {
	return "account: too many failed logins; retry at " + e.RetryAt.UTC().Format(time.RFC3339)
}

// Is makes errors.Is(err, ErrThrottled) true.
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// Minutes returns how many whole minutes from now until RetryAt, rounded up
// and at least 1, for "try again in N minutes".
func (e *ThrottledError) Minutes(now time.Time) int {
	d := e.RetryAt.Sub(now)
	return max(1, int((d+time.Minute-1)/time.Minute))
}

// ErrorKey returns the message key for one of the package's errors, or ""
// for others (which are internal errors to log, not to show).
// FieldErrors carry their own keys per field.
func ErrorKey(err error) string {
	for _, k := range []struct {
		err error
		key string
	}{
		{ErrInvalidCredentials, "account.login.invalid"},
		{ErrThrottled, "account.login.throttled"},
		{ErrSessionExpired, "account.session.expired"},
		{ErrNoSession, "account.session.none"},
		{ErrSetupInvalid, "account.setup.invalid"},
		{ErrAdminExists, "account.setup.admin_exists"},
		{ErrLastAdmin, "account.last_admin"},
		{ErrNotFound, "account.not_found"},
	} {
		if errors.Is(err, k.err) {
			return k.key
		}
	}
	return ""
}

// Config tunes a Service. A zero field takes its default (DefaultConfig).
type Config struct {
	// IdleTimeout ends a session not used for this long (default 2 h).
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after login, used or not
	// (default 30 days).
	AbsoluteTimeout time.Duration
	// TouchInterval is how stale a session's last-seen time may get before
	// a request updates it (default 1 min): a write per request would be
	// a write per page view.
	TouchInterval time.Duration
	// ThrottleWindow is how long a failed login counts (default 15 min).
	ThrottleWindow time.Duration
	// MaxFailuresPerAccount failures for one email within the window
	// throttle further logins to it (default 5).
	MaxFailuresPerAccount int
	// MaxFailuresPerAddress failures from one address (an IPv6 /64) within
	// the window throttle further logins from it (default 20): higher than
	// per account, as an office or a school shares one address.
	MaxFailuresPerAddress int
	// SetupValidity is how long a setup link works (default 24 h).
	SetupValidity time.Duration
}

// DefaultConfig returns the defaults a zero Config field takes.
func DefaultConfig() Config {
	return Config{
		IdleTimeout:           2 * time.Hour,
		AbsoluteTimeout:       30 * 24 * time.Hour,
		TouchInterval:         time.Minute,
		ThrottleWindow:        15 * time.Minute,
		MaxFailuresPerAccount: 5,
		MaxFailuresPerAddress: 20,
		SetupValidity:         24 * time.Hour,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	pick := func(v, def time.Duration) time.Duration {
		if v <= 0 {
			return def
		}
		return v
	}
	c.IdleTimeout = pick(c.IdleTimeout, d.IdleTimeout)
	c.AbsoluteTimeout = pick(c.AbsoluteTimeout, d.AbsoluteTimeout)
	c.TouchInterval = pick(c.TouchInterval, d.TouchInterval)
	c.ThrottleWindow = pick(c.ThrottleWindow, d.ThrottleWindow)
	c.SetupValidity = pick(c.SetupValidity, d.SetupValidity)
	if c.MaxFailuresPerAccount <= 0 {
		c.MaxFailuresPerAccount = d.MaxFailuresPerAccount
	}
	if c.MaxFailuresPerAddress <= 0 {
		c.MaxFailuresPerAddress = d.MaxFailuresPerAddress
	}
	return c
}

// Service manages accounts and sessions over a Store. It keeps nothing per
// platform in memory, so one Service per store (per hosted platform) is
// needed, and several instances may share one database.
type Service struct {
	store  Store
	hasher *Hasher
	now    func() time.Time
	cfg    Config
	// dummy is a hash of a random password, verified when the email is
	// unknown so that an unknown email costs what a wrong password costs.
	dummy string
}

// NewService returns a Service over st that hashes with h and tells time
// with now (time.Now when nil). It computes one hash, for the dummy
// verification of unknown emails.
func NewService(st Store, h *Hasher, now func() time.Time, cfg Config) (*Service, error) {
	if now == nil {
		now = time.Now
	}
	s := &Service{store: st, hasher: h, now: now, cfg: cfg.withDefaults()}
	var err error
	if s.dummy, err = h.Hash(context.Background(), rand.Text()); err != nil {
		return nil, fmt.Errorf("new account service: %w", err)
	}
	return s, nil
}

// clock returns the time in the precision the store keeps (milliseconds),
// so that what a method returns equals what a later read returns.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// Config returns the configuration in force, defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// NewUser is what creating an account takes.
type NewUser struct {
	Email          string
	Name           string
	Role           Role
	OrganisationID int64 // for a focal point: the state body; else 0
	Password       string
}

// storeFieldError turns the store's refusals of a field into FieldErrors.
func storeFieldError(err error) error {
	switch {
	case errors.Is(err, ErrEmailTaken):
		return FieldErrors{"email": "account.email.taken"}
	case errors.Is(err, ErrUnknownOrganisation):
		return FieldErrors{"organisation": "account.organisation.unknown"}
	case errors.Is(err, ErrNotStateBody):
		return FieldErrors{"organisation": "account.organisation.not_state_body"}
	}
	return err
}

// CreateUser validates and creates an account. Invalid input is refused
// with FieldErrors (including an email already in use).
func (s *Service) CreateUser(ctx context.Context, nu NewUser) (User, error) {
	u := User{Email: nu.Email, Name: nu.Name, Role: nu.Role, OrganisationID: nu.OrganisationID}
	fe := u.Validate()
	if k := ValidatePassword(nu.Password, u.Email); k != "" {
		if fe == nil {
			fe = FieldErrors{}
		}
		fe["password"] = k
	}
	if fe != nil {
		return User{}, fe
	}
	var err error
	if u.PasswordHash, err = s.hasher.Hash(ctx, nu.Password); err != nil {
		return User{}, fmt.Errorf("create user: %w", err)
	}
	u.CreatedAt = s.clock()
	u.UpdatedAt = u.CreatedAt
	if u.ID, err = s.store.CreateUser(ctx, u); err != nil {
		return User{}, storeFieldError(err)
	}
	return u, nil
}

// User returns a user by id, or ErrNotFound.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	return s.store.GetUser(ctx, id)
}

// UserByEmail returns a user by email (normalised first), or ErrNotFound.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	email = NormaliseEmail(email)
	if emailProblem(email) != "" {
		return User{}, fmt.Errorf("user %q: %w", email, ErrNotFound)
	}
	return s.store.UserByEmail(ctx, email)
}

// Users returns every user, ordered by email.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	return s.store.ListUsers(ctx)
}

// SetRole changes a user's role; organisationID names the state body of a
// focal point and must be 0 for other roles. The change applies to the
// user's open sessions at their next request. Refused with FieldErrors for
// invalid input and ErrLastAdmin for demoting the last active admin.
func (s *Service) SetRole(ctx context.Context, id int64, r Role, organisationID int64) error {
	if k := roleProblem(r, organisationID); k != "" {
		if r.Valid() {
			return FieldErrors{"organisation": k}
		}
		return FieldErrors{"role": k}
	}
	if err := s.store.SetUserRole(ctx, id, r, organisationID, s.clock()); err != nil {
		return storeFieldError(err)
	}
	return nil
}

// Disable stops a user from signing in and ends all their sessions at
// once. Refused with ErrLastAdmin for the last active admin.
func (s *Service) Disable(ctx context.Context, id int64) error {
	return s.store.SetUserDisabled(ctx, id, true, s.clock())
}

// Enable lets a disabled user sign in again.
func (s *Service) Enable(ctx context.Context, id int64) error {
	return s.store.SetUserDisabled(ctx, id, false, s.clock())
}

// SetPassword sets a user's password and ends every session of theirs
// except the one whose token is keepToken (pass "" to end them all, as an
// admin resetting someone else's password should): whoever knew the old
// password is signed out everywhere. A password the policy refuses is
// refused with FieldErrors{"password": key}.
func (s *Service) SetPassword(ctx context.Context, id int64, password, keepToken string) error {
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if k := ValidatePassword(password, u.Email); k != "" {
		return FieldErrors{"password": k}
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	keep, _ := hashToken(keepToken) // a token that cannot be ours keeps nothing
	return s.store.SetPasswordHash(ctx, id, hash, s.clock(), keep)
}

// ChangePassword is a signed-in user changing their own password: the
// session's token, the current password and the new one. A wrong current
// password is refused with FieldErrors{"current_password":
// "account.password.wrong"} and counts as a failed login for the account,
// so a borrowed session cannot be used to guess it; the session making the
// change stays signed in and every other one ends.
func (s *Service) ChangePassword(ctx context.Context, token, current, next string) error {
	_, u, err := s.Authenticate(ctx, token)
	if err != nil {
		return err
	}
	now := s.clock()
	key := throttleKey("email", u.Email)
	until, err := s.blockedUntil(ctx, key, s.cfg.MaxFailuresPerAccount, now)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	if !until.IsZero() {
		return &ThrottledError{RetryAt: until}
	}
	ok, err := s.verify(ctx, current, u.PasswordHash)
	if err != nil {
		return fmt.Errorf("change password: %w", err)
	}
	fe := FieldErrors{}
	if !ok {
		if err := s.store.RecordLoginFailure(ctx, now, key); err != nil {
			return fmt.Errorf("change password: %w", err)
		}
		fe["current_password"] = "account.password.wrong"
	}
	if k := ValidatePassword(next, u.Email); k != "" {
		fe["password"] = k
	}
	if len(fe) > 0 {
		return fe
	}
	return s.SetPassword(ctx, u.ID, next, token)
}

// verify checks password against phc, falling back to the dummy hash when
// phc is empty or unreadable so that every path costs one hash.
func (s *Service) verify(ctx context.Context, password, phc string) (bool, error) {
	if phc != "" {
		ok, err := s.hasher.Verify(ctx, password, phc)
		if !errors.Is(err, ErrMalformedHash) {
			return ok, err
		}
	}
	_, err := s.hasher.Verify(ctx, password, s.dummy)
	return false, err
}

// Client describes where a login comes from.
type Client struct {
	// Addr is the client's IP address, with or without a port: the
	// connection's remote address, or the address a trusted proxy reports.
	Addr string
	// UserAgent is kept beside the session, so a user can recognise it.
	UserAgent string
}

// maxClientField bounds what a client may make the sessions table keep.
const maxClientField = 256

// Login checks an email and password and opens a session, returning its
// token for the cookie (base64url, 43 characters) and the user.
//
// Unknown email, wrong password and disabled account all return
// ErrInvalidCredentials after the same work (one hash verification, one
// failure recorded), so neither the answer nor its timing tells whether an
// account exists. After too many recent failures for the email or from the
// address, Login refuses without checking the password, with a
// *ThrottledError saying when to retry; failures for emails without an
// account count too, for the same reason. A successful login clears the
// email's failures, not the address's: one valid account must not let an
// address keep guessing others.
func (s *Service) Login(ctx context.Context, email, password string, from Client) (string, User, error) {
	email = NormaliseEmail(email)
	now := s.clock()
	acctKey := throttleKey("email", email)
	addrKey := throttleKey("addr", addressKey(from.Addr))
	var until time.Time
	for _, t := range []struct {
		key   string
		limit int
	}{{acctKey, s.cfg.MaxFailuresPerAccount}, {addrKey, s.cfg.MaxFailuresPerAddress}} {
		u, err := s.blockedUntil(ctx, t.key, t.limit, now)
		if err != nil {
			return "", User{}, fmt.Errorf("login: %w", err)
		}
		if u.After(until) {
			until = u
		}
	}
	if !until.IsZero() {
		return "", User{}, &ThrottledError{RetryAt: until}
	}

	var u User
	found := false
	if emailProblem(email) == "" {
		// An address that is not one never reaches the database, but still
		// costs a verification below.
		var err error
		u, err = s.store.UserByEmail(ctx, email)
		switch {
		case err == nil:
			found = true
		case !errors.Is(err, ErrNotFound):
			return "", User{}, fmt.Errorf("login: %w", err)
		}
	}
	ok, err := s.verify(ctx, password, u.PasswordHash)
	if err != nil {
		return "", User{}, fmt.Errorf("login: %w", err)
	}
	if !found || !ok || u.Disabled {
		if err := s.store.RecordLoginFailure(ctx, now, acctKey, addrKey); err != nil {
			return "", User{}, fmt.Errorf("login: %w", err)
		}
		return "", User{}, ErrInvalidCredentials
	}

	if err := s.store.ClearLoginFailures(ctx, acctKey); err != nil {
		return "", User{}, fmt.Errorf("login: %w", err)
	}
	if s.hasher.NeedsRehash(u.PasswordHash) {
		// Upgrade a hash made with older parameters while the password is
		// at hand. A failure here costs only the upgrade, not the login.
		if h, err := s.hasher.Hash(ctx, password); err == nil {
			if err := s.store.RehashPassword(ctx, u.ID, u.PasswordHash, h); err == nil {
				u.PasswordHash = h
			}
		}
	}
	token, hash, err := newToken()
	if err != nil {
		return "", User{}, fmt.Errorf("login: %w", err)
	}
	err = s.store.CreateSession(ctx, Session{
		TokenHash: hash, UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt:  now.Add(s.cfg.AbsoluteTimeout),
		RemoteAddr: clip(from.Addr, maxClientField), UserAgent: clip(from.UserAgent, maxClientField),
	})
	if err != nil {
		return "", User{}, fmt.Errorf("login: %w", err)
	}
	return token, u, nil
}

// blockedUntil returns when the key may next fail without being throttled,
// or the zero time when it is not throttled now: with limit failures in the
// window, logins resume when the oldest of the last limit failures leaves
// it.
func (s *Service) blockedUntil(ctx context.Context, key string, limit int, now time.Time) (time.Time, error) {
	times, err := s.store.RecentLoginFailures(ctx, key, now.Add(-s.cfg.ThrottleWindow), limit)
	if err != nil {
		return time.Time{}, err
	}
	if len(times) < limit {
		return time.Time{}, nil
	}
	return times[limit-1].Add(s.cfg.ThrottleWindow), nil
}

// Authenticate returns the session a cookie's token names and its user. A
// token that names no session, or a session of a disabled user, gives
// ErrNoSession; a session past its idle or absolute timeout is deleted and
// gives ErrSessionExpired. The last-seen time is updated at most once per
// TouchInterval.
func (s *Service) Authenticate(ctx context.Context, token string) (Session, User, error) {
	hash, ok := hashToken(token)
	if !ok {
		return Session{}, User{}, ErrNoSession
	}
	sess, u, err := s.store.SessionByTokenHash(ctx, hash)
	if errors.Is(err, ErrNotFound) {
		return Session{}, User{}, ErrNoSession
	}
	if err != nil {
		return Session{}, User{}, fmt.Errorf("authenticate: %w", err)
	}
	now := s.clock()
	expired := !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) >= s.cfg.IdleTimeout
	if expired || u.Disabled {
		if err := s.store.DeleteSession(ctx, hash); err != nil {
			return Session{}, User{}, fmt.Errorf("authenticate: %w", err)
		}
		if expired {
			return Session{}, User{}, ErrSessionExpired
		}
		return Session{}, User{}, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) >= s.cfg.TouchInterval {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return Session{}, User{}, fmt.Errorf("authenticate: %w", err)
		}
		sess.LastSeenAt = now
	}
	return sess, u, nil
}

// Logout ends the session a token names; a token naming none is no error.
func (s *Service) Logout(ctx context.Context, token string) error {
	hash, ok := hashToken(token)
	if !ok {
		return nil
	}
	if err := s.store.DeleteSession(ctx, hash); err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

// LogoutEverywhere ends every session of the user.
func (s *Service) LogoutEverywhere(ctx context.Context, userID int64) error {
	if err := s.store.DeleteUserSessions(ctx, userID); err != nil {
		return fmt.Errorf("logout everywhere: %w", err)
	}
	return nil
}

// Prune deletes expired sessions and failures older than the throttle
// window. Nothing depends on it for correctness (expired sessions are
// refused when used); it keeps the tables small, and is meant to run every
// few minutes.
func (s *Service) Prune(ctx context.Context) error {
	now := s.clock()
	if _, err := s.store.PruneSessions(ctx, now, now.Add(-s.cfg.IdleTimeout)); err != nil {
		return fmt.Errorf("prune: %w", err)
	}
	if _, err := s.store.PruneLoginFailures(ctx, now.Add(-s.cfg.ThrottleWindow)); err != nil {
		return fmt.Errorf("prune: %w", err)
	}
	return nil
}

// SetupToken creates a one-time link token for creating the first admin,
// valid for Config.SetupValidity and stored only as a hash, and returns it
// with its expiry. It refuses with ErrAdminExists when an enabled admin
// exists. Each call makes a new token; earlier ones stay valid until used
// or expired, so several instances starting at once each print a link that
// works, and once any creates the admin all are refused.
func (s *Service) SetupToken(ctx context.Context) (string, time.Time, error) {
	has, err := s.store.HasAdmin(ctx)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("setup token: %w", err)
	}
	if has {
		return "", time.Time{}, ErrAdminExists
	}
	token, hash, err := newToken()
	if err != nil {
		return "", time.Time{}, fmt.Errorf("setup token: %w", err)
	}
	now := s.clock()
	expires := now.Add(s.cfg.SetupValidity)
	if err := s.store.CreateSetupToken(ctx, hash, now, expires); err != nil {
		return "", time.Time{}, fmt.Errorf("setup token: %w", err)
	}
	return token, expires, nil
}

// CheckSetup reports whether a setup link's token may still be redeemed:
// nil, ErrSetupInvalid or ErrAdminExists. The setup page calls it before
// showing its form.
func (s *Service) CheckSetup(ctx context.Context, token string) error {
	hash, ok := hashToken(token)
	if !ok {
		return ErrSetupInvalid
	}
	has, err := s.store.HasAdmin(ctx)
	if err != nil {
		return fmt.Errorf("check setup: %w", err)
	}
	if has {
		return ErrAdminExists
	}
	usable, err := s.store.SetupTokenUsable(ctx, hash, s.clock())
	if err != nil {
		return fmt.Errorf("check setup: %w", err)
	}
	if !usable {
		return ErrSetupInvalid
	}
	return nil
}

// RedeemSetup creates the first admin with a setup link's token and burns
// the token. It refuses with the errors of CheckSetup, and with FieldErrors
// for invalid input, which leaves the token usable for another try.
func (s *Service) RedeemSetup(ctx context.Context, token, email, name, password string) (User, error) {
	if err := s.CheckSetup(ctx, token); err != nil {
		return User{}, err
	}
	hash, _ := hashToken(token) // CheckSetup accepted it
	u := User{Email: email, Name: name, Role: RoleAdmin}
	fe := u.Validate()
	if k := ValidatePassword(password, u.Email); k != "" {
		if fe == nil {
			fe = FieldErrors{}
		}
		fe["password"] = k
	}
	if fe != nil {
		return User{}, fe
	}
	var err error
	if u.PasswordHash, err = s.hasher.Hash(ctx, password); err != nil {
		return User{}, fmt.Errorf("redeem setup: %w", err)
	}
	now := s.clock()
	u.CreatedAt, u.UpdatedAt = now, now
	if u.ID, err = s.store.RedeemSetupToken(ctx, hash, u, now); err != nil {
		return User{}, storeFieldError(err)
	}
	return u, nil
}

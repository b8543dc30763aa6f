package account

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// InvitationValidity is how long an invitation link works: a week, so that
// a link sent on a Friday still works after the weekend and a holiday.
const InvitationValidity = 7 * 24 * time.Hour

// Errors of invitations.
var (
	// ErrInvitationInvalid refuses an invitation link that is unknown, used,
	// expired, replaced by a newer one, or names a disabled account.
	ErrInvitationInvalid = errors.New("account: invitation link invalid, used or expired")
	// ErrNotInvitable refuses a new invitation for an account that already
	// has a password (it signs in) or is disabled (enable it first).
	ErrNotInvitable = errors.New("account: the account has a password or is disabled")
	// ErrNoInvitations is returned when the Service's store keeps no
	// invitations (a test double that implements only Store).
	ErrNoInvitations = errors.New("account: this store keeps no invitations")
)

// InvitationStore keeps the one-time links with which invited users choose
// their password. Like setup links, only the hash of a token is stored.
type InvitationStore interface {
	// CreateInvitedUser inserts u, which has no password, and an invitation
	// for it valid until expires, in one transaction, returning the user's
	// id: ErrEmailTaken, ErrUnknownOrganisation and ErrNotStateBody as
	// CreateUser.
	CreateInvitedUser(ctx context.Context, u User, tokenHash string, expires time.Time) (int64, error)
	// ReissueInvitation replaces the user's unused invitations by a new one:
	// ErrNotFound for no such user, ErrNotInvitable for a user with a
	// password or disabled.
	ReissueInvitation(ctx context.Context, userID int64, tokenHash string, created, expires time.Time) error
	// InvitedUser returns the user a usable invitation names at the given
	// time, or ErrInvitationInvalid.
	InvitedUser(ctx context.Context, tokenHash string, at time.Time) (User, error)
	// RedeemInvitation, in one transaction, spends the invitation (and any
	// other of the user's) and stores the password hash, returning the
	// user: ErrInvitationInvalid when the invitation is not usable at the
	// given time. On any error the invitation stays unused.
	RedeemInvitation(ctx context.Context, tokenHash, passwordHash string, at time.Time) (User, error)
}

// Invitee is who an administrator invites.
type Invitee struct {
	Email          string
	Name           string
	Role           Role
	OrganisationID int64 // for a focal point: the state body; else 0
}

// Invitation is a new account's one-time link, to be sent to the invitee.
type Invitation struct {
	User User
	// Token goes into the link (/invite/TOKEN); it is not kept anywhere, so
	// it can be shown once only.
	Token     string
	ExpiresAt time.Time
}

// Invited reports whether the account waits for its invitation to be
// accepted: it has never had a password, so nobody can sign in to it.
func (u User) Invited() bool { return u.PasswordHash == "" }

// invitations returns the store's invitation methods.
func (s *Service) invitations() (InvitationStore, error) {
	st, ok := s.store.(InvitationStore)
	if !ok {
		return nil, ErrNoInvitations
	}
	return st, nil
}

// Invite creates an account without a usable password and a one-time link,
// valid for InvitationValidity, with which the invitee chooses one. Invalid
// input is refused with FieldErrors (including an email already in use).
func (s *Service) Invite(ctx context.Context, in Invitee) (Invitation, error) {
	st, err := s.invitations()
	if err != nil {
		return Invitation{}, err
	}
	u := User{Email: in.Email, Name: in.Name, Role: in.Role, OrganisationID: in.OrganisationID}
	if fe := u.Validate(); fe != nil {
		return Invitation{}, fe
	}
	token, hash, err := newToken()
	if err != nil {
		return Invitation{}, fmt.Errorf("invite: %w", err)
	}
	now := s.clock()
	u.CreatedAt, u.UpdatedAt = now, now
	expires := now.Add(InvitationValidity)
	if u.ID, err = st.CreateInvitedUser(ctx, u, hash, expires); err != nil {
		return Invitation{}, storeFieldError(err)
	}
	return Invitation{User: u, Token: token, ExpiresAt: expires}, nil
}

// Reinvite makes a new link for an invited user who has not chosen a
// password yet (the first link expired, or was lost); earlier links stop
// working. ErrNotFound for no such user, ErrNotInvitable for one who has a
// password or is disabled.
func (s *Service) Reinvite(ctx context.Context, id int64) (Invitation, error) {
	st, err := s.invitations()
	if err != nil {
		return Invitation{}, err
	}
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return Invitation{}, fmt.Errorf("reinvite: %w", err)
	}
	if !u.Invited() || u.Disabled {
		return Invitation{}, ErrNotInvitable
	}
	token, hash, err := newToken()
	if err != nil {
		return Invitation{}, fmt.Errorf("reinvite: %w", err)
	}
	now := s.clock()
	expires := now.Add(InvitationValidity)
	if err := st.ReissueInvitation(ctx, id, hash, now, expires); err != nil {
		return Invitation{}, fmt.Errorf("reinvite: %w", err)
	}
	return Invitation{User: u, Token: token, ExpiresAt: expires}, nil
}

// CheckInvitation returns the invited user when a link's token may still be
// used, and ErrInvitationInvalid otherwise. The invitation page calls it
// before showing its form.
func (s *Service) CheckInvitation(ctx context.Context, token string) (User, error) {
	st, err := s.invitations()
	if err != nil {
		return User{}, err
	}
	hash, ok := hashToken(token)
	if !ok {
		return User{}, ErrInvitationInvalid
	}
	u, err := st.InvitedUser(ctx, hash, s.clock())
	if err != nil {
		return User{}, fmt.Errorf("check invitation: %w", err)
	}
	return u, nil
}

// AcceptInvitation sets the invited user's password with a link's token and
// spends the token. A password the policy refuses gives
// FieldErrors{"password": key} and leaves the link usable for another try;
// a link that cannot be used gives ErrInvitationInvalid.
func (s *Service) AcceptInvitation(ctx context.Context, token, password string) (User, error) {
	u, err := s.CheckInvitation(ctx, token)
	if err != nil {
		return User{}, err
	}
	if k := ValidatePassword(password, u.Email); k != "" {
		return User{}, FieldErrors{"password": k}
	}
	st, _ := s.invitations() // CheckInvitation found them
	hash, _ := hashToken(token)
	phc, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return User{}, fmt.Errorf("accept invitation: %w", err)
	}
	if u, err = st.RedeemInvitation(ctx, hash, phc, s.clock()); err != nil {
		return User{}, fmt.Errorf("accept invitation: %w", err)
	}
	return u, nil
}

// UserSummary is a user as the administrators' list shows it.
type UserSummary struct {
	User
	// LastSignIn is when the user last signed in, zero when unknown (never
	// since ogpp started recording it).
	LastSignIn time.Time
}

// DirectoryStore lists users with what the administrators' list shows
// beside them.
type DirectoryStore interface {
	// UserDirectory returns every user with the time of their last
	// sign-in, ordered by email.
	UserDirectory(ctx context.Context) ([]UserSummary, error)
}

// Directory returns every user with their last sign-in, for the
// administrators' list; a store that does not record sign-ins gives the
// users with none.
func (s *Service) Directory(ctx context.Context) ([]UserSummary, error) {
	if st, ok := s.store.(DirectoryStore); ok {
		return st.UserDirectory(ctx)
	}
	users, err := s.store.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]UserSummary, len(users))
	for i, u := range users {
		out[i] = UserSummary{User: u}
	}
	return out, nil
}

// Package platform holds the civil-society platform's own work: its member
// organisations and their representatives, the people who do the work,
// expert groups, and (in files of their own) projects, activities, drafts,
// meetings, appeals and media. It has no SQL and no HTTP; the store
// implements its interfaces for SQLite and PostgreSQL.
package platform

import (
	"context"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// The audit log's entity types of memberships, people and expert groups.
const (
	EntityMembership = "membership"
	EntityPerson     = "person"
	EntityGroup      = "expert_group"
)

// MembershipStore keeps the platform's memberships. Every write checks its
// input (plan.FieldErrors), refuses to overwrite a newer version (a
// *plan.ConflictError[Membership]) and appends its audit entry in the same
// transaction. Unknown or deleted ids are plan.ErrNotFound. No read returns
// a person's contacts.
type MembershipStore interface {
	// ListMemberships returns a page of live memberships of live
	// organisations, alphabetically by organisation, with their
	// representatives.
	ListMemberships(ctx context.Context, f MembershipFilter) (plan.Page[Membership], error)
	// MemberList returns every membership f selects (its Limit and Offset
	// are ignored), for exports: the public member list.
	MemberList(ctx context.Context, f MembershipFilter) ([]Membership, error)
	GetMembership(ctx context.Context, id int64) (Membership, error)
	// MembershipOf returns the live membership of an organisation.
	MembershipOf(ctx context.Context, organisationID int64) (Membership, error)
	// MembershipCandidates lists the live organisations a membership may
	// be added for: not state bodies, not members already, and not the
	// unclassified ("other") executors of measures that imports bring.
	MembershipCandidates(ctx context.Context) ([]plan.Organisation, error)
	// CreateMembership adds a membership, creating its organisation first
	// when e.NewOrganisation is set.
	CreateMembership(ctx context.Context, actor audit.Actor, e MembershipEdit) (int64, error)
	UpdateMembership(ctx context.Context, actor audit.Actor, id int64, e MembershipEdit) error
	// EndMembership records that the organisation left the platform on a
	// day (plan.FieldErrors{"date": …} for a day before it joined).
	EndMembership(ctx context.Context, actor audit.Actor, id int64, on plan.Date, version int) error
	DeleteMembership(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreMembership brings a deleted membership back, unless the
	// organisation has a live one meanwhile (plan.ErrInUse).
	RestoreMembership(ctx context.Context, actor audit.Actor, id int64) error
}

// PeopleStore keeps the people of the platform. Contacts are read only by
// PersonContacts, which callers ask only for those the access policy
// lets see them; every other read leaves them out.
type PeopleStore interface {
	// ListPeople returns a page of live people, alphabetically.
	ListPeople(ctx context.Context, f PeopleFilter) (plan.Page[Person], error)
	// GetPerson returns a live person without contacts.
	GetPerson(ctx context.Context, id int64) (Person, error)
	// PersonContacts returns a live person's private contacts.
	PersonContacts(ctx context.Context, id int64) (Contacts, error)
	CreatePerson(ctx context.Context, actor audit.Actor, e PersonEdit) (int64, error)
	UpdatePerson(ctx context.Context, actor audit.Actor, id int64, e PersonEdit) error
	// DeletePerson refuses with plan.ErrInUse a person who leads a live
	// expert group.
	DeletePerson(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestorePerson(ctx context.Context, actor audit.Actor, id int64) error
}

// GroupStore keeps expert groups.
type GroupStore interface {
	// ListGroups returns a page of live groups, active ones first, then
	// alphabetically.
	ListGroups(ctx context.Context, f GroupFilter) (plan.Page[Group], error)
	// GetGroup returns a live group with its lead and members.
	GetGroup(ctx context.Context, id int64) (Group, error)
	// GroupsOfPerson returns the live groups a person leads or belongs to.
	GroupsOfPerson(ctx context.Context, personID int64) ([]Group, error)
	// GroupCandidates lists the people a group may take in: live people
	// of organisations with an active membership.
	GroupCandidates(ctx context.Context) ([]Person, error)
	CreateGroup(ctx context.Context, actor audit.Actor, e GroupEdit) (int64, error)
	UpdateGroup(ctx context.Context, actor audit.Actor, id int64, e GroupEdit) error
	DeleteGroup(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreGroup(ctx context.Context, actor audit.Actor, id int64) error
}

// MembersStore is all three, as the web layer takes them.
type MembersStore interface {
	MembershipStore
	PeopleStore
	GroupStore
}

// GroupWorkSource lists what an expert group has worked on (drafts, for
// one); a group's page shows it when the server has one.
type GroupWorkSource interface {
	GroupWork(ctx context.Context, groupID int64) ([]GroupWorkItem, error)
}

// Package audit is ogpp's tamper-evident record of every write: an
// append-only log whose entries are chained by SHA-256, so that an entry
// changed, removed or inserted outside ogpp is found and named by Verify.
//
// The package holds the entries, their hash encoding, the verification
// rules and a readable diff of an entry's before and after. It has no SQL
// and no HTTP: the store appends entries inside the transaction of the
// change they record, and streams them back to Verify.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Actor is who made a change: a signed-in user, or ogpp itself acting for a
// command (an import, a migration of data).
type Actor struct {
	// UserID is the user's id; 0 for the system.
	UserID int64
	// Name is the user's email, or "system:" and the command for the
	// system, kept beside the id so that the log still says who it was
	// after the account is renamed or removed.
	Name string
}

// System is ogpp acting on its own for the named command, e.g.
// System("import") is "system:import".
func System(command string) Actor { return Actor{Name: "system:" + command} }

// IsSystem reports whether the actor is ogpp itself rather than a user.
func (a Actor) IsSystem() bool { return a.UserID == 0 && strings.HasPrefix(a.Name, "system:") }

// Action is what a change did.
type Action string

// The actions ogpp records. Others may be added; the log stores any
// non-empty action.
const (
	ActionCreate  Action = "create"
	ActionUpdate  Action = "update"
	ActionDelete  Action = "delete" // soft: the entity can be restored
	ActionRestore Action = "restore"
	ActionImport  Action = "import"
	ActionLogin   Action = "login"
	ActionLogout  Action = "logout"
)

// The entity types the registry and accounts record. Others may be added.
const (
	EntityRegistry     = "registry" // a whole import, with no one entity id
	EntityPlan         = "plan"
	EntityArea         = "area"
	EntityMeasure      = "measure"
	EntityMilestone    = "milestone"
	EntityOrganisation = "organisation"
	EntityUser         = "user"

	// Monitoring's entities.
	EntityMonitoring     = "monitoring" // a whole import of monitoring data, with no one entity id
	EntityRound          = "round"
	EntityAssessment     = "assessment"
	EntityEvidence       = "evidence"
	EntitySelfAssessment = "self_assessment"
)

// Entry is one record of the log.
type Entry struct {
	// Seq numbers entries 1, 2, 3… without gaps, in the order they were
	// appended.
	Seq        int64
	At         time.Time // UTC, to the millisecond
	Actor      Actor
	Action     Action
	EntityType string // "measure", "organisation", "plan", …
	EntityID   string // the entity's id as text; empty for a whole import
	// Before and After are the entity as canonical JSON (see Canonical)
	// before and after the change; nil where there is none (before a
	// create, after a delete).
	Before, After json.RawMessage
	// PrevHash is the Hash of the entry before, or Genesis for the first.
	PrevHash string
	// Hash is the lowercase hex SHA-256 of the entry's encoding (see
	// Encode), which covers PrevHash and so the whole log before it.
	Hash string
}

// Head is the end of a chain: the last entry's Seq and Hash, or 0 and
// Genesis for an empty log.
type Head struct {
	Seq  int64
	Hash string
}

// Genesis is the PrevHash of the first entry: there is nothing before it.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Empty is the head of a log with no entries.
var Empty = Head{Seq: 0, Hash: Genesis}

// Filter selects entries for the admin log browser and an entity's history.
// Zero fields do not filter.
type Filter struct {
	EntityType string
	EntityID   string
	ActorID    int64
	Action     Action
	From       time.Time // entries at or after
	To         time.Time // entries before
	Limit      int
	Offset     int
}

// TimeLayout is the one text form of an entry's time, in the database and
// in the hash: UTC, RFC 3339, milliseconds. Hashing the text rather than a
// driver's time value keeps hashes independent of the database.
const TimeLayout = "2006-01-02T15:04:05.000Z"

// FormatTime writes t in TimeLayout.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeLayout) }

// ParseTime reads a time written by FormatTime, and nothing else: a time in
// any other shape was not written by ogpp.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(TimeLayout, s)
	if err != nil {
		return time.Time{}, err
	}
	if FormatTime(t) != s {
		return time.Time{}, fmt.Errorf("time %q is not in the form %s", s, TimeLayout)
	}
	return t, nil
}

// Chain makes e the entry after head: it numbers it, links it to head,
// normalises its fields to what will be stored and computes its hash. The
// caller sets At (Chain truncates it to the millisecond). Text fields lose
// NUL bytes and invalid UTF-8, which PostgreSQL cannot store, so that what
// is hashed is what is stored.
func Chain(head Head, e Entry) (Entry, error) {
	e.Actor.Name = cleanText(e.Actor.Name)
	e.Action = Action(cleanText(string(e.Action)))
	e.EntityType = cleanText(e.EntityType)
	e.EntityID = cleanText(e.EntityID)
	switch {
	case e.Actor.Name == "":
		return Entry{}, errors.New("audit entry: no actor")
	case e.Action == "":
		return Entry{}, errors.New("audit entry: no action")
	case e.EntityType == "":
		return Entry{}, errors.New("audit entry: no entity type")
	case e.At.IsZero():
		return Entry{}, errors.New("audit entry: no time")
	case len(head.Hash) != len(Genesis):
		return Entry{}, fmt.Errorf("audit entry: bad head hash %q", head.Hash)
	}
	var err error
	if e.Before, err = Canonical(e.Before); err != nil {
		return Entry{}, fmt.Errorf("audit entry: before: %w", err)
	}
	if e.After, err = Canonical(e.After); err != nil {
		return Entry{}, fmt.Errorf("audit entry: after: %w", err)
	}
	e.At = e.At.UTC().Truncate(time.Millisecond)
	e.Seq = head.Seq + 1
	e.PrevHash = head.Hash
	e.Hash = e.ComputeHash()
	return e, nil
}

func cleanText(s string) string {
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "\uFFFD")
}

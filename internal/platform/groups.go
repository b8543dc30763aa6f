package platform

import (
	"time"

	"ogpp/internal/plan"
)

// GroupStatus says whether an expert group still works.
type GroupStatus string

// Group statuses.
const (
	GroupActive   GroupStatus = "active"
	GroupFinished GroupStatus = "finished"
)

// GroupStatuses lists the statuses in display order.
var GroupStatuses = []GroupStatus{GroupActive, GroupFinished}

// Valid reports whether s is a known status.
func (s GroupStatus) Valid() bool { return s == GroupActive || s == GroupFinished }

// Group is an expert group: people of member organisations formed, under a
// lead, for an activity or a draft.
type Group struct {
	ID      int64
	Name    plan.Text
	Purpose plan.Text
	// FormedFor says what the group was formed for, in words; ActivityID
	// and DraftID name the activity or draft by id when there is one
	// (0 for none). They are plain numbers, not references the database
	// checks: activities and drafts live in other parts of ogpp.
	FormedFor  plan.Text
	ActivityID int64
	DraftID    int64
	LeadID     int64     // 0 for none yet
	Lead       PersonRef // filled by reads when LeadID is set
	Members    []PersonRef
	Status     GroupStatus
	UpdatedAt  time.Time
	// MemberCount is filled by list reads, which leave Members empty.
	MemberCount int
	// Version counts the writes to the group (see GroupEdit).
	Version int
}

// GroupFilter selects groups; empty fields select all.
type GroupFilter struct {
	Status GroupStatus
	Limit  int
	Offset int
}

// GroupEdit is what a coordinator's form sets on a group. MemberIDs are
// people; the lead is a member too, whether or not it is listed. Version is
// as for MembershipEdit.
type GroupEdit struct {
	Name       plan.Text
	Purpose    plan.Text
	FormedFor  plan.Text
	ActivityID int64
	DraftID    int64
	LeadID     int64
	MemberIDs  []int64
	Status     GroupStatus
	Version    int
}

// Validate tidies e (drops repeated members, adds the lead to them) and
// checks it; the store checks that the people exist and that those newly
// added belong to organisations with an active membership.
func (e *GroupEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Name, e.Purpose, e.FormedFor = membersTidyText(e.Name), membersTidyText(e.Purpose), membersTidyText(e.FormedFor)
	if e.Name.IsEmpty() {
		fe["name"] = "members.group.name.required"
	}
	membersCheckText(fe, "name", e.Name, membersMaxShort)
	membersCheckText(fe, "purpose", e.Purpose, membersMaxLong)
	membersCheckText(fe, "formed_for", e.FormedFor, membersMaxShort)
	if e.ActivityID < 0 {
		fe["activity"] = "members.number.invalid"
	}
	if e.DraftID < 0 {
		fe["draft"] = "members.number.invalid"
	}
	if e.LeadID < 0 {
		fe["lead"] = "members.person.unknown"
	}
	if !e.Status.Valid() {
		fe["status"] = "members.status.invalid"
	}
	var ids []int64
	seen := map[int64]bool{}
	if e.LeadID > 0 {
		ids, seen[e.LeadID] = append(ids, e.LeadID), true
	}
	for _, id := range e.MemberIDs {
		if id <= 0 {
			fe["members"] = "members.person.unknown"
			continue
		}
		if !seen[id] {
			ids, seen[id] = append(ids, id), true
		}
	}
	if len(ids) > membersMaxPeople {
		fe["members"] = "members.group.too_many"
	}
	e.MemberIDs = ids
	return fe
}

// GroupWorkItem is one piece of a group's work as its page lists it: a
// draft, say, with where to read it.
type GroupWorkItem struct {
	Kind   string // a message key naming what it is, e.g. "drafts.kind.proposals"
	Title  plan.Text
	URL    string
	Status string // a message key, or "" for none
	At     time.Time
}

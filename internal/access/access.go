// Package access is the one place that decides who may do what: a policy
// of role × action × ownership. Handlers never compare roles themselves;
// the web layer asks Can for the action a route is registered with.
package access

import (
	"slices"

	"ogpp/internal/account"
)

// Action is something a request asks to do.
type Action string

// The actions routes are registered with.
const (
	// Public is reading what the public site shows; anyone may.
	Public Action = "public"
	// SignIn covers the login, logout and first-admin setup forms, which
	// must stay reachable to the anonymous.
	SignIn Action = "signin"
	// Account is a signed-in user's own account (password change, logout
	// everywhere).
	Account Action = "account"
	// EditRegistry is creating, editing and deleting plans, areas,
	// measures, milestones and organisations.
	EditRegistry Action = "registry.edit"
	// RestoreDeleted is bringing back a soft-deleted row.
	RestoreDeleted Action = "registry.restore"
	// ManageUsers is inviting users, changing roles and disabling accounts.
	ManageUsers Action = "users.manage"
	// ReadAudit is browsing the audit log and entities' history.
	ReadAudit Action = "audit.read"
	// AnswerForMeasure is a government body's own account of a measure it
	// executes (its self-assessment); it needs ownership (see Resource).
	AnswerForMeasure Action = "measure.answer"
	// ReadMonitoring is seeing rounds before they are published, and the
	// assessments in them with their drafts and review.
	ReadMonitoring Action = "monitor.read"
	// Assess is writing assessments and their evidence in an open round,
	// and submitting them for review.
	Assess Action = "monitor.assess"
	// Review is approving or returning an assessment; never one's own
	// (see Resource.AuthorID).
	Review Action = "monitor.review"
	// ManageRounds is creating rounds, closing, reopening and publishing
	// them.
	ManageRounds Action = "monitor.rounds"
	// ReadRound is reading a round, its dashboard and its evidence: anyone
	// once it is published, before that only who may ReadMonitoring (see
	// Resource.Unpublished).
	ReadRound Action = "monitor.round.read"
	// ManageMembers is adding, editing, ending and deleting the platform's
	// memberships, people and expert groups.
	ManageMembers Action = "members.manage"
	// SeeContacts is seeing people's private contacts (email, phone,
	// address); the public sees names, organisations and expertise only.
	SeeContacts Action = "people.contacts"
	// ManagePlatform is creating, editing and deleting the platform's
	// projects, their activities, tasks and indicators.
	ManagePlatform Action = "platform.manage"
	// CompleteTask is marking a task of an activity done: who manages the
	// platform's work, and the task's assignee when a monitor or a member
	// (see Resource.AssigneeID).
	CompleteTask Action = "platform.task.complete"
	// ReadDrafts is reading drafts before they are published, with their
	// versions and comments, and the platform's meetings.
	ReadDrafts Action = "drafts.read"
	// ReadDraft is reading one draft: anyone once it is published (its
	// adopted text), before that only who may ReadDrafts (see
	// Resource.Unpublished).
	ReadDraft Action = "drafts.draft.read"
	// CommentDraft is commenting on a draft and replying to comments.
	CommentDraft Action = "drafts.comment"
	// StartDraft is starting a draft and giving it to an expert group.
	StartDraft Action = "drafts.start"
	// WriteDraft is saving a new version of a draft's text and resolving
	// its comment threads: coordinators, administrators, and the members
	// of the expert group drafting it (see Resource.GroupMember).
	WriteDraft Action = "drafts.write"
	// ManageMeetings is recording the platform's meetings, their agendas,
	// attendance, votes and outcomes.
	ManageMeetings Action = "meetings.manage"
	// PublishDraft is publishing a draft a meeting adopted.
	PublishDraft Action = "drafts.publish"
	// ManageAppeals is recording the platform's appeals to state bodies,
	// their replies and documents. The list of appeals and their status
	// is public.
	ManageAppeals Action = "platform.appeals"
	// ReadAppealDocument is downloading an appeal's letter or a reply's
	// file: anyone once the coordinators publish the appeal's documents,
	// before that only who may ManageAppeals (see Resource.Unpublished,
	// which marks documents not published).
	ReadAppealDocument Action = "platform.appeals.document"
	// ManageMedia is recording the media coverage of the platform's work,
	// which the public reads.
	ManageMedia Action = "platform.media"
	// ManageResources is reading and keeping the register of equipment and
	// material the platform bought: its grants' business, not the
	// public's.
	ManageResources Action = "platform.resources"
	// ManageSurveys is building surveys, opening and closing them, and
	// reading their responses and exports: coordinators and monitors, who
	// run the platform's surveys.
	ManageSurveys Action = "survey.manage"
	// EnterResponses is typing in paper questionnaires as an interviewer.
	EnterResponses Action = "survey.enter"
	// ReadSurveyResults is reading a survey's results: anyone once the
	// survey publishes them, before that only who may ManageSurveys (see
	// Resource.Unpublished).
	ReadSurveyResults Action = "survey.results"
	// ManageScorecards is creating scorecards, adding their subjects and
	// criteria, entering scores with their evidence, and publishing them:
	// coordinators and the monitors who make the assessments.
	ManageScorecards Action = "scorecards.manage"
	// ReadScorecard is reading one scorecard with its table, chart and
	// CSV: anyone once it is published, before that only who may
	// ManageScorecards (see Resource.Unpublished).
	ReadScorecard Action = "scorecards.read"
	// ManageEvents is recording the platform's events and reading and
	// checking in their participants, whose names the public never sees.
	ManageEvents Action = "events.manage"
	// ManageNews is writing, publishing, withdrawing and deleting the
	// platform's news.
	ManageNews Action = "news.manage"
	// ReadNews is reading one news item: anyone once it is published,
	// before that only who may ManageNews (see Resource.Unpublished).
	ReadNews Action = "news.read"
	// ManageLibrary is adding, editing, publishing and deleting the
	// documents of the library of materials and their files.
	ManageLibrary Action = "library.manage"
	// ReadDocument is reading one document of the library and downloading
	// its files: anyone once it is published, before that only who may
	// ManageLibrary (see Resource.Unpublished).
	ReadDocument Action = "library.document.read"
)

// Subject is who asks: a signed-in user, or the anonymous public when User
// is nil.
type Subject struct {
	User *account.User
}

// Anonymous reports whether nobody is signed in.
func (s Subject) Anonymous() bool { return s.User == nil || s.User.Disabled }

// Resource is what an action is done to, as far as ownership matters: the
// organisations executing a measure, for a focal point's answer; the
// author of an assessment, for its review.
type Resource struct {
	ExecutorIDs []int64
	// AuthorID is the user who wrote the work under review; 0 for none.
	AuthorID int64
	// Unpublished marks a round, or what belongs to one, that the public
	// may not see yet.
	Unpublished bool
	// AssigneeID is the user a task is assigned to; 0 for none.
	AssigneeID int64
	// GroupMember marks a draft of an expert group the user belongs to.
	GroupMember bool
}

// grants lists, per role, the actions it may take on anything. Ownership
// rules come on top in Can.
var grants = map[account.Role][]Action{
	account.RoleAdmin: {Account, EditRegistry, RestoreDeleted, ManageUsers, ReadAudit, ReadMonitoring, Assess, Review, ManageRounds, ManageMembers, SeeContacts, ManagePlatform, CompleteTask,
		ReadDrafts, CommentDraft, StartDraft, WriteDraft, ManageMeetings, PublishDraft,
		ManageAppeals, ManageMedia, ManageResources, ManageScorecards, ManageSurveys, EnterResponses, ManageEvents,
		ManageLibrary, ManageNews},
	account.RoleCoordinator: {Account, EditRegistry, ReadAudit, ReadMonitoring, Assess, Review, ManageRounds, ManageMembers, SeeContacts, ManagePlatform, CompleteTask,
		ReadDrafts, CommentDraft, StartDraft, WriteDraft, ManageMeetings, PublishDraft,
		ManageAppeals, ManageMedia, ManageResources, ManageScorecards, ManageSurveys, EnterResponses, ManageEvents,
		ManageLibrary, ManageNews},
	account.RoleMonitor:    {Account, ReadMonitoring, Assess, Review, ReadDrafts, CommentDraft, ManageScorecards, ManageSurveys, EnterResponses},
	account.RoleMember:     {Account, ReadDrafts, CommentDraft},
	account.RoleFocalPoint: {Account},
}

// AnonymousMay reports whether the public may ever take action a, whatever
// it is taken on: the guard refuses the anonymous the others before it
// looks anything up, so that a made-up id answers 403 like a real one.
func AnonymousMay(a Action) bool {
	return a == Public || a == SignIn || a == ReadRound || a == ReadDraft || a == ReadAppealDocument || a == ReadScorecard || a == ReadSurveyResults || a == ReadNews ||
		a == ReadDocument
}

// Can reports whether s may do a to r.
func Can(s Subject, a Action, r Resource) bool {
	switch a {
	case Public, SignIn:
		return true
	case ReadRound:
		if !r.Unpublished {
			return true
		}
		a = ReadMonitoring
	case ReadDraft:
		if !r.Unpublished {
			return true
		}
		a = ReadDrafts
	case ReadSurveyResults:
		if !r.Unpublished {
			return true
		}
		a = ManageSurveys
	case ReadAppealDocument:
		if !r.Unpublished {
			return true
		}
		a = ManageAppeals
	case ReadScorecard:
		if !r.Unpublished {
			return true
		}
		a = ManageScorecards
	case ReadNews:
		if !r.Unpublished {
			return true
		}
		a = ManageNews
	case ReadDocument:
		if !r.Unpublished {
			return true
		}
		a = ManageLibrary
	}
	if s.Anonymous() {
		return false
	}
	if slices.Contains(grants[s.User.Role], a) {
		// Nobody reviews their own work, whatever their role.
		return a != Review || r.AuthorID == 0 || r.AuthorID != s.User.ID
	}
	// The members of an expert group write its drafts, whatever their
	// role but a focal point's: a state official takes no part in
	// civil society's drafting.
	if a == WriteDraft {
		return r.GroupMember && (s.User.Role == account.RoleMonitor || s.User.Role == account.RoleMember)
	}
	// Monitors and members complete the tasks assigned to them, and no
	// others: a focal point answers for the state, not the platform.
	if a == CompleteTask {
		return (s.User.Role == account.RoleMonitor || s.User.Role == account.RoleMember) && r.AssigneeID != 0 && r.AssigneeID == s.User.ID
	}
	// A focal point answers only for the measures its own body executes.
	if a == AnswerForMeasure {
		if s.User.Role == account.RoleAdmin || s.User.Role == account.RoleCoordinator {
			return true
		}
		return s.User.Role == account.RoleFocalPoint && s.User.OrganisationID != 0 && slices.Contains(r.ExecutorIDs, s.User.OrganisationID)
	}
	return false
}

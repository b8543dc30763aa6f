package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// draftsFix is a platform of three member NGOs (the third left in
// December 2017), an expert group whose member has an account's email,
// and a proposal package drafted by the group.
type draftsFix struct {
	orgs        [3]int64
	memberships [3]int64
	group       int64
	draft       int64
}

// The seed's activity 3: a package of proposals on an enabling
// environment for NGOs.
const (
	draftV1 = `The OGP Platform proposes the following to the government.

# Registration of NGOs

Registration of an NGO takes too long.

The Ministry of Justice should register within 30 days.

# Grants

State grants should be open to all NGOs.
`
	draftV2 = `The OGP Platform proposes the following to the government.

# Registration of NGOs

Registration of an NGO takes far too long: 90 days on average.

The Ministry of Justice should register within 30 days.

# State grants

State grants should be open to all NGOs.

# Foreign funding

Registration of foreign grants should be a notification.
`
)

func draftsFixture(t *testing.T, db *store.DB) draftsFix {
	t.Helper()
	ctx := context.Background()
	tick(db)
	var f draftsFix
	names := []string{"İqtisadi Təşəbbüslərə Yardım İctimai Birliyi", "Açıq Cəmiyyət Təşəbbüsü", "Vətəndaş Cəmiyyəti Mərkəzi"}
	for i, n := range names {
		id, err := db.CreateOrganisation(ctx, coordinator, plan.OrganisationEdit{Name: plan.Text{"az": n}, Kind: plan.OrgNGO})
		if err != nil {
			t.Fatal(err)
		}
		f.orgs[i] = id
		if f.memberships[i], err = db.CreateMembership(ctx, coordinator, platform.MembershipEdit{OrganisationID: id, Since: "2016-05-10",
			Status: platform.MembershipActive}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := db.GetMembership(ctx, f.memberships[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := db.EndMembership(ctx, coordinator, f.memberships[2], plan.Date{Year: 2017, Month: 12, Day: 1}, m.Version); err != nil {
		t.Fatal(err)
	}
	lead, err := db.CreatePerson(ctx, coordinator, platform.PersonEdit{Name: plan.Text{"az": "Aysel Əliyeva"}, OrganisationID: f.orgs[0],
		Contacts: platform.Contacts{Email: "Aysel@Example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	if f.group, err = db.CreateGroup(ctx, coordinator, platform.GroupEdit{Name: plan.Text{"en": "Enabling environment for NGOs"}, LeadID: lead,
		Status: platform.GroupActive}); err != nil {
		t.Fatal(err)
	}
	if f.draft, err = db.CreateDraft(ctx, coordinator, drafts.DraftEdit{Kind: drafts.KindProposals,
		Title:   plan.Text{"en": "Proposals on an enabling environment for NGOs", "az": "QHT-lər üçün əlverişli mühit haqqında təkliflər"},
		GroupID: f.group, ActivityID: 3, Body: draftV1}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDraftVersionsAndDiff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := draftsFixture(t, db)
		author := createUser(t, db, "aysel@example.org", "member")
		d, err := db.GetDraft(ctx, f.draft)
		if err != nil {
			t.Fatal(err)
		}
		if d.Current != 1 || d.Status != drafts.StatusDrafting || d.GroupName.String() != "Enabling environment for NGOs" || d.ActivityID != 3 {
			t.Fatalf("new draft: %+v", d)
		}
		v2, err := db.SaveRevision(ctx, audit.Actor{UserID: author.ID, Name: author.Email}, drafts.RevisionEdit{DraftID: f.draft, Body: draftV2, Note: "Figures added", Base: 1})
		if err != nil {
			t.Fatal(err)
		}
		if v2.Number != 2 || v2.AuthorName != "Name" {
			t.Errorf("saved %+v, want version 2 by the account's name", v2)
		}
		// A colleague who started from version 1 does not overwrite it.
		_, err = db.SaveRevision(ctx, coordinator, drafts.RevisionEdit{DraftID: f.draft, Body: draftV1 + "\nMore.", Base: 1})
		var stale *plan.ConflictError[drafts.Revision]
		if !errors.As(err, &stale) || stale.Current.Number != 2 || stale.Current.Body != draftV2[:len(draftV2)-1] {
			t.Fatalf("stale save: %v", err)
		}
		if _, err := db.SaveRevision(ctx, coordinator, drafts.RevisionEdit{DraftID: f.draft, Body: "  ", Base: 2}); !hasField(err, "body", "drafts.body.required") {
			t.Errorf("empty text: %v", err)
		}
		revs, err := db.Revisions(ctx, f.draft)
		if err != nil || len(revs) != 2 || revs[0].Number != 2 || revs[1].Note != "" || revs[0].Note != "Figures added" {
			t.Fatalf("versions %+v, %v", revs, err)
		}
		old, err := db.GetRevision(ctx, f.draft, 1)
		if err != nil {
			t.Fatal(err)
		}
		var changes []string
		for _, s := range drafts.Diff(old.Body, revs[0].Body) {
			changes = append(changes, s.Slug+":"+string(s.Change))
		}
		if got := strings.Join(changes, " "); got != "_:unchanged registration-of-ngos:changed state-grants:changed foreign-funding:added" {
			t.Errorf("diff: %s", got)
		}
		// The log holds the text before and after, for its readable diff.
		e := lastEntry(t, db, drafts.EntityDraft, f.draft)
		if e.Action != audit.ActionUpdate || !strings.Contains(string(e.Before), "takes too long") || !strings.Contains(string(e.After), "90 days") {
			t.Errorf("audit entry: %s → %s", e.Before, e.After)
		}
		if _, err := db.GetRevision(ctx, f.draft, 3); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("version 3: %v", err)
		}
		wantCleanContent(t, db)
	})
}

func TestDraftCommentThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := draftsFixture(t, db)
		member := audit.Actor{UserID: 0, Name: "member@example.org"}
		root, err := db.AddComment(ctx, member, drafts.CommentEdit{DraftID: f.draft, Revision: 1, Section: "registration-of-ngos", Paragraph: 2,
			Body: "Thirty days is still *too long*."})
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct {
			e     drafts.CommentEdit
			field string
			key   string
		}{
			{drafts.CommentEdit{DraftID: f.draft, Revision: 1, Section: "budget", Body: "x"}, "section", "drafts.section.unknown"},
			{drafts.CommentEdit{DraftID: f.draft, Revision: 1, Section: "grants", Paragraph: 2, Body: "x"}, "section", "drafts.paragraph.unknown"},
			{drafts.CommentEdit{DraftID: f.draft, Revision: 4, Section: "grants", Body: "x"}, "section", "drafts.section.unknown"},
			{drafts.CommentEdit{DraftID: f.draft, ParentID: 9999, Body: "x"}, "comment", "drafts.comment.unknown"},
		} {
			if _, err := db.AddComment(ctx, member, bad.e); !hasField(err, bad.field, bad.key) {
				t.Errorf("%+v: %v", bad.e, err)
			}
		}
		reply, err := db.AddComment(ctx, coordinator, drafts.CommentEdit{DraftID: f.draft, ParentID: root, Body: "Agreed: 15 days."})
		if err != nil {
			t.Fatal(err)
		}
		// A reply to a reply joins the thread, with its anchor.
		if _, err := db.AddComment(ctx, member, drafts.CommentEdit{DraftID: f.draft, ParentID: reply, Body: "Fine."}); err != nil {
			t.Fatal(err)
		}
		whole, err := db.AddComment(ctx, member, drafts.CommentEdit{DraftID: f.draft, Revision: 1, Section: drafts.Preamble, Body: "Name the ministry."})
		if err != nil {
			t.Fatal(err)
		}
		threads, err := db.Comments(ctx, f.draft)
		if err != nil || len(threads) != 2 {
			t.Fatalf("threads %+v, %v", threads, err)
		}
		th := threads[0]
		if th.ID != root || len(th.Replies) != 2 || th.Replies[1].Section != "registration-of-ngos" || th.Replies[1].Paragraph != 2 || th.Replies[1].ParentID != root {
			t.Fatalf("thread %+v", th)
		}
		if threads[1].ID != whole || threads[1].Paragraph != 0 {
			t.Errorf("second thread %+v", threads[1])
		}
		if d, _ := db.GetDraft(ctx, f.draft); d.OpenThreads != 2 {
			t.Errorf("open threads %d", d.OpenThreads)
		}
		// Resolving: a stale version is a conflict, a reply is no thread.
		if err := db.ResolveComment(ctx, coordinator, f.draft, reply, true, 1); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("resolve a reply: %v", err)
		}
		if err := db.ResolveComment(ctx, coordinator, f.draft, root, true, th.Version); err != nil {
			t.Fatal(err)
		}
		var stale *plan.ConflictError[drafts.Comment]
		if err := db.ResolveComment(ctx, coordinator, f.draft, root, false, th.Version); !errors.As(err, &stale) || !stale.Current.Resolved {
			t.Errorf("stale reopen: %v", err)
		}
		threads, _ = db.Comments(ctx, f.draft)
		if !threads[0].Resolved || threads[0].ResolvedBy != coordinator.Name || threads[0].ResolvedAt == nil {
			t.Errorf("resolved thread %+v", threads[0])
		}
		if d, _ := db.GetDraft(ctx, f.draft); d.OpenThreads != 1 {
			t.Errorf("open threads after resolving %d", d.OpenThreads)
		}
		if err := db.ResolveComment(ctx, coordinator, f.draft, root, false, threads[0].Version); err != nil {
			t.Fatal(err)
		}
		if threads, _ = db.Comments(ctx, f.draft); threads[0].Resolved || threads[0].ResolvedAt != nil {
			t.Errorf("reopened thread %+v", threads[0])
		}
		wantCleanContent(t, db)
		tamper(t, db, `UPDATE draft_comments SET body = 'Thirty days is fine.' WHERE id = `+itoa(root))
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != drafts.EntityComment || problems[0].ID != root {
			t.Errorf("tampered comment: %+v, %v", problems, err)
		}
	})
}

func TestMeetingDecidesAndLocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := draftsFixture(t, db)
		other, err := db.CreateDraft(ctx, coordinator, drafts.DraftEdit{Kind: drafts.KindReport, Title: plan.Text{"en": "Budget debates"}, Body: "# Findings\n\nFew."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateMeeting(ctx, coordinator, drafts.MeetingEdit{Date: "2017-06-15", Place: "Bakı", Quorum: drafts.DefaultQuorum, Agenda: []int64{f.draft, 9999}}); !hasField(err, "agenda", "drafts.agenda.unknown") {
			t.Fatalf("unknown draft on the agenda: %v", err)
		}
		mid, err := db.CreateMeeting(ctx, coordinator, drafts.MeetingEdit{Date: "2017-06-15", Place: "Bakı, Nizami küç. 1", Quorum: drafts.DefaultQuorum,
			Agenda: []int64{f.draft, other}})
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := db.GetDraft(ctx, f.draft); d.Status != drafts.StatusOnAgenda {
			t.Fatalf("draft on the agenda is %s", d.Status)
		}
		if _, err := db.CreateMeeting(ctx, coordinator, drafts.MeetingEdit{Date: "2017-07-01", Place: "Gəncə", Quorum: drafts.DefaultQuorum, Agenda: []int64{f.draft}}); !hasField(err, "agenda", "drafts.agenda.not_ready") {
			t.Errorf("a draft on two agendas: %v", err)
		}
		// The third NGO left in December: on the meeting's day it was a member.
		active, err := db.ActiveMembers(ctx, plan.Date{Year: 2017, Month: 6, Day: 15})
		if err != nil || len(active) != 3 {
			t.Fatalf("active members in June 2017: %+v, %v", active, err)
		}
		if later, _ := db.ActiveMembers(ctx, plan.Date{Year: 2018, Month: 1, Day: 15}); len(later) != 2 {
			t.Errorf("active members in 2018: %+v", later)
		}
		m, err := db.GetMeeting(ctx, mid)
		if err != nil || len(m.Agenda) != 2 || m.Agenda[0].DraftID != f.draft || m.Agenda[0].Position != 1 || m.Attendance {
			t.Fatalf("meeting %+v, %v", m, err)
		}
		item, otherItem := m.Agenda[0], m.Agenda[1]
		decide := func(it drafts.AgendaItem, v drafts.Votes, o drafts.Outcome, revision int) error {
			m, err := db.GetMeeting(ctx, mid)
			if err != nil {
				t.Fatal(err)
			}
			return db.RecordDecision(ctx, coordinator, drafts.DecisionEdit{MeetingID: mid, ItemID: it.ID, Votes: v, Outcome: o, Revision: revision, Version: m.Version})
		}
		if err := decide(item, drafts.Votes{For: 1}, drafts.OutcomeAdopted, 1); !hasField(err, "outcome", "drafts.outcome.no_attendance") {
			t.Errorf("adopted before attendance: %v", err)
		}
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: []int64{f.orgs[0], 9999}, Version: m.Version}); !hasField(err, "present", "drafts.present.not_member") {
			t.Errorf("a non-member present: %v", err)
		}
		// One of three is no quorum: adopting is refused, returning is not.
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: []int64{f.orgs[0]}, Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		var stale *plan.ConflictError[drafts.Meeting]
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: []int64{f.orgs[0]}, Version: m.Version}); !errors.As(err, &stale) {
			t.Errorf("stale attendance: %v", err)
		}
		if err := decide(item, drafts.Votes{For: 1}, drafts.OutcomeAdopted, 1); !hasField(err, "outcome", "drafts.outcome.no_quorum") {
			t.Errorf("adopted without quorum: %v", err)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: []int64{f.orgs[0], f.orgs[2]}, Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if !m.QuorumMet() || m.Eligible != 3 || len(m.Present) != 2 {
			t.Fatalf("2 of 3: %+v", m)
		}
		if err := decide(item, drafts.Votes{For: 1, Abstain: 1}, drafts.OutcomeAdopted, 1); !hasField(err, "outcome", "drafts.outcome.no_majority") {
			t.Errorf("adopted without majority: %v", err)
		}
		if err := decide(item, drafts.Votes{For: 2, Against: 1}, drafts.OutcomeAdopted, 1); !hasField(err, "votes", "drafts.votes.too_many") {
			t.Errorf("more votes than present: %v", err)
		}
		// A version saved after the form was shown was not voted on.
		if _, err := db.SaveRevision(ctx, coordinator, drafts.RevisionEdit{DraftID: f.draft, Body: draftV2, Base: 1}); err != nil {
			t.Fatal(err)
		}
		if err := decide(item, drafts.Votes{For: 2}, drafts.OutcomeAdopted, 1); !hasField(err, "outcome", "drafts.decision.newer_version") {
			t.Errorf("decided on an older version: %v", err)
		}
		if err := decide(item, drafts.Votes{For: 2}, drafts.OutcomeAdopted, 2); err != nil {
			t.Fatal(err)
		}
		d, _ := db.GetDraft(ctx, f.draft)
		if d.Status != drafts.StatusAdopted || d.Adopted != 2 || d.DecidedBy != mid {
			t.Fatalf("adopted draft %+v", d)
		}
		// The adopted text is locked and no longer discussed.
		if _, err := db.SaveRevision(ctx, coordinator, drafts.RevisionEdit{DraftID: f.draft, Body: draftV2 + "\nOne more.", Base: 2}); !errors.Is(err, drafts.ErrLocked) {
			t.Errorf("new version of the adopted text: %v", err)
		}
		if _, err := db.AddComment(ctx, coordinator, drafts.CommentEdit{DraftID: f.draft, Revision: 2, Section: "grants", Body: "Late."}); !errors.Is(err, drafts.ErrClosed) {
			t.Errorf("comment on the adopted text: %v", err)
		}
		if err := decide(item, drafts.Votes{For: 2}, drafts.OutcomeAdopted, 2); !errors.Is(err, drafts.ErrDecided) {
			t.Errorf("decided twice: %v", err)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: []int64{f.orgs[0]}, Version: m.Version}); !errors.Is(err, drafts.ErrDecided) {
			t.Errorf("attendance changed after a decision: %v", err)
		}
		// The other draft goes back for revision, and may be written on
		// and put on another agenda.
		if err := decide(otherItem, drafts.Votes{}, drafts.OutcomeReturned, 1); err != nil {
			t.Fatal(err)
		}
		if o, _ := db.GetDraft(ctx, other); o.Status != drafts.StatusReturned || o.Adopted != 0 {
			t.Errorf("returned draft %+v", o)
		}
		if _, err := db.SaveRevision(ctx, coordinator, drafts.RevisionEdit{DraftID: other, Body: "# Findings\n\nMore.", Base: 1}); err != nil {
			t.Errorf("revising a returned draft: %v", err)
		}
		if agenda, _ := db.ListDrafts(ctx, drafts.DraftFilter{Agenda: true}); len(agenda) != 1 || agenda[0].ID != other {
			t.Errorf("drafts for an agenda: %+v", agenda)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if m.Agenda[0].Outcome != drafts.OutcomeAdopted || m.Agenda[0].Votes.For != 2 || m.Agenda[0].Revision != 2 || m.Agenda[0].DecidedAt == nil {
			t.Errorf("decided item %+v", m.Agenda[0])
		}
		if ms, err := db.ListMeetings(ctx); err != nil || len(ms) != 1 || len(ms[0].Agenda) != 2 {
			t.Errorf("meetings %+v, %v", ms, err)
		}
		wantCleanContent(t, db)
		tamper(t, db, `UPDATE agenda_items SET votes_for = 3 WHERE id = `+itoa(item.ID))
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != drafts.EntityMeeting || problems[0].ID != mid {
			t.Errorf("tampered vote: %+v, %v", problems, err)
		}
	})
}

func TestPublishedDraftsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := draftsFixture(t, db)
		d, _ := db.GetDraft(ctx, f.draft)
		if err := db.PublishDraft(ctx, coordinator, f.draft, d.Version); !errors.Is(err, drafts.ErrBadTransition) {
			t.Errorf("published a draft being written: %v", err)
		}
		if ds, _ := db.ListDrafts(ctx, drafts.DraftFilter{PublishedOnly: true}); len(ds) != 0 {
			t.Errorf("published before publication: %+v", ds)
		}
		if work, _ := db.GroupWork(ctx, f.group); len(work) != 0 {
			t.Errorf("the group's public work lists an unpublished draft: %+v", work)
		}
		mid, err := db.CreateMeeting(ctx, coordinator, drafts.MeetingEdit{Date: "2017-06-15", Place: "Bakı", Quorum: drafts.Quorum{Num: 2, Den: 3, AtLeast: true}, Agenda: []int64{f.draft}})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := db.GetMeeting(ctx, mid)
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: f.orgs[:], Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if err := db.RecordDecision(ctx, coordinator, drafts.DecisionEdit{MeetingID: mid, ItemID: m.Agenda[0].ID, Votes: drafts.Votes{For: 2, Against: 1},
			Outcome: drafts.OutcomeAdopted, Revision: 1, Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		d, _ = db.GetDraft(ctx, f.draft)
		var stale *plan.ConflictError[drafts.Draft]
		if err := db.PublishDraft(ctx, coordinator, f.draft, d.Version-1); !errors.As(err, &stale) || stale.Current.Status != drafts.StatusAdopted {
			t.Errorf("stale publication: %v", err)
		}
		if err := db.PublishDraft(ctx, coordinator, f.draft, d.Version); err != nil {
			t.Fatal(err)
		}
		ds, err := db.ListDrafts(ctx, drafts.DraftFilter{PublishedOnly: true})
		if err != nil || len(ds) != 1 || ds[0].ID != f.draft || ds[0].PublishedAt == nil || !ds[0].Public() || ds[0].Adopted != 1 {
			t.Fatalf("published drafts %+v, %v", ds, err)
		}
		work, err := db.GroupWork(ctx, f.group)
		if err != nil || len(work) != 1 || work[0].URL != "/drafts/"+itoa(f.draft) || work[0].Status != "drafts.status.published" {
			t.Errorf("group work %+v, %v", work, err)
		}
		if err := db.PublishDraft(ctx, coordinator, f.draft, ds[0].Version); !errors.Is(err, drafts.ErrBadTransition) {
			t.Errorf("published twice: %v", err)
		}
		wantCleanContent(t, db)
		tamper(t, db, `UPDATE draft_revisions SET body = 'Nothing to propose.' WHERE draft_id = `+itoa(f.draft))
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != drafts.EntityDraft || !strings.Contains(problems[0].Name, "version 1") {
			t.Errorf("tampered adopted text: %+v, %v", problems, err)
		}
	})
}

func TestDraftGroupMembersAndRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := draftsFixture(t, db)
		for email, want := range map[string]bool{"aysel@example.org": true, "AYSEL@example.org": true, "rauf@example.org": false, "": false} {
			if got, err := db.GroupMember(ctx, f.group, email); err != nil || got != want {
				t.Errorf("GroupMember(%q) = %v, %v", email, got, err)
			}
		}
		groups, err := db.ExpertGroups(ctx)
		if err != nil || len(groups) != 1 || groups[0].ID != f.group {
			t.Errorf("expert groups %+v, %v", groups, err)
		}
		if _, err := db.CreateDraft(ctx, coordinator, drafts.DraftEdit{Kind: drafts.KindReport, Title: plan.Text{"en": "X"}, GroupID: 9999}); !hasField(err, "group", "drafts.group.unknown") {
			t.Errorf("unknown group: %v", err)
		}
		id, err := db.CreateDraft(ctx, coordinator, drafts.DraftEdit{Kind: drafts.KindStrategicPlan, Title: plan.Text{"az": "Strateji Fəaliyyət Planı 2017-2020"}})
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := db.GetDraft(ctx, id); d.Current != 0 || d.GroupID != 0 {
			t.Errorf("draft without text: %+v", d)
		}
		// A draft without text can be returned, not adopted.
		mid, err := db.CreateMeeting(ctx, coordinator, drafts.MeetingEdit{Date: "2017-06-15", Place: "Bakı", Quorum: drafts.DefaultQuorum, Agenda: []int64{id}})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := db.GetMeeting(ctx, mid)
		if err := db.RecordAttendance(ctx, coordinator, drafts.AttendanceEdit{MeetingID: mid, Present: f.orgs[:], Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		m, _ = db.GetMeeting(ctx, mid)
		if err := db.RecordDecision(ctx, coordinator, drafts.DecisionEdit{MeetingID: mid, ItemID: m.Agenda[0].ID, Votes: drafts.Votes{For: 3},
			Outcome: drafts.OutcomeAdopted, Revision: 0, Version: m.Version}); !hasField(err, "outcome", "drafts.decision.no_text") {
			t.Errorf("adopted an empty draft: %v", err)
		}
		if err := db.RecordDecision(ctx, coordinator, drafts.DecisionEdit{MeetingID: mid, ItemID: 9999, Outcome: drafts.OutcomeReturned, Version: m.Version}); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown item: %v", err)
		}
		if _, err := db.GetDraft(ctx, 9999); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown draft: %v", err)
		}
		if _, err := db.GetMeeting(ctx, 9999); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown meeting: %v", err)
		}
		wantCleanContent(t, db)
	})
}

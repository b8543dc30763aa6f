package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// draftsMatrixSample is what the route matrix asks the drafting routes
// about: a draft with a comment, on the agenda of a meeting.
type draftsMatrixSample struct {
	Draft, Comment, Meeting, Item string
}

var (
	draftsSamplesMu sync.Mutex
	draftsSamples   = map[*store.DB]draftsMatrixSample{}
)

// draftsSample gives the server db's drafts and makes the matrix's sample
// once per database.
func draftsSample(t *testing.T, s *Server, db *store.DB) draftsMatrixSample {
	t.Helper()
	draftsSamplesMu.Lock()
	defer draftsSamplesMu.Unlock()
	if s.drafts == nil {
		s.drafts = db
	}
	if x, ok := draftsSamples[db]; ok {
		return x
	}
	ctx := context.Background()
	by := audit.Actor{UserID: 1, Name: "admin@example.org"}
	id, err := db.CreateDraft(ctx, by, drafts.DraftEdit{Kind: drafts.KindProposals, Title: plan.Text{"en": "Matrix draft"}, Body: "# Grants\n\nOpen to all."})
	if err != nil {
		t.Fatal(err)
	}
	cid, err := db.AddComment(ctx, by, drafts.CommentEdit{DraftID: id, Revision: 1, Section: "grants", Paragraph: 1, Body: "Which grants?"})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := db.CreateMeeting(ctx, by, drafts.MeetingEdit{Date: "2017-06-15", Place: "Bakı", Quorum: drafts.DefaultQuorum, Agenda: []int64{id}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.GetMeeting(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	x := draftsMatrixSample{Draft: itoa(id), Comment: itoa(cid), Meeting: itoa(mid), Item: itoa(m.Agenda[0].ID)}
	draftsSamples[db] = x
	return x
}

// draftsWeb is a server over db with three member NGOs, an expert group
// led by aysel@example.org, and a subject switched by the test.
type draftsWeb struct {
	s     *Server
	db    *store.DB
	who   access.Subject
	orgs  []int64
	group int64
}

const (
	draftsCoordinatorID = 11
	draftsGroupMemberID = 12
	draftsOtherMemberID = 13
)

func newDraftsWeb(t *testing.T, db *store.DB) *draftsWeb {
	t.Helper()
	ctx := context.Background()
	w := &draftsWeb{db: db}
	w.s = newTestServerWith(t, db, func(*http.Request) access.Subject { return w.who })
	w.s.drafts = db
	// A server error names its cause in the test's output.
	w.s.log = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelError}))
	by := audit.System("test")
	for _, n := range []string{"Şəffaflıq Naminə İctimai Birlik", "Vətəndaş Cəmiyyəti Mərkəzi", "Açıq Cəmiyyət Təşəbbüsü"} {
		mid, err := db.CreateMembership(ctx, by, platform.MembershipEdit{Since: "2016-09-01", Status: platform.MembershipActive,
			NewOrganisation: &plan.OrganisationEdit{Name: plan.Text{"az": n}, Kind: plan.OrgNGO}})
		if err != nil {
			t.Fatal(err)
		}
		m, err := db.GetMembership(ctx, mid)
		if err != nil {
			t.Fatal(err)
		}
		w.orgs = append(w.orgs, m.OrganisationID)
	}
	lead, err := db.CreatePerson(ctx, by, platform.PersonEdit{Name: plan.Text{"az": "Aysel Əliyeva"}, OrganisationID: w.orgs[0],
		Contacts: platform.Contacts{Email: "aysel@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	if w.group, err = db.CreateGroup(ctx, by, platform.GroupEdit{Name: plan.Text{"en": "Enabling environment for NGOs"}, LeadID: lead,
		Status: platform.GroupActive}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *draftsWeb) as(id int64, role account.Role, email string) {
	w.who = access.Subject{User: &account.User{ID: id, Role: role, Email: email, Name: email}}
}

func (w *draftsWeb) public() { w.who = access.Subject{} }

// post sends a form and returns the status, the body and where it leads.
func (w *draftsWeb) post(t *testing.T, target string, form url.Values) (int, string, string) {
	t.Helper()
	rec := send(w.s, http.MethodPost, target, form, nil)
	return rec.Code, rec.Body.String(), rec.Header().Get("Location")
}

func wantDraftStatus(t *testing.T, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status %d, want %d\n%.1500s", what, got, want, body)
	}
}

// TestDraftingThroughTheForms walks the whole path through the handlers
// on both databases: a coordinator starts a draft for the group, a member
// of the group writes a version (another member may not), a member
// comments (an empty comment comes back with its message), a stale save
// shows what differs, a meeting without quorum cannot adopt, with quorum
// it adopts; the text is locked, the coordinator publishes, and the public
// reads the adopted text without the comments.
func TestDraftingThroughTheForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newDraftsWeb(t, db)

		w.as(draftsCoordinatorID, account.RoleCoordinator, "coordinator@example.org")
		status, body, _ := w.post(t, "/drafts/new?lang=en", url.Values{"kind": {"memo"}, "title.en": {""}})
		wantDraftStatus(t, "empty draft", status, http.StatusUnprocessableEntity, body)
		if !strings.Contains(body, `href="#title-az"`) || !strings.Contains(body, "Enter the title in at least one language.") {
			t.Errorf("refused draft form lacks its messages:\n%.2000s", body)
		}
		status, body, loc := w.post(t, "/drafts/new", url.Values{"kind": {"proposal_package"}, "title.en": {"Proposals on an enabling environment for NGOs"},
			"group": {itoa(w.group)}, "activity": {"3"}, "body": {"# Registration\n\nRegistration takes too long.\n\n# Grants\n\nGrants for all."}})
		wantDraftStatus(t, "start a draft", status, http.StatusSeeOther, body)
		id, ok := strings.CutPrefix(strings.TrimSuffix(loc, "?done=draft_created"), "/drafts/")
		if !ok {
			t.Fatalf("after starting: %s", loc)
		}
		draftPath := "/drafts/" + id

		// Only the group's members (and coordinators) write versions.
		w.as(draftsOtherMemberID, account.RoleMember, "rauf@example.org")
		if status, body, _ := get(t, w.s, draftPath+"/versions/new"); status != http.StatusForbidden {
			t.Errorf("a member of no group may write: %d\n%.300s", status, body)
		}
		w.as(draftsGroupMemberID, account.RoleMember, "Aysel@Example.org")
		status, body, _ = get(t, w.s, draftPath+"/versions/new?lang=en")
		wantDraftStatus(t, "the group's member opens the form", status, http.StatusOK, body)
		if !strings.Contains(body, "Registration takes too long.") || !strings.Contains(body, `name="base" value="1"`) {
			t.Errorf("the form does not start from version 1:\n%.1500s", body)
		}
		v2 := "# Registration\n\nRegistration takes 90 days.\n\n# Grants\n\nGrants for all."
		status, body, _ = w.post(t, draftPath+"/versions/new", url.Values{"base": {"1"}, "body": {v2}, "note": {"Figures"}})
		wantDraftStatus(t, "save version 2", status, http.StatusSeeOther, body)
		status, body, _ = w.post(t, draftPath+"/versions/new?lang=en", url.Values{"base": {"1"}, "body": {v2 + "\n\nMore."}})
		wantDraftStatus(t, "stale save", status, http.StatusConflict, body)
		if !strings.Contains(body, "Someone saved a new version while you were writing") || !strings.Contains(body, `name="base" value="2"`) ||
			!strings.Contains(body, "<ins>") {
			t.Errorf("the conflict does not show what differs:\n%.3000s", body)
		}

		// The diff between the versions, word by word.
		status, body, _ = get(t, w.s, draftPath+"/diff?from=1&to=2&lang=en")
		wantDraftStatus(t, "diff", status, http.StatusOK, body)
		if !strings.Contains(body, `<del><span class="visually-hidden">removed: </span>too long.</del>`) || !strings.Contains(body, "90 days.</ins>") ||
			!strings.Contains(body, "1 section differs") {
			t.Errorf("diff page:\n%.4000s", body)
		}

		// Comments: an empty one comes back in its form; a real one lands
		// beside its section; a reply joins the thread.
		w.as(draftsOtherMemberID, account.RoleMember, "rauf@example.org")
		status, body, _ = w.post(t, draftPath+"/comments?lang=en", url.Values{"version": {"2"}, "section": {"registration"}, "paragraph": {"1"}, "comment": {" "}})
		wantDraftStatus(t, "empty comment", status, http.StatusUnprocessableEntity, body)
		if !strings.Contains(body, `href="#comment-registration"`) || !strings.Contains(body, "Write your comment.") || !strings.Contains(body, `<details class="comment-form" open>`) {
			t.Errorf("refused comment:\n%.3000s", body)
		}
		status, body, loc = w.post(t, draftPath+"/comments", url.Values{"version": {"2"}, "section": {"registration"}, "paragraph": {"1"}, "comment": {"Say *which* law."}})
		wantDraftStatus(t, "comment", status, http.StatusSeeOther, body)
		thread := loc[strings.Index(loc, "#thread-")+len("#thread-"):]
		status, body, _ = w.post(t, draftPath+"/comments", url.Values{"parent": {thread}, "comment": {"The law on NGOs."}})
		wantDraftStatus(t, "reply", status, http.StatusSeeOther, body)
		status, body, _ = get(t, w.s, draftPath+"?lang=en")
		wantDraftStatus(t, "draft page", status, http.StatusOK, body)
		sec := body[strings.Index(body, `id="s-registration"`):]
		sec = sec[:strings.Index(sec, "</section>")]
		if !strings.Contains(sec, "Say <em>which</em> law.") || !strings.Contains(sec, "The law on NGOs.") || !strings.Contains(sec, "On version 2, paragraph 1") {
			t.Errorf("the thread is not beside its section:\n%s", sec)
		}
		if strings.Contains(sec, "Mark as resolved") {
			t.Error("a member of no group is offered to resolve threads")
		}

		// The group's member resolves the thread.
		w.as(draftsGroupMemberID, account.RoleMember, "aysel@example.org")
		threads, _ := db.Comments(ctx, draftsID(t, id))
		status, body, _ = w.post(t, draftPath+"/comments/"+thread+"/resolve", url.Values{"version": {itoa(int64(threads[0].Version))}, "resolved": {"true"}})
		wantDraftStatus(t, "resolve", status, http.StatusSeeOther, body)
		status, body, _ = w.post(t, draftPath+"/comments/"+thread+"/resolve?lang=en", url.Values{"version": {itoa(int64(threads[0].Version))}, "resolved": {"true"}})
		wantDraftStatus(t, "stale resolve", status, http.StatusConflict, body)

		// A meeting: two of three present is more than half.
		w.as(draftsCoordinatorID, account.RoleCoordinator, "coordinator@example.org")
		status, body, _ = get(t, w.s, "/meetings/new?draft="+id+"&lang=en")
		wantDraftStatus(t, "meeting form", status, http.StatusOK, body)
		if !strings.Contains(body, `id="agenda-`+id+`" name="agenda" value="`+id+`" checked`) {
			t.Errorf("the draft is not ticked for the agenda:\n%.3000s", body)
		}
		status, body, loc = w.post(t, "/meetings/new", url.Values{"date": {"2017-06-15"}, "place": {"Bakı"}, "quorum_num": {"1"}, "quorum_den": {"2"},
			"quorum_rule": {"more"}, "agenda": {id}})
		wantDraftStatus(t, "record a meeting", status, http.StatusSeeOther, body)
		meetingPath := strings.TrimSuffix(loc, "?done=meeting_created")
		m, _ := db.GetMeeting(ctx, draftsID(t, strings.TrimPrefix(meetingPath, "/meetings/")))
		item := itoa(m.Agenda[0].ID)
		status, body, _ = w.post(t, meetingPath+"/attendance", url.Values{"version": {itoa(int64(m.Version))}, "present": {itoa(w.orgs[0])}})
		wantDraftStatus(t, "attendance of one", status, http.StatusSeeOther, body)
		m, _ = db.GetMeeting(ctx, m.ID)
		status, body, _ = w.post(t, meetingPath+"/items/"+item+"/decision?lang=en", url.Values{"version": {itoa(int64(m.Version))}, "revision": {"2"},
			"for": {"1"}, "against": {"0"}, "abstain": {"0"}, "outcome": {"adopted"}})
		wantDraftStatus(t, "adopted without quorum", status, http.StatusUnprocessableEntity, body)
		if !strings.Contains(body, `href="#outcome-`+item+`-adopted"`) || !strings.Contains(body, "Too few members attended for a quorum") ||
			!strings.Contains(body, `id="for-`+item+`" name="for" type="number" min="0" inputmode="numeric" value="1"`) {
			t.Errorf("refused decision:\n%.4000s", body)
		}
		status, body, _ = w.post(t, meetingPath+"/attendance", url.Values{"version": {itoa(int64(m.Version))}, "present": {itoa(w.orgs[0]), itoa(w.orgs[1])}})
		wantDraftStatus(t, "attendance of two", status, http.StatusSeeOther, body)
		m, _ = db.GetMeeting(ctx, m.ID)
		status, body, _ = get(t, w.s, meetingPath+"?lang=en")
		if status != http.StatusOK || !strings.Contains(body, "2 of 3 present") || !strings.Contains(body, "at least 2 of 3") || !strings.Contains(body, `class="tag tag-green">Quorum<`) {
			t.Errorf("meeting page after attendance: %d\n%.4000s", status, body)
		}
		status, body, _ = w.post(t, meetingPath+"/items/"+item+"/decision", url.Values{"version": {itoa(int64(m.Version))}, "revision": {"2"},
			"for": {"2"}, "outcome": {"adopted"}})
		wantDraftStatus(t, "adopt", status, http.StatusSeeOther, body)

		// Adopted: locked, and offered for publication.
		status, body, _ = w.post(t, draftPath+"/versions/new?lang=en", url.Values{"base": {"2"}, "body": {v2 + "\n\nLate."}})
		wantDraftStatus(t, "a version of the adopted text", status, http.StatusConflict, body)
		if !strings.Contains(body, "its text can no longer change") {
			t.Errorf("locked draft:\n%.1500s", body)
		}
		d, _ := db.GetDraft(ctx, draftsID(t, id))
		status, body, _ = get(t, w.s, draftPath+"?lang=en")
		if !strings.Contains(body, "Adopted at the platform meeting of 15 June 2017 (Bakı): version 2.") || !strings.Contains(body, "For: 2, against: 0, abstained: 0.") ||
			!strings.Contains(body, `action="`+draftPath+`/publish"`) {
			t.Errorf("adopted draft page:\n%.3000s", body)
		}
		w.public()
		if status, _, _ := get(t, w.s, draftPath); status != http.StatusSeeOther {
			t.Errorf("the public reads an unpublished draft: %d", status)
		}
		_, body, _ = get(t, w.s, "/drafts")
		if strings.Contains(body, "enabling environment") {
			t.Error("the public list shows an unpublished draft")
		}
		w.as(draftsCoordinatorID, account.RoleCoordinator, "coordinator@example.org")
		status, body, _ = w.post(t, draftPath+"/publish", url.Values{"version": {itoa(int64(d.Version))}})
		wantDraftStatus(t, "publish", status, http.StatusSeeOther, body)

		// The public reads the adopted text, not the comments or versions.
		w.public()
		status, body, _ = get(t, w.s, draftPath+"?lang=en&version=1")
		wantDraftStatus(t, "public draft", status, http.StatusOK, body)
		if !strings.Contains(body, "Registration takes 90 days.") || !strings.Contains(body, "Adopted text") || strings.Contains(body, "Say <em>which</em>") ||
			strings.Contains(body, "/diff") || strings.Contains(body, "Versions") {
			t.Errorf("public draft page:\n%.4000s", body)
		}
		_, body, _ = get(t, w.s, "/drafts?lang=en")
		if !strings.Contains(body, "Proposals on an enabling environment for NGOs") || !strings.Contains(body, "Documents adopted by the platform") {
			t.Errorf("public list:\n%.2000s", body)
		}
		if status, _, _ := get(t, w.s, draftPath+"/diff"); status != http.StatusSeeOther {
			t.Errorf("the public compares versions: %d", status)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) > 0 {
			t.Errorf("verify content: %v, %v", problems, err)
		}
	})
}

func draftsID(t *testing.T, s string) int64 {
	t.Helper()
	id, ok := formInt(url.Values{"id": {s}}, "id")
	if !ok || id == 0 {
		t.Fatalf("not an id: %q", s)
	}
	return id
}

// TestDraftKeysTranslated checks the message keys built at run time from
// the kinds, statuses, outcomes and changes, in every language.
func TestDraftKeysTranslated(t *testing.T) {
	var keys []string
	for _, k := range drafts.Kinds {
		keys = append(keys, "drafts.kind."+string(k))
	}
	for _, st := range drafts.Statuses {
		keys = append(keys, "drafts.status."+string(st))
	}
	for _, o := range drafts.Outcomes {
		keys = append(keys, "drafts.outcome."+string(o), "drafts.decision."+string(o))
	}
	for _, c := range []drafts.Change{drafts.Unchanged, drafts.Changed, drafts.Added, drafts.Removed} {
		keys = append(keys, "drafts.change."+string(c))
	}
	keys = append(keys, "audit.type."+drafts.EntityDraft, "audit.type."+drafts.EntityComment, "audit.type."+drafts.EntityMeeting,
		"done.thread_resolved", "done.thread_reopened")
	for _, k := range []string{"drafts.outcome.no_quorum", "drafts.outcome.no_majority", "drafts.outcome.majority_for", "drafts.outcome.no_attendance",
		"drafts.votes.too_many", "drafts.present.not_member", "drafts.agenda.not_ready", "drafts.agenda.already", "drafts.decision.newer_version",
		"drafts.decision.no_text", "drafts.section.unknown", "drafts.paragraph.unknown", "drafts.comment.required", "drafts.body.required"} {
		keys = append(keys, k)
	}
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

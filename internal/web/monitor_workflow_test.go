package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// monitorEnv is a server over the fixture with an open round of its
// Azerbaijani plan, and people of every role to send requests as.
type monitorEnv struct {
	t     *testing.T
	db    *store.DB
	s     *Server
	as    *account.User // who sends the next request; nil for the public
	plan  plan.Plan
	round monitor.Round
}

// People of the tests. Their ids are made up: the store records who did
// what by id and email, and the policy reads the role.
var (
	monitorAnna     = &account.User{ID: 11, Email: "anna@example.org", Name: "Anna", Role: account.RoleMonitor}
	monitorBaba     = &account.User{ID: 12, Email: "baba@example.org", Name: "Baba", Role: account.RoleMonitor}
	coordinatorCleo = &account.User{ID: 13, Email: "coord@example.org", Name: "Coordinator", Role: account.RoleCoordinator}
	memberMina      = &account.User{ID: 14, Email: "mina@example.org", Name: "Mina", Role: account.RoleMember}
)

func newMonitorEnv(t *testing.T, db *store.DB) *monitorEnv {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Import(ctx, fixture()); err != nil {
		t.Fatal(err)
	}
	e := &monitorEnv{t: t, db: db}
	s, err := New(Options{Registry: db, Health: db.Ping, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test",
		Editor: db, Audit: db, Monitor: db, Subject: func(*http.Request) access.Subject { return access.Subject{User: e.as} }})
	if err != nil {
		t.Fatal(err)
	}
	e.s = s
	if e.plan, err = db.GetPlan(ctx, "AZ-NAP-TEST"); err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateRound(ctx, audit.System("test"), monitor.RoundEdit{PlanID: e.plan.ID, Name: plan.Text{"en": "2017 mid-term"},
		Kind: monitor.KindMidTerm, PeriodText: "2017"})
	if err != nil {
		t.Fatal(err)
	}
	if e.round, err = db.GetRound(ctx, id); err != nil {
		t.Fatal(err)
	}
	return e
}

// do sends a request as who and returns the answer.
func (e *monitorEnv) do(who *account.User, method, target string, form url.Values) *httptest.ResponseRecorder {
	e.as = who
	return send(e.s, method, target+langParam(target), form, nil)
}

// langParam asks for English, so that the tests read English messages.
func langParam(target string) string {
	if strings.Contains(target, "?") {
		return "&lang=en"
	}
	return "?lang=en"
}

// upload posts a file as a multipart form.
func (e *monitorEnv) upload(who *account.User, target, name string, data []byte) *httptest.ResponseRecorder {
	e.as = who
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		e.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, target+"?lang=en", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	e.s.ServeHTTP(rec, req)
	return rec
}

func (e *monitorEnv) measure(clause string) plan.Measure {
	return measureByClause(e.t, e.db, clause)
}

func (e *monitorEnv) assessmentURL(m plan.Measure) string { return assessmentURL(e.round.ID, m.ID) }

// assessment reads a measure's assessment in the round.
func (e *monitorEnv) assessment(m plan.Measure) monitor.Assessment {
	e.t.Helper()
	a, err := e.db.GetAssessment(context.Background(), e.round.ID, m.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// save saves an assessment as who from the version the form would show.
func (e *monitorEnv) save(who *account.User, m plan.Measure, form url.Values) *httptest.ResponseRecorder {
	return e.do(who, http.MethodPost, e.assessmentURL(m), form)
}

func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, want int, what string) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, rec.Code, want, snippet(rec.Body.String()))
	}
}

// snippet is the page's main content, for failure messages.
func snippet(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000]
	}
	return body
}

// minimalPDF is a file whose content says it is a PDF.
var minimalPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestMonitorSavesAssessmentWithEvidence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("4.1.3")
		rec := e.do(monitorAnna, http.MethodGet, e.assessmentURL(m), nil)
		wantStatus(t, rec, http.StatusOK, "the empty form")
		if body := rec.Body.String(); !strings.Contains(body, "Strategy adopted") || !strings.Contains(body, `name="link.0.url"`) ||
			!strings.Contains(body, "Save the assessment once before adding files") {
			t.Errorf("the empty form lacks the milestone, the link rows or the hint to save first:\n%s", snippet(body))
		}

		form := url.Values{"version": {"0"}, "completion": {"substantial"}, "verifiable": {"yes"}, "relevance.civic_participation": {"on"},
			"impact": {"moderate"}, "opened": {"marginal"}, "early_results": {"moderate"},
			"narrative":                             {"The platform **met** twice. <script>alert(1)</script>"},
			"milestone." + itoa(m.Milestones[0].ID): {"complete"},
			"link.0.url":                            {"https://example.org/minutes.pdf"}, "link.0.title": {"Minutes of the meeting"}, "link.0.accessed": {"2018-03-31"}}
		rec = e.save(monitorAnna, m, form)
		wantStatus(t, rec, http.StatusSeeOther, "save")
		a := e.assessment(m)
		if a.Completion != monitor.Substantial || a.Verifiable == nil || !*a.Verifiable || a.Impact != monitor.ImpactModerate ||
			len(a.Milestones) != 1 || a.Milestones[0].Completion != monitor.Complete || a.AuthorID != monitorAnna.ID {
			t.Fatalf("saved %+v", a)
		}
		if len(a.Evidence) != 1 || a.Evidence[0].URL != "https://example.org/minutes.pdf" || a.Evidence[0].AccessedOn.String() != "2018-03-31" {
			t.Fatalf("links saved as %+v", a.Evidence)
		}

		rec = e.upload(monitorAnna, "/rounds/"+itoa(e.round.ID)+"/measures/"+itoa(m.ID)+"/evidence", "minutes.pdf", minimalPDF)
		wantStatus(t, rec, http.StatusSeeOther, "upload")
		sum := sha256.Sum256(minimalPDF)
		page := e.do(monitorAnna, http.MethodGet, e.assessmentURL(m), nil).Body.String()
		for _, want := range []string{hex.EncodeToString(sum[:]), "minutes.pdf", "application/pdf", "Minutes of the meeting",
			"<strong>met</strong>", `value="https://example.org/minutes.pdf"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(page, "<script>alert") {
			t.Error("the narrative's script reached the page")
		}

		a = e.assessment(m)
		var file monitor.Evidence
		for _, ev := range a.Evidence {
			if ev.Kind == monitor.EvidenceFile {
				file = ev
			}
		}
		rec = e.do(monitorBaba, http.MethodGet, "/evidence/"+itoa(file.ID), nil)
		wantStatus(t, rec, http.StatusOK, "download")
		h := rec.Header()
		if h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") ||
			h.Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(rec.Body.Bytes(), minimalPDF) {
			t.Errorf("download: %v, %d bytes", h, rec.Body.Len())
		}
		// The round is open: the public and members may not read its files.
		if rec := e.do(nil, http.MethodGet, "/evidence/"+itoa(file.ID), nil); rec.Code != http.StatusSeeOther {
			t.Errorf("anonymous download: %d", rec.Code)
		}
		if rec := e.do(memberMina, http.MethodGet, "/evidence/"+itoa(file.ID), nil); rec.Code != http.StatusForbidden {
			t.Errorf("member's download: %d", rec.Code)
		}

		// Every save is a version, listed with who and when.
		rec = e.do(monitorBaba, http.MethodGet, "/assessments/"+itoa(a.ID)+"/versions", nil)
		wantStatus(t, rec, http.StatusOK, "versions")
		if !strings.Contains(rec.Body.String(), "anna@example.org") {
			t.Errorf("versions do not name the author:\n%s", snippet(rec.Body.String()))
		}

		// Removing the file needs the version the page showed.
		remove := "/rounds/" + itoa(e.round.ID) + "/measures/" + itoa(m.ID) + "/evidence/" + itoa(file.ID) + "/remove"
		wantStatus(t, e.do(monitorAnna, http.MethodPost, remove, url.Values{"version": {"0"}}), http.StatusConflict, "stale remove")
		wantStatus(t, e.do(monitorAnna, http.MethodPost, remove, url.Values{"version": {itoa(int64(a.Version))}}), http.StatusSeeOther, "remove")
		if a := e.assessment(m); len(a.Evidence) != 1 {
			t.Errorf("after removing the file: %+v", a.Evidence)
		}
	})
}

func TestAssessmentFormKeepsInputOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		rec := e.save(monitorAnna, m, url.Values{"version": {"0"}, "narrative": {"Half of what I found"},
			"link.0.url": {"not a web address"}, "link.0.title": {"A page"}, "impact": {"minor"}})
		wantStatus(t, rec, http.StatusUnprocessableEntity, "invalid save")
		body := rec.Body.String()
		for _, want := range []string{`class="error-summary"`, "Choose how far the measure has been carried out.",
			`href="#completion-not_started"`, "Enter a full web address", `href="#link-0-url"`,
			"Half of what I found", `value="not a web address"`, `value="A page"`, `id="impact-minor" name="impact" value="minor" checked`} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %q", want)
			}
		}
		if _, err := db.GetAssessment(context.Background(), e.round.ID, m.ID); err == nil {
			t.Error("a refused save was stored")
		}
	})
}

func TestUploadChecks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		target := "/rounds/" + itoa(e.round.ID) + "/measures/" + itoa(m.ID) + "/evidence"
		// Before the first save there is nothing to attach a file to.
		rec := e.upload(monitorAnna, target, "a.pdf", minimalPDF)
		wantStatus(t, rec, http.StatusConflict, "upload before saving")
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "save")
		rec = e.upload(monitorAnna, target, "page.pdf", []byte("<html><script>alert(1)</script></html>"))
		wantStatus(t, rec, http.StatusUnprocessableEntity, "an HTML file named .pdf")
		if !strings.Contains(rec.Body.String(), "This kind of file cannot be kept") {
			t.Errorf("wrong type: no message:\n%s", snippet(rec.Body.String()))
		}
		big := append(append([]byte{}, minimalPDF...), make([]byte, monitor.MaxEvidenceBytes)...)
		rec = e.upload(monitorAnna, target, "big.pdf", big)
		wantStatus(t, rec, http.StatusRequestEntityTooLarge, "a file too large")
		if !strings.Contains(rec.Body.String(), "larger than 10 MB") {
			t.Errorf("too large: no message:\n%s", snippet(rec.Body.String()))
		}
		// Past the body's limit the request is cut short, with the same
		// answer.
		huge := append(append([]byte{}, minimalPDF...), make([]byte, monitor.MaxEvidenceBytes+uploadMargin)...)
		rec = e.upload(monitorAnna, target, "huge.pdf", huge)
		wantStatus(t, rec, http.StatusRequestEntityTooLarge, "a request too large")
		if !strings.Contains(rec.Body.String(), "larger than 10 MB") {
			t.Errorf("request too large: no message:\n%s", snippet(rec.Body.String()))
		}
		if a := e.assessment(m); len(a.Evidence) != 0 {
			t.Errorf("refused files were kept: %+v", a.Evidence)
		}
	})
}

func TestReviewIsNeverOwnWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"complete"}}), http.StatusSeeOther, "save")
		a := e.assessment(m)
		review := "/assessments/" + itoa(a.ID) + "/review"
		// Not yet submitted: another monitor is told so, without a form.
		rec := e.do(monitorBaba, http.MethodGet, review, nil)
		wantStatus(t, rec, http.StatusOK, "review of a draft")
		if !strings.Contains(rec.Body.String(), "Only an assessment submitted for review can be reviewed") {
			t.Errorf("review of a draft:\n%s", snippet(rec.Body.String()))
		}
		wantStatus(t, e.do(monitorAnna, http.MethodPost, "/assessments/"+itoa(a.ID)+"/submit", url.Values{"version": {itoa(int64(a.Version))}}),
			http.StatusSeeOther, "submit")

		wantStatus(t, e.do(monitorAnna, http.MethodGet, review, nil), http.StatusForbidden, "the author's review page")
		wantStatus(t, e.do(monitorAnna, http.MethodPost, review, url.Values{"decision": {"approve"}, "version": {itoa(int64(a.Version))}}),
			http.StatusForbidden, "the author's approval")
		if a := e.assessment(m); a.Status != monitor.ReviewSubmitted {
			t.Fatalf("after the author's attempt: %s", a.Status)
		}
		// The work page offers the review to Baba, not to Anna.
		work := "/rounds/" + itoa(e.round.ID) + "/work?review=to_review"
		if body := e.do(monitorAnna, http.MethodGet, work, nil).Body.String(); strings.Contains(body, review) {
			t.Error("the work page offers Anna her own review")
		}
		if body := e.do(monitorBaba, http.MethodGet, work, nil).Body.String(); !strings.Contains(body, review) {
			t.Errorf("the work page does not offer Baba the review:\n%s", snippet(body))
		}

		wantStatus(t, e.do(monitorBaba, http.MethodGet, review, nil), http.StatusOK, "another monitor's review page")
		rec = e.do(monitorBaba, http.MethodPost, review, url.Values{"decision": {"approve"}, "version": {itoa(int64(a.Version))}})
		wantStatus(t, rec, http.StatusSeeOther, "another monitor's approval")
		if a := e.assessment(m); a.Status != monitor.ReviewApproved || a.ReviewerID != monitorBaba.ID {
			t.Errorf("after approval: %s by %d", a.Status, a.ReviewerID)
		}
	})
}

func TestReturnedAssessmentShowsComment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "save")
		a := e.assessment(m)
		wantStatus(t, e.do(monitorAnna, http.MethodPost, "/assessments/"+itoa(a.ID)+"/submit", url.Values{"version": {itoa(int64(a.Version))}}),
			http.StatusSeeOther, "submit")
		review := "/assessments/" + itoa(a.ID) + "/review"
		rec := e.do(monitorBaba, http.MethodPost, review, url.Values{"decision": {"return"}, "version": {itoa(int64(a.Version))}})
		wantStatus(t, rec, http.StatusUnprocessableEntity, "a return without a comment")
		if !strings.Contains(rec.Body.String(), "Say why you return the assessment") {
			t.Errorf("no message for the missing comment:\n%s", snippet(rec.Body.String()))
		}
		rec = e.do(monitorBaba, http.MethodPost, review, url.Values{"decision": {"return"}, "comment": {"Cite the decree <b>number</b>."},
			"version": {itoa(int64(a.Version))}})
		wantStatus(t, rec, http.StatusSeeOther, "a return")
		body := e.do(monitorAnna, http.MethodGet, e.assessmentURL(m), nil).Body.String()
		if !strings.Contains(body, "Returned for changes") || !strings.Contains(body, "Cite the decree &lt;b&gt;number&lt;/b&gt;.") ||
			!strings.Contains(body, "baba@example.org") {
			t.Errorf("the author does not see the comment:\n%s", snippet(body))
		}
	})
}

func TestUnpublishedRoundsAreMonitorsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		work := "/rounds/" + itoa(e.round.ID) + "/work"
		wantStatus(t, e.do(memberMina, http.MethodGet, work, nil), http.StatusForbidden, "a member's work page")
		wantStatus(t, e.do(monitorAnna, http.MethodGet, work, nil), http.StatusOK, "a monitor's work page")
		rounds := "/plans/" + itoa(e.plan.ID) + "/rounds"
		for _, who := range []*account.User{nil, memberMina} {
			rec := e.do(who, http.MethodGet, rounds, nil)
			wantStatus(t, rec, http.StatusOK, "the rounds page")
			if body := rec.Body.String(); strings.Contains(body, "2017 mid-term") || !strings.Contains(body, "No monitoring round of this plan has been published yet") {
				t.Errorf("the rounds page shows an open round to %v:\n%s", who, snippet(body))
			}
		}
		if body := e.do(monitorAnna, http.MethodGet, rounds, nil).Body.String(); !strings.Contains(body, "2017 mid-term") || !strings.Contains(body, work) {
			t.Errorf("a monitor does not see the open round:\n%s", snippet(body))
		}
	})
}

func TestFocalPointAnswersForOwnBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		own, other := e.measure("1.1"), e.measure("4.1.10") // the Cabinet's, the Ministry of Justice's
		var cabinet int64
		for _, ex := range own.Executors {
			cabinet = ex.OrganisationID
		}
		focal := &account.User{ID: 15, Email: "focal@example.org", Name: "Focal", Role: account.RoleFocalPoint, OrganisationID: cabinet}
		wantStatus(t, e.save(monitorAnna, own, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "civil society's save")

		self := "/rounds/" + itoa(e.round.ID) + "/measures/" + itoa(own.ID) + "/self-assessment"
		rec := e.do(focal, http.MethodGet, self, nil)
		wantStatus(t, rec, http.StatusOK, "the focal point's form")
		if body := rec.Body.String(); strings.Contains(body, "Verifiable") || !strings.Contains(body, "shown here once the round is published") {
			t.Errorf("the focal point sees civil society's draft:\n%s", snippet(body))
		}
		wantStatus(t, e.do(focal, http.MethodPost, self, url.Values{"organisation": {itoa(cabinet)}, "version": {"0"}}),
			http.StatusUnprocessableEntity, "a self-assessment without completion")
		rec = e.do(focal, http.MethodPost, self, url.Values{"organisation": {itoa(cabinet)}, "completion": {"complete"},
			"narrative": {"Done in full."}, "version": {"0"}})
		wantStatus(t, rec, http.StatusSeeOther, "the focal point's save")

		otherSelf := "/rounds/" + itoa(e.round.ID) + "/measures/" + itoa(other.ID) + "/self-assessment"
		wantStatus(t, e.do(focal, http.MethodGet, otherSelf, nil), http.StatusForbidden, "another body's measure")
		wantStatus(t, e.do(focal, http.MethodPost, otherSelf, url.Values{"organisation": {itoa(cabinet)}, "completion": {"complete"}}),
			http.StatusForbidden, "a save for another body's measure")

		// The monitors see the body's account beside theirs, flagged.
		body := e.do(monitorAnna, http.MethodGet, e.assessmentURL(own), nil).Body.String()
		if !strings.Contains(body, "Done in full.") || !strings.Contains(body, "Disagrees") {
			t.Errorf("the assessment page does not show the disagreeing self-assessment:\n%s", snippet(body))
		}
		// The rounds page leads the focal point to its measures only.
		body = e.do(focal, http.MethodGet, "/plans/"+itoa(e.plan.ID)+"/rounds", nil).Body.String()
		if !strings.Contains(body, self) || strings.Contains(body, otherSelf) {
			t.Errorf("the focal point's rounds page:\n%s", snippet(body))
		}
	})
}

func TestClosedRoundRefusesSaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "save")
		status := "/rounds/" + itoa(e.round.ID) + "/status"
		// Publishing an open round is explained, not done.
		rec := e.do(coordinatorCleo, http.MethodGet, status+"?to=published", nil)
		wantStatus(t, rec, http.StatusOK, "the publish confirmation")
		if !strings.Contains(rec.Body.String(), "Close the round first") {
			t.Errorf("publishing an open round is not explained:\n%s", snippet(rec.Body.String()))
		}
		wantStatus(t, e.do(coordinatorCleo, http.MethodPost, status, url.Values{"to": {"published"}, "version": {itoa(int64(e.round.Version))}}),
			http.StatusConflict, "publishing an open round")
		wantStatus(t, e.do(monitorAnna, http.MethodPost, status, url.Values{"to": {"closed"}, "version": {itoa(int64(e.round.Version))}}),
			http.StatusForbidden, "a monitor closing the round")
		wantStatus(t, e.do(coordinatorCleo, http.MethodPost, status, url.Values{"to": {"closed"}, "version": {itoa(int64(e.round.Version))}}),
			http.StatusSeeOther, "closing")

		a := e.assessment(m)
		rec = e.save(monitorAnna, m, url.Values{"version": {itoa(int64(a.Version))}, "completion": {"complete"}})
		wantStatus(t, rec, http.StatusConflict, "a save in a closed round")
		if !strings.Contains(rec.Body.String(), "This round is closed") {
			t.Errorf("the refusal does not say why:\n%s", snippet(rec.Body.String()))
		}
		if a := e.assessment(m); a.Completion != monitor.Limited {
			t.Errorf("a closed round's assessment changed to %s", a.Completion)
		}
		body := e.do(monitorAnna, http.MethodGet, e.assessmentURL(m), nil).Body.String()
		if strings.Contains(body, `name="completion"`) || !strings.Contains(body, "Limited") {
			t.Errorf("a closed round's assessment is not read-only:\n%s", snippet(body))
		}
	})
}

func TestConcurrentSavesConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		m := e.measure("1.1")
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "first save")
		v := itoa(int64(e.assessment(m).Version))
		wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {v}, "completion": {"substantial"}}), http.StatusSeeOther, "Anna's save")
		rec := e.save(monitorBaba, m, url.Values{"version": {v}, "completion": {"complete"}, "narrative": {"Baba's view"}})
		wantStatus(t, rec, http.StatusConflict, "Baba's save from the same version")
		body := rec.Body.String()
		if !strings.Contains(body, "anna@example.org") || !strings.Contains(body, "Baba&#39;s view") || !strings.Contains(body, "Substantial") {
			t.Errorf("the conflict does not say who saved what:\n%s", snippet(body))
		}
		// The form now carries the stored version: saving again is deliberate.
		if !regexp.MustCompile(`name="version" value="` + itoa(int64(e.assessment(m).Version)) + `"`).MatchString(body) {
			t.Error("the conflict form does not carry the stored version")
		}
	})
}

func TestRoundForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		newRound := "/plans/" + itoa(e.plan.ID) + "/rounds/new"
		wantStatus(t, e.do(monitorAnna, http.MethodGet, newRound, nil), http.StatusForbidden, "a monitor's new round")
		rec := e.do(coordinatorCleo, http.MethodPost, newRound, url.Values{"kind": {"annual"}, "period": {"2018"}})
		wantStatus(t, rec, http.StatusUnprocessableEntity, "a round without a name")
		if !strings.Contains(rec.Body.String(), `href="#name-az"`) || !strings.Contains(rec.Body.String(), `value="2018"`) {
			t.Errorf("the refused round form:\n%s", snippet(rec.Body.String()))
		}
		rec = e.do(coordinatorCleo, http.MethodPost, newRound, url.Values{"name.en": {"2018 final"}, "kind": {"end_of_term"}, "period": {"2018"}})
		wantStatus(t, rec, http.StatusSeeOther, "a new round")
		rounds, err := db.ListRounds(context.Background(), e.plan.ID, false)
		if err != nil || len(rounds) != 2 {
			t.Fatalf("rounds = %v, %v", rounds, err)
		}
		edit := "/rounds/" + itoa(e.round.ID) + "/edit"
		wantStatus(t, e.do(coordinatorCleo, http.MethodGet, edit, nil), http.StatusOK, "the round's form")
		wantStatus(t, e.do(coordinatorCleo, http.MethodPost, edit, url.Values{"name.en": {"Renamed"}, "kind": {"mid_term"}, "period": {"2017"},
			"version": {itoa(int64(e.round.Version))}}), http.StatusSeeOther, "renaming")
		rec = e.do(coordinatorCleo, http.MethodPost, edit, url.Values{"name.en": {"Again"}, "kind": {"mid_term"}, "period": {"2017"},
			"version": {itoa(int64(e.round.Version))}})
		wantStatus(t, rec, http.StatusConflict, "renaming from a stale version")
		if !strings.Contains(rec.Body.String(), "Renamed") {
			t.Errorf("the conflict does not show the stored name:\n%s", snippet(rec.Body.String()))
		}
		body := e.do(coordinatorCleo, http.MethodGet, "/plans/"+itoa(e.plan.ID)+"/rounds", nil).Body.String()
		for _, want := range []string{"Renamed", "2018 final", "/rounds/" + itoa(e.round.ID) + "/status?to=closed", "Add a round"} {
			if !strings.Contains(body, want) {
				t.Errorf("the rounds page lacks %q", want)
			}
		}
	})
}

// matrixSample names what the monitoring routes of the route × role matrix
// act on: an open round of the fixture's Azerbaijani plan, a measure with
// an assessment whose current version is by the matrix's user (id 1, so
// that every role is refused its review), and a file of its evidence.
type matrixSample struct {
	Plan, Round, Measure, Assessment, Evidence string
}

var (
	matrixSamplesMu sync.Mutex
	matrixSamples   = map[*store.DB]matrixSample{}
)

// monitorSample makes the matrix's monitoring sample once per database,
// and gives the matrix's server the monitoring store it was built without.
func monitorSample(t *testing.T, s *Server, db *store.DB) matrixSample {
	t.Helper()
	matrixSamplesMu.Lock()
	defer matrixSamplesMu.Unlock()
	if s.monitor == nil {
		s.monitor = db
	}
	if m, ok := matrixSamples[db]; ok {
		return m
	}
	ctx := context.Background()
	p, err := db.GetPlan(ctx, "AZ-NAP-TEST")
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.GetMeasure(ctx, "AZ0038")
	if err != nil {
		t.Fatal(err)
	}
	rid, err := db.CreateRound(ctx, audit.System("test"), monitor.RoundEdit{PlanID: p.ID, Name: plan.Text{"en": "Matrix round"},
		Kind: monitor.KindAnnual, PeriodText: "2017"})
	if err != nil {
		t.Fatal(err)
	}
	author := audit.Actor{UserID: 1, Name: "admin@example.org"}
	a, err := db.SaveAssessment(ctx, author, monitor.AssessmentEdit{RoundID: rid, MeasureID: m.ID, Rating: monitor.Rating{Completion: monitor.Limited}})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := db.AddEvidenceFile(ctx, author, a.ID, monitor.FileUpload{Name: "minutes.pdf", Data: minimalPDF})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SubmitAssessment(ctx, author, a.ID, a.Version); err != nil {
		t.Fatal(err)
	}
	sample := matrixSample{Plan: itoa(p.ID), Round: itoa(rid), Measure: itoa(m.ID), Assessment: itoa(a.ID), Evidence: itoa(ev.ID)}
	matrixSamples[db] = sample
	return sample
}

// TestMonitoringKeysTranslated checks the message keys the monitoring
// pages build at run time from the scales, statuses and filters, which
// TestEveryUsedStringIsTranslated cannot see, in every language.
func TestMonitoringKeysTranslated(t *testing.T) {
	var keys []string
	for _, c := range monitor.Completions {
		keys = append(keys, "monitor.completion."+string(c))
	}
	for _, x := range monitor.Impacts {
		keys = append(keys, "monitor.impact."+string(x))
	}
	for _, x := range monitor.OpenedLevels {
		keys = append(keys, "monitor.opened."+string(x))
	}
	for _, x := range monitor.EarlyResultsLevels {
		keys = append(keys, "monitor.early_results."+string(x))
	}
	for _, k := range monitor.RoundKinds {
		keys = append(keys, "monitor.kind."+string(k))
	}
	for _, s := range monitor.RoundStatuses {
		keys = append(keys, "monitor.status."+string(s), "monitor.status.confirm."+string(s), "monitor.status.explain."+string(s),
			"monitor.status.submit."+string(s), "done.round_"+string(s))
	}
	for _, s := range monitor.ReviewStatuses {
		keys = append(keys, "monitor.review."+string(s))
	}
	for _, f := range workFilters {
		keys = append(keys, "monitor.work.filter."+f)
	}
	for _, f := range []string{"completion", "verifiable", "relevance", "impact", "opened", "early_results", "narrative", "milestones", "links"} {
		keys = append(keys, "monitor.field."+f)
	}
	keys = append(keys, "monitor.verifiable.yes", "monitor.verifiable.no", "done.round_created", "done.round_saved", "done.assessment_saved",
		"done.assessment_submitted", "done.assessment_approved", "done.assessment_returned", "done.evidence_added", "done.evidence_removed",
		"done.self_assessment_saved")
	// The validation keys of the domain and the store.
	keys = append(keys, "monitor.kind.invalid", "monitor.measure.required", "monitor.measure.unknown", "monitor.measure.other_plan",
		"monitor.completion.required", "monitor.completion.invalid", "monitor.impact.invalid", "monitor.opened.invalid",
		"monitor.early_results.invalid", "monitor.relevance.invalid", "monitor.milestones.invalid", "monitor.milestones.unknown",
		"monitor.link.url_required", "monitor.link.url_invalid", "monitor.link.date_invalid", "monitor.link.too_many",
		"monitor.file.empty", "monitor.file.too_large", "monitor.file.type", "monitor.comment.required", "monitor.organisation.not_executor",
		"monitor.round.plan_fixed", "edit.comment.invalid", "edit.comment.too_long", "edit.narrative.too_long")
	for _, lang := range i18n.Supported {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

// TestMonitoringPagesInEveryLanguage renders every monitoring page in each
// language: no message is missing (a raw key on the page) and no message
// is given the wrong arguments.
func TestMonitoringPagesInEveryLanguage(t *testing.T) {
	db := storetest.SQLite(t)
	e := newMonitorEnv(t, db)
	m := e.measure("4.1.3")
	wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}, "narrative": {"# Found\n\nText"},
		"link.0.url": {"https://example.org"}, "link.0.accessed": {"2018-01-02"}}), http.StatusSeeOther, "save")
	rid, mid := itoa(e.round.ID), itoa(m.ID)
	wantStatus(t, e.upload(monitorAnna, "/rounds/"+rid+"/measures/"+mid+"/evidence", "a.pdf", minimalPDF), http.StatusSeeOther, "upload")
	a := e.assessment(m)
	wantStatus(t, e.do(monitorAnna, http.MethodPost, "/assessments/"+itoa(a.ID)+"/submit", url.Values{"version": {itoa(int64(a.Version))}}),
		http.StatusSeeOther, "submit")
	raw := regexp.MustCompile(`\b(monitor|done|edit)\.[a-z_]+(\.[a-z_]+)*`)
	pages := []struct {
		who    *account.User
		target string
	}{
		{coordinatorCleo, "/plans/" + itoa(e.plan.ID) + "/rounds"},
		{coordinatorCleo, "/plans/" + itoa(e.plan.ID) + "/rounds/new"},
		{coordinatorCleo, "/rounds/" + rid + "/edit"},
		{coordinatorCleo, "/rounds/" + rid + "/status?to=published"},
		{coordinatorCleo, "/rounds/" + rid + "/status?to=closed"},
		{monitorAnna, "/rounds/" + rid + "/work"},
		{monitorAnna, "/rounds/" + rid + "/measures/" + mid + "/assessment?done=assessment_saved"},
		{monitorAnna, "/assessments/" + itoa(a.ID) + "/versions"},
		{monitorBaba, "/assessments/" + itoa(a.ID) + "/review"},
		{coordinatorCleo, "/rounds/" + rid + "/measures/" + mid + "/self-assessment"},
	}
	for _, lang := range i18n.Supported {
		for _, p := range pages {
			e.as = p.who
			target := p.target
			if strings.Contains(target, "?") {
				target += "&lang=" + lang
			} else {
				target += "?lang=" + lang
			}
			rec := send(e.s, http.MethodGet, target, nil, nil)
			if rec.Code != http.StatusOK {
				t.Errorf("%s: %d", target, rec.Code)
				continue
			}
			body := rec.Body.String()
			if strings.Contains(body, "%!") {
				t.Errorf("%s: a message got the wrong arguments", target)
			}
			if k := raw.FindString(stripTags(body)); k != "" {
				t.Errorf("%s: shows the raw key %q", target, k)
			}
		}
	}
}

// stripTags keeps a page's text, for looking for raw keys outside markup.
func stripTags(s string) string { return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ") }

// TestPublishedEvidence checks who may download evidence once the round is
// published: the public gets the files of approved versions, never those
// of an assessment nobody approved.
func TestPublishedEvidence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newMonitorEnv(t, db)
		files := map[string]int64{}
		for _, clause := range []string{"1.1", "4.1.3"} {
			m := e.measure(clause)
			wantStatus(t, e.save(monitorAnna, m, url.Values{"version": {"0"}, "completion": {"limited"}}), http.StatusSeeOther, "save "+clause)
			wantStatus(t, e.upload(monitorAnna, "/rounds/"+itoa(e.round.ID)+"/measures/"+itoa(m.ID)+"/evidence", clause+".pdf", minimalPDF),
				http.StatusSeeOther, "upload "+clause)
			a := e.assessment(m)
			files[clause] = a.Evidence[0].ID
			wantStatus(t, e.do(monitorAnna, http.MethodPost, "/assessments/"+itoa(a.ID)+"/submit", url.Values{"version": {itoa(int64(a.Version))}}),
				http.StatusSeeOther, "submit "+clause)
			if clause == "1.1" {
				wantStatus(t, e.do(monitorBaba, http.MethodPost, "/assessments/"+itoa(a.ID)+"/review",
					url.Values{"decision": {"approve"}, "version": {itoa(int64(a.Version))}}), http.StatusSeeOther, "approve "+clause)
			}
		}
		status := "/rounds/" + itoa(e.round.ID) + "/status"
		for _, to := range []string{"closed", "published"} {
			round, err := db.GetRound(context.Background(), e.round.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantStatus(t, e.do(coordinatorCleo, http.MethodPost, status, url.Values{"to": {to}, "version": {itoa(int64(round.Version))}}),
				http.StatusSeeOther, to)
		}
		rec := e.do(nil, http.MethodGet, "/evidence/"+itoa(files["1.1"]), nil)
		wantStatus(t, rec, http.StatusOK, "the public's download of approved evidence")
		if !bytes.Equal(rec.Body.Bytes(), minimalPDF) {
			t.Error("the download is not the file")
		}
		if rec := e.do(nil, http.MethodGet, "/evidence/"+itoa(files["4.1.3"]), nil); rec.Code != http.StatusSeeOther {
			t.Errorf("the public's download of unapproved evidence: %d", rec.Code)
		}
		wantStatus(t, e.do(monitorBaba, http.MethodGet, "/evidence/"+itoa(files["4.1.3"]), nil), http.StatusOK, "a monitor's download")
		// A published round is frozen: uploads are refused with the reason.
		rec = e.upload(monitorAnna, "/rounds/"+itoa(e.round.ID)+"/measures/"+itoa(e.measure("1.1").ID)+"/evidence", "late.pdf", minimalPDF)
		wantStatus(t, rec, http.StatusConflict, "an upload to a published round")
		if !strings.Contains(rec.Body.String(), "This round is closed") {
			t.Errorf("the refused upload does not say why:\n%s", snippet(rec.Body.String()))
		}
	})
}

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// interviewer is the monitor who builds the survey and types in a paper
// questionnaire.
var interviewer = account.NewUser{Email: "leyla@example.org", Name: "Leyla Məmmədova", Role: account.RoleMonitor, Password: "sorğu kağız 2017!"}

// TestInterviewerEntersSurveyResponses builds an open survey with a
// required region question, then types in a paper questionnaire as an
// interviewer: without its region it is refused with a message by the
// question and what was typed kept; completed it is recorded and the
// results count it.
func TestInterviewerEntersSurveyResponses(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUsers(t, interviewer)
	browser := startBrowser(t, chromium)
	dir := artifactsFor(t, "survey")
	b := &tab{t: t, ctx: newTab(t, browser), base: base, shots: dir, name: "survey"}

	b.signIn(interviewer)
	b.open("/surveys/new?lang=en")
	b.setValue("#title-az", "Kiçik sahibkarlar sorğusu")
	b.do("choose open", chromedp.SetValue(chromedp.CSS("#status"), "open"))
	b.setValue("#sample_size", "50")
	b.setValue("#questions", "region* single: Region\n- baku: Bakı\n- ganja: Gəncə\nnote long: Comment")
	b.setValue("#quotas", "region: baku=25, ganja=25")
	b.submit("create the survey", `.edit-form button[type=submit]`, 200)
	if got := b.text("main h1"); !strings.HasPrefix(got, "Kiçik sahibkarlar sorğusu") {
		b.fatalf("survey page: heading %q", got)
	}
	b.follow("enter a paper questionnaire", chromedp.Click(chromedp.CSS(`a[href$="/enter"]`)))
	b.setValue(`textarea[name="q.note"]`, "Şəffaflıq vacibdir")
	b.submit("record without a region", `.survey-form button[type=submit]`, 422)
	if got := b.text(`.error-summary a[href="#q.region"]`); !strings.Contains(got, "Answer this question.") {
		b.fatalf("refused questionnaire: message %q", got)
	}
	if got := b.value(`textarea[name="q.note"]`); got != "Şəffaflıq vacibdir" {
		b.fatalf("refused questionnaire: comment %q", got)
	}
	b.shot("refused")
	b.do("choose Gəncə", chromedp.Click(chromedp.CSS(`#q\.region-1`)))
	b.submit("record the questionnaire", `.survey-form button[type=submit]`, 200)
	if got := b.text(".notice-success"); !strings.Contains(got, "The questionnaire has been recorded.") {
		b.fatalf("after recording: notice %q", got)
	}
	path, _, _ := strings.Cut(b.path(), "?")
	path = strings.TrimSuffix(path, "/enter")
	b.open(path + "/results?lang=en")
	if got := b.text("main p"); !strings.HasPrefix(got, "Responses: 1.") {
		b.fatalf("results: %q", got)
	}
	b.shot("results")
}

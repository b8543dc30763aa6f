package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ogpp/internal/account"
)

// eventsCoordinator records the event and checks participants in.
var eventsCoordinator = account.NewUser{Email: "nigar@example.org", Name: "Nigar Rzayeva", Role: account.RoleCoordinator, Password: "dəyirmi masa 2017"}

// TestEventRegistrationAndCheckIn: a coordinator records a round table
// with two places; the public (another browser, signed out) registers
// three people, the third going to the waitlist once the event is full;
// the coordinator checks the first in. Axe checks the
// registration form and the participants page. The event starts a month after the
// real clock, since the server runs on it.
func TestEventRegistrationAndCheckIn(t *testing.T) {
	chromium := requireBrowser(t)
	base := startServerWithUsers(t, eventsCoordinator)
	dir := artifactsFor(t, "events")
	coord := &tab{t: t, ctx: newTab(t, startBrowser(t, chromium)), base: base, shots: dir, name: "events"}
	coord.signIn(eventsCoordinator)
	coord.open("/events/new?lang=en")
	coord.setValue("#title-az", "Açıq büdcə: dəyirmi masa")
	coord.setValue("#start", time.Now().AddDate(0, 1, 0).Format("2006-01-02")+"T10:00")
	coord.setValue("#region", "Gəncə")
	coord.setValue("#capacity", "2")
	coord.follow("save the event", chromedp.Click(chromedp.CSS(`main form.edit-form button.save`)))
	eventPath, _, _ := strings.Cut(coord.path(), "?")
	if !strings.HasPrefix(eventPath, "/events/") {
		coord.fatalf("after saving: at %s", eventPath)
	}
	coord.shot("event")

	public := &tab{t: t, ctx: newTab(t, startBrowser(t, chromium)), base: base, shots: dir, name: "events-public"}
	public.open(eventPath + "?lang=en")
	public.injectAxe()
	public.reportAxe(public.runAxe())
	for i, name := range []string{"Aysel Qasımova", "Bəhruz Əliyev", "Cavid Hüseynov"} {
		public.open(eventPath + "?lang=en")
		wantButton := "Register"
		if i == 2 {
			wantButton = "Join the waitlist"
		}
		if got := public.text(`form[action$="/register"] button[type=submit]`); got != wantButton {
			public.fatalf("registration %d: button %q, want %q", i, got, wantButton)
		}
		public.setValue("#name", name)
		public.setValue("#category", "state_body")
		public.do("consent", chromedp.Click(chromedp.CSS("#consent")))
		public.submit("register "+name, `form[action$="/register"] button[type=submit]`, 200)
		want := "You are registered."
		if i == 2 {
			want = "All places are taken: you are on the waitlist."
		}
		if got := public.text("#registered h2"); got != want {
			public.fatalf("registration %d: %q, want %q", i, got, want)
		}
		if public.count("#cancel-link") != 1 {
			public.fatalf("registration %d: no cancellation link", i)
		}
	}
	public.shot("waitlisted")

	coord.open(eventPath + "/participants?lang=en")
	if n := coord.count("table.participants tbody tr"); n != 3 {
		coord.fatalf("participants: %d rows, want 3", n)
	}
	coord.follow("check in the first", chromedp.Click(chromedp.CSS(`table.participants tbody tr:first-child form button`)))
	if got := coord.text("table.participants tbody tr:first-child .tag-event-held"); got != "Came" {
		coord.fatalf("after check-in: %q", got)
	}
	coord.shot("checked-in")
	coord.injectAxe()
	coord.reportAxe(coord.runAxe())
}

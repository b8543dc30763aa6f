package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"ogpp/internal/notify"
	"ogpp/internal/notify/smtptest"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// mailText is the plain text alternative of a captured mail and its
// header.
func mailText(t *testing.T, m smtptest.Message) (string, mail.Header) {
	t.Helper()
	p, err := m.Parse()
	if err != nil {
		t.Fatal(err)
	}
	return p.Text, p.Header
}

// TestSubscribeConfirmAndUnsubscribeOneClick subscribes through the
// form, confirms with the mailed link (opening it changes nothing; the
// button does), and unsubscribes with the one-click request a mail
// program sends; the tokens never reach the log.
func TestSubscribeConfirmAndUnsubscribeOneClick(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		var logged bytes.Buffer
		s.log = slog.New(slog.NewTextHandler(&logged, nil))
		server := smtptest.Start(t)
		s.news = db
		s.notify = &notify.Service{Store: db, Mailer: &notify.SMTP{Addr: server.Addr}, From: "Platforma <noreply@example.org>",
			Now: func() time.Time { return time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) }}

		_, body, _ := get(t, s, "/subscribe?lang=az")
		if !strings.Contains(body, `action="/subscribe"`) || !strings.Contains(body, "Platformanın xəbərləri") {
			t.Fatalf("the form:\n%s", body)
		}
		if _, body, _ := get(t, s, "/news"); !strings.Contains(body, `class="subscribe-inline"`) {
			t.Error("the news page lacks the small subscribe form")
		}
		rec := send(s, http.MethodPost, "/subscribe?lang=az", url.Values{"email": {"aysel at example"}, "topic": {"news"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "ad@example.org şəklində") ||
			!strings.Contains(rec.Body.String(), `value="aysel at example"`) {
			t.Fatalf("a bad address: %d\n%s", rec.Code, rec.Body.String())
		}
		if rec := send(s, http.MethodPost, "/subscribe", url.Values{"email": {"bot@example.org"}, "topic": {"news"}, "website": {"x"}}, nil); rec.Code != http.StatusBadRequest {
			t.Errorf("the honeypot: %d", rec.Code)
		}
		if n := len(server.Messages()); n != 0 {
			t.Fatalf("%d mails for refused forms", n)
		}
		rec = send(s, http.MethodPost, "/subscribe?lang=az", url.Values{"email": {"aysel@example.org"}, "topic": {"news"}}, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Poçtunuzu yoxlayın") {
			t.Fatalf("subscribe: %d\n%s", rec.Code, rec.Body.String())
		}
		msgs := server.Messages()
		if len(msgs) != 1 || msgs[0].To[0] != "aysel@example.org" {
			t.Fatalf("mails: %+v", msgs)
		}
		text, header := mailText(t, msgs[0])
		confirm := regexp.MustCompile(`http://example\.com(/subscribe/confirm/[0-9a-f]+)`).FindStringSubmatch(text)
		if confirm == nil {
			t.Fatalf("no confirmation link in\n%s", text)
		}
		status, body, _ := get(t, s, confirm[1])
		if status != http.StatusOK || !strings.Contains(body, `action="`+confirm[1]+`"`) {
			t.Fatalf("the confirmation page: %d\n%s", status, body)
		}
		if subs, _ := db.ConfirmedSubscriptions(context.Background()); len(subs) != 0 {
			t.Fatal("opening the link confirmed the subscription")
		}
		rec = send(s, http.MethodPost, confirm[1], url.Values{}, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Abunəlik təsdiqləndi") {
			t.Fatalf("confirm: %d\n%s", rec.Code, rec.Body.String())
		}
		if subs, _ := db.ConfirmedSubscriptions(context.Background()); len(subs) != 1 || subs[0].Lang != "az" {
			t.Fatalf("confirmed: %+v", subs)
		}
		unsub := strings.TrimPrefix(strings.Trim(header.Get("List-Unsubscribe"), "<>"), "http://example.com")
		if !strings.HasPrefix(unsub, "/unsubscribe/") {
			t.Fatalf("List-Unsubscribe %q", header.Get("List-Unsubscribe"))
		}
		// RFC 8058: the mail program posts without a session or an Origin.
		rec = send(s, http.MethodPost, unsub, url.Values{"List-Unsubscribe": {"One-Click"}}, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Abunəlikdən çıxdınız") {
			t.Fatalf("one-click unsubscribe: %d\n%s", rec.Code, rec.Body.String())
		}
		if subs, _ := db.ConfirmedSubscriptions(context.Background()); len(subs) != 0 {
			t.Fatalf("still subscribed: %+v", subs)
		}
		for _, secret := range []string{confirm[1], unsub} {
			if strings.Contains(logged.String(), secret) {
				t.Errorf("the log holds %s", secret)
			}
		}
	})
}

// TestSubscribingIsUnavailableWithoutSMTP: with no mail server the page
// says so and no page offers a subscribe form.
func TestSubscribingIsUnavailableWithoutSMTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		s.news = db
		s.notify = &notify.Service{Store: db}
		status, body, _ := get(t, s, "/subscribe?lang=en")
		if status != http.StatusOK || !strings.Contains(body, "Subscriptions by email are not available on this site.") || strings.Contains(body, `action="/subscribe"`) {
			t.Fatalf("subscribe page: %d\n%s", status, body)
		}
		if _, body, _ := get(t, s, "/news"); strings.Contains(body, `action="/subscribe"`) {
			t.Error("the news page offers a form that cannot work")
		}
		if rec := send(s, http.MethodPost, "/subscribe", url.Values{"email": {"a@example.org"}, "topic": {"news"}}, nil); rec.Code != http.StatusServiceUnavailable {
			t.Errorf("posting anyway: %d", rec.Code)
		}
		if subs, _ := db.ConfirmedSubscriptions(context.Background()); len(subs) != 0 {
			t.Error("a subscription was recorded")
		}
	})
}

// TestSubscribeToAPlansRounds subscribes from a plan's page to its
// monitoring rounds: the mail names the plan; an unknown plan is refused
// beside the form.
func TestSubscribeToAPlansRounds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		server := smtptest.Start(t)
		s.notify = &notify.Service{Store: db, Mailer: &notify.SMTP{Addr: server.Addr}, From: "noreply@example.org"}
		p, err := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := get(t, s, "/plans/"+itoa(p.ID)+"?lang=en")
		if !strings.Contains(body, `<input type="hidden" name="plan" value="`+itoa(p.ID)+`">`) || !strings.Contains(body, "Get this plan&#39;s monitoring results by email") {
			t.Fatalf("the plan page lacks its subscribe form:\n%s", body)
		}
		rec := send(s, http.MethodPost, "/subscribe?lang=en", url.Values{"email": {"olga@example.org"}, "topic": {"plan"}, "plan": {"999999"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "There is no such plan.") {
			t.Errorf("an unknown plan: %d\n%s", rec.Code, rec.Body.String())
		}
		rec = send(s, http.MethodPost, "/subscribe?lang=en", url.Values{"email": {"olga@example.org"}, "topic": {"plan"}, "plan": {itoa(p.ID)}}, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("subscribe: %d\n%s", rec.Code, rec.Body.String())
		}
		msgs := server.Messages()
		if len(msgs) != 1 {
			t.Fatalf("%d mails", len(msgs))
		}
		m, err := msgs[0].Parse()
		if err != nil {
			t.Fatal(err)
		}
		if want := "Confirm your subscription: the published monitoring rounds of “" + p.Title.In("en").Value + "”"; m.Subject != want {
			t.Errorf("subject %q, want %q", m.Subject, want)
		}
	})
}

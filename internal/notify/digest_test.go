package notify_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/monitor"
	"ogpp/internal/news"
	"ogpp/internal/notify"
	"ogpp/internal/notify/smtptest"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// received is a captured mail taken apart as a mail program would.
type received struct {
	To, Subject       string
	Header            mail.Header
	Text, HTML        string
	ConfirmLink       string
	UnsubscribeHeader string
}

// parse reads a captured message: headers, the decoded subject and both
// alternatives.
func parse(t *testing.T, m smtptest.Message) received {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatalf("read message: %v\n%s", err, m.Data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("subject %q: %v", msg.Header.Get("Subject"), err)
	}
	out := received{To: strings.Join(m.To, ","), Subject: subject, Header: msg.Header, UnsubscribeHeader: msg.Header.Get("List-Unsubscribe")}
	typ, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/alternative" {
		t.Fatalf("content type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		// multipart.Reader undoes quoted-printable itself and drops the
		// header; read raw parts either way.
		var body []byte
		if part.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			body, err = io.ReadAll(quotedprintable.NewReader(part))
		} else {
			body, err = io.ReadAll(part)
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		switch ct {
		case "text/plain":
			out.Text = string(body)
		case "text/html":
			out.HTML = string(body)
		}
	}
	if m := regexp.MustCompile(`https?://\S+/subscribe/confirm/[0-9a-f]+`).FindString(out.Text); m != "" {
		out.ConfirmLink = m
	}
	return out
}

// tokenOf is the last part of a link.
func tokenOf(link string) string { return link[strings.LastIndex(link, "/")+1:] }

// TestDigestMailsWhatIsNew runs double opt-in and digests against a real
// SMTP server: the confirmation mail carries its link and the unsubscribe
// headers, an unconfirmed subscription gets nothing, a digest carries the
// news, the events and the rounds new to each subscription in its
// language, with Azerbaijani letters intact in the subject, and a second
// digest with nothing new sends nothing.
func TestDigestMailsWhatIsNew(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		db.Now = clock
		if _, err := db.Import(ctx, &plan.Bundle{
			Members: []plan.Member{{Slug: "azerbaijan", Name: plan.Text{"az": "Azərbaycan"}, Kind: plan.MemberCountry}},
			Plans:   []plan.BundlePlan{{ExternalID: "AZ-1", Member: "azerbaijan", Number: 1, Title: plan.Text{"az": "Milli Fəaliyyət Planı", "en": "National Action Plan"}}},
		}); err != nil {
			t.Fatal(err)
		}
		p, _ := db.GetPlan(ctx, "AZ-1")
		server := smtptest.StartWithAuth(t, "ogpp", "sirr")
		svc := &notify.Service{Store: db, Mailer: &notify.SMTP{Addr: server.Addr, User: "ogpp", Password: "sirr"},
			From: "Açıq Hökumət Platforması <noreply@ogp.example.az>", Now: clock}
		links := notify.Links{Base: "https://ogp.example.az/"}
		src := notify.Sources{News: db, Rounds: db, Events: db, Plans: db}

		// Three subscribers confirm (news in Azerbaijani, events in
		// English, the plan's rounds in Russian); one never does.
		subscribe := func(email string, topic notify.Topic, lang string) received {
			t.Helper()
			server.Reset()
			if _, err := svc.Subscribe(ctx, notify.Request{Email: email, Topic: topic, PlanID: p.ID, Lang: lang}, links, "Milli Fəaliyyət Planı"); err != nil {
				t.Fatal(err)
			}
			msgs := server.Messages()
			if len(msgs) != 1 {
				t.Fatalf("%d confirmation mails", len(msgs))
			}
			return parse(t, msgs[0])
		}
		conf := subscribe("aysel@example.org", notify.TopicNews, "az")
		if conf.To != "aysel@example.org" || conf.Subject != "Abunəliyi təsdiqləyin: platformanın xəbərləri" {
			t.Errorf("confirmation: to %q, subject %q", conf.To, conf.Subject)
		}
		if !strings.HasPrefix(conf.ConfirmLink, "https://ogp.example.az/subscribe/confirm/") || !strings.Contains(conf.HTML, `href="`+conf.ConfirmLink+`"`) {
			t.Errorf("confirmation link %q in\n%s\n%s", conf.ConfirmLink, conf.Text, conf.HTML)
		}
		if !regexp.MustCompile(`^<https://ogp\.example\.az/unsubscribe/[0-9a-f]+>$`).MatchString(conf.UnsubscribeHeader) ||
			conf.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("unsubscribe headers: %q %q", conf.UnsubscribeHeader, conf.Header.Get("List-Unsubscribe-Post"))
		}
		if from, _ := new(mime.WordDecoder).DecodeHeader(conf.Header.Get("From")); from != "Açıq Hökumət Platforması <noreply@ogp.example.az>" {
			t.Errorf("from %q", from)
		}
		if _, err := db.ConfirmSubscription(ctx, tokenOf(conf.ConfirmLink)); err != nil {
			t.Fatal(err)
		}
		confEvents := subscribe("john@example.org", notify.TopicEvents, "en")
		if _, err := db.ConfirmSubscription(ctx, tokenOf(confEvents.ConfirmLink)); err != nil {
			t.Fatal(err)
		}
		confPlan := subscribe("olga@example.org", notify.TopicPlan, "ru")
		if !strings.Contains(confPlan.Subject, "Milli Fəaliyyət Planı") || !strings.HasPrefix(confPlan.Subject, "Подтвердите подписку") {
			t.Errorf("plan confirmation subject %q", confPlan.Subject)
		}
		if _, err := db.ConfirmSubscription(ctx, tokenOf(confPlan.ConfirmLink)); err != nil {
			t.Fatal(err)
		}
		subscribe("never@example.org", notify.TopicNews, "az")

		// What happens next: a news item is published, two events are
		// planned (one within two weeks, one after), a round is
		// published.
		now = now.Add(time.Hour)
		editor := audit.System("coordinator")
		title := "İctimai şuranın ağır işi: ölçü, çağırış, üzv"
		id, err := db.CreateNews(ctx, editor, news.Edit{Title: title, Body: "Şura **toplandı** <script>x</script>.", Lang: "az"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PublishNews(ctx, editor, id, true, 1); err != nil {
			t.Fatal(err)
		}
		soon, err := db.CreateEvent(ctx, editor, events.Edit{Kind: events.RoundTable, Title: plan.Text{"az": "Dəyirmi masa", "en": "Round table on budgets"},
			Start: events.FormatLocal(now.Add(10 * 24 * time.Hour)), Status: events.Planned, Place: "Baku"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateEvent(ctx, editor, events.Edit{Kind: events.Training, Title: plan.Text{"en": "Training far ahead"},
			Start: events.FormatLocal(now.Add(20 * 24 * time.Hour)), Status: events.Planned}); err != nil {
			t.Fatal(err)
		}
		round, err := db.CreateRound(ctx, editor, monitor.RoundEdit{PlanID: p.ID, Name: plan.Text{"ru": "Промежуточный мониторинг 2026", "en": "Mid-term 2026"}, Kind: monitor.KindMidTerm})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundStatus(ctx, editor, round, monitor.RoundClosed, 1); err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundStatus(ctx, editor, round, monitor.RoundPublished, 2); err != nil {
			t.Fatal(err)
		}

		server.Reset()
		now = now.Add(time.Hour)
		rep, err := svc.Digest(ctx, src, links, nil)
		if err != nil || rep.Sent != 3 || rep.Failed != 0 {
			t.Fatalf("digest: %+v %v", rep, err)
		}
		byTo := map[string]received{}
		for _, m := range server.Messages() {
			r := parse(t, m)
			byTo[r.To] = r
		}
		if _, ok := byTo["never@example.org"]; ok {
			t.Error("an unconfirmed subscription got a digest")
		}
		az := byTo["aysel@example.org"]
		if az.Subject != "Açıq Hökumət Platforması: "+title {
			t.Errorf("subject %q, want the Azerbaijani letters intact", az.Subject)
		}
		if raw := az.Header.Get("Subject"); !strings.HasPrefix(raw, "=?utf-8?q?") || strings.ContainsFunc(raw, func(r rune) bool { return r > 127 }) {
			t.Errorf("the subject header is not Q-encoded ASCII: %q", raw)
		}
		if !strings.Contains(az.Text, "https://ogp.example.az/news/") || !strings.Contains(az.Text, "Xəbərlər") || strings.Contains(az.HTML, "<script>") {
			t.Errorf("news digest:\n%s\n%s", az.Text, az.HTML)
		}
		if az.UnsubscribeHeader == "" || !strings.Contains(az.Text, strings.Trim(az.UnsubscribeHeader, "<>")) {
			t.Errorf("unsubscribe link %q not in\n%s", az.UnsubscribeHeader, az.Text)
		}
		en := byTo["john@example.org"]
		if !strings.Contains(en.Text, "Round table on budgets") || strings.Contains(en.Text, "Training far ahead") ||
			!strings.Contains(en.Text, "/events/"+itoa(soon)) || !strings.Contains(en.Text, "Upcoming events") {
			t.Errorf("events digest:\n%s", en.Text)
		}
		ru := byTo["olga@example.org"]
		if ru.Subject != "Платформа «Открытое правительство»: Промежуточный мониторинг 2026" || !strings.Contains(ru.Text, "/rounds/"+itoa(round)) {
			t.Errorf("rounds digest %q:\n%s", ru.Subject, ru.Text)
		}

		// Nothing new: nothing sent.
		server.Reset()
		now = now.Add(time.Hour)
		if rep, err := svc.Digest(ctx, src, links, nil); err != nil || rep.Sent != 0 || len(server.Messages()) != 0 {
			t.Fatalf("a second digest with nothing new: %+v %v, %d mails", rep, err, len(server.Messages()))
		}

		// Unsubscribed by the link of the digest: the next news goes to
		// nobody.
		if _, err := db.Unsubscribe(ctx, tokenOf(strings.Trim(az.UnsubscribeHeader, "<>"))); err != nil {
			t.Fatal(err)
		}
		id2, _ := db.CreateNews(ctx, editor, news.Edit{Title: "Yeni", Body: "b", Lang: "az"})
		if err := db.PublishNews(ctx, editor, id2, true, 1); err != nil {
			t.Fatal(err)
		}
		if rep, err := svc.Digest(ctx, src, links, nil); err != nil || len(server.Messages()) != 0 {
			t.Fatalf("after unsubscribing: %+v %v, %d mails", rep, err, len(server.Messages()))
		}
	})
}

// TestNothingIsSentWithoutAMailer: a service without a mailer refuses
// to subscribe or to send digests.
func TestNothingIsSentWithoutAMailer(t *testing.T) {
	svc := &notify.Service{}
	if svc.Enabled() {
		t.Fatal("enabled without a mailer")
	}
	if _, err := svc.Subscribe(context.Background(), notify.Request{Email: "a@example.org", Topic: notify.TopicNews}, notify.Links{}, ""); err != notify.ErrDisabled {
		t.Errorf("subscribe: %v", err)
	}
	if _, err := svc.Digest(context.Background(), notify.Sources{}, notify.Links{}, nil); err != notify.ErrDisabled {
		t.Errorf("digest: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

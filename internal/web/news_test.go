package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/notify"
	"ogpp/internal/notify/smtptest"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// newsIDs are the route matrix's samples: a published news item and the
// tokens of a pending subscription.
type newsIDs struct {
	News, Confirm, Unsubscribe string
}

var (
	newsSamplesMu sync.Mutex
	newsSamples   = map[*store.DB]newsIDs{}
)

// newsSample gives the server db as its news store and its
// subscriptions (mailing through an in-process SMTP server), and records
// a published item and a subscription once per database.
func newsSample(t *testing.T, s *Server, db *store.DB) newsIDs {
	t.Helper()
	newsSamplesMu.Lock()
	defer newsSamplesMu.Unlock()
	s.news = db
	s.notify = &notify.Service{Store: db, Mailer: &notify.SMTP{Addr: smtptest.Start(t).Addr}, From: "noreply@example.org"}
	if ids, ok := newsSamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	id, err := db.CreateNews(ctx, audit.System("test"), news.Edit{Title: "Sample news", Body: "Text.", Lang: "en"})
	if err == nil {
		err = db.PublishNews(ctx, audit.System("test"), id, true, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	sub, confirm, err := db.Subscribe(ctx, notify.Request{Email: "sample@example.org", Topic: notify.TopicNews, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	unsub, err := db.UnsubscribeToken(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := newsIDs{News: itoa(id), Confirm: confirm, Unsubscribe: unsub}
	newsSamples[db] = ids
	return ids
}

// TestNewsWritePublishFeedDelete writes a news item as a coordinator
// (a refused form keeps what was typed), publishes it, reads it as the
// public on the list, its page and the Atom feed, then deletes it after
// confirming.
func TestNewsWritePublishFeedDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var current access.Subject
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		s.news = db
		coordinator := access.Subject{User: &account.User{ID: 1, Name: "Koordinator", Role: account.RoleCoordinator}}
		current = coordinator

		// A refused form: the title kept, the message in Azerbaijani.
		rec := send(s, http.MethodPost, "/news/new?lang=az", url.Values{"title": {"Şəffaflıq <günü>"}, "lang": {"az"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Mətni daxil edin.") ||
			!strings.Contains(rec.Body.String(), `value="Şəffaflıq &lt;günü&gt;"`) {
			t.Fatalf("refused form: %d\n%s", rec.Code, rec.Body.String())
		}
		rec = send(s, http.MethodPost, "/news/new", url.Values{"title": {"Şəffaflıq <günü> & büdcə"}, "lang": {"az"},
			"body": {"Platforma **toplandı**.\n\n<script>alert(1)</script>"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", rec.Code, rec.Body.String())
		}
		item := strings.TrimSuffix(rec.Header().Get("Location"), "?done=news_created")
		current = access.Subject{}
		if status, _, _ := get(t, s, "/news"); status != http.StatusOK {
			t.Fatalf("/news: %d", status)
		}
		if _, body, _ := get(t, s, "/news"); strings.Contains(body, "toplandı") {
			t.Error("the public sees a draft in the list")
		}
		if rec := send(s, http.MethodGet, item, nil, nil); rec.Code != http.StatusSeeOther && rec.Code != http.StatusForbidden {
			t.Errorf("the public opens a draft: %d", rec.Code)
		}
		current = coordinator
		rec = send(s, http.MethodPost, item+"/publish", url.Values{"version": {"1"}, "publish": {"1"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%s", rec.Code, rec.Body.String())
		}
		current = access.Subject{}
		_, body, _ := get(t, s, "/news?lang=en")
		if !strings.Contains(body, `href="`+item+`"`) || !strings.Contains(body, "Şəffaflıq &lt;günü&gt; &amp; büdcə") || !strings.Contains(body, `lang="az"`) {
			t.Errorf("the list:\n%s", body)
		}
		status, body, _ := get(t, s, item)
		if status != http.StatusOK || !strings.Contains(body, "<strong>toplandı</strong>") || strings.Contains(body, "<script>alert") {
			t.Errorf("the item: %d\n%s", status, body)
		}
		status, feed, header := get(t, s, "/news.atom")
		if status != http.StatusOK || !strings.HasPrefix(header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("feed: %d %s", status, header.Get("Content-Type"))
		}
		var doc struct {
			Entries []struct {
				Title   string `xml:"title"`
				Content string `xml:"content"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(feed), &doc); err != nil {
			t.Fatalf("the feed is not XML: %v\n%s", err, feed)
		}
		if len(doc.Entries) != 1 || doc.Entries[0].Title != "Şəffaflıq <günü> & büdcə" || !strings.Contains(doc.Entries[0].Content, "<strong>toplandı</strong>") {
			t.Errorf("feed entries: %+v", doc.Entries)
		}

		current = coordinator
		if status, body, _ := get(t, s, item+"/delete"); status != http.StatusOK || !strings.Contains(body, `action="`+item+`/delete"`) {
			t.Fatalf("delete confirmation: %d", status)
		}
		if rec := send(s, http.MethodPost, item+"/delete", url.Values{"version": {"2"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("delete: %d\n%s", rec.Code, rec.Body.String())
		}
		current = access.Subject{}
		if status, _, _ := get(t, s, item); status != http.StatusNotFound {
			t.Errorf("a deleted item: %d", status)
		}
		if _, body, _ := get(t, s, "/news?lang=en"); !strings.Contains(body, "No news has been published yet.") {
			t.Errorf("the empty list:\n%s", body)
		}
	})
}

package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestDocumentAndNewsHistory: a coordinator reads what changed in a
// library document and a news item, field by field, from the page's
// history link, also once deleted; the public may not.
func TestDocumentAndNewsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		current := access.Subject{User: &account.User{ID: 1, Role: account.RoleCoordinator, Email: "c@example.org"}}
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		s.library, s.news = db, db
		ctx := context.Background()
		actor := audit.Actor{UserID: 1, Name: "Nigar Rzayeva"}
		doc := library.Edit{Kind: library.KindReport, Title: "Monitorinq hesabatı", Language: "az", Date: "2017-10-05"}
		docID, err := db.CreateDocument(ctx, actor, doc)
		if err != nil {
			t.Fatal(err)
		}
		doc.Title, doc.Version = "Monitorinq hesabatı 2017", 1
		if err := db.UpdateDocument(ctx, actor, docID, doc); err != nil {
			t.Fatal(err)
		}
		item := news.Edit{Title: "Dəyirmi masa", Body: "Mətn.", Lang: "az"}
		newsID, err := db.CreateNews(ctx, actor, item)
		if err != nil {
			t.Fatal(err)
		}
		item.Body, item.Version = "Yeni mətn.", 1
		if err := db.UpdateNews(ctx, actor, newsID, item); err != nil {
			t.Fatal(err)
		}
		cases := []struct{ page, history, want string }{
			{"/library/" + strconv.FormatInt(docID, 10), "/library/" + strconv.FormatInt(docID, 10) + "/history", "Monitorinq hesabatı 2017"},
			{"/news/" + strconv.FormatInt(newsID, 10), "/news/" + strconv.FormatInt(newsID, 10) + "/history", "Yeni mətn."},
		}
		for _, c := range cases {
			if _, body, _ := get(t, s, c.page+"?lang=en"); !strings.Contains(body, `href="`+c.history+`"`) {
				t.Errorf("%s does not link its history", c.page)
			}
			status, body, _ := get(t, s, c.history+"?lang=en")
			if status != http.StatusOK || !strings.Contains(body, c.want) || !strings.Contains(body, "Nigar Rzayeva") {
				t.Errorf("%s: %d, lacks the change or who made it\n%.3000s", c.history, status, body)
			}
		}
		// The audit log links both to their pages and histories.
		_, log, _ := get(t, s, "/admin/audit?lang=en")
		for _, c := range cases {
			if !strings.Contains(log, `href="`+c.history+`"`) || !strings.Contains(log, `href="`+c.page+`"`) {
				t.Errorf("the audit log does not link %s and its history", c.page)
			}
		}
		if err := db.DeleteDocument(ctx, actor, docID, 2); err != nil {
			t.Fatal(err)
		}
		if status, _, _ := get(t, s, cases[0].history); status != http.StatusOK {
			t.Errorf("a deleted document's history: %d", status)
		}
		current = access.Subject{}
		for _, c := range cases {
			if status, _, _ := get(t, s, c.history); status == http.StatusOK {
				t.Errorf("the public reads %s", c.history)
			}
		}
		if status, _, _ := get(t, s, "/news/999999/history"); status != http.StatusNotFound && status != http.StatusSeeOther && status != http.StatusForbidden {
			t.Errorf("history of no item: %d", status)
		}
	})
}

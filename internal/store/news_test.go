package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/plan"
	"ogpp/internal/search"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestNewsLifecycle writes, publishes, edits and deletes news: the public
// list holds only published items newest first, a stale edit is refused,
// the search sees only what is published, and a direct edit of the
// database is named by VerifyContent.
func TestNewsLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		editor := audit.System("coordinator")
		p, _ := db.GetPlan(ctx, "AZ-1")
		first, err := db.CreateNews(ctx, editor, news.Edit{Title: "Dəyirmi masa: şəffaflıq", Body: "Platforma **toplandı**.", Lang: "az", PlanID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		second, err := db.CreateNews(ctx, editor, news.Edit{Title: "Report published", Body: "Read it.", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateNews(ctx, editor, news.Edit{Title: "x", Body: "y", Lang: "en", PlanID: 999999}); !hasField(err, "plan", "news.plan.unknown") {
			t.Errorf("an unknown plan: %v", err)
		}
		if _, err := db.CreateNews(ctx, editor, news.Edit{Lang: "fr"}); !hasField(err, "title", "news.title.required") || !hasField(err, "body", "news.body.required") || !hasField(err, "lang", "news.lang.invalid") {
			t.Errorf("an empty form: %v", err)
		}
		public, err := db.ListNews(ctx, news.Filter{PublishedOnly: true})
		if err != nil || public.Total != 0 {
			t.Fatalf("drafts are public: %+v %v", public, err)
		}
		if err := db.PublishNews(ctx, editor, first, true, 1); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if err := db.PublishNews(ctx, editor, second, true, 1); err != nil {
			t.Fatal(err)
		}
		public, err = db.ListNews(ctx, news.Filter{PublishedOnly: true})
		if err != nil || public.Total != 2 || public.Items[0].ID != second || public.Items[1].ID != first {
			t.Fatalf("published list, newest first: %+v %v", public, err)
		}
		if got := public.Items[1]; got.Title != "Dəyirmi masa: şəffaflıq" || got.PlanID != p.ID || !strings.Contains(string(got.HTML()), "<strong>toplandı</strong>") {
			t.Errorf("item read back: %+v", got)
		}
		since, err := db.PublishedNewsSince(ctx, now.Add(-30*time.Minute))
		if err != nil || len(since) != 1 || since[0].ID != second {
			t.Errorf("news since half an hour: %+v %v", since, err)
		}
		var conflict *plan.ConflictError[news.Item]
		if err := db.UpdateNews(ctx, editor, first, news.Edit{Title: "Stale", Body: "b", Lang: "az", Version: 1}); !errors.As(err, &conflict) || conflict.Current.Version != 2 {
			t.Fatalf("a stale edit: %v", err)
		}
		docs, err := db.NewsSearchDocuments(ctx)
		if err != nil || len(docs) != 2 || docs[0].Kind != search.KindNews || docs[0].URL != "/news/"+itoa(first) || docs[0].Lang != "az" {
			t.Fatalf("search documents: %+v %v", docs, err)
		}
		if err := db.PublishNews(ctx, editor, second, false, 2); err != nil {
			t.Fatal(err)
		}
		if docs, _ := db.NewsSearchDocuments(ctx); len(docs) != 1 {
			t.Errorf("a withdrawn item is still searched: %+v", docs)
		}
		if err := db.DeleteNews(ctx, editor, first, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetNews(ctx, first); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a deleted item reads: %v", err)
		}
		all, _ := db.ListNews(ctx, news.Filter{})
		if all.Total != 1 || all.Items[0].ID != second || all.Items[0].Published {
			t.Errorf("the coordinators' list: %+v", all)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || len(problems) != 0 {
			t.Fatalf("content written by ogpp: %v %v", problems, err)
		}
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE news SET title = 'Saxta' WHERE id = ` + itoa(second))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil || len(problems) != 1 || problems[0].EntityType != news.EntityNews || problems[0].ID != second {
			t.Fatalf("a direct edit: %v %v", problems, err)
		}
	})
}

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/events"
	"ogpp/internal/library"
	"ogpp/internal/library/librarytest"
	"ogpp/internal/plan"
	"ogpp/internal/search"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestLibraryDocuments walks a document through its life on both
// databases: created tied to an event, refused when tied to what does not
// exist, edited (a stale edit refused), given a PDF whose Azerbaijani text
// is extracted for search, published, listed with adopted drafts, and
// deleted.
func TestLibraryDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tick(db)
		ev := newEvent(t, db, events.RoundTable, "Bakı", "2017-10-05T10:00", events.Held, 0)
		e := library.Edit{Kind: library.KindReport, Title: "Monitorinq hesabatı", Language: "az", Date: "2017-10-05",
			Description: "Dəyirmi masada təqdim edilmiş hesabat.", Links: []library.Link{{URL: "https://example.org/video", Title: "Video"}},
			Relations: map[library.Target][]int64{library.TargetEvent: {ev}}}
		id, err := db.CreateDocument(ctx, coordinator, e)
		if err != nil {
			t.Fatal(err)
		}
		bad := e
		bad.Relations = map[library.Target][]int64{library.TargetMeasure: {999}}
		if _, err := db.CreateDocument(ctx, coordinator, bad); !hasField(err, "measure", "library.measure.unknown") {
			t.Errorf("tied to a measure that does not exist: %v", err)
		}
		d, err := db.GetDocument(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Published || d.Version != 1 || len(d.Related) != 1 || d.Related[0].Title.String() == "" || d.Links[0].Title != "Video" {
			t.Fatalf("new document: %+v", d)
		}

		// The public list does not show it before it is published.
		if page, err := db.ListLibrary(ctx, library.Filter{PublishedOnly: true}); err != nil || page.Total != 0 {
			t.Fatalf("public list before publishing: %+v, %v", page, err)
		}

		e.Title, e.Version = "Monitorinq hesabatı 2017", 1
		if err := db.UpdateDocument(ctx, coordinator, id, e); err != nil {
			t.Fatal(err)
		}
		var stale *plan.ConflictError[library.Document]
		if err := db.UpdateDocument(ctx, coordinator, id, e); !errors.As(err, &stale) || stale.Current.Title != "Monitorinq hesabatı 2017" {
			t.Fatalf("stale edit: %v", err)
		}

		f, err := db.AddDocumentFile(ctx, coordinator, id, library.FileUpload{Name: "hesabat.pdf", Data: librarytest.PDF(t, "Hesabat: şəffaflıq")})
		if err != nil {
			t.Fatal(err)
		}
		if !f.HasText || f.ContentType != "application/pdf" || len(f.SHA256) != 64 {
			t.Errorf("kept file: %+v", f)
		}
		if _, err := db.AddDocumentFile(ctx, coordinator, id, library.FileUpload{Name: "x.pdf", Data: []byte("<html>")}); !hasField(err, "file", "library.file.type") {
			t.Errorf("an HTML page named .pdf: %v", err)
		}
		got, data, err := db.DocumentFile(ctx, id, f.ID)
		if err != nil || got.FileName != "hesabat.pdf" || !strings.HasPrefix(string(data), "%PDF") {
			t.Fatalf("read the file back: %+v, %v", got, err)
		}

		// Not published yet: the search has nothing of it.
		if docs, err := db.LibrarySearchDocuments(ctx); err != nil || len(docs) != 0 {
			t.Fatalf("search documents before publishing: %v, %v", docs, err)
		}
		d, _ = db.GetDocument(ctx, id)
		if err := db.PublishDocument(ctx, coordinator, id, d.Version, true); err != nil {
			t.Fatal(err)
		}
		docs, err := db.LibrarySearchDocuments(ctx)
		if err != nil || len(docs) != 1 {
			t.Fatalf("search documents: %v, %v", docs, err)
		}
		if doc := docs[0]; doc.Kind != search.KindDocument || doc.URL != "/library/"+itoa(id) || doc.Lang != "az" ||
			!strings.Contains(doc.Body, "şəffaflıq") || !strings.Contains(doc.Body, "Dəyirmi masada") {
			t.Errorf("search document: %+v", doc)
		}

		// An adopted draft the platform published sits beside it.
		draft, err := db.CreateDraft(ctx, coordinator, drafts.DraftEdit{Kind: drafts.KindProposals, Title: plan.Text{"az": "Təkliflər paketi"}, ActivityID: 4, Body: "# Təkliflər"})
		if err != nil {
			t.Fatal(err)
		}
		publishDraftDirectly(t, db, draft, "2018-03-01T10:00:00.000Z")
		page, err := db.ListLibrary(ctx, library.Filter{PublishedOnly: true})
		if err != nil || page.Total != 2 {
			t.Fatalf("public list: %+v, %v", page, err)
		}
		if first := page.Items[0]; !first.Draft || first.TitleText.String() != "Təkliflər paketi" || first.URL() != "/drafts/"+itoa(draft) {
			t.Errorf("newest first should be the draft of 2018: %+v", first)
		}
		if second := page.Items[1]; second.Draft || second.Files != 1 || second.URL() != "/library/"+itoa(id) {
			t.Errorf("then the document: %+v", second)
		}
		for _, tt := range []struct {
			name string
			f    library.Filter
			want int
		}{
			{"by kind", library.Filter{Kind: library.KindProposals}, 1},
			{"by year", library.Filter{Year: 2017}, 1},
			{"by language: drafts left out", library.Filter{Language: "az"}, 1},
			{"by the draft's activity", library.Filter{ActivityID: 4}, 1},
			{"an event's materials", library.Filter{Target: library.TargetEvent, TargetID: ev}, 1},
			{"another year", library.Filter{Year: 2016}, 0},
		} {
			tt.f.PublishedOnly = true
			page, err := db.ListLibrary(ctx, tt.f)
			if err != nil || page.Total != tt.want || len(page.Items) != tt.want {
				t.Errorf("%s: %d entries (%v), want %d", tt.name, page.Total, err, tt.want)
			}
		}
		if years, err := db.LibraryYears(ctx, true); err != nil || len(years) != 2 || years[0] != 2018 {
			t.Errorf("years = %v, %v", years, err)
		}
		if second, err := db.ListLibrary(ctx, library.Filter{PublishedOnly: true, Limit: 1, Offset: 1}); err != nil || second.Total != 2 ||
			len(second.Items) != 1 || second.Items[0].ID != id || second.Items[0].Draft {
			t.Errorf("the second page of one: %+v, %v", second, err)
		}
		if old, _ := db.ListLibrary(ctx, library.Filter{Oldest: true}); len(old.Items) != 2 || old.Items[0].Draft {
			t.Errorf("oldest first: %+v", old.Items)
		}

		d, _ = db.GetDocument(ctx, id)
		if err := db.RemoveDocumentFile(ctx, coordinator, id, f.ID, d.Version-1); !errors.As(err, &stale) {
			t.Errorf("a removal confirmed on an old version: %v", err)
		}
		if err := db.RemoveDocumentFile(ctx, coordinator, id, f.ID, d.Version); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.DocumentFile(ctx, id, f.ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a removed file is still served: %v", err)
		}
		if problems, err := db.VerifyContent(ctx); err != nil || hasProblemOf(problems, library.EntityDocument) {
			t.Fatalf("verify an untouched library: %v, %v", problems, err)
		}
		d, _ = db.GetDocument(ctx, id)
		if err := db.DeleteDocument(ctx, coordinator, id, d.Version-1); !errors.As(err, &stale) {
			t.Errorf("a delete confirmed on an old version: %v", err)
		}
		if err := db.DeleteDocument(ctx, coordinator, id, d.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetDocument(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a deleted document is still read: %v", err)
		}
		entries, _, err := db.ListAudit(ctx, audit.Filter{EntityType: library.EntityDocument, EntityID: itoa(id)})
		if err != nil || len(entries) != 6 {
			t.Errorf("audit entries = %d (%v), want create, update, file added, publish, file removed, delete", len(entries), err)
		}
	})
}

// TestLibraryTamperingIsNamed: a document edited in the database directly
// no longer matches its fingerprint, and a file whose bytes changed no
// longer matches its SHA-256.
func TestLibraryTamperingIsNamed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id, err := db.CreateDocument(ctx, coordinator, library.Edit{Kind: library.KindPressRelease, Title: "Press release", Language: "en", Date: "2018-01-10"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddDocumentFile(ctx, coordinator, id, library.FileUpload{Name: "note.txt", Data: []byte("Mətbuat üçün")}); err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *sql.Tx) error {
			if _, err := tx.Exec(`UPDATE library_documents SET title = 'Forged' WHERE id = $1`, id); err != nil {
				return err
			}
			_, err := tx.Exec(`UPDATE library_files SET data = $1`, []byte("changed"))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		problems, err := db.VerifyContent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !hasProblemOf(problems, library.EntityDocument) || !hasProblemOf(problems, library.EntityDocument+"_file") {
			t.Errorf("problems = %+v, want the document and its file named", problems)
		}
	})
}

func hasProblemOf(ps []audit.ContentProblem, entity string) bool {
	for _, p := range ps {
		if p.EntityType == entity {
			return true
		}
	}
	return false
}

// publishDraftDirectly marks a draft published as a meeting's adoption and
// publication would, without holding the meeting.
func publishDraftDirectly(t *testing.T, db *store.DB, id int64, at string) {
	t.Helper()
	if err := db.Transact(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE drafts SET status = $1, published_at = $2 WHERE id = $3`, string(drafts.StatusPublished), at, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestLibraryPDFIsFoundBySearch: the site-wide search, over the library's
// documents, finds a published report by a word of its PDF written in
// capitals, ŞƏFFAFLIQ for şəffaflıq, on both databases; withdrawn, it is
// found no more.
func TestLibraryPDFIsFoundBySearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id, err := db.CreateDocument(ctx, coordinator, library.Edit{Kind: library.KindReport, Title: "Monitorinq hesabatı", Language: "az", Date: "2017-10-05"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddDocumentFile(ctx, coordinator, id, library.FileUpload{Name: "hesabat.pdf",
			Data: librarytest.PDF(t, "Büdcə prosesində şəffaflıq və hesabatlılıq")}); err != nil {
			t.Fatal(err)
		}
		if err := db.PublishDocument(ctx, coordinator, id, 2, true); err != nil {
			t.Fatal(err)
		}
		idx := search.NewIndex(db, db.LibrarySearchDocuments)
		res, err := idx.Search(ctx, search.Query{Text: "ŞƏFFAFLIQ", Lang: "az"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].URL != "/library/"+itoa(id) {
			t.Fatalf("search ŞƏFFAFLIQ: %+v", res)
		}
		if err := db.PublishDocument(ctx, coordinator, id, 3, false); err != nil {
			t.Fatal(err)
		}
		idx.Invalidate()
		if res, err := idx.Search(ctx, search.Query{Text: "şəffaflıq"}); err != nil || res.Total != 0 {
			t.Errorf("a withdrawn document is still found: %+v, %v", res, err)
		}
	})
}

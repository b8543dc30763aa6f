package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/library"
	"ogpp/internal/library/librarytest"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// libraryIDs are what librarySample made: an unpublished document with a
// file, and a published one with a file.
type libraryIDs struct {
	Draft, DraftFile, Published, PublishedFile string
}

var (
	librarySamplesMu sync.Mutex
	librarySamples   = map[*store.DB]libraryIDs{}
)

// librarySample gives s the library and records, once per database, an
// unpublished document and a published one, each with a text file, for
// the route matrix and the tests.
func librarySample(t *testing.T, s *Server, db *store.DB) libraryIDs {
	t.Helper()
	librarySamplesMu.Lock()
	defer librarySamplesMu.Unlock()
	s.library = db
	if ids, ok := librarySamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
	var ids libraryIDs
	for i, title := range []string{"Unpublished notes", "Annual report 2017"} {
		id, err := db.CreateDocument(ctx, actor, library.Edit{Kind: library.KindReport, Title: title, Language: "en", Date: "2017-12-20"})
		if err != nil {
			t.Fatal(err)
		}
		f, err := db.AddDocumentFile(ctx, actor, id, library.FileUpload{Name: "notes.txt", Data: []byte("Notes of " + title)})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			ids.Draft, ids.DraftFile = strconv.FormatInt(id, 10), strconv.FormatInt(f.ID, 10)
			continue
		}
		if err := db.PublishDocument(ctx, actor, id, 2, true); err != nil {
			t.Fatal(err)
		}
		ids.Published, ids.PublishedFile = strconv.FormatInt(id, 10), strconv.FormatInt(f.ID, 10)
	}
	librarySamples[db] = ids
	return ids
}

// uploadFile posts a file as the document page's form does.
func uploadFile(t *testing.T, s http.Handler, target, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// TestLibraryPages: a coordinator's refused form keeps the input; a new
// document gets a PDF (an HTML page named .pdf is refused beside the file
// input), is published, and the public then finds it in the list by its
// kind, reads its page and downloads the file under its Azerbaijani name.
func TestLibraryPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var current access.Subject
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		ids := librarySample(t, s, db)

		status, body, _ := get(t, s, "/library", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Annual report 2017") || strings.Contains(body, "Unpublished notes") {
			t.Errorf("public list: %d\n%.3000s", status, body)
		}
		if status, _, _ := get(t, s, "/library/"+ids.Draft); status != http.StatusSeeOther {
			t.Errorf("the public opens an unpublished document: %d", status)
		}
		if status, _, _ := get(t, s, "/library/"+ids.Draft+"/files/"+ids.DraftFile); status != http.StatusSeeOther && status != http.StatusForbidden {
			t.Errorf("the public downloads an unpublished file: %d", status)
		}
		if status, _, _ := get(t, s, "/library?kind=film"); status != http.StatusBadRequest {
			t.Errorf("an unknown kind: %d", status)
		}

		current = access.Subject{User: &account.User{ID: 1, Name: "Coordinator", Email: "c@example.org", Role: account.RoleCoordinator}}
		form := url.Values{"kind": {"presentation"}, "title": {"Şəffaflıq təqdimatı"}, "language": {"az"}, "date": {"2017-13-40"},
			"links": {"javascript:alert(1) Bad"}, "event": {"3, x"}}
		rec := postForm(s, "/library/new", form)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Şəffaflıq təqdimatı") ||
			!strings.Contains(rec.Body.String(), `href="#date"`) || !strings.Contains(rec.Body.String(), `href="#links"`) || !strings.Contains(rec.Body.String(), `href="#event"`) {
			t.Fatalf("refused form: %d\n%.4000s", rec.Code, rec.Body.String())
		}
		form.Set("date", "2017-10-05")
		form.Set("links", "https://example.org/video Recording")
		form.Del("event")
		rec = postForm(s, "/library/new", form)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		doc := strings.TrimSuffix(strings.Split(rec.Header().Get("Location"), "?")[0], "/")

		rec = uploadFile(t, s, doc+"/files", "şəkil.pdf", []byte("<html><script>alert(1)</script></html>"))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="file-error"`) {
			t.Errorf("an HTML page named .pdf: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		rec = uploadFile(t, s, doc+"/files", "Hesabat şəffaflıq.pdf", librarytest.PDF(t, "şəffaflıq"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("upload: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		status, body, _ = get(t, s, doc, "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Hesabat şəffaflıq.pdf") || !strings.Contains(body, "Not published") || !strings.Contains(body, "SHA-256") {
			t.Fatalf("coordinator's page: %d\n%.4000s", status, body)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(doc, "/library/"), 10, 64)
		d, err := db.GetDocument(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if rec := postForm(s, doc+"/publish", url.Values{"published": {"1"}, "version": {strconv.Itoa(d.Version - 1)}}); rec.Code != http.StatusConflict {
			t.Errorf("publish from an old version: %d", rec.Code)
		}
		if rec := postForm(s, doc+"/publish", url.Values{"published": {"1"}, "version": {strconv.Itoa(d.Version)}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("publish: %d\n%.2000s", rec.Code, rec.Body.String())
		}

		current = access.Subject{}
		status, body, _ = get(t, s, "/library?kind=presentation", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Şəffaflıq təqdimatı") || strings.Contains(body, "Annual report 2017") {
			t.Errorf("filtered by kind: %d\n%.3000s", status, body)
		}
		status, body, _ = get(t, s, doc, "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, `lang="az"`) || !strings.Contains(body, "Recording") || strings.Contains(body, "Not published") {
			t.Fatalf("public page: %d\n%.3000s", status, body)
		}
		d, _ = db.GetDocument(context.Background(), id)
		status, body, h := get(t, s, doc+"/files/"+strconv.FormatInt(d.Files[0].ID, 10))
		if status != 200 || h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(h.Get("Content-Disposition"), "filename*=utf-8''Hesabat%20%C5%9F%C9%99ffafl%C4%B1q.pdf") || !strings.HasPrefix(body, "%PDF") {
			t.Errorf("download: %d %v", status, h)
		}
		status, body, h = get(t, s, "/library.csv")
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(body, "Şəffaflıq təqdimatı") || strings.Contains(body, "Unpublished notes") {
			t.Errorf("library.csv: %d\n%s", status, body)
		}
		status, body, _ = get(t, s, "/", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Latest publications") || !strings.Contains(body, "Şəffaflıq təqdimatı") {
			t.Errorf("home page's latest publications: %d", status)
		}
	})
}

// TestLibraryDeleteAsksFirst: deleting a document and removing a file show
// a confirmation; the POST of one confirmed on an older version shows it
// again.
func TestLibraryDeleteAsksFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		current := access.Subject{User: &account.User{ID: 1, Name: "Coordinator", Role: account.RoleCoordinator}}
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		ids := librarySample(t, s, db)
		status, body, _ := get(t, s, "/library/"+ids.Published+"/files/"+ids.PublishedFile+"/remove", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Remove the file?") || !strings.Contains(body, "notes.txt") {
			t.Fatalf("confirm removal: %d\n%.2000s", status, body)
		}
		if rec := postForm(s, "/library/"+ids.Published+"/files/"+ids.PublishedFile+"/remove", url.Values{"version": {"1"}}); rec.Code != http.StatusConflict {
			t.Errorf("removal confirmed on an old version: %d", rec.Code)
		}
		status, body, _ = get(t, s, "/library/"+ids.Draft+"/delete", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Delete the document?") {
			t.Fatalf("confirm delete: %d", status)
		}
	})
}

// TestEventPageShowsItsMaterials: a published document tied to an event
// is listed on the event's page under "Materials".
func TestEventPageShowsItsMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServerWith(t, db, nil)
		librarySample(t, s, db)
		ev := eventSample(t, s, db).Event
		evID, _ := strconv.ParseInt(ev, 10, 64)
		ctx := context.Background()
		actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
		id, err := db.CreateDocument(ctx, actor, library.Edit{Kind: library.KindPresentation, Title: "Round table slides", Language: "en", Date: "2017-10-05",
			Relations: map[library.Target][]int64{library.TargetEvent: {evID}}})
		if err != nil {
			t.Fatal(err)
		}
		status, body, _ := get(t, s, "/events/"+ev, "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Materials") || strings.Contains(body, "Round table slides") {
			t.Fatalf("before publishing: %d", status)
		}
		if err := db.PublishDocument(ctx, actor, id, 1, true); err != nil {
			t.Fatal(err)
		}
		if _, body, _ := get(t, s, "/events/"+ev, "Accept-Language", "en"); !strings.Contains(body, `href="/library/`+strconv.FormatInt(id, 10)+`"`) {
			t.Errorf("the event's page lacks its published material\n%.4000s", body)
		}
	})
}

// TestActivityAndMeasurePagesShowTheirDocuments: a published document tied
// to an activity and to the measure it serves is listed on both pages, and
// the library filtered by the activity finds it.
func TestActivityAndMeasurePagesShowTheirDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newTestServerWith(t, db, nil)
		librarySample(t, s, db)
		w := seedLogframe(t, db, 0)
		s.projects = db
		ctx := context.Background()
		actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
		id, err := db.CreateDocument(ctx, actor, library.Edit{Kind: library.KindProposals, Title: "Proposals on clause 4.1.3", Language: "en", Date: "2017-06-01",
			Relations: map[library.Target][]int64{library.TargetActivity: {w.activity}, library.TargetMeasure: {w.measure}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PublishDocument(ctx, actor, id, 1, true); err != nil {
			t.Fatal(err)
		}
		link := `href="/library/` + strconv.FormatInt(id, 10) + `"`
		for _, page := range []string{"/activities/" + itoa(w.activity), "/measures/" + itoa(w.measure), "/library?activity=" + itoa(w.activity)} {
			status, body, _ := get(t, s, page, "Accept-Language", "en")
			if status != 200 || !strings.Contains(body, link) {
				t.Errorf("%s: %d, lacks the document\n%.3000s", page, status, body)
			}
		}
		if _, body, _ := get(t, s, "/library?activity="+itoa(w.activity), "Accept-Language", "en"); strings.Contains(body, "Annual report 2017") {
			t.Error("the library filtered by activity lists a document of none")
		}
		status, body, _ := get(t, s, "/library/"+strconv.FormatInt(id, 10), "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, `href="/activities/`+itoa(w.activity)+`"`) || !strings.Contains(body, `href="/measures/`+itoa(w.measure)+`"`) {
			t.Errorf("the document's page lacks what it is tied to: %d\n%.3000s", status, body)
		}
	})
}

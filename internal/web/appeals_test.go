package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// outreachNow is the fixed "now" of the outreach tests: 10 April 2024 at
// noon in Baku. No test reads the clock's date.
var outreachNow = time.Date(2024, 4, 10, 8, 0, 0, 0, time.UTC)

// novruzCalendar has the Novruz days off of March 2024 as a holidays file
// would list them.
func novruzCalendar(t *testing.T) platform.Calendar {
	t.Helper()
	c, err := platform.ParseCalendar(strings.NewReader("2024-03-20 Novruz\n2024-03-21 Novruz\n2024-03-22 Novruz\n2024-03-25 Novruz\n2024-03-26 Novruz\n"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// outreachIDs are the rows outreachSample made.
type outreachIDs struct {
	Appeal, Reply, Letter, ReplyFile, Media, Resource string
	addressee                                         int64
}

var (
	outreachSamplesMu sync.Mutex
	outreachSamples   = map[*store.DB]outreachIDs{}
)

// outreachSample gives s the outreach store and records, once per
// database, an appeal sent on 18 March 2024 to the fixture's Cabinet of
// Ministers with its letter (not published) and a reply with a file, a
// media item and a register entry, for the route matrix and the tests.
func outreachSample(t *testing.T, s *Server, db *store.DB) outreachIDs {
	t.Helper()
	outreachSamplesMu.Lock()
	defer outreachSamplesMu.Unlock()
	if s.appeals.Store == nil {
		s.appeals = AppealsConfig{Store: db, Calendar: novruzCalendar(t)}
	}
	if ids, ok := outreachSamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
	orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "Cabinet"})
	if err != nil || len(orgs.Items) == 0 {
		t.Fatalf("Cabinet of Ministers: %v", err)
	}
	cabinet := orgs.Items[0].ID
	id, err := db.CreateAppeal(ctx, actor, platform.AppealEdit{Kind: "information_request", ReplyDays: 7, AddresseeID: cabinet,
		Reference: "No. 12/3", SentOn: "2024-03-18", Subject: plan.Text{"az": "Büdcə zərfinin açıqlanması", "en": "Disclosure of the budget package"}})
	if err != nil {
		t.Fatal(err)
	}
	letter, err := db.SetAppealDocument(ctx, actor, id, monitor.FileUpload{Name: "letter.pdf", Data: minimalPDF})
	if err != nil {
		t.Fatal(err)
	}
	rid, err := db.AddReply(ctx, actor, id, platform.ReplyEdit{ReceivedOn: "2024-04-05", Summary: plan.Text{"en": "Partly answered"}})
	if err != nil {
		t.Fatal(err)
	}
	rfile, err := db.SetReplyDocument(ctx, actor, rid, monitor.FileUpload{Name: "reply.txt", Data: []byte("The reply.\n")})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := db.CreateMedia(ctx, actor, platform.MediaEdit{Outlet: "Turan", Kind: platform.MediaArticle, PublishedOn: "2024-03-19",
		Title: "Platforma büdcə zərfini soruşur", URL: "https://example.org/turan/1"})
	if err != nil {
		t.Fatal(err)
	}
	resID, err := db.CreateResource(ctx, actor, platform.ResourceEdit{Item: "Noutbuk", BoughtOn: "2017-03-01", Amount: "1250.50"})
	if err != nil {
		t.Fatal(err)
	}
	ids := outreachIDs{Appeal: itoa(id), Reply: itoa(rid), Letter: itoa(letter.ID), ReplyFile: itoa(rfile.ID), Media: itoa(mid),
		Resource: itoa(resID), addressee: cabinet}
	outreachSamples[db] = ids
	return ids
}

// outreachServer serves the fixture with the outreach pages at
// outreachNow, to whomever *who says (the public when nil).
func outreachServer(t *testing.T, db *store.DB, who **account.User) (*Server, outreachIDs) {
	t.Helper()
	s := newTestServerWith(t, db, func(*http.Request) access.Subject { return access.Subject{User: *who} })
	s.now = func() time.Time { return outreachNow }
	s.appeals = AppealsConfig{Store: db, Calendar: novruzCalendar(t), Activities: db}
	return s, outreachSample(t, s, db)
}

var (
	outreachCoordinator = &account.User{ID: 7, Email: "coordinator@example.org", Name: "Coordinator", Role: account.RoleCoordinator}
	outreachMember      = &account.User{ID: 8, Email: "member@example.org", Name: "Member", Role: account.RoleMember}
)

func postForm(s http.Handler, target string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func postFile(t *testing.T, s http.Handler, target, name string, data []byte) *httptest.ResponseRecorder {
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
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

// TestAppealPagesShowStatusOnTheDay reads the public pages on 10 April
// 2024: the sample appeal (deadline 3 April over Novruz) was answered
// late on 5 April; a second one, sent on 1 April, is awaiting; a third,
// sent in February, is overdue.
func TestAppealPagesShowStatusOnTheDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var who *account.User
		s, ids := outreachServer(t, db, &who)
		ctx := context.Background()
		for _, e := range []platform.AppealEdit{
			{Kind: "proposal", ReplyDays: 15, AddresseeID: ids.addressee, SentOn: "2024-04-01", Subject: plan.Text{"en": "Proposal on public councils"}},
			{Kind: "complaint", ReplyDays: 15, AddresseeID: ids.addressee, SentOn: "2024-02-01", Subject: plan.Text{"en": "Complaint about silence"}},
		} {
			if _, err := db.CreateAppeal(ctx, audit.System("test"), e); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			target string
			status int
			want   []string
			not    []string
		}{
			{"/appeals?lang=en", 200, []string{"Disclosure of the budget package", "tag-appeal-answered", "Answered late", "tag-appeal-awaiting",
				"tag-appeal-overdue", "1 appeal is overdue", "3 April 2024", "Status on 10 April 2024"}, []string{"/appeals/new"}},
			{"/appeals?status=overdue&lang=en", 200, []string{"Overdue appeals", "Complaint about silence"}, []string{"Disclosure of the budget package"}},
			{"/appeals?status=awaiting&lang=en", 200, []string{"Proposal on public councils", "working days left"}, []string{"Complaint about silence"}},
			{"/appeals?q=budget&lang=en", 200, []string{"Disclosure of the budget package"}, []string{"Proposal on public councils"}},
			{"/appeals?status=lost", 400, nil, nil},
			{"/appeals?addressee=x", 400, nil, nil},
			{"/appeals/" + ids.Appeal + "?lang=en", 200, []string{"Disclosure of the budget package", "7 working days", "Public holidays not counted",
				"20 March 2024 (Novruz)", "Partly answered", "has not been published"}, []string{"/appeal-documents/" + ids.Letter, "enctype"}},
			{"/appeals/" + ids.Appeal + "?lang=az", 200, []string{"Büdcə zərfinin açıqlanması", "Gecikmə ilə cavablandırılıb", "7 iş günü"}, nil},
			{"/appeals/" + ids.Appeal + "?lang=ru", 200, []string{"Ответ с опозданием", "7 рабочих дней"}, nil},
			{"/appeals/999999", 404, nil, nil},
		} {
			status, body, _ := get(t, s, tt.target)
			if status != tt.status {
				t.Errorf("GET %s: %d, want %d\n%.400s", tt.target, status, tt.status, body)
				continue
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tt.target, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("GET %s shows %q", tt.target, w)
				}
			}
		}
		status, body, h := get(t, s, "/appeals.csv?status=overdue")
		if status != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") || !strings.Contains(body, ",complaint,15,") ||
			!strings.Contains(body, ",overdue,2024-04-10,") || strings.Contains(body, "budget") {
			t.Errorf("CSV of the overdue: %d\n%s", status, body)
		}
	})
}

// TestAppealDocumentsArePrivateUntilPublished: the public sees that a
// letter exists, not the letter; a coordinator downloads it; once the
// coordinator publishes the appeal's documents, so may anyone.
func TestAppealDocumentsArePrivateUntilPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var who *account.User
		s, ids := outreachServer(t, db, &who)
		for _, doc := range []string{ids.Letter, ids.ReplyFile} {
			if status, _, h := get(t, s, "/appeal-documents/"+doc); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login") {
				t.Errorf("anonymous download of %s: %d %s", doc, status, h.Get("Location"))
			}
		}
		who = outreachMember
		if status, _, _ := get(t, s, "/appeal-documents/"+ids.Letter); status != http.StatusForbidden {
			t.Errorf("member download: %d", status)
		}
		who = outreachCoordinator
		status, body, h := get(t, s, "/appeal-documents/"+ids.Letter)
		sum := sha256.Sum256(minimalPDF)
		if status != 200 || body != string(minimalPDF) || h.Get("Content-Type") != "application/pdf" || h.Get("X-Checksum-SHA256") != hex.EncodeToString(sum[:]) ||
			!strings.HasPrefix(h.Get("Content-Disposition"), "attachment") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("coordinator download: %d %v", status, h)
		}
		_, page, _ := get(t, s, "/appeals/"+ids.Appeal+"?lang=en")
		if !strings.Contains(page, "/appeal-documents/"+ids.Letter) || !strings.Contains(page, hex.EncodeToString(sum[:])) {
			t.Errorf("the coordinator's page lacks the letter and its SHA-256")
		}
		a, err := db.GetAppeal(context.Background(), mustID(t, ids.Appeal))
		if err != nil {
			t.Fatal(err)
		}
		form := appealValues(a)
		form.Set("documents_public", "1")
		if rec := postForm(s, "/appeals/"+ids.Appeal+"/edit", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("publish documents: %d\n%.500s", rec.Code, rec.Body.String())
		}
		who = nil
		if status, body, _ := get(t, s, "/appeal-documents/"+ids.ReplyFile); status != 200 || body != "The reply.\n" {
			t.Errorf("public download once published: %d", status)
		}
		if _, page, _ := get(t, s, "/appeals/"+ids.Appeal); !strings.Contains(page, "/appeal-documents/"+ids.Letter) {
			t.Errorf("the public page lacks the published letter")
		}
		if status, _, _ := get(t, s, "/appeal-documents/999999"); status != 404 {
			t.Errorf("unknown document: %d", status)
		}
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, ok := positiveID(s)
	if !ok {
		t.Fatalf("id %q", s)
	}
	return id
}

// appealValues is the form a coordinator posts to save an appeal as it is.
func appealValues(a platform.Appeal) url.Values {
	form := url.Values{}
	for k, v := range appealFormValues(a) {
		form.Set(k, v)
	}
	return form
}

// TestAppealFormsKeepInput posts forms as a coordinator: refused input
// comes back with every value typed and the problems named beside their
// fields; a stale version is a conflict; good input is saved.
func TestAppealFormsKeepInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := outreachCoordinator
		s, ids := outreachServer(t, db, &who)
		status, body, _ := get(t, s, "/appeals/new?measure=abc&lang=en")
		if status != 200 || !strings.Contains(body, `<optgroup label="Azerbaijan">`) || !strings.Contains(body, "Request for information — 7 working days") ||
			!strings.Contains(body, `value="2024-04-10"`) {
			t.Errorf("new appeal form: %d\n%.2000s", status, body)
		}
		form := url.Values{"kind": {"information_request"}, "addressee": {itoa(ids.addressee)}, "sent_on": {"2024-04-11"},
			"subject.az": {"Sınaq <b>mövzusu</b>"}, "reference": {"No. 99"}, "measure": {"twelve"}, "activity": {"424242"}}
		rec := postForm(s, "/appeals/new?lang=en", form)
		page := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid appeal: %d", rec.Code)
		}
		for _, want := range []string{"There is a problem", `href="#sent_on"`, "The date sent cannot be in the future.",
			`href="#measure"`, "Enter the measure&#39;s number", `value="No. 99"`, "Sınaq &lt;b&gt;mövzusu&lt;/b&gt;", `value="twelve"`,
			`value="424242" selected`, "Activity no. 424242"} {
			if !strings.Contains(page, want) {
				t.Errorf("refused form lacks %q", want)
			}
		}
		form.Set("sent_on", "2024-04-09")
		form.Set("measure", "")
		rec = postForm(s, "/appeals/new", form)
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/appeals/") {
			t.Fatalf("valid appeal: %d\n%.500s", rec.Code, rec.Body.String())
		}
		created := strings.TrimSuffix(strings.TrimPrefix(rec.Header().Get("Location"), "/appeals/"), "?done=created")
		a, err := db.GetAppeal(context.Background(), mustID(t, created))
		if err != nil || a.ReplyDays != 7 || a.ActivityID != 424242 || a.Subject["az"] != "Sınaq <b>mövzusu</b>" {
			t.Fatalf("created = %+v, %v", a, err)
		}
		// Two coordinators edit from version 1: the second is shown the first's save.
		first := appealValues(a)
		first.Set("reference", "No. 100")
		if rec := postForm(s, "/appeals/"+created+"/edit", first); rec.Code != http.StatusSeeOther {
			t.Fatalf("first save: %d", rec.Code)
		}
		second := appealValues(a)
		second.Set("reference", "No. 101")
		rec = postForm(s, "/appeals/"+created+"/edit?lang=en", second)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "No. 100") || !strings.Contains(rec.Body.String(), `value="No. 101"`) ||
			!strings.Contains(rec.Body.String(), `name="version" value="2"`) {
			t.Errorf("conflict: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		// Replies: a date before the appeal is refused beside its field.
		rec = postForm(s, "/appeals/"+created+"/replies/new?lang=en", url.Values{"received_on": {"2024-04-01"}, "summary.en": {"Too early"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "A reply cannot arrive before the appeal was sent.") ||
			!strings.Contains(rec.Body.String(), "Too early") {
			t.Errorf("early reply: %d", rec.Code)
		}
		rec = postForm(s, "/appeals/"+created+"/replies/new", url.Values{"received_on": {"2024-04-10"}, "summary.en": {"Answered in full"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("reply: %d\n%.500s", rec.Code, rec.Body.String())
		}
		if _, body, _ := get(t, s, "/appeals/"+created+"?lang=en"); !strings.Contains(body, "Answered in full") || !strings.Contains(body, "tag-appeal-answered") {
			t.Errorf("answered appeal page")
		}
		// The History tab is the log filtered to the appeal.
		if status, body, _ := get(t, s, "/admin/audit?type=appeal&id="+created+"&lang=en"); status != 200 || !strings.Contains(body, "No. 100") ||
			!strings.Contains(body, "Outgoing number") {
			t.Errorf("appeal's history: %d\n%.300s", status, body)
		}
		// Deleting asks first, and needs the version shown.
		if status, body, _ := get(t, s, "/appeals/"+created+"/delete?lang=en"); status != 200 || !strings.Contains(body, "Delete this appeal?") {
			t.Errorf("delete confirmation: %d", status)
		}
		if rec := postForm(s, "/appeals/"+created+"/delete", url.Values{"version": {"1"}}); rec.Code != http.StatusConflict {
			t.Errorf("stale delete: %d", rec.Code)
		}
		if rec := postForm(s, "/appeals/"+created+"/delete", url.Values{"version": {"2"}}); rec.Code != http.StatusSeeOther {
			t.Errorf("delete: %d", rec.Code)
		}
		if status, _, _ := get(t, s, "/appeals/"+created); status != 404 {
			t.Errorf("deleted appeal: %d", status)
		}
	})
}

// TestAppealUploadsAreCheckedByContent: a page of HTML named .pdf is
// refused beside the upload input; a real PDF is kept with its SHA-256.
func TestAppealUploadsAreCheckedByContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := outreachCoordinator
		s, ids := outreachServer(t, db, &who)
		html := []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
		rec := postFile(t, s, "/appeals/"+ids.Appeal+"/document?lang=en", "letter.pdf", html)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "This kind of file cannot be kept") ||
			!strings.Contains(rec.Body.String(), `href="#file"`) {
			t.Errorf("html as pdf: %d", rec.Code)
		}
		rec = postFile(t, s, "/appeals/"+ids.Appeal+"/replies/"+ids.Reply+"/document?lang=en", "reply.pdf", html)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `href="#file-`+ids.Reply+`"`) {
			t.Errorf("html as a reply's pdf: %d", rec.Code)
		}
		if rec := postFile(t, s, "/appeals/"+ids.Appeal+"/document", "empty.pdf", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("empty file: %d", rec.Code)
		}
		if rec := postForm(s, "/appeals/"+ids.Appeal+"/document", url.Values{}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("no file: %d", rec.Code)
		}
		png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
		rec = postFile(t, s, "/appeals/"+ids.Appeal+"/document", "scan.png", png)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("png: %d\n%.500s", rec.Code, rec.Body.String())
		}
		sum := sha256.Sum256(png)
		if _, body, _ := get(t, s, "/appeals/"+ids.Appeal); !strings.Contains(body, "scan.png") || !strings.Contains(body, hex.EncodeToString(sum[:])) {
			t.Errorf("the new letter is not shown with its SHA-256")
		}
		who = outreachMember
		if rec := postFile(t, s, "/appeals/"+ids.Appeal+"/document", "scan.png", png); rec.Code != http.StatusForbidden {
			t.Errorf("a member uploads: %d", rec.Code)
		}
	})
}

// TestMediaAndResourcesPages: media coverage is public and filtered by
// kind; the resources register is the coordinators'; both forms keep
// what was typed when they refuse it.
func TestMediaAndResourcesPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var who *account.User
		s, ids := outreachServer(t, db, &who)
		if _, err := db.CreateMedia(context.Background(), audit.System("test"), platform.MediaEdit{Outlet: "Radio Azadlıq", Kind: platform.MediaRadio,
			PublishedOn: "2023-06-01", Title: "Müsahibə"}); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			target     string
			status     int
			want, lack string
		}{
			{"/media?lang=en", 200, "Platforma büdcə zərfini soruşur", "/media/new"},
			{"/media?kind=radio&lang=en", 200, "Müsahibə", "Platforma büdcə zərfini soruşur"},
			{"/media?year=2024", 200, "Platforma büdcə zərfini soruşur", "Müsahibə"},
			{"/media?kind=blog", 400, "", ""},
			{"/media?year=24", 400, "", ""},
			{"/media.csv?kind=article", 200, "2024-03-19,Turan,article,Platforma büdcə zərfini soruşur,https://example.org/turan/1", "Müsahibə"},
		} {
			status, body, _ := get(t, s, tt.target)
			if status != tt.status || !strings.Contains(body, tt.want) || (tt.lack != "" && strings.Contains(body, tt.lack)) {
				t.Errorf("GET %s: %d, want %d with %q without %q\n%.300s", tt.target, status, tt.status, tt.want, tt.lack, body)
			}
		}
		if status, _, h := get(t, s, "/resources"); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login") {
			t.Errorf("anonymous register: %d", status)
		}
		who = outreachMember
		if status, _, _ := get(t, s, "/resources.csv"); status != http.StatusForbidden {
			t.Errorf("member register: %d", status)
		}
		who = outreachCoordinator
		status, body, _ := get(t, s, "/resources?lang=en")
		if status != 200 || !strings.Contains(body, "Noutbuk") || !strings.Contains(body, "1,250.50\u00a0AZN") {
			t.Errorf("register: %d\n%.2000s", status, body)
		}
		if _, body, _ := get(t, s, "/resources?lang=az"); !strings.Contains(body, "1.250,50\u00a0AZN") {
			t.Errorf("register in Azerbaijani lacks 1.250,50 AZN")
		}
		status, body, h := get(t, s, "/resources.csv")
		if status != 200 || !strings.Contains(body, ",Noutbuk,1250.50,AZN,") || h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("register CSV: %d %v\n%s", status, h, body)
		}
		rec := postForm(s, "/resources/new?lang=en", url.Values{"item": {"Kamera"}, "bought_on": {"2017-04-01"}, "amount": {"a lot"}, "currency": {"manat"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="a lot"`) || !strings.Contains(rec.Body.String(), `value="manat"`) ||
			!strings.Contains(rec.Body.String(), "Enter the amount as a number") || !strings.Contains(rec.Body.String(), `value="Kamera"`) {
			t.Errorf("refused entry: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		if rec := postForm(s, "/resources/new", url.Values{"item": {"Kamera"}, "bought_on": {"2017-04-01"}, "amount": {"900"}}); rec.Code != http.StatusSeeOther {
			t.Errorf("entry: %d", rec.Code)
		}
		rec = postForm(s, "/media/new?lang=en", url.Values{"outlet": {"APA"}, "kind": {"article"}, "published_on": {"2024-03-20"}, "title": {"Xəbər"},
			"url": {"javascript:alert(1)"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Enter a full web address") || !strings.Contains(rec.Body.String(), `value="Xəbər"`) {
			t.Errorf("refused media: %d", rec.Code)
		}
		if status, body, _ := get(t, s, "/media/"+ids.Media+"/delete?lang=en"); status != 200 || !strings.Contains(body, "Delete this media item?") {
			t.Errorf("media delete page: %d", status)
		}
		if rec := postForm(s, "/media/"+ids.Media+"/delete", url.Values{"version": {"1"}}); rec.Code != http.StatusSeeOther {
			t.Errorf("media delete: %d", rec.Code)
		}
		if status, _, _ := get(t, s, "/resources/"+ids.Resource+"/edit"); status != 200 {
			t.Errorf("resource edit page: %d", status)
		}
	})
}

package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// outreachFixture is the sample registry with the ids the appeals tests
// write to.
type outreachFixture struct {
	cabinet, undp int64 // a state body, an international organisation
	measure       int64 // 4.1.3
}

func loadOutreach(t *testing.T, db *store.DB) outreachFixture {
	t.Helper()
	load(t, db)
	ctx := context.Background()
	var f outreachFixture
	orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs.Items {
		switch o.Name.String() {
		case "Cabinet of Ministers":
			f.cabinet = o.ID
		case "UNDP":
			f.undp = o.ID
		}
	}
	p, err := db.GetPlan(ctx, "AZ-1")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: "4.1.3"})
	if err != nil || len(ms.Items) != 1 {
		t.Fatalf("measure 4.1.3: %v %v", ms, err)
	}
	f.measure = ms.Items[0].ID
	if f.cabinet == 0 || f.undp == 0 {
		t.Fatalf("fixture organisations: %+v", f)
	}
	return f
}

// novruz is a calendar with the Novruz days off of March 2024, as a
// holidays file would give them.
func novruz(t *testing.T) platform.Calendar {
	t.Helper()
	c, err := platform.ParseCalendar(strings.NewReader("2024-03-20\n2024-03-21\n2024-03-22\n2024-03-25\n2024-03-26\n"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAppealsAndReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := loadOutreach(t, db)
		cal := novruz(t)
		today := *date("2024-04-10")
		edit := platform.AppealEdit{Kind: "information_request", ReplyDays: 7, AddresseeID: f.cabinet, Reference: "No. 12/3",
			SentOn: "2024-03-18", Subject: plan.Text{"az": "Büdcə zərfinin açıqlanması", "en": "Disclosure of the budget package"},
			ActivityID: 12, MeasureID: f.measure, Today: today}

		// What only the database can tell.
		bad := edit
		bad.AddresseeID, bad.MeasureID = 999999, 999999
		var fe plan.FieldErrors
		if _, err := db.CreateAppeal(ctx, coordinator, bad); !errors.As(err, &fe) || fe["addressee"] != "appeal.addressee.unknown" ||
			fe["measure"] != "appeal.measure.unknown" {
			t.Fatalf("unknown addressee and measure: %v", err)
		}
		n := auditCount(t, db)
		id, err := db.CreateAppeal(ctx, coordinator, edit)
		if err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		a, err := db.GetAppeal(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Kind != "information_request" || a.ReplyDays != 7 || a.AddresseeID != f.cabinet || a.Addressee.String() != "Cabinet of Ministers" ||
			a.SentOn.String() != "2024-03-18" || a.Subject["en"] != "Disclosure of the budget package" || a.ActivityID != 12 ||
			a.Measure == nil || a.Measure.Clause != "4.1.3" || a.Reference != "No. 12/3" || a.Version != 1 || a.Document != nil || len(a.Replies) != 0 {
			t.Errorf("appeal = %+v", a)
		}
		if got := a.Deadline(cal).String(); got != "2024-04-03" {
			t.Errorf("deadline = %s", got)
		}

		// The status on a given day, never the clock's.
		list := func(f platform.AppealFilter) platform.AppealList {
			t.Helper()
			f.Calendar = cal
			l, err := db.ListAppeals(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return l
		}
		if l := list(platform.AppealFilter{Today: *date("2024-04-03")}); l.Total != 1 || l.ByStatus[platform.AppealAwaiting] != 1 {
			t.Errorf("on the deadline: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: *date("2024-04-04"), Status: platform.AppealOverdue}); l.Total != 1 || l.Items[0].ID != id {
			t.Errorf("the day after: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: *date("2024-04-04"), Status: platform.AppealAwaiting}); l.Total != 0 || l.ByStatus[platform.AppealOverdue] != 1 {
			t.Errorf("awaiting the day after: %+v", l)
		}
		// Weekends only, the deadline is 27 March.
		if l, _ := db.ListAppeals(ctx, platform.AppealFilter{Today: *date("2024-03-28"), Status: platform.AppealOverdue}); l.Total != 1 {
			t.Errorf("weekends only on 28 March: %+v", l)
		}

		// A second appeal, to another body, for the overdue order and the
		// filters.
		second := edit
		second.Kind, second.ReplyDays, second.AddresseeID, second.SentOn, second.ActivityID, second.MeasureID = "proposal", 15, f.undp, "2024-02-01", 0, 0
		second.Subject, second.Reference = plan.Text{"en": "Proposal package on public councils"}, ""
		id2, err := db.CreateAppeal(ctx, coordinator, second)
		if err != nil {
			t.Fatal(err)
		}
		l := list(platform.AppealFilter{Today: today, Status: platform.AppealOverdue})
		if l.Total != 2 || l.Items[0].ID != id2 {
			t.Errorf("overdue, longest first: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: today}); len(l.Items) != 2 || l.Items[0].ID != id {
			t.Errorf("newest sent first: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: today, AddresseeID: f.undp}); l.Total != 1 || l.Items[0].ID != id2 {
			t.Errorf("by addressee: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: today, Q: "BÜDCƏ"}); l.Total != 1 || l.Items[0].ID != id {
			t.Errorf("by words: %+v", l)
		}
		if l := list(platform.AppealFilter{Today: today, Limit: 1, Offset: 1}); l.Total != 2 || len(l.Items) != 1 || l.Items[0].ID != id2 {
			t.Errorf("second page: %+v", l)
		}
		for _, tt := range []struct {
			f    platform.AppealFilter
			want int
		}{
			{platform.AppealFilter{}, 2},
			{platform.AppealFilter{ActivityIDs: []int64{12, 13}}, 1},
			{platform.AppealFilter{ActivityIDs: []int64{}}, 0},
			{platform.AppealFilter{Kind: "proposal"}, 1},
			{platform.AppealFilter{SentFrom: date("2024-03-01"), SentTo: date("2024-03-31")}, 1},
			{platform.AppealFilter{Status: platform.AppealOverdue, Today: today, Calendar: cal}, 2},
		} {
			if got, err := db.CountAppeals(ctx, tt.f); err != nil || got != tt.want {
				t.Errorf("CountAppeals(%+v) = %d, %v, want %d", tt.f, got, err, tt.want)
			}
		}
		// The indicators of a project whose activities are 12 and 13.
		sources := platform.NewComputations(db.OutreachIndicatorSources(func(_ context.Context, projectID int64) ([]int64, error) {
			if projectID == 1 {
				return []int64{12, 13}, nil
			}
			return nil, nil
		})...)
		for _, tt := range []struct {
			project int64
			want    int64
		}{{1, 1}, {2, 0}} {
			p := platform.Project{ID: tt.project, Indicators: []platform.Indicator{{Computation: platform.ComputeAppealsSent}, {Computation: platform.ComputeMediaItems}}}
			if err := sources.Record(ctx, &p); err != nil {
				t.Fatal(err)
			}
			if r := p.Indicators[0].Recorded; r == nil || *r != tt.want || p.Indicators[1].Recorded == nil || *p.Indicators[1].Recorded != 0 {
				t.Errorf("project %d: appeals sent %v, media items %v", tt.project, r, p.Indicators[1].Recorded)
			}
		}
		if used, err := db.UsedAddressees(ctx); err != nil || len(used) != 2 {
			t.Errorf("used addressees = %+v, %v", used, err)
		}
		if all, err := db.AppealAddressees(ctx); err != nil || len(all) < 2 {
			t.Errorf("addressees = %+v, %v", all, err)
		}

		// Replies: never before the appeal was sent.
		reply := platform.ReplyEdit{ReceivedOn: "2024-03-10", Summary: plan.Text{"az": "Məlumat verildi"}, Today: today}
		if _, err := db.AddReply(ctx, coordinator, id, reply); !errors.As(err, &fe) || fe["received_on"] != "appeal.received_on.before_sent" {
			t.Errorf("reply before the appeal: %v", err)
		}
		n = auditCount(t, db)
		reply.ReceivedOn = "2024-04-05"
		rid, err := db.AddReply(ctx, coordinator, id, reply)
		if err != nil {
			t.Fatal(err)
		}
		n = wantOneEntry(t, db, n)
		a, _ = db.GetAppeal(ctx, id)
		if len(a.Replies) != 1 || a.Status(cal, today) != platform.AppealAnswered || !a.AnsweredLate(cal) {
			t.Errorf("answered late: %+v", a)
		}
		if l := list(platform.AppealFilter{Today: today}); l.ByStatus[platform.AppealAnswered] != 1 || l.ByStatus[platform.AppealOverdue] != 1 {
			t.Errorf("by status: %+v", l.ByStatus)
		}
		// The appeal cannot move after its reply.
		moved := edit
		moved.SentOn, moved.Version = "2024-04-08", a.Version
		if err := db.UpdateAppeal(ctx, coordinator, id, moved); !errors.As(err, &fe) || fe["sent_on"] != "appeal.sent_on.after_reply" {
			t.Errorf("sent after its reply: %v", err)
		}
		r, err := db.GetReply(ctx, rid)
		if err != nil || r.ReceivedOn.String() != "2024-04-05" || r.Version != 1 {
			t.Fatalf("reply = %+v, %v", r, err)
		}
		reply.Summary, reply.Version = plan.Text{"az": "Qismən məlumat verildi"}, r.Version
		if err := db.UpdateReply(ctx, coordinator, rid, reply); err != nil {
			t.Fatal(err)
		}
		var replyConflict *plan.ConflictError[platform.Reply]
		if err := db.UpdateReply(ctx, coordinator, rid, reply); !errors.As(err, &replyConflict) || replyConflict.Current.Version != 2 {
			t.Errorf("stale reply: %v", err)
		}

		// Optimistic concurrency on the appeal.
		upd := edit
		upd.Version = 1
		upd.ClosedOn = "2024-04-09"
		if err := db.UpdateAppeal(ctx, coordinator, id, upd); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[platform.Appeal]
		if err := db.UpdateAppeal(ctx, coordinator, id, upd); !errors.As(err, &conflict) || conflict.Current.Version != 2 ||
			conflict.Current.ClosedOn == nil {
			t.Errorf("stale appeal: %v", err)
		}
		if err := db.UpdateAppeal(ctx, coordinator, 999999, upd); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("unknown appeal: %v", err)
		}

		// Documents are judged by their content and kept with their SHA-256.
		html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
		if _, err := db.SetAppealDocument(ctx, coordinator, id, monitor.FileUpload{Name: "letter.pdf", Data: html}); !errors.As(err, &fe) ||
			fe["file"] != "monitor.file.type" {
			t.Errorf("html named .pdf: %v", err)
		}
		n = auditCount(t, db)
		doc, err := db.SetAppealDocument(ctx, coordinator, id, monitor.FileUpload{Name: `C:\Məktublar\Müraciət 12.pdf`, Data: pdf})
		if err != nil {
			t.Fatal(err)
		}
		if got := auditCount(t, db); got != n+2 {
			t.Errorf("a letter appends %d entries, want 2 (the file, the appeal)", got-n)
		}
		sum := sha256.Sum256(pdf)
		if doc.FileName != "Müraciət 12.pdf" || doc.ContentType != "application/pdf" || doc.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("document = %+v", doc)
		}
		a, _ = db.GetAppeal(ctx, id)
		if a.Document == nil || a.Document.ID != doc.ID || a.Version != 3 {
			t.Errorf("appeal's letter = %+v, version %d", a.Document, a.Version)
		}
		d, of, err := db.AppealDocument(ctx, doc.ID)
		if err != nil || d.SHA256 != doc.SHA256 || of.ID != id {
			t.Errorf("AppealDocument = %+v, %d, %v", d, of.ID, err)
		}
		if data, err := db.AppealDocumentContent(ctx, doc.ID); err != nil || !bytes.Equal(data, pdf) {
			t.Errorf("content: %v", err)
		}
		rdoc, err := db.SetReplyDocument(ctx, coordinator, rid, monitor.FileUpload{Name: "cavab.txt", Data: []byte("Cavab mətni\n")})
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := db.GetReply(ctx, rid); r.Document == nil || r.Document.ID != rdoc.ID || r.Version != 3 {
			t.Errorf("reply's file = %+v", r)
		}

		// Soft deletes, with a stale version refused.
		if err := db.DeleteReply(ctx, coordinator, rid, 1); !errors.As(err, &replyConflict) {
			t.Errorf("stale reply delete: %v", err)
		}
		if err := db.DeleteReply(ctx, coordinator, rid, 3); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.AppealDocument(ctx, rdoc.ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("file of a deleted reply: %v", err)
		}
		if a, _ = db.GetAppeal(ctx, id); len(a.Replies) != 0 || a.Status(cal, today) != platform.AppealNoReply {
			t.Errorf("closed without a reply: %+v", a)
		}
		if err := db.DeleteAppeal(ctx, coordinator, id, 1); !errors.As(err, &conflict) {
			t.Errorf("stale appeal delete: %v", err)
		}
		if err := db.DeleteAppeal(ctx, coordinator, id, a.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetAppeal(ctx, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted appeal: %v", err)
		}
		if _, _, err := db.AppealDocument(ctx, doc.ID); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("letter of a deleted appeal: %v", err)
		}
		if n, _ := db.CountAppeals(ctx, platform.AppealFilter{}); n != 1 {
			t.Errorf("count after delete = %d", n)
		}
		if err := db.RestoreAppeal(ctx, coordinator, id); err != nil {
			t.Fatal(err)
		}
		if err := db.RestoreAppeal(ctx, coordinator, id); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("restoring a live appeal: %v", err)
		}
		if _, err := db.GetAppeal(ctx, id); err != nil {
			t.Errorf("restored: %v", err)
		}
	})
}

func TestMediaCoverage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := loadOutreach(t, db)
		today := *date("2024-04-10")
		items := []platform.MediaEdit{
			{Outlet: "Turan", Kind: platform.MediaArticle, PublishedOn: "2017-05-04", Title: "AHT platforması dəyirmi masa keçirdi",
				URL: "https://example.org/turan/1", ActivityID: 3, EventID: 9, MeasureID: f.measure, Today: today},
			{Outlet: "Meydan TV", Kind: platform.MediaInternetTV, PublishedOn: "2018-02-11", Title: "Açıq hökumət müzakirəsi", ActivityID: 4, Today: today},
			{Outlet: "Radio Azadlıq", Kind: platform.MediaRadio, PublishedOn: "2018-06-01", Title: "Müsahibə", Today: today},
		}
		var ids []int64
		for _, e := range items {
			id, err := db.CreateMedia(ctx, coordinator, e)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		bad := items[0]
		bad.MeasureID = 999999
		var fe plan.FieldErrors
		if _, err := db.CreateMedia(ctx, coordinator, bad); !errors.As(err, &fe) || fe["measure"] != "appeal.measure.unknown" {
			t.Errorf("unknown measure: %v", err)
		}
		page, err := db.ListMedia(ctx, platform.MediaFilter{})
		if err != nil || page.Total != 3 || page.Items[0].ID != ids[2] || page.Items[2].Measure == nil || page.Items[2].EventID != 9 {
			t.Fatalf("media = %+v, %v", page, err)
		}
		for _, tt := range []struct {
			f    platform.MediaFilter
			want int
		}{
			{platform.MediaFilter{Kind: platform.MediaRadio}, 1},
			{platform.MediaFilter{Year: 2018}, 2},
			{platform.MediaFilter{ActivityIDs: []int64{3, 4}}, 2},
			{platform.MediaFilter{ActivityIDs: []int64{}}, 0},
			{platform.MediaFilter{EventID: 9}, 1},
			{platform.MediaFilter{From: date("2018-01-01"), To: date("2018-03-01")}, 1},
		} {
			if got, err := db.CountMedia(ctx, tt.f); err != nil || got != tt.want {
				t.Errorf("CountMedia(%+v) = %d, %v, want %d", tt.f, got, err, tt.want)
			}
		}
		if years, err := db.MediaYears(ctx); err != nil || len(years) != 2 || years[0] != 2018 {
			t.Errorf("years = %v, %v", years, err)
		}
		e := items[1]
		e.URL, e.Version = "https://example.org/meydan", 1
		if err := db.UpdateMedia(ctx, coordinator, ids[1], e); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[platform.MediaItem]
		if err := db.UpdateMedia(ctx, coordinator, ids[1], e); !errors.As(err, &conflict) || conflict.Current.URL != e.URL {
			t.Errorf("stale media: %v", err)
		}
		if err := db.DeleteMedia(ctx, coordinator, ids[1], 2); err != nil {
			t.Fatal(err)
		}
		if _, err := db.GetMedia(ctx, ids[1]); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("deleted media: %v", err)
		}
		if err := db.RestoreMedia(ctx, coordinator, ids[1]); err != nil {
			t.Error(err)
		}
	})
}

func TestResourcesRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		today := *date("2024-04-10")
		var ids []int64
		for _, e := range []platform.ResourceEdit{
			{Item: "Noutbuk", BoughtOn: "2017-03-01", Amount: "1 250,50", ActivityID: 2, Today: today},
			{Item: "Proyektor", BoughtOn: "2017-03-02", Amount: "800", Today: today},
			{Item: "Printer", BoughtOn: "2018-01-15", Amount: "300.25", Currency: "usd", Today: today},
		} {
			id, err := db.CreateResource(ctx, coordinator, e)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		var fe plan.FieldErrors
		if _, err := db.CreateResource(ctx, coordinator, platform.ResourceEdit{Item: "X", BoughtOn: "2017-01-01", Amount: "-5"}); !errors.As(err, &fe) ||
			fe["amount"] != "resource.amount.invalid" {
			t.Errorf("negative amount: %v", err)
		}
		l, err := db.ListResources(ctx, platform.ResourceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if l.Total != 3 || l.Sums["AZN"] != 205050 || l.Sums["USD"] != 30025 || l.Items[0].ID != ids[2] || l.Items[2].Cost.Decimal() != "1250.50" {
			t.Errorf("register = %+v", l)
		}
		if l, _ := db.ListResources(ctx, platform.ResourceFilter{Year: 2017, Limit: 1}); l.Total != 2 || len(l.Items) != 1 || l.Sums["AZN"] != 205050 {
			t.Errorf("2017, first page = %+v", l)
		}
		if years, _ := db.ResourceYears(ctx); len(years) != 2 || years[0] != 2018 {
			t.Errorf("years = %v", years)
		}
		it, err := db.GetResource(ctx, ids[0])
		if err != nil || it.ActivityID != 2 || it.Cost.Currency != "AZN" {
			t.Fatalf("resource = %+v, %v", it, err)
		}
		e := platform.ResourceEdit{Item: "Noutbuk (2 ədəd)", BoughtOn: "2017-03-01", Amount: "2501", Version: 1}
		if err := db.UpdateResource(ctx, coordinator, ids[0], e); err != nil {
			t.Fatal(err)
		}
		var conflict *plan.ConflictError[platform.ResourceItem]
		if err := db.UpdateResource(ctx, coordinator, ids[0], e); !errors.As(err, &conflict) || conflict.Current.Cost.Minor != 250100 {
			t.Errorf("stale: %v", err)
		}
		if err := db.DeleteResource(ctx, coordinator, ids[0], 2); err != nil {
			t.Fatal(err)
		}
		if l, _ := db.ListResources(ctx, platform.ResourceFilter{}); l.Total != 2 || l.Sums["AZN"] != 80000 {
			t.Errorf("after delete = %+v", l)
		}
	})
}

// TestOutreachFingerprints checks that what ogpp wrote verifies, and that
// rows and files changed in the database directly are named.
func TestOutreachFingerprints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := loadOutreach(t, db)
		today := *date("2024-04-10")
		id, err := db.CreateAppeal(ctx, coordinator, platform.AppealEdit{Kind: "proposal", ReplyDays: 15, AddresseeID: f.cabinet,
			SentOn: "2024-03-18", Subject: plan.Text{"az": "Təkliflər paketi"}, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := db.SetAppealDocument(ctx, coordinator, id, monitor.FileUpload{Name: "paket.pdf", Data: pdf})
		if err != nil {
			t.Fatal(err)
		}
		rid, err := db.AddReply(ctx, coordinator, id, platform.ReplyEdit{ReceivedOn: "2024-04-01", Summary: plan.Text{"az": "Qəbul edildi"}, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		mid, err := db.CreateMedia(ctx, coordinator, platform.MediaEdit{Outlet: "APA", Kind: platform.MediaArticle, PublishedOn: "2024-03-19",
			Title: "Təkliflər paketi təqdim olundu", Today: today})
		if err != nil {
			t.Fatal(err)
		}
		resID, err := db.CreateResource(ctx, coordinator, platform.ResourceEdit{Item: "Kamera", BoughtOn: "2024-01-10", Amount: "900", Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if ps, err := db.VerifyContent(ctx); err != nil || len(ps) != 0 {
			t.Fatalf("content written by ogpp: %v, %v", ps, err)
		}
		for _, q := range []string{
			`UPDATE appeals SET sent_on = '2024-03-25' WHERE id = ` + itoa(id),
			`UPDATE appeal_replies SET received_on = '2024-03-19' WHERE id = ` + itoa(rid),
			`UPDATE appeal_files SET data = data || data WHERE id = ` + itoa(doc.ID),
			`UPDATE media_items SET title = 'Saxta' WHERE id = ` + itoa(mid),
			`UPDATE platform_resources SET cost_minor = 1 WHERE id = ` + itoa(resID),
		} {
			if err := db.Transact(ctx, func(tx *sql.Tx) error { _, err := tx.Exec(q); return err }); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		ps, err := db.VerifyContent(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.String())
		}
		report := strings.Join(got, "\n")
		for _, want := range []string{
			"appeal " + itoa(id) + " (2024-03-25 Təkliflər paketi)",
			"appeal_reply " + itoa(rid) + " (",
			"appeal_document " + itoa(doc.ID) + " (paket.pdf): its content does not have the SHA-256",
			"media " + itoa(mid) + " (APA: Saxta)",
			"resource " + itoa(resID) + " (Kamera)",
		} {
			if !strings.Contains(report, want) {
				t.Errorf("report lacks %q:\n%s", want, report)
			}
		}
		if len(ps) != 5 {
			t.Errorf("%d problems, want 5:\n%s", len(ps), report)
		}
	})
}

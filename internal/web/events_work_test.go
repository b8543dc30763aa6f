package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/events"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
	"ogpp/internal/survey"
	"ogpp/internal/survey/surveytest"
)

// eventWorkSample is the route matrix's sample category: the one the
// sample event's registration uses, so that deleting it is refused.
func eventWorkSample(t *testing.T, s *Server, db *store.DB) string {
	t.Helper()
	eventSample(t, s, db)
	return string(events.Media)
}

// workServer is a server with the events, survey and scorecard stores,
// a fixed clock and a subject the test switches.
func workServer(t *testing.T, db *store.DB) (*Server, *access.Subject) {
	t.Helper()
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	current := &access.Subject{}
	s := newTestServerWith(t, db, func(*http.Request) access.Subject { return *current })
	s.events, s.surveys, s.scorecards, s.now = db, db, db, func() time.Time { return now }
	s.library, s.news = db, db
	return s, current
}

var (
	workCoordinator = access.Subject{User: &account.User{ID: 1, Role: account.RoleCoordinator, Email: "c@example.org"}}
	workAdmin       = access.Subject{User: &account.User{ID: 2, Role: account.RoleAdmin, Email: "a@example.org"}}
)

// TestCoordinatorKeepsParticipantCategories adds, renames, reorders and
// deactivates categories through the pages and checks that the public
// registration form and the statistics follow, in the reader's language.
func TestCoordinatorKeepsParticipantCategories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, current := workServer(t, db)
		ctx := context.Background()
		id, err := db.CreateEvent(ctx, audit.System("test"), events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Budget round table"},
			Start: "2026-12-01T10:00", Status: events.Planned})
		if err != nil {
			t.Fatal(err)
		}
		eventPath := "/events/" + itoa(id)
		if code, _, _ := get(t, s, "/events/categories"); code == http.StatusOK {
			t.Fatal("the public reads the categories page")
		}
		*current = workCoordinator
		code, body, _ := get(t, s, "/events/categories?lang=en")
		if code != http.StatusOK || !strings.Contains(body, "Platform member NGO") || !strings.Contains(body, "International organisation") {
			t.Fatalf("categories page: %d", code)
		}
		// A missing Russian label is refused with everything kept.
		rec := send(s, http.MethodPost, "/events/categories/new?lang=en", url.Values{"code": {"academia"}, "label.az": {"Akademik dairələr"},
			"label.en": {"Academia"}, "active": {"yes"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Enter the name in this language.") ||
			!strings.Contains(rec.Body.String(), `value="Akademik dairələr"`) || !strings.Contains(rec.Body.String(), `value="academia"`) {
			t.Fatalf("without a Russian label: %d\n%.2000s", rec.Code, rec.Body)
		}
		rec = send(s, http.MethodPost, "/events/categories/new", url.Values{"code": {"academia"}, "label.az": {"Akademik dairələr"},
			"label.en": {"Academia"}, "label.ru": {"Академические круги"}, "active": {"yes"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", rec.Code, rec.Body)
		}
		// Up one place: before "other".
		if rec := send(s, http.MethodPost, "/events/categories/academia/move", url.Values{"direction": {"up"}}, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("move: %d", rec.Code)
		}
		// Rename media and stop offering it.
		_, form, _ := get(t, s, "/events/categories/media/edit")
		version := between(form, `name="version" value="`, `"`)
		rec = send(s, http.MethodPost, "/events/categories/media/edit", url.Values{"label.az": {"KİV"}, "label.en": {"Press"}, "label.ru": {"Пресса"},
			"version": {version}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("rename: %d\n%s", rec.Code, rec.Body)
		}
		*current = access.Subject{}
		_, page, _ := get(t, s, eventPath+"?lang=ru")
		sel := between(page, `<select id="category"`, `</select>`)
		if !strings.Contains(sel, ">Академические круги<") || strings.Contains(sel, "Пресса") || strings.Contains(sel, "СМИ") {
			t.Errorf("registration form offers the wrong categories:\n%s", sel)
		}
		if strings.Index(sel, "Академические круги") > strings.Index(sel, ">Другое<") {
			t.Errorf("academia is not before other:\n%s", sel)
		}
		// Registering under the deactivated category is refused plainly.
		rec = send(s, http.MethodPost, eventPath+"/register?lang=en", url.Values{"name": {"Leyla"}, "category": {"media"}, "consent": {"yes"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "This category is not offered") ||
			!strings.Contains(rec.Body.String(), `value="Leyla"`) {
			t.Errorf("deactivated category: %d", rec.Code)
		}
		if rec := send(s, http.MethodPost, eventPath+"/register", url.Values{"name": {"Leyla"}, "category": {"academia"}, "consent": {"yes"}}, nil); rec.Code != http.StatusOK {
			t.Fatalf("register: %d", rec.Code)
		}
		// The statistics count a held event under the new category's name.
		ev, _ := db.GetEvent(ctx, id)
		e := events.Edit{Kind: ev.Kind, Title: ev.Title, Start: events.FormatLocal(ev.Start), Status: events.Held, Version: ev.Version}
		if err := db.UpdateEvent(ctx, audit.System("test"), id, e); err != nil {
			t.Fatal(err)
		}
		seven := 7
		if err := db.SetHeadCounts(ctx, audit.System("test"), id, map[events.Category]*int{"academia": &seven}); err != nil {
			t.Fatal(err)
		}
		_, stats, _ := get(t, s, "/events/statistics?lang=en")
		row := between(stats, "<th scope=\"row\">Academia</th>", "</tr>")
		if !strings.Contains(row, ">7<") {
			t.Errorf("statistics row of academia: %q", row)
		}
		// A used category cannot be deleted; the page says to deactivate.
		*current = workCoordinator
		code, body, _ = get(t, s, "/events/categories/academia/delete?lang=en")
		if code != http.StatusConflict || !strings.Contains(body, "Deactivate it instead") || strings.Contains(body, `class="danger"`) {
			t.Errorf("delete page of a used category: %d", code)
		}
		if rec := send(s, http.MethodPost, "/events/categories/business/delete", url.Values{}, nil); rec.Code != http.StatusSeeOther {
			t.Errorf("delete unused: %d", rec.Code)
		}
		if _, body, _ := get(t, s, "/events/categories?lang=en"); strings.Contains(body, ">Business<") {
			t.Errorf("deleted category still listed")
		}
	})
}

// between returns the text of s after the first from up to the next to.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, to)
	return before
}

// TestEventFormChoosesActivityAndMeasures picks a plan and its measures
// from lists: showing another plan's measures keeps what was typed, and
// saving records the checked ones.
func TestEventFormChoosesActivityAndMeasures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, current := workServer(t, db)
		*current = workCoordinator
		ctx := context.Background()
		plans, err := db.ListPlans(ctx, plan.PlanFilter{Limit: 10})
		if err != nil || len(plans.Items) == 0 {
			t.Fatalf("plans: %v", err)
		}
		p := plans.Items[0]
		ms, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 10})
		if err != nil || len(ms.Items) == 0 {
			t.Fatalf("measures: %v", err)
		}
		m := ms.Items[0]
		code, body, _ := get(t, s, "/events/new?lang=en")
		if code != http.StatusOK || !strings.Contains(body, `<select id="plan" name="plan">`) || !strings.Contains(body, `name="show_measures"`) {
			t.Fatalf("new event form: %d", code)
		}
		form := url.Values{"kind": {"round_table"}, "title.en": {"Open data round table"}, "start": {"2026-12-05T10:00"}, "status": {"planned"},
			"capacity": {"0"}, "plan": {itoa(p.ID)}, "show_measures": {"1"}}
		rec := send(s, http.MethodPost, "/events/new?lang=en", form, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `value="Open data round table"`) ||
			!strings.Contains(rec.Body.String(), `id="measure-`+itoa(m.ID)+`" name="measures" value="`+itoa(m.ID)+`">`) {
			t.Fatalf("showing the plan's measures: %d\n%.3000s", rec.Code, rec.Body)
		}
		if list, _ := db.ListEvents(ctx, events.Filter{}); len(list) != 0 {
			t.Fatal("showing measures saved the event")
		}
		// A bad time comes back with the measure still checked.
		form.Del("show_measures")
		form.Set("measures", itoa(m.ID))
		form.Set("start", "tomorrow")
		rec = send(s, http.MethodPost, "/events/new?lang=en", form, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="`+itoa(m.ID)+`" checked>`) {
			t.Fatalf("refused form lost the measure: %d", rec.Code)
		}
		form.Set("start", "2026-12-05T10:00")
		rec = send(s, http.MethodPost, "/events/new", form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.2000s", rec.Code, rec.Body)
		}
		list, _ := db.ListEvents(ctx, events.Filter{})
		if len(list) != 1 || len(list[0].MeasureIDs) != 1 || list[0].MeasureIDs[0] != m.ID {
			t.Fatalf("saved event's measures: %+v", list)
		}
		// The public page names the measure by its clause and title.
		_, body, _ = get(t, s, "/events/"+itoa(list[0].ID)+"?lang=en")
		if !strings.Contains(body, `<a href="/measures/`+itoa(m.ID)+`">`+eventMeasureLabel(locale{Lang: "en"}, m)+`</a>`) {
			t.Errorf("event page does not name its measure %q", eventMeasureLabel(locale{Lang: "en"}, m))
		}
		// The edit form opens on the measure's plan with it checked.
		_, body, _ = get(t, s, "/events/"+itoa(list[0].ID)+"/edit")
		if !strings.Contains(body, `<option value="`+itoa(p.ID)+`" selected>`) || !strings.Contains(body, `value="`+itoa(m.ID)+`" checked>`) {
			t.Errorf("edit form does not show the linked measure")
		}
	})
}

// TestDeleteEventSurveyScorecardAndRestore deletes each through its
// confirmation page, which says what it hides, finds it on the deleted
// items page and restores it there.
func TestDeleteEventSurveyScorecardAndRestore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, current := workServer(t, db)
		ctx := context.Background()
		actor := audit.System("test")
		evID, err := db.CreateEvent(ctx, actor, events.Edit{Kind: events.Training, Title: plan.Text{"en": "Training on open contracting"},
			Start: "2026-12-01T10:00", Status: events.Planned})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"Aysel", "Bəhruz"} {
			if _, _, err := db.Register(ctx, evID, events.Registrant{Name: n, Category: events.Media, Consent: true}); err != nil {
				t.Fatal(err)
			}
		}
		svID, err := db.CreateSurvey(ctx, actor, surveytest.Entrepreneurs())
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range surveytest.FiftyResponses()[:3] {
			if _, err := db.AddResponse(ctx, actor, svID, survey.NewResponse{Channel: survey.ChannelInterviewer, Answers: a}); err != nil {
				t.Fatal(err)
			}
		}
		cardID, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Disclosure by state companies"}, Status: scorecard.Draft})
		if err != nil {
			t.Fatal(err)
		}
		docID, err := db.CreateDocument(ctx, actor, library.Edit{Kind: library.KindReport, Title: "Şəffaflıq hesabatı", Language: "az", Date: "2026-10-01"})
		if err != nil {
			t.Fatal(err)
		}
		newsID, err := db.CreateNews(ctx, actor, news.Edit{Title: "Platformanın iclası", Body: "Gündəlik.", Lang: "az"})
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			path, hidden, listed, gone string
			restoreType                string
			id                         int64
		}{
			{"/events/" + itoa(evID), "Its 2 registrations will be hidden with it.", "Training on open contracting", "/events/" + itoa(evID), events.EntityEvent, evID},
			{"/surveys/" + itoa(svID), "Its 3 responses will be hidden with it.", "", "/surveys/" + itoa(svID), survey.EntitySurvey, svID},
			{"/scorecards/" + itoa(cardID), "", "Disclosure by state companies", "/scorecards/" + itoa(cardID), scorecard.EntityScorecard, cardID},
			{"/library/" + itoa(docID), "", "Şəffaflıq hesabatı", "/library/" + itoa(docID), library.EntityDocument, docID},
			{"/news/" + itoa(newsID), "", "Platformanın iclası", "/news/" + itoa(newsID), news.EntityNews, newsID},
		}
		for _, c := range cases {
			*current = workCoordinator
			code, body, _ := get(t, s, c.path+"/delete?lang=en")
			if code != http.StatusOK || (c.hidden != "" && !strings.Contains(body, c.hidden)) {
				t.Fatalf("%s confirmation: %d\n%.2000s", c.path, code, body)
			}
			version := between(body, `name="version" value="`, `"`)
			if rec := send(s, http.MethodPost, c.path+"/delete", url.Values{"version": {"0"}}, nil); rec.Code != http.StatusConflict {
				t.Errorf("%s stale delete: %d", c.path, rec.Code)
			}
			rec := send(s, http.MethodPost, c.path+"/delete", url.Values{"version": {version}}, nil)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("%s delete: %d\n%s", c.path, rec.Code, rec.Body)
			}
			if code, _, _ := get(t, s, c.gone); code != http.StatusNotFound {
				t.Errorf("%s after deleting: %d", c.gone, code)
			}
			*current = workAdmin
			_, deleted, _ := get(t, s, "/admin/deleted?lang=en")
			restore := "/admin/deleted/" + c.restoreType + "/" + itoa(c.id) + "/restore"
			if !strings.Contains(deleted, restore) || (c.listed != "" && !strings.Contains(deleted, c.listed)) {
				t.Fatalf("deleted items lack %s", restore)
			}
			rec = send(s, http.MethodPost, restore, url.Values{}, nil)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("restore %s: %d", c.path, rec.Code)
			}
			_, done, _ := get(t, s, rec.Header().Get("Location"))
			if !strings.Contains(done, `href="`+c.gone+`"`) {
				t.Errorf("the restored %s is not linked", c.path)
			}
			if code, _, _ := get(t, s, c.gone); code != http.StatusOK {
				t.Errorf("%s after restoring: %d", c.gone, code)
			}
		}
		if ev, _ := db.GetEvent(ctx, evID); ev.Registered != 2 {
			t.Errorf("restored event's registrations: %d", ev.Registered)
		}
	})
}

// TestEventsAndScorecardsJSON reads the API: filters, one event with its
// counts, the statistics, published scorecards with totals and ranks; a
// draft is not found, and no participant's name appears anywhere.
func TestEventsAndScorecardsJSON(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, _ := workServer(t, db)
		ctx := context.Background()
		actor := audit.System("test")
		held, err := db.CreateEvent(ctx, actor, events.Edit{Kind: events.RoundTable, Title: plan.Text{"en": "Round table in Gəncə"},
			Start: "2026-12-01T10:00", Region: "Gəncə", Status: events.Planned, Partners: []events.Partner{{Name: "Partner NGO", Role: events.CoOrganiser}}})
		if err != nil {
			t.Fatal(err)
		}
		names := []string{"Aysel Qasımova", "Bəhruz Əliyev"}
		for _, n := range names {
			reg, _, err := db.Register(ctx, held, events.Registrant{Name: n, Organisation: "Secret Org", Category: events.StateBody, Consent: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CheckIn(ctx, actor, held, reg.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		ev, _ := db.GetEvent(ctx, held)
		if err := db.UpdateEvent(ctx, actor, held, events.Edit{Kind: ev.Kind, Title: ev.Title, Start: events.FormatLocal(ev.Start), Region: ev.Region,
			Partners: ev.Partners, Status: events.Held, Version: ev.Version}); err != nil {
			t.Fatal(err)
		}
		three := 3
		if err := db.SetHeadCounts(ctx, actor, held, map[events.Category]*int{events.ForeignGuest: &three}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateEvent(ctx, actor, events.Edit{Kind: events.InternetTV, Title: plan.Text{"en": "Internet-TV talk"},
			Start: "2027-02-01T18:00", Status: events.Planned}); err != nil {
			t.Fatal(err)
		}
		var bodies []string
		read := func(path string, want int, into any) {
			t.Helper()
			code, body, h := get(t, s, path)
			if code != want || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
				t.Fatalf("%s: %d %s\n%s", path, code, h.Get("Content-Type"), body)
			}
			bodies = append(bodies, body)
			if into != nil {
				if err := json.Unmarshal([]byte(body), into); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
			}
		}
		var list struct {
			Items []struct {
				ID     int64  `json:"id"`
				Kind   string `json:"kind"`
				Status string `json:"status"`
			} `json:"items"`
			Total int `json:"total"`
		}
		read("/api/v1/events?status=held&year=2026", http.StatusOK, &list)
		if list.Total != 1 || list.Items[0].ID != held {
			t.Errorf("held events of 2026: %+v", list)
		}
		read("/api/v1/events?kind=internet_tv", http.StatusOK, &list)
		if list.Total != 1 || list.Items[0].Kind != "internet_tv" {
			t.Errorf("internet-TV events: %+v", list)
		}
		read("/api/v1/events?kind=picnic", http.StatusBadRequest, nil)
		read("/api/v1/events?year=twenty", http.StatusBadRequest, nil)
		var one struct {
			Registered   int `json:"registered"`
			Participants struct {
				Total      int `json:"total"`
				ByCategory []struct {
					Code  string `json:"code"`
					Count int    `json:"count"`
				} `json:"by_category"`
			} `json:"participants"`
		}
		read("/api/v1/events/"+itoa(held), http.StatusOK, &one)
		counts := map[string]int{}
		for _, c := range one.Participants.ByCategory {
			counts[c.Code] = c.Count
		}
		if one.Registered != 2 || one.Participants.Total != 5 || counts["state_body"] != 2 || counts["foreign_guest"] != 3 {
			t.Errorf("one event: %+v", one)
		}
		read("/api/v1/events/999999", http.StatusNotFound, nil)
		var stats struct {
			Events       int            `json:"events"`
			InRegions    int            `json:"in_regions"`
			Participants int            `json:"participants"`
			ByKind       map[string]int `json:"by_kind"`
		}
		read("/api/v1/events/statistics", http.StatusOK, &stats)
		if stats.Events != 1 || stats.InRegions != 1 || stats.Participants != 5 || stats.ByKind["round_table"] != 1 {
			t.Errorf("statistics: %+v", stats)
		}
		for _, b := range bodies {
			for _, secret := range append(names, "Secret Org", "@") {
				if strings.Contains(b, secret) {
					t.Errorf("the API shows %q:\n%s", secret, b)
				}
			}
		}

		// Scorecards: the published one with its totals, the draft not at
		// all.
		ids := scorecardSample(t, s, db)
		var cards struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		read("/api/v1/scorecards", http.StatusOK, &cards)
		if cards.Total != 1 || itoa(cards.Items[0].ID) != ids.Published {
			t.Errorf("published scorecards: %+v", cards)
		}
		read("/api/v1/scorecards/"+ids.Draft, http.StatusNotFound, nil)
		var card struct {
			Subjects []struct {
				ID int64 `json:"id"`
			} `json:"subjects"`
			Criteria []struct {
				Weight int `json:"weight"`
			} `json:"criteria"`
			Scores []struct {
				Score *int `json:"score"`
			} `json:"scores"`
			Totals []struct {
				SubjectID int64 `json:"subject_id"`
				Rank      *int  `json:"rank"`
				Scored    int   `json:"scored"`
				Cells     int   `json:"cells"`
			} `json:"totals"`
		}
		read("/api/v1/scorecards/"+ids.Published, http.StatusOK, &card)
		c, _ := db.GetScorecard(ctx, mustID(t, ids.Published))
		want := c.Totals()
		if len(card.Subjects) != len(c.Subjects) || len(card.Criteria) != len(c.Criteria) || len(card.Scores) != len(c.Subjects)*len(c.Criteria) ||
			len(card.Totals) != len(want) {
			t.Fatalf("scorecard: %+v", card)
		}
		for i, tot := range card.Totals {
			if tot.SubjectID != want[i].Subject.ID || (tot.Rank == nil) != (want[i].Share == nil) || (tot.Rank != nil && *tot.Rank != want[i].Rank) {
				t.Errorf("total %d: %+v, want rank %d", i, tot, want[i].Rank)
			}
		}
	})
}

package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// coordinator is the signed-in editor of the edit tests.
var coordinator = access.Subject{User: &account.User{ID: 7, Email: "aysel@example.org", Name: "Aysel Məmmədova", Role: account.RoleCoordinator}}

// editServer serves the fixture to whomever *who points at.
func editServer(t *testing.T, db *store.DB, who *access.Subject) *Server {
	t.Helper()
	return newTestServerWith(t, db, func(*http.Request) access.Subject { return *who })
}

// hiddenVersion reads the version a form carries.
func hiddenVersion(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("form carries no version:\n%.800s", body)
	}
	return m[1]
}

func TestMeasureFormRefusesBadInputKeepingIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := coordinator
		s := editServer(t, db, &who)
		p, _ := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		before, _ := db.Counts(context.Background())
		target := "/plans/" + itoa(p.ID) + "/measures/new?lang=en"
		if rec := send(s, http.MethodGet, target, nil, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="title-az"`) {
			t.Fatalf("new measure form: status %d\n%.500s", rec.Code, rec.Body.String())
		}
		form := url.Values{"clause": {"5.2.7"}, "period": {"2019-13-45"}, "description.az": {"Şəffaflığın artırılması"},
			"executor.0.organisation": {"x"}, "executor.0.role": {"responsible"}, "executor.1.role": {"supporting"}, "source_url": {"javascript:alert(1)"}}
		rec := send(s, http.MethodPost, target, form, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad measure: status %d, want 422\n%.500s", rec.Code, body)
		}
		for _, want := range []string{
			"There is a problem",
			`href="#title-az">Enter the title in at least one language.`,
			`href="#period">This period cannot be read as dates.`,
			`href="#executor-0-organisation">Choose the organisations from the list.`,
			`href="#source_url">Enter a full web address`,
			`value="5.2.7"`, `value="2019-13-45"`, "Şəffaflığın artırılması", // what the user typed stays
		} {
			if !strings.Contains(body, want) {
				t.Errorf("refused form lacks %q", want)
			}
		}
		if after, _ := db.Counts(context.Background()); after != before {
			t.Errorf("a refused form changed the registry: %+v → %+v", before, after)
		}
		// The same refusal in Azerbaijani.
		rec = send(s, http.MethodPost, "/plans/"+itoa(p.ID)+"/measures/new?lang=az", form, nil)
		if !strings.Contains(rec.Body.String(), "Adı ən azı bir dildə yazın.") {
			t.Errorf("Azerbaijani refusal lacks the title message:\n%.1500s", rec.Body.String())
		}
		// A clause another measure of the plan has.
		rec = send(s, http.MethodPost, target, url.Values{"clause": {"4.1.3"}, "title.en": {"Twin"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "already has this clause number") {
			t.Errorf("taken clause: status %d\n%.800s", rec.Code, rec.Body.String())
		}
	})
}

func TestMeasureCreateEditDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		areas, _ := db.PlanAreas(ctx, p.ID)
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Member: "azerbaijan"})
		form := url.Values{"clause": {"4.1.11"}, "area": {itoa(areas[1].ID)}, "title.az": {"Çağırışların ictimai müzakirəsi"},
			"title.en": {"Public discussion of calls"}, "period": {"2017-ci ilin IV rübü"}, "value.civic_participation": {"on"},
			"tags": {"Açıq büdcə\nİctimai iştirak"}, "executor.0.organisation": {itoa(orgs.Items[0].ID)}, "executor.0.role": {"responsible"}}
		rec := send(s, http.MethodPost, "/plans/"+itoa(p.ID)+"/measures/new", form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%.1000s", rec.Code, rec.Body.String())
		}
		loc := rec.Header().Get("Location")
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/measures/"), "?done=created")
		status, body, _ := get(t, s, loc+"&lang=az")
		if status != 200 || !strings.Contains(body, "Çağırışların ictimai müzakirəsi") || !strings.Contains(body, "Əlavə edildi.") ||
			!strings.Contains(body, "Açıq büdcə") || !strings.Contains(body, "1 oktyabr 2017") {
			t.Fatalf("created measure page: status %d\n%.3000s", status, body)
		}

		// Edit: the form comes filled in with what is stored.
		status, body, _ = get(t, s, "/measures/"+id+"/edit?lang=en")
		if status != 200 || !strings.Contains(body, `value="Public discussion of calls"`) || !strings.Contains(body, "Açıq büdcə\nİctimai iştirak") {
			t.Fatalf("edit form: status %d\n%.2000s", status, body)
		}
		version := hiddenVersion(t, body)
		form.Set("version", version)
		form.Set("title.en", "Public discussion of draft laws")
		rec = send(s, http.MethodPost, "/measures/"+id+"/edit", form, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/measures/"+id+"?done=saved" {
			t.Fatalf("save: status %d, location %q\n%.1000s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		m, _ := db.GetMeasure(ctx, id)
		if m.Title["en"] != "Public discussion of draft laws" || m.Title["az"] != "Çağırışların ictimai müzakirəsi" || len(m.Executors) != 1 {
			t.Fatalf("saved measure = %+v", m)
		}
		entries, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityMeasure, EntityID: id})
		if len(entries) != 2 || entries[0].Actor.Name != "aysel@example.org" || entries[0].Action != audit.ActionUpdate {
			t.Fatalf("audit of the measure = %+v", entries)
		}

		// Delete asks first, then the measure is gone from the public pages.
		status, body, _ = get(t, s, "/measures/"+id+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "Delete this measure?") || !strings.Contains(body, `action="/measures/`+id+`/delete" method="post"`) {
			t.Fatalf("delete confirmation: status %d\n%.1000s", status, body)
		}
		if m2, _ := db.GetMeasure(ctx, id); m2.ID == 0 {
			t.Fatal("showing the confirmation deleted the measure")
		}
		rec = send(s, http.MethodPost, "/measures/"+id+"/delete", url.Values{"version": {hiddenVersion(t, body)}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/"+itoa(p.ID)+"?done=deleted" {
			t.Fatalf("delete: status %d, location %q", rec.Code, rec.Header().Get("Location"))
		}
		if status, _, _ := get(t, s, "/measures/"+id); status != http.StatusNotFound {
			t.Errorf("deleted measure page: status %d, want 404", status)
		}
		if status, body, _ := get(t, s, "/plans/"+itoa(p.ID)+"?lang=en"); status != 200 || strings.Contains(body, "draft laws") {
			t.Errorf("the plan page still lists the deleted measure")
		}
	})
}

func TestMeasureConflictShowsWhatChanged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		m, _ := db.GetMeasure(ctx, "AZ0038")
		id := itoa(m.ID)
		_, body, _ := get(t, s, "/measures/"+id+"/edit?lang=en")
		version := hiddenVersion(t, body)

		// Someone else saves first.
		other := audit.Actor{UserID: 8, Name: "rauf@example.org"}
		e := plan.MeasureEdit{PlanID: m.PlanID, AreaID: m.AreaID, Clause: m.Clause, ExternalID: m.ExternalID,
			Title: plan.Text{"en": "Electronic services listed by the Cabinet"}, PeriodText: m.Period.Text, Version: m.Version,
			Executors: []plan.ExecutorRef{{OrganisationID: m.Executors[0].OrganisationID, Role: plan.RoleResponsible}}}
		if err := db.UpdateMeasure(ctx, other, m.ID, e); err != nil {
			t.Fatal(err)
		}

		form := url.Values{"version": {version}, "clause": {m.Clause}, "external_id": {m.ExternalID}, "area": {itoa(m.AreaID)},
			"title.en": {"Improving the list of e-services"}, "period": {"2016-2018"},
			"executor.0.organisation": {itoa(m.Executors[0].OrganisationID)}, "executor.0.role": {"responsible"}}
		rec := send(s, http.MethodPost, "/measures/"+id+"/edit?lang=en", form, nil)
		body = rec.Body.String()
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.800s", rec.Code, body)
		}
		for _, want := range []string{"Someone else saved this while you were editing", "rauf@example.org saved it at",
			"Title (English)", "Electronic services listed by the Cabinet", // theirs
			`value="Improving the list of e-services"`, // yours, still in the form
		} {
			if !strings.Contains(body, want) {
				t.Errorf("conflict page lacks %q", want)
			}
		}
		if got, _ := db.GetMeasure(ctx, id); got.Title["en"] != "Electronic services listed by the Cabinet" {
			t.Fatalf("the stale save overwrote the other: %q", got.Title["en"])
		}
		// Saving again, knowingly, from the version the conflict showed.
		if hiddenVersion(t, body) == version {
			t.Fatal("the conflict form still carries the stale version")
		}
		form.Set("version", hiddenVersion(t, body))
		if rec := send(s, http.MethodPost, "/measures/"+id+"/edit", form, nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("second save: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		if got, _ := db.GetMeasure(ctx, id); got.Title["en"] != "Improving the list of e-services" {
			t.Errorf("second save: title %q", got.Title["en"])
		}

		// A delete from a stale confirmation asks again.
		rec = send(s, http.MethodPost, "/measures/"+id+"/delete?lang=en", url.Values{"version": {version}}, nil)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "It was changed after you opened this page") {
			t.Errorf("stale delete: status %d\n%.600s", rec.Code, rec.Body.String())
		}
		if _, err := db.GetMeasure(ctx, id); err != nil {
			t.Errorf("a stale delete deleted: %v", err)
		}
	})
}

func TestWritesRefusedToTheAnonymousAndCrossOrigin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, svc := newAccountServer(t, db)
		if _, err := db.Import(ctx, fixture()); err != nil {
			t.Fatal(err)
		}
		addUser(t, svc, "coord@example.org", "Coordinator", account.RoleCoordinator)
		m, _ := db.GetMeasure(ctx, "AZ0038")
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		id := itoa(m.ID)
		form := url.Values{"version": {"1"}, "clause": {"1.1"}, "title.en": {"Hijacked"}, "period": {"2016"}}
		writes := []string{"/measures/" + id + "/edit", "/measures/" + id + "/delete", "/plans/" + itoa(p.ID) + "/measures/new"}
		for _, target := range writes {
			if rec := send(s, http.MethodPost, target, form, nil); rec.Code != http.StatusForbidden {
				t.Errorf("anonymous POST %s: status %d, want 403", target, rec.Code)
			}
		}
		cookie := login(t, s, "coord@example.org")
		for _, target := range writes {
			rec := send(s, http.MethodPost, target, form, []*http.Cookie{cookie}, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
			if rec.Code != http.StatusForbidden {
				t.Errorf("cross-origin POST %s with a session: status %d, want 403", target, rec.Code)
			}
		}
		after, _ := db.GetMeasure(ctx, id)
		if after.Version != m.Version || after.Title["en"] != m.Title["en"] {
			t.Errorf("a refused POST changed the measure: %+v", after)
		}
		if c, _ := db.Counts(ctx); c.Measures != 4 {
			t.Errorf("%d measures after refused POSTs, want 4", c.Measures)
		}
		// The same session, same-origin, may.
		form.Set("version", itoa(int64(m.Version)))
		form.Set("external_id", "AZ0038")
		rec := send(s, http.MethodPost, "/measures/"+id+"/edit", form, []*http.Cookie{cookie}, "Sec-Fetch-Site", "same-origin")
		if rec.Code != http.StatusSeeOther {
			t.Errorf("same-origin POST: status %d\n%.500s", rec.Code, rec.Body.String())
		}
	})
}

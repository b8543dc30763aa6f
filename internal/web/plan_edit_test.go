package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// sampleAreaID is the id of the fixture plan's first area, for the route
// matrix.
func sampleAreaID(t *testing.T, db *store.DB) string {
	t.Helper()
	p, err := db.GetPlan(context.Background(), "AZ-NAP-TEST")
	if err != nil {
		t.Fatal(err)
	}
	areas, err := db.PlanAreas(context.Background(), p.ID)
	if err != nil || len(areas) == 0 {
		t.Fatalf("areas of plan %d = %v, %v", p.ID, areas, err)
	}
	return itoa(areas[0].ID)
}

// sampleMilestoneID is the id of the fixture's one milestone (of 4.1.3),
// for the route matrix.
func sampleMilestoneID(t *testing.T, db *store.DB) string {
	t.Helper()
	m := measureByClause(t, db, "4.1.3")
	if len(m.Milestones) == 0 {
		t.Fatalf("measure 4.1.3 has no milestone")
	}
	return itoa(m.Milestones[0].ID)
}

// measureByClause reads the fixture plan's measure with the clause.
func measureByClause(t *testing.T, db *store.DB, clause string) plan.Measure {
	t.Helper()
	ctx := context.Background()
	p, err := db.GetPlan(ctx, "AZ-NAP-TEST")
	if err != nil {
		t.Fatal(err)
	}
	page, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Q: clause})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Items {
		if m.Clause == clause {
			full, err := db.GetMeasure(ctx, itoa(m.ID))
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
	}
	t.Fatalf("no measure %s", clause)
	return plan.Measure{}
}

// wantAll checks that body holds every string of want.
func wantAll(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// createdID reads the id a create's redirect names: /plans/12?done=created.
func createdID(t *testing.T, location, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `(\d+)\?`).FindStringSubmatch(location)
	if m == nil {
		t.Fatalf("redirect %q does not name a created %s", location, prefix)
	}
	return m[1]
}

func TestPlanFormRefusesBadInputKeepingIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := coordinator
		s := editServer(t, db, &who)
		before, _ := db.Counts(context.Background())
		if rec := send(s, http.MethodGet, "/plans/new?lang=en&member=albania", nil, nil); rec.Code != 200 ||
			!strings.Contains(rec.Body.String(), `value="albania" selected`) {
			t.Fatalf("new plan form: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		form := url.Values{"external_id": {"AZ/NAP"}, "number": {"third"}, "period": {"2019-13-45"},
			"note.az": {"Qeyd: ə ğ ı İ ö ş ü ç"}, "source_url": {"ftp://example.org/plan.pdf"}}
		rec := send(s, http.MethodPost, "/plans/new?lang=en", form, nil)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad plan: status %d, want 422\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "refused plan form", rec.Body.String(),
			"There is a problem",
			`href="#member">Choose a country or locality.`,
			`href="#external_id">Use only letters, digits, hyphens, underscores and dots`,
			`href="#number">Enter a whole number from 0 to 1000.`,
			`href="#title-az">Enter the title in at least one language.`,
			`href="#period">This period cannot be read as dates.`,
			`href="#source_url">Enter a full web address`,
			// What the user typed stays.
			`value="AZ/NAP"`, `value="third"`, `value="2019-13-45"`, "Qeyd: ə ğ ı İ ö ş ü ç")
		// The same refusal in Azerbaijani and in Russian.
		rec = send(s, http.MethodPost, "/plans/new?lang=az", form, nil)
		wantAll(t, "Azerbaijani refusal", rec.Body.String(), "Ölkəni və ya yerli qurumu seçin.", "0-dan 1000-ə qədər tam ədəd yazın.",
			"Adı ən azı bir dildə yazın.", "Yalnız hərf, rəqəm, defis, alt xətt və nöqtədən istifadə edin")
		rec = send(s, http.MethodPost, "/plans/new?lang=ru", url.Values{"member": {"azerbaijan"}, "title.ru": {"План"}}, nil)
		wantAll(t, "Russian refusal", rec.Body.String(), `href="#external_id">Укажите код плана.`, `value="azerbaijan" selected`, `value="План"`)
		// An id another plan has is refused by the store, with the input kept.
		rec = send(s, http.MethodPost, "/plans/new?lang=en", url.Values{"member": {"albania"}, "external_id": {"AZ-NAP-TEST"},
			"title.en": {"Twin plan"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("taken id: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "taken id", rec.Body.String(), `href="#external_id">Another plan already has this id.`, `value="Twin plan"`)
		if after, _ := db.Counts(context.Background()); after != before {
			t.Errorf("refused forms changed the registry: %+v → %+v", before, after)
		}
	})
}

func TestPlanCreateEditDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		title := "Açıq hökumət üzrə İkinci Milli Fəaliyyət Planı (ə ğ ı İ ö ş ü ç)"
		form := url.Values{"member": {"azerbaijan"}, "external_id": {"AP_AZE04"}, "number": {"4"}, "title.az": {title},
			"period": {"2020-2022"}, "approved": {"Prezidentin sərəncamı ilə"}, "source": {"president.az"}, "source_url": {"https://president.az/"}}
		rec := send(s, http.MethodPost, "/plans/new", form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%.1500s", rec.Code, rec.Body.String())
		}
		loc := rec.Header().Get("Location")
		id := createdID(t, loc, "/plans/")
		status, body, _ := get(t, s, loc+"&lang=az")
		if status != 200 {
			t.Fatalf("created plan page: status %d", status)
		}
		wantAll(t, "created plan page", body, title, "Əlavə edildi.", "Prezidentin sərəncamı ilə", `href="/plans/`+id+`/edit"`)
		if _, body, _ := get(t, s, "/?lang=az"); !strings.Contains(body, title) {
			t.Errorf("the home page does not list the new plan")
		}

		// Two coordinators open the form at the same version; the first save wins.
		status, body, _ = get(t, s, "/plans/"+id+"/edit?lang=en")
		if status != 200 {
			t.Fatalf("edit form: status %d", status)
		}
		wantAll(t, "edit form", body, `value="`+title+`"`, `value="AP_AZE04"`, `value="4"`, `value="2020-2022"`, `value="azerbaijan" selected`)
		version := hiddenVersion(t, body)
		form.Set("version", version)
		form.Set("title.en", "Second National Action Plan on Open Government")
		rec = send(s, http.MethodPost, "/plans/"+id+"/edit", form, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/"+id+"?done=saved" {
			t.Fatalf("save: status %d, location %q\n%.1000s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		entries, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityPlan, EntityID: id})
		if len(entries) != 2 || entries[0].Action != audit.ActionUpdate || entries[0].Actor.Name != "aysel@example.org" {
			t.Fatalf("audit of the plan = %+v", entries)
		}
		second := url.Values{"version": {version}, "member": {"azerbaijan"}, "external_id": {"AP_AZE04"}, "number": {"4"},
			"title.az": {title}, "title.en": {"Open Government Plan 2020"}, "period": {"2020-2022"}}
		rec = send(s, http.MethodPost, "/plans/"+id+"/edit?lang=en", second, nil)
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "conflict page", rec.Body.String(), "Someone else saved this while you were editing", "aysel@example.org saved it at",
			"Title (English)", "Second National Action Plan on Open Government", `value="Open Government Plan 2020"`)
		if hiddenVersion(t, rec.Body.String()) == version {
			t.Error("the conflict form still carries the stale version")
		}
		if p, _ := db.GetPlan(ctx, id); p.Title["en"] != "Second National Action Plan on Open Government" {
			t.Errorf("the stale save overwrote the first: %q", p.Title["en"])
		}

		// Delete asks first; then the plan is gone from the public pages.
		status, body, _ = get(t, s, "/plans/"+id+"/delete?lang=en")
		if status != 200 {
			t.Fatalf("delete confirmation: status %d", status)
		}
		wantAll(t, "delete confirmation", body, "Delete this action plan?", `action="/plans/`+id+`/delete" method="post"`)
		if _, err := db.GetPlan(ctx, id); err != nil {
			t.Fatalf("showing the confirmation deleted the plan: %v", err)
		}
		rec = send(s, http.MethodPost, "/plans/"+id+"/delete", url.Values{"version": {hiddenVersion(t, body)}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/?done=deleted" {
			t.Fatalf("delete: status %d, location %q\n%.600s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		if status, _, _ := get(t, s, "/plans/"+id); status != http.StatusNotFound {
			t.Errorf("deleted plan page: status %d, want 404", status)
		}
		if _, body, _ := get(t, s, "/?done=deleted&lang=az"); strings.Contains(body, title) || !strings.Contains(body, "Silindi.") {
			t.Errorf("home page after the delete:\n%.2000s", body)
		}

		// A plan with measures is explained, not offered, and a POST is refused.
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		status, body, _ = get(t, s, "/plans/"+itoa(p.ID)+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "This plan still has measures.") || strings.Contains(body, `action="/plans/`+itoa(p.ID)+`/delete"`) {
			t.Errorf("delete page of a plan with measures: status %d\n%.1500s", status, body)
		}
		rec = send(s, http.MethodPost, "/plans/"+itoa(p.ID)+"/delete?lang=en", url.Values{"version": {itoa(int64(p.Version))}}, nil)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "This plan still has measures.") {
			t.Errorf("delete of a plan with measures: status %d", rec.Code)
		}
		if _, err := db.GetPlan(ctx, "AZ-NAP-TEST"); err != nil {
			t.Errorf("the plan with measures went: %v", err)
		}
	})
}

func TestPlanPageOffersEditingOnlyToEditors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		who := access.Subject{}
		s := editServer(t, db, &who)
		p, _ := db.GetPlan(context.Background(), "AZ-NAP-TEST")
		links := []string{`href="/plans/` + itoa(p.ID) + `/edit"`, `href="/plans/` + itoa(p.ID) + `/areas/new"`, `href="/areas/`}
		_, body, _ := get(t, s, "/plans/"+itoa(p.ID))
		for _, l := range links {
			if strings.Contains(body, l) {
				t.Errorf("the public sees %s", l)
			}
		}
		if _, body, _ := get(t, s, "/"); strings.Contains(body, `href="/plans/new"`) {
			t.Error("the public is offered a new plan")
		}
		who = coordinator
		_, body, _ = get(t, s, "/plans/"+itoa(p.ID))
		wantAll(t, "coordinator's plan page", body, links...)
		if _, body, _ := get(t, s, "/"); !strings.Contains(body, `href="/plans/new"`) {
			t.Error("the coordinator is not offered a new plan")
		}
		m := measureByClause(t, db, "4.1.3")
		_, body, _ = get(t, s, "/measures/"+itoa(m.ID))
		wantAll(t, "coordinator's measure page", body, `href="/measures/`+itoa(m.ID)+`/milestones/new"`,
			`href="/milestones/`+itoa(m.Milestones[0].ID)+`/edit"`)
	})
}

// areaOrder lists the titles of a plan's areas as its public page shows
// them, in order.
func areaOrder(t *testing.T, s http.Handler, planID string) []string {
	t.Helper()
	_, body, _ := get(t, s, "/plans/"+planID+"?lang=en")
	start := strings.Index(body, `id="areas"`)
	end := strings.Index(body, `id="measures"`)
	if start < 0 || end < start {
		t.Fatalf("plan page has no areas table:\n%.2000s", body)
	}
	var out []string
	for _, m := range regexp.MustCompile(`#measures">(?:<span lang="[a-z]+">)?([^<]+)`).FindAllStringSubmatch(body[start:end], -1) {
		out = append(out, m[1])
	}
	return out
}

func TestAreaCreateEditDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		pid := itoa(p.ID)
		if got := areaOrder(t, s, pid); strings.Join(got, "|") != "Electronic services|Civil society" {
			t.Fatalf("areas = %v", got)
		}
		status, body, _ := get(t, s, "/plans/"+pid+"/areas/new?lang=en")
		if status != 200 || !strings.Contains(body, `name="position" type="text" autocomplete="off" value="3"`) {
			t.Fatalf("new area form (placed last): status %d\n%.1500s", status, body)
		}

		// Refused: a number another area has, a place that is not one.
		rec := send(s, http.MethodPost, "/plans/"+pid+"/areas/new?lang=en", url.Values{"number": {"4"}, "title.az": {"Şəffaflıq"}, "position": {"first"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad area: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "refused area", rec.Body.String(), `href="#position">Enter a whole number, 1 or more.`, `value="first"`, `value="Şəffaflıq"`)
		rec = send(s, http.MethodPost, "/plans/"+pid+"/areas/new?lang=az", url.Values{"number": {"4"}, "title.az": {"Şəffaflıq"}, "position": {"2"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("taken number: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "taken number", rec.Body.String(), `href="#number">Bu planın başqa sahəsi artıq bu nömrəyə malikdir.`, `value="4"`)

		rec = send(s, http.MethodPost, "/plans/"+pid+"/areas/new", url.Values{"number": {"2"}, "title.az": {"Şəffaflıq və hesabatlılıq"},
			"title.en": {"Transparency"}, "position": {"2"}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/"+pid+"?done=created#areas" {
			t.Fatalf("create: status %d, location %q\n%.1500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		if got := areaOrder(t, s, pid); strings.Join(got, "|") != "Electronic services|Transparency|Civil society" {
			t.Errorf("areas after create = %v", got)
		}
		areas, _ := db.PlanAreas(ctx, p.ID)
		id := itoa(areas[1].ID)

		// Two saves from the same version: the second is refused.
		_, body, _ = get(t, s, "/areas/"+id+"/edit?lang=en")
		wantAll(t, "area edit form", body, `value="Şəffaflıq və hesabatlılıq"`, `value="2"`)
		version := hiddenVersion(t, body)
		rec = send(s, http.MethodPost, "/areas/"+id+"/edit", url.Values{"version": {version}, "number": {"2"},
			"title.az": {"Şəffaflıq və hesabatlılıq"}, "title.en": {"Transparency and accountability"}, "position": {"1"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: status %d\n%.1000s", rec.Code, rec.Body.String())
		}
		if got := areaOrder(t, s, pid); strings.Join(got, "|") != "Transparency and accountability|Electronic services|Civil society" {
			t.Errorf("areas after moving first = %v", got)
		}
		rec = send(s, http.MethodPost, "/areas/"+id+"/edit?lang=ru", url.Values{"version": {version}, "number": {"3"},
			"title.az": {"Şəffaflıq"}, "position": {"2"}}, nil)
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "area conflict", rec.Body.String(), "Пока вы редактировали, это сохранил кто-то другой", "Transparency and accountability", `value="3"`)
		if a, _ := db.GetArea(ctx, areas[1].ID); a.Number != "2" {
			t.Errorf("the stale save overwrote the area: %+v", a)
		}

		// An area with measures is explained, not offered; an empty one goes.
		four := itoa(areas[2].ID)
		status, body, _ = get(t, s, "/areas/"+four+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "This area still groups measures.") || strings.Contains(body, `action="/areas/`+four+`/delete"`) {
			t.Errorf("delete page of an area with measures: status %d\n%.1500s", status, body)
		}
		status, body, _ = get(t, s, "/areas/"+id+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "Delete this area?") {
			t.Fatalf("delete confirmation: status %d\n%.1000s", status, body)
		}
		rec = send(s, http.MethodPost, "/areas/"+id+"/delete", url.Values{"version": {hiddenVersion(t, body)}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/plans/"+pid+"?done=deleted#areas" {
			t.Fatalf("delete: status %d, location %q", rec.Code, rec.Header().Get("Location"))
		}
		if got := areaOrder(t, s, pid); strings.Join(got, "|") != "Electronic services|Civil society" {
			t.Errorf("areas after delete = %v", got)
		}
		if status, _, _ := get(t, s, "/areas/"+id+"/edit"); status != http.StatusNotFound {
			t.Errorf("deleted area's form: status %d, want 404", status)
		}
	})
}

// milestoneOrder lists a measure's milestones as its public page shows
// them, in order.
func milestoneOrder(t *testing.T, s http.Handler, measureID string) []string {
	t.Helper()
	_, body, _ := get(t, s, "/measures/"+measureID+"?lang=en")
	start := strings.Index(body, `<ol class="milestones">`)
	if start < 0 {
		return nil
	}
	end := start + strings.Index(body[start:], "</ol>")
	var out []string
	for _, m := range regexp.MustCompile(`<li>(?:<span lang="[a-z]+">)?([^<]+)`).FindAllStringSubmatch(body[start:end], -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

func TestMilestoneCreateEditDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		m := measureByClause(t, db, "4.1.3")
		mid := itoa(m.ID)

		rec := send(s, http.MethodPost, "/measures/"+mid+"/milestones/new?lang=az", url.Values{"period": {"someday"}, "position": {"0"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad milestone: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "refused milestone", rec.Body.String(), `href="#title-az">Adı ən azı bir dildə yazın.`,
			`href="#period">Bu müddəti tarix kimi oxumaq mümkün deyil.`, `href="#position">1 və ya daha böyük tam ədəd yazın.`, `value="someday"`)

		rec = send(s, http.MethodPost, "/measures/"+mid+"/milestones/new", url.Values{"title.az": {"Layihənin ictimai müzakirəsi (ə ğ ı İ ö ş ü ç)"},
			"period": {"2017-ci ilin IV rübü"}, "position": {"1"}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/measures/"+mid+"?done=created#milestones" {
			t.Fatalf("create: status %d, location %q\n%.1500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		if got := milestoneOrder(t, s, mid); strings.Join(got, "|") != "Layihənin ictimai müzakirəsi (ə ğ ı İ ö ş ü ç)|Strategy adopted" {
			t.Errorf("milestones after create = %v", got)
		}
		_, body, _ := get(t, s, "/measures/"+mid+"?lang=az")
		wantAll(t, "measure page", body, "31 dekabr 2017")
		m = measureByClause(t, db, "4.1.3")
		id := itoa(m.Milestones[0].ID)

		// Two saves from the same version: the second is refused.
		_, body, _ = get(t, s, "/milestones/"+id+"/edit?lang=en")
		wantAll(t, "milestone edit form", body, `value="2017-ci ilin IV rübü"`, `value="1"`)
		version := hiddenVersion(t, body)
		rec = send(s, http.MethodPost, "/milestones/"+id+"/edit", url.Values{"version": {version}, "title.az": {"Layihənin müzakirəsi"},
			"period": {"2017-ci ilin IV rübü"}, "position": {"2"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: status %d\n%.1000s", rec.Code, rec.Body.String())
		}
		if got := milestoneOrder(t, s, mid); strings.Join(got, "|") != "Strategy adopted|Layihənin müzakirəsi" {
			t.Errorf("milestones after moving last = %v", got)
		}
		rec = send(s, http.MethodPost, "/milestones/"+id+"/edit?lang=en", url.Values{"version": {version}, "title.az": {"Müzakirə"}, "position": {"1"}}, nil)
		if rec.Code != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409\n%.800s", rec.Code, rec.Body.String())
		}
		wantAll(t, "milestone conflict", rec.Body.String(), "Someone else saved this while you were editing", "Title (Azerbaijani)",
			"Layihənin müzakirəsi", `value="Müzakirə"`)

		// Delete asks first; then the milestone is gone from the measure's page.
		status, body, _ := get(t, s, "/milestones/"+id+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "Delete this milestone?") {
			t.Fatalf("delete confirmation: status %d\n%.1000s", status, body)
		}
		rec = send(s, http.MethodPost, "/milestones/"+id+"/delete", url.Values{"version": {hiddenVersion(t, body)}}, nil)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/measures/"+mid+"?done=deleted#milestones" {
			t.Fatalf("delete: status %d, location %q", rec.Code, rec.Header().Get("Location"))
		}
		if got := milestoneOrder(t, s, mid); strings.Join(got, "|") != "Strategy adopted" {
			t.Errorf("milestones after delete = %v", got)
		}
		entries, _, _ := db.ListAudit(ctx, audit.Filter{EntityType: audit.EntityMilestone, EntityID: id})
		if len(entries) != 3 || entries[0].Action != audit.ActionDelete || entries[2].Action != audit.ActionCreate {
			t.Errorf("audit of the milestone = %+v", entries)
		}
		if r, err := db.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("verify = %+v, %v", r, err)
		}
	})
}

// formFields reads the values an edit form would send as it is shown:
// inputs, text areas and the chosen option of each select.
func formFields(t *testing.T, body string) url.Values {
	t.Helper()
	start := strings.Index(body, `<form class="form edit-form"`)
	if start < 0 {
		t.Fatalf("no edit form:\n%.1000s", body)
	}
	body = body[start : start+strings.Index(body[start:], "</form>")]
	v := url.Values{}
	for _, m := range regexp.MustCompile(`<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(body, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(body, -1) {
		if sel := regexp.MustCompile(`<option value="([^"]*)" selected`).FindStringSubmatch(m[2]); sel != nil {
			v.Set(m[1], html.UnescapeString(sel[1]))
		}
	}
	return v
}

// TestUntouchedFormsSave opens the forms of imported rows and saves them
// as shown: nothing an import stored may make a form unsavable, and saving
// changes nothing an export shows.
func TestUntouchedFormsSave(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		m := measureByClause(t, db, "4.1.3")
		before, err := db.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []string{"/plans/" + itoa(p.ID) + "/edit", "/areas/" + sampleAreaID(t, db) + "/edit",
			"/milestones/" + itoa(m.Milestones[0].ID) + "/edit"} {
			status, body, _ := get(t, s, target)
			if status != 200 {
				t.Fatalf("GET %s: status %d", target, status)
			}
			if rec := send(s, http.MethodPost, target, formFields(t, body), nil); rec.Code != http.StatusSeeOther {
				t.Errorf("saving %s untouched: status %d\n%.1500s", target, rec.Code, rec.Body.String())
			}
		}
		after, err := db.Export(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("untouched saves changed the data:\nbefore %+v\nafter  %+v", before.Plans[0], after.Plans[0])
		}
		if r, err := db.Import(ctx, after); err != nil || r.Changed() {
			t.Errorf("re-importing after the saves: %+v, %v", r, err)
		}
	})
}

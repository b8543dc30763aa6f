package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/library"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestDocumentFormChoosesItsTiesFromLists: the coordinator ticks the event
// and a plan's measure the document belongs to instead of typing numbers;
// showing another plan's measures saves nothing and keeps what was typed.
func TestDocumentFormChoosesItsTiesFromLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		coordinator := access.Subject{User: &account.User{ID: 1, Role: account.RoleCoordinator, Email: "c@example.org"}}
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return coordinator })
		s.library = db
		ev := eventSample(t, s, db).Event
		ctx := context.Background()
		plans, err := db.ListPlans(ctx, plan.PlanFilter{Limit: 10})
		if err != nil || len(plans.Items) == 0 {
			t.Fatalf("plans: %v", err)
		}
		p := plans.Items[0]
		measures, err := db.ListMeasures(ctx, plan.MeasureFilter{PlanID: p.ID, Limit: 10})
		if err != nil || len(measures.Items) == 0 {
			t.Fatalf("measures of plan %d: %v", p.ID, err)
		}
		m := strconv.FormatInt(measures.Items[0].ID, 10)
		planID := strconv.FormatInt(p.ID, 10)

		status, body, _ := get(t, s, "/library/new?lang=en")
		if status != http.StatusOK || !strings.Contains(body, `name="event" value="`+ev+`"`) || !strings.Contains(body, "Sample round table") {
			t.Fatalf("new document form: %d, lacks the event's checkbox\n%.3000s", status, body)
		}

		form := url.Values{"kind": {"report"}, "title": {"Şəffaflıq hesabatı"}, "language": {"az"}, "date": {"2017-10-05"},
			"event": {ev}, "plan": {planID}, "show_measures": {"1"}}
		rec := send(s, http.MethodPost, "/library/new?lang=en", form, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="measure" value="`+m+`"`) ||
			!strings.Contains(rec.Body.String(), `value="Şəffaflıq hesabatı"`) || !strings.Contains(rec.Body.String(), `value="`+ev+`" checked`) {
			t.Fatalf("showing the plan's measures: %d\n%.4000s", rec.Code, rec.Body)
		}
		if list, _ := db.ListLibrary(ctx, library.Filter{}); list.Total != 0 {
			t.Fatalf("showing the measures saved %d documents", list.Total)
		}

		form.Del("show_measures")
		form["measure"] = []string{m}
		rec = send(s, http.MethodPost, "/library/new?lang=en", form, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("saving: %d\n%.3000s", rec.Code, rec.Body)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(strings.SplitN(rec.Header().Get("Location"), "?", 2)[0], "/library/"), 10, 64)
		d, err := db.GetDocument(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := library.FormatIDs(d.RelatedIDs(library.TargetEvent)); got != ev {
			t.Errorf("tied events %q, want %q", got, ev)
		}
		if got := library.FormatIDs(d.RelatedIDs(library.TargetMeasure)); got != m {
			t.Errorf("tied measures %q, want %q", got, m)
		}
		_, body, _ = get(t, s, "/library/"+strconv.FormatInt(id, 10)+"/edit?lang=en")
		if !strings.Contains(body, `name="measure" value="`+m+`" checked`) || !strings.Contains(body, `name="event" value="`+ev+`" checked`) {
			t.Errorf("the edit form does not tick the document's ties\n%.4000s", body)
		}
	})
}

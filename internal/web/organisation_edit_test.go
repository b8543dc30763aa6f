package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestOrganisationCreateEditDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := coordinator
		s := editServer(t, db, &who)

		// Refused: no name, an unknown kind. The typed member stays chosen.
		rec := send(s, http.MethodPost, "/organisations/new?lang=ru", url.Values{"member": {"azerbaijan"}, "kind": {"sect"}}, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#name-az">Укажите название хотя бы на одном языке.`) ||
			!strings.Contains(body, `href="#kind">Выберите тип из списка.`) || !strings.Contains(body, `value="azerbaijan" selected`) {
			t.Fatalf("refused organisation: status %d\n%.3000s", rec.Code, body)
		}

		rec = send(s, http.MethodPost, "/organisations/new", url.Values{"member": {"azerbaijan"}, "kind": {"state_body"},
			"name.az": {"Dövlət Gömrük Komitəsi"}, "name.ru": {"Государственный таможенный комитет"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: status %d\n%.1000s", rec.Code, rec.Body.String())
		}
		loc := rec.Header().Get("Location")
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/organisations/"), "?done=created")
		status, body, _ := get(t, s, loc+"&lang=ru")
		if status != 200 || !strings.Contains(body, "Государственный таможенный комитет") || !strings.Contains(body, "Добавлено.") {
			t.Fatalf("created organisation page: status %d\n%.2000s", status, body)
		}
		// The same name again is refused.
		rec = send(s, http.MethodPost, "/organisations/new?lang=en", url.Values{"member": {"azerbaijan"}, "kind": {"state_body"},
			"name.az": {"DÖVLƏT GÖMRÜK KOMİTƏSİ"}}, nil)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "An organisation with this name already exists") {
			t.Errorf("duplicate name: status %d\n%.1500s", rec.Code, rec.Body.String())
		}

		_, body, _ = get(t, s, "/organisations/"+id+"/edit")
		rec = send(s, http.MethodPost, "/organisations/"+id+"/edit", url.Values{"version": {hiddenVersion(t, body)}, "member": {"azerbaijan"},
			"kind": {"state_body"}, "name.az": {"Dövlət Gömrük Komitəsi"}, "name.en": {"State Customs Committee"}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("save: status %d\n%.1000s", rec.Code, rec.Body.String())
		}

		// An executor of measures cannot go; the new one can.
		orgs, _ := db.ListOrganisations(ctx, plan.OrganisationFilter{Q: "Cabinet"})
		busy := itoa(orgs.Items[0].ID)
		status, body, _ = get(t, s, "/organisations/"+busy+"/delete?lang=en")
		if status != 200 || !strings.Contains(body, "still executes measures") || strings.Contains(body, `action="/organisations/`+busy+`/delete"`) {
			t.Errorf("deleting an executor is offered:\n%.1500s", body)
		}
		rec = send(s, http.MethodPost, "/organisations/"+busy+"/delete?lang=en", url.Values{"version": {itoa(int64(orgs.Items[0].Version))}}, nil)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "still executes measures") {
			t.Errorf("delete an executor: status %d", rec.Code)
		}
		_, body, _ = get(t, s, "/organisations/"+id+"/delete")
		rec = send(s, http.MethodPost, "/organisations/"+id+"/delete", url.Values{"version": {hiddenVersion(t, body)}}, nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("delete: status %d\n%.800s", rec.Code, rec.Body.String())
		}
		if status, _, _ := get(t, s, "/organisations/"+id); status != http.StatusNotFound {
			t.Errorf("deleted organisation: status %d, want 404", status)
		}
	})
}

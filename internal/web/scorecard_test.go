package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// scorecardIDs are the scorecards scorecardSample made: a draft and a
// published one with two subjects and a criterion.
type scorecardIDs struct {
	Draft, Published string
}

var (
	scorecardSamplesMu sync.Mutex
	scorecardSamples   = map[*store.DB]scorecardIDs{}
)

// scorecardSample gives s the scorecard store and records, once per
// database, a draft scorecard and a published one comparing two of the
// fixture's organisations on one criterion (0–3), for the route matrix
// and the tests.
func scorecardSample(t *testing.T, s *Server, db *store.DB) scorecardIDs {
	t.Helper()
	scorecardSamplesMu.Lock()
	defer scorecardSamplesMu.Unlock()
	s.scorecards = db
	if ids, ok := scorecardSamples[db]; ok {
		return ids
	}
	ctx := context.Background()
	actor := audit.Actor{UserID: 1, Name: "admin@example.org"}
	draft, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Draft comparison"}, Status: scorecard.Draft})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := db.CreateScorecard(ctx, actor, scorecard.Edit{Title: plan.Text{"en": "Disclosure of reports", "az": "Hesabatların açıqlanması"}, Status: scorecard.Published})
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := db.ListOrganisations(ctx, plan.OrganisationFilter{Limit: 2})
	if err != nil || len(orgs.Items) < 2 {
		t.Fatalf("organisations: %v", err)
	}
	version := 1
	for _, o := range orgs.Items {
		if err := db.AddSubject(ctx, actor, pub, version, o.ID); err != nil {
			t.Fatal(err)
		}
		version++
	}
	if err := db.AddCriterion(ctx, actor, pub, version, scorecard.CriterionEdit{Title: plan.Text{"en": "Annual report published"}, Weight: 1, Min: 0, Max: 3}); err != nil {
		t.Fatal(err)
	}
	ids := scorecardIDs{Draft: strconv.FormatInt(draft, 10), Published: strconv.FormatInt(pub, 10)}
	scorecardSamples[db] = ids
	return ids
}

// TestScorecardPages: the public sees published scorecards only; a
// coordinator's score outside the scale comes back with the input kept;
// saved scores show as a ranking, a chart and CSV.
func TestScorecardPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var current access.Subject
		s := newTestServerWith(t, db, func(*http.Request) access.Subject { return current })
		ids := scorecardSample(t, s, db)

		status, body, _ := get(t, s, "/scorecards", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Disclosure of reports") || strings.Contains(body, "Draft comparison") {
			t.Errorf("public list: %d\n%.2000s", status, body)
		}
		if status, _, _ := get(t, s, "/scorecards/"+ids.Draft); status != http.StatusSeeOther {
			t.Errorf("the public opens a draft: %d", status)
		}
		if status, _, _ := get(t, s, "/scorecards/"+ids.Draft+"/scores.csv"); status != http.StatusForbidden && status != http.StatusSeeOther {
			t.Errorf("the public downloads a draft: %d", status)
		}

		current = access.Subject{User: &account.User{ID: 1, Name: "Coordinator", Role: account.RoleCoordinator}}
		status, body, _ = get(t, s, "/scorecards", "Accept-Language", "en")
		if status != 200 || !strings.Contains(body, "Draft comparison") {
			t.Errorf("coordinator's list lacks the draft: %d", status)
		}
		c, err := db.GetScorecard(context.Background(), mustInt(t, ids.Published))
		if err != nil {
			t.Fatal(err)
		}
		first, second, crit := c.Subjects[0], c.Subjects[1], c.Criteria[0]
		k1, k2 := cellKey(first.ID, crit.ID), cellKey(second.ID, crit.ID)
		form := url.Values{"version": {strconv.Itoa(c.Version)}, "score-" + k1: {"7"}, "evidence-" + k1: {"https://example.org/r.pdf"}, "score-" + k2: {"2"}, "note-" + k2: {"only the summary"}}
		rec := postForm(s, "/scorecards/"+ids.Published+"/scores", form)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="7"`) ||
			!strings.Contains(rec.Body.String(), "https://example.org/r.pdf") || !strings.Contains(rec.Body.String(), `href="#score-`+k1+`"`) {
			t.Fatalf("score 7 on 0–3: %d\n%.3000s", rec.Code, rec.Body.String())
		}
		form.Set("score-"+k1, "2")
		if rec := postForm(s, "/scorecards/"+ids.Published+"/scores", form); rec.Code != http.StatusSeeOther {
			t.Fatalf("save scores: %d\n%.3000s", rec.Code, rec.Body.String())
		}

		// The same form again, from the version before that save: refused,
		// with the cell where the saved version differs from it.
		form.Set("score-"+k2, "3")
		rec = postForm(s, "/scorecards/"+ids.Published+"/scores", form)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `class="conflict"`) || !strings.Contains(rec.Body.String(), `<td class="yours">3</td>`) {
			t.Fatalf("stale save: %d\n%.3000s", rec.Code, rec.Body.String())
		}

		current = access.Subject{}
		status, body, _ = get(t, s, "/scorecards/"+ids.Published, "Accept-Language", "en")
		if status != 200 {
			t.Fatalf("public scorecard: %d", status)
		}
		// Both scored 2 of 3: a tie, both ranked first at 66.7 %.
		if n := strings.Count(body, `<td class="num rank">1</td>`); n != 2 || !strings.Contains(body, "66.7%") || !strings.Contains(body, `class="score-bar"`) {
			t.Errorf("ranking: %d firsts\n%.4000s", n, body)
		}
		status, body, _ = get(t, s, "/scorecards/"+ids.Published+"/scores.csv")
		if status != 200 || !strings.Contains(body, "only the summary") || !strings.Contains(body, "1,") {
			t.Errorf("csv: %d\n%s", status, body)
		}
	})
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

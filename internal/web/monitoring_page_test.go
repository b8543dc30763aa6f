package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"ogpp/internal/access"
	"ogpp/internal/account"
	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

func TestMonitoringOverviewListsWorkInHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		who := access.Subject{User: &account.User{ID: 3, Email: "monitor@example.org", Role: account.RoleMonitor}}
		s := editServer(t, db, &who)
		s.monitor = db
		if status, body, _ := get(t, s, "/monitoring?lang=en"); status != 200 || !strings.Contains(body, "No round is open") {
			t.Fatalf("empty overview: status %d\n%.1500s", status, body)
		}
		p, _ := db.GetPlan(ctx, "AZ-NAP-TEST")
		actor := audit.System("test")
		id, err := db.CreateRound(ctx, actor, monitor.RoundEdit{PlanID: p.ID, Name: plan.Text{"az": "2017-ci il monitorinqi"}, Kind: monitor.KindAnnual, PeriodText: "2017"})
		if err != nil {
			t.Fatal(err)
		}
		status, body, _ := get(t, s, "/monitoring?lang=az")
		if status != 200 || !strings.Contains(body, `<a href="/rounds/`+itoa(id)+`/work">2017-ci il monitorinqi</a>`) || !strings.Contains(body, "0 / 3") {
			t.Fatalf("overview with an open round: status %d\n%.3000s", status, body)
		}
		if !strings.Contains(body, `href="/monitoring" aria-current="page"`) {
			t.Error("the monitor's menu lacks the overview")
		}
		// Published rounds are no longer work in hand.
		r, _ := db.GetRound(ctx, id)
		if err := db.SetRoundStatus(ctx, actor, id, monitor.RoundClosed, r.Version); err != nil {
			t.Fatal(err)
		}
		r, _ = db.GetRound(ctx, id)
		if err := db.SetRoundStatus(ctx, actor, id, monitor.RoundPublished, r.Version); err != nil {
			t.Fatal(err)
		}
		if _, body, _ := get(t, s, "/monitoring?lang=en"); strings.Contains(body, "monitorinqi") {
			t.Error("a published round is still listed as work in hand")
		}
		// Members see neither the overview nor its menu entry.
		who = access.Subject{User: &account.User{ID: 4, Email: "member@example.org", Role: account.RoleMember}}
		if status, _, _ := get(t, s, "/monitoring"); status != http.StatusForbidden {
			t.Errorf("member: status %d, want 403", status)
		}
		if _, body, _ := get(t, s, "/"); strings.Contains(body, `href="/monitoring"`) {
			t.Error("a member's menu offers the monitoring overview")
		}
	})
}

package platform

import (
	"strings"
	"testing"

	"ogpp/internal/plan"
)

// TestAppealStatus follows an appeal sent on Monday 18 March 2024 with 7
// working days over Novruz (deadline Wednesday 3 April) through the days.
func TestAppealStatus(t *testing.T) {
	cal, err := ParseCalendar(strings.NewReader(holidaysFile))
	if err != nil {
		t.Fatal(err)
	}
	a := Appeal{SentOn: day(t, "2024-03-18"), ReplyDays: 7}
	for today, want := range map[string]AppealStatus{
		"2024-03-18": AppealAwaiting,
		"2024-03-27": AppealAwaiting, // the deadline without holidays: not yet overdue with them
		"2024-04-03": AppealAwaiting, // the deadline itself
		"2024-04-04": AppealOverdue,
		"2025-01-01": AppealOverdue,
	} {
		if got := a.Status(cal, day(t, today)); got != want {
			t.Errorf("on %s: %s, want %s", today, got, want)
		}
	}
	// Weekends only, the same appeal is overdue a week earlier.
	if got := a.Status(Calendar{}, day(t, "2024-03-28")); got != AppealOverdue {
		t.Errorf("weekends only, on 28 March: %s, want overdue", got)
	}
	// Closed without a reply.
	closed := a
	closed.ClosedOn = &plan.Date{Year: 2024, Month: 5, Day: 2}
	if got := closed.Status(cal, day(t, "2024-05-02")); got != AppealNoReply {
		t.Errorf("closed: %s", got)
	}
	// A reply, on time or late, answers it, even once closed.
	late := closed
	late.Replies = []Reply{{ReceivedOn: day(t, "2024-04-10")}, {ReceivedOn: day(t, "2024-04-05")}}
	if got := late.Status(cal, day(t, "2024-04-04")); got != AppealAnswered {
		t.Errorf("with replies: %s", got)
	}
	if !late.AnsweredLate(cal) || late.FirstReply().ReceivedOn.String() != "2024-04-05" {
		t.Errorf("late reply: late %v, first %v", late.AnsweredLate(cal), late.FirstReply())
	}
	onTime := a
	onTime.Replies = []Reply{{ReceivedOn: day(t, "2024-04-03")}}
	if onTime.AnsweredLate(cal) || onTime.Status(cal, day(t, "2024-06-01")) != AppealAnswered {
		t.Error("a reply on the deadline is on time")
	}
	if a.AnsweredLate(cal) || a.FirstReply() != nil {
		t.Error("no reply is not a late reply")
	}
}

func TestAppealEditValidate(t *testing.T) {
	today := day(t, "2024-04-10")
	ok := AppealEdit{Kind: "information_request", ReplyDays: 7, AddresseeID: 3, SentOn: " 2024-03-18 ",
		Subject: plan.Text{"az": "  Büdcə haqqında məlumat  ", "en": " "}, Today: today}
	if fe := ok.Validate(); len(fe) > 0 {
		t.Fatalf("valid edit refused: %v", fe)
	}
	if ok.SentOn != "2024-03-18" || ok.Subject["az"] != "Büdcə haqqında məlumat" || len(ok.Subject) != 1 {
		t.Errorf("not tidied: %+v", ok)
	}
	tests := []struct {
		name   string
		change func(e *AppealEdit)
		field  string
		key    string
	}{
		{"no kind", func(e *AppealEdit) { e.Kind = "" }, "kind", "appeal.kind.required"},
		{"unconfigured kind", func(e *AppealEdit) { e.Kind, e.ReplyDays = "petition", 0 }, "kind", "appeal.kind.invalid"},
		{"no addressee", func(e *AppealEdit) { e.AddresseeID = 0 }, "addressee", "appeal.addressee.required"},
		{"no date", func(e *AppealEdit) { e.SentOn = "" }, "sent_on", "appeal.sent_on.required"},
		{"not a date", func(e *AppealEdit) { e.SentOn = "18.03.2024" }, "sent_on", "appeal.sent_on.invalid"},
		{"not a day", func(e *AppealEdit) { e.SentOn = "2024-02-30" }, "sent_on", "appeal.sent_on.invalid"},
		{"in the future", func(e *AppealEdit) { e.SentOn = "2024-04-11" }, "sent_on", "appeal.sent_on.future"},
		{"no subject", func(e *AppealEdit) { e.Subject = plan.Text{"az": "  "} }, "subject", "appeal.subject.required"},
		{"subject too long", func(e *AppealEdit) { e.Subject = plan.Text{"en": strings.Repeat("x", 2001)} }, "subject", "edit.subject.too_long"},
		{"control characters", func(e *AppealEdit) { e.Reference = "No\x00 5" }, "reference", "edit.reference.invalid"},
		{"closed before sent", func(e *AppealEdit) { e.ClosedOn = "2024-03-01" }, "closed_on", "appeal.closed_on.before_sent"},
		{"closed in the future", func(e *AppealEdit) { e.ClosedOn = "2024-05-01" }, "closed_on", "appeal.closed_on.future"},
		{"negative measure", func(e *AppealEdit) { e.MeasureID = -1 }, "measure", "appeal.measure.invalid"},
	}
	for _, tt := range tests {
		e := ok
		tt.change(&e)
		if fe := e.Validate(); fe[tt.field] != tt.key {
			t.Errorf("%s: %v, want %s=%s", tt.name, fe, tt.field, tt.key)
		}
	}
	// Without a day to compare with, future dates pass: imports and
	// tests that give none.
	e := ok
	e.SentOn, e.Today = "2030-01-01", plan.Date{}
	if fe := e.Validate(); len(fe) > 0 {
		t.Errorf("no today: %v", fe)
	}
	r := ReplyEdit{ReceivedOn: "2024-04-11", Today: today}
	if fe := r.Validate(); fe["received_on"] != "appeal.received_on.future" || fe["summary"] != "appeal.summary.required" {
		t.Errorf("reply: %v", fe)
	}
}

func TestParseAppealKinds(t *testing.T) {
	ks, err := ParseAppealKinds(" information_request=7, proposal = 15 ,complaint=15,inquiry=30 ")
	if err != nil {
		t.Fatal(err)
	}
	if ks.String() != "information_request=7,proposal=15,complaint=15,inquiry=30" {
		t.Errorf("kinds = %s", ks)
	}
	if d, ok := ks.Days("inquiry"); !ok || d != 30 {
		t.Errorf("inquiry: %d %v", d, ok)
	}
	if def, err := ParseAppealKinds(DefaultAppealKinds().String()); err != nil || def.String() != DefaultAppealKinds().String() {
		t.Errorf("defaults do not round-trip: %v", err)
	}
	for _, bad := range []string{"", "proposal", "proposal=0", "proposal=366", "Proposal=5", "a=1,a=2", "x y=3", "p=seven"} {
		if _, err := ParseAppealKinds(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMediaEditValidate(t *testing.T) {
	e := MediaEdit{Outlet: "  Turan   İnformasiya Agentliyi ", Kind: MediaArticle, PublishedOn: "2017-05-04", Title: "OGP platforması",
		URL: "javascript:alert(1)", Today: day(t, "2024-01-01")}
	fe := e.Validate()
	if e.Outlet != "Turan İnformasiya Agentliyi" || fe["url"] != "media.url.invalid" || len(fe) != 1 {
		t.Errorf("media: %q %v", e.Outlet, fe)
	}
	e = MediaEdit{Kind: "blog"}
	fe = e.Validate()
	for field, key := range map[string]string{"outlet": "media.outlet.required", "kind": "media.kind.invalid",
		"published_on": "media.published_on.required", "title": "media.title.required"} {
		if fe[field] != key {
			t.Errorf("%s: %q, want %q", field, fe[field], key)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{
		"1250": 125000, "1250.5": 125050, "1250,50": 125050, "1 250,50": 125050, "1.250,50": 125050, "1,250.50": 125050,
		"1.000": 100000, "1,000,000": 100000000, "0,99": 99, ",5": 50, "1\u00a0250": 125000, "0": 0,
	} {
		if got, ok := ParseAmount(in); !ok || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-5", "1.2.3", "1,2,3", "12.345.6", "1.2345", "abc", "1e5", "10000000000000", "1,,250"} {
		if got, ok := ParseAmount(in); ok {
			t.Errorf("ParseAmount(%q) = %d, accepted", in, got)
		}
	}
	if s := (Cost{Minor: 125005}).Decimal(); s != "1250.05" {
		t.Errorf("Decimal = %s", s)
	}
	e := ResourceEdit{Item: "Noutbuk", BoughtOn: "2017-03-01", Amount: "1 250,50", Currency: " usd "}
	cost, fe := e.Validate()
	if len(fe) > 0 || cost != (Cost{Minor: 125050, Currency: "USD"}) {
		t.Errorf("resource: %v %v", cost, fe)
	}
	e = ResourceEdit{Item: "Printer", BoughtOn: "2017-03-01", Amount: "300"}
	if cost, fe := e.Validate(); len(fe) > 0 || cost.Currency != DefaultCurrency {
		t.Errorf("default currency: %v %v", cost, fe)
	}
	e = ResourceEdit{Amount: "many", Currency: "manat"}
	_, fe = e.Validate()
	if fe["amount"] != "resource.amount.invalid" || fe["currency"] != "resource.currency.invalid" || fe["item"] != "resource.item.required" ||
		fe["bought_on"] != "resource.bought_on.required" {
		t.Errorf("resource problems: %v", fe)
	}
}

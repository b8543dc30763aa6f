package events

import (
	"strings"
	"testing"
	"time"

	"ogpp/internal/plan"
)

func TestICalEscapesAndCRLF(t *testing.T) {
	start := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	ev := Event{ID: 7, Kind: RoundTable, Start: start, End: start.Add(2 * time.Hour), Place: "Hall; 2, floor", Region: "Gəncə", Status: Planned, Version: 1}
	out := ICal("ogpp.example", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), []ICalEvent{{Event: ev, Title: "Budget, openness; and\nparticipation " + strings.Repeat("ə", 60), URL: "https://ogpp.example/events/7"}})
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("a bare LF in the feed")
	}
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatal("no CRLF at the end")
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{"UID:event-7@ogpp.example\r\n", `SUMMARY:Budget\, openness\; and\nparticipation `, `LOCATION:Hall\; 2\, floor\, Gəncə`, "DTSTART:20261201T060000Z\r\n", "DTEND:20261201T080000Z\r\n"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("feed lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets", len(l))
		}
	}
}

func TestCountRuleNeverCountsTwice(t *testing.T) {
	tl := Tally{Event: Event{Status: Held}, CheckedIn: map[Category]int{StateBody: 3, Media: 2}, Heads: map[Category]int{StateBody: 5, ForeignGuest: 1}}
	got := tl.Count()
	if got[StateBody] != 5 || got[Media] != 2 || got[ForeignGuest] != 1 || tl.Total() != 8 {
		t.Fatalf("count %v total %d", got, tl.Total())
	}
}

func TestSummarise(t *testing.T) {
	d := func(y int) time.Time { return time.Date(y, 3, 1, 8, 0, 0, 0, time.UTC) }
	ts := []Tally{
		{Event: Event{Kind: RoundTable, Region: "Bakı", Start: d(2017), Status: Held}, Heads: map[Category]int{StateBody: 4, MemberNGO: 10}},
		{Event: Event{Kind: RoundTable, Region: "Gəncə", Start: d(2017), Status: Held}, CheckedIn: map[Category]int{ForeignGuest: 2}},
		{Event: Event{Kind: InternetTV, Start: d(2018), Status: Held}, Heads: map[Category]int{Media: 1}},
		{Event: Event{Kind: RoundTable, Region: "Şəki", Start: d(2018), Status: Cancelled}, Heads: map[Category]int{Media: 9}},
	}
	s := Summarise(ts)
	if s.Events != 3 || s.ByKind[RoundTable] != 2 || s.ByKind[InternetTV] != 1 || s.InRegions != 1 || s.Participants != 17 ||
		s.ByCategory[StateBody] != 4 || s.ByCategory[ForeignGuest] != 2 || s.ByYear[2017] != 2 || s.ByYear[2018] != 1 {
		t.Fatalf("%+v", s)
	}
}

func TestEditValidate(t *testing.T) {
	e := Edit{Kind: RoundTable, Title: plan.Text{"az": "Dəyirmi masa"}, Start: "2017-05-10T10:00", End: "2017-05-10T09:00", Status: Planned, OnlineURL: "javascript:x"}
	fe := e.Validate()
	if fe["end"] == "" || fe["online_url"] == "" || len(fe) != 2 {
		t.Fatalf("%v", fe)
	}
	if got := e.StartAt; !got.Equal(time.Date(2017, 5, 10, 6, 0, 0, 0, time.UTC)) {
		t.Fatalf("start %v: Baku is UTC+4", got)
	}
}

package platform

import (
	"strings"
	"testing"
	"time"

	"ogpp/internal/plan"
)

func day(t testing.TB, s string) plan.Date {
	t.Helper()
	d, err := plan.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// holidaysFile is a holidays file as a coordinator would write one for
// the spans the tests cross: the Novruz days off of March 2024 (the 23rd
// and 24th fell on a weekend and were moved to the 25th and 26th) and the
// New Year days (31 December is Solidarity Day). Whether these were the
// decreed days is the file's business; the tests check how they are
// counted.
const holidaysFile = `# Days off configured for the tests
2024-03-20 Novruz bayramı
2024-03-21 Novruz bayramı
2024-03-22 Novruz bayramı
2024-03-23 Novruz bayramı
2024-03-24 Novruz bayramı
2024-03-25 Novruz bayramı (moved)
2024-03-26 Novruz bayramı (moved)

2024-12-31 Dünya Azərbaycanlılarının Həmrəyliyi Günü
2025-01-01	Yeni il
2025-01-02 Yeni il
`

// TestAppealDeadlineSkipsWeekendsAndHolidays is the acceptance
// test: deadlines in working days over real dates skip weekends and the
// configured holidays, and the day sent never counts.
func TestAppealDeadlineSkipsWeekendsAndHolidays(t *testing.T) {
	withHolidays, err := ParseCalendar(strings.NewReader(holidaysFile))
	if err != nil {
		t.Fatal(err)
	}
	weekendsOnly := Calendar{}
	workedSaturday, err := ParseCalendar(strings.NewReader(holidaysFile + "+2024-12-28 Saturday worked\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cal  Calendar
		sent string
		days int
		want string
	}{
		// Monday 18 March 2024: Tuesday is day 1, then Novruz closes
		// Wednesday 20 to Tuesday 26; days 2-7 are 27 March to 3 April.
		{"information request over Novruz", withHolidays, "2024-03-18", 7, "2024-04-03"},
		// The same letter without holidays configured: weekends only.
		{"information request, weekends only", weekendsOnly, "2024-03-18", 7, "2024-03-27"},
		// Friday 27 December 2024: Monday 30 is day 1; 31 December and 1-2
		// January are off; Friday 3 January is day 2 and Friday 10 day 7.
		{"information request over New Year", withHolidays, "2024-12-27", 7, "2025-01-10"},
		{"information request over New Year, weekends only", weekendsOnly, "2024-12-27", 7, "2025-01-07"},
		// Friday 20 December 2024, fifteen working days.
		{"proposal over New Year", withHolidays, "2024-12-20", 15, "2025-01-15"},
		{"proposal over New Year, weekends only", weekendsOnly, "2024-12-20", 15, "2025-01-10"},
		// A Saturday decreed a working day counts.
		{"worked Saturday counts", workedSaturday, "2024-12-27", 7, "2025-01-09"},
		// Sent on a Saturday: the count starts on Monday.
		{"sent on a Saturday", withHolidays, "2024-06-01", 1, "2024-06-03"},
		// Sent on a holiday: the count starts after it, skipping the rest.
		{"sent on a holiday", withHolidays, "2024-03-20", 1, "2024-03-27"},
		// Sent on a Friday with one day: the next Monday.
		{"one day from a Friday", withHolidays, "2024-03-29", 1, "2024-04-01"},
		{"no days", withHolidays, "2024-03-29", 0, "2024-03-29"},
		// Across a leap day.
		{"leap year", weekendsOnly, "2024-02-27", 3, "2024-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Appeal{SentOn: day(t, tt.sent), ReplyDays: tt.days}
			if got := a.Deadline(tt.cal); got.String() != tt.want {
				t.Errorf("%d working days after %s (%s) = %s (%s), want %s", tt.days, tt.sent, day(t, tt.sent).Time().Weekday(),
					got, got.Time().Weekday(), tt.want)
			}
			if want := day(t, tt.want); !tt.cal.IsWorkingDay(want) && tt.days > 0 {
				t.Errorf("the deadline %s is not a working day", tt.want)
			}
			if n := tt.cal.WorkingDaysBetween(day(t, tt.sent), day(t, tt.want)); n != tt.days {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.sent, tt.want, n, tt.days)
			}
		})
	}
}

func TestCalendarDays(t *testing.T) {
	cal, err := ParseCalendar(strings.NewReader(holidaysFile))
	if err != nil {
		t.Fatal(err)
	}
	if !cal.HasHolidays() || (Calendar{}).HasHolidays() {
		t.Error("HasHolidays")
	}
	hs := cal.Holidays()
	if len(hs) != 10 || hs[0].Date.String() != "2024-03-20" || hs[0].Name != "Novruz bayramı" || hs[9].Name != "Yeni il" {
		t.Errorf("holidays = %+v", hs)
	}
	// Only those on weekdays were skipped: 20-22, 25, 26 March.
	skipped := cal.HolidaysBetween(day(t, "2024-03-18"), day(t, "2024-04-03"))
	var got []string
	for _, h := range skipped {
		got = append(got, h.Date.String())
	}
	if strings.Join(got, " ") != "2024-03-20 2024-03-21 2024-03-22 2024-03-25 2024-03-26" {
		t.Errorf("holidays between = %v", got)
	}
	// Missed by: overdue on Thursday 4 April by one working day, on Monday
	// 8 April by three.
	deadline := day(t, "2024-04-03")
	for today, want := range map[string]int{"2024-04-03": 0, "2024-04-04": -1, "2024-04-08": -3, "2024-03-27": 5} {
		if n := cal.WorkingDaysBetween(day(t, today), deadline); n != want {
			t.Errorf("working days from %s to the deadline = %d, want %d", today, n, want)
		}
	}
	// A Friday and Saturday weekend.
	gulf := Calendar{}.WithWeekend(time.Friday, time.Saturday)
	if got := gulf.AddWorkingDays(day(t, "2024-03-14"), 1); got.String() != "2024-03-17" {
		t.Errorf("Thursday + 1 with a Friday-Saturday weekend = %s, want Sunday 2024-03-17", got)
	}
	// A calendar with no working day at all ends rather than hangs.
	var all []Holiday
	for d := day(t, "2024-01-01"); d.Before(day(t, "2025-01-01")); d = pwAddDays(d, 1) {
		all = append(all, Holiday{Date: d})
	}
	if got := NewCalendar(all...).AddWorkingDays(day(t, "2024-01-01"), 1); got.Year != 2025 {
		t.Errorf("a year of holidays: %s", got)
	}
}

func TestParseCalendarRefusesBadLines(t *testing.T) {
	for _, text := range []string{"2024-13-01 Nothing", "20.03.2024 Novruz", "+", "2024-02-30"} {
		_, err := ParseCalendar(strings.NewReader("# ok\n2024-03-20\n" + text + "\n"))
		if err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("%q: err = %v, want one naming line 3", text, err)
		}
	}
	c, err := ParseCalendar(strings.NewReader("\ufeff2024-03-20\r\n\r\n"))
	if err != nil || !c.HasHolidays() {
		t.Errorf("a file with a byte-order mark and CRLF: %v", err)
	}
	if c, err := LoadCalendar(""); err != nil || c.HasHolidays() {
		t.Errorf("no file: %v", err)
	}
	if _, err := LoadCalendar("/nonexistent/holidays.txt"); err == nil {
		t.Error("a missing file is an error")
	}
}

package platform

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"ogpp/internal/plan"
)

// Calendar tells working days from days off, for deadlines the law counts
// in working days: the weekend (Saturday and Sunday unless set otherwise),
// the public holidays it lists, and weekend days a decree made working days
// (governments move rest days around holidays). The zero Calendar knows
// only the Saturday and Sunday weekend. A Calendar is read-only once made,
// so copies may share its maps.
type Calendar struct {
	weekend    [7]bool
	weekendSet bool
	holidays   map[plan.Date]string
	working    map[plan.Date]string
}

// Holiday is a day off: a public holiday, or a rest day moved onto a
// weekday by decree.
type Holiday struct {
	Date plan.Date
	Name string // as the holidays file gives it; may be empty
}

// NewCalendar returns a calendar with the Saturday and Sunday weekend and
// the given days off; a date listed twice keeps its first name.
func NewCalendar(holidays ...Holiday) Calendar {
	c := Calendar{holidays: map[plan.Date]string{}}
	for _, h := range holidays {
		if _, ok := c.holidays[h.Date]; !ok {
			c.holidays[h.Date] = h.Name
		}
	}
	return c
}

// WithWeekend returns c resting on the given weekdays instead of Saturday
// and Sunday, for countries whose weekend is Friday and Saturday.
func (c Calendar) WithWeekend(days ...time.Weekday) Calendar {
	c.weekend = [7]bool{}
	for _, d := range days {
		c.weekend[d%7] = true
	}
	c.weekendSet = true
	return c
}

// WithWorkingDays returns c with weekend days that are worked all the same
// (a Saturday worked in exchange for a bridge day off).
func (c Calendar) WithWorkingDays(days ...Holiday) Calendar {
	working := make(map[plan.Date]string, len(c.working)+len(days))
	for d, n := range c.working {
		working[d] = n
	}
	for _, h := range days {
		if _, ok := working[h.Date]; !ok {
			working[h.Date] = h.Name
		}
	}
	c.working = working
	return c
}

// isWeekend reports whether the weekday is a rest day of the week.
func (c Calendar) isWeekend(wd time.Weekday) bool {
	if !c.weekendSet {
		return wd == time.Saturday || wd == time.Sunday
	}
	return c.weekend[wd]
}

// IsWorkingDay reports whether d is a working day: a weekday that is no
// holiday, or a weekend day declared worked.
func (c Calendar) IsWorkingDay(d plan.Date) bool {
	if _, ok := c.working[d]; ok {
		return true
	}
	if _, ok := c.holidays[d]; ok {
		return false
	}
	return !c.isWeekend(d.Time().Weekday())
}

// HasHolidays reports whether any public holiday is configured; without
// one, deadlines skip weekends only, which pages point out.
func (c Calendar) HasHolidays() bool { return len(c.holidays) > 0 }

// Holidays lists the configured days off in date order.
func (c Calendar) Holidays() []Holiday {
	out := make([]Holiday, 0, len(c.holidays))
	for d, n := range c.holidays {
		out = append(out, Holiday{Date: d, Name: n})
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// HolidaysBetween lists the configured holidays after from and up to and
// including to that fall on what would otherwise be working days: the days
// a deadline over that span skipped besides weekends.
func (c Calendar) HolidaysBetween(from, to plan.Date) []Holiday {
	var out []Holiday
	for _, h := range c.Holidays() {
		if from.Before(h.Date) && !to.Before(h.Date) && !c.isWeekend(h.Date.Time().Weekday()) {
			if _, worked := c.working[h.Date]; !worked {
				out = append(out, h)
			}
		}
	}
	return out
}

// maxCalendarSteps bounds the days a count walks: a calendar listing every
// day as a holiday must not hang a request. A century of days is more than
// any legal deadline needs.
const maxCalendarSteps = 100 * 366

// AddWorkingDays returns the n-th working day after from: the last day of
// a period of n working days that starts the day after from, as deadlines
// "within n working days" of a letter are counted. The day from itself
// never counts, whether it is a working day or not. n <= 0 returns from.
func (c Calendar) AddWorkingDays(from plan.Date, n int) plan.Date {
	d := from
	for steps := 0; n > 0 && steps < maxCalendarSteps; steps++ {
		d = pwAddDays(d, 1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after from up to and including
// to; negative when to is before from (the working days after to up to and
// including from, negated). A deadline's day minus today's is how many
// working days are left; today's minus the deadline's is how many it was
// missed by.
func (c Calendar) WorkingDaysBetween(from, to plan.Date) int {
	sign := 1
	if to.Before(from) {
		from, to, sign = to, from, -1
	}
	n := 0
	for d, steps := from, 0; d.Before(to) && steps < maxCalendarSteps; steps++ {
		d = pwAddDays(d, 1)
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

// ParseCalendar reads a holidays file: one day per line as YYYY-MM-DD,
// optionally followed by its name; a day prefixed with "+" is a weekend day
// declared a working day. Blank lines and lines starting with # are
// ignored. A line that is not a real date is an error naming the line.
//
//	# Azerbaijan 2024, as decreed
//	2024-03-20 Novruz bayramı
//	+2024-12-28 Saturday worked for 31 December
func ParseCalendar(r io.Reader) (Calendar, error) {
	var holidays, working []Holiday
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a byte-order mark some editors write
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		worked := strings.HasPrefix(line, "+")
		line = strings.TrimPrefix(line, "+")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			return Calendar{}, fmt.Errorf("line %d: no day after +", n)
		}
		day, name := fields[0], strings.Join(fields[1:], " ")
		d, err := plan.ParseDate(day)
		if err != nil {
			return Calendar{}, fmt.Errorf("line %d: %q is not a day written YYYY-MM-DD", n, day)
		}
		h := Holiday{Date: d, Name: name}
		if worked {
			working = append(working, h)
		} else {
			holidays = append(holidays, h)
		}
	}
	if err := sc.Err(); err != nil {
		return Calendar{}, err
	}
	return NewCalendar(holidays...).WithWorkingDays(working...), nil
}

// LoadCalendar reads the holidays file at path (see ParseCalendar); an
// empty path is the zero Calendar, with weekends only.
func LoadCalendar(path string) (Calendar, error) {
	if path == "" {
		return Calendar{}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return Calendar{}, fmt.Errorf("holidays: %w", err)
	}
	defer f.Close()
	c, err := ParseCalendar(f)
	if err != nil {
		return Calendar{}, fmt.Errorf("holidays %s: %w", path, err)
	}
	return c, nil
}

// CalendarDay returns the calendar day of t in t's own location: callers pass a
// time in the platform's time zone, so that "today" is the day people
// there live in.
func CalendarDay(t time.Time) plan.Date {
	return plan.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// pwAddDays returns the day n days after d (before it when n < 0). The pw
// prefix marks the helpers of the platform's work (appeals, media,
// resources) apart from those of other files of the package.
func pwAddDays(d plan.Date, n int) plan.Date {
	return CalendarDay(d.Time().AddDate(0, 0, n))
}

package events

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ICalEvent is one event as the feed writes it: its title in the
// feed's language and its public address.
type ICalEvent struct {
	Event Event
	Title string
	URL   string
}

// ICal writes an RFC 5545 calendar of the events: CRLF line ends, text
// escaped (backslash, comma, semicolon, newline), lines folded at 75
// octets without splitting a UTF-8 character, and a UID per event that
// stays the same across fetches so that calendars update it rather than
// add it again. host names the installation in the UIDs; stamp is
// DTSTAMP, the feed's generation time, injected so that output is
// reproducible.
func ICal(host string, stamp time.Time, evs []ICalEvent) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(fold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//ogpp//events//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	for _, e := range evs {
		ev := e.Event
		line("BEGIN:VEVENT")
		line("UID:event-" + strconv.FormatInt(ev.ID, 10) + "@" + escapeText(host))
		line("DTSTAMP:" + icalTime(stamp))
		line("DTSTART:" + icalTime(ev.Start))
		end := ev.End
		if !end.After(ev.Start) {
			end = ev.Start.Add(time.Hour)
		}
		line("DTEND:" + icalTime(end))
		line("SUMMARY:" + escapeText(e.Title))
		loc := ev.Place
		if ev.Region != "" && ev.Region != ev.Place {
			if loc != "" {
				loc += ", "
			}
			loc += ev.Region
		}
		if loc != "" {
			line("LOCATION:" + escapeText(loc))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		switch ev.Status {
		case Cancelled:
			line("STATUS:CANCELLED")
		default:
			line("STATUS:CONFIRMED")
		}
		line("SEQUENCE:" + strconv.Itoa(max(ev.Version-1, 0)))
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}

func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}

// fold ends a content line with CRLF, folding it into lines of at most
// 75 octets, each continuation starting with a space.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}

// Package report generates ogpp's reports: the monitoring report of a plan
// in a round (PDF, XLSX, and a model the web layer prints as HTML) and the
// activity report of one of the platform's projects (PDF and a model for
// HTML). It lays out values the capabilities have already derived — every
// figure of a monitoring report comes from monitor.Summarise, as the round's
// dashboard does — and reads neither a database nor a request. Reports are
// written in the reader's language, with the labels of internal/i18n.
package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// labels translates the keys of one language.
type labels string

// T translates a key with arguments.
func (l labels) T(key string, args ...any) string { return i18n.T(string(l), key, args...) }

// Num writes a whole number the language's way.
func (l labels) Num(n int) string { return i18n.Number(string(l), n) }

// Date writes a calendar day the language's way; "" for none.
func (l labels) Date(d *plan.Date) string {
	if d == nil {
		return ""
	}
	return i18n.Date(string(l), d.Year, d.Month, d.Day)
}

// Day writes the calendar day of t in zone the language's way.
func (l labels) Day(t time.Time, zone *time.Location) string {
	t = t.In(zone)
	return i18n.Date(string(l), t.Year(), t.Month(), t.Day())
}

// Text picks a translatable field's text in the language, or the
// language it falls back to.
func (l labels) Text(t plan.Text) string { return t.In(string(l)).Value }

// Percent writes a percentage the language's way with at most one decimal,
// as the dashboard does: "33.3%", "33,3%", "33,3 %".
func (l labels) Percent(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	switch string(l) {
	case "az":
		return strings.Replace(s, ".", ",", 1) + "%"
	case "ru":
		return strings.Replace(s, ".", ",", 1) + "\u00a0%"
	}
	return s + "%"
}

// Zone is the time zone a report's date is written in: Azerbaijan's, as
// every date ogpp shows.
var Zone = time.FixedZone("+04", 4*3600)

// Package i18n holds ogpp's interface strings in Azerbaijani, English and
// Russian, picks the reader's language, formats numbers and dates per
// locale, and folds text for search the Azerbaijani way.
package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Default is the language of a reader who asked for none.
const Default = "az"

// Supported lists the interface languages in the order the switch shows them.
var Supported = []string{"az", "en", "ru"}

// Names are the languages' own names, for the switch.
var Names = map[string]string{"az": "Azərbaycanca", "en": "English", "ru": "Русский"}

// IsSupported reports whether lang is an interface language.
func IsSupported(lang string) bool {
	for _, l := range Supported {
		if l == lang {
			return true
		}
	}
	return false
}

// Negotiate picks the first supported language of an Accept-Language header,
// ignoring weights beyond their order (browsers list in preference order).
func Negotiate(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		base := strings.ToLower(strings.SplitN(tag, "-", 2)[0])
		if IsSupported(base) {
			return base
		}
	}
	return Default
}

// T returns the message key in lang, formatted with args as fmt.Sprintf
// does. A missing key shows itself, so that a gap is visible rather than
// silently empty; a test keeps the catalogs complete.
func T(lang, key string, args ...any) string {
	msg, ok := catalog[lang][key]
	if !ok {
		msg, ok = catalog["en"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// N returns the plural form of key for count n: the catalog holds key+".one"
// and key+".other" for every language (plural keys start with "count.") and, for Russian, key+".few" and
// key+".many" too (CLDR rules). %d in the message takes n, formatted.
func N(lang, key string, n int) string {
	form := pluralForm(lang, n)
	msg, ok := catalog[lang][key+"."+form]
	if !ok {
		msg, ok = catalog[lang][key+".other"]
	}
	if !ok {
		return key
	}
	return strings.ReplaceAll(msg, "%d", Number(lang, n))
}

func pluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	switch lang {
	case "ru":
		switch {
		case n%10 == 1 && n%100 != 11:
			return "one"
		case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
			return "few"
		default:
			return "many"
		}
	default: // az and en: one and other
		if n == 1 {
			return "one"
		}
		return "other"
	}
}

// Number formats an integer with the locale's digit grouping: 1,234 in
// English, 1.234 in Azerbaijani, 1 234 (no-break space) in Russian.
func Number(lang string, n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	switch lang {
	case "az":
		sep = "."
	case "ru":
		sep = "\u00a0"
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

var months = map[string][12]string{
	"az": {"yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
}

// Date formats a calendar day the way the locale writes it in prose:
// "5 mart 2017", "5 March 2017", "5 марта 2017".
func Date(lang string, year int, month time.Month, day int) string {
	names, ok := months[lang]
	if !ok {
		names = months["en"]
	}
	if month < 1 || month > 12 {
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
	return fmt.Sprintf("%d %s %d", day, names[month-1], year)
}

// Keys lists every message key of a language, for completeness tests.
func Keys(lang string) []string {
	out := make([]string, 0, len(catalog[lang]))
	for k := range catalog[lang] {
		out = append(out, k)
	}
	return out
}

// Has reports whether lang's catalog holds key, for messages chosen at run
// time that fall back to a general one when no specific one is written.
func Has(lang, key string) bool {
	_, ok := catalog[lang][key]
	return ok
}

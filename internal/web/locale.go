package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// langCookie keeps the reader's language between visits.
const langCookie = "lang"

// locale is the reader's language; templates call its methods, so that the
// templates are parsed once and still speak every language.
type locale struct {
	Lang string
}

// readerLang picks the language of a request: ?lang= first, then the cookie,
// then the browser's Accept-Language, then Azerbaijani.
func readerLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); i18n.IsSupported(l) {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && i18n.IsSupported(c.Value) {
		return c.Value
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// T translates an interface string.
func (l locale) T(key string, args ...any) string { return i18n.T(l.Lang, key, args...) }

// N translates a counted phrase with the plural form n needs.
func (l locale) N(key string, n int) string { return i18n.N(l.Lang, key, n) }

// Num formats a whole number the locale's way.
func (l locale) Num(n int) string { return i18n.Number(l.Lang, n) }

// Date formats an optional date, or returns "" for none.
func (l locale) Date(d *plan.Date) string {
	if d == nil {
		return ""
	}
	return i18n.Date(l.Lang, d.Year, d.Month, d.Day)
}

// Text renders user content in the reader's language. When only another
// language has it, the value is marked with its language (for screen readers
// and hyphenation) and a visible tag, so that nobody mistakes it for a
// translation.
func (l locale) Text(t plan.Text) template.HTML {
	loc := t.In(l.Lang)
	if !loc.Fallback {
		return template.HTML(html.EscapeString(loc.Value))
	}
	if loc.Value == "" {
		return template.HTML(`<span class="missing">` + html.EscapeString(l.T("text.missing")) + `</span>`)
	}
	tag := strings.ToUpper(loc.Lang)
	title := l.T("text.fallback", i18n.T(l.Lang, "lang."+loc.Lang))
	return template.HTML(`<span lang="` + html.EscapeString(loc.Lang) + `">` + html.EscapeString(loc.Value) +
		`</span> <abbr class="lang-tag" title="` + html.EscapeString(title) + `">` + html.EscapeString(tag) + `</abbr>`)
}

// Region names one of OGP's regions in the reader's language; a region the
// catalog does not know is shown as it is written.
func (l locale) Region(name string) string {
	key := "region." + strings.ToLower(strings.NewReplacer(" ", "_").Replace(name))
	if s := i18n.T(l.Lang, key); s != key {
		return s
	}
	return name
}

// Plain renders user content as plain text (for titles and attributes).
func (l locale) Plain(t plan.Text) string { return t.In(l.Lang).Value }

// IsFallback reports whether t is missing in the reader's language.
func (l locale) IsFallback(t plan.Text) bool { return t.In(l.Lang).Fallback }

// langLink is one entry of the language switch.
type langLink struct {
	Lang, Name, URL string
	Current         bool
}

// langLinks builds the switch: the same page in each language. The link
// carries ?lang=, which the middleware also keeps in a cookie.
func langLinks(r *http.Request, current string) []langLink {
	out := make([]langLink, 0, len(i18n.Supported))
	for _, l := range i18n.Supported {
		u := url.URL{Path: r.URL.Path}
		q := r.URL.Query()
		q.Set("lang", l)
		u.RawQuery = q.Encode()
		out = append(out, langLink{Lang: l, Name: i18n.Names[l], URL: u.String(), Current: l == current})
	}
	return out
}

// displayZone is the time zone times of day are shown in: Azerbaijan's,
// UTC+4 without daylight saving since 2016. A fixed zone needs no tz
// database on the server.
var displayZone = time.FixedZone("+04", 4*3600)

// Time formats an instant as a day and a time of day in displayZone, or ""
// for the zero time.
func (l locale) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(displayZone)
	return i18n.Date(l.Lang, t.Year(), t.Month(), t.Day()) + ", " + t.Format("15:04")
}

package notify

import (
	"bytes"
	"html/template"
	"strings"
	"time"

	"ogpp/internal/i18n"
)

// DigestSection is one topic's part of a digest.
type DigestSection struct {
	Heading string
	Entries []DigestEntry
}

// DigestEntry is one thing a digest tells of.
type DigestEntry struct {
	Title string
	// When is a date or a time as the subscriber reads it; may be empty.
	When    string
	Summary string
	URL     string
}

// mailView is what the HTML template of a mail receives.
type mailView struct {
	Lang, Site     string
	Intro          []string
	Action, Button string
	Sections       []DigestSection
	Footer         string
	Unsubscribe    string
	UnsubscribeTxt string
}

// mailHTML is the HTML alternative of every mail: plain markup that mail
// programs show as it is, escaped by html/template.
var mailHTML = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Site}}</title></head>
<body>
<p><strong>{{.Site}}</strong></p>
{{range .Intro}}<p>{{.}}</p>
{{end}}{{if .Action}}<p><a href="{{.Action}}">{{.Button}}</a></p>
{{end}}{{range .Sections}}<h2>{{.Heading}}</h2>
<ul>{{range .Entries}}<li><a href="{{.URL}}">{{.Title}}</a>{{if .When}} — {{.When}}{{end}}{{if .Summary}}<br>{{.Summary}}{{end}}</li>
{{end}}</ul>
{{end}}<hr>
<p>{{.Footer}}</p>
<p><a href="{{.Unsubscribe}}">{{.UnsubscribeTxt}}</a></p>
</body></html>
`))

// render writes the plain text and the HTML of a mail.
func (v mailView) render() (string, string) {
	var t strings.Builder
	t.WriteString(v.Site + "\n\n")
	for _, p := range v.Intro {
		t.WriteString(p + "\n\n")
	}
	if v.Action != "" {
		t.WriteString(v.Action + "\n\n")
	}
	for _, s := range v.Sections {
		t.WriteString(s.Heading + "\n" + strings.Repeat("=", len([]rune(s.Heading))) + "\n\n")
		for _, e := range s.Entries {
			t.WriteString("* " + e.Title)
			if e.When != "" {
				t.WriteString(" — " + e.When)
			}
			t.WriteString("\n")
			if e.Summary != "" {
				t.WriteString("  " + e.Summary + "\n")
			}
			t.WriteString("  " + e.URL + "\n\n")
		}
	}
	t.WriteString("-- \n" + v.Footer + "\n" + v.UnsubscribeTxt + ": " + v.Unsubscribe + "\n")
	var h bytes.Buffer
	if err := mailHTML.Execute(&h, v); err != nil {
		// Plain strings into a parsed template fail only when writing
		// fails, which a buffer does not.
		panic(err)
	}
	return t.String(), h.String()
}

// ComposeConfirmation writes the mail that asks to confirm a subscription
// to topic, in the subscription's language.
func ComposeConfirmation(sub Subscription, topic, confirmURL, unsubscribeURL string) Message {
	l := sub.Lang
	v := mailView{Lang: l, Site: i18n.T(l, "site.name"),
		Intro:  []string{i18n.T(l, "notify.confirm.intro", topic), i18n.T(l, "notify.confirm.days", int(ConfirmTTL/(24*time.Hour)))},
		Action: confirmURL, Button: i18n.T(l, "notify.confirm.button"),
		Footer: i18n.T(l, "notify.confirm.ignore"), Unsubscribe: unsubscribeURL, UnsubscribeTxt: i18n.T(l, "notify.unsubscribe")}
	text, html := v.render()
	return Message{To: sub.Email, Subject: i18n.T(l, "notify.confirm.subject", topic), Text: text, HTML: html, Unsubscribe: unsubscribeURL}
}

// ComposeDigest writes a digest of sections to a subscription to topic,
// in the subscription's language. Its subject names the first entry.
func ComposeDigest(sub Subscription, topic string, sections []DigestSection, unsubscribeURL string) Message {
	l := sub.Lang
	site := i18n.T(l, "site.name")
	v := mailView{Lang: l, Site: site, Intro: []string{i18n.T(l, "notify.digest.intro", topic)}, Sections: sections,
		Footer: i18n.T(l, "notify.digest.why", topic), Unsubscribe: unsubscribeURL, UnsubscribeTxt: i18n.T(l, "notify.unsubscribe")}
	n := 0
	first := ""
	for _, s := range sections {
		for _, e := range s.Entries {
			if n == 0 {
				first = e.Title
			}
			n++
		}
	}
	subject := site + ": " + first
	if n > 1 {
		subject += " " + i18n.T(l, "notify.digest.more", n-1)
	}
	text, html := v.render()
	return Message{To: sub.Email, Subject: subject, Text: text, HTML: html, Unsubscribe: unsubscribeURL}
}

package store

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"ogpp/internal/events"
	"ogpp/internal/plan"
	"ogpp/internal/search"
)

// SearchSources lists the public documents of the registry, the
// platform's projects and the events for the site-wide search. The
// library and the news contribute their own.
func (db *DB) SearchSources() []search.Source {
	return []search.Source{db.MeasureSearchDocuments, db.ActivitySearchDocuments, db.EventSearchDocuments}
}

// MeasureSearchDocuments lists every measure of a live plan: its clause and
// title, description, and the plan's title as its context.
func (db *DB) MeasureSearchDocuments(ctx context.Context) ([]search.Document, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT m.id, m.clause, m.title, m.description, p.title
		FROM measures m JOIN plans p ON p.id = m.plan_id
		WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY m.id`)
	if err != nil {
		return nil, fmt.Errorf("measures for search: %w", err)
	}
	defer rows.Close()
	var out []search.Document
	for rows.Next() {
		var id int64
		var clause, title, desc, ptitle string
		if err := rows.Scan(&id, &clause, &title, &desc, &ptitle); err != nil {
			return nil, fmt.Errorf("measures for search: %w", err)
		}
		t, err := parseTexts(title, desc, ptitle)
		if err != nil {
			return nil, fmt.Errorf("measures for search: measure %d: %w", id, err)
		}
		out = append(out, textDocument(search.KindMeasure, id, "/measures/"+strconv.FormatInt(id, 10), clause, t[2], t[0], t[1]))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("measures for search: %w", err)
	}
	return out, nil
}

// ActivitySearchDocuments lists every activity of a live project: its
// number and title, description, the titles of its tasks (which its page
// shows), and the project's title as its context.
func (db *DB) ActivitySearchDocuments(ctx context.Context) ([]search.Document, error) {
	tasks := map[int64][]plan.Text{}
	rows, err := db.read.QueryContext(ctx, `SELECT activity_id, title FROM project_tasks WHERE deleted_at IS NULL ORDER BY activity_id, position, id`)
	if err != nil {
		return nil, fmt.Errorf("activities for search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title string
		if err := rows.Scan(&id, &title); err != nil {
			return nil, fmt.Errorf("activities for search: %w", err)
		}
		t, err := parseText(title)
		if err != nil {
			return nil, fmt.Errorf("activities for search: %w", err)
		}
		tasks[id] = append(tasks[id], t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("activities for search: %w", err)
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT a.id, a.number, a.title, a.description, pr.title, a.updated_at
		FROM project_activities a JOIN projects pr ON pr.id = a.project_id
		WHERE a.deleted_at IS NULL AND pr.deleted_at IS NULL ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("activities for search: %w", err)
	}
	defer rows.Close()
	var out []search.Document
	for rows.Next() {
		var id int64
		var number, title, desc, ptitle, updated string
		if err := rows.Scan(&id, &number, &title, &desc, &ptitle, &updated); err != nil {
			return nil, fmt.Errorf("activities for search: %w", err)
		}
		t, err := parseTexts(title, desc, ptitle)
		if err != nil {
			return nil, fmt.Errorf("activities for search: activity %d: %w", id, err)
		}
		for lang, s := range t[1] {
			t[1][lang] = plainMarkdown(s)
		}
		body := append([]plan.Text{t[1]}, tasks[id]...)
		out = append(out, textDocument(search.KindActivity, id, "/activities/"+strconv.FormatInt(id, 10), number, t[2], t[0], body...))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("activities for search: %w", err)
	}
	return out, nil
}

// EventSearchDocuments lists every event that is not deleted: its title,
// place, region, agenda and partners, dated by its start. Participants
// are never part of it.
func (db *DB) EventSearchDocuments(ctx context.Context) ([]search.Document, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, title, starts_at, place, region, agenda, partners
		FROM events WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("events for search: %w", err)
	}
	defer rows.Close()
	var out []search.Document
	for rows.Next() {
		var id int64
		var title, start, place, region, agendaJSON, partnersJSON string
		if err := rows.Scan(&id, &title, &start, &place, &region, &agendaJSON, &partnersJSON); err != nil {
			return nil, fmt.Errorf("events for search: %w", err)
		}
		t, err := parseText(title)
		if err != nil {
			return nil, fmt.Errorf("events for search: event %d: %w", id, err)
		}
		var agenda []events.AgendaItem
		var partners []events.Partner
		if err := json.Unmarshal([]byte(agendaJSON), &agenda); err != nil {
			return nil, fmt.Errorf("events for search: event %d: agenda: %w", id, err)
		}
		if err := json.Unmarshal([]byte(partnersJSON), &partners); err != nil {
			return nil, fmt.Errorf("events for search: event %d: partners: %w", id, err)
		}
		// Place, agenda and partners are typed as written, in no one
		// language: they go with every language of the title.
		var words []string
		for _, s := range []string{place, region} {
			if s != "" {
				words = append(words, s)
			}
		}
		for _, a := range agenda {
			words = append(words, strings.TrimSpace(a.Title+" "+a.Speaker))
		}
		for _, p := range partners {
			words = append(words, p.Name)
		}
		d := textDocument(search.KindEvent, id, "/events/"+strconv.FormatInt(id, 10), "", nil, t, everyLanguage(t, strings.Join(words, " · ")))
		startAt, err := parseTime(start)
		if err != nil {
			return nil, fmt.Errorf("events for search: event %d: %w", id, err)
		}
		d.Date = startAt.In(events.Zone)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events for search: %w", err)
	}
	return out, nil
}

// parseTexts parses several stored translatable fields.
func parseTexts(stored ...string) ([]plan.Text, error) {
	out := make([]plan.Text, len(stored))
	for i, s := range stored {
		t, err := parseText(s)
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// everyLanguage gives s in each language of like (Azerbaijani when like
// has none), for text written in no particular language.
func everyLanguage(like plan.Text, s string) plan.Text {
	if s == "" {
		return nil
	}
	out := plan.Text{}
	for l := range like {
		out[l] = s
	}
	if len(out) == 0 {
		out["az"] = s
	}
	return out
}

// textDocument makes a search document of translatable fields. Its own
// language is Azerbaijani when the title has it, else the first language
// the title has; each other language becomes a translation. The title is
// prefix (a clause or number) and the title; the body is the other parts
// in the same language, one per line; the context (where the thing
// belongs) is in that language when it has it.
func textDocument(kind search.Kind, id int64, url, prefix string, context, title plan.Text, body ...plan.Text) search.Document {
	var langs []string
	for _, l := range plan.Languages {
		has := title[l] != ""
		for _, b := range body {
			has = has || b[l] != ""
		}
		if has {
			langs = append(langs, l)
		}
	}
	primary := ""
	for _, l := range plan.Languages {
		if title[l] != "" {
			primary = l
			break
		}
	}
	if primary == "" && len(langs) > 0 {
		primary = langs[0]
	}
	in := func(l string) (string, string) {
		t := title[l]
		if prefix != "" && t != "" {
			t = prefix + " " + t
		}
		var lines []string
		for _, b := range body {
			if s := strings.TrimSpace(b[l]); s != "" {
				lines = append(lines, sentence(s))
			}
		}
		return t, strings.Join(lines, "\n")
	}
	d := search.Document{Kind: kind, ID: id, URL: url, Lang: primary, Context: context.In(primary).Value}
	d.Title, d.Body = in(primary)
	if d.Title == "" {
		// Neither title nor body in a known language: the page shows the
		// title in whatever language it has.
		loc := title.In("az")
		d.Title, d.Lang = strings.TrimSpace(prefix+" "+loc.Value), loc.Lang
	}
	for _, l := range langs {
		if l == primary {
			continue
		}
		t, b := in(l)
		d.Translations = append(d.Translations, search.Translation{Lang: l, Title: t, Body: b, Context: context.In(l).Value})
	}
	return d
}

// sentence ends s with a full stop unless it ends with punctuation
// already: the parts of a body (a description, a task's title, the plan's
// title) then read apart in a snippet, where line breaks are spaces.
func sentence(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsPunct(r) {
		return s
	}
	return s + "."
}

// markdownMarks are the characters of markdown's syntax that a snippet
// would show as they are.
var markdownMarks = regexp.MustCompile("(?m)^\\s{0,3}(#{1,6}|>|[-*+]|\\d+[.)])\\s+|[*_`~]{1,3}|!?\\[([^\\]]*)\\]\\([^)]*\\)")

// plainMarkdown strips the common marks of markdown from s, keeping the
// words (and a link's text, without its address), for snippets.
func plainMarkdown(s string) string {
	return markdownMarks.ReplaceAllStringFunc(s, func(m string) string {
		if i := strings.Index(m, "]("); i >= 0 {
			return m[strings.Index(m, "[")+1 : i]
		}
		return ""
	})
}

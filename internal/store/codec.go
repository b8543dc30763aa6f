package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// timeLayout is the one way times are stored: UTC, RFC 3339, milliseconds.
// Text in this shape sorts chronologically in both dialects.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// textJSON encodes a translatable field for its column.
func textJSON(t plan.Text) string {
	t = t.Clean()
	if t == nil {
		return "{}"
	}
	b, _ := json.Marshal(t) // a map of strings always marshals
	return string(b)
}

func parseText(s string) (plan.Text, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var t plan.Text
	if err := json.Unmarshal([]byte(s), &t); err != nil {
		return nil, fmt.Errorf("stored text %q: %w", s, err)
	}
	return t.Clean(), nil
}

// dateValue stores an optional date as YYYY-MM-DD or NULL.
func dateValue(d *plan.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func parseDate(ns sql.NullString) (*plan.Date, error) {
	if !ns.Valid || ns.String == "" {
		return nil, nil
	}
	d, err := plan.ParseDate(ns.String)
	if err != nil {
		return nil, fmt.Errorf("stored date %q: %w", ns.String, err)
	}
	return &d, nil
}

func parsePeriod(text string, start, end sql.NullString) (plan.Period, error) {
	p := plan.Period{Text: text}
	var err error
	if p.Start, err = parseDate(start); err != nil {
		return p, err
	}
	p.End, err = parseDate(end)
	return p, err
}

// searchIndex is what a search matches against: Azerbaijani text folded
// by Azerbaijani rules (İ→i, I→ı) in one column, every other translation
// folded by its own language's rules in another. Kept apart, "ICTIMAI"
// (ıctımaı in Azerbaijani) does not find "İctimai", while "INFORMATION"
// still finds English "Information".
type searchIndex struct {
	az, intl string
}

// searchText builds the index of the given fields; plain strings (clause
// numbers, ids) go into both columns.
func searchText(parts ...any) searchIndex {
	var az, intl []string
	for _, p := range parts {
		switch v := p.(type) {
		case plan.Text:
			for _, l := range sortedKeys(v) {
				if l == "az" {
					az = append(az, i18n.Fold(v[l]))
				} else {
					intl = append(intl, i18n.FoldIn(l, v[l]))
				}
			}
		case string:
			if v != "" {
				az = append(az, i18n.Fold(v))
				intl = append(intl, i18n.FoldIn("en", v))
			}
		}
	}
	return searchIndex{az: strings.Join(az, " "), intl: strings.Join(intl, " ")}
}

func sortedKeys(t plan.Text) []string {
	keys := make([]string, 0, len(t))
	for _, l := range plan.Languages {
		if t[l] != "" {
			keys = append(keys, l)
		}
	}
	for k, v := range t {
		if v != "" && k != "az" && k != "en" && k != "ru" {
			keys = append(keys, k)
		}
	}
	return keys
}

// contentHash fingerprints what an import would write, so that re-importing
// unchanged content writes nothing.
func contentHash(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("content hash: %v", err)) // only plain data reaches here
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// likePattern turns a folded search word into a LIKE pattern matching it
// anywhere, escaping LIKE's own wildcards.
func likePattern(word string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(word) + "%"
}

// searchWord is one word of a query in the two forms the two index
// columns hold.
type searchWord struct {
	az, intl string
}

// maxSearchWords bounds how many words of a query are matched.
const maxSearchWords = 12

// searchWords splits a query into words folded for each index column.
func searchWords(q string) []searchWord {
	var out []searchWord
	fields := strings.Fields(q)
	if len(fields) > maxSearchWords {
		// Every word is a condition on every row: bound the work a query can ask for.
		fields = fields[:maxSearchWords]
	}
	for _, w := range fields {
		out = append(out, searchWord{az: i18n.Fold(w), intl: i18n.FoldIn("en", w)})
	}
	return out
}

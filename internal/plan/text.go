package plan

import (
	"encoding/json"
	"sort"

	"ogpp/internal/i18n"
)

// Languages are the UI languages ogpp speaks, in the order used when a
// translation is missing: the reader's own first, then these in turn.
var Languages = []string{"az", "en", "ru"}

// Text is a user-content field that may carry a translation per language
// (keys "az", "en", "ru"). Empty values are treated as missing.
type Text map[string]string

// Localized is a Text resolved for one reader: the value to show and the
// language it is in, which differs from the wanted one when it fell back.
type Localized struct {
	Value string
	Lang  string
	// Fallback is true when Value is not in the language that was asked for,
	// so that a page can say so instead of passing it off as a translation.
	Fallback bool
}

// In resolves t for a reader of lang, falling back to the other languages.
func (t Text) In(lang string) Localized {
	if v := t[lang]; v != "" {
		return Localized{Value: v, Lang: lang}
	}
	for _, l := range Languages {
		if v := t[l]; v != "" {
			return Localized{Value: v, Lang: l, Fallback: true}
		}
	}
	// A language outside the UI set (content imported in Spanish, say).
	keys := make([]string, 0, len(t))
	for k, v := range t {
		if v != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return Localized{}
	}
	sort.Strings(keys)
	return Localized{Value: t[keys[0]], Lang: keys[0], Fallback: true}
}

// String returns the value a reader of no particular language sees (English
// first, as the lingua franca of OGP's own data).
func (t Text) String() string {
	if v := t["en"]; v != "" {
		return v
	}
	return t.In("az").Value
}

// IsEmpty reports whether no language has a value.
func (t Text) IsEmpty() bool {
	for _, v := range t {
		if v != "" {
			return false
		}
	}
	return true
}

// Clean returns t without empty values, or nil when none is left, so that
// stored and exported forms of the same content are identical.
func (t Text) Clean() Text {
	var out Text
	for k, v := range t {
		if v == "" {
			continue
		}
		if out == nil {
			out = Text{}
		}
		out[k] = v
	}
	return out
}

// EN is a shorthand for a Text known only in English.
func EN(s string) Text {
	if s == "" {
		return nil
	}
	return Text{"en": s}
}

// Key is the text's identity for matching, as imports match organisations
// by name: its primary value (see String) lowered by the rules of the
// language it is written in, so that "MINISTRY OF JUSTICE" and "Ministry of
// Justice" are one body while Azerbaijani I and İ keep their own lower cases.
func (t Text) Key() string {
	lang := "en"
	v := t["en"]
	if v == "" {
		loc := t.In("az")
		lang, v = loc.Lang, loc.Value
	}
	return i18n.FoldIn(lang, v)
}

// MarshalJSON writes a Text as an object even when it has no value, so that
// API readers always find {} rather than null where a text may be.
func (t Text) MarshalJSON() ([]byte, error) {
	if t == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(map[string]string(t))
}

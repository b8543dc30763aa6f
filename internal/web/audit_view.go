package web

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// auditEntryView is one audit entry as the history tab and the log browser
// show it: every string already in the reader's language.
type auditEntryView struct {
	L       locale
	Seq     int64
	SeqText string // Seq as the locale writes numbers
	When    string // the time in displayZone, as the locale writes it
	WhenISO string // the same instant for <time datetime>
	Who     string // the actor's name, or ogpp itself for a command
	// WhoDetail is the email the entry recorded, shown beside a name
	// looked up from the accounts; empty when Who is it already.
	WhoDetail   string
	Action      audit.Action
	ActionLabel string
	EntityType  string
	TypeLabel   string
	EntityID    string
	EntityName  string // as the entry's record names it
	// EntityURL is the entity's page while it exists; HistoryURL its
	// history tab, for the types that have one. Gone says the entity has a
	// page no longer: it is deleted.
	EntityURL, HistoryURL string
	Gone                  bool
	Changes               []changeView
	// Unreadable says the recorded values could not be compared (the
	// entry was written by hand, or by a newer ogpp).
	Unreadable bool
	// Open shows the changes at once rather than folded in a <details>;
	// ShowEntity names the entity (the log browser lists many).
	Open, ShowEntity bool
}

// ChangeCount is how many fields the entry changed, for the log browser's
// summary line.
func (e auditEntryView) ChangeCount() int { return len(e.Changes) }

// changeView is one changed field of an entry.
type changeView struct {
	Label string // "Title (English)", "Executor 1: role"
	Kind  string // "added", "removed" or "changed"
	// Old and New are the values as a reader reads them; "" on the side
	// where the field is absent.
	Old, New string
	// OldParts and NewParts mark up a long text word by word (removed on
	// the old side, added on the new); nil for short values.
	OldParts, NewParts []wordPart
}

// Long reports whether the change is shown word by word.
func (c changeView) Long() bool { return c.OldParts != nil || c.NewParts != nil }

// longText is how long a text must be, in characters, before a change to
// it is shown word by word rather than as old and new side by side.
const longText = 80

// auditViewer turns entries into views for one request, remembering what
// it looked up (account names, whether entities still exist) so that a
// page of entries by the same few people costs a few queries.
type auditViewer struct {
	s      *Server
	ctx    context.Context
	l      locale
	names  map[int64]string
	exists map[string]entityState
}

func (s *Server) newAuditViewer(ctx context.Context, l locale) *auditViewer {
	return &auditViewer{s: s, ctx: ctx, l: l, names: map[int64]string{}, exists: map[string]entityState{}}
}

// views renders entries in order.
func (v *auditViewer) views(entries []audit.Entry) []auditEntryView {
	out := make([]auditEntryView, 0, len(entries))
	for _, e := range entries {
		out = append(out, v.view(e))
	}
	return out
}

func (v *auditViewer) view(e audit.Entry) auditEntryView {
	l := v.l
	ev := auditEntryView{L: l, Seq: e.Seq, SeqText: l.Num(int(e.Seq)), Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID,
		ActionLabel: auditActionLabel(l, e.Action), TypeLabel: auditTypeLabel(l, e.EntityType)}
	if !e.At.IsZero() {
		ev.When, ev.WhenISO = l.Time(e.At), e.At.UTC().Format(time.RFC3339)
	}
	ev.Who, ev.WhoDetail = v.actor(e.Actor)
	ev.EntityName = recordName(l, e.EntityType, e.After)
	if ev.EntityName == "" {
		ev.EntityName = recordName(l, e.EntityType, e.Before)
	}
	ev.EntityURL, ev.HistoryURL, ev.Gone = v.links(e.EntityType, e.EntityID)
	changes, err := audit.Diff(e.Before, e.After)
	if err != nil {
		ev.Unreadable = true
		return ev
	}
	for _, c := range changes {
		ev.Changes = append(ev.Changes, changeOf(l, e.EntityType, c))
	}
	return ev
}

// listAuditPage reads page n (from 1) of the entries f selects, per to a
// page, and returns them with the total and the page read: a page past the
// end reads as the last one, so that a link from before entries moved
// still lists some.
func (s *Server) listAuditPage(ctx context.Context, f audit.Filter, n, per int) ([]audit.Entry, int, int, error) {
	f.Limit, f.Offset = per, (n-1)*per
	entries, total, err := s.audit.ListAudit(ctx, f)
	if err != nil || len(entries) > 0 || total == 0 {
		return entries, total, n, err
	}
	n = (total + per - 1) / per
	f.Offset = (n - 1) * per
	entries, total, err = s.audit.ListAudit(ctx, f)
	return entries, total, n, err
}

// auditActionLabel names an action; one ogpp does not know yet shows as
// stored.
func auditActionLabel(l locale, a audit.Action) string {
	if key := "audit.action." + string(a); i18n.Has(l.Lang, key) {
		return l.T(key)
	}
	return string(a)
}

// auditTypeLabel names an entity type, as auditActionLabel does.
func auditTypeLabel(l locale, t string) string {
	if key := "audit.type." + t; i18n.Has(l.Lang, key) {
		return l.T(key)
	}
	return t
}

// actor names who made a change. A user is named as their account now
// reads when the server has accounts, with the email the entry recorded
// beside it; ogpp itself is "ogpp (import)" and the like.
func (v *auditViewer) actor(a audit.Actor) (name, detail string) {
	l := v.l
	if a.IsSystem() {
		cmd := strings.TrimPrefix(a.Name, "system:")
		switch key := "audit.actor.system." + cmd; {
		case cmd == "ogpp" || cmd == "":
			return "ogpp", ""
		case i18n.Has(l.Lang, key):
			return l.T("audit.actor.system", l.T(key)), ""
		default:
			return l.T("audit.actor.command", cmd), ""
		}
	}
	if a.UserID == 0 || v.s.accounts == nil {
		return a.Name, ""
	}
	n, ok := v.names[a.UserID]
	if !ok {
		// An account that is gone, or a failing lookup, leaves the name the
		// entry recorded: the page still says who it was.
		if u, err := v.s.accounts.User(v.ctx, a.UserID); err == nil {
			n = u.Name
		}
		v.names[a.UserID] = n
	}
	if n == "" || n == a.Name {
		return a.Name, ""
	}
	return n, a.Name
}

// links returns the page and the history tab of an entity while it exists,
// and whether an entity that has a page is gone; a deleted measure,
// organisation, library document or news item keeps its history tab.
func (v *auditViewer) links(entityType, id string) (page, history string, gone bool) {
	var base string
	switch entityType {
	case audit.EntityMeasure:
		base = "/measures/"
	case audit.EntityOrganisation:
		base = "/organisations/"
	case audit.EntityPlan:
		base = "/plans/"
	case library.EntityDocument:
		base = "/library/"
	case news.EntityNews:
		base = "/news/"
	default:
		return "", "", false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return "", "", false
	}
	if entityType != audit.EntityPlan {
		history = base + id + "/history"
	}
	key := entityType + "/" + id
	state, ok := v.exists[key]
	if !ok {
		var err error
		switch entityType {
		case audit.EntityMeasure:
			_, err = v.s.reg.GetMeasure(v.ctx, id)
		case audit.EntityOrganisation:
			_, err = v.s.reg.GetOrganisation(v.ctx, n)
		case audit.EntityPlan:
			_, err = v.s.reg.GetPlan(v.ctx, id)
		case library.EntityDocument, news.EntityNews:
			_, _, err = v.s.portalHistoryName(v.ctx, entityType, n)
		}
		// A lookup that fails for another reason than absence only costs
		// the link: the page does not call a live entity deleted.
		switch {
		case err == nil:
			state = entityLive
		case errors.Is(err, plan.ErrNotFound):
			state = entityGone
		}
		v.exists[key] = state
	}
	if state == entityLive {
		page = base + id
	}
	return page, history, state == entityGone
}

// entityState is what the log browser knows of an entity an entry names.
type entityState int8

const (
	entityUnknown entityState = iota // the lookup failed
	entityLive
	entityGone // deleted, or never there
)

// recordName names the entity a record describes, in the reader's
// language: a measure by clause and title, an organisation by name, a user
// by name. "" when the record does not say.
func recordName(l locale, entityType string, raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var r struct {
		Clause string    `json:"clause"`
		Number string    `json:"number"`
		Title  plan.Text `json:"title"`
		Name   any       `json:"name"`
		Email  string    `json:"email"`
	}
	if json.Unmarshal(raw, &r) != nil {
		return ""
	}
	var name string
	switch n := r.Name.(type) {
	case string:
		name = n // a user's
	case map[string]any:
		t := plan.Text{}
		for k, v := range n {
			if s, ok := v.(string); ok {
				t[k] = s
			}
		}
		name = l.Plain(t)
	}
	switch entityType {
	case audit.EntityMeasure:
		return strings.TrimSpace(r.Clause + " " + l.Plain(r.Title))
	case audit.EntityArea:
		return strings.TrimSpace(r.Number + " " + l.Plain(r.Title))
	case audit.EntityUser:
		if name == "" {
			return r.Email
		}
		return name
	}
	if t := l.Plain(r.Title); t != "" {
		return t
	}
	return name
}

// changeOf renders one field's change of an entity of the type.
func changeOf(l locale, entityType string, c audit.Change) changeView {
	segs := parseAuditPath(c.Path)
	cv := changeView{Label: auditPathLabel(l, entityType, segs), Kind: c.Kind(), Old: auditValue(l, segs, c.Old), New: auditValue(l, segs, c.New)}
	if cv.Kind == "changed" && isJSONString(c.Old) && isJSONString(c.New) &&
		(isLong(cv.Old) || isLong(cv.New)) {
		cv.OldParts, cv.NewParts = wordDiff(cv.Old, cv.New)
	}
	return cv
}

func isJSONString(raw json.RawMessage) bool { return len(raw) > 0 && raw[0] == '"' }

func isLong(s string) bool {
	return utf8.RuneCountInString(s) > longText || strings.ContainsAny(s, "\n\r")
}

// pathSeg is one step of a change's path: an object key or a list index.
type pathSeg struct {
	Key     string
	Index   int
	IsIndex bool
}

// parseAuditPath splits a path as audit.Diff writes it ("executors[0].role",
// `tags["a.b"]`) into its steps. Text it cannot read becomes one key, so
// that the label shows it as it is.
func parseAuditPath(path string) []pathSeg {
	var segs []pathSeg
	rest := path
	for rest != "" {
		switch {
		case rest[0] == '.':
			rest = rest[1:]
		case strings.HasPrefix(rest, `["`):
			end := closingQuote(rest[1:])
			if end < 0 {
				return []pathSeg{{Key: path}}
			}
			key, err := strconv.Unquote(rest[1 : end+2])
			if err != nil || len(rest) < end+3 || rest[end+2] != ']' {
				return []pathSeg{{Key: path}}
			}
			segs = append(segs, pathSeg{Key: key})
			rest = rest[end+3:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			n, err := strconv.Atoi(rest[1:max(end, 1)])
			if end < 0 || err != nil || n < 0 {
				return []pathSeg{{Key: path}}
			}
			segs = append(segs, pathSeg{Index: n, IsIndex: true})
			rest = rest[end+1:]
		default:
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			segs = append(segs, pathSeg{Key: rest[:end]})
			rest = rest[end:]
		}
	}
	return segs
}

// closingQuote returns the index in s (which starts with a quote) of the
// quote that ends it, skipping escaped ones; -1 when there is none.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// translatable lists the record fields that hold a text per language, whose
// last step is a language code rather than a field.
var translatable = map[string]bool{"title": true, "description": true, "indicator": true, "name": true, "note": true}

// auditPathLabel turns a path into words: "title.en" is "Title (English)",
// "executors[0].role" is "Executor 1: role", "milestones[1].title.az" is
// "Milestone 2: title (Azerbaijani)". A field the catalog does not name is
// shown by its key; a top-level field may be named apart for one entity
// type (a user's "name" is a person's, not an organisation's).
func auditPathLabel(l locale, entityType string, segs []pathSeg) string {
	var parts []string
	for i := 0; i < len(segs); i++ {
		sg := segs[i]
		switch {
		case sg.IsIndex:
			parts = append(parts, strconv.Itoa(sg.Index+1))
		case i+1 < len(segs) && segs[i+1].IsIndex:
			n := segs[i+1].Index + 1
			if key := "audit.item." + sg.Key; i18n.Has(l.Lang, key) {
				parts = append(parts, l.T(key, n))
			} else {
				parts = append(parts, auditFieldLabel(l, "", sg.Key)+" "+strconv.Itoa(n))
			}
			i++
		case i == len(segs)-1 && i > 0 && !segs[i-1].IsIndex && translatable[segs[i-1].Key] && isLangCode(sg.Key):
			last := len(parts) - 1
			parts[last] = l.T("audit.path.lang", parts[last], auditLangLabel(l, sg.Key))
		case i == 0:
			parts = append(parts, auditFieldLabel(l, entityType, sg.Key))
		default:
			parts = append(parts, auditFieldLabel(l, "", sg.Key))
		}
	}
	if len(parts) == 0 {
		return capitalise(l.Lang, l.T("audit.field.value"))
	}
	return capitalise(l.Lang, strings.Join(parts, ": "))
}

func auditFieldLabel(l locale, entityType, key string) string {
	if k := "audit.field." + entityType + "." + key; entityType != "" && i18n.Has(l.Lang, k) {
		return l.T(k)
	}
	if k := "audit.field." + key; i18n.Has(l.Lang, k) {
		return l.T(k)
	}
	return key
}

func auditLangLabel(l locale, code string) string {
	if k := "audit.lang." + code; i18n.Has(l.Lang, k) {
		return l.T(k)
	}
	return code
}

// isLangCode reports whether s looks like a language code (two or three
// small letters), as the keys of a translatable field are.
func isLangCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// capitalise upper-cases the first letter the language's way: Azerbaijani
// "i" becomes "İ".
func capitalise(lang, s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if lang == "az" && r == 'i' {
		return "İ" + s[n:]
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// auditValue writes a recorded value for a reader: a text as itself, an
// enumeration (a role, an organisation's kind, an OGP value) by its name in
// the reader's language, a date as the locale writes it, yes or no; ""
// when the field is absent.
func auditValue(l locale, segs []pathSeg, raw json.RawMessage) string {
	if raw == nil {
		return ""
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	field := ""
	for i := len(segs) - 1; i >= 0; i-- {
		if !segs[i].IsIndex {
			field = segs[i].Key
			break
		}
	}
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return l.T("audit.yes")
		}
		return l.T("audit.no")
	case string:
		prefix := map[string]string{"role": "role.", "kind": "orgkind.", "values": "value."}[field]
		if prefix != "" && i18n.Has(l.Lang, prefix+x) {
			return l.T(prefix + x)
		}
		if field == "start" || field == "end" {
			if d, err := plan.ParseDate(x); err == nil {
				return l.Date(&d)
			}
		}
		return x
	}
	return string(raw)
}

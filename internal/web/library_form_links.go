package web

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/drafts"
	"ogpp/internal/events"
	"ogpp/internal/library"
	"ogpp/internal/plan"
)

// The document form's ties are chosen from lists: the platform's
// activities, its events and drafts as checkboxes, the plan's measures
// through the measure picker the event form uses. An id the lists no
// longer hold (a thing since deleted) stays offered, checked, so that
// saving drops nothing silently.

// maxEventChoices bounds the events offered, newest first.
const maxEventChoices = 300

// documentLinksView is what the document form offers for its ties.
type documentLinksView struct {
	Activities, Events, Drafts choiceList
	Measures                   measurePicker
}

// choiceList is a fieldset of checkboxes posting ids under Name.
type choiceList struct {
	L       locale
	Name    string
	Legend  string
	Error   string
	Options []choiceOption
}

// postedIDs joins the values a checkbox list posts under name into the
// comma-separated form the document's fields hold.
func postedIDs(form url.Values, name string) string {
	var parts []string
	for _, v := range form[name] {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// idsOf reads the ids a field holds, skipping what is not one.
func idsOf(values map[string]string, name string) []int64 {
	var out []int64
	for _, part := range splitIDs(values[name]) {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// checkboxes lists the offered things, checking the chosen ones and
// adding any chosen id the offer lacks.
func checkboxes(l locale, offered []choiceOption, chosen []int64, unknown string) []choiceOption {
	seen := map[string]bool{}
	for i := range offered {
		id, _ := strconv.ParseInt(offered[i].ID, 10, 64)
		offered[i].Checked = slices.Contains(chosen, id)
		seen[offered[i].ID] = true
	}
	for _, id := range chosen {
		ref := strconv.FormatInt(id, 10)
		if !seen[ref] {
			offered = append(offered, choiceOption{ID: ref, Label: l.T(unknown, ref), Checked: true})
		}
	}
	return offered
}

// documentLinks builds the ties' lists from the form's values.
func (s *Server) documentLinks(ctx context.Context, l locale, values map[string]string) (documentLinksView, error) {
	var v documentLinksView
	idx, err := s.outreachActivities(ctx)
	if err != nil {
		return v, err
	}
	var acts []choiceOption
	for _, a := range idx.list {
		acts = append(acts, choiceOption{ID: strconv.FormatInt(a.ID, 10), Label: strings.TrimSpace(a.Number + " " + l.Plain(a.Title))})
	}
	v.Activities = choiceList{L: l, Name: string(library.TargetActivity), Legend: l.T("library.field.activity"),
		Options: checkboxes(l, acts, idsOf(values, string(library.TargetActivity)), "library.choice.unknown")}
	var evs []choiceOption
	if s.events != nil {
		list, err := s.events.ListEvents(ctx, events.Filter{})
		if err != nil {
			return v, err
		}
		for i, e := range list {
			if i == maxEventChoices {
				break
			}
			evs = append(evs, choiceOption{ID: strconv.FormatInt(e.ID, 10), Label: l.DayOf(dayOf(e.Start.In(events.Zone))) + " · " + l.Plain(e.Title)})
		}
	}
	v.Events = choiceList{L: l, Name: string(library.TargetEvent), Legend: l.T("library.field.event"),
		Options: checkboxes(l, evs, idsOf(values, string(library.TargetEvent)), "library.choice.unknown")}
	var drs []choiceOption
	if s.drafts != nil {
		list, err := s.drafts.ListDrafts(ctx, drafts.DraftFilter{})
		if err != nil {
			return v, err
		}
		for _, d := range list {
			drs = append(drs, choiceOption{ID: strconv.FormatInt(d.ID, 10), Label: l.Plain(d.Title)})
		}
	}
	v.Drafts = choiceList{L: l, Name: string(library.TargetDraft), Legend: l.T("library.field.draft"),
		Options: checkboxes(l, drs, idsOf(values, string(library.TargetDraft)), "library.choice.unknown")}
	v.Measures, err = s.measurePicker(ctx, l, string(library.TargetMeasure), idsOf(values, string(library.TargetMeasure)), values["plan"])
	return v, err
}

// dayOf is the calendar day of t where t is told.
func dayOf(t time.Time) plan.Date {
	return plan.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

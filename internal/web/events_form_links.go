package web

import (
	"context"
	"errors"
	"slices"
	"strconv"

	"ogpp/internal/plan"
)

// The event form's links: the activity is chosen from the platform's
// activities and the measures from a checkbox list of one plan's
// measures. Pages work without JavaScript, so choosing another plan is a
// button that shows the form again with that plan's measures and
// everything typed kept, saving nothing.

// maxPlanMeasures bounds the checkbox list; no action plan comes near it.
const maxPlanMeasures = 500

// eventLinksView is what the form offers for the links.
type eventLinksView struct {
	Activity outreachActivityField
	Measures measurePicker
}

// measurePicker offers a form's linked measures as a checkbox list of one
// plan's measures, with a plan select and a button that shows another
// plan's; the event and library forms use it.
type measurePicker struct {
	L locale
	// Name is the form field the checkboxes post.
	Name   string
	Plans  []eventPlanOption
	PlanID string
	// Measures are the chosen plan's measures; Others the linked measures
	// of other plans, shown checked so that changing plans drops none.
	Measures, Others []choiceOption
}

// eventPlanOption is a plan of the plan select.
type eventPlanOption struct {
	ID    string
	Label string
}

// choiceOption is one thing a form offers as a checkbox: a measure, an
// activity, an event or a draft.
type choiceOption struct {
	ID      string
	Label   string
	Checked bool
}

// eventMeasureIDs reads the values of the form's "measures" field.
func eventMeasureIDs(values map[string]string) []int64 {
	var out []int64
	for _, part := range splitIDs(values["measures"]) {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil && id > 0 {
			out = append(out, id)
		}
	}
	return out
}

// splitIDs splits a comma-separated list of ids.
func splitIDs(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' || s[i] == ' ' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// eventMeasureLabel names a measure by its clause and title.
func eventMeasureLabel(l locale, m plan.Measure) string {
	label := l.Plain(m.Title)
	if m.Clause != "" {
		label = m.Clause + " " + label
	}
	return label
}

// eventLinks builds the link fields from the form's values: the plan the
// "plan" value names, else the plan of the first linked measure, else the
// only plan there is.
func (s *Server) eventLinks(ctx context.Context, l locale, values map[string]string, errs []fieldError) (eventLinksView, error) {
	var v eventLinksView
	idx, err := s.outreachActivities(ctx)
	if err != nil {
		return v, err
	}
	v.Activity = outreachActivityField{L: l, Options: idx.options(l, values["activity"]), Value: values["activity"], Error: errorFor(errs, "activity")}
	if len(idx.list) == 0 {
		v.Activity.Options = nil
	}
	v.Measures, err = s.measurePicker(ctx, l, "measures", eventMeasureIDs(values), values["plan"])
	return v, err
}

// measurePicker builds the measure checkboxes of a form whose name field
// holds the chosen measures: the plan planValue names, else the plan of
// the first chosen measure, else the only plan there is.
func (s *Server) measurePicker(ctx context.Context, l locale, name string, chosen []int64, planValue string) (measurePicker, error) {
	v := measurePicker{L: l, Name: name}
	if s.reg == nil {
		return v, nil
	}
	plans, err := s.reg.ListPlans(ctx, plan.PlanFilter{Limit: 1000})
	if err != nil {
		return v, err
	}
	for _, p := range plans.Items {
		label := l.Plain(p.Title)
		if name := l.Plain(p.Member.Name); name != "" {
			label = name + ": " + label
		}
		v.Plans = append(v.Plans, eventPlanOption{ID: strconv.FormatInt(p.ID, 10), Label: label})
	}
	linked := map[int64]plan.Measure{}
	for _, id := range chosen {
		m, err := s.reg.GetMeasure(ctx, strconv.FormatInt(id, 10))
		if errors.Is(err, plan.ErrNotFound) {
			continue
		}
		if err != nil {
			return v, err
		}
		linked[id] = m
	}
	planID, _ := positiveID(planValue)
	if planID == 0 && len(chosen) > 0 {
		if m, ok := linked[chosen[0]]; ok {
			planID = m.PlanID
		}
	}
	if planID == 0 && len(plans.Items) == 1 {
		planID = plans.Items[0].ID
	}
	if planID != 0 {
		v.PlanID = strconv.FormatInt(planID, 10)
		ms, err := s.reg.ListMeasures(ctx, plan.MeasureFilter{PlanID: planID, Sort: plan.SortClause, Limit: maxPlanMeasures})
		if err != nil {
			return v, err
		}
		for _, m := range ms.Items {
			v.Measures = append(v.Measures, choiceOption{ID: strconv.FormatInt(m.ID, 10), Label: eventMeasureLabel(l, m), Checked: slices.Contains(chosen, m.ID)})
		}
	}
	for _, id := range chosen {
		m, ok := linked[id]
		if ok && m.PlanID == planID {
			continue
		}
		label := l.T("events.measures.number", strconv.FormatInt(id, 10))
		if ok {
			label = eventMeasureLabel(l, m)
		}
		v.Others = append(v.Others, choiceOption{ID: strconv.FormatInt(id, 10), Label: label, Checked: true})
	}
	return v, nil
}

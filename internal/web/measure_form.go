package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// measureTextFields are a measure's translatable fields, in form order.
var measureTextFields = []string{"title", "description", "indicator"}

// measureFieldOrder is the order of the measure form's fields, for the
// error summary.
var measureFieldOrder = []string{"plan", "area", "clause", "external_id", "title", "description", "indicator", "period",
	"values", "tags", "executors", "source", "source_url"}

// emptyExecutorRows is how many blank executor rows the form offers beyond
// the measure's own: enough for a new measure's usual executors, without
// needing script to add rows. Saving offers new blank rows again.
const emptyExecutorRows = 3

// measureForm is what the measure form shows: the user's values, their
// problems, and the choices of the selects.
type measureForm struct {
	formView
	New       bool
	Plan      plan.Plan
	MeasureID int64
	Areas     []plan.Area
	// Organisations are those that may execute the plan's measures: the
	// plan's member's, and any the measure already names.
	Organisations []plan.Organisation
	Executors     []executorRow
	OGPValues     []valueChoice
	Roles         []plan.ExecutorRole
	Conflict      *conflictView
}

// executorRow is one row of the executors' table.
type executorRow struct {
	Index        int
	Organisation string // the organisation's id as text; "" for none
	Role         string
}

// valueChoice is one OGP value's checkbox.
type valueChoice struct {
	Value   plan.OGPValue
	Checked bool
}

// Text describes a translatable field for the "textfield" partial.
func (f measureForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// measureFormValues turns a stored measure into form values, the way
// measureEdit reads them back.
func measureFormValues(m plan.Measure) map[string]string {
	v := map[string]string{
		"clause":      m.Clause,
		"external_id": m.ExternalID,
		"period":      periodText(m.Period),
		"tags":        strings.Join(m.Tags, "\n"),
		"source":      m.Source,
		"source_url":  m.SourceURL,
		"version":     strconv.Itoa(m.Version),
	}
	if m.AreaID != 0 {
		v["area"] = strconv.FormatInt(m.AreaID, 10)
	}
	putText(v, "title", m.Title)
	putText(v, "description", m.Description)
	putText(v, "indicator", m.Indicator)
	for _, x := range m.Values {
		v["value."+string(x)] = "on"
	}
	for i, e := range m.Executors {
		v[executorKey(i, "organisation")] = strconv.FormatInt(e.OrganisationID, 10)
		v[executorKey(i, "role")] = string(e.Role)
	}
	return v
}

// periodText is the text a period is edited as: its own text when that
// still reads as the same dates, else its dates in ISO form, so that saving
// an untouched form never fails on a period written in a shape only an
// import understands.
func periodText(p plan.Period) string {
	if parsed, err := plan.ParsePeriod(p.Text); err == nil && sameDate(parsed.Start, p.Start) && sameDate(parsed.End, p.End) {
		return p.Text
	}
	switch {
	case p.Start != nil && p.End != nil:
		return p.Start.String() + "/" + p.End.String()
	case p.Start != nil:
		return p.Start.String()
	case p.End != nil:
		return p.End.String()
	}
	return ""
}

func sameDate(a, b *plan.Date) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func executorKey(i int, part string) string { return "executor." + strconv.Itoa(i) + "." + part }

// measureEdit reads a posted measure form into an edit and the values to
// show again should it be refused. A malformed number is a field error.
func measureEdit(form url.Values, planID int64) (plan.MeasureEdit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "area", "clause", "external_id", "period", "tags", "source", "source_url", "version")
	keepText(form, v, measureTextFields...)
	e := plan.MeasureEdit{PlanID: planID, Clause: form.Get("clause"), ExternalID: form.Get("external_id"),
		Title: formText(form, "title"), Description: formText(form, "description"), Indicator: formText(form, "indicator"),
		PeriodText: form.Get("period"), Source: form.Get("source"), SourceURL: form.Get("source_url")}
	if area, ok := formInt(form, "area"); ok {
		e.AreaID = area
	} else {
		bad["area"] = "edit.area.unknown"
	}
	version, _ := formInt(form, "version")
	e.Version = int(version)
	for _, x := range plan.OGPValues {
		if form.Get("value."+string(x)) != "" {
			e.Values = append(e.Values, x)
			v["value."+string(x)] = "on"
		}
	}
	e.Tags = strings.Split(strings.ReplaceAll(form.Get("tags"), "\r\n", "\n"), "\n")
	// Rows are read up to the first gap in numbering larger than the form
	// ever sends, so a crafted form cannot make the loop long.
	row := 0
	for i := 0; i < 200; i++ {
		orgText, role := form.Get(executorKey(i, "organisation")), form.Get(executorKey(i, "role"))
		if orgText == "" {
			// A blank row: its role select always sends a value.
			continue
		}
		v[executorKey(row, "organisation")], v[executorKey(row, "role")] = orgText, role
		row++
		org, ok := formInt(form, executorKey(i, "organisation"))
		if !ok || org == 0 {
			bad["executors"] = "edit.executors.unknown"
			continue
		}
		if role == "" {
			role = string(plan.RoleResponsible)
		}
		e.Executors = append(e.Executors, plan.ExecutorRef{OrganisationID: org, Role: plan.ExecutorRole(role)})
	}
	// The form's own problems and the domain's, together, so that one
	// round trip shows them all.
	if len(bad) > 0 {
		for f, key := range e.Validate() {
			if _, ok := bad[f]; !ok {
				bad[f] = key
			}
		}
	}
	return e, v, bad
}

// measureLabels names the measure form's fields for the conflict message.
func measureLabels(l locale) map[string]string {
	labels := map[string]string{
		"area": l.T("measure.area"), "clause": l.T("measure.clause"), "external_id": l.T("measure.external"),
		"period": l.T("measure.period"), "tags": l.T("measure.tags"), "source": l.T("measure.source"),
		"source_url": l.T("edit.source_url"), "values": l.T("measure.values"), "executors": l.T("measure.executors"),
	}
	textLabels(l, labels, map[string]string{"title": l.T("edit.measure.title"), "description": l.T("measure.description"),
		"indicator": l.T("measure.indicator")})
	return labels
}

// measureConflict compares the stored measure with what the user typed.
func (s *Server) measureConflict(ctx context.Context, l locale, current plan.Measure, yours map[string]string) *conflictView {
	theirs := measureFormValues(current)
	// Lists compare as one line each, in the same words on both sides.
	flatten := func(v map[string]string) map[string]string {
		out := map[string]string{}
		for k, x := range v {
			out[k] = x
		}
		var values []string
		for _, x := range plan.OGPValues {
			if v["value."+string(x)] != "" {
				values = append(values, l.T("value."+string(x)))
			}
		}
		out["values"] = strings.Join(values, ", ")
		out["tags"] = strings.Join(strings.Fields(strings.ReplaceAll(v["tags"], "\n", " ")), " ")
		var executors []string
		for i := 0; i < 200; i++ {
			org := v[executorKey(i, "organisation")]
			if org == "" {
				continue
			}
			executors = append(executors, s.organisationLabel(ctx, l, org)+" ("+l.T("role."+v[executorKey(i, "role")])+")")
		}
		out["executors"] = strings.Join(executors, "; ")
		if a := v["area"]; a != "" {
			out["area"] = s.areaName(ctx, l, current.PlanID, a)
		}
		return out
	}
	order := append([]string{"area", "clause", "external_id"}, textOrder(measureTextFields...)...)
	order = append(order, "period", "values", "tags", "executors", "source", "source_url")
	c := &conflictView{Changes: compareForms(order, measureLabels(l), flatten(theirs), flatten(yours))}
	c.By, c.At = s.lastChange(ctx, audit.EntityMeasure, current.ID)
	return c
}

// organisationLabel names an organisation given by id as text, for messages.
func (s *Server) organisationLabel(ctx context.Context, l locale, idText string) string {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return idText
	}
	o, err := s.reg.GetOrganisation(ctx, id)
	if err != nil {
		return idText
	}
	return l.Plain(o.Name)
}

// areaName names an area of a plan given by id as text, for messages.
func (s *Server) areaName(ctx context.Context, l locale, planID int64, idText string) string {
	areas, err := s.reg.PlanAreas(ctx, planID)
	if err != nil {
		return idText
	}
	for _, a := range areas {
		if strconv.FormatInt(a.ID, 10) == idText {
			return strings.TrimSpace(a.Number + " " + l.Plain(a.Title))
		}
	}
	return idText
}

// measureFormChoices fills the selects of a measure form: the plan's areas,
// the organisations that may execute its measures, the executor rows and
// the value checkboxes.
func (s *Server) measureFormChoices(ctx context.Context, f *measureForm) error {
	areas, err := s.reg.PlanAreas(ctx, f.Plan.ID)
	if err != nil {
		return err
	}
	f.Areas = areas
	orgs, err := s.reg.ListOrganisations(ctx, plan.OrganisationFilter{Member: f.Plan.Member.Slug, Limit: 1000})
	if err != nil {
		return err
	}
	f.Organisations = orgs.Items
	have := map[string]bool{}
	for _, o := range f.Organisations {
		have[strconv.FormatInt(o.ID, 10)] = true
	}
	rows := 0
	for i := 0; i < 200; i++ {
		org, role := f.formView.Values[executorKey(i, "organisation")], f.formView.Values[executorKey(i, "role")]
		if org == "" && role == "" {
			continue
		}
		if !have[org] && org != "" {
			// An executor of no one member, or one the user's form named:
			// keep it choosable so the row shows what it holds.
			if id, err := strconv.ParseInt(org, 10, 64); err == nil {
				if o, err := s.reg.GetOrganisation(ctx, id); err == nil {
					f.Organisations = append(f.Organisations, o)
					have[org] = true
				}
			}
		}
		f.Executors = append(f.Executors, executorRow{Index: rows, Organisation: org, Role: role})
		rows++
	}
	for i := 0; i < emptyExecutorRows; i++ {
		f.Executors = append(f.Executors, executorRow{Index: rows + i})
	}
	f.Roles = plan.ExecutorRoles
	for _, x := range plan.OGPValues {
		f.OGPValues = append(f.OGPValues, valueChoice{Value: x, Checked: f.formView.Values["value."+string(x)] != ""})
	}
	return nil
}

package web

import (
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// roundFieldOrder is the round form's field order, for the error summary.
var roundFieldOrder = []string{"plan", "name", "kind", "period"}

// roundForm is what the round form shows.
type roundForm struct {
	formView
	New      bool
	Plan     plan.Plan
	RoundID  int64
	Conflict *conflictView
}

// Text describes the translatable name for the "textfield" partial.
func (f roundForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// Kinds are the kind radios.
func (f roundForm) Kinds(l locale) radiosView {
	v := radiosView{L: l, Name: "kind", Legend: l.T("monitor.round.kind"), Error: f.ErrorFor("kind-" + string(monitor.RoundKinds[0]))}
	for _, k := range monitor.RoundKinds {
		v.add(string(k), l.T("monitor.kind."+string(k)), f.Values["kind"])
	}
	return v
}

// roundFormValues turns a stored round into form values.
func roundFormValues(round monitor.Round) map[string]string {
	v := map[string]string{"kind": string(round.Kind), "period": periodText(round.Period), "version": strconv.Itoa(round.Version)}
	putText(v, "name", round.Name)
	return v
}

// roundEdit reads a posted round form.
func roundEdit(form url.Values, planID int64) (monitor.RoundEdit, map[string]string) {
	v := map[string]string{}
	keep(form, v, "kind", "period", "version")
	keepText(form, v, "name")
	version, _ := formInt(form, "version")
	return monitor.RoundEdit{PlanID: planID, Name: formText(form, "name"), Kind: monitor.RoundKind(form.Get("kind")),
		PeriodText: form.Get("period"), Version: int(version)}, v
}

// newRoundPage shows an empty round form for a plan.
func (s *Server) newRoundPage(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok {
		return
	}
	s.renderRoundForm(w, r, http.StatusOK, roundForm{New: true, Plan: p, formView: formView{Values: map[string]string{}}})
}

// createRound adds the posted round to the plan and goes back to the
// plan's rounds.
func (s *Server) createRound(w http.ResponseWriter, r *http.Request) {
	p, ok := s.loadPlan(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, values := roundEdit(r.PostForm, p.ID)
	f := roundForm{New: true, Plan: p, formView: formView{Values: values}}
	_, err := s.monitor.CreateRound(r.Context(), s.actorOf(r), e)
	answerSave[monitor.Round](s, w, r, err, "/plans/"+strconv.FormatInt(p.ID, 10)+"/rounds?done=round_created",
		func(fe plan.FieldErrors) { s.refuseRound(w, r, f, fe) }, nil)
}

// editRoundPage shows a round's form with its stored values.
func (s *Server) editRoundPage(w http.ResponseWriter, r *http.Request) {
	round, p, ok := s.roundFor(w, r, "id")
	if !ok {
		return
	}
	s.renderRoundForm(w, r, http.StatusOK, roundForm{Plan: p, RoundID: round.ID, formView: formView{Values: roundFormValues(round)}})
}

// updateRound saves the posted form over the round unless someone saved
// it meanwhile, in which case the form comes back with what differs.
func (s *Server) updateRound(w http.ResponseWriter, r *http.Request) {
	round, p, ok := s.roundFor(w, r, "id")
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, values := roundEdit(r.PostForm, p.ID)
	f := roundForm{Plan: p, RoundID: round.ID, formView: formView{Values: values}}
	err := s.monitor.UpdateRound(r.Context(), s.actorOf(r), round.ID, e)
	answerSave(s, w, r, err, "/plans/"+strconv.FormatInt(p.ID, 10)+"/rounds?done=round_saved",
		func(fe plan.FieldErrors) { s.refuseRound(w, r, f, fe) },
		func(current monitor.Round) {
			l := locale{Lang: langOf(r)}
			labels := map[string]string{"kind": l.T("monitor.round.kind"), "period": l.T("monitor.round.period")}
			textLabels(l, labels, map[string]string{"name": l.T("monitor.round.name")})
			theirs, yours := roundFormValues(current), values
			flat := func(v map[string]string) map[string]string {
				out := map[string]string{}
				for k, x := range v {
					out[k] = x
				}
				if k := v["kind"]; k != "" {
					out["kind"] = l.T("monitor.kind." + k)
				}
				return out
			}
			order := append(textOrder("name"), "kind", "period")
			f.Conflict = &conflictView{Changes: compareForms(order, labels, flat(theirs), flat(yours))}
			f.Conflict.By, f.Conflict.At = s.lastChange(r.Context(), "round", current.ID)
			f.formView.Values["version"] = strconv.Itoa(current.Version)
			s.renderRoundForm(w, r, http.StatusConflict, f)
		})
}

// refuseRound shows the form again with a message per field.
func (s *Server) refuseRound(w http.ResponseWriter, r *http.Request, f roundForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{"kind": "kind-" + string(monitor.RoundKinds[0]), "plan": "name-" + i18n.Supported[0]}
	textAnchors(anchor, "name")
	f.Errors = editErrors(l, fe, roundFieldOrder, anchor)
	s.renderRoundForm(w, r, http.StatusUnprocessableEntity, f)
}

func (s *Server) renderRoundForm(w http.ResponseWriter, r *http.Request, status int, f roundForm) {
	l := locale{Lang: langOf(r)}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	crumbs := []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Plan.Title), planURL}, {l.T("monitor.rounds.title"), planURL + "/rounds"}}
	title := l.T("monitor.round.new")
	f.Action = planURL + "/rounds/new"
	if !f.New {
		title = l.T("monitor.round.edit")
		f.Action = "/rounds/" + strconv.FormatInt(f.RoundID, 10) + "/edit"
	}
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "round_edit", page{Title: title, Crumbs: crumbs, Data: f})
}

// radiosView is a group of radio buttons, for the "mon-radios" partial.
type radiosView struct {
	L      locale
	Name   string
	Legend string
	Hint   string
	Error  string
	// Optional adds "(optional)" to the legend.
	Optional bool
	Options  []radioOption
}

// radioOption is one radio button; its id is the group's name and value.
type radioOption struct {
	ID, Value, Label string
	Checked          bool
}

// add appends an option, checked when it is the current value.
func (v *radiosView) add(value, label, current string) {
	id := v.Name + "-" + value
	if value == "" {
		id = v.Name + "-unrated"
	}
	v.Options = append(v.Options, radioOption{ID: id, Value: value, Label: label, Checked: value == current})
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// scorecardFieldOrder is the scorecard form's field order, for the error
// summary.
var scorecardFieldOrder = []string{"title", "description", "activity", "status"}

// scorecardForm is what the scorecard's own form shows.
type scorecardForm struct {
	formView
	New      bool
	CardID   int64
	Statuses []scorecard.Status
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f scorecardForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.Values, f.Errors, field, legend, hint, area, required)
}

// scorecardEditOf reads a posted scorecard form.
func scorecardEditOf(form url.Values) (scorecard.Edit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "activity", "status", "version")
	keepText(form, v, "title", "description")
	e := scorecard.Edit{Title: formText(form, "title"), Description: formText(form, "description"), Status: scorecard.Status(form.Get("status"))}
	activity, ok := formInt(form, "activity")
	if !ok {
		bad["activity"] = "scorecard.activity.invalid"
	}
	e.ActivityID = activity
	version, _ := formInt(form, "version")
	e.Version = int(version)
	withDomainErrors(bad, e.Validate)
	return e, v, bad
}

func (s *Server) renderScorecardForm(w http.ResponseWriter, r *http.Request, status int, f scorecardForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "title", "description")
	f.Errors = editErrors(l, fe, scorecardFieldOrder, anchor)
	f.Statuses = scorecard.Statuses
	f.Action = "/scorecards/new"
	title := l.T("scorecard.new")
	if !f.New {
		f.Action = "/scorecards/" + strconv.FormatInt(f.CardID, 10) + "/edit"
		title = l.T("scorecard.edit")
	}
	s.render(w, r, status, "scorecard_edit", page{Title: title,
		Crumbs: []crumb{{Label: l.T("scorecards.title"), URL: "/scorecards"}}, Data: f})
}

// newScorecardPage shows an empty scorecard form, a draft by default.
func (s *Server) newScorecardPage(w http.ResponseWriter, r *http.Request) {
	s.renderScorecardForm(w, r, http.StatusOK, scorecardForm{New: true, formView: formView{Values: map[string]string{"status": string(scorecard.Draft)}}}, nil)
}

// createScorecard records the posted scorecard and shows it.
func (s *Server) createScorecard(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := scorecardEditOf(r.PostForm)
	f := scorecardForm{New: true, formView: formView{Values: v}}
	refuse := func(fe plan.FieldErrors) { s.renderScorecardForm(w, r, http.StatusUnprocessableEntity, f, fe) }
	if len(bad) > 0 {
		refuse(bad)
		return
	}
	id, err := s.scorecards.CreateScorecard(r.Context(), s.actorOf(r), e)
	answerSave[scorecard.Scorecard](s, w, r, err, "/scorecards/"+strconv.FormatInt(id, 10)+"?done=created", refuse, nil)
}

// scorecardValues turns a stored scorecard into form values.
func scorecardValues(c scorecard.Scorecard) map[string]string {
	v := map[string]string{"status": string(c.Status), "version": strconv.Itoa(c.Version)}
	if c.ActivityID > 0 {
		v["activity"] = strconv.FormatInt(c.ActivityID, 10)
	}
	putText(v, "title", c.Title)
	putText(v, "description", c.Description)
	return v
}

// editScorecardPage shows a scorecard's form with its stored values.
func (s *Server) editScorecardPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	s.renderScorecardForm(w, r, http.StatusOK, scorecardForm{CardID: c.ID, formView: formView{Values: scorecardValues(c)}}, nil)
}

// updateScorecard saves the posted form unless someone saved the
// scorecard meanwhile: then the form comes back with what they saved.
func (s *Server) updateScorecard(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	e, v, bad := scorecardEditOf(r.PostForm)
	f := scorecardForm{CardID: c.ID, formView: formView{Values: v}}
	refuse := func(fe plan.FieldErrors) { s.renderScorecardForm(w, r, http.StatusUnprocessableEntity, f, fe) }
	if len(bad) > 0 {
		refuse(bad)
		return
	}
	err := s.scorecards.UpdateScorecard(r.Context(), s.actorOf(r), c.ID, e)
	answerSave(s, w, r, err, "/scorecards/"+strconv.FormatInt(c.ID, 10)+"?done=saved", refuse,
		func(current scorecard.Scorecard) {
			l := locale{Lang: langOf(r)}
			labels := map[string]string{"activity": l.T("scorecard.field.activity"), "status": l.T("scorecard.field.status")}
			textLabels(l, labels, map[string]string{"title": l.T("scorecard.field.title"), "description": l.T("scorecard.field.description")})
			theirs := scorecardValues(current)
			by, at := s.lastChange(r.Context(), scorecard.EntityScorecard, c.ID)
			order := []string{"title.az", "title.en", "title.ru", "description.az", "description.en", "description.ru", "activity", "status"}
			f.Conflict = &conflictView{By: by, At: at, Changes: compareForms(order, labels, theirs, v)}
			f.Values["version"] = strconv.Itoa(current.Version)
			s.renderScorecardForm(w, r, http.StatusConflict, f, nil)
		})
}

// criterionFieldOrder is the criterion form's field order.
var criterionFieldOrder = []string{"title", "weight", "min", "max", "guidance"}

// criterionForm is what the criterion form shows.
type criterionForm struct {
	formView
	Card     scorecard.Scorecard
	Conflict *conflictView
}

// Text describes a translatable field for the "textfield" partial.
func (f criterionForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.Values, f.Errors, field, legend, hint, area, required)
}

func (s *Server) renderCriterionForm(w http.ResponseWriter, r *http.Request, status int, f criterionForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "title", "guidance")
	f.Errors = editErrors(l, fe, criterionFieldOrder, anchor)
	f.Action = "/scorecards/" + strconv.FormatInt(f.Card.ID, 10) + "/criteria/new"
	s.render(w, r, status, "scorecard_criterion", page{Title: l.T("scorecard.criterion.new"),
		Crumbs: []crumb{{Label: l.T("scorecards.title"), URL: "/scorecards"}, {Label: l.Plain(f.Card.Title), URL: "/scorecards/" + strconv.FormatInt(f.Card.ID, 10)}}, Data: f})
}

// newCriterionPage shows an empty criterion form: weight 1, scale 0–5.
func (s *Server) newCriterionPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	v := map[string]string{"weight": "1", "min": "0", "max": "5", "version": strconv.Itoa(c.Version)}
	s.renderCriterionForm(w, r, http.StatusOK, criterionForm{Card: c, formView: formView{Values: v}}, nil)
}

// createCriterion adds the posted criterion to the scorecard.
func (s *Server) createCriterion(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	form := r.PostForm
	v := map[string]string{}
	keep(form, v, "weight", "min", "max", "version")
	keepText(form, v, "title", "guidance")
	bad := plan.FieldErrors{}
	e := scorecard.CriterionEdit{Title: formText(form, "title"), Guidance: formText(form, "guidance")}
	var okW, okMin, okMax bool
	e.Weight, okW = formWhole(form, "weight")
	e.Min, okMin = formWhole(form, "min")
	e.Max, okMax = formWhole(form, "max")
	if !okW {
		bad["weight"] = "scorecard.weight.invalid"
	}
	if !okMin || !okMax {
		bad["max"] = "scorecard.scale.invalid"
	}
	withDomainErrors(bad, e.Validate)
	f := criterionForm{Card: c, formView: formView{Values: v}}
	refuse := func(fe plan.FieldErrors) { s.renderCriterionForm(w, r, http.StatusUnprocessableEntity, f, fe) }
	if len(bad) > 0 {
		refuse(bad)
		return
	}
	err := s.scorecards.AddCriterion(r.Context(), s.actorOf(r), c.ID, postedVersion(r), e)
	answerSave(s, w, r, err, "/scorecards/"+strconv.FormatInt(c.ID, 10)+"/scores?done=saved", refuse,
		func(current scorecard.Scorecard) {
			// Adding overwrites nothing, but the criteria may have changed
			// meanwhile: the form says so and saving again adds it.
			f.Card = current
			f.Values["version"] = strconv.Itoa(current.Version)
			s.renderCriterionForm(w, r, http.StatusConflict, f, plan.FieldErrors{"title": "scorecard.stale"})
		})
}

// formWhole reads a posted whole number (negative ones too, which the
// domain then refuses with its own message).
func formWhole(form url.Values, key string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(form.Get(key)))
	return n, err == nil
}

// subjectsView is the page that adds subjects: a search of the registry's
// organisations, each found one with an Add button.
type subjectsView struct {
	formView
	Card    scorecard.Scorecard
	Q       string
	Found   []plan.Organisation
	Present map[int64]bool
}

// subjectsPage searches the registry for organisations to add.
func (s *Server) subjectsPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	s.renderSubjects(w, r, http.StatusOK, c, r.URL.Query().Get("q"), nil)
}

func (s *Server) renderSubjects(w http.ResponseWriter, r *http.Request, status int, c scorecard.Scorecard, q string, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	v := subjectsView{Card: c, Q: strings.TrimSpace(q), Present: map[int64]bool{}}
	for _, sub := range c.Subjects {
		v.Present[sub.OrganisationID] = true
	}
	if v.Q != "" && len(v.Q) <= 200 {
		found, err := s.reg.ListOrganisations(r.Context(), plan.OrganisationFilter{Q: v.Q, Limit: 50})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		v.Found = found.Items
	}
	v.Errors = editErrors(l, fe, []string{"organisation"}, nil)
	v.Values = map[string]string{"version": strconv.Itoa(c.Version)}
	s.render(w, r, status, "scorecard_subjects", page{Title: l.T("scorecard.subjects.add"),
		Crumbs: []crumb{{Label: l.T("scorecards.title"), URL: "/scorecards"}, {Label: l.Plain(c.Title), URL: "/scorecards/" + strconv.FormatInt(c.ID, 10)}}, Data: v})
}

// addSubject adds the posted organisation to the scorecard's subjects.
func (s *Server) addSubject(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	org, ok := positiveID(r.PostForm.Get("organisation"))
	if !ok {
		s.renderSubjects(w, r, http.StatusUnprocessableEntity, c, r.PostForm.Get("q"), plan.FieldErrors{"organisation": "scorecard.subject.unknown"})
		return
	}
	err := s.scorecards.AddSubject(r.Context(), s.actorOf(r), c.ID, postedVersion(r), org)
	answerSave(s, w, r, err, "/scorecards/"+strconv.FormatInt(c.ID, 10)+"/subjects?done=saved&q="+url.QueryEscape(r.PostForm.Get("q")),
		func(fe plan.FieldErrors) {
			s.renderSubjects(w, r, http.StatusUnprocessableEntity, c, r.PostForm.Get("q"), fe)
		},
		func(current scorecard.Scorecard) {
			s.renderSubjects(w, r, http.StatusConflict, current, r.PostForm.Get("q"), plan.FieldErrors{"organisation": "scorecard.stale"})
		})
}

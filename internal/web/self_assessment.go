package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/markdown"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// selfForm is the government's self-assessment page: a state body's own
// completion and narrative for a measure it executes, beside civil
// society's assessment when the reader may see it.
type selfForm struct {
	formView
	Round   monitor.Round
	Plan    plan.Plan
	Measure plan.Measure
	// Bodies are the executors the user may answer for; Body is the one
	// the form is for.
	Bodies []plan.Organisation
	Body   plan.Organisation
	Saved  *monitor.SelfAssessment
	// SavedNarrative previews the saved narrative as readers see it.
	SavedNarrative template.HTML
	// Civil is civil society's assessment, when there is one the reader
	// may see; CivilHidden says one may exist but is not public yet.
	Civil       assessmentView
	HasCivil    bool
	CivilHidden bool
	Disagrees   bool
	Frozen      bool
	Conflict    *conflictView
}

// Completion describes the completion radios.
func (f selfForm) Completion(l locale) radiosView {
	v := radiosView{L: l, Name: "completion", Legend: l.T("monitor.self.completion"), Hint: l.T("monitor.field.completion.hint"),
		Error: f.ErrorFor("completion-" + string(monitor.Completions[0]))}
	for _, c := range monitor.Completions {
		v.add(string(c), l.T("monitor.completion."+string(c)), f.Values["completion"])
	}
	return v
}

// Narrative describes the narrative's text area.
func (f selfForm) Narrative(l locale) fieldView {
	return fieldView{L: l, Name: "narrative", Label: l.T("monitor.self.narrative"), Hint: l.T("monitor.field.narrative.hint"),
		Value: f.Values["narrative"], Error: f.ErrorFor("narrative")}
}

// selfAssessmentPage shows the self-assessment form of the body the user
// answers for (a coordinator picks one of the measure's executors).
func (s *Server) selfAssessmentPage(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok {
		return
	}
	f, err := s.loadSelfForm(r, round, p, m, r.URL.Query().Get("organisation"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderSelf(w, r, http.StatusOK, f)
}

// saveSelfAssessment saves the posted self-assessment.
func (s *Server) saveSelfAssessment(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	f, err := s.loadSelfForm(r, round, p, m, r.PostForm.Get("organisation"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Frozen {
		s.renderSelf(w, r, http.StatusConflict, f)
		return
	}
	f.Values = map[string]string{}
	keep(r.PostForm, f.Values, "completion", "narrative", "version")
	if f.Body.ID == 0 || strconv.FormatInt(f.Body.ID, 10) != r.PostForm.Get("organisation") {
		// A body the user may not answer for, or none: the guard let the
		// request in for the measure, not for any body.
		s.refuseSelf(w, r, f, plan.FieldErrors{"organisation": "monitor.self.organisation.invalid"})
		return
	}
	e := monitor.SelfAssessmentEdit{RoundID: round.ID, MeasureID: m.ID, OrganisationID: f.Body.ID,
		Completion: monitor.Completion(r.PostForm.Get("completion")), Narrative: r.PostForm.Get("narrative"), Version: postedVersion(r)}
	if bad := e.Validate(); len(bad) > 0 {
		s.refuseSelf(w, r, f, bad)
		return
	}
	_, err = s.monitor.SaveSelfAssessment(r.Context(), s.actorOf(r), e)
	var stale *plan.ConflictError[monitor.SelfAssessment]
	var fe plan.FieldErrors
	switch {
	case errors.Is(err, monitor.ErrFrozen):
		f.Frozen = true
		s.renderSelf(w, r, http.StatusConflict, f)
	case errors.As(err, &stale):
		cur := stale.Current
		theirs := map[string]string{"completion": completionLabel(l, cur.Completion), "narrative": cur.Narrative}
		yours := map[string]string{"completion": completionLabel(l, monitor.Completion(f.Values["completion"])), "narrative": f.Values["narrative"]}
		f.Conflict = &conflictView{By: cur.AuthorName, At: cur.UpdatedAt, Changes: compareForms([]string{"completion", "narrative"},
			map[string]string{"completion": l.T("monitor.self.completion"), "narrative": l.T("monitor.self.narrative")}, theirs, yours)}
		f.Values["version"] = strconv.Itoa(cur.Version)
		s.renderSelf(w, r, http.StatusConflict, f)
	case errors.As(err, &fe):
		s.refuseSelf(w, r, f, fe)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, selfURL(round.ID, m.ID)+"?"+url.Values{"organisation": {strconv.FormatInt(f.Body.ID, 10)},
			"done": {"self_assessment_saved"}}.Encode(), http.StatusSeeOther)
	}
}

// completionLabel names a completion level, "" for none.
func completionLabel(l locale, c monitor.Completion) string {
	if c == "" {
		return ""
	}
	return l.T("monitor.completion." + string(c))
}

// refuseSelf shows the form again with a message per field.
func (s *Server) refuseSelf(w http.ResponseWriter, r *http.Request, f selfForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	f.Errors = editErrors(l, fe, []string{"organisation", "measure", "completion", "narrative"},
		map[string]string{"completion": "completion-" + string(monitor.Completions[0]), "measure": "completion-" + string(monitor.Completions[0]),
			"organisation": "self-form-heading"})
	s.renderSelf(w, r, http.StatusUnprocessableEntity, f)
}

// loadSelfForm reads what the page shows: the bodies the user may answer
// for (the one asked for by id, or the first), that body's saved
// self-assessment, and civil society's assessment as far as the reader may
// see it: in full for monitors, its approved version once the round is
// published, otherwise nothing.
func (s *Server) loadSelfForm(r *http.Request, round monitor.Round, p plan.Plan, m plan.Measure, bodyID string) (selfForm, error) {
	ctx := r.Context()
	f := selfForm{Round: round, Plan: p, Measure: m, Frozen: round.Frozen(), formView: formView{Values: map[string]string{}}}
	seen := map[int64]bool{}
	for _, e := range m.Executors {
		if seen[e.OrganisationID] || !s.can(r, access.AnswerForMeasure, access.Resource{ExecutorIDs: []int64{e.OrganisationID}}) {
			continue
		}
		seen[e.OrganisationID] = true
		f.Bodies = append(f.Bodies, e.Organisation)
	}
	for _, b := range f.Bodies {
		if bodyID == "" || strconv.FormatInt(b.ID, 10) == bodyID {
			f.Body = b
			break
		}
	}
	selfs, err := s.monitor.RoundSelfAssessments(ctx, round.ID)
	if err != nil {
		return f, err
	}
	for _, sa := range selfs[m.ID] {
		if sa.OrganisationID == f.Body.ID && f.Body.ID != 0 {
			f.Saved = &sa
			f.SavedNarrative = markdown.ToHTML(sa.Narrative)
			f.Values = map[string]string{"completion": string(sa.Completion), "narrative": sa.Narrative, "version": strconv.Itoa(sa.Version)}
		}
	}
	var civil monitor.Assessment
	found := false
	switch {
	case s.can(r, access.ReadMonitoring, access.Resource{}):
		if civil, found, err = s.currentAssessment(ctx, round.ID, m.ID); err != nil {
			return f, err
		}
	case round.Public():
		approved, err := s.monitor.RoundAssessments(ctx, round.ID, true)
		if err != nil {
			return f, err
		}
		civil, found = approved[m.ID]
	default:
		f.CivilHidden = true
	}
	if found {
		f.Civil, f.HasCivil = newAssessmentView(civil, m, nil), true
		f.Disagrees = f.Saved != nil && f.Saved.Disagrees(civil)
	}
	return f, nil
}

func (s *Server) renderSelf(w http.ResponseWriter, r *http.Request, status int, f selfForm) {
	l := locale{Lang: langOf(r)}
	f.Action = selfURL(f.Round.ID, f.Measure.ID)
	title := measureLabel(l, f.Measure) + " · " + l.T("monitor.self.title")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	noStore(w)
	s.render(w, r, status, "self_assessment", page{Title: title,
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Plan.Title), planURL}, {l.T("monitor.rounds.title"), planURL + "/rounds"}},
		Data:   f})
}

// selfURL is the self-assessment form of a measure in a round.
func selfURL(roundID, measureID int64) string {
	return "/rounds/" + strconv.FormatInt(roundID, 10) + "/measures/" + strconv.FormatInt(measureID, 10) + "/self-assessment"
}

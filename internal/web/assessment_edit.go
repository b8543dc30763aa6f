package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// assessmentPage shows a measure's assessment in a round: the form filled
// in with the current version (empty for the first), its evidence, where
// it is in review and the government's account beside it. In a round that
// is not open it is read-only.
func (s *Server) assessmentPage(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok {
		return
	}
	f, err := s.loadAssessmentForm(r, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderAssessment(w, r, http.StatusOK, f)
}

// saveAssessment saves the posted form as a new version. Refused input
// comes back with everything typed and a message per field; a save from a
// version someone else has since replaced comes back with what differs, as
// measure editing does; a frozen round refuses with the reason.
func (s *Server) saveAssessment(w http.ResponseWriter, r *http.Request) {
	round, p, m, ok := s.roundMeasureFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	f, err := s.loadAssessmentForm(r, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Frozen {
		s.renderAssessment(w, r, http.StatusConflict, f)
		return
	}
	l := locale{Lang: langOf(r)}
	e, values, bad := assessmentEdit(r.PostForm, round.ID, m)
	f.Values = values
	if len(bad) > 0 {
		s.refuseAssessment(w, r, f, bad)
		return
	}
	_, err = s.monitor.SaveAssessment(r.Context(), s.actorOf(r), e)
	var stale *plan.ConflictError[monitor.Assessment]
	var fe plan.FieldErrors
	switch {
	case errors.Is(err, monitor.ErrFrozen):
		// Closed between loading the page and saving it.
		f.Frozen = true
		f.Values = assessmentFormValues(f.Saved.A)
		s.renderAssessment(w, r, http.StatusConflict, f)
	case errors.As(err, &stale):
		f.Conflict = assessmentConflict(l, m, stale.Current, values)
		f.Values["version"] = strconv.Itoa(stale.Current.Version)
		s.renderAssessment(w, r, http.StatusConflict, f)
	case errors.As(err, &fe):
		s.refuseAssessment(w, r, f, fe)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		http.Redirect(w, r, assessmentURL(round.ID, m.ID)+"?done=assessment_saved", http.StatusSeeOther)
	}
}

// refuseAssessment shows the form again with a message per field.
func (s *Server) refuseAssessment(w http.ResponseWriter, r *http.Request, f assessmentForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{
		"measure":       "completion-" + string(monitor.Completions[0]),
		"completion":    "completion-" + string(monitor.Completions[0]),
		"verifiable":    "verifiable-yes",
		"relevance":     "relevance-" + string(plan.OGPValues[0]),
		"impact":        "impact-" + string(monitor.Impacts[0]),
		"opened":        "opened-" + string(monitor.OpenedLevels[0]),
		"early_results": "early_results-" + string(monitor.EarlyResultsLevels[0]),
		"links":         "link-0-url",
	}
	if len(f.Measure.Milestones) > 0 {
		anchor["milestones"] = "milestone-" + strconv.FormatInt(f.Measure.Milestones[0].ID, 10)
	}
	f.Errors = editErrors(l, fe, assessmentFieldOrder, anchor)
	s.renderAssessment(w, r, http.StatusUnprocessableEntity, f)
}

// loadAssessmentForm reads what the assessment page shows besides the
// form's values: the stored assessment and the measure's self-assessments.
func (s *Server) loadAssessmentForm(r *http.Request, round monitor.Round, p plan.Plan, m plan.Measure) (assessmentForm, error) {
	ctx := r.Context()
	a, exists, err := s.currentAssessment(ctx, round.ID, m.ID)
	if err != nil {
		return assessmentForm{}, err
	}
	selfs, err := s.monitor.RoundSelfAssessments(ctx, round.ID)
	if err != nil {
		return assessmentForm{}, err
	}
	f := assessmentForm{Round: round, Plan: p, Measure: m, Exists: exists, Saved: newAssessmentView(a, m, selfs[m.ID]),
		Frozen: round.Frozen(), formView: formView{Values: map[string]string{}}}
	if exists {
		f.Values = assessmentFormValues(a)
	}
	return f, nil
}

func (s *Server) renderAssessment(w http.ResponseWriter, r *http.Request, status int, f assessmentForm) {
	l := locale{Lang: langOf(r)}
	f.Action = assessmentURL(f.Round.ID, f.Measure.ID)
	f.EvidenceAction = "/rounds/" + strconv.FormatInt(f.Round.ID, 10) + "/measures/" + strconv.FormatInt(f.Measure.ID, 10) + "/evidence"
	f.Links = linkRows(f.Values)
	f.MaxUpload = humanSize(l, monitor.MaxEvidenceBytes)
	a := f.Saved.A
	f.CanSubmit = f.Exists && !f.Frozen && (a.Status == monitor.ReviewDraft || a.Status == monitor.ReviewReturned)
	f.CanReview = f.Exists && !f.Frozen && a.Status == monitor.ReviewSubmitted && s.can(r, access.Review, access.Resource{AuthorID: a.AuthorID})
	title := measureLabel(l, f.Measure) + " · " + l.T("monitor.assessment.title")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "assessment", page{Title: title, Crumbs: roundCrumbs(l, f.Plan, f.Round), Data: f})
}

// assessmentURL is the assessment form of a measure in a round.
func assessmentURL(roundID, measureID int64) string {
	return "/rounds/" + strconv.FormatInt(roundID, 10) + "/measures/" + strconv.FormatInt(measureID, 10) + "/assessment"
}

// measureLabel names a measure briefly: its clause and title.
func measureLabel(l locale, m plan.Measure) string {
	if m.Clause == "" {
		return l.Plain(m.Title)
	}
	return m.Clause + " " + l.Plain(m.Title)
}

// roundCrumbs leads from the plans to a round's work page.
func roundCrumbs(l locale, p plan.Plan, round monitor.Round) []crumb {
	planURL := "/plans/" + strconv.FormatInt(p.ID, 10)
	return []crumb{{l.T("nav.plans"), "/"}, {l.Plain(p.Title), planURL}, {l.T("monitor.rounds.title"), planURL + "/rounds"},
		{l.Plain(round.Name), "/rounds/" + strconv.FormatInt(round.ID, 10) + "/work"}}
}

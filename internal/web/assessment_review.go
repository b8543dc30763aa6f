package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// reviewForm is the review page: the assessment as submitted, read-only,
// and the decision.
type reviewForm struct {
	formView
	A       assessmentView
	Round   monitor.Round
	Plan    plan.Plan
	Measure plan.Measure
	// Problem says why the assessment cannot be reviewed now; no form is
	// shown then.
	Problem string
	// Changed says the assessment was saved again since the page was
	// shown: what is shown now is the new version.
	Changed bool
}

// Decision describes the decision's radios.
func (f reviewForm) Decision(l locale) radiosView {
	v := radiosView{L: l, Name: "decision", Legend: l.T("monitor.review.decision"), Error: f.ErrorFor("decision-approve")}
	v.add("approve", l.T("monitor.review.approve"), f.Values["decision"])
	v.add("return", l.T("monitor.review.return"), f.Values["decision"])
	return v
}

// Comment describes the comment's text area.
func (f reviewForm) Comment(l locale) fieldView {
	return fieldView{L: l, Name: "comment", Label: l.T("monitor.review.comment"), Hint: l.T("monitor.review.comment.hint"),
		Value: f.Values["comment"], Error: f.ErrorFor("comment")}
}

// reviewPage shows a submitted assessment to a monitor other than its
// author (the policy refuses the author before this runs), to approve it
// or return it with a comment.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	a, round, p, m, ok := s.assessmentFor(w, r)
	if !ok {
		return
	}
	f, err := s.loadReviewForm(r, a, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderReview(w, r, http.StatusOK, f)
}

// reviewAssessment records the decision: approved, or returned with the
// comment the author will see on the form.
func (s *Server) reviewAssessment(w http.ResponseWriter, r *http.Request) {
	a, round, p, m, ok := s.assessmentFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	f, err := s.loadReviewForm(r, a, round, p, m)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Problem != "" {
		s.renderReview(w, r, http.StatusConflict, f)
		return
	}
	f.Values = map[string]string{}
	keep(r.PostForm, f.Values, "decision", "comment")
	f.Values["version"] = r.PostForm.Get("version")
	decision, comment := r.PostForm.Get("decision"), strings.TrimSpace(r.PostForm.Get("comment"))
	bad := plan.FieldErrors{}
	switch decision {
	case "approve":
	case "return":
		if comment == "" {
			bad["comment"] = "monitor.comment.required"
		}
	case "":
		bad["decision"] = "monitor.review.decision.required"
	default:
		bad["decision"] = "monitor.review.decision.invalid"
	}
	if len(bad) > 0 {
		s.refuseReview(w, r, f, bad)
		return
	}
	err = s.monitor.ReviewAssessment(r.Context(), s.actorOf(r), a.ID, decision == "approve", comment, postedVersion(r))
	var stale *plan.ConflictError[monitor.Assessment]
	var fe plan.FieldErrors
	switch {
	case errors.As(err, &stale):
		// Saved again since: review what is there now.
		if f, err = s.loadReviewForm(r, stale.Current, round, p, m); err != nil {
			s.serverError(w, r, err)
			return
		}
		f.Changed = true
		s.renderReview(w, r, http.StatusConflict, f)
	case errors.Is(err, monitor.ErrOwnWork):
		s.forbidden(w, r)
	case errors.Is(err, monitor.ErrFrozen):
		f.Problem = l.T("monitor.frozen")
		s.renderReview(w, r, http.StatusConflict, f)
	case errors.Is(err, monitor.ErrBadTransition):
		f.Problem = l.T("monitor.review.not_submitted", l.T("monitor.review."+string(a.Status)))
		s.renderReview(w, r, http.StatusConflict, f)
	case errors.As(err, &fe):
		s.refuseReview(w, r, f, fe)
	case err != nil:
		s.answerLoad(w, r, err)
	default:
		done := "assessment_approved"
		if decision != "approve" {
			done = "assessment_returned"
		}
		http.Redirect(w, r, "/rounds/"+strconv.FormatInt(round.ID, 10)+"/work?done="+done, http.StatusSeeOther)
	}
}

// refuseReview shows the review form again with a message per field.
func (s *Server) refuseReview(w http.ResponseWriter, r *http.Request, f reviewForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	f.Errors = editErrors(l, fe, []string{"decision", "comment"}, map[string]string{"decision": "decision-approve"})
	s.renderReview(w, r, http.StatusUnprocessableEntity, f)
}

// loadReviewForm prepares the review of an assessment as it now is.
func (s *Server) loadReviewForm(r *http.Request, a monitor.Assessment, round monitor.Round, p plan.Plan, m plan.Measure) (reviewForm, error) {
	selfs, err := s.monitor.RoundSelfAssessments(r.Context(), round.ID)
	if err != nil {
		return reviewForm{}, err
	}
	l := locale{Lang: langOf(r)}
	f := reviewForm{A: newAssessmentView(a, m, selfs[m.ID]), Round: round, Plan: p, Measure: m,
		formView: formView{Values: map[string]string{"version": strconv.Itoa(a.Version)}}}
	switch {
	case round.Frozen():
		f.Problem = l.T("monitor.frozen")
	case a.Status != monitor.ReviewSubmitted:
		f.Problem = l.T("monitor.review.not_submitted", l.T("monitor.review."+string(a.Status)))
	}
	return f, nil
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status int, f reviewForm) {
	l := locale{Lang: langOf(r)}
	f.Action = "/assessments/" + strconv.FormatInt(f.A.A.ID, 10) + "/review"
	title := measureLabel(l, f.Measure) + " · " + l.T("monitor.review.title")
	if len(f.Errors) > 0 {
		title = l.T("form.error.prefix") + ": " + title
	}
	noStore(w)
	s.render(w, r, status, "assessment_review", page{Title: title, Crumbs: roundCrumbs(l, f.Plan, f.Round), Data: f})
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/plan"
	"ogpp/internal/survey"
)

// surveyFieldOrder is the builder's field order, for the error summary.
var surveyFieldOrder = []string{"title", "status", "sample_size", "questions", "definition", "quotas"}

// surveyForm is what the builder shows.
type surveyForm struct {
	formView
	New      bool
	SurveyID int64
	Statuses []survey.Status
	Kinds    []survey.Kind
	Conflict bool
	// ReadOnly marks a closed survey: only its status may change.
	ReadOnly bool
}

// Text describes a translatable field for the "textfield" partial.
func (f surveyForm) Text(l locale, field, legend, hint string, area, required bool) textFieldView {
	return textField(l, f.formView.Values, f.Errors, field, legend, hint, area, required)
}

// needSurveys answers 404 when the server has no survey store.
func (s *Server) needSurveys(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.surveys == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// surveyFor reads the survey the path names, answering 404 itself.
func (s *Server) surveyFor(w http.ResponseWriter, r *http.Request) (survey.Survey, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return survey.Survey{}, false
	}
	sv, err := s.surveys.GetSurvey(r.Context(), id)
	if errors.Is(err, plan.ErrNotFound) {
		s.notFound(w, r)
		return sv, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return sv, false
	}
	return sv, true
}

// surveyResultsAudience tells the policy whether a survey's results are
// published.
func (s *Server) surveyResultsAudience(r *http.Request) (access.Resource, error) {
	if s.surveys == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	sv, err := s.surveys.GetSurvey(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: !sv.ResultsPublic}, nil
}

// surveyFormValues turns a stored survey into the builder's values; the
// questions are written in the reader's language.
func surveyFormValues(sv survey.Survey, lang string) map[string]string {
	q, quotas := survey.FormatDefinition(sv.Definition, lang)
	v := map[string]string{"status": string(sv.Status), "sample_size": strconv.Itoa(sv.SampleSize), "questions": q, "quotas": quotas,
		"version": strconv.Itoa(sv.Version)}
	if sv.Named {
		v["named"] = "1"
	}
	if sv.ResultsPublic {
		v["results_public"] = "1"
	}
	putText(v, "title", sv.Title)
	putText(v, "description", sv.Description)
	return v
}

// surveyEditOf reads the posted builder.
func surveyEditOf(form url.Values, lang string) (survey.Edit, map[string]string, plan.FieldErrors) {
	bad := plan.FieldErrors{}
	v := map[string]string{}
	keep(form, v, "status", "sample_size", "questions", "quotas", "named", "results_public", "version")
	keepText(form, v, "title", "description")
	e := survey.Edit{Title: formText(form, "title"), Description: formText(form, "description"), Status: survey.Status(form.Get("status")),
		Named: form.Get("named") != "", ResultsPublic: form.Get("results_public") != ""}
	if n := form.Get("sample_size"); n != "" {
		size, err := strconv.Atoi(n)
		if err != nil {
			bad["sample_size"] = "survey.sample_size.invalid"
		}
		e.SampleSize = size
	}
	def, err := survey.ParseDefinition(form.Get("questions"), form.Get("quotas"), lang)
	if err != nil {
		bad["questions"] = "survey.questions.syntax"
	}
	e.Definition = def
	version, _ := formInt(form, "version")
	e.Version = int(version)
	for k, m := range e.Validate() {
		if k == "definition" {
			k = "questions"
		}
		if _, ok := bad[k]; !ok {
			bad[k] = m
		}
	}
	return e, v, bad
}

func (s *Server) renderSurveyForm(w http.ResponseWriter, r *http.Request, status int, f surveyForm) {
	l := locale{Lang: langOf(r)}
	f.Statuses, f.Kinds = survey.Statuses, survey.Kinds
	f.Action = "/surveys/new"
	title := l.T("survey.new")
	if !f.New {
		f.Action = "/surveys/" + strconv.FormatInt(f.SurveyID, 10) + "/edit"
		title = l.T("survey.edit")
	}
	s.render(w, r, status, "survey_edit", page{Title: title, Data: f,
		Crumbs: []crumb{{Label: l.T("nav.surveys"), URL: "/surveys"}}})
}

func (s *Server) refuseSurvey(w http.ResponseWriter, r *http.Request, f surveyForm, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	textAnchors(anchor, "title")
	f.Errors = editErrors(l, fe, surveyFieldOrder, anchor)
	s.renderSurveyForm(w, r, http.StatusUnprocessableEntity, f)
}

// newSurveyPage shows an empty builder.
func (s *Server) newSurveyPage(w http.ResponseWriter, r *http.Request) {
	s.renderSurveyForm(w, r, http.StatusOK, surveyForm{New: true, formView: formView{Values: map[string]string{"status": string(survey.Draft)}}})
}

// createSurvey records the posted survey and shows it.
func (s *Server) createSurvey(w http.ResponseWriter, r *http.Request) {
	if !s.readEditForm(w, r) {
		return
	}
	e, v, bad := surveyEditOf(r.PostForm, langOf(r))
	f := surveyForm{New: true, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseSurvey(w, r, f, bad)
		return
	}
	id, err := s.surveys.CreateSurvey(r.Context(), s.actorOf(r), e)
	answerSave[survey.Survey](s, w, r, err, "/surveys/"+strconv.FormatInt(id, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseSurvey(w, r, f, fe) }, nil)
}

// editSurveyPage shows a survey's builder with its stored values.
func (s *Server) editSurveyPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	s.renderSurveyForm(w, r, http.StatusOK, surveyForm{SurveyID: sv.ID, ReadOnly: sv.Status == survey.Closed,
		formView: formView{Values: surveyFormValues(sv, langOf(r))}})
}

// updateSurvey saves the builder over the survey unless someone saved it
// meanwhile: then the form comes back with the user's input and the new
// version, so that saving again is a deliberate choice.
func (s *Server) updateSurvey(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	if sv.Status == survey.Closed {
		// Only the status of a closed survey changes; the rest of the
		// form is what is stored, whatever was posted.
		stored := surveyFormValues(sv, langOf(r))
		for _, k := range []string{"status", "version"} {
			stored[k] = r.PostForm.Get(k)
		}
		r.PostForm = valuesForm(stored)
	}
	e, v, bad := surveyEditOf(r.PostForm, langOf(r))
	f := surveyForm{SurveyID: sv.ID, ReadOnly: sv.Status == survey.Closed, formView: formView{Values: v}}
	if len(bad) > 0 {
		s.refuseSurvey(w, r, f, bad)
		return
	}
	err := s.surveys.UpdateSurvey(r.Context(), s.actorOf(r), sv.ID, e)
	answerSave(s, w, r, err, "/surveys/"+strconv.FormatInt(sv.ID, 10)+"?done=saved",
		func(fe plan.FieldErrors) { s.refuseSurvey(w, r, f, fe) },
		func(current survey.Survey) {
			f.Values["version"] = strconv.Itoa(current.Version)
			f.Conflict = true
			f.Errors = []fieldError{{Field: "title-az", Message: locale{Lang: langOf(r)}.T("survey.conflict")}}
			s.renderSurveyForm(w, r, http.StatusConflict, f)
		})
}

package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"ogpp/internal/plan"
	"ogpp/internal/survey"
)

// surveysView is the list of surveys.
type surveysView struct {
	Surveys []survey.Survey
}

// surveysPage lists the surveys for who runs them.
func (s *Server) surveysPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.surveys.ListSurveys(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "surveys", page{Title: l.T("survey.list.title"), Data: surveysView{Surveys: list}})
}

// surveyView is one survey's page for who runs it.
type surveyView struct {
	Survey survey.Survey
	Link   string
}

// surveyPage shows a survey, its public link and what can be done with it.
func (s *Server) surveyPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "survey", page{Title: locale{Lang: langOf(r)}.Plain(sv.Title), Data: surveyView{Survey: sv,
		Link: "/s/" + strconv.FormatInt(sv.ID, 10)}, Crumbs: []crumb{{Label: locale{Lang: langOf(r)}.T("nav.surveys"), URL: "/surveys"}}})
}

// questionView is a question as the response form shows it.
type questionView struct {
	survey.Question
	Field    string // the input's name: "q." + key
	Values   map[string]bool
	Value    string
	Error    string
	Points   []string // 1 to 5, for a scale
	Optional bool
}

// responseForm is the response form, public or an interviewer's.
type responseForm struct {
	formView
	Survey      survey.Survey
	Sections    []responseSection
	Interviewer bool
	Closed      bool
}

// responseSection is a section of the form.
type responseSection struct {
	Title     plan.Text
	Questions []questionView
}

// responseFormOf builds the form of sv with what was typed and the errors.
func responseFormOf(l locale, sv survey.Survey, posted survey.Answers, fe plan.FieldErrors) responseForm {
	f := responseForm{Survey: sv}
	for _, sec := range sv.Definition.Sections {
		rs := responseSection{Title: sec.Title}
		for _, q := range sec.Questions {
			qv := questionView{Question: q, Field: "q." + q.Key, Values: map[string]bool{}, Optional: !q.Required}
			for _, v := range posted[q.Key] {
				qv.Values[v] = true
			}
			qv.Value = posted.Value(q.Key)
			if q.Kind == survey.Scale {
				qv.Points = []string{"1", "2", "3", "4", "5"}
			}
			if key, ok := fe[qv.Field]; ok {
				qv.Error = fieldMessage(l, key)
				f.add(qv.Field, l.Plain(q.Text)+": "+qv.Error)
			}
			rs.Questions = append(rs.Questions, qv)
		}
		f.Sections = append(f.Sections, rs)
	}
	return f
}

// publicSurveyPage shows an open survey's public form; a survey not open
// says so, and a draft is not found.
func (s *Server) publicSurveyPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	if sv.Status == survey.Draft {
		s.notFound(w, r)
		return
	}
	s.renderResponseForm(w, r, http.StatusOK, sv, nil, nil, false)
}

// enterResponsePage shows the form an interviewer types a paper
// questionnaire into.
func (s *Server) enterResponsePage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	s.renderResponseForm(w, r, http.StatusOK, sv, nil, nil, true)
}

func (s *Server) renderResponseForm(w http.ResponseWriter, r *http.Request, status int, sv survey.Survey, posted survey.Answers, fe plan.FieldErrors, interviewer bool) {
	l := locale{Lang: langOf(r)}
	f := responseFormOf(l, sv, posted, fe)
	f.Interviewer, f.Closed = interviewer, sv.Status != survey.Open
	f.Values = map[string]string{"respondent": r.PostFormValue("respondent")}
	if msg, ok := fe["form"]; ok {
		f.add("form", fieldMessage(l, msg))
	}
	f.Action = "/s/" + strconv.FormatInt(sv.ID, 10)
	var crumbs []crumb
	if interviewer {
		f.Action = "/surveys/" + strconv.FormatInt(sv.ID, 10) + "/enter"
		crumbs = []crumb{{Label: l.T("nav.surveys"), URL: "/surveys"}, {Label: l.Plain(sv.Title), URL: "/surveys/" + strconv.FormatInt(sv.ID, 10)}}
	}
	if status == http.StatusOK && r.URL.Query().Get("done") == "response" {
		// The form is empty again, ready for the next questionnaire.
		f.Values["respondent"] = ""
	}
	s.render(w, r, status, "survey_respond", page{Title: l.Plain(sv.Title), Data: f, Crumbs: crumbs})
}

// submitPublicResponse records a response from the public link. A filled
// honeypot is thanked and forgotten: a robot learns nothing from it.
func (s *Server) submitPublicResponse(w http.ResponseWriter, r *http.Request) {
	s.submitResponse(w, r, false)
}

// submitInterviewerResponse records a paper questionnaire typed in by an
// interviewer, and comes back to an empty form for the next one.
func (s *Server) submitInterviewerResponse(w http.ResponseWriter, r *http.Request) {
	s.submitResponse(w, r, true)
}

func (s *Server) submitResponse(w http.ResponseWriter, r *http.Request, interviewer bool) {
	sv, ok := s.surveyFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	if !interviewer && sv.Status == survey.Draft {
		s.notFound(w, r)
		return
	}
	base := "/s/" + strconv.FormatInt(sv.ID, 10)
	if interviewer {
		base = "/surveys/" + strconv.FormatInt(sv.ID, 10) + "/enter"
	}
	if !interviewer && r.PostForm.Get("website") != "" {
		http.Redirect(w, r, base+"/thanks", http.StatusSeeOther)
		return
	}
	answers := survey.Answers{}
	for _, q := range sv.Questions() {
		if v := r.PostForm["q."+q.Key]; len(v) > 0 {
			answers[q.Key] = v
		}
	}
	channel := survey.ChannelLink
	if interviewer {
		channel = survey.ChannelInterviewer
	}
	_, err := s.surveys.AddResponse(r.Context(), s.actorOf(r), sv.ID, survey.NewResponse{Channel: channel, Respondent: r.PostForm.Get("respondent"), Answers: answers})
	var fe plan.FieldErrors
	switch {
	case errors.As(err, &fe):
		s.renderResponseForm(w, r, http.StatusUnprocessableEntity, sv, answers, fe, interviewer)
	case errors.Is(err, survey.ErrClosed):
		sv.Status = survey.Closed
		s.renderResponseForm(w, r, http.StatusConflict, sv, answers, plan.FieldErrors{"form": "survey.closed"}, interviewer)
	case err != nil:
		s.serverError(w, r, err)
	case interviewer:
		http.Redirect(w, r, base+"?done=response", http.StatusSeeOther)
	default:
		http.Redirect(w, r, base+"/thanks", http.StatusSeeOther)
	}
}

// surveyThanksPage thanks a respondent.
func (s *Server) surveyThanksPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "error", page{Title: l.Plain(sv.Title),
		Data: errorPage{Heading: l.T("survey.thanks.title"), Message: l.T("survey.thanks.body")}})
}

// barView is one bar of a results chart, its geometry in percent of the
// chart's width and pixels of its height.
type barView struct {
	Label       string
	N           int
	Percent     float64
	Width       float64
	Y, TextY    float64
	PercentText string
}

// chartOf lays out counts as horizontal bars.
func chartOf(l locale, counts []survey.Count) ([]barView, float64) {
	var out []barView
	for i, c := range counts {
		y := float64(i) * 44
		out = append(out, barView{Label: c.Label, N: c.N, Percent: c.Percent, Width: min(c.Percent, 100), Y: y + 20, TextY: y + 14,
			PercentText: l.Percent(c.Percent)})
	}
	return out, float64(len(counts))*44 + 4
}

// Percent formats a share in percent with one decimal at most.
func (l locale) Percent(p float64) string {
	if p == float64(int(p)) {
		return strconv.Itoa(int(p)) + "%"
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}

// questionResultView is a question's results with its chart.
type questionResultView struct {
	survey.QuestionResult
	Bars   []barView
	Height float64
	Mean   string
}

// resultsView is a survey's results page.
type resultsView struct {
	Survey    survey.Survey
	Results   survey.Results
	Questions []questionResultView
	Quotas    []survey.QuotaResult
	// Singles are the single-choice questions a cross-tab may use.
	Singles  []survey.Question
	Row, Col string
	Cross    *survey.CrossTab
	CanRead  bool
}

// surveyResultsPage shows counts and percentages with charts, progress
// toward the sample size and the quotas, and a cross-tab (?row=&col=).
func (s *Server) surveyResultsPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	rs, err := s.surveys.ListResponses(r.Context(), sv.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	res := survey.Tally(sv, rs, l.Lang)
	v := resultsView{Survey: sv, Results: res, Quotas: res.Quotas, Row: r.URL.Query().Get("row"), Col: r.URL.Query().Get("col")}
	for _, qr := range res.Questions {
		qv := questionResultView{QuestionResult: qr}
		qv.Bars, qv.Height = chartOf(l, qr.Counts)
		if qr.Question.Kind == survey.Number || qr.Question.Kind == survey.Scale {
			qv.Mean = strconv.FormatFloat(qr.Mean, 'f', 2, 64)
		}
		v.Questions = append(v.Questions, qv)
		if qr.Question.Kind == survey.SingleChoice {
			v.Singles = append(v.Singles, qr.Question)
		}
	}
	if v.Row != "" && v.Col != "" {
		if ct, ok := survey.Cross(sv, rs, v.Row, v.Col, l.Lang); ok {
			v.Cross = &ct
		}
	}
	s.render(w, r, http.StatusOK, "survey_results", page{Title: l.T("survey.results.title") + ": " + l.Plain(sv.Title), Data: v})
}

// exportLabels are the export's column and sheet names in the reader's
// language.
func exportLabels(l locale) survey.ExportLabels {
	return survey.ExportLabels{ID: l.T("survey.export.id"), Channel: l.T("survey.export.channel"), Respondent: l.T("survey.export.respondent"),
		EnteredBy: l.T("survey.export.entered_by"), Time: l.T("survey.export.time"), Responses: l.T("survey.export.responses"),
		Summary: l.T("survey.export.summary"), Question: l.T("survey.export.question"), Answer: l.T("survey.export.answer"),
		Count: l.T("survey.export.count"), Percent: l.T("survey.export.percent")}
}

// surveyExport writes the responses as CSV or XLSX.
func (s *Server) surveyExport(xlsx bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sv, ok := s.surveyFor(w, r)
		if !ok {
			return
		}
		rs, err := s.surveys.ListResponses(r.Context(), sv.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		l := locale{Lang: langOf(r)}
		var buf bytes.Buffer
		name := fmt.Sprintf("survey-%d-responses", sv.ID)
		if xlsx {
			err = survey.WriteXLSX(&buf, sv, rs, l.Lang, exportLabels(l))
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
			name += ".xlsx"
		} else {
			err = survey.WriteCSV(&buf, sv, rs, l.Lang, exportLabels(l))
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			name += ".csv"
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
	}
}

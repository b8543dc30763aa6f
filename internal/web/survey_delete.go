package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/survey"
)

// surveyDeleteView describes the confirmation of deleting sv, saying how
// many responses it hides.
func surveyDeleteView(l locale, sv survey.Survey) workDeleteView {
	id := strconv.FormatInt(sv.ID, 10)
	v := workDeleteView{Name: l.Plain(sv.Title), Warning: l.T("survey.delete.warning"), Submit: l.T("survey.delete.submit"),
		Action: "/surveys/" + id + "/delete", Cancel: "/surveys/" + id, Version: sv.Version, Restorable: true}
	if sv.Responses > 0 {
		v.Hidden = append(v.Hidden, l.N("count.survey_hidden_responses", sv.Responses))
	}
	return v
}

// deleteSurveyPage asks to confirm deleting a survey.
func (s *Server) deleteSurveyPage(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	s.renderWorkDelete(w, r, http.StatusOK, l.T("survey.delete.title"), surveyDeleteView(l, sv))
}

// deleteSurvey soft-deletes a survey: its link, results and responses
// are hidden until an administrator restores it.
func (s *Server) deleteSurvey(w http.ResponseWriter, r *http.Request) {
	sv, ok := s.surveyFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.surveys.DeleteSurvey(r.Context(), s.actorOf(r), sv.ID, postedVersion(r))
	answerWorkDelete(s, w, r, err, "/surveys?done=survey_deleted", l.T("survey.delete.title"), func(cur survey.Survey) workDeleteView {
		return surveyDeleteView(l, cur)
	})
}

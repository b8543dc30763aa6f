package web

import (
	"net/http"
	"strconv"

	"ogpp/internal/scorecard"
)

// scorecardDeleteView describes the confirmation of deleting c, saying
// how many scores it hides.
func scorecardDeleteView(l locale, c scorecard.Scorecard) workDeleteView {
	id := strconv.FormatInt(c.ID, 10)
	v := workDeleteView{Name: l.Plain(c.Title), Warning: l.T("scorecard.delete.warning"), Submit: l.T("scorecard.delete.submit"),
		Action: "/scorecards/" + id + "/delete", Cancel: "/scorecards/" + id, Version: c.Version, Restorable: true}
	scored := 0
	for _, x := range c.Cells {
		if x.Score != nil {
			scored++
		}
	}
	if scored > 0 {
		v.Hidden = append(v.Hidden, l.N("count.scorecard_hidden_scores", scored))
	}
	return v
}

// deleteScorecardPage asks to confirm deleting a scorecard.
func (s *Server) deleteScorecardPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	s.renderWorkDelete(w, r, http.StatusOK, l.T("scorecard.delete.title"), scorecardDeleteView(l, c))
}

// deleteScorecard soft-deletes a scorecard with its scores.
func (s *Server) deleteScorecard(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	l := locale{Lang: langOf(r)}
	err := s.scorecards.DeleteScorecard(r.Context(), s.actorOf(r), c.ID, postedVersion(r))
	answerWorkDelete(s, w, r, err, "/scorecards?done=scorecard_deleted", l.T("scorecard.delete.title"), func(cur scorecard.Scorecard) workDeleteView {
		return scorecardDeleteView(l, cur)
	})
}

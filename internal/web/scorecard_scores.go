package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// scoresView is the table form where every cell of a scorecard is
// entered: a row per subject, a column per criterion, each cell its
// score, evidence and note.
type scoresView struct {
	formView
	Card     scorecard.Scorecard
	Rows     []scoresRow
	Conflict *conflictView
}

// scoresRow is one subject's row of the form.
type scoresRow struct {
	Subject scorecard.Subject
	Cells   []scoresCell
}

// scoresCell is one cell's inputs, named by subject and criterion.
type scoresCell struct {
	Key                   string // "<subject>-<criterion>"
	Criterion             scorecard.Criterion
	Score, Evidence, Note string
	Error                 string
}

// cellKey names a cell's inputs.
func cellKey(subjectID, criterionID int64) string {
	return strconv.FormatInt(subjectID, 10) + "-" + strconv.FormatInt(criterionID, 10)
}

// storedCellValues turns a scorecard's cells into form values.
func storedCellValues(c scorecard.Scorecard) map[string]string {
	v := map[string]string{"version": strconv.Itoa(c.Version)}
	for _, x := range c.Cells {
		k := cellKey(x.SubjectID, x.CriterionID)
		if x.Score != nil {
			v["score-"+k] = strconv.Itoa(*x.Score)
		}
		v["evidence-"+k], v["note-"+k] = x.Evidence, x.Note
	}
	return v
}

func (s *Server) renderScores(w http.ResponseWriter, r *http.Request, status int, v scoresView, fe plan.FieldErrors) {
	l := locale{Lang: langOf(r)}
	anchor := map[string]string{}
	for _, sub := range v.Card.Subjects {
		for _, cr := range v.Card.Criteria {
			anchor[scorecard.CellField(sub.ID, cr.ID)] = "score-" + cellKey(sub.ID, cr.ID)
		}
	}
	v.Errors = editErrors(l, fe, nil, anchor)
	v.Rows = nil
	for _, sub := range v.Card.Subjects {
		row := scoresRow{Subject: sub}
		for _, cr := range v.Card.Criteria {
			k := cellKey(sub.ID, cr.ID)
			cell := scoresCell{Key: k, Criterion: cr, Score: v.Values["score-"+k], Evidence: v.Values["evidence-"+k], Note: v.Values["note-"+k]}
			if key, ok := fe[scorecard.CellField(sub.ID, cr.ID)]; ok {
				cell.Error = fieldMessage(l, key)
				if key == "scorecard.score.out_of_scale" {
					cell.Error = l.T("scorecard.score.out_of_scale", cr.Min, cr.Max)
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	// The summary's messages name the cell, which the table's position
	// gives a sighted reader but a list of links does not.
	for i, e := range v.Errors {
		for _, row := range v.Rows {
			for _, c := range row.Cells {
				if e.Field == "score-"+c.Key {
					v.Errors[i].Message = fmt.Sprintf("%s, %s: %s", l.Plain(row.Subject.Name), l.Plain(c.Criterion.Title), c.Error)
				}
			}
		}
	}
	v.Action = "/scorecards/" + strconv.FormatInt(v.Card.ID, 10) + "/scores"
	s.render(w, r, status, "scorecard_scores", page{Title: l.T("scorecard.scores.title"),
		Crumbs: []crumb{{Label: l.T("scorecards.title"), URL: "/scorecards"}, {Label: l.Plain(v.Card.Title), URL: "/scorecards/" + strconv.FormatInt(v.Card.ID, 10)}}, Data: v})
}

// scoresPage shows the table form with the stored cells.
func (s *Server) scoresPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	s.renderScores(w, r, http.StatusOK, scoresView{Card: c, formView: formView{Values: storedCellValues(c)}}, nil)
}

// saveScores saves every cell of the posted table in one write: a score
// that is not a whole number or lies outside its criterion's scale sends
// the whole table back with what was typed, and nothing is saved.
func (s *Server) saveScores(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok || !s.readEditForm(w, r) {
		return
	}
	form := r.PostForm
	v := map[string]string{}
	keep(form, v, "version")
	bad := plan.FieldErrors{}
	var cells []scorecard.Cell
	for _, sub := range c.Subjects {
		for _, cr := range c.Criteria {
			k := cellKey(sub.ID, cr.ID)
			keep(form, v, "score-"+k, "evidence-"+k, "note-"+k)
			x := scorecard.Cell{SubjectID: sub.ID, CriterionID: cr.ID, Evidence: form.Get("evidence-" + k), Note: form.Get("note-" + k)}
			if raw := strings.TrimSpace(form.Get("score-" + k)); raw != "" {
				n, err := strconv.Atoi(raw)
				if err != nil {
					bad[scorecard.CellField(sub.ID, cr.ID)] = "scorecard.score.invalid"
				} else {
					x.Score = &n
				}
			}
			cells = append(cells, x)
		}
	}
	view := scoresView{Card: c, formView: formView{Values: v}}
	refuse := func(fe plan.FieldErrors) { s.renderScores(w, r, http.StatusUnprocessableEntity, view, fe) }
	if len(bad) > 0 {
		withDomainErrors(bad, func() plan.FieldErrors { return c.ValidateCells(cells) })
		refuse(bad)
		return
	}
	err := s.scorecards.SaveCells(r.Context(), s.actorOf(r), c.ID, postedVersion(r), cells)
	answerSave(s, w, r, err, "/scorecards/"+strconv.FormatInt(c.ID, 10)+"?done=saved", refuse,
		func(current scorecard.Scorecard) {
			view.Card = current
			view.Conflict = s.scoresConflict(r, current, v)
			view.Values["version"] = strconv.Itoa(current.Version)
			s.renderScores(w, r, http.StatusConflict, view, nil)
		})
}

// scoresConflict compares the cells saved meanwhile with the posted ones,
// naming each cell by its subject and criterion.
func (s *Server) scoresConflict(r *http.Request, current scorecard.Scorecard, yours map[string]string) *conflictView {
	l := locale{Lang: langOf(r)}
	labels := map[string]string{}
	var order []string
	for _, sub := range current.Subjects {
		for _, cr := range current.Criteria {
			k := cellKey(sub.ID, cr.ID)
			cell := l.Plain(sub.Name) + ", " + l.Plain(cr.Title) + ": "
			for _, f := range []string{"score", "evidence", "note"} {
				order = append(order, f+"-"+k)
				labels[f+"-"+k] = cell + l.T("scorecard."+f)
			}
		}
	}
	by, at := s.lastChange(r.Context(), scorecard.EntityScorecard, current.ID)
	return &conflictView{By: by, At: at, Changes: compareForms(order, labels, storedCellValues(current), yours)}
}

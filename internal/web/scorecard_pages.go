package web

import (
	"errors"
	"net/http"
	"strconv"

	"ogpp/internal/access"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
)

// needScorecards answers 404 on a server built without a scorecard store.
func (s *Server) needScorecards(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.scorecards == nil {
			s.notFound(w, r)
			return
		}
		h(w, r)
	}
}

// scorecardAudience tells the guard whether the scorecard a request names
// is still a draft, which only who manages scorecards may read.
func (s *Server) scorecardAudience(r *http.Request) (access.Resource, error) {
	if s.scorecards == nil {
		return access.Resource{}, plan.ErrNotFound
	}
	id, ok := pathInt(r, "id")
	if !ok {
		return access.Resource{}, plan.ErrNotFound
	}
	c, err := s.scorecards.GetScorecard(r.Context(), id)
	if err != nil {
		return access.Resource{}, err
	}
	return access.Resource{Unpublished: c.Status != scorecard.Published}, nil
}

// scorecardFor reads the scorecard the path names, answering 404 itself
// when there is none.
func (s *Server) scorecardFor(w http.ResponseWriter, r *http.Request) (scorecard.Scorecard, bool) {
	id, ok := pathInt(r, "id")
	if !ok {
		s.notFound(w, r)
		return scorecard.Scorecard{}, false
	}
	c, err := s.scorecards.GetScorecard(r.Context(), id)
	switch {
	case err == nil:
		return c, true
	case errors.Is(err, plan.ErrNotFound):
		s.notFound(w, r)
	default:
		s.serverError(w, r, err)
	}
	return c, false
}

// mayManageScorecards reports whether the sender may edit scorecards, so
// that pages offer only what will work.
func (s *Server) mayManageScorecards(r *http.Request) bool {
	return access.Can(s.subjectOf(r), access.ManageScorecards, access.Resource{})
}

// scorecardsView is the list of scorecards.
type scorecardsView struct {
	Items  []scorecard.Summary
	Manage bool
}

// scorecardsPage lists the published scorecards; who manages them sees
// the drafts as well.
func (s *Server) scorecardsPage(w http.ResponseWriter, r *http.Request) {
	manage := s.mayManageScorecards(r)
	items, err := s.scorecards.ListScorecards(r.Context(), !manage)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l := locale{Lang: langOf(r)}
	s.render(w, r, http.StatusOK, "scorecards", page{Title: l.T("scorecards.title"),
		Data: scorecardsView{Items: items, Manage: manage}})
}

// scorecardRow is one subject's row of the comparison table, in ranking
// order.
type scorecardRow struct {
	Total   scorecard.Total
	Percent string
	Cells   []scorecard.Cell
}

// scorecardView is the public comparison of one scorecard.
type scorecardView struct {
	Card   scorecard.Scorecard
	Rows   []scorecardRow
	Chart  scoreChart
	Manage bool
}

// scorecardRows builds the table's rows in ranking order.
func scorecardRows(l locale, c *scorecard.Scorecard) []scorecardRow {
	var out []scorecardRow
	for _, t := range c.Totals() {
		row := scorecardRow{Total: t}
		if t.Share != nil {
			row.Percent = sharePercent(l.Lang, t.Percent())
		}
		for _, cr := range c.Criteria {
			row.Cells = append(row.Cells, c.Cell(t.Subject.ID, cr.ID))
		}
		out = append(out, row)
	}
	return out
}

// scorecardPage shows a scorecard: its criteria, the comparison table
// ranked by total, and the chart of the totals with the table as its
// text.
func (s *Server) scorecardPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	rows := scorecardRows(l, &c)
	s.render(w, r, http.StatusOK, "scorecard", page{Title: l.Plain(c.Title),
		Crumbs: []crumb{{Label: l.T("scorecards.title"), URL: "/scorecards"}},
		Data:   scorecardView{Card: c, Rows: rows, Chart: newScoreChart(l, rows), Manage: s.mayManageScorecards(r)}})
}

// scorecardCSV is the comparison as CSV, one row per cell, with the
// subject's total and rank on each, so that a spreadsheet can pivot it.
func (s *Server) scorecardCSV(w http.ResponseWriter, r *http.Request) {
	c, ok := s.scorecardFor(w, r)
	if !ok {
		return
	}
	l := locale{Lang: langOf(r)}
	cw := csvWriter(w, "scorecard-"+strconv.FormatInt(c.ID, 10)+".csv", []string{"rank", "organisation_id", "organisation", "total_percent",
		"scored_cells", "cells", "criterion_id", "criterion", "weight", "min", "max", "score", "evidence", "note"})
	for _, row := range scorecardRows(l, &c) {
		t := row.Total
		rank, pct := "", ""
		if t.Share != nil {
			rank = strconv.Itoa(t.Rank)
			pct = strconv.FormatFloat(t.Percent(), 'f', 2, 64)
		}
		for i, cr := range c.Criteria {
			x := row.Cells[i]
			score := ""
			if x.Score != nil {
				score = strconv.Itoa(*x.Score)
			}
			cw.Write([]string{rank, strconv.FormatInt(t.Subject.OrganisationID, 10), l.Plain(t.Subject.Name), pct, strconv.Itoa(t.Scored),
				strconv.Itoa(t.Cells), strconv.FormatInt(cr.ID, 10), l.Plain(cr.Title), strconv.Itoa(cr.Weight), strconv.Itoa(cr.Min),
				strconv.Itoa(cr.Max), score, x.Evidence, x.Note})
		}
	}
	cw.Flush()
}

// scoreChart is the chart of the totals: one horizontal bar per subject,
// its length the total's share of the maximum, drawn by the template as
// SVG; subjects without a score have no bar and say so.
type scoreChart struct {
	Height     float64
	LabelShare int
	Bars       []scoreBar
}

// scoreBar is one subject's bar.
type scoreBar struct {
	Label, Title, Value    string
	Width                  float64
	LabelY, BarY, ValueY   float64
	BarHeight, LabelHeight float64
	Top                    float64
	Scored                 bool
}

func newScoreChart(l locale, rows []scorecardRow) scoreChart {
	c := scoreChart{Height: chartRowHeight * float64(len(rows)), LabelShare: chartLabelShare}
	for i, row := range rows {
		top := chartRowHeight * float64(i)
		name := l.Plain(row.Total.Subject.Name)
		b := scoreBar{Label: chartShorten(name, chartLabelRunes), Title: name, Top: top, LabelHeight: chartBarTop, LabelY: chartLabelLine,
			ValueY: top + chartLabelLine, BarY: top + chartBarTop, BarHeight: chartBarHeight, Scored: row.Total.Share != nil}
		if b.Scored {
			b.Width = svgUnit(row.Total.Percent())
			b.Value = row.Percent
		} else {
			b.Value = l.T("scorecard.unscored")
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

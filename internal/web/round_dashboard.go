package web

import (
	"fmt"
	"net/http"
	"strconv"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// dashboardData is what the round's dashboard shows, laid out for the
// template; every figure comes from monitor.Summarise.
type dashboardData struct {
	roundFigures
	// Rounds are the plan's rounds the reader may see, to move between.
	Rounds []monitor.Round
	// Levels are the completion levels the tables have columns for.
	Levels       []levelCell
	Legend       []levelCell
	Overall      groupRow
	OverallChart chartView
	AreaChart    chartView
	Areas        []groupRow
	Executors    []groupRow
	Overdue      []progressMeasure
	Starred      []progressMeasure
	Changes      []changeRow
	ChangeCounts []changeCount
	FeedURL      string
	// The tables, with what their shared templates need.
	AreaTable, ExecutorTable groupTable
	OverdueList, StarredList measureList
}

// groupTable is a table of distributions, one row per area or executor.
type groupTable struct {
	L                   locale
	ID, Caption, Header string
	Levels              []levelCell
	Rows                []groupRow
	// Areas says the rows are areas, which are named with their number
	// and may be the measures outside any area.
	Areas bool
}

// measureList is a table of measures with their completion.
type measureList struct {
	L           locale
	ID, Caption string
	Items       []progressMeasure
	// ShowEnd adds the end of each measure's period.
	ShowEnd bool
}

// progressMeasure is a measure listed on the dashboard with its completion
// in the round.
type progressMeasure struct {
	Measure    plan.Measure
	Completion levelCell
}

// changeRow is a measure whose completion is compared with the previous
// round.
type changeRow struct {
	Measure       plan.Measure
	Previous, Now levelCell
	Change        monitor.ChangeKind
}

// changeCount is how many measures moved one way.
type changeCount struct {
	Change monitor.ChangeKind
	Count  int
}

// roundDashboard shows a round's progress: the overall distribution, a
// chart and a table of completion by area, the executors' scorecard,
// overdue and starred measures and the change since the previous round.
// The guard has already let only monitors through to an unpublished round.
func (s *Server) roundDashboard(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.roundOr404(w, r)
	if !ok {
		return
	}
	f, err := s.figuresOf(r.Context(), rd)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// The rounds to move between are those figuresOf read, unless a monitor
	// looks at a published round: then the unpublished ones are added.
	rounds := f.PlanRounds
	if rd.Public() && s.seesUnpublished(r) {
		if rounds, err = s.visibleRounds(r, rd.PlanID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	l := locale{Lang: langOf(r)}
	d := newDashboardData(l, f)
	d.Rounds = rounds
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	d.FeedURL = planURL + "/assessments.atom"
	s.render(w, r, http.StatusOK, "dashboard", page{
		Title:  l.Plain(rd.Name) + " · " + l.Plain(f.Plan.Title),
		Crumbs: []crumb{{l.T("nav.plans"), "/"}, {l.Plain(f.Plan.Title), planURL}},
		Data:   d,
	})
}

// newDashboardData lays a round's figures out for the page.
func newDashboardData(l locale, f roundFigures) dashboardData {
	p := f.Progress
	d := dashboardData{roundFigures: f}
	levels := shownLevels(p.Overall)
	for _, c := range levels {
		d.Levels = append(d.Levels, levelCell{Key: levelKey(c), Label: levelLabel(l, c)})
	}
	for _, c := range chartLevels() {
		if (c == "" && p.Overall.Unassessed == 0) || (c != "" && c.Rank() < 0 && p.Overall.Counts[c] == 0) {
			continue
		}
		d.Legend = append(d.Legend, levelCell{Key: levelKey(c), Label: levelLabel(l, c)})
	}
	d.Overall = newGroupRow(l, levels, monitor.GroupProgress{Distribution: p.Overall})
	d.OverallChart = chartView{L: l, ID: "chart-overall", Title: l.T("progress.overall.chart"), Desc: l.T("progress.chart.desc"), Defs: true,
		Chart: newStackedChart(l, []chartRow{{Label: l.T("progress.chart.all"), Distribution: p.Overall}})}
	planURL := "/plans/" + strconv.FormatInt(f.Plan.ID, 10)
	var rows []chartRow
	for _, a := range p.Areas {
		row := newGroupRow(l, levels, a)
		label := l.T("progress.noarea")
		row.URL = planURL + "?area=none#measures"
		if a.ID != 0 {
			label = l.Plain(a.Name)
			if label == "" {
				label = l.T("area.untitled")
			}
			if a.Number != "" {
				label = a.Number + ". " + label
			}
			row.URL = fmt.Sprintf("%s?area=%d#measures", planURL, a.ID)
		}
		d.Areas = append(d.Areas, row)
		rows = append(rows, chartRow{ID: a.ID, Label: label, Distribution: a.Distribution})
	}
	d.AreaChart = chartView{L: l, ID: "chart-areas", Title: l.T("progress.areas.chart"), Desc: l.T("progress.chart.desc"), Chart: newStackedChart(l, rows)}
	for _, e := range p.Executors {
		row := newGroupRow(l, levels, e)
		row.URL = "/organisations/" + strconv.FormatInt(e.ID, 10)
		d.Executors = append(d.Executors, row)
	}
	completion := func(m plan.Measure) levelCell {
		c := f.Assessments[m.ID].Completion
		return levelCell{Key: levelKey(c), Label: levelLabel(l, c)}
	}
	for _, m := range p.Overdue {
		d.Overdue = append(d.Overdue, progressMeasure{Measure: m, Completion: completion(m)})
	}
	for _, m := range p.Starred {
		d.Starred = append(d.Starred, progressMeasure{Measure: m, Completion: completion(m)})
	}
	for _, c := range p.Changes {
		d.Changes = append(d.Changes, changeRow{Measure: c.Measure, Change: c.Change,
			Previous: levelCell{Key: levelKey(c.Previous), Label: levelLabel(l, c.Previous)},
			Now:      levelCell{Key: levelKey(c.Now), Label: levelLabel(l, c.Now)}})
	}
	d.AreaTable = groupTable{L: l, ID: "areas-table", Caption: l.T("progress.areas.table"), Header: l.T("progress.area"), Levels: d.Levels, Rows: d.Areas, Areas: true}
	d.ExecutorTable = groupTable{L: l, ID: "executors-table", Caption: l.T("progress.executors.table"), Header: l.T("progress.executor"), Levels: d.Levels, Rows: d.Executors}
	d.OverdueList = measureList{L: l, ID: "overdue-table", Caption: l.T("progress.overdue"), Items: d.Overdue, ShowEnd: true}
	d.StarredList = measureList{L: l, ID: "starred-table", Caption: l.T("progress.starred"), Items: d.Starred}
	if p.HasPrevious {
		for _, k := range monitor.ChangeKinds {
			d.ChangeCounts = append(d.ChangeCounts, changeCount{Change: k, Count: p.ChangeCounts[k]})
		}
	}
	return d
}

package opendata

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// readIRM reads the embedded data set with its monitoring, failing the test
// on any problem.
func readIRM(t *testing.T) (*plan.Bundle, *monitor.Bundle) {
	t.Helper()
	b, m, ps, err := ReadOGPAll(bytes.NewReader(ogpCSV), false)
	if err != nil || len(ps) > 0 {
		t.Fatalf("ReadOGPAll: %v %v", err, ps)
	}
	if b == nil || m == nil {
		t.Fatal("ReadOGPAll gave no bundle")
	}
	return b, m
}

// assessmentsByRound indexes a bundle's assessments by round external id
// and measure external id.
func assessmentsByRound(m *monitor.Bundle) map[string]map[string]monitor.BundleAssessment {
	out := map[string]map[string]monitor.BundleAssessment{}
	for _, r := range m.Rounds {
		out[r.ExternalID] = map[string]monitor.BundleAssessment{}
		for _, a := range r.Assessments {
			out[r.ExternalID][a.Measure] = a
		}
	}
	return out
}

// The acceptance: on every row of the data set where the IRM rated
// all four inputs of the star, ogpp's star is the IRM's.
func TestOGPStarsMatchIRM(t *testing.T) {
	header, rows := ogpRecords(t)
	_, m := readIRM(t)
	byRound := assessmentsByRound(m)
	col := func(name string) int { return column(t, header, name) }
	id, planID := col(colID), col(colPlanID)
	tests := []struct {
		suffix, starred, published string
		// compared is how many rows the data set lets us compare: all four
		// inputs rated and the IRM's star given.
		compared int
	}{
		{"/progress", "Starred (Current Formula) Progress Report", "Report Publication Year (Progress Report)", 206},
		{"/end-of-term", "Starred (Current Formula) End of Term", "Report Publication Year (End Of Term)", 170},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.suffix, "/"), func(t *testing.T) {
			starred, published := col(tt.starred), col(tt.published)
			compared, unstarred, stars := 0, 0, 0
			for i, rec := range rows {
				line := i + 2
				irm := rec[starred]
				a, assessed := byRound[rec[planID]+tt.suffix][rec[id]]
				if irm == "1" && !(assessed && monitor.StarRated(a.Rating)) {
					// A star ogpp cannot rate would mean a rating lost
					// on the way in.
					t.Errorf("row %d (%s): the IRM starred it but ogpp lacks an input: %+v", line, rec[id], a.Rating)
				}
				if !assessed || !monitor.StarRated(a.Rating) {
					continue
				}
				if noValue(irm) {
					// The IRM's results reports (from 2021) give no star.
					if y, _ := strconv.Atoi(rec[published]); y < 2021 {
						t.Errorf("row %d (%s): rated in a report of %q but %s is %q", line, rec[id], rec[published], tt.starred, irm)
					}
					unstarred++
					continue
				}
				compared++
				if got, want := monitor.Starred(a.Rating), irm == "1"; got != want {
					t.Errorf("row %d (%s): ogpp's star %v, the IRM's %q (%+v)", line, rec[id], got, irm, a.Rating)
				}
				if irm == "1" {
					stars++
				}
			}
			t.Logf("%s: %d rows compared (%d starred), %d rated rows from results reports without a star", tt.starred, compared, stars, unstarred)
			if compared != tt.compared {
				t.Errorf("compared %d rows, want %d", compared, tt.compared)
			}
			if stars == 0 || compared == stars {
				t.Errorf("%d of %d compared rows starred: the comparison proves nothing", stars, compared)
			}
		})
	}
}

// ogpp's change between the two rounds is the IRM's "Change In Completion"
// wherever both can be had. Where they differ the data set contradicts
// itself: its numeric twin of the column agrees with ogpp.
func TestOGPChangeMatchesIRM(t *testing.T) {
	header, rows := ogpRecords(t)
	_, m := readIRM(t)
	byRound := assessmentsByRound(m)
	id, planID, twin := column(t, header, colID), column(t, header, colPlanID), column(t, header, "_ChangeCompletion")
	compared := 0
	var selfContradicting []string
	for i, rec := range rows {
		prev, ok1 := byRound[rec[planID]+"/progress"][rec[id]]
		cur, ok2 := byRound[rec[planID]+"/end-of-term"][rec[id]]
		if !ok1 || !ok2 || cur.Change == "" {
			continue
		}
		got := monitor.Change(prev.Completion, cur.Completion)
		if got == "" {
			continue
		}
		compared++
		if got == cur.Change {
			continue
		}
		n, err := strconv.Atoi(rec[twin])
		sign := map[bool]monitor.ChangeKind{true: monitor.ChangeIncrease, false: monitor.ChangeDecrease}[n > 0]
		if n == 0 {
			sign = monitor.ChangeNone
		}
		if err != nil || sign != got {
			t.Errorf("row %d (%s): ogpp's change %q (%s → %s), the IRM's %q, its numeric twin %q", i+2, rec[id], got, prev.Completion, cur.Completion, cur.Change, rec[twin])
		}
		selfContradicting = append(selfContradicting, rec[id])
	}
	t.Logf("change compared on %d rows; the data set contradicts itself on %v", compared, selfContradicting)
	if compared < 140 {
		t.Errorf("change compared on %d rows, want the 144 where both rounds rate completion", compared)
	}
	if want := []string{"BG0028", "FR0026"}; !slices.Equal(selfContradicting, want) {
		t.Errorf("rows whose change disagrees = %v, want %v", selfContradicting, want)
	}
}

func TestReadOGPAllEmbedded(t *testing.T) {
	b, m := readIRM(t)
	kinds := map[monitor.RoundKind]int{}
	assessments := 0
	plans := map[string]bool{}
	for _, p := range b.Plans {
		plans[p.ExternalID] = true
	}
	for _, r := range m.Rounds {
		kinds[r.Kind]++
		assessments += len(r.Assessments)
		if !plans[r.Plan] || r.Status != monitor.RoundPublished || r.Source != IRMSource || len(r.Assessments) == 0 {
			t.Errorf("round %s: plan %q, status %q, source %q, %d assessments", r.ExternalID, r.Plan, r.Status, r.Source, len(r.Assessments))
		}
		for _, lang := range []string{"az", "en", "ru"} {
			if r.Name[lang] == "" {
				t.Errorf("round %s has no name in %s", r.ExternalID, lang)
			}
		}
	}
	if kinds[monitor.KindMidTerm] != 85 || kinds[monitor.KindEndOfTerm] != 132 || assessments != 551 {
		t.Errorf("rounds = %v, assessments = %d; want 85 progress and 132 end-of-term reports, 551 assessments", kinds, assessments)
	}

	// AP_ALB03: both reports; AL0050 rated in both.
	var got []string
	for _, r := range m.Rounds {
		if r.Plan == "AP_ALB03" {
			got = append(got, r.ExternalID+" "+string(r.Kind)+" "+r.Period.Text+" "+r.Period.Start.String()+" "+r.Period.End.String())
		}
	}
	want := []string{
		"AP_ALB03/progress mid_term 2016-2017 2016-01-01 2017-12-31",
		"AP_ALB03/end-of-term end_of_term 2016-2018 2016-01-01 2018-12-31",
	}
	if !slices.Equal(got, want) {
		t.Errorf("AP_ALB03's rounds = %q, want %q", got, want)
	}
	byRound := assessmentsByRound(m)
	yes := true
	design := monitor.Rating{Verifiable: &yes, Relevance: []plan.OGPValue{plan.ValueAccessToInformation}, RelevanceRated: true, Impact: monitor.ImpactModerate}
	progress, end := design, design
	progress.Completion = monitor.Limited
	end.Completion, end.Opened = monitor.Substantial, monitor.OpenedMajor
	checkAssessment(t, byRound["AP_ALB03/progress"]["AL0050"], monitor.BundleAssessment{Measure: "AL0050", Rating: progress})
	checkAssessment(t, byRound["AP_ALB03/end-of-term"]["AL0050"], monitor.BundleAssessment{Measure: "AL0050", Rating: end, Change: monitor.ChangeIncrease})

	// AP_ALB01's end-of-term report rated none of its commitments.
	if _, ok := byRound["AP_ALB01/end-of-term"]; ok {
		t.Error("AP_ALB01 has an end-of-term round although no commitment of it is rated there")
	}
	if _, ok := byRound["AP_ALB01/progress"]; !ok {
		t.Error("AP_ALB01 has no progress round")
	}
}

func checkAssessment(t *testing.T, got, want monitor.BundleAssessment) {
	t.Helper()
	if g, w := describe(got), describe(want); g != w {
		t.Errorf("assessment of %s:\n got %s\nwant %s", want.Measure, g, w)
	}
}

// describe spells an assessment out for comparison.
func describe(a monitor.BundleAssessment) string {
	v := "unrated"
	if a.Verifiable != nil {
		v = strconv.FormatBool(*a.Verifiable)
	}
	return strings.Join([]string{a.Measure, "completion=" + string(a.Completion), "verifiable=" + v,
		"relevance=" + strings.Join(valueStrings(a.Relevance), ",") + "/" + strconv.FormatBool(a.RelevanceRated),
		"impact=" + string(a.Impact), "opened=" + string(a.Opened), "early=" + string(a.EarlyResults),
		"change=" + string(a.Change)}, " ")
}

// Each of the IRM's columns on its own, in a one-row file.
func TestReadOGPAllRatings(t *testing.T) {
	header, rows := ogpRecords(t)
	yes, no := true, false
	// base is what row AL0002 holds, with an end-of-term report added.
	baseCells := map[string]string{
		"Verifiable": "Yes", colValueAccess: "1", colValueCivic: "0", colValueAcct: "1", colValueTech: "1",
		"Potential Impact": "Moderate", "Completion (Progress Report)": "Substantial", "Completion (End Of Term)": "Complete",
		"Change In Completion": "Increase", "Did It Open Government (Overall)": "Major", "Early Results": "ND",
	}
	design := monitor.Rating{Verifiable: &yes, RelevanceRated: true, Impact: monitor.ImpactModerate,
		Relevance: []plan.OGPValue{plan.ValueAccessToInformation, plan.ValuePublicAccountability, plan.ValueTechnology}}
	tests := []struct {
		name  string
		cells map[string]string
		// change edits the expected ratings of both rounds; progress
		// and end say whether each round rates the commitment.
		change        func(progress, end *monitor.BundleAssessment)
		progress, end bool
	}{
		{"as is", nil, func(p, e *monitor.BundleAssessment) {}, true, true},
		{"verifiable 1", map[string]string{"Verifiable": "1"}, func(p, e *monitor.BundleAssessment) {}, true, true},
		{"not verifiable", map[string]string{"Verifiable": "No"}, func(p, e *monitor.BundleAssessment) { p.Verifiable, e.Verifiable = &no, &no }, true, true},
		{"verifiability not reviewed", map[string]string{"Verifiable": "NR"}, func(p, e *monitor.BundleAssessment) { p.Verifiable, e.Verifiable = nil, nil }, true, true},
		{"relevant to none", map[string]string{colValueAccess: "0", colValueAcct: "0", colValueTech: "0"}, func(p, e *monitor.BundleAssessment) {
			p.Relevance, e.Relevance = nil, nil
		}, true, true},
		{"relevance not rated", map[string]string{colValueAccess: "ND", colValueCivic: "ND", colValueAcct: "ND", colValueTech: "NR"}, func(p, e *monitor.BundleAssessment) {
			p.Relevance, e.Relevance, p.RelevanceRated, e.RelevanceRated = nil, nil, false, false
		}, true, true},
		{"relevance partly rated", map[string]string{colValueAccess: "ND", colValueCivic: "1", colValueAcct: "ND", colValueTech: "ND"}, func(p, e *monitor.BundleAssessment) {
			p.Relevance, e.Relevance = []plan.OGPValue{plan.ValueCivicParticipation}, []plan.OGPValue{plan.ValueCivicParticipation}
		}, true, true},
		{"impact none", map[string]string{"Potential Impact": "None"}, func(p, e *monitor.BundleAssessment) { p.Impact, e.Impact = monitor.ImpactNone, monitor.ImpactNone }, true, true},
		{"impact transformative", map[string]string{"Potential Impact": "Transformative"}, func(p, e *monitor.BundleAssessment) {
			p.Impact, e.Impact = monitor.ImpactTransformative, monitor.ImpactTransformative
		}, true, true},
		{"withdrawn", map[string]string{"Completion (Progress Report)": "Withdrawn", "Completion (End Of Term)": "NR", "Change In Completion": "NR", "Did It Open Government (Overall)": "NR"}, func(p, e *monitor.BundleAssessment) {
			p.Completion = monitor.Withdrawn
		}, true, false},
		{"letter case", map[string]string{"Completion (Progress Report)": "not started", "Completion (End Of Term)": " UNCLEAR "}, func(p, e *monitor.BundleAssessment) {
			p.Completion, e.Completion = monitor.NotStarted, monitor.Unclear
		}, true, true},
		{"limited to limited", map[string]string{"Completion (Progress Report)": "Limited", "Completion (End Of Term)": "Limited", "Change In Completion": "No Change"}, func(p, e *monitor.BundleAssessment) {
			p.Completion, e.Completion, e.Change = monitor.Limited, monitor.Limited, monitor.ChangeNone
		}, true, true},
		{"decrease", map[string]string{"Change In Completion": "Decrease"}, func(p, e *monitor.BundleAssessment) { e.Change = monitor.ChangeDecrease }, true, true},
		{"change not applicable", map[string]string{"Change In Completion": "NA"}, func(p, e *monitor.BundleAssessment) { e.Change = "" }, true, true},
		{"worsens", map[string]string{"Did It Open Government (Overall)": "Worsens"}, func(p, e *monitor.BundleAssessment) { e.Opened = monitor.OpenedWorsened }, true, true},
		{"did not change", map[string]string{"Did It Open Government (Overall)": "Did Not Change"}, func(p, e *monitor.BundleAssessment) { e.Opened = monitor.OpenedDidNotChange }, true, true},
		{"outstanding", map[string]string{"Did It Open Government (Overall)": "Outstanding"}, func(p, e *monitor.BundleAssessment) { e.Opened = monitor.OpenedOutstanding }, true, true},
		{"too early", map[string]string{"Did It Open Government (Overall)": "No early results to report yet"}, func(p, e *monitor.BundleAssessment) { e.Opened = monitor.OpenedTooEarly }, true, true},
		{"early results", map[string]string{"Early Results": "No notable results", "Did It Open Government (Overall)": "ND"}, func(p, e *monitor.BundleAssessment) {
			e.Opened, e.EarlyResults = "", monitor.ResultsNoneNotable
		}, true, true},
		{"significant results alone", map[string]string{"Early Results": "Significant", "Did It Open Government (Overall)": "ND", "Completion (End Of Term)": "ND", "Change In Completion": "ND"}, func(p, e *monitor.BundleAssessment) {
			e.Opened, e.EarlyResults, e.Completion, e.Change = "", monitor.ResultsSignificant, "", ""
		}, true, true},
		{"end of term only", map[string]string{"Completion (Progress Report)": "ND"}, func(p, e *monitor.BundleAssessment) {}, false, true},
		{"never reviewed", map[string]string{"Completion (Progress Report)": "NR", "Completion (End Of Term)": "NR", "Change In Completion": "NR", "Did It Open Government (Overall)": "NR"},
			func(p, e *monitor.BundleAssessment) {}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := slices.Clone(rows[0])
			for c, v := range baseCells {
				row[column(t, header, c)] = v
			}
			for c, v := range tt.cells {
				row[column(t, header, c)] = v
			}
			_, m, ps, err := ReadOGPAll(ogpFile(t, header, [][]string{row}), false)
			if err != nil || len(ps) > 0 {
				t.Fatalf("ReadOGPAll: %v %v", err, ps)
			}
			progress := monitor.BundleAssessment{Measure: "AL0002", Rating: design}
			progress.Relevance = slices.Clone(design.Relevance)
			progress.Completion = monitor.Substantial
			end := monitor.BundleAssessment{Measure: "AL0002", Rating: design, Change: monitor.ChangeIncrease}
			end.Relevance = slices.Clone(design.Relevance)
			end.Completion, end.Opened = monitor.Complete, monitor.OpenedMajor
			tt.change(&progress, &end)
			byRound := assessmentsByRound(m)
			var rounds []string
			for _, r := range m.Rounds {
				rounds = append(rounds, r.ExternalID)
			}
			var want []string
			if tt.progress {
				want = append(want, "AP_ALB01/progress")
				checkAssessment(t, byRound["AP_ALB01/progress"]["AL0002"], progress)
			}
			if tt.end {
				want = append(want, "AP_ALB01/end-of-term")
				checkAssessment(t, byRound["AP_ALB01/end-of-term"]["AL0002"], end)
			}
			if !slices.Equal(rounds, want) {
				t.Errorf("rounds = %v, want %v", rounds, want)
			}
		})
	}
}

// Each round owns its ratings: changing one round's relevance must not
// change the other's.
func TestReadOGPAllRoundsShareNothing(t *testing.T) {
	_, m := readIRM(t)
	byRound := assessmentsByRound(m)
	p, e := byRound["AP_ALB03/progress"]["AL0050"], byRound["AP_ALB03/end-of-term"]["AL0050"]
	if len(p.Relevance) == 0 || len(e.Relevance) == 0 {
		t.Fatal("AL0050 has no relevance")
	}
	p.Relevance[0] = plan.ValueTechnology
	if e.Relevance[0] == plan.ValueTechnology {
		t.Error("the two rounds share one relevance list")
	}
	if p.Verifiable == e.Verifiable {
		t.Error("the two rounds share one verifiable flag")
	}
}

// A value that fits no scale still refuses the file (row, column, value),
// and with skipping the row is left out of monitoring as of the registry.
func TestReadOGPAllProblems(t *testing.T) {
	header, rows := ogpRecords(t)
	rows = slices.Clone(rows[:3])
	rows[1] = slices.Clone(rows[1])
	rows[1][column(t, header, "Completion (Progress Report)")] = "Halfway"
	b, m, ps, err := ReadOGPAll(ogpFile(t, header, rows), false)
	if err != nil {
		t.Fatal(err)
	}
	if b != nil || m != nil || len(ps) != 1 {
		t.Fatalf("bundles %v %v, problems %v; want none and one problem", b != nil, m != nil, ps)
	}
	if p := ps[0]; p.Row != 3 || p.Column != "Completion (Progress Report)" || p.Value != "Halfway" {
		t.Errorf("problem = %v, want row 3, Completion (Progress Report), Halfway", p)
	}

	b, m, ps, err = ReadOGPAll(ogpFile(t, header, rows), true)
	if err != nil || b == nil || m == nil || len(ps) != 1 {
		t.Fatalf("skipping: %v, bundles %v %v, problems %v", err, b != nil, m != nil, ps)
	}
	bad := rows[1][column(t, header, colID)]
	for _, r := range m.Rounds {
		for _, a := range r.Assessments {
			if a.Measure == bad {
				t.Errorf("the skipped row %s is assessed in %s", bad, r.ExternalID)
			}
		}
	}
	if len(m.Rounds) == 0 {
		t.Error("skipping one row left no rounds")
	}
}

// The spellings ogpp maps are the ones validation accepts, column by
// column: a spelling accepted but not mapped would import as "not rated".
func TestIRMSpellingsMatchValidation(t *testing.T) {
	texts := func(n int, text func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = text(i)
		}
		return out
	}
	tests := []struct {
		column string
		mapped []string
	}{
		{colVerifiable, texts(len(verifiableSpellings), func(i int) string { return verifiableSpellings[i].text })},
		{colImpact, texts(len(impactSpellings), func(i int) string { return impactSpellings[i].text })},
		{colCompletionProgress, texts(len(completionSpellings), func(i int) string { return completionSpellings[i].text })},
		{colCompletionEnd, texts(len(completionSpellings), func(i int) string { return completionSpellings[i].text })},
		{colOpened, texts(len(openedSpellings), func(i int) string { return openedSpellings[i].text })},
		{colEarlyResults, texts(len(earlyResultsSpellings), func(i int) string { return earlyResultsSpellings[i].text })},
		{colChange, texts(len(changeSpellings), func(i int) string { return changeSpellings[i].text })},
	}
	for _, v := range ogpValueColumns {
		tests = append(tests, struct {
			column string
			mapped []string
		}{v.column, texts(len(relevanceSpellings), func(i int) string { return relevanceSpellings[i].text })})
	}
	for _, tt := range tests {
		allowed, ok := ratingColumns[tt.column]
		if !ok {
			t.Errorf("%s is not validated", tt.column)
			continue
		}
		a, b := slices.Sorted(slices.Values(allowed)), slices.Sorted(slices.Values(tt.mapped))
		if !slices.Equal(a, b) {
			t.Errorf("%s: validation accepts %q, ogpp maps %q", tt.column, a, b)
		}
	}
}

func TestFirstYear(t *testing.T) {
	d := func(y, m, day int) *plan.Date { return &plan.Date{Year: y, Month: time.Month(m), Day: day} }
	tests := []struct {
		in   plan.Period
		want string
	}{
		{plan.Period{Text: "2012-2014", Start: d(2012, 1, 1), End: d(2014, 12, 31)}, "2012-2013 2012-01-01 2013-12-31"},
		{plan.Period{Text: "2016-2017", Start: d(2016, 1, 1), End: d(2017, 12, 31)}, "2016-2017 2016-01-01 2017-12-31"},
		{plan.Period{Text: "2021", Start: d(2021, 1, 1), End: d(2021, 12, 31)}, "2021 2021-01-01 2021-12-31"},
		{plan.Period{Text: "2020-2024", Start: d(2020, 1, 1), End: d(2024, 12, 31)}, "2020-2021 2020-01-01 2021-12-31"},
	}
	for _, tt := range tests {
		p := firstYear(tt.in)
		if got := p.Text + " " + p.Start.String() + " " + p.End.String(); got != tt.want {
			t.Errorf("firstYear(%s) = %q, want %q", tt.in.Text, got, tt.want)
		}
	}
	if p := firstYear(plan.Period{Text: "Ongoing"}); p.Text != "Ongoing" || p.Start != nil {
		t.Errorf("firstYear of an open period = %+v, want it unchanged", p)
	}
}

func TestDemoSets(t *testing.T) {
	sets, err := DemoSets()
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 || sets[0].Registry.Plans[0].ExternalID != AzerbaijanNAPID || len(sets[1].Registry.Plans) != 214 {
		t.Fatalf("DemoSets gave %d sets, want the Azerbaijan NAP then OGP's 214 plans", len(sets))
	}
	az := sets[0].Monitoring.Rounds
	if len(az) != 1 {
		t.Fatalf("Azerbaijan's rounds = %d, want 1", len(az))
	}
	r := az[0]
	p := sets[0].Registry.Plans[0].Period
	if r.ExternalID != AzerbaijanRoundID || r.Plan != AzerbaijanNAPID || r.Status != monitor.RoundOpen || r.Kind != monitor.KindEndOfTerm || len(r.Assessments) != 0 {
		t.Errorf("Azerbaijan's round = %+v, want an open end-of-term round of %s without assessments", r, AzerbaijanNAPID)
	}
	if r.Period.Text != p.Text || r.Period.Start.String() != p.Start.String() || r.Period.End.String() != p.End.String() {
		t.Errorf("round period = %+v, want the plan's %+v", r.Period, p)
	}
	for _, lang := range []string{"az", "en", "ru"} {
		if r.Name[lang] == "" {
			t.Errorf("the round has no name in %s", lang)
		}
	}
	if len(sets[1].Monitoring.Rounds) != 85+132 {
		t.Errorf("OGP's rounds = %d, want 217", len(sets[1].Monitoring.Rounds))
	}
}

package opendata

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"ogpp/internal/monitor"
	"ogpp/internal/plan"
)

// IRMSource is the source ogpp records for the rounds and assessments read
// from the IRM's columns of OGP's data set: the ratings are the
// Independent Reporting Mechanism's, not the data set's compilers'.
const IRMSource = "OGP Independent Reporting Mechanism"

// The IRM's columns that become monitoring.
const (
	colVerifiable         = "Verifiable"
	colImpact             = "Potential Impact"
	colCompletionProgress = "Completion (Progress Report)"
	colCompletionEnd      = "Completion (End Of Term)"
	colOpened             = "Did It Open Government (Overall)"
	colEarlyResults       = "Early Results"
	colChange             = "Change In Completion"
)

// spelling is how the data set writes one value of a scale.
type spelling[T any] struct {
	text  string
	value T
}

// The IRM's scales as the data set spells them, each value in ogpp's terms.
// Every spelling ratingColumns accepts for these columns is here (a test
// holds the two lists together), so a row that passed validation never
// loses a rating on the way.
var (
	completionSpellings = []spelling[monitor.Completion]{
		{"Withdrawn", monitor.Withdrawn}, {"Unclear", monitor.Unclear}, {"Not Started", monitor.NotStarted},
		{"Limited", monitor.Limited}, {"Substantial", monitor.Substantial}, {"Complete", monitor.Complete},
	}
	// One row of the data set says 1 where the others say Yes: the
	// column's numeric twin codes yes as 1.
	verifiableSpellings = []spelling[bool]{{"Yes", true}, {"No", false}, {"1", true}}
	impactSpellings     = []spelling[monitor.Impact]{
		{"None", monitor.ImpactNone}, {"Minor", monitor.ImpactMinor},
		{"Moderate", monitor.ImpactModerate}, {"Transformative", monitor.ImpactTransformative},
	}
	openedSpellings = []spelling[monitor.Opened]{
		{"Worsens", monitor.OpenedWorsened}, {"Did Not Change", monitor.OpenedDidNotChange},
		{"Marginal", monitor.OpenedMarginal}, {"Major", monitor.OpenedMajor}, {"Outstanding", monitor.OpenedOutstanding},
		{"No early results to report yet", monitor.OpenedTooEarly},
	}
	earlyResultsSpellings = []spelling[monitor.EarlyResults]{
		{"No notable results", monitor.ResultsNoneNotable}, {"Moderate", monitor.ResultsModerate},
		{"Significant", monitor.ResultsSignificant},
	}
	changeSpellings = []spelling[monitor.ChangeKind]{
		{"Increase", monitor.ChangeIncrease}, {"No Change", monitor.ChangeNone}, {"Decrease", monitor.ChangeDecrease},
	}
	// relevanceSpellings are the OGP value columns' two codes.
	relevanceSpellings = []spelling[bool]{{"1", true}, {"0", false}}
)

// spelt returns the value v spells on a scale, ignoring letter case and
// surrounding space as the validation does; ok is false for the absent
// codes and for anything else (which validation has already reported).
func spelt[T any](v string, scale []spelling[T]) (value T, ok bool) {
	v = strings.TrimSpace(v)
	for _, s := range scale {
		if strings.EqualFold(v, s.text) {
			return s.value, true
		}
	}
	return value, false
}

// ogpRatings are a row's IRM ratings in ogpp's terms.
type ogpRatings struct {
	// design holds what the IRM rates once, on the plan as written:
	// verifiability, relevance to OGP's values and potential impact.
	design              monitor.Rating
	progress, endOfTerm monitor.Completion
	opened              monitor.Opened
	earlyResults        monitor.EarlyResults
	change              monitor.ChangeKind
}

// parseRatings reads a validated row's IRM columns. A missing column or an
// absent code leaves its rating out.
func parseRatings(cell func(string) string) ogpRatings {
	var r ogpRatings
	if v, ok := spelt(cell(colVerifiable), verifiableSpellings); ok {
		r.design.Verifiable = &v
	}
	for _, c := range ogpValueColumns {
		relevant, ok := spelt(cell(c.column), relevanceSpellings)
		if !ok {
			continue
		}
		// One value judged, even "not relevant", means the IRM looked:
		// an empty list is then "relevant to none", not "not rated".
		r.design.RelevanceRated = true
		if relevant {
			r.design.Relevance = append(r.design.Relevance, c.value)
		}
	}
	r.design.Impact, _ = spelt(cell(colImpact), impactSpellings)
	r.progress, _ = spelt(cell(colCompletionProgress), completionSpellings)
	r.endOfTerm, _ = spelt(cell(colCompletionEnd), completionSpellings)
	r.opened, _ = spelt(cell(colOpened), openedSpellings)
	r.earlyResults, _ = spelt(cell(colEarlyResults), earlyResultsSpellings)
	r.change, _ = spelt(cell(colChange), changeSpellings)
	return r
}

// irmRound is one of the two reports the IRM wrote on an action plan.
type irmRound struct {
	suffix string
	kind   monitor.RoundKind
	name   plan.Text
	// period is the time the report looked at, from the plan's period.
	period func(plan.Period) plan.Period
	// assess is the row's assessment in this report; ok is false when the
	// report did not rate the commitment.
	assess func(ogpRatings) (a monitor.BundleAssessment, ok bool)
}

// irmRounds are the IRM's progress report and end-of-term report, in that
// order. The design ratings go into both: the IRM rated the design once,
// and each round should read whole on its own (the star needs them).
var irmRounds = []irmRound{
	{
		suffix: "/progress",
		kind:   monitor.KindMidTerm,
		name: plan.Text{
			"en": "IRM progress report",
			"az": "Müstəqil Hesabat Mexanizminin aralıq hesabatı",
			"ru": "Промежуточный отчёт Независимого механизма отчётности",
		},
		period: firstYear,
		assess: func(r ogpRatings) (monitor.BundleAssessment, bool) {
			if r.progress == "" {
				return monitor.BundleAssessment{}, false
			}
			a := monitor.BundleAssessment{Rating: r.designRating()}
			a.Completion = r.progress
			return a, true
		},
	},
	{
		suffix: "/end-of-term",
		kind:   monitor.KindEndOfTerm,
		name: plan.Text{
			"en": "IRM end-of-term report",
			"az": "Müstəqil Hesabat Mexanizminin yekun hesabatı",
			"ru": "Итоговый отчёт Независимого механизма отчётности",
		},
		period: func(p plan.Period) plan.Period { return p },
		assess: func(r ogpRatings) (monitor.BundleAssessment, bool) {
			if r.endOfTerm == "" && r.opened == "" && r.earlyResults == "" {
				return monitor.BundleAssessment{}, false
			}
			a := monitor.BundleAssessment{Rating: r.designRating(), Change: r.change}
			a.Completion = r.endOfTerm
			a.Opened = r.opened
			a.EarlyResults = r.earlyResults
			return a, true
		},
	},
}

// designRating is a copy of the design ratings that a round may own.
func (r ogpRatings) designRating() monitor.Rating {
	d := r.design
	d.Relevance = slices.Clone(d.Relevance)
	if d.Verifiable != nil {
		v := *d.Verifiable
		d.Verifiable = &v
	}
	return d
}

// firstYear is the time an IRM progress report looked at: the first year
// of the plan. Plans mostly run from the middle of their first calendar
// year, so that year spans two calendar years ("2012-2013" of a plan for
// 2012-2014); a one-year plan's first year is the whole plan.
func firstYear(p plan.Period) plan.Period {
	if p.Start == nil || p.End == nil {
		return p
	}
	end := min(p.Start.Year+1, p.End.Year)
	if end == p.End.Year {
		return p
	}
	start := *p.Start
	return plan.Period{
		Text:  fmt.Sprintf("%d-%d", start.Year, end),
		Start: &start,
		End:   &plan.Date{Year: end, Month: 12, Day: 31},
	}
}

// assembleIRM builds the monitoring bundle from checked rows: per action
// plan, a round for each IRM report that rated at least one of its
// commitments, holding those commitments' assessments. Plans come in the
// order the file first names them, each plan's progress report before its
// end-of-term report, so that rounds are created in the order they
// happened.
func assembleIRM(rows []ogpRow) *monitor.Bundle {
	b := &monitor.Bundle{Rounds: []monitor.BundleRound{}}
	var plans []string
	rounds := map[string][]*monitor.BundleRound{} // plan id → one per irmRounds
	for _, row := range rows {
		id := row.plan.ExternalID
		for i, k := range irmRounds {
			a, ok := k.assess(row.ratings)
			if !ok {
				continue
			}
			a.Measure = row.measure.ExternalID
			if rounds[id] == nil {
				plans = append(plans, id)
				rounds[id] = make([]*monitor.BundleRound, len(irmRounds))
			}
			if rounds[id][i] == nil {
				rounds[id][i] = &monitor.BundleRound{
					ExternalID: id + k.suffix,
					Plan:       id,
					Name:       k.name,
					Kind:       k.kind,
					Period:     k.period(row.plan.Period),
					Status:     monitor.RoundPublished,
					Source:     IRMSource,
				}
			}
			rounds[id][i].Assessments = append(rounds[id][i].Assessments, a)
		}
	}
	for _, id := range plans {
		for _, r := range rounds[id] {
			if r != nil {
				b.Rounds = append(b.Rounds, *r)
			}
		}
	}
	return b
}

// ReadOGPAll reads OGP's data set as ReadOGP does (as ReadOGPSkipping
// does when skip is set) and returns beside the plans the IRM's ratings as
// monitoring: per action plan, the progress report ("AP_ALB01/progress",
// mid-term) and the end-of-term report ("AP_ALB01/end-of-term"), each a
// published round when it rated any of the plan's commitments, with one
// assessment per commitment it rated. ND, NR and NA are ratings not given.
// Both bundles are nil whenever the plans' bundle would be.
func ReadOGPAll(r io.Reader, skip bool) (*plan.Bundle, *monitor.Bundle, plan.Problems, error) {
	b, m, ps, err := readOGP(r, skip)
	if err != nil || (len(ps) > 0 && !skip) || b == nil {
		return nil, nil, ps, err
	}
	return b, m, ps, nil
}

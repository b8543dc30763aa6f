// Package monitor is civil society's monitoring of a plan: rounds of
// assessments of every measure on the scales OGP's Independent Reporting
// Mechanism uses, their evidence and review, the government's own account
// beside them, and the figures derived from them (progress, starred and
// overdue measures, change between rounds). It has no SQL and no HTTP.
package monitor

import "slices"

// Completion is how far a measure has been carried out, on the IRM's scale,
// with the values a monitor needs when the scale does not apply.
type Completion string

// Completion levels. The first four are the IRM's scale, in order.
const (
	NotStarted  Completion = "not_started"
	Limited     Completion = "limited"
	Substantial Completion = "substantial"
	Complete    Completion = "complete"
	Withdrawn   Completion = "withdrawn"
	Unclear     Completion = "unclear"
	// NoEvidence says the monitor looked and found nothing to judge by:
	// an explicit value, not a gap.
	NoEvidence Completion = "no_evidence"
)

// Completions lists the levels in display order.
var Completions = []Completion{NotStarted, Limited, Substantial, Complete, Withdrawn, Unclear, NoEvidence}

// Valid reports whether c is a known level.
func (c Completion) Valid() bool { return slices.Contains(Completions, c) }

// Rank places a level of the IRM's scale: 0 for not started up to 3 for
// complete; -1 for the others, which are off the scale.
func (c Completion) Rank() int {
	switch c {
	case NotStarted:
		return 0
	case Limited:
		return 1
	case Substantial:
		return 2
	case Complete:
		return 3
	}
	return -1
}

// Weight is a level's share of a done measure in the progress score: 0,
// ⅓, ⅔ and 1 along the scale. ok is false off the scale: such measures
// are counted but not scored.
func (c Completion) Weight() (w float64, ok bool) {
	r := c.Rank()
	if r < 0 {
		return 0, false
	}
	return float64(r) / 3, true
}

// Impact is the IRM's potential impact of a measure, were it carried out.
type Impact string

// Potential impact levels, in order.
const (
	ImpactNone           Impact = "none"
	ImpactMinor          Impact = "minor"
	ImpactModerate       Impact = "moderate"
	ImpactTransformative Impact = "transformative"
)

// Impacts lists the levels in order.
var Impacts = []Impact{ImpactNone, ImpactMinor, ImpactModerate, ImpactTransformative}

// Valid reports whether i is a known level.
func (i Impact) Valid() bool { return slices.Contains(Impacts, i) }

// Opened is the IRM's "did it open government?": how far a measure changed
// government practice.
type Opened string

// Did-it-open-government levels, in order.
const (
	OpenedWorsened     Opened = "worsened"
	OpenedDidNotChange Opened = "did_not_change"
	OpenedMarginal     Opened = "marginal"
	OpenedMajor        Opened = "major"
	OpenedOutstanding  Opened = "outstanding"
	// OpenedTooEarly is the IRM's "no early results to report yet".
	OpenedTooEarly Opened = "too_early"
)

// OpenedLevels lists the levels in display order.
var OpenedLevels = []Opened{OpenedWorsened, OpenedDidNotChange, OpenedMarginal, OpenedMajor, OpenedOutstanding, OpenedTooEarly}

// Valid reports whether o is a known level.
func (o Opened) Valid() bool { return slices.Contains(OpenedLevels, o) }

// EarlyResults is the IRM's judgement of what a measure has already
// achieved.
type EarlyResults string

// Early-results levels, in order.
const (
	ResultsNoneNotable EarlyResults = "no_notable"
	ResultsModerate    EarlyResults = "moderate"
	ResultsSignificant EarlyResults = "significant"
)

// EarlyResultsLevels lists the levels in order.
var EarlyResultsLevels = []EarlyResults{ResultsNoneNotable, ResultsModerate, ResultsSignificant}

// Valid reports whether e is a known level.
func (e EarlyResults) Valid() bool { return slices.Contains(EarlyResultsLevels, e) }

// RoundKind says what a round of monitoring is for.
type RoundKind string

// Round kinds.
const (
	KindAnnual    RoundKind = "annual"
	KindMidTerm   RoundKind = "mid_term"
	KindEndOfTerm RoundKind = "end_of_term"
	KindCustom    RoundKind = "custom"
)

// RoundKinds lists the kinds in display order.
var RoundKinds = []RoundKind{KindAnnual, KindMidTerm, KindEndOfTerm, KindCustom}

// Valid reports whether k is a known kind.
func (k RoundKind) Valid() bool { return slices.Contains(RoundKinds, k) }

// RoundStatus is where a round is in its life: monitors work in an open
// round; a closed one is frozen; a published one is frozen and public.
type RoundStatus string

// Round statuses, in the order a round goes through them.
const (
	RoundOpen      RoundStatus = "open"
	RoundClosed    RoundStatus = "closed"
	RoundPublished RoundStatus = "published"
)

// RoundStatuses lists the statuses in order.
var RoundStatuses = []RoundStatus{RoundOpen, RoundClosed, RoundPublished}

// Valid reports whether s is a known status.
func (s RoundStatus) Valid() bool { return slices.Contains(RoundStatuses, s) }

// CanMoveTo reports whether a round may go from s to next: open ⇄ closed
// (a round closed too early is reopened), closed → published, and back from
// published to closed to withdraw it from the public. An open round is
// closed before it is published, so that nobody edits what is being
// published.
func (s RoundStatus) CanMoveTo(next RoundStatus) bool {
	switch s {
	case RoundOpen:
		return next == RoundClosed
	case RoundClosed:
		return next == RoundOpen || next == RoundPublished
	case RoundPublished:
		return next == RoundClosed
	}
	return false
}

// ReviewStatus is where an assessment is in its review.
type ReviewStatus string

// Review statuses: the author drafts and submits; a second monitor, never
// the author, approves it or returns it with a comment.
const (
	ReviewDraft     ReviewStatus = "draft"
	ReviewSubmitted ReviewStatus = "submitted"
	ReviewApproved  ReviewStatus = "approved"
	ReviewReturned  ReviewStatus = "returned"
)

// ReviewStatuses lists the statuses in order.
var ReviewStatuses = []ReviewStatus{ReviewDraft, ReviewSubmitted, ReviewApproved, ReviewReturned}

// Valid reports whether s is a known status.
func (s ReviewStatus) Valid() bool { return slices.Contains(ReviewStatuses, s) }

// ChangeKind is how a measure's completion moved between two rounds.
type ChangeKind string

// Changes between rounds, as the IRM's "Change In Completion" names them.
const (
	ChangeIncrease ChangeKind = "increase"
	ChangeNone     ChangeKind = "no_change"
	ChangeDecrease ChangeKind = "decrease"
)

// ChangeKinds lists the changes in display order.
var ChangeKinds = []ChangeKind{ChangeIncrease, ChangeNone, ChangeDecrease}

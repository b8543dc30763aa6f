package drafts

import (
	"ogpp/internal/plan"
)

// Quorum is the share of the platform's active member organisations that
// must attend a meeting for it to decide: more than Num/Den of them, or, when
// AtLeast, Num/Den of them or more. Each meeting keeps its own, so that a
// change of the platform's rules does not change past decisions.
type Quorum struct {
	Num, Den int
	AtLeast  bool
}

// DefaultQuorum is more than half of the active members, the usual rule of
// an association's general meeting.
var DefaultQuorum = Quorum{Num: 1, Den: 2}

// maxQuorumDen bounds the fraction's denominator: a share is written in
// small numbers (1/2, 2/3, 3/4), and a bound keeps the products small.
const maxQuorumDen = 100

// Valid reports whether q is a share a meeting can reach: a proper fraction
// of at most all the members (and not "more than all of them").
func (q Quorum) Valid() bool {
	return q.Den >= 1 && q.Den <= maxQuorumDen && q.Num >= 1 && q.Num <= q.Den && (q.AtLeast || q.Num < q.Den)
}

// Met reports whether present attending organisations out of eligible
// active members make the quorum. Nobody present never does, nor does a
// platform without active members. Compared in integers: 3 of 6 is not more
// than a half, with no rounding to blur it.
func (q Quorum) Met(present, eligible int) bool {
	if present <= 0 || eligible <= 0 || !q.Valid() {
		return false
	}
	l, r := present*q.Den, eligible*q.Num
	if q.AtLeast {
		return l >= r
	}
	return l > r
}

// Needed is the fewest attending organisations out of eligible that make
// the quorum, for pages to say "at least 7 of 12".
func (q Quorum) Needed(eligible int) int {
	if eligible <= 0 || !q.Valid() {
		return 0
	}
	n := eligible * q.Num / q.Den // rounded down
	if !q.AtLeast || n*q.Den < eligible*q.Num {
		n++
	}
	return max(n, 1)
}

// Majority reports whether the votes adopt a text: more votes for than
// against and abstentions together, that is a majority of the votes cast
// with an abstention counting as no support. A text nobody voted for is
// never adopted.
func (v Votes) Majority() bool { return v.For > 0 && 2*v.For > v.Cast() }

// CheckDecision checks that outcome o may be recorded with votes v at a
// meeting whose attendance (recorded or not) is present organisations of
// eligible active members under quorum q. The rule:
//
//   - votes are counts of organisations present, one vote each: none
//     negative, and no more cast than organisations present;
//   - adopting needs the quorum and a majority of the votes cast (see
//     Votes.Majority);
//   - rejecting needs the quorum, and no majority for the text, which would
//     contradict the vote;
//   - returning a draft for revision decides nothing about the text, so it
//     needs neither: a meeting without quorum can still send a draft back.
//
// Problems come as message keys under "outcome" and "votes".
func CheckDecision(q Quorum, attendance bool, present, eligible int, v Votes, o Outcome) plan.FieldErrors {
	fe := plan.FieldErrors{}
	switch {
	case v.For < 0 || v.Against < 0 || v.Abstain < 0:
		fe["votes"] = "drafts.votes.invalid"
	case v.Cast() > present:
		fe["votes"] = "drafts.votes.too_many"
	}
	if !o.Valid() {
		fe["outcome"] = "drafts.outcome.invalid"
		return fe
	}
	if o == OutcomeReturned {
		return fe
	}
	switch {
	case !attendance:
		fe["outcome"] = "drafts.outcome.no_attendance"
	case !q.Met(present, eligible):
		fe["outcome"] = "drafts.outcome.no_quorum"
	case o == OutcomeAdopted && !v.Majority():
		fe["outcome"] = "drafts.outcome.no_majority"
	case o == OutcomeRejected && v.Majority():
		fe["outcome"] = "drafts.outcome.majority_for"
	}
	return fe
}

package monitor

import (
	"time"

	"ogpp/internal/plan"
)

// Round is one round of monitoring of a plan, such as "2017 mid-term".
type Round struct {
	ID     int64
	PlanID int64
	// ExternalID identifies a round across imports: OGP's rounds are
	// "AP_ALB01/progress" and "AP_ALB01/end-of-term"; rounds made in ogpp
	// have none.
	ExternalID string
	Name       plan.Text
	Kind       RoundKind
	// Period is the time the round looks at, as written plus dates.
	Period plan.Period
	Status RoundStatus
	// Source says where assessments of an imported round come from.
	Source    string
	Version   int
	UpdatedAt time.Time
	// Counts are filled by reads that list rounds.
	Assessed, Approved int
}

// Public reports whether the public may see the round.
func (r Round) Public() bool { return r.Status == RoundPublished }

// Frozen reports whether the round's assessments can no longer change.
func (r Round) Frozen() bool { return r.Status != RoundOpen }

// Rating is what a monitor says of a measure in a round, on the IRM's
// scales. An empty value is not rated.
type Rating struct {
	Completion Completion
	// Verifiable is nil when not rated.
	Verifiable *bool
	// Relevance lists the OGP values the measure is relevant to;
	// RelevanceRated says whether anyone judged it (an empty list then
	// means relevant to none).
	Relevance      []plan.OGPValue
	RelevanceRated bool
	Impact         Impact
	Opened         Opened
	EarlyResults   EarlyResults
	// Narrative is markdown, rendered sanitised.
	Narrative  string
	Milestones []MilestoneCompletion
}

// MilestoneCompletion is a milestone's own completion.
type MilestoneCompletion struct {
	MilestoneID int64
	Completion  Completion
}

// Assessment is a measure's assessment in a round: its current version,
// where it is in review, and its evidence.
type Assessment struct {
	ID        int64
	RoundID   int64
	MeasureID int64
	Rating
	Status ReviewStatus
	// ReviewComment is why a reviewer returned it.
	ReviewComment string
	Evidence      []Evidence
	// Version counts the saves; every save is kept (see Versions).
	Version    int
	AuthorID   int64 // who saved the current version; 0 for an import
	AuthorName string
	ReviewerID int64
	// ReviewerName is who approved or returned it, "" before review.
	ReviewerName string
	UpdatedAt    time.Time
	// Source says where an imported assessment comes from, "" for one
	// made in ogpp.
	Source string
}

// Starred reports whether the measure is one of the IRM's starred
// measures: verifiable, relevant to at least one OGP value, of
// transformative potential impact, and substantially or fully complete.
func (a Assessment) Starred() bool { return Starred(a.Rating) }

// EvidenceKind tells a link from an uploaded file.
type EvidenceKind string

// Evidence kinds.
const (
	EvidenceLink EvidenceKind = "link"
	EvidenceFile EvidenceKind = "file"
)

// Evidence is what an assessment rests on: a web page (title, URL, the day
// it was read) or an uploaded file, whose SHA-256 is recorded and shown so
// that anyone holding a copy can check it is the same.
type Evidence struct {
	ID         int64
	Kind       EvidenceKind
	Title      string
	URL        string
	AccessedOn *plan.Date
	// For files.
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
	AddedAt     time.Time
	AddedBy     string
}

// AssessmentVersion is one save of an assessment, as the history shows it.
type AssessmentVersion struct {
	Version    int
	Rating     Rating
	Status     ReviewStatus
	AuthorName string
	SavedAt    time.Time
}

// SelfAssessment is a state body's own account of a measure it executes,
// recorded by its government focal point, shown beside civil society's.
type SelfAssessment struct {
	ID             int64
	RoundID        int64
	MeasureID      int64
	OrganisationID int64
	Completion     Completion
	Narrative      string
	AuthorName     string
	Version        int
	UpdatedAt      time.Time
}

// AnswersFor reports whether a body executing a measure in role answers
// for it with a self-assessment: the responsible and supporting bodies, not
// those the plan only recommends.
func AnswersFor(role plan.ExecutorRole) bool {
	return role == plan.RoleResponsible || role == plan.RoleSupporting
}

// Disagrees reports whether the body's completion differs from civil
// society's, both being on the IRM's scale.
func (s SelfAssessment) Disagrees(a Assessment) bool {
	return s.Completion.Rank() >= 0 && a.Completion.Rank() >= 0 && s.Completion != a.Completion
}

// RoundAssessment is a measure's assessment in one round, for the
// measure's history across rounds.
type RoundAssessment struct {
	Round      Round
	Assessment Assessment
}

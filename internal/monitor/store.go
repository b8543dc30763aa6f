package monitor

import (
	"context"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// Store keeps rounds, assessments, their versions and evidence, and the
// government's self-assessments. The store implements it for SQLite and
// PostgreSQL. Every write checks its input (plan.FieldErrors), refuses to
// overwrite a newer version (*plan.ConflictError[Round] or
// [Assessment]), refuses changes to a round that is not open (ErrFrozen),
// and appends its audit entry in the same transaction. Unknown ids are
// plan.ErrNotFound.
type Store interface {
	// ListRounds returns a plan's rounds in the order of their periods
	// (then of creation), with their counts; only the published ones when
	// publishedOnly.
	ListRounds(ctx context.Context, planID int64, publishedOnly bool) ([]Round, error)
	// UnpublishedRounds returns every plan's open and closed rounds: the
	// work in hand, for the monitors' overview.
	UnpublishedRounds(ctx context.Context) ([]Round, error)
	GetRound(ctx context.Context, id int64) (Round, error)
	CreateRound(ctx context.Context, actor audit.Actor, e RoundEdit) (int64, error)
	UpdateRound(ctx context.Context, actor audit.Actor, id int64, e RoundEdit) error
	// SetRoundStatus moves a round along RoundStatus.CanMoveTo, refusing
	// other moves with ErrBadTransition.
	SetRoundStatus(ctx context.Context, actor audit.Actor, id int64, status RoundStatus, version int) error

	// RoundAssessments returns a round's assessments by measure id: each
	// one's current version, or, when approvedOnly, its last approved
	// version (assessments never approved are left out) with the evidence
	// it had then.
	RoundAssessments(ctx context.Context, roundID int64, approvedOnly bool) (map[int64]Assessment, error)
	// GetAssessment returns the current version of a measure's assessment
	// in a round.
	GetAssessment(ctx context.Context, roundID, measureID int64) (Assessment, error)
	AssessmentByID(ctx context.Context, id int64) (Assessment, error)
	// AssessmentVersions returns every saved version, newest first.
	AssessmentVersions(ctx context.Context, id int64) ([]AssessmentVersion, error)
	// SaveAssessment saves a new version (the first creates the
	// assessment) and puts it back to draft; the approved version stays
	// public until another is approved.
	SaveAssessment(ctx context.Context, actor audit.Actor, e AssessmentEdit) (Assessment, error)
	// SubmitAssessment hands a draft or returned assessment to review.
	SubmitAssessment(ctx context.Context, actor audit.Actor, id int64, version int) error
	// ReviewAssessment approves a submitted assessment or returns it with
	// a comment (required: plan.FieldErrors{"comment": …} without one).
	// The author of the current version is refused with ErrOwnWork.
	ReviewAssessment(ctx context.Context, actor audit.Actor, id int64, approve bool, comment string, version int) error
	// AddEvidenceFile checks a file by its content (CheckFile; a problem
	// is plan.FieldErrors{"file": key}), records its SHA-256 and keeps it.
	AddEvidenceFile(ctx context.Context, actor audit.Actor, assessmentID int64, f FileUpload) (Evidence, error)
	// RemoveEvidence takes a file off the assessment's current evidence;
	// it stays with the versions that had it.
	RemoveEvidence(ctx context.Context, actor audit.Actor, assessmentID, evidenceID int64) error
	// EvidenceFile returns a file and the assessment it belongs to.
	EvidenceFile(ctx context.Context, evidenceID int64) (Evidence, []byte, Assessment, error)
	// MeasureHistory returns the measure's assessment in each round of its
	// plan that has one, in round order; publishedOnly keeps the published
	// rounds and their approved versions.
	MeasureHistory(ctx context.Context, measureID int64, publishedOnly bool) ([]RoundAssessment, error)

	// SaveSelfAssessment saves a state body's account of a measure it
	// executes (refused with plan.FieldErrors when the body does not).
	SaveSelfAssessment(ctx context.Context, actor audit.Actor, e SelfAssessmentEdit) (SelfAssessment, error)
	// RoundSelfAssessments returns a round's self-assessments by measure id.
	RoundSelfAssessments(ctx context.Context, roundID int64) (map[int64][]SelfAssessment, error)

	// ImportMonitoring loads rounds and assessments keyed by external ids
	// in one transaction, idempotently: importing the same bundle again
	// changes nothing and appends no audit entry.
	ImportMonitoring(ctx context.Context, b *Bundle) (ImportReport, error)
}

// Bundle is monitoring data keyed by stable identifiers, for imports:
// OGP's IRM ratings become two rounds per action plan.
type Bundle struct {
	Rounds []BundleRound
}

// BundleRound is a round and its assessments.
type BundleRound struct {
	ExternalID string // "AP_ALB01/progress"
	Plan       string // the plan's external id
	Name       plan.Text
	Kind       RoundKind
	Period     plan.Period
	Status     RoundStatus
	Source     string
	// Assessments are imported approved, as the IRM published them.
	Assessments []BundleAssessment
}

// BundleAssessment is one measure's rating in an imported round.
type BundleAssessment struct {
	// Measure is the measure's external id (OGP's "AL0002").
	Measure string
	Rating
	// Change is the IRM's own "Change In Completion", when it gives one,
	// kept to check ogpp's derived change against.
	Change ChangeKind
}

// ImportReport counts what an import of monitoring data did.
type ImportReport struct {
	Rounds, Assessments plan.Tally
}

// Changed reports whether the import wrote anything.
func (r ImportReport) Changed() bool {
	return r.Rounds.Created+r.Rounds.Updated+r.Assessments.Created+r.Assessments.Updated > 0
}

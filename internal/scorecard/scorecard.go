// Package scorecard compares organisations against weighted criteria: each
// cell a score on the criterion's scale with its evidence and a note, each
// subject a total as a share of the best possible and a rank. It holds the
// domain and its rules; no HTTP, no SQL.
package scorecard

import (
	"context"
	"math/big"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// EntityScorecard is the audit log's entity type of a scorecard; one entry
// covers the scorecard with its subjects, criteria and cells, so that its
// history reads as the table changing.
const EntityScorecard = "scorecard"

// Limits on what a scorecard's forms may hold.
const (
	maxShort  = 2000
	maxLong   = 20000
	maxWeight = 1000
	maxScale  = 1000
)

// Status says who sees a scorecard.
type Status string

// The statuses of a scorecard.
const (
	Draft     Status = "draft"
	Published Status = "published"
)

// Statuses lists the statuses in the order forms offer them.
var Statuses = []Status{Draft, Published}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Scorecard is a comparison of subjects against criteria.
type Scorecard struct {
	ID          int64
	Title       plan.Text
	Description plan.Text
	// ActivityID is the platform activity the assessment was made for, a
	// row of project_activities named by number; 0 for none.
	ActivityID int64
	Status     Status
	Subjects   []Subject
	Criteria   []Criterion
	Cells      []Cell
	Version    int
}

// Subject is an organisation of the registry compared in a scorecard.
type Subject struct {
	ID             int64
	OrganisationID int64
	Name           plan.Text
}

// Criterion is what subjects are scored on: a whole number from Min to Max,
// counted Weight times in the total.
type Criterion struct {
	ID       int64
	Title    plan.Text
	Guidance plan.Text
	Weight   int
	Min, Max int
}

// Cell is one subject's score on one criterion. Score nil is a cell not
// scored yet, which is not a zero.
type Cell struct {
	SubjectID   int64
	CriterionID int64
	Score       *int
	Evidence    string // what the score rests on: a text or a link
	Note        string
}

// Cell returns the cell of a subject and a criterion; an empty one when
// none is stored.
func (c *Scorecard) Cell(subjectID, criterionID int64) Cell {
	for _, x := range c.Cells {
		if x.SubjectID == subjectID && x.CriterionID == criterionID {
			return x
		}
	}
	return Cell{SubjectID: subjectID, CriterionID: criterionID}
}

// Edit is what the scorecard's own form sets.
type Edit struct {
	Title       plan.Text
	Description plan.Text
	ActivityID  int64
	Status      Status
	Version     int
}

// Validate tidies e and checks it.
func (e *Edit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title, e.Description = e.Title.Clean(), e.Description.Clean()
	if e.Title.IsEmpty() {
		fe["title"] = "scorecard.title.required"
	}
	checkText(fe, "title", e.Title, maxShort)
	checkText(fe, "description", e.Description, maxLong)
	if e.ActivityID < 0 {
		fe["activity"] = "scorecard.activity.invalid"
	}
	if !e.Status.Valid() {
		fe["status"] = "scorecard.status.invalid"
	}
	return fe
}

// CriterionEdit is what the criterion form sets.
type CriterionEdit struct {
	Title    plan.Text
	Guidance plan.Text
	Weight   int
	Min, Max int
}

// Validate tidies e and checks it: a positive weight and a scale of at
// least two points, so that the share of the maximum is defined.
func (e *CriterionEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title, e.Guidance = e.Title.Clean(), e.Guidance.Clean()
	if e.Title.IsEmpty() {
		fe["title"] = "scorecard.criterion.title.required"
	}
	checkText(fe, "title", e.Title, maxShort)
	checkText(fe, "guidance", e.Guidance, maxLong)
	if e.Weight < 1 || e.Weight > maxWeight {
		fe["weight"] = "scorecard.weight.invalid"
	}
	if e.Min < 0 || e.Max > maxScale || e.Max <= e.Min {
		fe["max"] = "scorecard.scale.invalid"
	}
	return fe
}

// CellField is the form field a cell's problems are reported on.
func CellField(subjectID, criterionID int64) string {
	return "cell-" + itoa(subjectID) + "-" + itoa(criterionID)
}

// ValidateCells tidies cells and checks them against the scorecard's
// subjects and criteria: a score within its criterion's scale, evidence
// and note within their limits. Problems are keyed by CellField.
func (c *Scorecard) ValidateCells(cells []Cell) plan.FieldErrors {
	fe := plan.FieldErrors{}
	for i := range cells {
		x := &cells[i]
		x.Evidence, x.Note = strings.TrimSpace(x.Evidence), strings.TrimSpace(x.Note)
		field := CellField(x.SubjectID, x.CriterionID)
		cr, ok := c.criterion(x.CriterionID)
		if !ok || !c.hasSubject(x.SubjectID) {
			fe[field] = "scorecard.cell.unknown"
			continue
		}
		switch {
		case x.Score != nil && (*x.Score < cr.Min || *x.Score > cr.Max):
			fe[field] = "scorecard.score.out_of_scale"
		case utf8.RuneCountInString(x.Evidence) > maxShort || utf8.RuneCountInString(x.Note) > maxShort:
			fe[field] = "scorecard.cell.too_long"
		case strings.Contains(x.Evidence, "://") && !isWebLink(x.Evidence):
			fe[field] = "scorecard.evidence.invalid"
		}
	}
	return fe
}

// isWebLink reports whether evidence that looks like a link is an http(s)
// one: a javascript: or data: address would run in readers' browsers.
func isWebLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// IsLink reports whether a cell's evidence is a web address to link to.
func (x Cell) IsLink() bool { return !strings.ContainsAny(x.Evidence, " \n") && isWebLink(x.Evidence) }

func (c *Scorecard) criterion(id int64) (Criterion, bool) {
	for _, cr := range c.Criteria {
		if cr.ID == id {
			return cr, true
		}
	}
	return Criterion{}, false
}

func (c *Scorecard) hasSubject(id int64) bool {
	return slices.ContainsFunc(c.Subjects, func(s Subject) bool { return s.ID == id })
}

// Total is a subject's result.
type Total struct {
	Subject Subject
	// Scored and Cells count the subject's scored cells and all its cells.
	Scored, Cells int
	// Share is the weighted score as a fraction of the maximum, exact so
	// that ties are ties; nil when no cell is scored.
	Share *big.Rat
	// Rank is 1 for the best; subjects with equal shares share a rank and
	// the next rank skips them (1, 1, 3). 0 for a subject with no score.
	Rank int
}

// Percent is the share as a percentage, for display.
func (t Total) Percent() float64 {
	if t.Share == nil {
		return 0
	}
	f, _ := t.Share.Float64()
	return 100 * f
}

// Complete reports whether every cell of the subject is scored.
func (t Total) Complete() bool { return t.Scored == t.Cells }

// Totals computes every subject's total and rank, best first, subjects
// without a score last in their listed order.
//
// The rule: a scored cell earns weight × (score − min) / (max − min), its
// place on the criterion's scale; the total is the sum of what the
// subject's cells earned divided by the sum of all criteria's weights. An
// unscored cell earns nothing but still counts in the maximum, so that a
// subject cannot rise by leaving its weak criteria unscored; the total says
// how many cells are scored so that readers see it is provisional. A
// subject with no scored cell has no total and no rank rather than 0 %.
func (c *Scorecard) Totals() []Total {
	var weights int64
	for _, cr := range c.Criteria {
		weights += int64(cr.Weight)
	}
	out := make([]Total, 0, len(c.Subjects))
	for _, s := range c.Subjects {
		t := Total{Subject: s, Cells: len(c.Criteria)}
		sum := new(big.Rat)
		for _, cr := range c.Criteria {
			x := c.Cell(s.ID, cr.ID)
			if x.Score == nil || cr.Max <= cr.Min {
				continue
			}
			t.Scored++
			sum.Add(sum, big.NewRat(int64(cr.Weight)*int64(*x.Score-cr.Min), int64(cr.Max-cr.Min)))
		}
		if t.Scored > 0 && weights > 0 {
			t.Share = sum.Quo(sum, big.NewRat(weights, 1))
		}
		out = append(out, t)
	}
	slices.SortStableFunc(out, func(a, b Total) int {
		switch {
		case a.Share == nil && b.Share == nil:
			return 0
		case a.Share == nil:
			return 1
		case b.Share == nil:
			return -1
		}
		return b.Share.Cmp(a.Share)
	})
	for i := range out {
		switch {
		case out[i].Share == nil:
		case i > 0 && out[i-1].Share != nil && out[i-1].Share.Cmp(out[i].Share) == 0:
			out[i].Rank = out[i-1].Rank
		default:
			out[i].Rank = i + 1
		}
	}
	return out
}

// Summary is a scorecard as lists show it.
type Summary struct {
	ID         int64
	Title      plan.Text
	Status     Status
	Subjects   int
	Criteria   int
	ActivityID int64
}

// Store keeps scorecards; the store implements it for both databases.
// Every write checks the version it was given (a stale one is refused
// with a *plan.ConflictError[Scorecard]), validates its input (refused
// with plan.FieldErrors) and appends its audit entry in its transaction.
type Store interface {
	ListScorecards(ctx context.Context, publishedOnly bool) ([]Summary, error)
	GetScorecard(ctx context.Context, id int64) (Scorecard, error)
	CreateScorecard(ctx context.Context, actor audit.Actor, e Edit) (int64, error)
	UpdateScorecard(ctx context.Context, actor audit.Actor, id int64, e Edit) error
	AddSubject(ctx context.Context, actor audit.Actor, id int64, version int, organisationID int64) error
	AddCriterion(ctx context.Context, actor audit.Actor, id int64, version int, e CriterionEdit) error
	SaveCells(ctx context.Context, actor audit.Actor, id int64, version int, cells []Cell) error
	// DeleteScorecard soft-deletes scorecard id when its stored version
	// is version.
	DeleteScorecard(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreScorecard brings back a soft-deleted scorecard; one that is
	// not deleted is plan.ErrNotFound.
	RestoreScorecard(ctx context.Context, actor audit.Actor, id int64) error
	// ListDeletedScorecards lists the soft-deleted scorecards, latest
	// deletion first.
	ListDeletedScorecards(ctx context.Context) ([]plan.Deleted, error)
}

func checkText(fe plan.FieldErrors, field string, t plan.Text, limit int) {
	for _, s := range t {
		if utf8.RuneCountInString(s) > limit {
			fe[field] = "scorecard." + field + ".too_long"
		}
	}
}

func itoa(n int64) string { return big.NewInt(n).String() }

// ScoreText is the cell's score as written, "" when not scored.
func (x Cell) ScoreText() string {
	if x.Score == nil {
		return ""
	}
	return itoa(int64(*x.Score))
}

package plan

import (
	"context"
	"errors"
)

// ErrNotFound is returned by reads of a single entity that does not exist.
var ErrNotFound = errors.New("not found")

// Page is one page of a list and the size of the whole list.
type Page[T any] struct {
	Items []T
	Total int
}

// MemberPlans is a member with its plans, as the home page lists them.
type MemberPlans struct {
	Member Member
	Plans  []PlanSummary
}

// PlanSummary is a plan with the figures lists show beside it.
type PlanSummary struct {
	Plan
	MeasureCount int
}

// MemberFilter selects members for the home page.
type MemberFilter struct {
	Q      string // matches the member's name or any of its plans' titles
	Limit  int
	Offset int
}

// PlanFilter selects plans.
type PlanFilter struct {
	Member string // a member's slug
	Q      string
	Limit  int
	Offset int
}

// MeasureSort names the orders a measure list can take.
type MeasureSort string

// Measure orders. The minus sign reverses.
const (
	SortClause     MeasureSort = "clause"
	SortClauseDesc MeasureSort = "-clause"
	SortEnd        MeasureSort = "end"
	SortEndDesc    MeasureSort = "-end"
)

// Valid reports whether s is a known order; empty counts as the default.
func (s MeasureSort) Valid() bool {
	switch s {
	case "", SortClause, SortClauseDesc, SortEnd, SortEndDesc:
		return true
	}
	return false
}

// MeasureFilter selects measures. Zero fields do not filter.
type MeasureFilter struct {
	PlanID         int64
	AreaID         int64
	NoArea         bool // only the measures outside any area
	OrganisationID int64
	Year           int // measures whose period (or, lacking one, their plan's) spans the year
	Member         string
	Q              string
	Sort           MeasureSort
	Limit          int
	Offset         int
}

// OrganisationFilter selects organisations.
type OrganisationFilter struct {
	Member string
	Q      string
	Limit  int
	Offset int
}

// Registry reads the plans. The store implements it for SQLite and PostgreSQL.
// References (ref) are a numeric id or an external id such as AP_ALB01 or AL0002.
type Registry interface {
	ListMembers(ctx context.Context, f MemberFilter) (Page[MemberPlans], error)
	ListPlans(ctx context.Context, f PlanFilter) (Page[PlanSummary], error)
	GetPlan(ctx context.Context, ref string) (Plan, error)
	// PlanAreas returns the plan's areas in order, with their measure counts.
	PlanAreas(ctx context.Context, planID int64) ([]Area, error)
	// PlanExecutors returns the organisations executing any of the plan's measures.
	PlanExecutors(ctx context.Context, planID int64) ([]Organisation, error)
	// PlanYears returns the years the plan's measures span, ascending.
	PlanYears(ctx context.Context, planID int64) ([]int, error)
	ListMeasures(ctx context.Context, f MeasureFilter) (Page[Measure], error)
	GetMeasure(ctx context.Context, ref string) (Measure, error)
	ListOrganisations(ctx context.Context, f OrganisationFilter) (Page[Organisation], error)
	GetOrganisation(ctx context.Context, id int64) (Organisation, error)
	// Counts returns how many members, plans, measures and organisations there are.
	Counts(ctx context.Context) (Counts, error)
}

// Counts sizes the registry.
type Counts struct {
	Members, Plans, Measures, Organisations int
}

// Loader moves whole data sets in and out of the registry, in one transaction.
type Loader interface {
	Import(ctx context.Context, b *Bundle) (ImportReport, error)
	Export(ctx context.Context) (*Bundle, error)
}

// ImportReport counts what an import did.
type ImportReport struct {
	Members, Plans, Areas, Measures, Organisations Tally
}

// Tally counts created, updated and unchanged entities of one kind.
type Tally struct {
	Created, Updated, Unchanged int
}

// Changed reports whether the import wrote anything.
func (r ImportReport) Changed() bool {
	for _, t := range []Tally{r.Members, r.Plans, r.Areas, r.Measures, r.Organisations} {
		if t.Created+t.Updated > 0 {
			return true
		}
	}
	return false
}

// Add sums two reports, for imports made of several bundles.
func (r ImportReport) Add(o ImportReport) ImportReport {
	add := func(a, b Tally) Tally {
		return Tally{Created: a.Created + b.Created, Updated: a.Updated + b.Updated, Unchanged: a.Unchanged + b.Unchanged}
	}
	return ImportReport{Members: add(r.Members, o.Members), Plans: add(r.Plans, o.Plans), Areas: add(r.Areas, o.Areas),
		Measures: add(r.Measures, o.Measures), Organisations: add(r.Organisations, o.Organisations)}
}

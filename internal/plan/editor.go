package plan

import (
	"context"

	"ogpp/internal/audit"
)

// Editor writes the registry on behalf of a signed-in user. Every write
// checks its input (plan.FieldErrors), refuses to overwrite a newer version
// (a *ConflictError), and appends its audit entry in the same transaction
// as the change. Deletes are soft: an admin restores them. The store
// implements it for SQLite and PostgreSQL.
type Editor interface {
	CreateMeasure(ctx context.Context, actor audit.Actor, e MeasureEdit) (int64, error)
	UpdateMeasure(ctx context.Context, actor audit.Actor, id int64, e MeasureEdit) error
	DeleteMeasure(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreMeasure(ctx context.Context, actor audit.Actor, id int64) error

	CreateOrganisation(ctx context.Context, actor audit.Actor, e OrganisationEdit) (int64, error)
	UpdateOrganisation(ctx context.Context, actor audit.Actor, id int64, e OrganisationEdit) error
	DeleteOrganisation(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreOrganisation(ctx context.Context, actor audit.Actor, id int64) error

	// Deleting a plan that has live measures, or an area that groups any,
	// is refused with ErrInUse.
	CreatePlan(ctx context.Context, actor audit.Actor, e PlanEdit) (int64, error)
	UpdatePlan(ctx context.Context, actor audit.Actor, id int64, e PlanEdit) error
	DeletePlan(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestorePlan(ctx context.Context, actor audit.Actor, id int64) error

	// GetArea reads a live area, with its version, for its edit form.
	GetArea(ctx context.Context, id int64) (Area, error)
	CreateArea(ctx context.Context, actor audit.Actor, e AreaEdit) (int64, error)
	UpdateArea(ctx context.Context, actor audit.Actor, id int64, e AreaEdit) error
	DeleteArea(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreArea(ctx context.Context, actor audit.Actor, id int64) error

	// GetMilestone reads a live milestone, with its version and measure,
	// for its edit form.
	GetMilestone(ctx context.Context, id int64) (Milestone, error)
	CreateMilestone(ctx context.Context, actor audit.Actor, e MilestoneEdit) (int64, error)
	UpdateMilestone(ctx context.Context, actor audit.Actor, id int64, e MilestoneEdit) error
	DeleteMilestone(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreMilestone(ctx context.Context, actor audit.Actor, id int64) error

	// ListDeleted lists the soft-deleted entities of one audit entity type,
	// most recently deleted first.
	ListDeleted(ctx context.Context, entityType string) ([]Deleted, error)
}

package events

import (
	"context"
	"regexp"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// EntityCategory names participant categories in the audit log.
const EntityCategory = "event_category"

// categoryCode is the shape of a category's code: it is kept in
// registrations and head counts, in indicator definitions and in the open
// data, so it is plain ASCII and never changes once given.
var categoryCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Valid reports whether c has the shape of a category code; whether such a
// category is kept and offered is the store's to say.
func (c Category) Valid() bool { return categoryCode.MatchString(string(c)) }

// CategoryInfo is a participant category as coordinators keep it: its
// label in each language, its place in forms and tables, and whether it
// is still offered.
type CategoryInfo struct {
	// ID names the category in the audit log.
	ID       int64
	Code     Category
	Label    plan.Text
	Position int
	// Active categories are offered by the registration and head-count
	// forms; an inactive one still counts what was recorded under it.
	Active bool
	// Used counts the registrations and head counts recorded under it; a
	// used category may be deactivated but not deleted.
	Used    int
	Version int
}

// CategoryList is the kept categories in their order.
type CategoryList []CategoryInfo

// Label returns the label of category c, nil for a code not kept.
func (l CategoryList) Label(c Category) plan.Text {
	for _, x := range l {
		if x.Code == c {
			return x.Label
		}
	}
	return nil
}

// Active returns the categories offered for new records.
func (l CategoryList) Active() CategoryList {
	var out CategoryList
	for _, x := range l {
		if x.Active {
			out = append(out, x)
		}
	}
	return out
}

// Codes returns the codes of l in order.
func (l CategoryList) Codes() []Category {
	out := make([]Category, len(l))
	for i, x := range l {
		out[i] = x.Code
	}
	return out
}

// Offers reports whether c is kept and active.
func (l CategoryList) Offers(c Category) bool {
	for _, x := range l {
		if x.Code == c {
			return x.Active
		}
	}
	return false
}

// Has reports whether c is kept, active or not.
func (l CategoryList) Has(c Category) bool { return l.index(c) >= 0 }

func (l CategoryList) index(c Category) int {
	for i, x := range l {
		if x.Code == c {
			return i
		}
	}
	return -1
}

// CategoryEdit is what the categories page sets. Code is read only when a
// category is created.
type CategoryEdit struct {
	Code    Category
	Label   plan.Text
	Active  bool
	Version int
}

// Validate tidies e and checks it; creating says whether the code is to
// be checked too. Every language's label is required, because the
// registration form shows it to the public in each.
func (e *CategoryEdit) Validate(creating bool, langs []string) plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Label = e.Label.Clean()
	if creating && !e.Code.Valid() {
		fe["code"] = "events.categories.code.invalid"
	}
	for _, lang := range langs {
		v := e.Label[lang]
		if v == "" {
			fe["label-"+lang] = "events.categories.label.required"
		} else if utf8.RuneCountInString(v) > maxShort {
			fe["label-"+lang] = "events.too_long"
		}
	}
	return fe
}

// DefaultCategories are the categories a new installation starts with,
// under the codes recorded data uses; coordinators may rename, reorder
// and deactivate them.
var DefaultCategories = []Category{MemberNGO, NonMemberNGO, StateBody, ForeignGuest, Media, International, Business, OtherCategory}

// CategoryStore keeps the participant categories.
type CategoryStore interface {
	// ListCategories lists every kept category, active or not, in order.
	ListCategories(ctx context.Context) (CategoryList, error)
	// CreateCategory adds a category at the end; a code already kept is
	// refused with plan.FieldErrors.
	CreateCategory(ctx context.Context, actor audit.Actor, e CategoryEdit) error
	// UpdateCategory renames and (de)activates category c; a stale
	// version is refused with *plan.ConflictError[CategoryInfo].
	UpdateCategory(ctx context.Context, actor audit.Actor, c Category, e CategoryEdit) error
	// MoveCategory swaps c with its neighbour above (up) or below.
	MoveCategory(ctx context.Context, actor audit.Actor, c Category, up bool) error
	// DeleteCategory removes a category nothing was recorded under; a
	// used one is refused with plan.FieldErrors.
	DeleteCategory(ctx context.Context, actor audit.Actor, c Category) error
}

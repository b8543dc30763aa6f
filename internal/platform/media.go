package platform

import (
	"context"
	"slices"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
)

// MediaKind is the kind of outlet that covered the platform's work.
type MediaKind string

// The kinds of media coverage.
const (
	MediaArticle    MediaKind = "article"     // newspapers, magazines, news sites
	MediaTV         MediaKind = "tv"          // broadcast television
	MediaInternetTV MediaKind = "internet_tv" // online television and video channels
	MediaRadio      MediaKind = "radio"
	MediaSocial     MediaKind = "social" // social networks
)

// MediaKinds lists the kinds in the order forms and filters offer them.
var MediaKinds = []MediaKind{MediaArticle, MediaTV, MediaInternetTV, MediaRadio, MediaSocial}

// Valid reports whether k is a known kind.
func (k MediaKind) Valid() bool { return slices.Contains(MediaKinds, k) }

// MediaItem is one piece of media coverage of the platform's work: an
// article, a broadcast, a post.
type MediaItem struct {
	ID          int64
	Outlet      string
	Kind        MediaKind
	PublishedOn plan.Date
	// Title is the piece's title as the outlet published it, in its own
	// language: a quotation, not a text to translate.
	Title string
	URL   string // where it can be read or watched; may be empty for a broadcast
	// ActivityID and EventID name the platform's activity and event the
	// piece covered (0 for none), kept as given: they live apart.
	ActivityID int64
	EventID    int64
	MeasureID  int64
	Measure    *MeasureRef // the measure, when it is live
	Version    int
	UpdatedAt  time.Time
}

// MediaEdit is what a coordinator's form sets on a media item; Today and
// Version are as for AppealEdit.
type MediaEdit struct {
	Outlet      string
	Kind        MediaKind
	PublishedOn string // YYYY-MM-DD
	Title       string
	URL         string
	ActivityID  int64
	EventID     int64
	MeasureID   int64
	Today       plan.Date
	Version     int
}

// Validate tidies e and checks it; the store checks that the measure
// exists.
func (e *MediaEdit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Outlet = strings.Join(strings.Fields(e.Outlet), " ")
	e.Title = strings.TrimSpace(e.Title)
	e.URL = strings.TrimSpace(e.URL)
	e.PublishedOn = strings.TrimSpace(e.PublishedOn)
	if e.Outlet == "" {
		fe["outlet"] = "media.outlet.required"
	}
	pwCheckString(fe, "outlet", e.Outlet, pwMaxShort)
	if e.Kind == "" {
		fe["kind"] = "media.kind.required"
	} else if !e.Kind.Valid() {
		fe["kind"] = "media.kind.invalid"
	}
	pwParseDay(fe, "media", "published_on", e.PublishedOn, e.Today, true)
	if e.Title == "" {
		fe["title"] = "media.title.required"
	}
	pwCheckString(fe, "title", e.Title, pwMaxShort)
	if pwCheckString(fe, "url", e.URL, pwMaxShort) && e.URL != "" && !pwWebURL(e.URL) {
		fe["url"] = "media.url.invalid"
	}
	if e.ActivityID < 0 {
		fe["activity"] = "appeal.activity.invalid"
	}
	if e.EventID < 0 {
		fe["event"] = "media.event.invalid"
	}
	if e.MeasureID < 0 {
		fe["measure"] = "appeal.measure.invalid"
	}
	return fe
}

// MediaFilter selects media items. Zero fields do not filter.
type MediaFilter struct {
	Kind       MediaKind
	Year       int
	ActivityID int64
	// ActivityIDs, when not nil, keeps the items of any of these
	// activities (none when empty): a project's, for its indicators.
	ActivityIDs []int64
	EventID     int64
	MeasureID   int64
	// From and To bound the day published, both included.
	From, To      *plan.Date
	Limit, Offset int
}

// MediaStore keeps the media coverage, as AppealStore keeps appeals.
type MediaStore interface {
	// ListMedia returns a page of the live items f selects, newest first.
	ListMedia(ctx context.Context, f MediaFilter) (plan.Page[MediaItem], error)
	// CountMedia counts the live items f selects (its Limit and Offset
	// aside): the figure of an indicator such as "media items".
	CountMedia(ctx context.Context, f MediaFilter) (int, error)
	// MediaYears lists the years of the live items, newest first.
	MediaYears(ctx context.Context) ([]int, error)
	GetMedia(ctx context.Context, id int64) (MediaItem, error)
	CreateMedia(ctx context.Context, actor audit.Actor, e MediaEdit) (int64, error)
	UpdateMedia(ctx context.Context, actor audit.Actor, id int64, e MediaEdit) error
	DeleteMedia(ctx context.Context, actor audit.Actor, id int64, version int) error
	RestoreMedia(ctx context.Context, actor audit.Actor, id int64) error
}

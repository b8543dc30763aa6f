// Package portal names the public portal's data sets and what the portal
// asks the store about them. It knows neither SQL nor HTTP.
package portal

import (
	"context"
	"time"
)

// DataSet names a public data set whose last change the store reports.
// The names are those of the open-data page and of the resources of the
// bundle's datapackage.json.
type DataSet string

// The public data sets. Each is what the anonymous public reads: deleted
// rows, unpublished rounds and scorecards are not part of any.
const (
	OGPMembers      DataSet = "ogp-members"
	Plans           DataSet = "plans"
	Measures        DataSet = "measures"
	Organisations   DataSet = "organisations"
	Assessments     DataSet = "assessments"
	PlatformMembers DataSet = "platform-members"
	Activities      DataSet = "activities"
	Events          DataSet = "events"
	Scorecards      DataSet = "scorecards"
	Media           DataSet = "media"
	Appeals         DataSet = "appeals"
	Library         DataSet = "library"
	News            DataSet = "news"
)

// DataSets lists every public data set in the order the open-data page
// shows them.
var DataSets = []DataSet{OGPMembers, Plans, Measures, Organisations, Assessments, PlatformMembers, Activities, Events, Scorecards, Library, News, Media, Appeals}

// RoundRef is a published monitoring round as the catalogue lists it.
type RoundRef struct {
	ID        int64
	PlanID    int64
	UpdatedAt time.Time
}

// Catalogue is what the open-data page, the bundle and the sitemap ask the
// store about the public data sets.
type Catalogue interface {
	// LastUpdated returns when each data set last changed, as far as the
	// public sees it; a data set without any row is absent from the map.
	LastUpdated(ctx context.Context) (map[DataSet]time.Time, error)
	// PublishedRounds lists every published monitoring round, by plan and
	// then by id, with the last change of the round or its assessments.
	PublishedRounds(ctx context.Context) ([]RoundRef, error)
}

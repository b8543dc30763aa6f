package app

import (
	"context"

	"ogpp/internal/platform"
	"ogpp/internal/store"
	"ogpp/internal/web"
)

// outreachConfig reads the calendar and the kinds of appeal the pages of
// appeals need: the holidays file (--holidays) and the kinds with their
// days for a reply (--appeal-kinds). A file that cannot be read or a list
// that cannot be parsed stops serve before anything is opened, naming
// the line or the entry: a deadline silently counted without holidays
// would be wrong for every appeal.
func outreachConfig(cfg Config) (web.AppealsConfig, error) {
	cal, err := platform.LoadCalendar(cfg.Holidays)
	if err != nil {
		return web.AppealsConfig{}, err
	}
	kinds := platform.DefaultAppealKinds()
	if cfg.AppealKinds != "" {
		if kinds, err = platform.ParseAppealKinds(cfg.AppealKinds); err != nil {
			return web.AppealsConfig{}, err
		}
	}
	return web.AppealsConfig{Calendar: cal, Kinds: kinds}, nil
}

// withOutreachStore completes the configuration with the store.
func withOutreachStore(c web.AppealsConfig, db *store.DB) web.AppealsConfig {
	c.Store, c.Activities = db, db
	return c
}

// outreachIndicatorSources register what the outreach counts for projects'
// indicators: appeals sent and media items, over a project's activities.
func outreachIndicatorSources(db *store.DB) []platform.IndicatorSource {
	return db.OutreachIndicatorSources(func(ctx context.Context, projectID int64) ([]int64, error) {
		p, err := db.GetProject(ctx, projectID)
		if err != nil {
			return nil, err
		}
		ids := make([]int64, 0, len(p.Activities))
		for _, a := range p.Activities {
			ids = append(ids, a.ID)
		}
		return ids, nil
	})
}

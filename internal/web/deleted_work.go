package web

import (
	"context"
	"strconv"

	"ogpp/internal/events"
	"ogpp/internal/library"
	"ogpp/internal/news"
	"ogpp/internal/plan"
	"ogpp/internal/scorecard"
	"ogpp/internal/survey"
)

// The platform's work on the deleted items page: events, surveys,
// scorecards, library documents and news, each listed and restored by its own store.

// workDeletedTypes are the work's entity types, after the registry's.
var workDeletedTypes = []string{events.EntityEvent, survey.EntitySurvey, scorecard.EntityScorecard, library.EntityDocument, news.EntityNews}

// workDeleted returns how an entity type of the work is listed and
// restored, and false for another type or a server without its store.
func (s *Server) workDeleted(entityType string) (func(context.Context) ([]plan.Deleted, error), restoreFunc, bool) {
	switch {
	case entityType == events.EntityEvent && s.events != nil:
		return s.events.ListDeletedEvents, s.events.RestoreEvent, true
	case entityType == survey.EntitySurvey && s.surveys != nil:
		return s.surveys.ListDeletedSurveys, s.surveys.RestoreSurvey, true
	case entityType == scorecard.EntityScorecard && s.scorecards != nil:
		return s.scorecards.ListDeletedScorecards, s.scorecards.RestoreScorecard, true
	case entityType == library.EntityDocument && s.library != nil:
		return s.library.ListDeletedDocuments, s.library.RestoreDocument, true
	case entityType == news.EntityNews && s.news != nil:
		return s.news.ListDeletedNews, s.news.RestoreNews, true
	}
	return nil, nil, false
}

// listDeleted lists the deleted entities of a type, the registry's from
// the editor and the work's from their stores.
func (s *Server) listDeleted(ctx context.Context, entityType string) ([]plan.Deleted, error) {
	if list, _, ok := s.workDeleted(entityType); ok {
		return list(ctx)
	}
	return s.editor.ListDeleted(ctx, entityType)
}

// workRestoredLink is restoredLink for the work: the page of the event,
// survey or scorecard just restored while it is live.
func (s *Server) workRestoredLink(ctx context.Context, l locale, entityType string, id int64) (string, string) {
	ref := strconv.FormatInt(id, 10)
	switch {
	case entityType == events.EntityEvent && s.events != nil:
		if ev, err := s.events.GetEvent(ctx, id); err == nil {
			return "/events/" + ref, l.Plain(ev.Title)
		}
	case entityType == survey.EntitySurvey && s.surveys != nil:
		if sv, err := s.surveys.GetSurvey(ctx, id); err == nil {
			return "/surveys/" + ref, l.Plain(sv.Title)
		}
	case entityType == scorecard.EntityScorecard && s.scorecards != nil:
		if c, err := s.scorecards.GetScorecard(ctx, id); err == nil {
			return "/scorecards/" + ref, l.Plain(c.Title)
		}
	case entityType == library.EntityDocument && s.library != nil:
		if d, err := s.library.GetDocument(ctx, id); err == nil {
			return "/library/" + ref, d.Title
		}
	case entityType == news.EntityNews && s.news != nil:
		if it, err := s.news.GetNews(ctx, id); err == nil {
			return "/news/" + ref, it.Title
		}
	}
	return "", ""
}

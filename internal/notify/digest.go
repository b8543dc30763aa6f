package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"ogpp/internal/events"
	"ogpp/internal/i18n"
	"ogpp/internal/monitor"
	"ogpp/internal/news"
	"ogpp/internal/plan"
)

// EventsAhead is how far ahead a digest looks for upcoming events.
const EventsAhead = 14 * 24 * time.Hour

// summaryRunes bounds the part of a news item a digest quotes.
const summaryRunes = 300

// Sources are what digests tell of. Each may be nil: its topic then has
// nothing new.
type Sources struct {
	News interface {
		PublishedNewsSince(ctx context.Context, since time.Time) ([]news.Item, error)
	}
	Rounds interface {
		ListRounds(ctx context.Context, planID int64, publishedOnly bool) ([]monitor.Round, error)
	}
	Events interface {
		ListEvents(ctx context.Context, f events.Filter) ([]events.Event, error)
	}
	Plans interface {
		GetPlan(ctx context.Context, ref string) (plan.Plan, error)
	}
}

// DigestReport says what a digest run did.
type DigestReport struct {
	// Sent is how many mails went out; Empty how many confirmed
	// subscriptions had nothing new; Failed how many could not be sent.
	Sent, Empty, Failed int
}

// Digest sends every confirmed subscription what is new for it since its
// last digest — published news (published after it was confirmed), the
// subscribed plan's rounds published since it was confirmed, events
// starting within EventsAhead — leaving out what earlier digests carried,
// so that a digest with nothing new sends nothing. A subscription whose
// mail fails is reported and tried again next time; the others go on.
func (s *Service) Digest(ctx context.Context, src Sources, links Links, log *slog.Logger) (DigestReport, error) {
	var rep DigestReport
	if !s.Enabled() {
		return rep, ErrDisabled
	}
	if log == nil {
		log = slog.Default()
	}
	subs, err := s.Store.ConfirmedSubscriptions(ctx)
	if err != nil {
		return rep, fmt.Errorf("digest: %w", err)
	}
	now := s.now()
	var errs []error
	for _, sub := range subs {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		sent, err := s.digestOne(ctx, src, links, sub, now)
		switch {
		case err != nil:
			rep.Failed++
			log.Warn("digest not sent", "subscription", sub.ID, "error", err)
			errs = append(errs, fmt.Errorf("subscription %d: %w", sub.ID, err))
		case sent:
			rep.Sent++
		default:
			rep.Empty++
		}
	}
	if err := errors.Join(errs...); err != nil {
		return rep, fmt.Errorf("digest: %w", err)
	}
	return rep, nil
}

// digestOne composes and sends one subscription's digest, reporting
// whether there was anything to send.
func (s *Service) digestOne(ctx context.Context, src Sources, links Links, sub Subscription, now time.Time) (bool, error) {
	done, err := s.Store.DigestSent(ctx, sub.ID)
	if err != nil {
		return false, err
	}
	l := sub.Lang
	var section DigestSection
	var refs []ItemRef
	add := func(ref ItemRef, e DigestEntry) {
		if done[ref] {
			return
		}
		refs = append(refs, ref)
		section.Entries = append(section.Entries, e)
	}
	planTitle := ""
	switch sub.Topic {
	case TopicNews:
		if src.News == nil {
			break
		}
		section.Heading = i18n.T(l, "notify.digest.news")
		items, err := src.News.PublishedNewsSince(ctx, sub.ConfirmedAt)
		if err != nil {
			return false, err
		}
		for _, it := range items {
			add(ItemRef{ItemNews, it.ID}, DigestEntry{Title: it.Title, When: dateIn(l, it.PublishedAt), Summary: it.Summary(summaryRunes),
				URL: links.URL("/news/" + strconv.FormatInt(it.ID, 10))})
		}
	case TopicEvents:
		if src.Events == nil {
			break
		}
		section.Heading = i18n.T(l, "notify.digest.events")
		evs, err := src.Events.ListEvents(ctx, events.Filter{})
		if err != nil {
			return false, err
		}
		for _, ev := range evs {
			if !ev.Upcoming(now) || ev.Start.After(now.Add(EventsAhead)) {
				continue
			}
			start := ev.Start.In(events.Zone)
			place := ev.Place
			if place == "" {
				place = ev.Region
			}
			add(ItemRef{ItemEvent, ev.ID}, DigestEntry{Title: ev.Title.In(l).Value, When: dateIn(l, start) + " " + start.Format("15:04"),
				Summary: place, URL: links.URL("/events/" + strconv.FormatInt(ev.ID, 10))})
		}
	case TopicPlan:
		if src.Rounds == nil {
			break
		}
		if src.Plans != nil {
			if p, err := src.Plans.GetPlan(ctx, strconv.FormatInt(sub.PlanID, 10)); err == nil {
				planTitle = p.Title.In(l).Value
			} else if !errors.Is(err, plan.ErrNotFound) {
				return false, err
			}
		}
		section.Heading = i18n.T(l, "notify.digest.rounds")
		rounds, err := src.Rounds.ListRounds(ctx, sub.PlanID, true)
		if err != nil {
			return false, err
		}
		for _, rd := range rounds {
			// A round published before the subscription is not news to
			// it; the last change of a published round is its publishing
			// or later.
			if !rd.UpdatedAt.After(sub.ConfirmedAt) {
				continue
			}
			add(ItemRef{ItemRound, rd.ID}, DigestEntry{Title: rd.Name.In(l).Value, When: rd.Period.Text,
				URL: links.URL("/rounds/" + strconv.FormatInt(rd.ID, 10))})
		}
	}
	if len(refs) == 0 {
		return false, nil
	}
	unsub, err := s.Store.UnsubscribeToken(ctx, sub.ID)
	if err != nil {
		return false, err
	}
	msg := ComposeDigest(sub, TopicName(l, sub.Topic, planTitle), []DigestSection{section}, links.Unsubscribe(unsub))
	msg.From = s.From
	if err := s.send(ctx, msg); err != nil {
		return false, err
	}
	return true, s.Store.RecordDigest(ctx, sub.ID, refs, now)
}

// dateIn writes the day of t in lang; "" for the zero time.
func dateIn(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.Date(lang, t.Year(), t.Month(), t.Day())
}

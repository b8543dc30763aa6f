// Package notify keeps the public's subscriptions by email — to news, to
// upcoming events, to a plan's published monitoring rounds — with double
// opt-in and one-click unsubscribing, composes the mails (plain text with
// an HTML alternative, in the subscriber's language) and sends the
// digests of what is new through a Mailer. It knows neither SQL nor HTTP;
// nothing is sent without a Mailer.
package notify

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"

	"ogpp/internal/i18n"
	"ogpp/internal/plan"
)

// EntitySubscription is the audit log's name of a subscription.
const EntitySubscription = "subscription"

// Topic is what a subscription follows.
type Topic string

// The topics one may subscribe to.
const (
	// TopicNews is the platform's published news.
	TopicNews Topic = "news"
	// TopicEvents is the events coming up in the next EventsAhead.
	TopicEvents Topic = "events"
	// TopicPlan is a plan's monitoring rounds as they are published.
	TopicPlan Topic = "plan"
)

// Topics lists the topics in the order forms offer them.
var Topics = []Topic{TopicNews, TopicEvents, TopicPlan}

// Valid reports whether t is a known topic.
func (t Topic) Valid() bool { return slices.Contains(Topics, t) }

// Status is where a subscription stands.
type Status string

// The statuses of a subscription.
const (
	// Pending waits for the address to confirm it.
	Pending Status = "pending"
	// Confirmed gets digests.
	Confirmed Status = "confirmed"
	// Unsubscribed gets nothing more.
	Unsubscribed Status = "unsubscribed"
)

// Subscription is one address following one topic.
type Subscription struct {
	ID    int64
	Email string
	Topic Topic
	// PlanID is the plan of TopicPlan; 0 otherwise.
	PlanID int64
	// Lang is the language its mails are written in: the page's when the
	// visitor subscribed.
	Lang        string
	Status      Status
	ConfirmedAt time.Time
	CreatedAt   time.Time
}

// Request is what the subscribe form sends.
type Request struct {
	Email  string
	Topic  Topic
	PlanID int64
	Lang   string
	// Honeypot is a field people do not see and robots fill in.
	Honeypot string
	// Client identifies the sender for the rate limit (a hash of the
	// network address); never shown.
	Client string
}

// maxEmail is the longest address SMTP carries (RFC 5321's path limit).
const maxEmail = 254

// Validate tidies r and checks it; the store checks that the plan exists.
func (r *Request) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	r.Email = strings.TrimSpace(r.Email)
	switch addr, err := mail.ParseAddress(r.Email); {
	case r.Email == "":
		fe["email"] = "subscribe.email.required"
	case err != nil || addr.Address != r.Email || len(r.Email) > maxEmail || !strings.Contains(r.Email[strings.LastIndex(r.Email, "@")+1:], "."):
		fe["email"] = "subscribe.email.invalid"
	}
	if !r.Topic.Valid() {
		fe["topic"] = "subscribe.topic.invalid"
	} else if r.Topic == TopicPlan && r.PlanID <= 0 {
		fe["plan"] = "subscribe.plan.required"
	}
	if r.Topic != TopicPlan {
		r.PlanID = 0
	}
	if !i18n.IsSupported(r.Lang) {
		r.Lang = i18n.Supported[0]
	}
	return fe
}

// EmailKey is the form of an address subscriptions are unique by: the
// whole address in lower case, as mailbox providers treat it.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Rate limits of subscribing, counted in the database so that every
// instance shares them: an address may be asked to confirm at most
// AddressLimit times, and one sender may subscribe at most ClientLimit
// times, within RateWindow.
const (
	AddressLimit = 3
	ClientLimit  = 10
	RateWindow   = time.Hour
)

// ConfirmTTL is how long a confirmation link works.
const ConfirmTTL = 7 * 24 * time.Hour

// ErrSpam refuses a request whose honeypot is filled in.
var ErrSpam = notifyError("notify: refused as spam")

// ErrRateLimited refuses a request past the rate limits.
var ErrRateLimited = notifyError("notify: too many subscribe attempts")

// ErrExpired refuses a confirmation link older than ConfirmTTL.
var ErrExpired = notifyError("notify: the confirmation link has expired")

// ErrDisabled refuses to subscribe when no mail can be sent.
var ErrDisabled = notifyError("notify: no mail server is configured")

type notifyError string

func (e notifyError) Error() string { return string(e) }

// ItemKind is the kind of thing a digest carries.
type ItemKind string

// The kinds of digest item.
const (
	ItemNews  ItemKind = "news"
	ItemRound ItemKind = "round"
	ItemEvent ItemKind = "event"
)

// ItemRef names one thing a digest carried, so that it is never sent to
// the same subscription twice.
type ItemRef struct {
	Kind ItemKind
	ID   int64
}

// Store keeps subscriptions and their tokens (only their hashes).
type Store interface {
	// Subscribe records the request as a pending subscription (or renews
	// the address's subscription to the topic: its language, and pending
	// again when it was unsubscribed) and returns it with a one-time
	// confirmation token valid ConfirmTTL. It refuses a filled-in
	// honeypot with ErrSpam, a request past the limits with
	// ErrRateLimited, invalid input with plan.FieldErrors.
	Subscribe(ctx context.Context, r Request) (Subscription, string, error)
	// SubscriptionByConfirmToken finds the subscription a confirmation
	// token names: plan.ErrNotFound when none, ErrExpired when too old.
	SubscriptionByConfirmToken(ctx context.Context, token string) (Subscription, error)
	// ConfirmSubscription confirms the subscription the token names.
	ConfirmSubscription(ctx context.Context, token string) (Subscription, error)
	// UnsubscribeToken issues a new one-time unsubscribe token of a
	// subscription, for a mail about to be sent.
	UnsubscribeToken(ctx context.Context, id int64) (string, error)
	// SubscriptionByUnsubscribeToken finds the subscription an unsubscribe
	// token names; plan.ErrNotFound when none.
	SubscriptionByUnsubscribeToken(ctx context.Context, token string) (Subscription, error)
	// Unsubscribe ends the subscription the token names.
	Unsubscribe(ctx context.Context, token string) (Subscription, error)
	// ConfirmedSubscriptions lists the subscriptions that get digests.
	ConfirmedSubscriptions(ctx context.Context) ([]Subscription, error)
	// DigestSent lists what the subscription's digests carried.
	DigestSent(ctx context.Context, id int64) (map[ItemRef]bool, error)
	// RecordDigest records a digest sent at at with items.
	RecordDigest(ctx context.Context, id int64, items []ItemRef, at time.Time) error
}

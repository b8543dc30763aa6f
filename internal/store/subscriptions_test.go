package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ogpp/internal/notify"
	"ogpp/internal/plan"
	"ogpp/internal/store"
	"ogpp/internal/store/storetest"
)

// TestSubscriptionsDoubleOptIn subscribes, confirms with the one-time
// token, records what a digest carried and unsubscribes; expired tokens,
// spam and too many attempts are refused.
func TestSubscriptionsDoubleOptIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		load(t, db)
		now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		p, _ := db.GetPlan(ctx, "AZ-1")
		sub, token, err := db.Subscribe(ctx, notify.Request{Email: "Aysel@Example.org", Topic: notify.TopicPlan, PlanID: p.ID, Lang: "az", Client: "c1"})
		if err != nil {
			t.Fatal(err)
		}
		if sub.Status != notify.Pending || sub.Lang != "az" || token == "" {
			t.Fatalf("new subscription: %+v %q", sub, token)
		}
		if subs, _ := db.ConfirmedSubscriptions(ctx); len(subs) != 0 {
			t.Fatalf("an unconfirmed subscription gets digests: %+v", subs)
		}
		// The same address in other letters is the same subscription.
		again, token2, err := db.Subscribe(ctx, notify.Request{Email: "aysel@example.org", Topic: notify.TopicPlan, PlanID: p.ID, Lang: "en", Client: "c1"})
		if err != nil || again.ID != sub.ID || again.Lang != "en" {
			t.Fatalf("subscribing again: %+v %v", again, err)
		}
		if _, err := db.ConfirmSubscription(ctx, "not-a-token"); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("an unknown token: %v", err)
		}
		now = now.Add(notify.ConfirmTTL + time.Minute)
		if _, err := db.ConfirmSubscription(ctx, token); !errors.Is(err, notify.ErrExpired) {
			t.Errorf("an expired token: %v", err)
		}
		now = now.Add(-notify.ConfirmTTL)
		confirmed, err := db.ConfirmSubscription(ctx, token2)
		if err != nil || confirmed.Status != notify.Confirmed || !confirmed.ConfirmedAt.Equal(now) {
			t.Fatalf("confirming: %+v %v", confirmed, err)
		}
		if _, err := db.ConfirmSubscription(ctx, token2); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a token used twice: %v", err)
		}
		subs, err := db.ConfirmedSubscriptions(ctx)
		if err != nil || len(subs) != 1 || subs[0].Email != "aysel@example.org" || subs[0].PlanID != p.ID {
			t.Fatalf("confirmed subscriptions: %+v %v", subs, err)
		}
		refs := []notify.ItemRef{{Kind: notify.ItemRound, ID: 7}, {Kind: notify.ItemNews, ID: 7}}
		if err := db.RecordDigest(ctx, sub.ID, refs, now); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordDigest(ctx, sub.ID, refs[:1], now); err != nil {
			t.Fatalf("recording an item again: %v", err)
		}
		sent, err := db.DigestSent(ctx, sub.ID)
		if err != nil || len(sent) != 2 || !sent[refs[0]] || !sent[refs[1]] {
			t.Fatalf("sent: %v %v", sent, err)
		}
		unsub, err := db.UnsubscribeToken(ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s, err := db.SubscriptionByUnsubscribeToken(ctx, unsub); err != nil || s.ID != sub.ID {
			t.Fatalf("by unsubscribe token: %+v %v", s, err)
		}
		for range 2 { // a mail program may repeat the one-click request
			if s, err := db.Unsubscribe(ctx, unsub); err != nil || s.Status != notify.Unsubscribed {
				t.Fatalf("unsubscribing: %+v %v", s, err)
			}
		}
		if subs, _ := db.ConfirmedSubscriptions(ctx); len(subs) != 0 {
			t.Fatalf("an ended subscription gets digests: %+v", subs)
		}
	})
}

func TestSubscribeRefusesSpamAndFloods(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		if _, _, err := db.Subscribe(ctx, notify.Request{Email: "a@example.org", Topic: notify.TopicNews, Honeypot: "http://spam"}); !errors.Is(err, notify.ErrSpam) {
			t.Errorf("honeypot: %v", err)
		}
		for _, bad := range []notify.Request{
			{Email: "not an address", Topic: notify.TopicNews},
			{Email: "Name <a@example.org>", Topic: notify.TopicNews},
			{Email: "a@example.org", Topic: "weather"},
			{Email: "a@example.org", Topic: notify.TopicPlan, PlanID: 99999},
		} {
			var fe plan.FieldErrors
			if _, _, err := db.Subscribe(ctx, bad); !errors.As(err, &fe) {
				t.Errorf("%+v: %v", bad, err)
			}
		}
		for i := range notify.AddressLimit {
			if _, _, err := db.Subscribe(ctx, notify.Request{Email: "b@example.org", Topic: notify.TopicNews, Client: "c" + itoa(int64(i))}); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := db.Subscribe(ctx, notify.Request{Email: "B@example.org", Topic: notify.TopicEvents, Client: "other"}); !errors.Is(err, notify.ErrRateLimited) {
			t.Errorf("the address past its limit: %v", err)
		}
		for i := range notify.ClientLimit {
			_, _, err := db.Subscribe(ctx, notify.Request{Email: "c" + itoa(int64(i)) + "@example.org", Topic: notify.TopicNews, Client: "flood"})
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := db.Subscribe(ctx, notify.Request{Email: "d@example.org", Topic: notify.TopicNews, Client: "flood"}); !errors.Is(err, notify.ErrRateLimited) {
			t.Errorf("the sender past its limit: %v", err)
		}
		now = now.Add(notify.RateWindow + time.Second)
		if _, _, err := db.Subscribe(ctx, notify.Request{Email: "d@example.org", Topic: notify.TopicNews, Client: "flood"}); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}

// TestOldUnsubscribeLinksExpire: each mail's unsubscribe link works for a
// year; a link older than that is forgotten when the next mail is sent,
// while that mail's link works.
func TestOldUnsubscribeLinksExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		sub, confirm, err := db.Subscribe(ctx, notify.Request{Email: "leyla@example.org", Topic: notify.TopicNews, Lang: "az", Client: "c1"})
		if err == nil {
			_, err = db.ConfirmSubscription(ctx, confirm)
		}
		if err != nil {
			t.Fatal(err)
		}
		first, err := db.UnsubscribeToken(ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		now = now.AddDate(0, 11, 0)
		second, err := db.UnsubscribeToken(ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubscriptionByUnsubscribeToken(ctx, first); err != nil {
			t.Errorf("an 11-month-old link stopped working: %v", err)
		}
		now = now.AddDate(0, 2, 0)
		third, err := db.UnsubscribeToken(ctx, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubscriptionByUnsubscribeToken(ctx, first); !errors.Is(err, plan.ErrNotFound) {
			t.Errorf("a 13-month-old link: %v, want not found", err)
		}
		for _, token := range []string{second, third} {
			if _, err := db.SubscriptionByUnsubscribeToken(ctx, token); err != nil {
				t.Errorf("a recent link: %v", err)
			}
		}
		if s, err := db.Unsubscribe(ctx, second); err != nil || s.Status != notify.Unsubscribed {
			t.Fatalf("unsubscribing with a 2-month-old link: %+v %v", s, err)
		}
	})
}

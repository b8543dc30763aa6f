package notify

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"ogpp/internal/i18n"
)

// Service subscribes the public, sending the confirmation mails. Without a
// Mailer it is disabled: subscribing is refused and nothing is sent.
type Service struct {
	Store Store
	// Mailer delivers mail; nil disables subscribing and digests.
	Mailer Mailer
	// From is the sender, "Name <addr>" or "addr".
	From string
	// Now is the clock mails are dated by; time.Now when nil.
	Now func() time.Time
}

// Enabled reports whether mail can be sent.
func (s *Service) Enabled() bool { return s != nil && s.Mailer != nil }

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Links makes the absolute addresses mails point to.
type Links struct {
	// Base is the site's public address, "https://ogp.example.org/".
	Base string
}

// URL returns the absolute address of path.
func (l Links) URL(path string) string { return strings.TrimSuffix(l.Base, "/") + path }

// Confirm is the address of a confirmation token.
func (l Links) Confirm(token string) string { return l.URL("/subscribe/confirm/" + token) }

// Unsubscribe is the address of an unsubscribe token.
func (l Links) Unsubscribe(token string) string { return l.URL("/unsubscribe/" + token) }

// TopicName describes a subscription's topic in lang; planTitle names the
// plan of TopicPlan.
func TopicName(lang string, t Topic, planTitle string) string {
	if t == TopicPlan {
		return i18n.T(lang, "notify.topic.plan", planTitle)
	}
	return i18n.T(lang, "notify.topic."+string(t))
}

// Subscribe records the request and mails the confirmation link;
// planTitle names the plan of a TopicPlan request in its language.
func (s *Service) Subscribe(ctx context.Context, r Request, links Links, planTitle string) (Subscription, error) {
	if !s.Enabled() {
		return Subscription{}, ErrDisabled
	}
	sub, token, err := s.Store.Subscribe(ctx, r)
	if err != nil {
		return sub, err
	}
	unsub, err := s.Store.UnsubscribeToken(ctx, sub.ID)
	if err != nil {
		return sub, err
	}
	msg := ComposeConfirmation(sub, TopicName(sub.Lang, sub.Topic, planTitle), links.Confirm(token), links.Unsubscribe(unsub))
	msg.From = s.From
	if err := s.send(ctx, msg); err != nil {
		return sub, err
	}
	return sub, nil
}

// send composes and delivers a message.
func (s *Service) send(ctx context.Context, m Message) error {
	b, err := m.Bytes(s.now())
	if err != nil {
		return err
	}
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return fmt.Errorf("send mail: sender %q: %w", m.From, err)
	}
	return s.Mailer.Send(ctx, from.Address, []string{m.To}, b)
}

// Package news holds the platform's news: short items written in one of
// the UI languages, in markdown (rendered and sanitised by
// internal/markdown), published to the public list, the Atom feed and the
// subscribers' digests. An item may name the plan or the event it is
// about. It knows neither SQL nor HTTP.
package news

import (
	"context"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/markdown"
	"ogpp/internal/plan"
)

// EntityNews is the audit log's name of a news item.
const EntityNews = "news"

// Item is a news item.
type Item struct {
	ID    int64
	Title string
	// Body is markdown; see HTML.
	Body string
	// Lang is the language the item is written in.
	Lang      string
	Published bool
	// PublishedAt is when the item was last published; zero while it
	// never was.
	PublishedAt time.Time
	// PlanID and EventID link the item to a plan or an event; 0 for none.
	PlanID    int64
	EventID   int64
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// HTML renders the body as sanitised HTML.
func (it Item) HTML() template.HTML { return markdown.ToHTML(it.Body) }

// Summary is the body's first paragraph as plain text, at most n runes,
// for lists, feeds and mails.
func (it Item) Summary(n int) string {
	first, _, _ := strings.Cut(strings.TrimSpace(strings.ReplaceAll(it.Body, "\r\n", "\n")), "\n\n")
	first = strings.Join(strings.Fields(strings.NewReplacer("#", "", "*", "", "_", "", "`", "").Replace(first)), " ")
	if utf8.RuneCountInString(first) <= n {
		return first
	}
	r := []rune(first)
	return strings.TrimSpace(string(r[:n])) + "…"
}

// Limits of what an item may hold.
const (
	MaxTitle = 300
	MaxBody  = 100_000
)

// Edit is what a coordinator's form sets on an item.
type Edit struct {
	Title   string
	Body    string
	Lang    string
	PlanID  int64
	EventID int64
	Version int
}

// Validate tidies e and checks it; the store checks that the plan and the
// event exist.
func (e *Edit) Validate() plan.FieldErrors {
	fe := plan.FieldErrors{}
	e.Title = strings.TrimSpace(e.Title)
	e.Body = strings.TrimSpace(strings.ReplaceAll(e.Body, "\r\n", "\n"))
	switch {
	case e.Title == "":
		fe["title"] = "news.title.required"
	case utf8.RuneCountInString(e.Title) > MaxTitle:
		fe["title"] = "news.too_long"
	}
	switch {
	case e.Body == "":
		fe["body"] = "news.body.required"
	case len(e.Body) > MaxBody:
		fe["body"] = "news.too_long"
	}
	if !slices.Contains(i18n.Supported, e.Lang) {
		fe["lang"] = "news.lang.invalid"
	}
	if e.PlanID < 0 {
		fe["plan"] = "news.plan.unknown"
	}
	if e.EventID < 0 {
		fe["event"] = "news.event.unknown"
	}
	return fe
}

// Filter selects items for a list.
type Filter struct {
	// PublishedOnly leaves out the items not published: the public's
	// list.
	PublishedOnly bool
	Limit, Offset int
}

// Page is one page of a list and how many items the filter selects.
type Page struct {
	Items []Item
	Total int
}

// Store keeps news items. Writes are audited; deletes are soft.
type Store interface {
	// CreateNews records an unpublished item and returns its id; invalid
	// input is refused with plan.FieldErrors.
	CreateNews(ctx context.Context, actor audit.Actor, e Edit) (int64, error)
	// UpdateNews saves e over item id when its version is e.Version; a
	// stale version is refused with *plan.ConflictError[Item].
	UpdateNews(ctx context.Context, actor audit.Actor, id int64, e Edit) error
	// PublishNews publishes (stamping the time) or withdraws an item.
	PublishNews(ctx context.Context, actor audit.Actor, id int64, publish bool, version int) error
	// DeleteNews soft-deletes an item.
	DeleteNews(ctx context.Context, actor audit.Actor, id int64, version int) error
	// RestoreNews brings back a soft-deleted item; one that is not
	// deleted is plan.ErrNotFound.
	RestoreNews(ctx context.Context, actor audit.Actor, id int64) error
	// ListDeletedNews lists the soft-deleted items, latest deletion first.
	ListDeletedNews(ctx context.Context) ([]plan.Deleted, error)
	// GetNews reads a live item; plan.ErrNotFound when there is none.
	GetNews(ctx context.Context, id int64) (Item, error)
	// ListNews lists items, newest first: the unpublished by their last
	// change, then the published by their publication.
	ListNews(ctx context.Context, f Filter) (Page, error)
	// PublishedNewsSince lists the published items published after
	// since, oldest first.
	PublishedNewsSince(ctx context.Context, since time.Time) ([]Item, error)
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/news"
	"ogpp/internal/plan"
	"ogpp/internal/search"
)

// The store keeps news.
var _ news.Store = (*DB)(nil)

// newsRecord is a news item as the audit log records it and as its
// fingerprint covers it. The title is "title", the key the audit pages
// name an entity by.
type newsRecord struct {
	Title       string `json:"title"`
	Body        string `json:"body"`
	Lang        string `json:"lang"`
	Published   bool   `json:"published"`
	PublishedAt string `json:"published_at,omitempty"`
	PlanID      int64  `json:"plan_id,omitempty"`
	EventID     int64  `json:"event_id,omitempty"`
}

func (r newsRecord) hash() string { return contentHash(r) }

// newsColumns are the columns a newsRecord is read from, in order.
const newsColumns = `title, body, lang, published, published_at, plan_id, event_id`

// scanNewsRecord reads newsColumns after any leading destinations.
func scanNewsRecord(scan func(...any) error, lead ...any) (newsRecord, error) {
	var r newsRecord
	var published int
	var at sql.NullString
	var planID, eventID sql.NullInt64
	if err := scan(append(lead, &r.Title, &r.Body, &r.Lang, &published, &at, &planID, &eventID)...); err != nil {
		return r, err
	}
	r.Published, r.PublishedAt, r.PlanID, r.EventID = published != 0, at.String, planID.Int64, eventID.Int64
	return r, nil
}

func newsBoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkNewsLinks checks what only the database knows: the plan and the
// event an item links to exist.
func checkNewsLinks(ctx context.Context, tx *sql.Tx, e news.Edit) error {
	fe := plan.FieldErrors{}
	for _, c := range []struct {
		id           int64
		query, field string
	}{
		{e.PlanID, `SELECT COUNT(*) FROM plans WHERE id = $1 AND deleted_at IS NULL`, "plan"},
		{e.EventID, `SELECT COUNT(*) FROM events WHERE id = $1 AND deleted_at IS NULL`, "event"},
	} {
		if c.id == 0 {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, c.query, c.id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			fe[c.field] = "news." + c.field + ".unknown"
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// CreateNews records an unpublished item and returns its id.
func (db *DB) CreateNews(ctx context.Context, actor audit.Actor, e news.Edit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create news: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkNewsLinks(ctx, tx, e); err != nil {
			return err
		}
		r := newsRecord{Title: e.Title, Body: e.Body, Lang: e.Lang, PlanID: e.PlanID, EventID: e.EventID}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO news (title, body, lang, published, plan_id, event_id, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, 0, $4, $5, $6, $7, $7) RETURNING id`,
			r.Title, r.Body, r.Lang, pwNullID(r.PlanID), pwNullID(r.EventID), r.hash(), now).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, news.EntityNews, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create news: %w", err)
	}
	return id, nil
}

// readNewsRecord reads a live item for a write.
func readNewsRecord(ctx context.Context, q querier, id int64) (newsRecord, int, error) {
	var version int
	r, err := scanNewsRecord(q.QueryRowContext(ctx, `SELECT version, `+newsColumns+` FROM news WHERE id = $1 AND deleted_at IS NULL`, id).Scan, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, plan.ErrNotFound
	}
	return r, version, err
}

// writeNews changes a live item at version with change, checking and
// recording the change, in one transaction; a stale version is refused
// with *plan.ConflictError[news.Item].
func (db *DB) writeNews(ctx context.Context, actor audit.Actor, id int64, version int, check func(*sql.Tx) error, change func(*newsRecord)) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, v, err := readNewsRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if v != version {
			return errStale
		}
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		after := before
		change(&after)
		if after == before {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE news SET title = $1, body = $2, lang = $3, published = $4, published_at = $5, plan_id = $6, event_id = $7,
			content_hash = $8, updated_at = $9, version = version + 1 WHERE id = $10 AND version = $11 AND deleted_at IS NULL`,
			after.Title, after.Body, after.Lang, newsBoolInt(after.Published), nullString(after.PublishedAt), pwNullID(after.PlanID), pwNullID(after.EventID),
			after.hash(), formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, news.EntityNews, id, before, after)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.GetNews(ctx, id)
		if gerr != nil {
			return gerr
		}
		return &plan.ConflictError[news.Item]{Current: current}
	}
	return err
}

// UpdateNews saves e over item id when its version is e.Version.
func (db *DB) UpdateNews(ctx context.Context, actor audit.Actor, id int64, e news.Edit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update news %d: %w", id, fe)
	}
	err := db.writeNews(ctx, actor, id, e.Version, func(tx *sql.Tx) error { return checkNewsLinks(ctx, tx, e) }, func(r *newsRecord) {
		r.Title, r.Body, r.Lang, r.PlanID, r.EventID = e.Title, e.Body, e.Lang, e.PlanID, e.EventID
	})
	if err != nil {
		return fmt.Errorf("update news %d: %w", id, err)
	}
	return nil
}

// PublishNews publishes an item, stamping the time at db.Now, or
// withdraws it. Publishing a published item changes nothing.
func (db *DB) PublishNews(ctx context.Context, actor audit.Actor, id int64, publish bool, version int) error {
	err := db.writeNews(ctx, actor, id, version, nil, func(r *newsRecord) {
		if publish && !r.Published {
			r.PublishedAt = formatTime(db.Now())
		}
		r.Published = publish
	})
	if err != nil {
		return fmt.Errorf("publish news %d: %w", id, err)
	}
	return nil
}

// DeleteNews soft-deletes an item when its version is version.
func (db *DB) DeleteNews(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, v, err := readNewsRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if v != version {
			return errStale
		}
		res, err := tx.ExecContext(ctx, `UPDATE news SET deleted_at = $1, version = version + 1 WHERE id = $2 AND version = $3 AND deleted_at IS NULL`,
			formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, news.EntityNews, id, before)
	})
	if errors.Is(err, errStale) {
		current, gerr := db.GetNews(ctx, id)
		if gerr != nil {
			return fmt.Errorf("delete news %d: %w", id, gerr)
		}
		err = &plan.ConflictError[news.Item]{Current: current}
	}
	if err != nil {
		return fmt.Errorf("delete news %d: %w", id, err)
	}
	return nil
}

const newsSelect = `SELECT id, version, created_at, updated_at, ` + newsColumns + ` FROM news`

func scanNews(scan func(...any) error) (news.Item, error) {
	var it news.Item
	var created, updated string
	r, err := scanNewsRecord(scan, &it.ID, &it.Version, &created, &updated)
	if err != nil {
		return it, err
	}
	if it.CreatedAt, err = parseTime(created); err != nil {
		return it, err
	}
	if it.UpdatedAt, err = parseTime(updated); err != nil {
		return it, err
	}
	if r.PublishedAt != "" {
		if it.PublishedAt, err = parseTime(r.PublishedAt); err != nil {
			return it, err
		}
	}
	it.Title, it.Body, it.Lang, it.Published, it.PlanID, it.EventID = r.Title, r.Body, r.Lang, r.Published, r.PlanID, r.EventID
	return it, nil
}

// GetNews reads a live item; plan.ErrNotFound when there is none.
func (db *DB) GetNews(ctx context.Context, id int64) (news.Item, error) {
	it, err := scanNews(db.read.QueryRowContext(ctx, newsSelect+` WHERE id = $1 AND deleted_at IS NULL`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return it, plan.ErrNotFound
	}
	if err != nil {
		return it, fmt.Errorf("get news %d: %w", id, err)
	}
	return it, nil
}

// ListNews lists items newest first: the unpublished (work in hand) by
// their last change, then the published by publication time.
func (db *DB) ListNews(ctx context.Context, f news.Filter) (news.Page, error) {
	var c conds
	c.add("deleted_at IS NULL")
	if f.PublishedOnly {
		c.add("published = 1")
	}
	var out news.Page
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM news`+c.where(), c.args...).Scan(&out.Total); err != nil {
		return out, fmt.Errorf("list news: %w", err)
	}
	limit, offset := pageLimits(f.Limit, f.Offset)
	q := newsSelect + c.where() + ` ORDER BY published, COALESCE(published_at, updated_at) DESC, id DESC LIMIT ` + c.arg(limit) + ` OFFSET ` + c.arg(offset)
	items, err := db.queryNews(ctx, q, c.args...)
	if err != nil {
		return out, fmt.Errorf("list news: %w", err)
	}
	out.Items = items
	return out, nil
}

// PublishedNewsSince lists the published items published after since,
// oldest first.
func (db *DB) PublishedNewsSince(ctx context.Context, since time.Time) ([]news.Item, error) {
	items, err := db.queryNews(ctx, newsSelect+` WHERE deleted_at IS NULL AND published = 1 AND published_at > $1 ORDER BY published_at, id`, formatTime(since))
	if err != nil {
		return nil, fmt.Errorf("news since %s: %w", since.Format(time.RFC3339), err)
	}
	return items, nil
}

func (db *DB) queryNews(ctx context.Context, q string, args ...any) ([]news.Item, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []news.Item
	for rows.Next() {
		it, err := scanNews(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// NewsSearchDocuments lists the published news for the site-wide search.
func (db *DB) NewsSearchDocuments(ctx context.Context) ([]search.Document, error) {
	items, err := db.queryNews(ctx, newsSelect+` WHERE deleted_at IS NULL AND published = 1 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("news search documents: %w", err)
	}
	out := make([]search.Document, 0, len(items))
	for _, it := range items {
		out = append(out, search.Document{Kind: search.KindNews, ID: it.ID, Lang: it.Lang, Title: it.Title, Body: it.Body,
			URL: "/news/" + strconv.FormatInt(it.ID, 10), Date: it.PublishedAt})
	}
	return out, nil
}

// verifyNews checks the fingerprints of news items.
func verifyNews(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, news.EntityNews, `SELECT id, content_hash, `+newsColumns+` FROM news ORDER BY id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored string
			r, err := scanNewsRecord(rows.Scan, &id, &stored)
			return id, stored, r.hash(), r.Title, err
		})
}

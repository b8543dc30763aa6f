package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// The store keeps drafts and meetings, and lists a group's drafts as its
// work.
var (
	_ drafts.Store             = (*DB)(nil)
	_ platform.GroupWorkSource = (*DB)(nil)
)

// draftContent is what a draft's fingerprint covers, and what its audit
// entries record beside the text of its current version.
type draftContent struct {
	Kind        drafts.Kind   `json:"kind"`
	Title       plan.Text     `json:"title"`
	GroupID     int64         `json:"group_id,omitempty"`
	ActivityID  int64         `json:"activity_id,omitempty"`
	Status      drafts.Status `json:"status"`
	Current     int           `json:"current_version"`
	Adopted     int           `json:"adopted_version,omitempty"`
	DecidedBy   int64         `json:"decided_by_meeting,omitempty"`
	PublishedAt string        `json:"published_at,omitempty"`
}

func (c draftContent) hash() string {
	c.Title = c.Title.Clean()
	return contentHash(c)
}

// draftRecord is a draft as the audit log records it: its content and the
// text of its current version, so that the log's readable diff shows what
// each new version changed, word by word.
type draftRecord struct {
	draftContent
	Text string `json:"text,omitempty"`
	Note string `json:"note,omitempty"`
}

// draftState is a stored draft as writes need it.
type draftState struct {
	content draftContent
	version int
	hash    string
}

const draftStateSelect = `SELECT d.id, d.kind, d.title, COALESCE(d.group_id, 0), d.activity_id, d.status, d.current_revision, d.adopted_revision,
	COALESCE(d.decided_meeting_id, 0), COALESCE(d.published_at, ''), d.version, d.content_hash FROM drafts d`

func scanDraftState(row scanner) (int64, draftState, error) {
	var id int64
	var s draftState
	var title, kind, status string
	err := row.Scan(&id, &kind, &title, &s.content.GroupID, &s.content.ActivityID, &status, &s.content.Current, &s.content.Adopted,
		&s.content.DecidedBy, &s.content.PublishedAt, &s.version, &s.hash)
	if err != nil {
		return id, s, err
	}
	s.content.Kind, s.content.Status = drafts.Kind(kind), drafts.Status(status)
	s.content.Title, err = parseText(title)
	return id, s, err
}

// readDraftState reads draft id; plan.ErrNotFound when there is none.
func readDraftState(ctx context.Context, q querier, id int64) (draftState, error) {
	_, s, err := scanDraftState(q.QueryRowContext(ctx, draftStateSelect+` WHERE d.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

// draftRecordOf reads the audit form of draft id within tx: its content
// and its current version's text.
func draftRecordOf(ctx context.Context, tx *sql.Tx, id int64, s draftState) (draftRecord, error) {
	r := draftRecord{draftContent: s.content}
	if s.content.Current == 0 {
		return r, nil
	}
	err := tx.QueryRowContext(ctx, `SELECT body, note FROM draft_revisions WHERE draft_id = $1 AND number = $2`, id, s.content.Current).Scan(&r.Text, &r.Note)
	return r, err
}

// rehashDraft stores the fingerprint of draft id as it now is and returns
// it as it now is.
func rehashDraft(ctx context.Context, tx *sql.Tx, id int64) (draftState, error) {
	s, err := readDraftState(ctx, tx, id)
	if err != nil {
		return s, err
	}
	s.hash = s.content.hash()
	_, err = tx.ExecContext(ctx, `UPDATE drafts SET content_hash = $1 WHERE id = $2`, s.hash, id)
	return s, err
}

// auditDraft appends the entry of a change of draft id from before (nil
// for a new draft) to what it now is, and returns what it now is.
func (db *DB) auditDraft(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *draftRecord) (draftState, error) {
	after, err := rehashDraft(ctx, tx, id)
	if err != nil {
		return after, err
	}
	rec, err := draftRecordOf(ctx, tx, id, after)
	if err != nil {
		return after, err
	}
	var b any
	if before != nil {
		b = *before
	}
	return after, db.auditChange(ctx, tx, actor, action, drafts.EntityDraft, id, b, rec)
}

// draftColumns are what reads of drafts return; the group's name comes
// from the members' expert groups, deleted or not, since the draft still
// was the group's work.
const draftColumns = `d.id, d.kind, d.title, COALESCE(d.group_id, 0), COALESCE(g.name, '{}'), d.activity_id, d.status, d.current_revision,
	d.adopted_revision, COALESCE(d.decided_meeting_id, 0), d.published_at, d.created_at, d.updated_at, d.version,
	(SELECT COUNT(*) FROM draft_comments c WHERE c.draft_id = d.id AND c.parent_id IS NULL AND c.resolved = 0)
	FROM drafts d LEFT JOIN platform_groups g ON g.id = d.group_id`

func scanDraft(row scanner) (drafts.Draft, error) {
	var d drafts.Draft
	var kind, title, group, status, created, updated string
	var published sql.NullString
	err := row.Scan(&d.ID, &kind, &title, &d.GroupID, &group, &d.ActivityID, &status, &d.Current, &d.Adopted, &d.DecidedBy,
		&published, &created, &updated, &d.Version, &d.OpenThreads)
	if err != nil {
		return d, err
	}
	d.Kind, d.Status = drafts.Kind(kind), drafts.Status(status)
	if d.Title, err = parseText(title); err != nil {
		return d, err
	}
	if d.GroupName, err = parseText(group); err != nil {
		return d, err
	}
	if published.Valid && published.String != "" {
		t, err := parseTime(published.String)
		if err != nil {
			return d, err
		}
		d.PublishedAt = &t
	}
	if d.CreatedAt, err = parseTime(created); err != nil {
		return d, err
	}
	d.UpdatedAt, err = parseTime(updated)
	return d, err
}

func queryDrafts(ctx context.Context, q querier, where string, args ...any) ([]drafts.Draft, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+draftColumns+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []drafts.Draft
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ListDrafts returns the drafts f selects, most recently changed first.
func (db *DB) ListDrafts(ctx context.Context, f drafts.DraftFilter) ([]drafts.Draft, error) {
	var c conds
	if f.PublishedOnly {
		c.add(`d.status = ?`, string(drafts.StatusPublished))
	}
	if f.GroupID > 0 {
		c.add(`d.group_id = ?`, f.GroupID)
	}
	if f.Agenda {
		c.add(`d.status IN (?, ?)`, string(drafts.StatusDrafting), string(drafts.StatusReturned))
	}
	out, err := queryDrafts(ctx, db.read, c.where()+` ORDER BY d.updated_at DESC, d.id DESC`, c.args...)
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", err)
	}
	return out, nil
}

// GetDraft returns draft id; plan.ErrNotFound when there is none.
func (db *DB) GetDraft(ctx context.Context, id int64) (drafts.Draft, error) {
	out, err := queryDrafts(ctx, db.read, ` WHERE d.id = $1`, id)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return drafts.Draft{}, fmt.Errorf("get draft %d: %w", id, err)
	}
	return out[0], nil
}

// CreateDraft starts a draft, with its first version when e.Body is set,
// and records it in the audit log, in one transaction. An unknown or
// deleted expert group is refused with plan.FieldErrors.
func (db *DB) CreateDraft(ctx context.Context, actor audit.Actor, e drafts.DraftEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create draft: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		var group any
		if e.GroupID > 0 {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM platform_groups WHERE id = $1 AND deleted_at IS NULL`, e.GroupID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return plan.FieldErrors{"group": "drafts.group.unknown"}
			}
			if err != nil {
				return err
			}
			group = e.GroupID
		}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO drafts (kind, title, group_id, activity_id, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
			string(e.Kind), textJSON(e.Title), group, e.ActivityID, string(drafts.StatusDrafting), now).Scan(&id); err != nil {
			return err
		}
		if e.Body != "" {
			if _, err := db.insertRevision(ctx, tx, actor, id, 1, e.Body, e.Note, now); err != nil {
				return err
			}
		}
		_, err := db.auditDraft(ctx, tx, actor, audit.ActionCreate, id, nil)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create draft: %w", err)
	}
	return id, nil
}

// revisionContent is what a version's fingerprint covers: all of it.
type revisionContent struct {
	DraftID    int64  `json:"draft_id"`
	Number     int    `json:"number"`
	Body       string `json:"body"`
	Note       string `json:"note"`
	AuthorID   int64  `json:"author_id"`
	AuthorName string `json:"author_name"`
	SavedAt    string `json:"saved_at"`
}

// insertRevision adds version number of draft id and points the draft at
// it.
func (db *DB) insertRevision(ctx context.Context, tx *sql.Tx, actor audit.Actor, id int64, number int, body, note, now string) (drafts.Revision, error) {
	name, err := draftsActorName(ctx, tx, actor)
	if err != nil {
		return drafts.Revision{}, err
	}
	c := revisionContent{DraftID: id, Number: number, Body: body, Note: note, AuthorID: actor.UserID, AuthorName: name, SavedAt: now}
	if _, err := tx.ExecContext(ctx, `INSERT INTO draft_revisions (draft_id, number, body, note, author_id, author_name, saved_at, content_hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, number, body, note, actor.UserID, name, now, contentHash(c)); err != nil {
		return drafts.Revision{}, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE drafts SET current_revision = $1, updated_at = $2, version = version + 1 WHERE id = $3`, number, now, id); err != nil {
		return drafts.Revision{}, err
	}
	return c.revision()
}

func (c revisionContent) revision() (drafts.Revision, error) {
	t, err := parseTime(c.SavedAt)
	return drafts.Revision{DraftID: c.DraftID, Number: c.Number, Body: c.Body, Note: c.Note, AuthorID: c.AuthorID, AuthorName: c.AuthorName, SavedAt: t}, err
}

// draftsActorName is how drafts name the author of a version or a
// comment: the account's name, which members know each other by, or the
// actor's own name (an email, or "system:…") when there is no account.
func draftsActorName(ctx context.Context, q querier, actor audit.Actor) (string, error) {
	if actor.UserID == 0 {
		return actor.Name, nil
	}
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM users WHERE id = $1`, actor.UserID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && strings.TrimSpace(name) == "") {
		return actor.Name, nil
	}
	return name, err
}

const revisionSelect = `SELECT draft_id, number, body, note, author_id, author_name, saved_at, content_hash FROM draft_revisions`

func scanRevision(row scanner) (revisionContent, string, error) {
	var c revisionContent
	var stored string
	err := row.Scan(&c.DraftID, &c.Number, &c.Body, &c.Note, &c.AuthorID, &c.AuthorName, &c.SavedAt, &stored)
	return c, stored, err
}

// Revisions returns draft id's versions, newest first; plan.ErrNotFound
// for an unknown draft.
func (db *DB) Revisions(ctx context.Context, draftID int64) ([]drafts.Revision, error) {
	if _, err := readDraftState(ctx, db.read, draftID); err != nil {
		return nil, fmt.Errorf("versions of draft %d: %w", draftID, err)
	}
	rows, err := db.read.QueryContext(ctx, revisionSelect+` WHERE draft_id = $1 ORDER BY number DESC`, draftID)
	if err != nil {
		return nil, fmt.Errorf("versions of draft %d: %w", draftID, err)
	}
	defer rows.Close()
	var out []drafts.Revision
	for rows.Next() {
		c, _, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("versions of draft %d: %w", draftID, err)
		}
		r, err := c.revision()
		if err != nil {
			return nil, fmt.Errorf("versions of draft %d: %w", draftID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// GetRevision returns version number of draft id; plan.ErrNotFound when
// there is none.
func (db *DB) GetRevision(ctx context.Context, draftID int64, number int) (drafts.Revision, error) {
	c, _, err := scanRevision(db.read.QueryRowContext(ctx, revisionSelect+` WHERE draft_id = $1 AND number = $2`, draftID, number))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return drafts.Revision{}, fmt.Errorf("version %d of draft %d: %w", number, draftID, err)
	}
	r, err := c.revision()
	if err != nil {
		return r, fmt.Errorf("version %d of draft %d: %w", number, draftID, err)
	}
	return r, nil
}

// SaveRevision saves a new version of a draft's text, numbered after the
// latest, and records it in the audit log with the text before and after.
// A draft a meeting adopted or rejected is refused with drafts.ErrLocked;
// a save based on an older version than the latest with a
// *plan.ConflictError[drafts.Revision] carrying the latest.
func (db *DB) SaveRevision(ctx context.Context, actor audit.Actor, e drafts.RevisionEdit) (drafts.Revision, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return drafts.Revision{}, fmt.Errorf("save a version of draft %d: %w", e.DraftID, fe)
	}
	var saved drafts.Revision
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readDraftState(ctx, tx, e.DraftID)
		if err != nil {
			return err
		}
		if !before.content.Status.Writable() {
			return fmt.Errorf("the draft is %s: %w", before.content.Status, drafts.ErrLocked)
		}
		if before.content.Current != e.Base {
			return errStale
		}
		rec, err := draftRecordOf(ctx, tx, e.DraftID, before)
		if err != nil {
			return err
		}
		if saved, err = db.insertRevision(ctx, tx, actor, e.DraftID, before.content.Current+1, e.Body, e.Note, formatTime(db.Now())); err != nil {
			return err
		}
		_, err = db.auditDraft(ctx, tx, actor, audit.ActionUpdate, e.DraftID, &rec)
		return err
	})
	if errors.Is(err, errStale) {
		d, gerr := db.GetDraft(ctx, e.DraftID)
		if gerr != nil {
			return saved, fmt.Errorf("save a version of draft %d: %w", e.DraftID, gerr)
		}
		latest, gerr := db.GetRevision(ctx, e.DraftID, d.Current)
		if gerr != nil {
			return saved, fmt.Errorf("save a version of draft %d: %w", e.DraftID, gerr)
		}
		err = &plan.ConflictError[drafts.Revision]{Current: latest}
	}
	if err != nil {
		return saved, fmt.Errorf("save a version of draft %d: %w", e.DraftID, err)
	}
	return saved, nil
}

// PublishDraft publishes an adopted draft when its stored version is
// version: the public then reads its adopted text. Any other status is
// refused with drafts.ErrBadTransition.
func (db *DB) PublishDraft(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readDraftState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.version != version {
			return errStale
		}
		if before.content.Status != drafts.StatusAdopted {
			return fmt.Errorf("publish a draft that is %s: %w", before.content.Status, drafts.ErrBadTransition)
		}
		rec, err := draftRecordOf(ctx, tx, id, before)
		if err != nil {
			return err
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE drafts SET status = $1, published_at = $2, updated_at = $2, version = version + 1
			WHERE id = $3 AND version = $4`, string(drafts.StatusPublished), now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		_, err = db.auditDraft(ctx, tx, actor, audit.ActionUpdate, id, &rec)
		return err
	})
	return db.draftWriteError(ctx, "publish", id, err)
}

// draftWriteError wraps the error of a write to draft id, turning a stale
// version into a conflict that carries the draft as it is now.
func (db *DB) draftWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetDraft(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s draft %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[drafts.Draft]{Current: current}
	}
	return fmt.Errorf("%s draft %d: %w", op, id, err)
}

// GroupMember reports whether a live person of expert group groupID (a
// member or its lead) has email as contact. Emails are compared without
// case; an empty one belongs to nobody.
func (db *DB) GroupMember(ctx context.Context, groupID int64, email string) (bool, error) {
	email = strings.TrimSpace(email)
	if groupID <= 0 || email == "" {
		return false, nil
	}
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_people p JOIN platform_groups g ON g.id = $1
		WHERE p.deleted_at IS NULL AND g.deleted_at IS NULL AND p.email <> '' AND LOWER(p.email) = LOWER($2)
		AND (p.id = g.lead_id OR EXISTS (SELECT 1 FROM platform_group_members m WHERE m.group_id = g.id AND m.person_id = p.id))`,
		groupID, email).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("member of group %d: %w", groupID, err)
	}
	return n > 0, nil
}

// ExpertGroups lists the live expert groups, alphabetically.
func (db *DB) ExpertGroups(ctx context.Context) ([]drafts.GroupRef, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM platform_groups WHERE deleted_at IS NULL ORDER BY sort_key, id`)
	if err != nil {
		return nil, fmt.Errorf("expert groups: %w", err)
	}
	defer rows.Close()
	var out []drafts.GroupRef
	for rows.Next() {
		var g drafts.GroupRef
		var name string
		if err := rows.Scan(&g.ID, &name); err != nil {
			return nil, fmt.Errorf("expert groups: %w", err)
		}
		if g.Name, err = parseText(name); err != nil {
			return nil, fmt.Errorf("expert groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// GroupWork lists a group's published drafts for its page. Only published
// ones: the page is public, and a draft's title is not until the platform
// publishes it.
func (db *DB) GroupWork(ctx context.Context, groupID int64) ([]platform.GroupWorkItem, error) {
	ds, err := db.ListDrafts(ctx, drafts.DraftFilter{GroupID: groupID, PublishedOnly: true})
	if err != nil {
		return nil, err
	}
	out := make([]platform.GroupWorkItem, 0, len(ds))
	for _, d := range ds {
		at := d.UpdatedAt
		if d.PublishedAt != nil {
			at = *d.PublishedAt
		}
		out = append(out, platform.GroupWorkItem{Kind: "drafts.kind." + string(d.Kind), Title: d.Title,
			URL: "/drafts/" + strconv.FormatInt(d.ID, 10), Status: "drafts.status." + string(d.Status), At: at})
	}
	return out, nil
}

// draftsParseOptionalTime reads a nullable stored time.
func draftsParseOptionalTime(ns sql.NullString) (*time.Time, error) {
	if !ns.Valid || ns.String == "" {
		return nil, nil
	}
	t, err := parseTime(ns.String)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

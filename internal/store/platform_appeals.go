package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/monitor"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// The store keeps the platform's outreach.
var (
	_ platform.AppealStore   = (*DB)(nil)
	_ platform.MediaStore    = (*DB)(nil)
	_ platform.ResourceStore = (*DB)(nil)
)

// appealRecord is an appeal as the audit log records it and as its
// fingerprint covers it: its content, naming the addressee and the measure
// by id and the letter by its SHA-256. The subject is "title", the key
// the audit pages name an entity by.
type appealRecord struct {
	Kind            string    `json:"kind"`
	ReplyDays       int       `json:"reply_days"`
	AddresseeID     int64     `json:"addressee_id"`
	Reference       string    `json:"reference,omitempty"`
	SentOn          string    `json:"sent_on"`
	Title           plan.Text `json:"title"`
	ActivityID      int64     `json:"activity_id,omitempty"`
	MeasureID       int64     `json:"measure_id,omitempty"`
	ClosedOn        string    `json:"closed_on,omitempty"`
	DocumentsPublic bool      `json:"documents_public,omitempty"`
	Document        string    `json:"document_sha256,omitempty"`
}

func (r appealRecord) hash() string { return contentHash(r) }

// replyRecord is a reply as the audit log records it.
type replyRecord struct {
	AppealID   int64     `json:"appeal_id"`
	ReceivedOn string    `json:"received_on"`
	Summary    plan.Text `json:"summary"`
	Document   string    `json:"document_sha256,omitempty"`
}

func (r replyRecord) hash() string { return contentHash(r) }

// appealFileRecord is a kept file as the audit log records it.
type appealFileRecord struct {
	AppealID    int64  `json:"appeal_id"`
	ReplyID     int64  `json:"reply_id,omitempty"`
	File        string `json:"file"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// pwNullID stores an optional reference as its id or NULL. The pw prefix
// marks the helpers of the platform's outreach apart from other files'.
func pwNullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}

// pwNullDay stores an optional day as YYYY-MM-DD or NULL.
func pwNullDay(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// pwFlag stores a boolean as 0 or 1, the way both dialects' INTEGER
// columns take it.
func pwFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pwDay reads a stored YYYY-MM-DD day.
func pwDay(s string) (plan.Date, error) {
	d, err := plan.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("stored date %q: %w", s, err)
	}
	return d, nil
}

// recordOfAppealEdit is the record an edit writes, with the letter's
// SHA-256 as it is.
func recordOfAppealEdit(e *platform.AppealEdit, document string) appealRecord {
	return appealRecord{Kind: e.Kind, ReplyDays: e.ReplyDays, AddresseeID: e.AddresseeID, Reference: e.Reference, SentOn: e.SentOn,
		Title: e.Subject.Clean(), ActivityID: max(e.ActivityID, 0), MeasureID: max(e.MeasureID, 0), ClosedOn: e.ClosedOn,
		DocumentsPublic: e.DocumentsPublic, Document: document}
}

// readAppealRecord reads appeal id in its audit form, with its version
// and whether it is deleted; plan.ErrNotFound when there is none.
func readAppealRecord(ctx context.Context, q querier, id int64) (appealRecord, int, bool, error) {
	var r appealRecord
	var subject string
	var activity, measure sql.NullInt64
	var closed, document sql.NullString
	var public, version int
	var deleted bool
	err := q.QueryRowContext(ctx, `SELECT a.kind, a.reply_days, a.addressee_id, a.reference, a.sent_on, a.subject, a.activity_id, a.measure_id,
		a.closed_on, a.documents_public, f.sha256, a.version, a.deleted_at IS NOT NULL
		FROM appeals a LEFT JOIN appeal_files f ON f.id = a.document_id WHERE a.id = $1`, id).Scan(
		&r.Kind, &r.ReplyDays, &r.AddresseeID, &r.Reference, &r.SentOn, &subject, &activity, &measure, &closed, &public, &document, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	r.ActivityID, r.MeasureID, r.ClosedOn, r.DocumentsPublic, r.Document = activity.Int64, measure.Int64, closed.String, public != 0, document.String
	r.Title, err = parseText(subject)
	return r, version, deleted, err
}

// liveAppealRecord is readAppealRecord for a write: a deleted appeal is
// plan.ErrNotFound.
func liveAppealRecord(ctx context.Context, tx *sql.Tx, id int64) (appealRecord, int, error) {
	r, version, deleted, err := readAppealRecord(ctx, tx, id)
	if err == nil && deleted {
		err = plan.ErrNotFound
	}
	return r, version, err
}

// checkAppealEdit checks an edit against the database: the addressee and
// the measure exist and are live (or are the ones the appeal already
// names, which may have been deleted since), and no reply of the appeal
// (id 0 for a new one) is dated before the day sent.
func checkAppealEdit(ctx context.Context, tx *sql.Tx, id int64, before *appealRecord, e *platform.AppealEdit) error {
	fe := plan.FieldErrors{}
	if before == nil || before.AddresseeID != e.AddresseeID {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations WHERE id = $1 AND deleted_at IS NULL`, e.AddresseeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			fe["addressee"] = "appeal.addressee.unknown"
		}
	}
	var storedMeasure int64
	if before != nil {
		storedMeasure = before.MeasureID
	}
	if err := pwCheckMeasure(ctx, tx, e.MeasureID, storedMeasure); err != nil {
		var mfe plan.FieldErrors
		if !errors.As(err, &mfe) {
			return err
		}
		fe["measure"] = mfe["measure"]
	}
	if id > 0 {
		var first sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT MIN(received_on) FROM appeal_replies WHERE appeal_id = $1 AND deleted_at IS NULL`, id).Scan(&first); err != nil {
			return err
		}
		if first.Valid && first.String < e.SentOn {
			fe["sent_on"] = "appeal.sent_on.after_reply"
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

// appealArgs are the columns an edit sets, in the order CreateAppeal and
// UpdateAppeal list them.
func appealArgs(r appealRecord, now string) []any {
	search := searchText(r.Title, r.Reference)
	return []any{r.Kind, r.ReplyDays, r.AddresseeID, r.Reference, r.SentOn, textJSON(r.Title), pwNullID(r.ActivityID), pwNullID(r.MeasureID),
		pwNullDay(r.ClosedOn), pwFlag(r.DocumentsPublic), search.az, search.intl, r.hash(), now}
}

// CreateAppeal records an appeal sent to a state body and returns its id.
// Invalid input, an unknown addressee or measure is refused with
// plan.FieldErrors and changes nothing.
func (db *DB) CreateAppeal(ctx context.Context, actor audit.Actor, e platform.AppealEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create appeal: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkAppealEdit(ctx, tx, 0, nil, &e); err != nil {
			return err
		}
		r := recordOfAppealEdit(&e, "")
		if err := tx.QueryRowContext(ctx, `INSERT INTO appeals (kind, reply_days, addressee_id, reference, sent_on, subject, activity_id, measure_id,
			closed_on, documents_public, search, search_intl, content_hash, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`, appealArgs(r, formatTime(db.Now()))...).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityAppeal, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("create appeal: %w", err)
	}
	return id, nil
}

// UpdateAppeal replaces what the form sets on appeal id when its stored
// version is e.Version; the letter stays. A stale version is refused with
// a *plan.ConflictError[platform.Appeal].
func (db *DB) UpdateAppeal(ctx context.Context, actor audit.Actor, id int64, e platform.AppealEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update appeal %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := liveAppealRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		if err := checkAppealEdit(ctx, tx, id, &before, &e); err != nil {
			return err
		}
		r := recordOfAppealEdit(&e, before.Document)
		args := append(appealArgs(r, formatTime(db.Now())), id, e.Version)
		res, err := tx.ExecContext(ctx, `UPDATE appeals SET kind = $1, reply_days = $2, addressee_id = $3, reference = $4, sent_on = $5, subject = $6,
			activity_id = $7, measure_id = $8, closed_on = $9, documents_public = $10, search = $11, search_intl = $12, content_hash = $13,
			updated_at = $14, version = version + 1 WHERE id = $15 AND version = $16 AND deleted_at IS NULL`, args...)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityAppeal, id, before, r)
	})
	return db.appealWriteError(ctx, "update", id, err)
}

// DeleteAppeal soft-deletes appeal id, with its replies and documents,
// when its stored version is version.
func (db *DB) DeleteAppeal(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := liveAppealRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE appeals SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityAppeal, id, before)
	})
	return db.appealWriteError(ctx, "delete", id, err)
}

// RestoreAppeal brings back a soft-deleted appeal; one that is not deleted
// is plan.ErrNotFound.
func (db *DB) RestoreAppeal(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE appeals SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, _, _, err := readAppealRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityAppeal, id, nil, after)
	})
	if err != nil {
		return fmt.Errorf("restore appeal %d: %w", id, err)
	}
	return nil
}

// appealWriteError turns a stale write into a conflict carrying the appeal
// as it now is.
func (db *DB) appealWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetAppeal(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s appeal %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Appeal]{Current: current}
	}
	return fmt.Errorf("%s appeal %d: %w", op, id, err)
}

// appealSelect reads appeals with their addressee's name, their live
// measure and their letter; appealConds' conditions name the appeal a.
const appealSelect = `SELECT a.id, a.kind, a.reply_days, a.addressee_id, o.name, a.reference, a.sent_on, a.subject, a.activity_id, a.measure_id,
	m.id, m.plan_id, m.clause, m.title, a.closed_on, a.documents_public,
	f.id, f.file_name, f.content_type, f.size, f.sha256, f.added_by, f.added_at, a.version, a.updated_at
	FROM appeals a JOIN organisations o ON o.id = a.addressee_id
	LEFT JOIN measures m ON m.id = a.measure_id AND m.deleted_at IS NULL
		AND EXISTS (SELECT 1 FROM plans mp WHERE mp.id = m.plan_id AND mp.deleted_at IS NULL)
	LEFT JOIN appeal_files f ON f.id = a.document_id`

// documentColumns scans the columns of a file that may be absent (a LEFT
// JOIN), filling d when it is there.
type documentColumns struct {
	id                                  sql.NullInt64
	name, contentType, sha, by, addedAt sql.NullString
	size                                sql.NullInt64
}

func (c *documentColumns) dest() []any {
	return []any{&c.id, &c.name, &c.contentType, &c.size, &c.sha, &c.by, &c.addedAt}
}

func (c *documentColumns) document(appealID int64) (*platform.AppealDocument, error) {
	if !c.id.Valid {
		return nil, nil
	}
	at, err := parseTime(c.addedAt.String)
	if err != nil {
		return nil, err
	}
	return &platform.AppealDocument{ID: c.id.Int64, AppealID: appealID, FileName: c.name.String, ContentType: c.contentType.String,
		Size: c.size.Int64, SHA256: c.sha.String, AddedBy: c.by.String, AddedAt: at}, nil
}

func scanAppeal(s scanner) (platform.Appeal, error) {
	var a platform.Appeal
	var addressee, sent, subject, updated string
	var activity, measure, mID, mPlan sql.NullInt64
	var mClause, mTitle, closed sql.NullString
	var public int
	var doc documentColumns
	dest := []any{&a.ID, &a.Kind, &a.ReplyDays, &a.AddresseeID, &addressee, &a.Reference, &sent, &subject, &activity, &measure,
		&mID, &mPlan, &mClause, &mTitle, &closed, &public}
	dest = append(append(dest, doc.dest()...), &a.Version, &updated)
	if err := s.Scan(dest...); err != nil {
		return a, err
	}
	var err error
	if a.Addressee, err = parseText(addressee); err != nil {
		return a, err
	}
	if a.SentOn, err = pwDay(sent); err != nil {
		return a, err
	}
	if a.Subject, err = parseText(subject); err != nil {
		return a, err
	}
	a.ActivityID, a.MeasureID, a.DocumentsPublic = activity.Int64, measure.Int64, public != 0
	if mID.Valid {
		title, err := parseText(mTitle.String)
		if err != nil {
			return a, err
		}
		a.Measure = &platform.MeasureRef{ID: mID.Int64, PlanID: mPlan.Int64, Clause: mClause.String, Title: title}
	}
	if a.ClosedOn, err = parseDate(closed); err != nil {
		return a, err
	}
	if a.Document, err = doc.document(a.ID); err != nil {
		return a, err
	}
	a.UpdatedAt, err = parseTime(updated)
	return a, err
}

// replySelect reads live replies with their files.
const replySelect = `SELECT r.id, r.appeal_id, r.received_on, r.summary, r.version,
	f.id, f.file_name, f.content_type, f.size, f.sha256, f.added_by, f.added_at
	FROM appeal_replies r LEFT JOIN appeal_files f ON f.id = r.file_id`

func scanReply(s scanner) (platform.Reply, error) {
	var r platform.Reply
	var received, summary string
	var doc documentColumns
	if err := s.Scan(append([]any{&r.ID, &r.AppealID, &received, &summary, &r.Version}, doc.dest()...)...); err != nil {
		return r, err
	}
	var err error
	if r.ReceivedOn, err = pwDay(received); err != nil {
		return r, err
	}
	if r.Summary, err = parseText(summary); err != nil {
		return r, err
	}
	r.Document, err = doc.document(r.AppealID)
	return r, err
}

// appealConds turns a filter into conditions on the live appeals a; the
// status is derived afterwards.
func appealConds(f platform.AppealFilter) *conds {
	c := &conds{}
	c.add(`a.deleted_at IS NULL`)
	if f.AddresseeID != 0 {
		c.add(`a.addressee_id = ?`, f.AddresseeID)
	}
	if f.Kind != "" {
		c.add(`a.kind = ?`, f.Kind)
	}
	if f.ActivityID != 0 {
		c.add(`a.activity_id = ?`, f.ActivityID)
	}
	if f.ActivityIDs != nil {
		pwInIDs(c, "a.activity_id", f.ActivityIDs)
	}
	if f.MeasureID != 0 {
		c.add(`a.measure_id = ?`, f.MeasureID)
	}
	if f.SentFrom != nil {
		c.add(`a.sent_on >= ?`, f.SentFrom.String())
	}
	if f.SentTo != nil {
		c.add(`a.sent_on <= ?`, f.SentTo.String())
	}
	if strings.TrimSpace(f.Q) != "" {
		c.matchWords(f.Q, "a")
	}
	return c
}

// pwInIDs requires column to be one of ids; an empty list selects
// nothing, as a project without activities has no appeals of them.
func pwInIDs(c *conds, column string, ids []int64) {
	if len(ids) == 0 {
		c.add(`1 = 0`)
		return
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	c.add(column+` IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, args...)
}

// queryAppeals reads the appeals c selects, newest sent first, with their
// replies in the order received.
func (db *DB) queryAppeals(ctx context.Context, c *conds) ([]platform.Appeal, error) {
	rows, err := db.read.QueryContext(ctx, appealSelect+c.where()+` ORDER BY a.sent_on DESC, a.id DESC`, c.args...)
	if err != nil {
		return nil, err
	}
	var out []platform.Appeal
	byID := map[int64]int{}
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		byID[a.ID] = len(out)
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	rrows, err := db.read.QueryContext(ctx, replySelect+` WHERE r.deleted_at IS NULL AND r.appeal_id IN (SELECT a.id FROM appeals a`+c.where()+`)
		ORDER BY r.appeal_id, r.received_on, r.id`, c.args...)
	if err != nil {
		return nil, err
	}
	defer rrows.Close()
	for rrows.Next() {
		r, err := scanReply(rrows)
		if err != nil {
			return nil, err
		}
		if i, ok := byID[r.AppealID]; ok {
			out[i].Replies = append(out[i].Replies, r)
		}
	}
	return out, rrows.Err()
}

// ListAppeals returns a page of the live appeals f selects, newest sent
// first (the overdue longest overdue first), with their counts by status.
// Statuses are derived on f.Today with f.Calendar: appeals are few (a
// platform sends dozens a year), and a deadline depends on holidays the
// database does not hold, so the list is filtered by status here rather
// than in SQL.
func (db *DB) ListAppeals(ctx context.Context, f platform.AppealFilter) (platform.AppealList, error) {
	all, err := db.queryAppeals(ctx, appealConds(f))
	if err != nil {
		return platform.AppealList{}, fmt.Errorf("list appeals: %w", err)
	}
	out := platform.AppealList{ByStatus: map[platform.AppealStatus]int{}}
	var selected []platform.Appeal
	for _, a := range all {
		st := a.Status(f.Calendar, f.Today)
		out.ByStatus[st]++
		if f.Status == "" || st == f.Status {
			selected = append(selected, a)
		}
	}
	if f.Status == platform.AppealOverdue {
		slices.SortStableFunc(selected, func(x, y platform.Appeal) int { return x.Deadline(f.Calendar).Compare(y.Deadline(f.Calendar)) })
	}
	out.Total = len(selected)
	limit, offset := pageLimits(f.Limit, f.Offset)
	if offset < len(selected) {
		out.Items = selected[offset:min(len(selected), offset+limit)]
	}
	return out, nil
}

// CountAppeals counts the live appeals f selects, its Limit and Offset
// aside: an indicator's "appeals sent" is CountAppeals with the project's
// activities in f.ActivityIDs. With a status, it needs f.Today.
func (db *DB) CountAppeals(ctx context.Context, f platform.AppealFilter) (int, error) {
	if f.Status != "" {
		l, err := db.ListAppeals(ctx, f)
		return l.Total, err
	}
	c := appealConds(f)
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM appeals a`+c.where(), c.args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count appeals: %w", err)
	}
	return n, nil
}

// GetAppeal returns a live appeal with its replies.
func (db *DB) GetAppeal(ctx context.Context, id int64) (platform.Appeal, error) {
	c := appealConds(platform.AppealFilter{})
	c.add(`a.id = ?`, id)
	as, err := db.queryAppeals(ctx, c)
	if err != nil {
		return platform.Appeal{}, fmt.Errorf("appeal %d: %w", id, err)
	}
	if len(as) == 0 {
		return platform.Appeal{}, fmt.Errorf("appeal %d: %w", id, plan.ErrNotFound)
	}
	return as[0], nil
}

// AppealAddressees lists the live state bodies and every organisation a
// live appeal was sent to, by member and then name.
func (db *DB) AppealAddressees(ctx context.Context) ([]platform.Addressee, error) {
	return db.queryAddressees(ctx, `(o.kind = $1 AND o.deleted_at IS NULL) OR o.id IN (SELECT addressee_id FROM appeals WHERE deleted_at IS NULL)`,
		string(plan.OrgStateBody))
}

// UsedAddressees lists the organisations live appeals were sent to.
func (db *DB) UsedAddressees(ctx context.Context) ([]platform.Addressee, error) {
	return db.queryAddressees(ctx, `o.id IN (SELECT addressee_id FROM appeals WHERE deleted_at IS NULL)`)
}

func (db *DB) queryAddressees(ctx context.Context, where string, args ...any) ([]platform.Addressee, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT o.id, o.name, o.scope, mb.name FROM organisations o LEFT JOIN members mb ON mb.id = o.member_id
		WHERE `+where+` ORDER BY o.scope, o.sort_key, o.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("addressees: %w", err)
	}
	defer rows.Close()
	var out []platform.Addressee
	for rows.Next() {
		var a platform.Addressee
		var name string
		var member sql.NullString
		if err := rows.Scan(&a.ID, &name, &a.Member, &member); err != nil {
			return nil, fmt.Errorf("addressees: %w", err)
		}
		if a.Name, err = parseText(name); err != nil {
			return nil, err
		}
		if a.MemberName, err = parseText(member.String); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// keepAppealFile checks a file by its content and stores it for the
// appeal (and the reply, when replyID > 0), returning it and its audit
// record.
func (db *DB) keepAppealFile(ctx context.Context, tx *sql.Tx, actor audit.Actor, appealID, replyID int64, f monitor.FileUpload,
	contentType, name string) (platform.AppealDocument, error) {
	sum := sha256.Sum256(f.Data)
	at := formatTime(db.Now())
	added, _ := parseTime(at) // as stored, to the millisecond
	d := platform.AppealDocument{AppealID: appealID, FileName: name, ContentType: contentType, Size: int64(len(f.Data)),
		SHA256: hex.EncodeToString(sum[:]), AddedBy: actor.Name, AddedAt: added}
	if err := tx.QueryRowContext(ctx, `INSERT INTO appeal_files (appeal_id, reply_id, file_name, content_type, size, sha256, data, added_by_id, added_by, added_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		appealID, pwNullID(replyID), name, contentType, d.Size, d.SHA256, f.Data, actor.UserID, actor.Name, at).Scan(&d.ID); err != nil {
		return d, err
	}
	rec := appealFileRecord{AppealID: appealID, ReplyID: replyID, File: name, ContentType: contentType, Size: d.Size, SHA256: d.SHA256}
	return d, db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityAppealDocument, d.ID, nil, rec)
}

// SetAppealDocument checks a file by its content (monitor.CheckFile; a
// problem is plan.FieldErrors{"file": key}), keeps it with its SHA-256 and
// makes it the letter of a live appeal, raising the appeal's version. A
// letter it replaces stays kept.
func (db *DB) SetAppealDocument(ctx context.Context, actor audit.Actor, appealID int64, f monitor.FileUpload) (platform.AppealDocument, error) {
	contentType, name, problem := monitor.CheckFile(f)
	if problem != "" {
		return platform.AppealDocument{}, fmt.Errorf("appeal %d document: %w", appealID, plan.FieldErrors{"file": problem})
	}
	var d platform.AppealDocument
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, _, err := liveAppealRecord(ctx, tx, appealID)
		if err != nil {
			return err
		}
		if d, err = db.keepAppealFile(ctx, tx, actor, appealID, 0, f, contentType, name); err != nil {
			return err
		}
		after := before
		after.Document = d.SHA256
		res, err := tx.ExecContext(ctx, `UPDATE appeals SET document_id = $1, content_hash = $2, updated_at = $3, version = version + 1
			WHERE id = $4 AND deleted_at IS NULL`, d.ID, after.hash(), formatTime(db.Now()), appealID)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityAppeal, appealID, before, after)
	})
	if err != nil {
		return platform.AppealDocument{}, fmt.Errorf("appeal %d document: %w", appealID, err)
	}
	return d, nil
}

// AppealDocument returns a kept file's description and the live appeal it
// belongs to; a file of a deleted appeal or reply is plan.ErrNotFound.
func (db *DB) AppealDocument(ctx context.Context, id int64) (platform.AppealDocument, platform.Appeal, error) {
	var doc documentColumns
	var appealID int64
	var replyDeleted bool
	err := db.read.QueryRowContext(ctx, `SELECT f.appeal_id, r.deleted_at IS NOT NULL, f.id, f.file_name, f.content_type, f.size, f.sha256, f.added_by, f.added_at
		FROM appeal_files f LEFT JOIN appeal_replies r ON r.id = f.reply_id WHERE f.id = $1`, id).Scan(
		append([]any{&appealID, &replyDeleted}, doc.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) || replyDeleted {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.AppealDocument{}, platform.Appeal{}, fmt.Errorf("appeal document %d: %w", id, err)
	}
	d, err := doc.document(appealID)
	if err != nil {
		return platform.AppealDocument{}, platform.Appeal{}, fmt.Errorf("appeal document %d: %w", id, err)
	}
	a, err := db.GetAppeal(ctx, appealID)
	if err != nil {
		return platform.AppealDocument{}, platform.Appeal{}, fmt.Errorf("appeal document %d: %w", id, err)
	}
	return *d, a, nil
}

// AppealDocumentContent returns a kept file's content.
func (db *DB) AppealDocumentContent(ctx context.Context, id int64) ([]byte, error) {
	var data []byte
	err := db.read.QueryRowContext(ctx, `SELECT data FROM appeal_files WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("appeal document %d: %w", id, err)
	}
	return data, nil
}

// readReplyRecord reads reply id in its audit form, with its version and
// whether it (or its appeal) is deleted.
func readReplyRecord(ctx context.Context, q querier, id int64) (replyRecord, int, bool, error) {
	var r replyRecord
	var summary string
	var document sql.NullString
	var version int
	var deleted bool
	err := q.QueryRowContext(ctx, `SELECT r.appeal_id, r.received_on, r.summary, f.sha256, r.version, r.deleted_at IS NOT NULL OR a.deleted_at IS NOT NULL
		FROM appeal_replies r JOIN appeals a ON a.id = r.appeal_id LEFT JOIN appeal_files f ON f.id = r.file_id WHERE r.id = $1`, id).Scan(
		&r.AppealID, &r.ReceivedOn, &summary, &document, &version, &deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return r, 0, false, plan.ErrNotFound
	}
	if err != nil {
		return r, 0, false, err
	}
	r.Document = document.String
	r.Summary, err = parseText(summary)
	return r, version, deleted, err
}

// liveReplyRecord is readReplyRecord for a write, as liveAppealRecord.
func liveReplyRecord(ctx context.Context, tx *sql.Tx, id int64) (replyRecord, int, error) {
	r, version, deleted, err := readReplyRecord(ctx, tx, id)
	if err == nil && deleted {
		err = plan.ErrNotFound
	}
	return r, version, err
}

// checkReplyDate refuses a reply dated before its appeal was sent.
func checkReplyDate(appeal appealRecord, e *platform.ReplyEdit) error {
	if e.ReceivedOn < appeal.SentOn {
		return plan.FieldErrors{"received_on": "appeal.received_on.before_sent"}
	}
	return nil
}

// AddReply records a reply to a live appeal and returns its id.
func (db *DB) AddReply(ctx context.Context, actor audit.Actor, appealID int64, e platform.ReplyEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("reply to appeal %d: %w", appealID, fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		appeal, _, err := liveAppealRecord(ctx, tx, appealID)
		if err != nil {
			return err
		}
		if err := checkReplyDate(appeal, &e); err != nil {
			return err
		}
		r := replyRecord{AppealID: appealID, ReceivedOn: e.ReceivedOn, Summary: e.Summary.Clean()}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO appeal_replies (appeal_id, received_on, summary, content_hash, updated_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, appealID, r.ReceivedOn, textJSON(r.Summary), r.hash(), now).Scan(&id); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityAppealReply, id, nil, r)
	})
	if err != nil {
		return 0, fmt.Errorf("reply to appeal %d: %w", appealID, err)
	}
	return id, nil
}

// GetReply returns a live reply of a live appeal.
func (db *DB) GetReply(ctx context.Context, id int64) (platform.Reply, error) {
	r, err := scanReply(db.read.QueryRowContext(ctx, replySelect+` JOIN appeals a ON a.id = r.appeal_id
		WHERE r.id = $1 AND r.deleted_at IS NULL AND a.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("reply %d: %w", id, err)
	}
	return r, nil
}

// UpdateReply replaces a reply's date and summary when its stored version
// is e.Version; its file stays.
func (db *DB) UpdateReply(ctx context.Context, actor audit.Actor, id int64, e platform.ReplyEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update reply %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, version, err := liveReplyRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != e.Version {
			return errStale
		}
		appeal, _, err := liveAppealRecord(ctx, tx, before.AppealID)
		if err != nil {
			return err
		}
		if err := checkReplyDate(appeal, &e); err != nil {
			return err
		}
		r := replyRecord{AppealID: before.AppealID, ReceivedOn: e.ReceivedOn, Summary: e.Summary.Clean(), Document: before.Document}
		res, err := tx.ExecContext(ctx, `UPDATE appeal_replies SET received_on = $1, summary = $2, content_hash = $3, updated_at = $4, version = version + 1
			WHERE id = $5 AND version = $6 AND deleted_at IS NULL`, r.ReceivedOn, textJSON(r.Summary), r.hash(), formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityAppealReply, id, before, r)
	})
	return db.replyWriteError(ctx, "update", id, err)
}

// DeleteReply soft-deletes a reply when its stored version is version.
func (db *DB) DeleteReply(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, stored, err := liveReplyRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if stored != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE appeal_replies SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityAppealReply, id, before)
	})
	return db.replyWriteError(ctx, "delete", id, err)
}

// SetReplyDocument checks and keeps a reply's file, as SetAppealDocument
// does for the letter.
func (db *DB) SetReplyDocument(ctx context.Context, actor audit.Actor, replyID int64, f monitor.FileUpload) (platform.AppealDocument, error) {
	contentType, name, problem := monitor.CheckFile(f)
	if problem != "" {
		return platform.AppealDocument{}, fmt.Errorf("reply %d document: %w", replyID, plan.FieldErrors{"file": problem})
	}
	var d platform.AppealDocument
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, _, err := liveReplyRecord(ctx, tx, replyID)
		if err != nil {
			return err
		}
		if d, err = db.keepAppealFile(ctx, tx, actor, before.AppealID, replyID, f, contentType, name); err != nil {
			return err
		}
		after := before
		after.Document = d.SHA256
		res, err := tx.ExecContext(ctx, `UPDATE appeal_replies SET file_id = $1, content_hash = $2, updated_at = $3, version = version + 1
			WHERE id = $4 AND deleted_at IS NULL`, d.ID, after.hash(), formatTime(db.Now()), replyID)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityAppealReply, replyID, before, after)
	})
	if err != nil {
		return platform.AppealDocument{}, fmt.Errorf("reply %d document: %w", replyID, err)
	}
	return d, nil
}

// replyWriteError is appealWriteError for replies.
func (db *DB) replyWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetReply(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s reply %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Reply]{Current: current}
	}
	return fmt.Errorf("%s reply %d: %w", op, id, err)
}

// verifyOutreach checks the fingerprints of appeals, replies, media items
// and register entries, and that every kept file still has the SHA-256
// recorded when it was uploaded, each table in one pass as monitoring's
// are.
func verifyOutreach(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	var out []audit.ContentProblem
	for _, check := range []func(context.Context, *sql.Tx) ([]audit.ContentProblem, error){
		verifyAppeals, verifyAppealReplies, verifyAppealFiles, verifyMediaItems, verifyResources,
	} {
		ps, err := check(ctx, tx)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

// pwVerifyPass reads every id of a table with its stored and its
// recomputed fingerprint (what fn returns) and names the rows that differ.
func pwVerifyPass(ctx context.Context, tx *sql.Tx, entity, query string, scan func(*sql.Rows) (id int64, stored, now, name string, err error)) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", entity, err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, stored, now, name, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", entity, id, err)
		}
		if stored != now {
			out = append(out, audit.ContentProblem{EntityType: entity, ID: id, Name: name, Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

func verifyAppeals(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, platform.EntityAppeal, `SELECT a.id, a.content_hash, a.kind, a.reply_days, a.addressee_id, a.reference, a.sent_on,
		a.subject, a.activity_id, a.measure_id, a.closed_on, a.documents_public, f.sha256
		FROM appeals a LEFT JOIN appeal_files f ON f.id = a.document_id ORDER BY a.id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored, subject string
			var r appealRecord
			var activity, measure sql.NullInt64
			var closed, document sql.NullString
			var public int
			if err := rows.Scan(&id, &stored, &r.Kind, &r.ReplyDays, &r.AddresseeID, &r.Reference, &r.SentOn, &subject, &activity, &measure,
				&closed, &public, &document); err != nil {
				return id, "", "", "", err
			}
			r.ActivityID, r.MeasureID, r.ClosedOn, r.DocumentsPublic, r.Document = activity.Int64, measure.Int64, closed.String, public != 0, document.String
			var err error
			r.Title, err = parseText(subject)
			return id, stored, r.hash(), r.SentOn + " " + r.Title.String(), err
		})
}

func verifyAppealReplies(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	return pwVerifyPass(ctx, tx, platform.EntityAppealReply, `SELECT r.id, r.content_hash, r.appeal_id, r.received_on, r.summary, f.sha256
		FROM appeal_replies r LEFT JOIN appeal_files f ON f.id = r.file_id ORDER BY r.id`,
		func(rows *sql.Rows) (int64, string, string, string, error) {
			var id int64
			var stored, summary string
			var r replyRecord
			var document sql.NullString
			if err := rows.Scan(&id, &stored, &r.AppealID, &r.ReceivedOn, &summary, &document); err != nil {
				return id, "", "", "", err
			}
			r.Document = document.String
			var err error
			r.Summary, err = parseText(summary)
			return id, stored, r.hash(), "appeal " + strconv.FormatInt(r.AppealID, 10) + ", reply of " + r.ReceivedOn, err
		})
}

// verifyAppealFiles hashes every kept file again: a letter swapped in the
// database no longer has the SHA-256 its page shows.
func verifyAppealFiles(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, file_name, sha256, data FROM appeal_files ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("appeal files: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		var id int64
		var name, stored string
		var data []byte
		if err := rows.Scan(&id, &name, &stored, &data); err != nil {
			return nil, fmt.Errorf("appeal file %d: %w", id, err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != stored {
			out = append(out, audit.ContentProblem{EntityType: platform.EntityAppealDocument, ID: id, Name: name,
				Detail: "its content does not have the SHA-256 recorded when it was uploaded: it was changed outside ogpp"})
		}
	}
	return out, rows.Err()
}

// OutreachIndicatorSources compute a project's "appeals_sent" (its
// activities' live appeals) and "media_items" (their live media coverage).
// activities returns the ids of a project's activities: the projects keep
// them, and this file does not read their tables, so that either side may
// change its schema alone.
func (db *DB) OutreachIndicatorSources(activities func(ctx context.Context, projectID int64) ([]int64, error)) []platform.IndicatorSource {
	count := func(n func(ctx context.Context, ids []int64) (int, error)) func(context.Context, int64, string) (int64, error) {
		return func(ctx context.Context, projectID int64, _ string) (int64, error) {
			ids, err := activities(ctx, projectID)
			if err != nil {
				return 0, err
			}
			if ids == nil {
				ids = []int64{} // a project without activities has nothing of theirs
			}
			c, err := n(ctx, ids)
			return int64(c), err
		}
	}
	return []platform.IndicatorSource{
		platform.SourceFunc{Computation: platform.ComputeAppealsSent, Func: count(func(ctx context.Context, ids []int64) (int, error) {
			return db.CountAppeals(ctx, platform.AppealFilter{ActivityIDs: ids})
		})},
		platform.SourceFunc{Computation: platform.ComputeMediaItems, Func: count(func(ctx context.Context, ids []int64) (int, error) {
			return db.CountMedia(ctx, platform.MediaFilter{ActivityIDs: ids})
		})},
	}
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ogpp/internal/audit"
	"ogpp/internal/drafts"
	"ogpp/internal/plan"
)

// meetingContent is what a meeting's fingerprint covers and its audit
// entries record: the meeting, its attendance and its agenda with the
// votes and outcomes, so that a vote changed in the database directly is
// named like any other row.
type meetingContent struct {
	Date       string          `json:"date"`
	Place      string          `json:"place"`
	Quorum     drafts.Quorum   `json:"quorum"`
	Attendance bool            `json:"attendance_recorded"`
	Eligible   int             `json:"eligible"`
	Present    []int64         `json:"present"`
	Agenda     []agendaContent `json:"agenda"`
}

// agendaContent is an agenda item as its meeting's content holds it.
type agendaContent struct {
	DraftID   int64          `json:"draft_id"`
	Position  int            `json:"position"`
	Votes     drafts.Votes   `json:"votes"`
	Outcome   drafts.Outcome `json:"outcome,omitempty"`
	Revision  int            `json:"version,omitempty"`
	DecidedAt string         `json:"decided_at,omitempty"`
}

// meetingRow is a stored meeting as writes and reads need it.
type meetingRow struct {
	id        int64
	content   meetingContent
	itemIDs   []int64 // the agenda items' ids, in content.Agenda's order
	createdBy string
	createdAt string
	updatedAt string
	version   int
	hash      string
}

// readMeetingRow reads meeting id with its attendance and agenda;
// plan.ErrNotFound when there is none.
func readMeetingRow(ctx context.Context, q querier, id int64) (meetingRow, error) {
	r := meetingRow{id: id}
	c := &r.content
	var atLeast, recorded int
	err := q.QueryRowContext(ctx, `SELECT held_on, place, quorum_num, quorum_den, quorum_at_least, attendance_recorded, eligible, created_by,
		created_at, updated_at, version, content_hash FROM meetings WHERE id = $1`, id).Scan(
		&c.Date, &c.Place, &c.Quorum.Num, &c.Quorum.Den, &atLeast, &recorded, &c.Eligible, &r.createdBy, &r.createdAt, &r.updatedAt, &r.version, &r.hash)
	if errors.Is(err, sql.ErrNoRows) {
		return r, plan.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	c.Quorum.AtLeast, c.Attendance = atLeast != 0, recorded != 0
	c.Present = []int64{}
	rows, err := q.QueryContext(ctx, `SELECT organisation_id FROM meeting_attendance WHERE meeting_id = $1 ORDER BY organisation_id`, id)
	if err != nil {
		return r, err
	}
	for rows.Next() {
		var org int64
		if err := rows.Scan(&org); err != nil {
			rows.Close()
			return r, err
		}
		c.Present = append(c.Present, org)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return r, err
	}
	c.Agenda = []agendaContent{}
	rows, err = q.QueryContext(ctx, `SELECT id, draft_id, position, votes_for, votes_against, votes_abstain, outcome, revision, COALESCE(decided_at, '')
		FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id`, id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var itemID int64
		var a agendaContent
		var outcome string
		if err := rows.Scan(&itemID, &a.DraftID, &a.Position, &a.Votes.For, &a.Votes.Against, &a.Votes.Abstain, &outcome, &a.Revision, &a.DecidedAt); err != nil {
			return r, err
		}
		a.Outcome = drafts.Outcome(outcome)
		c.Agenda = append(c.Agenda, a)
		r.itemIDs = append(r.itemIDs, itemID)
	}
	return r, rows.Err()
}

// decided reports whether the meeting has decided on any item.
func (r meetingRow) decided() bool {
	for _, a := range r.content.Agenda {
		if a.Outcome != "" {
			return true
		}
	}
	return false
}

// rehashMeeting stores the fingerprint of meeting id as it now is and
// returns it as it now is.
func rehashMeeting(ctx context.Context, tx *sql.Tx, id int64) (meetingRow, error) {
	r, err := readMeetingRow(ctx, tx, id)
	if err != nil {
		return r, err
	}
	r.hash = contentHash(r.content)
	_, err = tx.ExecContext(ctx, `UPDATE meetings SET content_hash = $1 WHERE id = $2`, r.hash, id)
	return r, err
}

// auditMeeting appends the entry of a change of meeting id from before
// (nil for a new meeting) to what it now is.
func (db *DB) auditMeeting(ctx context.Context, tx *sql.Tx, actor audit.Actor, action audit.Action, id int64, before *meetingContent) error {
	after, err := rehashMeeting(ctx, tx, id)
	if err != nil {
		return err
	}
	var b any
	if before != nil {
		b = *before
	}
	return db.auditChange(ctx, tx, actor, action, drafts.EntityMeeting, id, b, after.content)
}

// GetMeeting returns meeting id with the organisations present and its
// agenda, each item with its draft's title, status and latest version.
func (db *DB) GetMeeting(ctx context.Context, id int64) (drafts.Meeting, error) {
	m, err := db.getMeeting(ctx, id)
	if err != nil {
		return m, fmt.Errorf("get meeting %d: %w", id, err)
	}
	return m, nil
}

func (db *DB) getMeeting(ctx context.Context, id int64) (drafts.Meeting, error) {
	r, err := readMeetingRow(ctx, db.read, id)
	if err != nil {
		return drafts.Meeting{}, err
	}
	c := r.content
	m := drafts.Meeting{ID: id, Place: c.Place, Quorum: c.Quorum, Eligible: c.Eligible, Attendance: c.Attendance, Version: r.version, CreatedName: r.createdBy}
	if m.Date, err = plan.ParseDate(c.Date); err != nil {
		return m, err
	}
	if m.CreatedAt, err = parseTime(r.createdAt); err != nil {
		return m, err
	}
	if m.UpdatedAt, err = parseTime(r.updatedAt); err != nil {
		return m, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT a.organisation_id, o.name FROM meeting_attendance a JOIN organisations o ON o.id = a.organisation_id
		WHERE a.meeting_id = $1 ORDER BY o.sort_key, o.id`, id)
	if err != nil {
		return m, err
	}
	for rows.Next() {
		var a drafts.Attendee
		var name string
		if err := rows.Scan(&a.OrganisationID, &name); err != nil {
			rows.Close()
			return m, err
		}
		if a.Name, err = parseText(name); err != nil {
			rows.Close()
			return m, err
		}
		m.Present = append(m.Present, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, err
	}
	for i, a := range c.Agenda {
		it := drafts.AgendaItem{ID: r.itemIDs[i], MeetingID: id, Position: a.Position, DraftID: a.DraftID, Votes: a.Votes, Outcome: a.Outcome, Revision: a.Revision}
		if it.DecidedAt, err = draftsParseOptionalTime(sql.NullString{String: a.DecidedAt, Valid: a.DecidedAt != ""}); err != nil {
			return m, err
		}
		var title, status string
		if err := db.read.QueryRowContext(ctx, `SELECT title, status, current_revision FROM drafts WHERE id = $1`, a.DraftID).Scan(
			&title, &status, &it.DraftCurrent); err != nil {
			return m, err
		}
		it.DraftStatus = drafts.Status(status)
		if it.DraftTitle, err = parseText(title); err != nil {
			return m, err
		}
		m.Agenda = append(m.Agenda, it)
	}
	return m, nil
}

// ListMeetings returns every meeting, the latest first, with its agenda
// and attendance.
func (db *DB) ListMeetings(ctx context.Context) ([]drafts.Meeting, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM meetings ORDER BY held_on DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list meetings: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	out := make([]drafts.Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := db.getMeeting(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("list meetings: meeting %d: %w", id, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// activeMembersOn lists the organisations whose membership was active on
// day: joined by then, and either active now or changed status only after
// it (an organisation that left in June was a member in May). A live
// membership of a live organisation only.
func activeMembersOn(ctx context.Context, q querier, day string) ([]drafts.Attendee, error) {
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.name FROM platform_memberships m JOIN organisations o ON o.id = m.organisation_id
		WHERE m.deleted_at IS NULL AND o.deleted_at IS NULL AND m.since <= $1
		AND (m.status = 'active' OR (m.status_since IS NOT NULL AND m.status_since > $1))
		ORDER BY o.sort_key, o.id`, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []drafts.Attendee
	for rows.Next() {
		var a drafts.Attendee
		var name string
		if err := rows.Scan(&a.OrganisationID, &name); err != nil {
			return nil, err
		}
		if a.Name, err = parseText(name); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ActiveMembers lists the organisations whose membership of the platform
// was active on a day, alphabetically.
func (db *DB) ActiveMembers(ctx context.Context, on plan.Date) ([]drafts.Attendee, error) {
	out, err := activeMembersOn(ctx, db.read, on.String())
	if err != nil {
		return nil, fmt.Errorf("active members on %s: %w", on, err)
	}
	return out, nil
}

// CreateMeeting records a meeting with its agenda, putting each draft on
// it, and records both in the audit log, in one transaction. A draft that
// cannot go on an agenda (see drafts.Status.CanGoOnAgenda) is refused with
// plan.FieldErrors.
func (db *DB) CreateMeeting(ctx context.Context, actor audit.Actor, e drafts.MeetingEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create meeting: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		name, err := draftsActorName(ctx, tx, actor)
		if err != nil {
			return err
		}
		atLeast := 0
		if e.Quorum.AtLeast {
			atLeast = 1
		}
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (held_on, place, quorum_num, quorum_den, quorum_at_least, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, e.Date, e.Place, e.Quorum.Num, e.Quorum.Den, atLeast, name, now).Scan(&id); err != nil {
			return err
		}
		for i, draftID := range e.Agenda {
			if err := db.putOnAgenda(ctx, tx, actor, id, draftID, i+1, now); err != nil {
				return err
			}
		}
		return db.auditMeeting(ctx, tx, actor, audit.ActionCreate, id, nil)
	})
	if err != nil {
		return 0, fmt.Errorf("create meeting: %w", err)
	}
	return id, nil
}

// putOnAgenda adds draft draftID to meeting id's agenda at position and
// moves the draft on the agenda, recording the draft's change.
func (db *DB) putOnAgenda(ctx context.Context, tx *sql.Tx, actor audit.Actor, meetingID, draftID int64, position int, now string) error {
	d, err := readDraftState(ctx, tx, draftID)
	if errors.Is(err, plan.ErrNotFound) {
		return plan.FieldErrors{"agenda": "drafts.agenda.unknown"}
	}
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agenda_items WHERE meeting_id = $1 AND draft_id = $2`, meetingID, draftID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return plan.FieldErrors{"agenda": "drafts.agenda.already"}
	}
	if !d.content.Status.CanGoOnAgenda() {
		return plan.FieldErrors{"agenda": "drafts.agenda.not_ready"}
	}
	rec, err := draftRecordOf(ctx, tx, draftID, d)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (meeting_id, position, draft_id) VALUES ($1, $2, $3)`, meetingID, position, draftID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE drafts SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3`,
		string(drafts.StatusOnAgenda), now, draftID); err != nil {
		return err
	}
	_, err = db.auditDraft(ctx, tx, actor, audit.ActionUpdate, draftID, &rec)
	return err
}

// AddAgendaItem puts a draft at the end of a meeting's agenda when the
// meeting's stored version is version.
func (db *DB) AddAgendaItem(ctx context.Context, actor audit.Actor, meetingID, draftID int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMeetingRow(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		if before.version != version {
			return errStale
		}
		position := 1
		for _, a := range before.content.Agenda {
			position = max(position, a.Position+1)
		}
		now := formatTime(db.Now())
		if err := db.putOnAgenda(ctx, tx, actor, meetingID, draftID, position, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3`, now, meetingID, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditMeeting(ctx, tx, actor, audit.ActionUpdate, meetingID, &before.content)
	})
	return db.meetingWriteError(ctx, "add to the agenda of", meetingID, err)
}

// RecordAttendance records the member organisations present at a meeting
// and how many were active members on its day, when the meeting's stored
// version is e.Version. An organisation that was not an active member then
// is refused with plan.FieldErrors; a meeting that has decided anything
// with drafts.ErrDecided, since its decisions were taken with the
// attendance as it was.
func (db *DB) RecordAttendance(ctx context.Context, actor audit.Actor, e drafts.AttendanceEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("record attendance of meeting %d: %w", e.MeetingID, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMeetingRow(ctx, tx, e.MeetingID)
		if err != nil {
			return err
		}
		if before.version != e.Version {
			return errStale
		}
		if before.decided() {
			return drafts.ErrDecided
		}
		active, err := activeMembersOn(ctx, tx, before.content.Date)
		if err != nil {
			return err
		}
		member := map[int64]bool{}
		for _, a := range active {
			member[a.OrganisationID] = true
		}
		for _, org := range e.Present {
			if !member[org] {
				return plan.FieldErrors{"present": "drafts.present.not_member"}
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_attendance WHERE meeting_id = $1`, e.MeetingID); err != nil {
			return err
		}
		for _, org := range e.Present {
			if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendance (meeting_id, organisation_id) VALUES ($1, $2)`, e.MeetingID, org); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET attendance_recorded = 1, eligible = $1, updated_at = $2, version = version + 1
			WHERE id = $3 AND version = $4`, len(active), formatTime(db.Now()), e.MeetingID, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditMeeting(ctx, tx, actor, audit.ActionUpdate, e.MeetingID, &before.content)
	})
	return db.meetingWriteError(ctx, "record attendance of", e.MeetingID, err)
}

// RecordDecision records the votes and the outcome of an agenda item when
// the meeting's stored version is e.Version, checked by
// drafts.CheckDecision against the meeting's attendance, and moves the
// draft to the outcome's status: adopted locks its text at the version
// voted. A decided item is refused with drafts.ErrDecided; a decision on
// another version than the draft's latest (saved after the form was
// shown) with plan.FieldErrors, since nobody voted on that text.
func (db *DB) RecordDecision(ctx context.Context, actor audit.Actor, e drafts.DecisionEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("record a decision of meeting %d: %w", e.MeetingID, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMeetingRow(ctx, tx, e.MeetingID)
		if err != nil {
			return err
		}
		if before.version != e.Version {
			return errStale
		}
		idx := -1
		for i, id := range before.itemIDs {
			if id == e.ItemID {
				idx = i
			}
		}
		if idx < 0 {
			return plan.ErrNotFound
		}
		item := before.content.Agenda[idx]
		if item.Outcome != "" {
			return drafts.ErrDecided
		}
		d, err := readDraftState(ctx, tx, item.DraftID)
		if err != nil {
			return err
		}
		if d.content.Status != drafts.StatusOnAgenda {
			return fmt.Errorf("decide on a draft that is %s: %w", d.content.Status, drafts.ErrBadTransition)
		}
		if d.content.Current != e.Revision {
			return plan.FieldErrors{"outcome": "drafts.decision.newer_version"}
		}
		if d.content.Current == 0 && e.Outcome != drafts.OutcomeReturned {
			return plan.FieldErrors{"outcome": "drafts.decision.no_text"}
		}
		c := before.content
		if fe := drafts.CheckDecision(c.Quorum, c.Attendance, len(c.Present), c.Eligible, e.Votes, e.Outcome); len(fe) > 0 {
			return fe
		}
		now := formatTime(db.Now())
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET votes_for = $1, votes_against = $2, votes_abstain = $3, outcome = $4, revision = $5,
			decided_at = $6 WHERE id = $7`, e.Votes.For, e.Votes.Against, e.Votes.Abstain, string(e.Outcome), e.Revision, now, e.ItemID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET updated_at = $1, version = version + 1 WHERE id = $2 AND version = $3`, now, e.MeetingID, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		rec, err := draftRecordOf(ctx, tx, item.DraftID, d)
		if err != nil {
			return err
		}
		adopted := d.content.Adopted
		if e.Outcome == drafts.OutcomeAdopted {
			adopted = e.Revision
		}
		if _, err := tx.ExecContext(ctx, `UPDATE drafts SET status = $1, adopted_revision = $2, decided_meeting_id = $3, updated_at = $4, version = version + 1
			WHERE id = $5`, string(e.Outcome.Status()), adopted, e.MeetingID, now, item.DraftID); err != nil {
			return err
		}
		if _, err := db.auditDraft(ctx, tx, actor, audit.ActionUpdate, item.DraftID, &rec); err != nil {
			return err
		}
		return db.auditMeeting(ctx, tx, actor, audit.ActionUpdate, e.MeetingID, &before.content)
	})
	return db.meetingWriteError(ctx, "record a decision of", e.MeetingID, err)
}

// meetingWriteError wraps the error of a write to meeting id, turning a
// stale version into a conflict that carries the meeting as it is now.
func (db *DB) meetingWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.getMeeting(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s meeting %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[drafts.Meeting]{Current: current}
	}
	return fmt.Errorf("%s meeting %d: %w", op, id, err)
}

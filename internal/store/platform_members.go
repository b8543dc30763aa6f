package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// membershipContent is what a membership's fingerprint covers: the row's
// own columns, the organisation by id, so that renaming the organisation
// does not make the membership look tampered with.
type membershipContent struct {
	OrganisationID int64                     `json:"organisation_id"`
	Since          string                    `json:"since"`
	Status         platform.MembershipStatus `json:"status"`
	StatusSince    string                    `json:"status_since,omitempty"`
	Note           plan.Text                 `json:"note"`
}

func (c membershipContent) hash() string {
	c.Note = c.Note.Clean()
	return contentHash(c)
}

// membershipRecord is a membership as the audit log records it, naming
// its organisation.
type membershipRecord struct {
	OrganisationID int64                     `json:"organisation_id"`
	Organisation   string                    `json:"organisation"`
	Since          string                    `json:"since"`
	Status         platform.MembershipStatus `json:"status"`
	StatusSince    string                    `json:"status_since,omitempty"`
	Note           plan.Text                 `json:"note,omitempty"`
}

// membershipState is a stored membership as writes need it.
type membershipState struct {
	content membershipContent
	org     string
	version int
	deleted bool
	hash    string // as stored
}

func (s membershipState) record() membershipRecord {
	c := s.content
	return membershipRecord{OrganisationID: c.OrganisationID, Organisation: s.org, Since: c.Since, Status: c.Status, StatusSince: c.StatusSince, Note: c.Note}
}

const membershipStateSelect = `SELECT ms.id, ms.organisation_id, ms.since, ms.status, COALESCE(ms.status_since, ''), ms.note, ms.version,
	ms.deleted_at IS NOT NULL, ms.content_hash, o.name FROM platform_memberships ms JOIN organisations o ON o.id = ms.organisation_id`

func scanMembershipState(row scanner) (int64, membershipState, error) {
	var id int64
	var s membershipState
	var note, org, status string
	err := row.Scan(&id, &s.content.OrganisationID, &s.content.Since, &status, &s.content.StatusSince, &note, &s.version, &s.deleted, &s.hash, &org)
	if err != nil {
		return id, s, err
	}
	s.content.Status = platform.MembershipStatus(status)
	if s.content.Note, err = parseText(note); err != nil {
		return id, s, err
	}
	name, err := parseText(org)
	s.org = name.String()
	return id, s, err
}

// readMembershipState reads membership id, live or deleted;
// plan.ErrNotFound when there is none.
func readMembershipState(ctx context.Context, q querier, id int64) (membershipState, error) {
	_, s, err := scanMembershipState(q.QueryRowContext(ctx, membershipStateSelect+` WHERE ms.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = plan.ErrNotFound
	}
	return s, err
}

const membershipColumns = `ms.id, ms.organisation_id, ms.since, ms.status, ms.status_since, ms.note, ms.updated_at, ms.version,
	o.name, o.kind, COALESCE(o.member_id, 0), COALESCE(mb.slug, ''), COALESCE(mb.name, '{}')`

// membershipFrom joins what public reads show: a membership is live while
// both it and its organisation are.
const membershipFrom = ` FROM platform_memberships ms JOIN organisations o ON o.id = ms.organisation_id AND o.deleted_at IS NULL
	LEFT JOIN members mb ON mb.id = o.member_id`

func scanMembership(row scanner) (platform.Membership, error) {
	var m platform.Membership
	var since, status, note, updated, orgName, kind, memberName string
	var statusSince sql.NullString
	if err := row.Scan(&m.ID, &m.OrganisationID, &since, &status, &statusSince, &note, &updated, &m.Version, &orgName, &kind,
		&m.Organisation.MemberID, &m.Organisation.Member.Slug, &memberName); err != nil {
		return m, err
	}
	m.Status = platform.MembershipStatus(status)
	m.Organisation.ID, m.Organisation.Kind = m.OrganisationID, plan.OrganisationKind(kind)
	var err error
	if m.Since, err = plan.ParseDate(since); err != nil {
		return m, fmt.Errorf("stored date %q: %w", since, err)
	}
	if m.StatusSince, err = parseDate(statusSince); err != nil {
		return m, err
	}
	if m.Note, err = parseText(note); err != nil {
		return m, err
	}
	if m.Organisation.Name, err = parseText(orgName); err != nil {
		return m, err
	}
	if m.Organisation.Member.Name, err = parseText(memberName); err != nil {
		return m, err
	}
	m.Organisation.Member.ID = m.Organisation.MemberID
	m.UpdatedAt, err = parseTime(updated)
	return m, err
}

// queryMemberships reads memberships and fills their representatives.
func queryMemberships(ctx context.Context, q querier, where, tail string, args ...any) ([]platform.Membership, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+membershipColumns+membershipFrom+andWhere(where, `ms.deleted_at IS NULL`)+tail, args...)
	if err != nil {
		return nil, err
	}
	var out []platform.Membership
	for rows.Next() {
		m, err := scanMembership(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	orgs := make([]int64, len(out))
	for i, m := range out {
		orgs[i] = m.OrganisationID
	}
	reps, err := representativesOf(ctx, q, orgs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Representatives = reps[out[i].OrganisationID]
	}
	return out, nil
}

// representativesOf reads the live representatives of organisations, by
// organisation, alphabetically: names and positions, never contacts.
func representativesOf(ctx context.Context, q querier, orgs []int64) (map[int64][]platform.PersonRef, error) {
	out := map[int64][]platform.PersonRef{}
	for len(orgs) > 0 {
		// Bound the placeholders of one query; both dialects take
		// thousands, but a page of memberships needs only a few.
		batch := orgs[:min(len(orgs), 500)]
		orgs = orgs[len(batch):]
		var c conds
		marks := make([]string, len(batch))
		for i, id := range batch {
			marks[i] = c.arg(id)
		}
		rows, err := q.QueryContext(ctx, `SELECT p.id, p.name, p.position, p.organisation_id FROM platform_people p
			WHERE p.deleted_at IS NULL AND p.representative = 1 AND p.organisation_id IN (`+strings.Join(marks, ", ")+`)
			ORDER BY p.sort_key, p.id`, c.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r platform.PersonRef
			var name, position string
			if err := rows.Scan(&r.ID, &name, &position, &r.OrganisationID); err != nil {
				rows.Close()
				return nil, err
			}
			if r.Name, err = parseText(name); err != nil {
				rows.Close()
				return nil, err
			}
			if r.Position, err = parseText(position); err != nil {
				rows.Close()
				return nil, err
			}
			out[r.OrganisationID] = append(out[r.OrganisationID], r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// membershipConds turns a filter into conditions.
func membershipConds(f platform.MembershipFilter) *conds {
	c := &conds{}
	c.add(`ms.deleted_at IS NULL`)
	if f.Status != "" {
		c.add(`ms.status = ?`, string(f.Status))
	}
	if f.Kind != "" {
		c.add(`o.kind = ?`, string(f.Kind))
	}
	return c
}

const membershipOrder = ` ORDER BY o.sort_key, ms.id`

// ListMemberships returns a page of live memberships of live organisations
// in the organisations' alphabetical order, with their representatives.
func (db *DB) ListMemberships(ctx context.Context, f platform.MembershipFilter) (plan.Page[platform.Membership], error) {
	var page plan.Page[platform.Membership]
	limit, offset := pageLimits(f.Limit, f.Offset)
	c := membershipConds(f)
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*)`+membershipFrom+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list memberships: %w", err)
	}
	items, err := queryMemberships(ctx, db.read, c.where(), membershipOrder+` LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return page, fmt.Errorf("list memberships: %w", err)
	}
	page.Items = items
	return page, nil
}

// MemberList returns every live membership f selects, for exports: the
// public member list, with representatives' names and positions and no
// contacts. f's Limit and Offset are ignored.
func (db *DB) MemberList(ctx context.Context, f platform.MembershipFilter) ([]platform.Membership, error) {
	c := membershipConds(f)
	out, err := queryMemberships(ctx, db.read, c.where(), membershipOrder, c.args...)
	if err != nil {
		return nil, fmt.Errorf("member list: %w", err)
	}
	return out, nil
}

// GetMembership returns a live membership of a live organisation.
func (db *DB) GetMembership(ctx context.Context, id int64) (platform.Membership, error) {
	out, err := queryMemberships(ctx, db.read, ` WHERE ms.id = $1`, "", id)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Membership{}, fmt.Errorf("get membership %d: %w", id, err)
	}
	return out[0], nil
}

// MembershipOf returns an organisation's live membership.
func (db *DB) MembershipOf(ctx context.Context, organisationID int64) (platform.Membership, error) {
	out, err := queryMemberships(ctx, db.read, ` WHERE ms.organisation_id = $1`, "", organisationID)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Membership{}, fmt.Errorf("membership of organisation %d: %w", organisationID, err)
	}
	return out[0], nil
}

// MembershipCandidates lists the live organisations a membership may be
// added for, alphabetically: no state bodies, none that is a member
// already, and no organisation of kind "other" that executes measures.
// OGP's data set imports every lead institution it cannot classify as
// "other" (some two thousand), and offering those would bury the NGOs.
func (db *DB) MembershipCandidates(ctx context.Context) ([]plan.Organisation, error) {
	out, err := db.queryOrganisations(ctx, ` WHERE o.kind <> $1 AND NOT EXISTS (SELECT 1 FROM platform_memberships ms
		WHERE ms.organisation_id = o.id AND ms.deleted_at IS NULL)
		AND (o.kind <> $2 OR NOT EXISTS (SELECT 1 FROM measure_executors x WHERE x.organisation_id = o.id))`,
		` ORDER BY o.sort_key, o.id LIMIT 2000`, string(plan.OrgStateBody), string(plan.OrgOther))
	if err != nil {
		return nil, fmt.Errorf("membership candidates: %w", err)
	}
	return out, nil
}

// CreateMembership adds a membership and records it in the audit log, in
// one transaction, and returns its id. With e.NewOrganisation the
// organisation is created first, in the same transaction and with its own
// audit entry. An unknown organisation, a state body or one that is a
// member already is refused with plan.FieldErrors.
func (db *DB) CreateMembership(ctx context.Context, actor audit.Actor, e platform.MembershipEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create membership: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		now := formatTime(db.Now())
		orgID := e.OrganisationID
		if orgID == 0 {
			var err error
			if orgID, err = db.createOrganisationIn(ctx, tx, actor, e.NewOrganisation, now); err != nil {
				return err
			}
		}
		if err := checkMembershipOrganisation(ctx, tx, 0, orgID); err != nil {
			return err
		}
		c := membershipContentOf(&e, orgID)
		if err := tx.QueryRowContext(ctx, `INSERT INTO platform_memberships (organisation_id, since, status, status_since, note, content_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
			orgID, c.Since, string(c.Status), nullString(c.StatusSince), textJSON(c.Note), c.hash(), now).Scan(&id); err != nil {
			return err
		}
		after, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityMembership, id, nil, after.record())
	})
	if err != nil {
		return 0, fmt.Errorf("create membership: %w", err)
	}
	return id, nil
}

// UpdateMembership replaces membership id's dates, status and note when
// its stored version is e.Version; a stale version is refused with a
// *plan.ConflictError[platform.Membership]. A membership stays with its
// organisation (e.OrganisationID is ignored): another organisation is
// another membership.
func (db *DB) UpdateMembership(ctx context.Context, actor audit.Actor, id int64, e platform.MembershipEdit) error {
	// The stored organisation stays, whatever the edit names.
	e.NewOrganisation, e.OrganisationID = nil, -1
	fe := e.Validate()
	delete(fe, "organisation")
	if len(fe) > 0 {
		return fmt.Errorf("update membership %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		c := membershipContentOf(&e, before.content.OrganisationID)
		res, err := tx.ExecContext(ctx, `UPDATE platform_memberships SET since = $1, status = $2, status_since = $3, note = $4, content_hash = $5,
			updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8 AND deleted_at IS NULL`,
			c.Since, string(c.Status), nullString(c.StatusSince), textJSON(c.Note), c.hash(), formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityMembership, id, before.record(), after.record())
	})
	return db.membershipWriteError(ctx, "update", id, err)
}

// EndMembership records that the organisation left the platform on day
// on, when the stored version is version. A day before it joined is
// refused with plan.FieldErrors{"date": …}.
func (db *DB) EndMembership(ctx context.Context, actor audit.Actor, id int64, on plan.Date, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		if since, err := plan.ParseDate(before.content.Since); err == nil && on.Before(since) {
			return plan.FieldErrors{"date": "members.status_since.before_since"}
		}
		c := before.content
		c.Status, c.StatusSince = platform.MembershipLeft, on.String()
		res, err := tx.ExecContext(ctx, `UPDATE platform_memberships SET status = $1, status_since = $2, content_hash = $3, updated_at = $4,
			version = version + 1 WHERE id = $5 AND version = $6 AND deleted_at IS NULL`,
			string(c.Status), c.StatusSince, c.hash(), formatTime(db.Now()), id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityMembership, id, before.record(), after.record())
	})
	return db.membershipWriteError(ctx, "end", id, err)
}

// DeleteMembership soft-deletes membership id when its stored version is
// version: for a membership entered by mistake. An organisation that left
// is ended, not deleted, so that the list keeps its history.
func (db *DB) DeleteMembership(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != version {
			return errStale
		}
		now := formatTime(db.Now())
		res, err := tx.ExecContext(ctx, `UPDATE platform_memberships SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityMembership, id, before.record())
	})
	return db.membershipWriteError(ctx, "delete", id, err)
}

// RestoreMembership brings back a soft-deleted membership, unless its
// organisation has a live membership meanwhile (plan.ErrInUse); one that
// is not deleted is plan.ErrNotFound.
func (db *DB) RestoreMembership(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		if !before.deleted {
			return plan.ErrNotFound
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_memberships WHERE organisation_id = $1 AND deleted_at IS NULL`,
			before.content.OrganisationID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the organisation is a member again: %w", plan.ErrInUse)
		}
		res, err := tx.ExecContext(ctx, `UPDATE platform_memberships SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); err != nil {
			return err
		}
		after, err := readMembershipState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityMembership, id, nil, after.record())
	})
	if err != nil {
		return fmt.Errorf("restore membership %d: %w", id, err)
	}
	return nil
}

// membershipWriteError wraps the error of a write to membership id,
// turning a stale version into a conflict that carries it as it is now.
func (db *DB) membershipWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetMembership(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s membership %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Membership]{Current: current}
	}
	return fmt.Errorf("%s membership %d: %w", op, id, err)
}

// checkMembershipOrganisation checks that organisation orgID may have a
// membership: it is live, no state body, and has no other live one.
func checkMembershipOrganisation(ctx context.Context, tx *sql.Tx, id, orgID int64) error {
	var kind string
	err := tx.QueryRowContext(ctx, `SELECT kind FROM organisations WHERE id = $1 AND deleted_at IS NULL`, orgID).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return plan.FieldErrors{"organisation": "members.organisation.unknown"}
	}
	if err != nil {
		return err
	}
	if plan.OrganisationKind(kind) == plan.OrgStateBody {
		return plan.FieldErrors{"organisation": "members.organisation.state_body"}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_memberships WHERE organisation_id = $1 AND id <> $2 AND deleted_at IS NULL`,
		orgID, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return plan.FieldErrors{"organisation": "members.organisation.already"}
	}
	return nil
}

// createOrganisationIn creates an organisation within tx as
// CreateOrganisation does, with its audit entry, and returns its id. Its
// problems are the membership form's: "org_name", "org_kind".
func (db *DB) createOrganisationIn(ctx context.Context, tx *sql.Tx, actor audit.Actor, e *plan.OrganisationEdit, now string) (int64, error) {
	memberID, err := checkOrganisationEdit(ctx, tx, 0, e)
	var fe plan.FieldErrors
	if errors.As(err, &fe) {
		out := plan.FieldErrors{}
		for field, key := range fe {
			if field == "name" || field == "kind" {
				field = "org_" + field
			} else {
				field = "organisation"
			}
			out[field] = key
		}
		return 0, out
	}
	if err != nil {
		return 0, err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO organisations (member_id, scope, name, name_key, kind, search, search_intl, sort_key, content_hash, updated_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`, organisationArgs(e, memberID, now)...).Scan(&id); err != nil {
		return 0, err
	}
	return id, db.auditOrganisation(ctx, tx, actor, audit.ActionCreate, id, nil)
}

// membershipContentOf is the content an edit writes for organisation orgID.
func membershipContentOf(e *platform.MembershipEdit, orgID int64) membershipContent {
	c := membershipContent{OrganisationID: orgID, Since: e.SinceDate().String(), Status: e.Status, Note: e.Note.Clean()}
	if d := e.StatusSinceDate(); d != nil {
		c.StatusSince = d.String()
	}
	return c
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// verifyMemberships compares each membership's stored fingerprint with
// one of what the row now holds.
func verifyMemberships(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, membershipStateSelect+` ORDER BY ms.id`)
	if err != nil {
		return nil, fmt.Errorf("memberships: %w", err)
	}
	defer rows.Close()
	var out []audit.ContentProblem
	for rows.Next() && len(out) < maxContentProblems {
		id, s, err := scanMembershipState(rows)
		if err != nil {
			return nil, fmt.Errorf("membership %d: %w", id, err)
		}
		if s.content.hash() != s.hash {
			out = append(out, audit.ContentProblem{EntityType: platform.EntityMembership, ID: id, Name: s.org, Detail: changedOutside})
		}
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"ogpp/internal/audit"
	"ogpp/internal/i18n"
	"ogpp/internal/plan"
	"ogpp/internal/platform"
)

// groupContent is what an expert group's fingerprint covers: its columns
// and its members in order, by person id.
type groupContent struct {
	Name       plan.Text            `json:"name"`
	Purpose    plan.Text            `json:"purpose"`
	FormedFor  plan.Text            `json:"formed_for"`
	ActivityID int64                `json:"activity_id"`
	DraftID    int64                `json:"draft_id"`
	LeadID     int64                `json:"lead_id"`
	Status     platform.GroupStatus `json:"status"`
	MemberIDs  []int64              `json:"members"`
}

func (c groupContent) hash() string {
	c.Name, c.Purpose, c.FormedFor = c.Name.Clean(), c.Purpose.Clean(), c.FormedFor.Clean()
	if len(c.MemberIDs) == 0 {
		c.MemberIDs = nil
	}
	return contentHash(c)
}

// groupState is a stored group as writes and verification need it; the
// audit log records its content as it is.
type groupState struct {
	content groupContent
	version int
	deleted bool
	hash    string // as stored
}

const groupStateSelect = `SELECT g.id, g.name, g.purpose, g.formed_for, g.activity_id, g.draft_id, COALESCE(g.lead_id, 0), g.status,
	g.version, g.deleted_at IS NOT NULL, g.content_hash FROM platform_groups g`

func scanGroupState(row scanner) (int64, groupState, error) {
	var id int64
	var s groupState
	var name, purpose, formedFor, status string
	err := row.Scan(&id, &name, &purpose, &formedFor, &s.content.ActivityID, &s.content.DraftID, &s.content.LeadID, &status,
		&s.version, &s.deleted, &s.hash)
	if err != nil {
		return id, s, err
	}
	s.content.Status = platform.GroupStatus(status)
	if s.content.Name, err = parseText(name); err != nil {
		return id, s, err
	}
	if s.content.Purpose, err = parseText(purpose); err != nil {
		return id, s, err
	}
	s.content.FormedFor, err = parseText(formedFor)
	return id, s, err
}

// readGroupState reads group id with its member ids, live or deleted;
// plan.ErrNotFound when there is none.
func readGroupState(ctx context.Context, q querier, id int64) (groupState, error) {
	_, s, err := scanGroupState(q.QueryRowContext(ctx, groupStateSelect+` WHERE g.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, plan.ErrNotFound
	}
	if err != nil {
		return s, err
	}
	s.content.MemberIDs, err = groupMemberIDs(ctx, q, id)
	return s, err
}

// groupMemberIDs reads the person ids of a group's members in order.
func groupMemberIDs(ctx context.Context, q querier, id int64) ([]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT person_id FROM platform_group_members WHERE group_id = $1 ORDER BY position, person_id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const groupColumns = `g.id, g.name, g.purpose, g.formed_for, g.activity_id, g.draft_id, COALESCE(g.lead_id, 0), g.status, g.updated_at, g.version,
	(SELECT COUNT(*) FROM platform_group_members gm JOIN platform_people p ON p.id = gm.person_id
		WHERE gm.group_id = g.id AND p.deleted_at IS NULL)`

func scanGroup(row scanner) (platform.Group, error) {
	var g platform.Group
	var name, purpose, formedFor, status, updated string
	if err := row.Scan(&g.ID, &name, &purpose, &formedFor, &g.ActivityID, &g.DraftID, &g.LeadID, &status, &updated, &g.Version,
		&g.MemberCount); err != nil {
		return g, err
	}
	g.Status = platform.GroupStatus(status)
	var err error
	if g.Name, err = parseText(name); err != nil {
		return g, err
	}
	if g.Purpose, err = parseText(purpose); err != nil {
		return g, err
	}
	if g.FormedFor, err = parseText(formedFor); err != nil {
		return g, err
	}
	g.UpdatedAt, err = parseTime(updated)
	return g, err
}

func queryGroups(ctx context.Context, q querier, where, tail string, args ...any) ([]platform.Group, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+groupColumns+` FROM platform_groups g`+andWhere(where, `g.deleted_at IS NULL`)+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []platform.Group
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// groupOrder lists active groups first ("active" sorts before
// "finished"), then by name.
const groupOrder = ` ORDER BY g.status, g.sort_key, g.id`

// ListGroups returns a page of live expert groups, active ones first, then
// alphabetically; members are counted, not listed.
func (db *DB) ListGroups(ctx context.Context, f platform.GroupFilter) (plan.Page[platform.Group], error) {
	var page plan.Page[platform.Group]
	limit, offset := pageLimits(f.Limit, f.Offset)
	var c conds
	c.add(`g.deleted_at IS NULL`)
	if f.Status != "" {
		c.add(`g.status = ?`, string(f.Status))
	}
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM platform_groups g`+c.where(), c.args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("list groups: %w", err)
	}
	items, err := queryGroups(ctx, db.read, c.where(), groupOrder+` LIMIT `+c.arg(limit)+` OFFSET `+c.arg(offset), c.args...)
	if err != nil {
		return page, fmt.Errorf("list groups: %w", err)
	}
	page.Items = items
	return page, nil
}

// GetGroup returns a live group with its lead and its live members (the
// lead first, then in the order they were listed), without contacts.
func (db *DB) GetGroup(ctx context.Context, id int64) (platform.Group, error) {
	out, err := queryGroups(ctx, db.read, ` WHERE g.id = $1`, "", id)
	if err == nil && len(out) == 0 {
		err = plan.ErrNotFound
	}
	if err != nil {
		return platform.Group{}, fmt.Errorf("get group %d: %w", id, err)
	}
	g := out[0]
	rows, err := db.read.QueryContext(ctx, `SELECT p.id, p.name, p.position, COALESCE(o.id, 0), COALESCE(o.name, '{}')
		FROM platform_group_members gm JOIN platform_people p ON p.id = gm.person_id
		LEFT JOIN organisations o ON o.id = p.organisation_id AND o.deleted_at IS NULL
		WHERE gm.group_id = $1 AND p.deleted_at IS NULL ORDER BY gm.position, p.id`, id)
	if err != nil {
		return g, fmt.Errorf("get group %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var r platform.PersonRef
		var name, position, org string
		if err := rows.Scan(&r.ID, &name, &position, &r.OrganisationID, &org); err != nil {
			return g, fmt.Errorf("get group %d: %w", id, err)
		}
		if r.Name, err = parseText(name); err == nil {
			if r.Position, err = parseText(position); err == nil {
				r.Organisation, err = parseText(org)
			}
		}
		if err != nil {
			return g, fmt.Errorf("get group %d: %w", id, err)
		}
		if r.ID == g.LeadID {
			g.Lead = r
		}
		g.Members = append(g.Members, r)
	}
	if err := rows.Err(); err != nil {
		return g, fmt.Errorf("get group %d: %w", id, err)
	}
	if g.Lead.ID == 0 {
		// The lead was deleted: the group has none until it is given one.
		g.LeadID = 0
	}
	return g, nil
}

// GroupsOfPerson returns the live groups a person leads or belongs to.
func (db *DB) GroupsOfPerson(ctx context.Context, personID int64) ([]platform.Group, error) {
	out, err := queryGroups(ctx, db.read, ` WHERE (g.lead_id = $1 OR EXISTS (SELECT 1 FROM platform_group_members gm
		WHERE gm.group_id = g.id AND gm.person_id = $1))`, groupOrder, personID)
	if err != nil {
		return nil, fmt.Errorf("groups of person %d: %w", personID, err)
	}
	return out, nil
}

// GroupCandidates lists the live people of organisations with an active
// membership, alphabetically: those a group may take in.
func (db *DB) GroupCandidates(ctx context.Context) ([]platform.Person, error) {
	out, err := queryPeople(ctx, db.read, ` WHERE EXISTS (SELECT 1 FROM platform_memberships ms WHERE ms.organisation_id = o.id
		AND ms.deleted_at IS NULL AND ms.status = $1)`, ` ORDER BY p.sort_key, p.id LIMIT 2000`, string(platform.MembershipActive))
	if err != nil {
		return nil, fmt.Errorf("group candidates: %w", err)
	}
	return out, nil
}

// CreateGroup adds an expert group with its members and records it in the
// audit log, in one transaction, and returns its id. People who are not of
// an organisation with an active membership are refused with
// plan.FieldErrors.
func (db *DB) CreateGroup(ctx context.Context, actor audit.Actor, e platform.GroupEdit) (int64, error) {
	if fe := e.Validate(); len(fe) > 0 {
		return 0, fmt.Errorf("create group: %w", fe)
	}
	var id int64
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		if err := checkGroupPeople(ctx, tx, &e, nil); err != nil {
			return err
		}
		c := groupContentOf(&e)
		now := formatTime(db.Now())
		if err := tx.QueryRowContext(ctx, `INSERT INTO platform_groups (name, purpose, formed_for, activity_id, draft_id, lead_id, status, sort_key,
			content_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
			textJSON(c.Name), textJSON(c.Purpose), textJSON(c.FormedFor), c.ActivityID, c.DraftID, leadValue(c.LeadID), string(c.Status),
			i18n.SortKey(c.Name.String()), c.hash(), now).Scan(&id); err != nil {
			return err
		}
		if err := writeGroupMembers(ctx, tx, id, c.MemberIDs); err != nil {
			return err
		}
		after, err := readGroupState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionCreate, platform.EntityGroup, id, nil, after.content)
	})
	if err != nil {
		return 0, fmt.Errorf("create group: %w", err)
	}
	return id, nil
}

// UpdateGroup replaces group id and its members when its stored version is
// e.Version; a stale version is refused with a
// *plan.ConflictError[platform.Group]. Members already in the group stay
// allowed even when their organisation has left the platform since.
func (db *DB) UpdateGroup(ctx context.Context, actor audit.Actor, id int64, e platform.GroupEdit) error {
	if fe := e.Validate(); len(fe) > 0 {
		return fmt.Errorf("update group %d: %w", id, fe)
	}
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readGroupState(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.deleted {
			return plan.ErrNotFound
		}
		if before.version != e.Version {
			return errStale
		}
		had := append([]int64{before.content.LeadID}, before.content.MemberIDs...)
		if err := checkGroupPeople(ctx, tx, &e, had); err != nil {
			return err
		}
		c := groupContentOf(&e)
		res, err := tx.ExecContext(ctx, `UPDATE platform_groups SET name = $1, purpose = $2, formed_for = $3, activity_id = $4, draft_id = $5,
			lead_id = $6, status = $7, sort_key = $8, content_hash = $9, updated_at = $10, version = version + 1
			WHERE id = $11 AND version = $12 AND deleted_at IS NULL`,
			textJSON(c.Name), textJSON(c.Purpose), textJSON(c.FormedFor), c.ActivityID, c.DraftID, leadValue(c.LeadID), string(c.Status),
			i18n.SortKey(c.Name.String()), c.hash(), formatTime(db.Now()), id, e.Version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM platform_group_members WHERE group_id = $1`, id); err != nil {
			return err
		}
		if err := writeGroupMembers(ctx, tx, id, c.MemberIDs); err != nil {
			return err
		}
		after, err := readGroupState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionUpdate, platform.EntityGroup, id, before.content, after.content)
	})
	return db.groupWriteError(ctx, "update", id, err)
}

// DeleteGroup soft-deletes group id when its stored version is version.
func (db *DB) DeleteGroup(ctx context.Context, actor audit.Actor, id int64, version int) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		before, err := readGroupState(ctx, tx, id)
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
		res, err := tx.ExecContext(ctx, `UPDATE platform_groups SET deleted_at = $1, updated_at = $1, version = version + 1
			WHERE id = $2 AND version = $3 AND deleted_at IS NULL`, now, id, version)
		if err := oneRow(res, err); err != nil {
			return err
		}
		return db.auditDeleted(ctx, tx, actor, platform.EntityGroup, id, before.content)
	})
	return db.groupWriteError(ctx, "delete", id, err)
}

// RestoreGroup brings back a soft-deleted group; one that is not deleted
// is plan.ErrNotFound.
func (db *DB) RestoreGroup(ctx context.Context, actor audit.Actor, id int64) error {
	err := db.Transact(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE platform_groups SET deleted_at = NULL, updated_at = $1, version = version + 1
			WHERE id = $2 AND deleted_at IS NOT NULL`, formatTime(db.Now()), id)
		if err := oneRow(res, err); errors.Is(err, errStale) {
			return plan.ErrNotFound
		} else if err != nil {
			return err
		}
		after, err := readGroupState(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.auditChange(ctx, tx, actor, audit.ActionRestore, platform.EntityGroup, id, nil, after.content)
	})
	if err != nil {
		return fmt.Errorf("restore group %d: %w", id, err)
	}
	return nil
}

// groupWriteError wraps the error of a write to group id, turning a stale
// version into a conflict that carries the group as it is now.
func (db *DB) groupWriteError(ctx context.Context, op string, id int64, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errStale) {
		current, gerr := db.GetGroup(ctx, id)
		if gerr != nil {
			return fmt.Errorf("%s group %d: %w", op, id, gerr)
		}
		err = &plan.ConflictError[platform.Group]{Current: current}
	}
	return fmt.Errorf("%s group %d: %w", op, id, err)
}

// checkGroupPeople checks the lead and members of an edit: each is a live
// person, and each not among had (the group's people before the edit) is
// of an organisation with an active membership. A problem with the lead is
// the "lead" field's, any other the "members" field's.
func checkGroupPeople(ctx context.Context, tx *sql.Tx, e *platform.GroupEdit, had []int64) error {
	for _, id := range e.MemberIDs {
		field := "members"
		if id == e.LeadID {
			field = "lead"
		}
		var live, member bool
		err := tx.QueryRowContext(ctx, `SELECT p.deleted_at IS NULL, EXISTS (SELECT 1 FROM platform_memberships ms
			JOIN organisations o ON o.id = ms.organisation_id AND o.deleted_at IS NULL
			WHERE ms.organisation_id = p.organisation_id AND ms.deleted_at IS NULL AND ms.status = $2)
			FROM platform_people p WHERE p.id = $1`, id, string(platform.MembershipActive)).Scan(&live, &member)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && !live:
			return plan.FieldErrors{field: "members.person.unknown"}
		case err != nil:
			return err
		case !member && !slices.Contains(had, id):
			return plan.FieldErrors{field: "members.group.not_member"}
		}
	}
	return nil
}

// writeGroupMembers inserts a group's members in order.
func writeGroupMembers(ctx context.Context, tx *sql.Tx, id int64, members []int64) error {
	for i, p := range members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO platform_group_members (group_id, person_id, position) VALUES ($1, $2, $3)`, id, p, i); err != nil {
			return err
		}
	}
	return nil
}

// groupContentOf is the content an edit writes.
func groupContentOf(e *platform.GroupEdit) groupContent {
	return groupContent{Name: e.Name.Clean(), Purpose: e.Purpose.Clean(), FormedFor: e.FormedFor.Clean(), ActivityID: e.ActivityID,
		DraftID: e.DraftID, LeadID: e.LeadID, Status: e.Status, MemberIDs: e.MemberIDs}
}

// leadValue stores no lead as NULL.
func leadValue(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// verifyGroups compares each group's stored fingerprint with one of what
// the row and its members now hold. Members are read after the pass over
// the groups: a transaction runs one query at a time.
func verifyGroups(ctx context.Context, tx *sql.Tx) ([]audit.ContentProblem, error) {
	rows, err := tx.QueryContext(ctx, groupStateSelect+` ORDER BY g.id`)
	if err != nil {
		return nil, fmt.Errorf("groups: %w", err)
	}
	type stored struct {
		id int64
		s  groupState
	}
	var all []stored
	for rows.Next() {
		id, s, err := scanGroupState(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("group %d: %w", id, err)
		}
		all = append(all, stored{id, s})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("groups: %w", err)
	}
	var out []audit.ContentProblem
	for _, g := range all {
		if g.s.content.MemberIDs, err = groupMemberIDs(ctx, tx, g.id); err != nil {
			return nil, fmt.Errorf("group %d: %w", g.id, err)
		}
		if g.s.content.hash() != g.s.hash {
			out = append(out, audit.ContentProblem{EntityType: platform.EntityGroup, ID: g.id, Name: strings.TrimSpace(g.s.content.Name.String()),
				Detail: changedOutside})
			if len(out) >= maxContentProblems {
				break
			}
		}
	}
	return out, nil
}
